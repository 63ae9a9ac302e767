// What a handbook folder says about the site it was built for: which generator (Jekyll, Eleventy,
// Docusaurus or our own plain format), the site's address and path prefix, where pages and static files
// live, and the navigation the site showed. Read from the site's own files; JavaScript is never run.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { SiteKind } from './handbook.convert.ts'

export interface NavEntry {
  title: string | undefined
  /** Site address, as written ('/guides/planning/'), or a Docusaurus doc id. */
  url: string | undefined
  children: NavEntry[]
}

export interface SiteInfo {
  kind: SiteKind
  title: string | undefined
  /** The published site's origin and path prefix ('https://example.org/handbook'), or null when not known. */
  url: string | null
  /** The path prefix every address starts with on the published site ('/handbook'), or ''. */
  baseUrl: string
  /** Folder (relative to the import root) holding the pages: '' or 'docs'. */
  pageRoot: string
  /** Folders where site-absolute addresses of images and files are looked up. */
  staticRoots: string[]
  /** Where Docusaurus serves the docs ('/docs'). */
  docsRoute: string
  /** Files and folders the site leaves out (Jekyll's exclude). */
  exclude: string[]
  /** The site's navigation (Jekyll's _data/navigation.yml, Docusaurus's sidebars.js), when it has one. */
  navigation: NavEntry[]
}

export async function readSiteInfo(root: string, siteUrl?: string): Promise<SiteInfo> {
  const info: SiteInfo = {
    kind: 'plain',
    title: undefined,
    url: null,
    baseUrl: '',
    pageRoot: '',
    staticRoots: [''],
    docsRoute: '/docs',
    exclude: [],
    navigation: [],
  }
  const config = await readText(root, '_config.yml')
  const eleventyConfig =
    (await readText(root, '.eleventy.js')) ??
    (await readText(root, 'eleventy.config.js')) ??
    (await readText(root, 'eleventy.config.mjs')) ??
    (await readText(root, 'eleventy.config.cjs'))
  const docusaurusConfig =
    (await readText(root, 'docusaurus.config.js')) ??
    (await readText(root, 'docusaurus.config.ts')) ??
    (await readText(root, 'docusaurus.config.mjs'))

  if (config !== null) {
    info.kind = 'jekyll'
    const data = asRecord(safeYaml(config))
    info.title = text(data?.title)
    info.baseUrl = normaliseBase(text(data?.baseurl) ?? '')
    info.url = joinUrl(text(data?.url), info.baseUrl)
    info.exclude = Array.isArray(data?.exclude) ? data.exclude.filter(item => typeof item === 'string') : []
    info.navigation = yamlNavigation(safeYaml((await readText(root, '_data/navigation.yml')) ?? ''))
  } else if (eleventyConfig !== null) {
    info.kind = 'eleventy'
    const prefix = /pathPrefix\s*:\s*['"]([^'"\n]{0,200})['"]/.exec(eleventyConfig)?.[1]
    info.baseUrl = normaliseBase(prefix ?? '')
    const input = /input\s*:\s*['"]([^'"\n]{0,200})['"]/.exec(eleventyConfig)?.[1]
    if (input && (await isFolder(path.join(root, input)))) info.pageRoot = posix(input)
    for (const name of ['metadata.json', 'site.json']) {
      const data = asRecord(safeJson((await readText(root, path.posix.join(info.pageRoot, '_data', name))) ?? ''))
      info.title ??= text(data?.title)
      info.url ??= joinUrl(text(data?.url), info.baseUrl)
    }
  } else if (docusaurusConfig !== null || (await readText(root, 'sidebars.js')) !== null) {
    info.kind = 'docusaurus'
    const source = docusaurusConfig ?? ''
    info.title = /\btitle\s*:\s*['"]([^'"\n]{1,200})['"]/.exec(source)?.[1]
    info.baseUrl = normaliseBase(/\bbaseUrl\s*:\s*['"]([^'"\n]{0,200})['"]/.exec(source)?.[1] ?? '')
    info.url = joinUrl(/\burl\s*:\s*['"](https?:\/\/[^'"\n]{1,200})['"]/.exec(source)?.[1], info.baseUrl)
    const route = /routeBasePath\s*:\s*['"]([^'"\n]{0,200})['"]/.exec(source)?.[1]
    if (route !== undefined) info.docsRoute = normaliseBase(route)
    if (await isFolder(path.join(root, 'docs'))) info.pageRoot = 'docs'
    info.staticRoots = ['static']
    info.navigation = sidebarNavigation(
      (await readText(root, 'sidebars.js')) ?? (await readText(root, 'sidebars.ts')) ?? '',
    )
  }
  if (siteUrl) info.url = siteUrl.replace(/\/+$/, '')
  return info
}

