// The local images imported pages show: read, checked by content, and pointed at their stored address.
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { imageFileName, imageId, imageProblem, imageUrl, MAX_IMAGE_BYTES, sniffImageType } from '../handbook.images.ts'
import type { SiteInfo } from '../handbook.sites.ts'
import type { ImportedImage, ReadPage } from './import.types.ts'
import { SCHEME, Problems, cached, lineOf, safeDecode, errorMessage } from './common.ts'
import { splitTarget } from './links.ts'
import { withoutBase, replaceLinks } from './site-links.ts'

/** Reads every local image the pages show, keeps those that are images by content, and points the pages at them. */
export async function keepImages(
  rootPath: string,
  site: SiteInfo,
  readPages: ReadPage[],
  problems: Problems,
): Promise<ImportedImage[]> {
  const images = new Map<string, ImportedImage>()
  const byFile = new Map<string, Promise<ImportedImage | string>>()
  for (const read of readPages) {
    const { page } = read
    const found: { href: string; offset: number }[] = []
    replaceLinks(page.body, true, (href, offset) => {
      found.push({ href, offset })
      return href
    })
    const replacements = new Map<string, string>()
    const reported = new Set<string>()
    for (const { href, offset } of found) {
      const line = read.firstLine + lineOf(page.body, offset) - 1
      const report = (message: string, severity: 'warning' | 'note') => {
        if (reported.has(message)) return
        reported.add(message)
        problems.list.push({ file: page.sourcePath, line, message, severity })
      }
      if (/^https?:\/\//i.test(href)) {
        report(`Kept the address of the image ${href}: it shows as a link to the original`, 'note')
        continue
      }
      if (SCHEME.test(href) || href.startsWith('//')) {
        report(`Removed the image ${href}: only images in the handbook's folder or on the web can be kept`, 'warning')
        replacements.set(href, '')
        continue
      }
      const { target } = splitTarget(href)
      const file = imageFile(rootPath, site, page.sourcePath, safeDecode(target))
      if (file === null) {
        report(`Missing image ${href}`, 'warning')
        continue
      }
      const loaded = await cached(byFile, file, () => loadImage(rootPath, file))
      if (typeof loaded === 'string') {
        report(loaded, 'warning')
        continue
      }
      images.set(loaded.id, loaded)
      replacements.set(href, imageUrl(loaded.id, loaded.fileName))
      report(`Kept the image ${href}`, 'note')
    }
    if (replacements.size > 0) page.body = replaceLinks(page.body, true, href => replacements.get(href) ?? href)
  }
  return [...images.values()]
}

/** The image's path from the root, or null when it is outside the folder. */
export function imageFile(rootPath: string, site: SiteInfo, sourcePath: string, target: string): string | null {
  const candidates: string[] = []
  if (target.startsWith('/')) {
    const address = withoutBase(site, target)
    for (const folder of site.staticRoots) candidates.push(path.posix.join(folder, address))
  } else {
    candidates.push(path.posix.join(site.pageRoot, path.posix.dirname(sourcePath), target))
  }
  for (const candidate of candidates) {
    const normal = path.posix.normalize(candidate).replace(/^\/+/, '')
    if (normal === '..' || normal.startsWith('../')) continue
    if (existsSync(path.join(rootPath, normal))) return normal
  }
  return null
}

export async function loadImage(rootPath: string, file: string): Promise<ImportedImage | string> {
  try {
    const info = await stat(path.join(rootPath, file))
    if (!info.isFile()) return `Missing image ${file}`
    if (info.size > MAX_IMAGE_BYTES) return `Image ${file} is larger than 2 MB, so it is not kept`
    const bytes = await readFile(path.join(rootPath, file))
    const fileName = imageFileName(file)
    const problem = imageProblem(bytes, path.posix.basename(file))
    if (problem !== null) return `Image ${problem}`
    const contentType = sniffImageType(bytes)
    if (contentType === null) return `Image ${file} is not a PNG, JPEG, GIF or WebP image`
    return { id: imageId(bytes), fileName, contentType, bytes, sourcePath: file }
  } catch (error) {
    return `Cannot read image ${file}: ${errorMessage(error)}`
  }
}
