// Reads a folder of Markdown into plain data: our starter format (content/handbook), Jekyll, Eleventy
// or Docusaurus. Every problem is collected; one bad file never stops the import. No database, no HTTP.
//
// Layout understood:
// - every folder directly holding pages is a section; `_section.yml` (title, order, summary) or
//   Docusaurus `_category_.json` / `_category_.yml` (label, position, description) describe it;
// - `NN-` / `NN_` prefixes on folder and file names give the order and are dropped from slugs;
// - pages are `.md` / `.markdown` files with optional YAML front matter between `---` lines;
// - names starting with `_` or `.`, and `node_modules`, are skipped (Jekyll's `_config.yml`, `_includes` …).
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { MAX_MARKDOWN_LENGTH, headingId, slugify } from './markdown.ts'

export interface ImportedResource {
  kind: 'reading' | 'training'
  title: string
  author: string
  format: string
  length: string
  url: string
}
export interface ImportedSection {
  slug: string
  title: string
  summary: string
  order: number
}
export interface ImportedPage {
  slug: string
  sectionSlug: string
  title: string
  summary: string
  order: number
  body: string
  roles: string[]
  skills: string[]
  resources: ImportedResource[]
  sourcePath: string
}
export interface ImportProblem {
  file: string
  message: string
  severity: 'error' | 'warning'
}
export interface ImportResult {
  sections: ImportedSection[]
  pages: ImportedPage[]
  problems: ImportProblem[]
}
export interface ReadOptions {
  onProgress?: (done: number, total: number, file: string) => void
  knownRoles?: readonly string[]
  knownSkills?: readonly string[]
}

const MAX_FILE_BYTES = 1024 * 1024
const MAX_SUMMARY_LENGTH = 300
const MAX_DEPTH = 20
const GENERAL_SECTION: ImportedSection = { slug: 'general', title: 'General', summary: '', order: 0 }
const PAGE_EXTENSION = /\.(?:md|markdown)$/i
const SECTION_FILES = new Set(['_section.yml', '_category_.json', '_category_.yml'])
const NUMERIC_PREFIX = /^(\d{1,9})[-_]/
const INDEX_NAME = /^(?:index|readme)$/i
const SCHEME = /^[a-z][a-z0-9+.-]*:/i
const WEB_OR_MAIL = /^(?:https?|mailto):/i

type FrontMatter = Record<string, unknown>

interface Folder {
  /** Posix path relative to the root; '' for the root. */
  relPath: string
  name: string
  depth: number
  pageFiles: string[]
  metaFiles: string[]
  children: Folder[]
}

interface ReadPage {
  page: ImportedPage
  /** Section slug named in front matter, overriding the folder's section. */
  sectionOverride: string | null
}

