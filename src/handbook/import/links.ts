// Links between pages of our plain format: checked when read, and rewritten to the handbook's
// addresses when imported.
import path from 'node:path'
import { headingId } from '../markdown.ts'
import type { ImportedPage, ImportResult } from './import.types.ts'
import {
  PAGE_EXTENSION,
  INDEX_NAME,
  SCHEME,
  WEB_OR_MAIL,
  Problems,
  stripPrefixes,
  joinPosix,
  safeDecode,
} from './common.ts'

export interface LinkIndex {
  /** Exact source paths ('01-a/02-b.md') → slug. */
  files: Map<string, string>
  /** Paths without extension, raw and with numeric prefixes removed ('01-a/02-b', 'a/b', folder for index) → slug. */
  routes: Map<string, string>
  /** The same routes in lower case, for links whose case differs. */
  routesLowerCase: Map<string, string>
}

export const linkIndexes = new WeakMap<ImportResult, LinkIndex>()

export function linkIndex(result: ImportResult): LinkIndex {
  const cached = linkIndexes.get(result)
  if (cached) return cached
  const index: LinkIndex = { files: new Map(), routes: new Map(), routesLowerCase: new Map() }
  const addRoute = (route: string, slug: string) => {
    for (const key of [route, stripPrefixes(route)]) {
      if (!index.routes.has(key)) index.routes.set(key, slug)
      if (!index.routesLowerCase.has(key.toLowerCase())) index.routesLowerCase.set(key.toLowerCase(), slug)
    }
  }
  for (const page of result.pages) {
    index.files.set(page.sourcePath, page.slug)
    const withoutExtension = page.sourcePath.replace(PAGE_EXTENSION, '')
    addRoute(withoutExtension, page.slug)
    const folder = path.posix.dirname(page.sourcePath)
    const dir = folder === '.' ? '' : folder
    if (INDEX_NAME.test(path.posix.basename(withoutExtension))) addRoute(dir, page.slug)
  }
  // Docusaurus links may use a page's front matter slug instead of its file name. Lowest priority.
  for (const page of result.pages) {
    const folder = path.posix.dirname(page.sourcePath)
    addRoute(joinPosix(folder === '.' ? '' : folder, page.slug), page.slug)
  }
  linkIndexes.set(result, index)
  return index
}

/** The slug of the page a relative target (already split from its #fragment and ?query) points to. */
export function findPage(index: LinkIndex, page: ImportedPage, target: string): string | null {
  const resolved = resolveRelative(page.sourcePath, safeDecode(target))
  if (resolved === null) return null
  if (PAGE_EXTENSION.test(resolved)) return index.files.get(resolved) ?? null
  const route = resolved.replace(/\.html?$/i, '').replace(/\/(?:index)?$/i, '')
  return (
    index.routes.get(route) ??
    index.routes.get(stripPrefixes(route)) ??
    index.routesLowerCase.get(route.toLowerCase()) ??
    index.routesLowerCase.get(stripPrefixes(route).toLowerCase()) ??
    null
  )
}

/** Posix path of a relative target from the page's folder, or null when it leaves the root. */
export function resolveRelative(sourcePath: string, target: string): string | null {
  const folder = path.posix.dirname(sourcePath)
  const joined = path.posix.normalize(path.posix.join(folder, target))
  if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) return null
  return joined === '.' ? '' : joined.replace(/^\.\//, '')
}

export function splitTarget(href: string): { target: string; fragment: string } {
  const hash = href.indexOf('#')
  const fragment = hash === -1 ? '' : href.slice(hash + 1)
  const withoutFragment = hash === -1 ? href : href.slice(0, hash)
  const query = withoutFragment.indexOf('?')
  return { target: query === -1 ? withoutFragment : withoutFragment.slice(0, query), fragment }
}

export function fragmentUrl(fragment: string): string {
  return fragment ? `#${headingId(safeDecode(fragment))}` : ''
}

/** Rewrites relative links between imported pages to site URLs '/handbook/<slug>' (keeping #fragments); links to files not imported resolve to null. */
export function createLinkResolver(result: ImportResult, page: ImportedPage): (href: string) => string | null {
  const index = linkIndex(result)
  return href => {
    const trimmed = href.trim()
    if (trimmed.startsWith('#')) return fragmentUrl(trimmed.slice(1))
    if (SCHEME.test(trimmed) || trimmed.startsWith('/')) return href
    const { target, fragment } = splitTarget(trimmed)
    if (target === '') return null
    const slug = findPage(index, page, target)
    return slug === null ? null : `/handbook/${slug}${fragmentUrl(fragment)}`
  }
}

// Bounded and linear (no nested quantifiers; every repeat has a limit and excludes its own delimiters).
export const INLINE_LINK =
  /\]\((?:<([^<>\n]{1,2000})>|([^()\s]{1,2000}))(?:[ \t]+(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'))?[ \t]*\)/g
export const REFERENCE_DEFINITION = /^ {0,3}\[(?!\^)[^\]\n]{1,500}\]:[ \t]*(?:<([^<>\n]{1,2000})>|(\S{1,2000}))/gm
export const LOOK_BACK = 500

export function checkLinks(result: ImportResult, problems: Problems): void {
  const index = linkIndex(result)
  for (const page of result.pages) {
    const body = blankCode(page.body)
    const reported = new Set<string>()
    const report = (message: string) => {
      if (reported.has(message)) return
      reported.add(message)
      problems.warning(page.sourcePath, message)
    }
    const targets: { href: string; image: boolean }[] = []
    for (const match of body.matchAll(INLINE_LINK)) {
      const href = match[1] ?? match[2] ?? ''
      targets.push({ href, image: isImage(body, match.index) })
    }
    for (const match of body.matchAll(REFERENCE_DEFINITION))
      targets.push({ href: match[1] ?? match[2] ?? '', image: false })

    for (const { href, image } of targets) {
      if (href.startsWith('#') || href.startsWith('/')) continue
      if (href.includes('{{') || href.includes('{%')) {
        report(`Link uses a template tag and cannot be checked: ${href}`)
        continue
      }
      if (SCHEME.test(href)) {
        if (!WEB_OR_MAIL.test(href)) report(`Link to ${href} is not allowed and will show as text`)
        continue
      }
      const { target } = splitTarget(href)
      if (target === '') continue
      // Images are checked, and kept, by keepImages.
      if (image) continue
      else if (findPage(index, page, target) === null) {
        report(`Broken link to ${href}`)
      }
    }
  }
}

/** Whether the `](` at `closeIndex` ends `![alt]`: walks back to the matching `[`, a bounded distance. */
export function isImage(body: string, closeIndex: number): boolean {
  let depth = 0
  const stop = Math.max(0, closeIndex - LOOK_BACK)
  for (let i = closeIndex - 1; i >= stop; i -= 1) {
    const char = body[i]
    if (char === ']') depth += 1
    else if (char === '[') {
      if (depth === 0) return body[i - 1] === '!'
      depth -= 1
    }
  }
  return false
}

/** Replaces fenced code blocks and inline code with spaces, so links shown as code are not checked. */
export function blankCode(body: string): string {
  const lines = body.split('\n')
  let fence: string | null = null
  const kept = lines.map(line => {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      if (fenceMatch?.[1]?.startsWith(fence)) fence = null
      return ''
    }
    if (fenceMatch?.[1]) {
      fence = fenceMatch[1]
      return ''
    }
    return line.replace(/`[^`\n]{0,1000}`/g, code => ' '.repeat(code.length))
  })
  return kept.join('\n')
}
