// Reading an upstream handbook: another Valuekit's static export served over HTTP(S) (its
// handbook.json), an export folder on disk (the same file), or a folder of Markdown (read by the
// handbook's importer). Remote reads use Node's fetch with a time limit, a size limit and no redirects.
// The images the pages show come too: an export lists them in handbook.json (each read from its file
// beside it, kept only when its bytes give its id and are a PNG, JPEG, GIF or WebP of at most 2 MB);
// a Markdown folder's are read by the importer.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { contentHash, MANIFEST_FILE, manifestSchema, type HandbookManifest } from '../handbook/handbook.manifest.ts'
import type { ImportResult } from '../handbook/import/import.types.ts'
import { imageId, imageProblem, MAX_IMAGE_BYTES, sniffImageType, type ImageType } from '../handbook/handbook.images.ts'

export interface UpstreamPage {
  slug: string
  title: string
  summary: string
  sectionSlug: string
  sectionTitle: string
  roles: string[]
  skills: string[]
  markdown: string
  hash: string
}

/** An image an upstream page shows, its bytes checked. */
export interface UpstreamImage {
  id: string
  fileName: string
  contentType: ImageType
  bytes: Buffer
}

export interface UpstreamHandbook {
  pages: UpstreamPage[]
  /** Images the pages show that this handbook has not kept yet (isKept), readable and checked. */
  images: UpstreamImage[]
}

export class UpstreamReadError extends Error {}

export interface ReadLimits {
  /** Longest wait for a remote handbook, in milliseconds. */
  timeoutMs: number
  /** Largest manifest read, in bytes. */
  maxBytes: number
}

export const DEFAULT_LIMITS: ReadLimits = { timeoutMs: 10_000, maxBytes: 20 * 1024 * 1024 }

export const isRemote = (source: string): boolean => /^https?:\/\//i.test(source)

/**
 * Every page of the upstream handbook, and the images they show that isKept says this handbook lacks.
 * `readFolder` reads a Markdown folder (HandbookService.readFolder).
 */
export async function readUpstream(
  source: string,
  readFolder: (folder: string) => Promise<ImportResult>,
  limits: ReadLimits = DEFAULT_LIMITS,
  isKept: (id: string) => Promise<boolean> = () => Promise.resolve(false),
): Promise<UpstreamHandbook> {
  if (isRemote(source)) {
    const url = new URL(source.endsWith('.json') ? source : `${source.replace(/\/+$/, '')}/${MANIFEST_FILE}`)
    const manifest = parseManifest((await fetchBytes(url, limits, limits.maxBytes)).toString('utf8'), source)
    const images = await readImages(manifest, isKept, file =>
      fetchBytes(new URL(file, url), limits, MAX_IMAGE_BYTES).catch(() => null),
    )
    return { pages: fromManifest(manifest), images }
  }
  const folder = path.resolve(source)
  const info = await stat(folder).catch(() => null)
  if (!info?.isDirectory()) throw new UpstreamReadError(`There is no folder at ${source}`)
  const manifestFile = path.join(folder, MANIFEST_FILE)
  const manifestInfo = await stat(manifestFile).catch(() => null)
  if (manifestInfo?.isFile()) {
    if (manifestInfo.size > limits.maxBytes) throw new UpstreamReadError(`${MANIFEST_FILE} is too large`)
    const manifest = parseManifest(await readFile(manifestFile, 'utf8'), source)
    const images = await readImages(manifest, isKept, async file => {
      // The manifest's pattern allows only images/<id>/<name>, so the file is inside the folder.
      const at = path.join(folder, file)
      const size = (await stat(at).catch(() => null))?.size ?? Infinity
      return size > MAX_IMAGE_BYTES ? null : readFile(at).catch(() => null)
    })
    return { pages: fromManifest(manifest), images }
  }
  const result = await readFolder(folder)
  const images: UpstreamImage[] = []
  for (const image of result.images) if (!(await isKept(image.id))) images.push(image)
  return { pages: fromImport(result), images }
}

/** The images the manifest lists that its pages show and isKept lacks, each kept only if its bytes check out. */
async function readImages(
  manifest: HandbookManifest,
  isKept: (id: string) => Promise<boolean>,
  read: (file: string) => Promise<Buffer | null>,
): Promise<UpstreamImage[]> {
  const shown = manifest.pages.map(page => page.markdown).join('\n')
  const images: UpstreamImage[] = []
  for (const listed of manifest.images ?? []) {
    if (!shown.includes(`/handbook/images/${listed.id}/`) || (await isKept(listed.id))) continue
    const bytes = await read(listed.file)
    const fileName = listed.file.slice(listed.file.lastIndexOf('/') + 1)
    if (!bytes || imageId(bytes) !== listed.id || imageProblem(bytes, fileName) !== null) continue
    const contentType = sniffImageType(bytes)
    if (contentType) images.push({ id: listed.id, fileName, contentType, bytes })
  }
  return images
}

async function fetchBytes(url: URL, limits: ReadLimits, maxBytes: number): Promise<Buffer> {
  let response: Response
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(limits.timeoutMs), redirect: 'error' })
  } catch (error) {
    const reason =
      error instanceof Error && error.name === 'TimeoutError' ? 'it took too long to answer' : 'it could not be reached'
    throw new UpstreamReadError(`Could not read ${url.origin}: ${reason}`)
  }
  if (!response.ok) throw new UpstreamReadError(`Could not read ${url.origin}: it answered ${response.status}`)
  const declared = Number(response.headers.get('content-length') ?? '0')
  if (declared > maxBytes) throw new UpstreamReadError(`The handbook at ${url.origin} is too large`)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body?.getReader()
  for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
    size += read.value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw new UpstreamReadError(`The handbook at ${url.origin} is too large`)
    }
    chunks.push(read.value)
  }
  return Buffer.concat(chunks)
}

function parseManifest(json: string, source: string): HandbookManifest {
  let data: unknown
  try {
    data = JSON.parse(json)
  } catch {
    throw new UpstreamReadError(`${source} does not hold a Valuekit handbook (${MANIFEST_FILE} is not JSON)`)
  }
  const parsed = manifestSchema.safeParse(data)
  if (!parsed.success) throw new UpstreamReadError(`${source} does not hold a Valuekit handbook we can read`)
  return parsed.data
}

function fromManifest(manifest: HandbookManifest): UpstreamPage[] {
  return manifest.pages.map(page => ({
    slug: page.slug,
    title: page.title,
    summary: page.summary,
    sectionSlug: page.section.slug,
    sectionTitle: page.section.title,
    roles: page.roles,
    skills: page.skills,
    markdown: page.markdown,
    // Computed here, never trusted from the file.
    hash: contentHash(page.markdown),
  }))
}

function fromImport(result: ImportResult): UpstreamPage[] {
  const sections = new Map(result.sections.map(section => [section.slug, section]))
  return result.pages.map(page => ({
    slug: page.slug,
    title: page.title,
    summary: page.summary,
    sectionSlug: page.sectionSlug,
    sectionTitle: sections.get(page.sectionSlug)?.title ?? page.sectionSlug,
    roles: page.roles,
    skills: page.skills,
    markdown: page.body,
    hash: contentHash(page.body),
  }))
}