class Problems {
  readonly list: ImportProblem[] = []
  error(file: string, message: string): void {
    this.list.push({ file, message, severity: 'error' })
  }
  warning(file: string, message: string): void {
    this.list.push({ file, message, severity: 'warning' })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the folder

export async function readHandbookFolder(root: string, options: ReadOptions = {}): Promise<ImportResult> {
  const rootPath = path.resolve(root)
  const problems = new Problems()
  let tree: Folder
  try {
    tree = await walk(rootPath, '', 0, problems)
  } catch (error) {
    problems.error('.', `Cannot read the folder: ${errorMessage(error)}`)
    return { sections: [], pages: [], problems: problems.list }
  }

  const folders = flatten(tree)
  const folderSections = await describeSections(rootPath, folders, problems)
  const files = folders.flatMap(folder => folder.pageFiles.map(file => ({ folder, file })))

  const readPages: ReadPage[] = []
  const usedSlugs = new Set<string>()
  let done = 0
  for (const { folder, file } of files) {
    const sourcePath = joinPosix(folder.relPath, file)
    const alphabeticalIndex = folder.pageFiles.indexOf(file)
    const read = await readPage(rootPath, folder, file, sourcePath, alphabeticalIndex, options, problems)
    const section = folderSections.get(folder.relPath)
    if (read && section) {
      read.page.sectionSlug = section.slug
      read.page.slug = uniqueSlug(read.page.slug, usedSlugs, sourcePath, problems)
      readPages.push(read)
    }
    done += 1
    options.onProgress?.(done, files.length, sourcePath)
  }

  const sections = assignSections(readPages, folderSections)
  const pages = readPages.map(read => read.page)
  const result: ImportResult = { sections, pages, problems: problems.list }
  await checkLinks(rootPath, result, problems)
  return result
}

async function walk(absolute: string, relPath: string, depth: number, problems: Problems): Promise<Folder> {
  const folder: Folder = {
    relPath,
    name: relPath === '' ? '' : path.posix.basename(relPath),
    depth,
    pageFiles: [],
    metaFiles: [],
    children: [],
  }
  const entries = (await readdir(absolute, { withFileTypes: true })).sort((a, b) => compareText(a.name, b.name))
  for (const entry of entries) {
    const name = entry.name
    if (entry.isFile() && SECTION_FILES.has(name)) {
      folder.metaFiles.push(name)
    } else if (name.startsWith('_') || name.startsWith('.') || name === 'node_modules') {
      continue
    } else if (entry.isDirectory()) {
      const childPath = joinPosix(relPath, name)
      if (depth + 1 > MAX_DEPTH) {
        problems.warning(childPath, `Folders nested more than ${MAX_DEPTH} deep are not read`)
        continue
      }
      try {
        folder.children.push(await walk(path.join(absolute, name), childPath, depth + 1, problems))
      } catch (error) {
        problems.error(childPath, `Cannot read the folder: ${errorMessage(error)}`)
      }
    } else if (entry.isFile() && PAGE_EXTENSION.test(name)) {
      folder.pageFiles.push(name)
    }
    // Symbolic links and other files (images, configuration) are ignored.
  }
  return folder
}

function flatten(folder: Folder): Folder[] {
  return [folder, ...folder.children.flatMap(flatten)]
}

// ---------------------------------------------------------------------------------------------------------------
// Sections

const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform(value => (value === null || value === undefined ? undefined : String(value).trim() || undefined))
const optionalNumber = z
  .number()
  .nullish()
  .transform(value => value ?? undefined)

const sectionFileSchema = z.object({ title: optionalText, order: optionalNumber, summary: optionalText })

const categoryFileSchema = z.object({
  label: optionalText,
  position: optionalNumber,
  description: optionalText,
  link: z.object({ description: optionalText }).nullish().catch(undefined),
})

interface SectionMeta {
  title?: string
  order?: number
  summary?: string
}

/** Sections for every folder holding pages, keyed by folder path, plus each section's metadata for nesting. */
async function describeSections(
  rootPath: string,
  folders: Folder[],
  problems: Problems,
): Promise<Map<string, ImportedSection>> {
  const sections = new Map<string, ImportedSection>()
  const titles = new Map<string, string>()
  const usedSlugs = new Set<string>()
  const withPages = folders
    .filter(folder => folder.relPath !== '' && folder.pageFiles.length > 0)
    .map(folder => folder.relPath)

  // Folders come parent first, so a nested folder's humanised title can start with its parent's title.
  for (const folder of folders) {
    const meta = await readSectionMeta(rootPath, folder, problems)
    if (folder.relPath === '') {
      titles.set('', meta.title ?? GENERAL_SECTION.title)
      if (folder.pageFiles.length > 0) {
        usedSlugs.add(GENERAL_SECTION.slug)
        sections.set('', {
          ...GENERAL_SECTION,
          title: meta.title ?? GENERAL_SECTION.title,
          summary: meta.summary ?? '',
          order: meta.order ?? 0,
        })
      }
      continue
    }
    const parentPath = path.posix.dirname(folder.relPath)
    const parentTitle = parentPath === '.' ? undefined : titles.get(parentPath)
    const ownTitle = humanise(folder.name)
    const title = meta.title ?? (parentTitle ? `${parentTitle}: ${ownTitle}` : ownTitle)
    titles.set(folder.relPath, title)
    if (folder.pageFiles.length === 0) continue

    const baseSlug = slugify(folder.relPath.split('/').map(stripPrefix).join('-')) || 'section'
    const slug = uniqueSlug(baseSlug, usedSlugs, folder.relPath, problems)
    const prefix = NUMERIC_PREFIX.exec(folder.name)
    const order = meta.order ?? (prefix?.[1] ? Number(prefix[1]) : 1000 + withPages.indexOf(folder.relPath))
    sections.set(folder.relPath, { slug, title, summary: meta.summary ?? '', order })
  }
  return sections
}

async function readSectionMeta(rootPath: string, folder: Folder, problems: Problems): Promise<SectionMeta> {
  for (const name of folder.metaFiles) {
    const file = joinPosix(folder.relPath, name)
    try {
      const text = await readFile(path.join(rootPath, file), 'utf8')
      const data: unknown = name.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 })
      if (name === '_section.yml') {
        const parsed = sectionFileSchema.safeParse(data ?? {})
        if (parsed.success) return parsed.data
        problems.error(file, `Section file is not valid: ${describeZodError(parsed.error)}`)
      } else {
        const parsed = categoryFileSchema.safeParse(data ?? {})
        if (parsed.success) {
          const { label, position, description, link } = parsed.data
          return { title: label, order: position, summary: description ?? link?.description }
        }
        problems.error(file, `Category file is not valid: ${describeZodError(parsed.error)}`)
      }
    } catch (error) {
      problems.error(file, `Cannot read section file: ${errorMessage(error)}`)
    }
  }
  return {}
}