/** Jekyll-style navigation data: a list of { title, url, children }. */
function yamlNavigation(data: unknown): NavEntry[] {
  if (!Array.isArray(data)) return []
  return data.flatMap(item => {
    const entry = asRecord(item)
    if (!entry) return []
    return [
      {
        title: text(entry.title),
        url: text(entry.url),
        children: yamlNavigation(entry.children ?? entry.subnav ?? entry.items),
      },
    ]
  })
}

/**
 * Docusaurus sidebars, read as text: doc ids as quoted strings or `id: '…'`, and categories with a
 * label and items, nested by brackets. Enough for the order of pages; anything computed is ignored.
 */
export function sidebarNavigation(source: string): NavEntry[] {
  const root: NavEntry = { title: undefined, url: undefined, children: [] }
  const stack: { entry: NavEntry; depth: number }[] = [{ entry: root, depth: 0 }]
  let depth = 0
  let pendingLabel: string | undefined
  let inCategory = false
  const token =
    /(\[)|(\])|\blabel\s*:\s*(['"])([^'"\n]{0,200})\3|\btype\s*:\s*['"]category['"]|\b(?:id|dirName)\s*:\s*(['"])([^'"\n]{0,300})\5|(['"])([^'"\n]{0,300})\7/g
  const body = source.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '')
  for (const match of body.matchAll(token)) {
    const current = stack[stack.length - 1]?.entry ?? root
    if (match[1]) {
      depth += 1
      if (inCategory) {
        const category: NavEntry = { title: pendingLabel, url: undefined, children: [] }
        current.children.push(category)
        stack.push({ entry: category, depth })
        inCategory = false
        pendingLabel = undefined
      }
    } else if (match[2]) {
      if ((stack[stack.length - 1]?.depth ?? 0) === depth && stack.length > 1) stack.pop()
      depth -= 1
    } else if (match[4] !== undefined) {
      pendingLabel = match[4]
    } else if (match[0].startsWith('type')) {
      inCategory = true
    } else if (match[6] !== undefined) {
      current.children.push({ title: undefined, url: match[6], children: [] })
    } else if (
      match[8] !== undefined &&
      depth > 0 &&
      !/^(?:doc|category|link|autogenerated|html|ref)$/.test(match[8])
    ) {
      current.children.push({ title: undefined, url: match[8], children: [] })
    }
  }
  return root.children
}

async function readText(root: string, file: string): Promise<string | null> {
  try {
    const info = await stat(path.join(root, file))
    if (!info.isFile() || info.size > 1024 * 1024) return null
    return await readFile(path.join(root, file), 'utf8')
  } catch {
    return null
  }
}

async function isFolder(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory()
  } catch {
    return false
  }
}

function safeYaml(source: string): unknown {
  try {
    return parseYaml(source, { maxAliasCount: 100 })
  } catch {
    return null
  }
}

function safeJson(source: string): unknown {
  try {
    return JSON.parse(source)
  } catch {
    return null
  }
}

function normaliseBase(value: string): string {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '')
  return trimmed === '' ? '' : `/${trimmed}`
}

function joinUrl(origin: string | undefined, base: string): string | null {
  if (!origin || !/^https?:\/\//i.test(origin)) return null
  return `${origin.replace(/\/+$/, '')}${base}`
}

function posix(value: string): string {
  return value.replace(/\\/g, '/').replace(/^\.\/|\/+$/g, '')
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}
