// Links on a site generator's pages, written into the Markdown as the handbook's own addresses.
import path from 'node:path'
import { codeRanges } from '../handbook.convert.ts'
import type { SiteInfo } from '../handbook.sites.ts'
import type { ImportResult, ReadPage } from './import.types.ts'
import { PAGE_EXTENSION, SCHEME, WEB_OR_MAIL, Problems, lineOf, safeDecode } from './common.ts'
import { resolveRelative, splitTarget, fragmentUrl, INLINE_LINK, REFERENCE_DEFINITION, isImage } from './links.ts'

export interface SiteIndex {
  byUrl: Map<string, string>
  byFile: Map<string, string>
  byFileWithoutExtension: Map<string, string>
}

export function rewriteLinks(site: SiteInfo, readPages: ReadPage[], result: ImportResult, problems: Problems): void {
  const index: SiteIndex = { byUrl: new Map(), byFile: new Map(), byFileWithoutExtension: new Map() }
  for (const { page } of readPages) {
    if (page.url !== null && !index.byUrl.has(normaliseUrl(page.url)))
      index.byUrl.set(normaliseUrl(page.url), page.slug)
    index.byFile.set(page.sourcePath, page.slug)
    index.byFileWithoutExtension.set(page.sourcePath.replace(PAGE_EXTENSION, ''), page.slug)
  }
  for (const read of readPages) {
    const { page } = read
    const report = (offset: number, message: string, severity: 'warning' | 'note' = 'warning') =>
      problems.list.push({
        file: page.sourcePath,
        line: read.firstLine + lineOf(page.body, offset) - 1,
        message,
        severity,
      })
    page.body = replaceLinks(page.body, false, (href, offset) => {
      const trimmed = href.trim()
      if (trimmed.startsWith('#')) return fragmentUrl(trimmed.slice(1))
      let target = trimmed
      if (
        site.url &&
        (trimmed === site.url || trimmed.startsWith(`${site.url}/`) || trimmed.startsWith(`${site.url}#`))
      ) {
        target = trimmed.slice(site.url.length) || '/'
        target = site.baseUrl + (target.startsWith('/') ? target : `/${target}`)
      } else if (SCHEME.test(trimmed) || trimmed.startsWith('//')) {
        if (!WEB_OR_MAIL.test(trimmed) && !trimmed.startsWith('//'))
          report(offset, `Link to ${trimmed} is not allowed and will show as text`)
        return href
      }
      const { target: address, fragment } = splitTarget(target)
      if (address === '') return fragmentUrl(fragment) || href
      const found = findSitePage(site, index, read, address)
      if (found.slug !== null) return `/handbook/${found.slug}${fragmentUrl(fragment)}`
      if (site.url && found.siteAddress !== null) {
        const outside = `${site.url}${found.siteAddress}${fragment ? `#${fragment}` : ''}`
        report(
          offset,
          `Link to ${trimmed} is to a page that was not imported, so it points at ${outside} on the original site`,
        )
        return outside
      }
      report(offset, `Broken link to ${trimmed}`)
      return href
    })
  }
  void result
}

export function findSitePage(
  site: SiteInfo,
  index: SiteIndex,
  read: ReadPage,
  address: string,
): { slug: string | null; siteAddress: string | null } {
  const decoded = safeDecode(address)
  if (PAGE_EXTENSION.test(decoded)) {
    const file = decoded.startsWith('/')
      ? path.posix.normalize(decoded.slice(1))
      : resolveRelative(read.page.sourcePath, decoded)
    if (file === null) return { slug: null, siteAddress: null }
    const slug = index.byFile.get(file) ?? index.byFileWithoutExtension.get(file.replace(PAGE_EXTENSION, '')) ?? null
    return { slug, siteAddress: null }
  }
  const absolute = decoded.startsWith('/') ? decoded : resolveUrl(read.page.url ?? '/', decoded)
  if (absolute === null) return { slug: null, siteAddress: null }
  const withinSite = withoutBase(site, absolute)
  const slug = index.byUrl.get(normaliseUrl(withinSite)) ?? null
  return { slug, siteAddress: withinSite }
}

/** The page address a relative link on a page at `base` goes to, as a browser resolves it. */
export function resolveUrl(base: string, relative: string): string | null {
  try {
    return new URL(relative, `http://site.invalid${base.startsWith('/') ? base : `/${base}`}`).pathname
  } catch {
    return null
  }
}

/** '/handbook/guides/x/' → '/guides/x/' when the site's path prefix is '/handbook'. */
export function withoutBase(site: SiteInfo, address: string): string {
  const base = site.baseUrl
  if (base === '' || !(address === base || address.startsWith(`${base}/`))) return address
  return address.slice(base.length) || '/'
}

/** Addresses compared without a trailing slash, 'index.html' or '.html': '/guides/x/' = '/guides/x.html'. */
export function normaliseUrl(address: string): string {
  return safeDecode(address.split(/[?#]/, 1)[0] ?? '')
    .replace(/\/index\.html?$/i, '/')
    .replace(/\.html?$/i, '')
    .replace(/\/+$/, '')
    .toLowerCase()
}

/** Rewrites the targets of inline links and reference definitions outside code (images or links). */
export function replaceLinks(body: string, images: boolean, rewrite: (href: string, offset: number) => string): string {
  const ranges = codeRanges(body)
  const outsideCode = (offset: number) => !ranges.some(([start, end]) => offset >= start && offset < end)
  let text = body.replace(INLINE_LINK, (match, angle: string | undefined, bare: string | undefined, offset: number) => {
    if (!outsideCode(offset) || isImage(body, offset) !== images) return match
    const href = angle ?? bare ?? ''
    const replaced = rewrite(href, offset)
    return replaced === href ? match : match.replace(href, replaced.includes(' ') ? `<${replaced}>` : replaced)
  })
  if (!images) {
    text = text.replace(
      REFERENCE_DEFINITION,
      (match, angle: string | undefined, bare: string | undefined, offset: number) => {
        if (!outsideCode(offset)) return match
        const href = angle ?? bare ?? ''
        const replaced = rewrite(href, offset)
        return replaced === href ? match : match.replace(href, replaced)
      },
    )
  }
  return text
}