function assignSections(readPages: ReadPage[], folderSections: Map<string, ImportedSection>): ImportedSection[] {
  const bySlug = new Map<string, ImportedSection>()
  for (const section of folderSections.values()) bySlug.set(section.slug, section)
  const used = new Map<string, ImportedSection>()
  for (const { page, sectionOverride } of readPages) {
    if (sectionOverride) {
      const section = bySlug.get(sectionOverride) ?? {
        slug: sectionOverride,
        title: humanise(sectionOverride),
        summary: '',
        order: 1000 + bySlug.size,
      }
      bySlug.set(section.slug, section)
      page.sectionSlug = section.slug
    }
    const section = bySlug.get(page.sectionSlug)
    if (section) used.set(section.slug, section)
  }
  return [...used.values()].sort((a, b) => a.order - b.order || compareText(a.slug, b.slug))
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

async function readPage(
  rootPath: string,
  folder: Folder,
  file: string,
  sourcePath: string,
  alphabeticalIndex: number,
  options: ReadOptions,
  problems: Problems,
): Promise<ReadPage | null> {
  let text: string
  try {
    const info = await stat(path.join(rootPath, sourcePath))
    if (info.size > MAX_FILE_BYTES) {
      problems.error(sourcePath, 'File is larger than 1 MB and was skipped')
      return null
    }
    text = await readFile(path.join(rootPath, sourcePath), 'utf8')
  } catch (error) {
    problems.error(sourcePath, `Cannot read file: ${errorMessage(error)}`)
    return null
  }

  const split = splitFrontMatter(text)
  let data: FrontMatter = {}
  if (split.frontMatter !== null) {
    try {
      const parsed: unknown = parseYaml(split.frontMatter, { maxAliasCount: 100 })
      if (parsed !== null && parsed !== undefined) {
        if (typeof parsed !== 'object' || Array.isArray(parsed)) {
          problems.error(sourcePath, 'Front matter must be a list of "key: value" lines')
          return null
        }
        data = parsed as FrontMatter
      }
    } catch (error) {
      problems.error(sourcePath, `Front matter is not valid YAML: ${firstLine(errorMessage(error))}`)
      return null
    }
  }

  if (data.draft === true || data.published === false) {
    problems.warning(sourcePath, 'Page is marked as a draft (draft: true or published: false) and was skipped')
    return null
  }

  let body = split.body
  const eleventyNavigation = asRecord(data.eleventyNavigation)
  let title =
    textValue(data.title) ??
    textValue(data.sidebar_label) ??
    textValue(eleventyNavigation?.title) ??
    textValue(eleventyNavigation?.key)
  const heading = findTitleHeading(body)
  if (title === undefined && heading) {
    title = heading.text
    body = body.slice(0, heading.start) + body.slice(heading.end)
  } else if (title !== undefined && heading?.leading && sameText(heading.text, title)) {
    // A body that repeats the title as its first line would show it twice.
    body = body.slice(0, heading.start) + body.slice(heading.end)
  }
  if (title === undefined) {
    problems.error(sourcePath, 'Page has no title')
    return null
  }
  body = body.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd()
  if (body.length > MAX_MARKDOWN_LENGTH) {
    problems.error(sourcePath, `Page is too long (more than ${MAX_MARKDOWN_LENGTH} characters)`)
    return null
  }

  const warn = (message: string) => problems.warning(sourcePath, message)
  const page: ImportedPage = {
    slug: pageSlug(data, folder, file),
    sectionSlug: '', // set by the caller, which knows the folder's section
    title,
    summary: summaryOf(data, warn),
    order: orderOf(data, eleventyNavigation, file, alphabeticalIndex, warn),
    body,
    roles: knownValues(stringList(data.roles, 'roles', warn), options.knownRoles, 'role', warn),
    skills: knownValues(stringList(data.skills, 'skills', warn), options.knownSkills, 'skill', warn),
    resources: resourcesOf(data.resources, warn),
    sourcePath,
  }
  const sectionOverride = data.section === undefined ? null : slugify(textValue(data.section) ?? '') || null
  if (data.section !== undefined && sectionOverride === null) warn('Front matter "section" is not a section name')
  return { page, sectionOverride }
}

/** Splits a leading `---` … `---` (or `...`) block from the body. Linear: scans line by line. */
function splitFrontMatter(text: string): { frontMatter: string | null; body: string } {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text
  const firstEnd = source.indexOf('\n')
  if (firstEnd === -1 || source.slice(0, firstEnd).trimEnd() !== '---') return { frontMatter: null, body: source }
  let lineStart = firstEnd + 1
  while (lineStart <= source.length) {
    const newline = source.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? source.length : newline
    const line = source.slice(lineStart, lineEnd).trimEnd()
    if (line === '---' || line === '...') {
      return {
        frontMatter: source.slice(firstEnd + 1, lineStart),
        body: newline === -1 ? '' : source.slice(newline + 1),
      }
    }
    if (newline === -1) break
    lineStart = newline + 1
  }
  // No closing line: not front matter (a page may start with a thematic break).
  return { frontMatter: null, body: source }
}

interface TitleHeading {
  text: string
  start: number
  end: number
  /** True when the heading is the first non-blank line of the body. */
  leading: boolean
}

/** The first ATX `# heading` outside fenced code. */
function findTitleHeading(body: string): TitleHeading | null {
  let fence: string | null = null
  let lineStart = 0
  let seenText = false
  while (lineStart < body.length) {
    const newline = body.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? body.length : newline
    const line = body.slice(lineStart, lineEnd)
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (fence) {
      if (fenceMatch?.[1]?.startsWith(fence)) fence = null
    } else if (fenceMatch?.[1]) {
      fence = fenceMatch[1]
    } else {
      const heading = /^ {0,3}#(?:[ \t]+(.*))?$/.exec(line.trimEnd())
      if (heading) {
        const text = (heading[1] ?? '').replace(/[ \t]+#+$/, '').trim()
        if (text) return { text, start: lineStart, end: newline === -1 ? lineEnd : newline + 1, leading: !seenText }
      }
    }
    if (line.trim() !== '') seenText = true
    if (newline === -1) break
    lineStart = newline + 1
  }
  return null
}

function pageSlug(data: FrontMatter, folder: Folder, file: string): string {
  const fromSlug = lastSegment(textValue(data.slug))
  const fromPermalink = lastSegment(textValue(data.permalink))?.replace(/\.html?$/i, '')
  const base = file.replace(PAGE_EXTENSION, '')
  const fromFile = INDEX_NAME.test(base)
    ? folder.relPath === ''
      ? 'home'
      : stripPrefix(folder.name)
    : stripPrefix(base)
  for (const candidate of [fromSlug, fromPermalink, fromFile]) {
    const slug = candidate === undefined ? '' : slugify(candidate)
    if (slug) return slug
  }
  return 'page'
}

function lastSegment(value: string | undefined): string | undefined {
  return value
    ?.split('/')
    .filter(segment => segment !== '')
    .pop()
}

function uniqueSlug(slug: string, used: Set<string>, file: string, problems: Problems): string {
  let unique = slug
  for (let n = 2; used.has(unique); n += 1) unique = `${slug}-${n}`
  if (unique !== slug) problems.warning(file, `Slug "${slug}" is already used, so this one is "${unique}"`)
  used.add(unique)
  return unique
}

function summaryOf(data: FrontMatter, warn: (message: string) => void): string {
  const summary = (textValue(data.summary) ?? textValue(data.description) ?? textValue(data.excerpt) ?? '')
    .replace(/\s+/g, ' ')
    .trim()
  if (summary.length <= MAX_SUMMARY_LENGTH) return summary
  warn(`Summary is longer than ${MAX_SUMMARY_LENGTH} characters and was shortened`)
  const cut = summary.slice(0, MAX_SUMMARY_LENGTH - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > MAX_SUMMARY_LENGTH / 2 ? cut.slice(0, space) : cut}…`
}

function orderOf(
  data: FrontMatter,
  eleventyNavigation: Record<string, unknown> | undefined,
  file: string,
  alphabeticalIndex: number,
  warn: (message: string) => void,
): number {
  const keys = ['order', 'sidebar_position', 'nav_order', 'weight'] as const
  for (const key of keys) {
    const value = data[key]
    if (value === undefined || value === null) continue
    const order = numberValue(value)
    if (order !== undefined) return order
    warn(`Front matter "${key}" is not a number`)
  }
  const navigationOrder = numberValue(eleventyNavigation?.order)
  if (navigationOrder !== undefined) return navigationOrder
  const prefix = NUMERIC_PREFIX.exec(file)
  if (prefix?.[1]) return Number(prefix[1])
  return 1000 + alphabeticalIndex
}

function stringList(value: unknown, key: string, warn: (message: string) => void): string[] {
  if (value === undefined || value === null) return []
  const items = Array.isArray(value) ? value : [value]
  const list: string[] = []
  for (const item of items) {
    const text = textValue(item)
    if (text === undefined) warn(`Front matter "${key}" must be a list of names`)
    else if (!list.includes(text)) list.push(text)
  }
  return list
}

function knownValues(
  values: string[],
  known: readonly string[] | undefined,
  label: string,
  warn: (message: string) => void,
): string[] {
  if (!known) return values
  const byLowerCase = new Map(known.map(name => [name.toLowerCase(), name]))
  const kept: string[] = []
  for (const value of values) {
    const name = byLowerCase.get(value.toLowerCase())
    if (name === undefined) warn(`Unknown ${label} "${value}" was ignored`)
    else if (!kept.includes(name)) kept.push(name)
  }
  return kept
}

function resourcesOf(value: unknown, warn: (message: string) => void): ImportedResource[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    warn('Front matter "resources" must be a list')
    return []
  }
  const resources: ImportedResource[] = []
  value.forEach((item: unknown, index) => {
    const where = `Resource ${index + 1}`
    const data = asRecord(item)
    if (!data) {
      warn(`${where} is not a set of "key: value" lines and was ignored`)
      return
    }
    const title = textValue(data.title)
    if (title === undefined) {
      warn(`${where} has no title and was ignored`)
      return
    }
    const url = textValue(data.url) ?? textValue(data.link)
    if (url === undefined || !isWebUrl(url)) {
      warn(`Resource "${title}" needs a web address starting https:// or http:// and was ignored`)
      return
    }
    const kindValue = textValue(data.kind)?.toLowerCase()
    let kind: ImportedResource['kind'] = 'reading'
    if (kindValue === 'training') kind = 'training'
    else if (kindValue !== undefined && kindValue !== 'reading') {
      warn(`Resource "${title}" has unknown kind "${kindValue}", so it is listed as reading`)
    }
    resources.push({
      kind,
      title,
      author: textValue(data.author) ?? textValue(data.provider) ?? '',
      format: textValue(data.format) ?? '',
      length: textValue(data.length) ?? '',
      url,
    })
  })
  return resources
}

function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
  } catch {
    return false
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Links

interface LinkIndex {
  /** Exact source paths ('01-a/02-b.md') → slug. */
  files: Map<string, string>
  /** Paths without extension, raw and with numeric prefixes removed ('01-a/02-b', 'a/b', folder for index) → slug. */
  routes: Map<string, string>
  /** The same routes in lower case, for links whose case differs. */
  routesLowerCase: Map<string, string>
}

const linkIndexes = new WeakMap<ImportResult, LinkIndex>()

function linkIndex(result: ImportResult): LinkIndex {
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
function findPage(index: LinkIndex, page: ImportedPage, target: string): string | null {
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
function resolveRelative(sourcePath: string, target: string): string | null {
  const folder = path.posix.dirname(sourcePath)
  const joined = path.posix.normalize(path.posix.join(folder, target))
  if (joined === '..' || joined.startsWith('../') || path.posix.isAbsolute(joined)) return null
  return joined === '.' ? '' : joined.replace(/^\.\//, '')
}

function splitTarget(href: string): { target: string; fragment: string } {
  const hash = href.indexOf('#')
  const fragment = hash === -1 ? '' : href.slice(hash + 1)
  const withoutFragment = hash === -1 ? href : href.slice(0, hash)
  const query = withoutFragment.indexOf('?')
  return { target: query === -1 ? withoutFragment : withoutFragment.slice(0, query), fragment }
}

function fragmentUrl(fragment: string): string {
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
const INLINE_LINK =
  /\]\((?:<([^<>\n]{1,2000})>|([^()\s]{1,2000}))(?:[ \t]+(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'))?[ \t]*\)/g
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]{1,500}\]:[ \t]*(?:<([^<>\n]{1,2000})>|(\S{1,2000}))/gm
const LOOK_BACK = 500

async function checkLinks(rootPath: string, result: ImportResult, problems: Problems): Promise<void> {
  const index = linkIndex(result)
  const imageExists = new Map<string, Promise<boolean>>()
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
      if (image) {
        const file = resolveRelative(page.sourcePath, safeDecode(target))
        if (file === null || !(await cached(imageExists, file, () => isFile(path.join(rootPath, file))))) {
          report(`Missing image ${href}`)
        }
      } else if (findPage(index, page, target) === null) {
        report(`Broken link to ${href}`)
      }
    }
  }
}

/** Whether the `](` at `closeIndex` ends `![alt]`: walks back to the matching `[`, a bounded distance. */
function isImage(body: string, closeIndex: number): boolean {
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
function blankCode(body: string): string {
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

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile()
  } catch {
    return false
  }
}

function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const existing = cache.get(key)
  if (existing) return existing
  const loading = load()
  cache.set(key, loading)
  return loading
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function stripPrefix(name: string): string {
  return name.replace(NUMERIC_PREFIX, '')
}

function stripPrefixes(relPath: string): string {
  return relPath.split('/').map(stripPrefix).join('/')
}

/** '03-associate_product-manager' → 'Associate product manager'. */
function humanise(name: string): string {
  const words = stripPrefix(name).replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function joinPosix(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase()
}

function textValue(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  return text === '' ? undefined : text
}

function numberValue(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && /^-?\d{1,9}(?:\.\d{1,9})?$/.test(value.trim())) return Number(value)
  return undefined
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text
}

function describeZodError(error: z.ZodError): string {
  return error.issues.map(issue => `${issue.path.join('.') || 'file'}: ${issue.message}`).join('; ')
}
