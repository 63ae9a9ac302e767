// Reads a folder of Markdown into plain data: our starter format (content/handbook), Jekyll, Eleventy
// or Docusaurus. Every problem is collected; one bad file never stops the import. No database, no HTTP.
//
// Layout understood:
// - every folder directly holding pages is a section; `_section.yml` (title, order, summary) or
//   Docusaurus `_category_.json` / `_category_.yml` (label, position, description) describe it;
// - `NN-` / `NN_` prefixes on folder and file names give the order and are dropped from slugs;
// - pages are `.md` / `.markdown` files with optional YAML front matter between `---` lines;
// - names starting with `_` or `.`, and `node_modules`, are skipped (Jekyll's `_config.yml`, `_includes` …).
import { existsSync } from 'node:fs'
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { codeRanges, convertBody, type SiteKind } from './handbook.convert.ts'
import {
  imageFileName,
  imageId,
  imageProblem,
  imageUrl,
  MAX_IMAGE_BYTES,
  sniffImageType,
  type ImageType,
} from './handbook.images.ts'
import { readSiteInfo, type NavEntry, type SiteInfo } from './handbook.sites.ts'
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
  /** The file's path from the folder holding the pages. */
  sourcePath: string
  /** The page's lasting identity: the site's name and the file's path ('team-guide:people/index.md'). */
  sourceKey: string
  /** The page's address on the original site, without its path prefix ('/guides/planning/'), if known. */
  url: string | null
  /** The address the page asked for, when a page from another source (or made in the browser) has it. */
  takenSlug?: string
}
export interface ImportProblem {
  file: string
  /** Line in the file, when the problem has one. */
  line?: number
  message: string
  /** Errors stop a page being imported; warnings say something was lost; notes say what was converted. */
  severity: 'error' | 'warning' | 'note'
}
/** A local image a page shows, read and checked by content. */
export interface ImportedImage {
  /** Lasting name, from its bytes: the same image always has the same address. */
  id: string
  fileName: string
  contentType: ImageType
  bytes: Buffer
  /** Path of the image from the import root. */
  sourcePath: string
}
export interface ImportResult {
  /** Which kind of site the folder holds. */
  site: SiteKind
  /** The original site's address, where links to pages not imported now point. */
  siteUrl: string | null
  sections: ImportedSection[]
  pages: ImportedPage[]
  images: ImportedImage[]
  problems: ImportProblem[]
}
export interface ReadOptions {
  onProgress?: (done: number, total: number, file: string) => void
  knownRoles?: readonly string[]
  knownSkills?: readonly string[]
  /** The published site's address, when the site's configuration does not say it. */
  siteUrl?: string
  /** The name source keys start with; by default the site's title or the folder's name. */
  sourceName?: string
  /** What the handbook has now: the slugs of pages by source key, and every slug in use. */
  existing?: ExistingPages
}
export interface ExistingPages {
  slugBySourceKey: ReadonlyMap<string, string>
  slugs: ReadonlySet<string>
}

const MAX_FILE_BYTES = 1024 * 1024
const MAX_SUMMARY_LENGTH = 300
const MAX_DEPTH = 20
const GENERAL_SECTION: ImportedSection = { slug: 'general', title: 'General', summary: '', order: 0 }
const PAGE_EXTENSION = /\.(?:md|markdown|mdx)$/i
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
  /** The section the site's navigation puts the page in, if any. */
  navSection?: string
  /** Line of the file where the body (as stored) starts, so problems found in it name the file's line. */
  firstLine: number
  /** Eleventy's eleventyNavigation. */
  navigation?: { key: string; parent: string | undefined; order: number | undefined; title: string | undefined }
  /** Docusaurus's doc id ('practices/reviews'). */
  docId?: string
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
  const site = await readSiteInfo(rootPath, options.siteUrl)
  const contentPath = path.join(rootPath, site.pageRoot)
  const empty: ImportResult = {
    site: site.kind,
    siteUrl: site.url,
    sections: [],
    pages: [],
    images: [],
    problems: problems.list,
  }
  let tree: Folder
  try {
    tree = await walk(contentPath, '', 0, problems, new Set(site.exclude))
  } catch (error) {
    problems.error('.', `Cannot read the folder: ${errorMessage(error)}`)
    return empty
  }

  const folders = flatten(tree)
  const folderSections = await describeSections(contentPath, folders, problems, site)
  const files = folders.flatMap(folder => folder.pageFiles.map(file => ({ folder, file })))
  const sourceName = options.sourceName ?? (slugify(site.title ?? '') || slugify(path.basename(rootPath)) || 'handbook')

  const readPages: ReadPage[] = []
  let done = 0
  for (const { folder, file } of files) {
    const sourcePath = joinPosix(folder.relPath, file)
    const alphabeticalIndex = folder.pageFiles.indexOf(file)
    const read = await readPage(contentPath, folder, file, sourcePath, alphabeticalIndex, options, problems, site)
    const section = folderSections.get(folder.relPath)
    if (read && section) {
      read.page.sectionSlug = section.slug
      read.page.sourceKey = `${sourceName}:${sourcePath}`
      readPages.push(read)
    }
    done += 1
    options.onProgress?.(done, files.length, sourcePath)
  }
  assignSlugs(readPages, options.existing, problems)
  const navSections = applyNavigation(site, readPages, problems)

  const sections = assignSections(readPages, folderSections, navSections)
  const pages = readPages.map(read => read.page)
  const result: ImportResult = { ...empty, sections, pages }
  if (site.kind === 'plain') checkLinks(result, problems)
  else rewriteLinks(site, readPages, result, problems)
  result.images = await keepImages(rootPath, site, readPages, problems)
  return result
}

/**
 * Slugs that never move: a page imported before keeps its slug; a new page gets its own, and one
 * that another page already has (from another file or made in the browser) is never taken over.
 */
function assignSlugs(readPages: ReadPage[], existing: ExistingPages | undefined, problems: Problems): void {
  const used = new Set<string>()
  const owned = new Map<string, string>()
  for (const { page } of readPages) {
    const kept = existing?.slugBySourceKey.get(page.sourceKey)
    if (kept !== undefined && !used.has(kept)) {
      page.slug = kept
      used.add(kept)
      owned.set(page.sourceKey, kept)
    }
  }
  for (const { page } of readPages) {
    if (owned.has(page.sourceKey)) continue
    const wanted = page.slug
    let slug = wanted
    for (let n = 2; used.has(slug) || existing?.slugs.has(slug); n += 1) slug = `${wanted}-${n}`
    if (slug !== wanted && existing?.slugs.has(wanted) && !used.has(wanted)) page.takenSlug = wanted
    if (slug !== wanted) {
      problems.warning(
        page.sourcePath,
        existing?.slugs.has(wanted) && !used.has(wanted)
          ? `The handbook already has a page at ${wanted} that did not come from this file, so this page is at ${slug}. To choose another address, give the page a slug in its front matter`
          : `Slug "${wanted}" is already used, so this one is "${slug}"`,
      )
    }
    used.add(slug)
    page.slug = slug
  }
}

async function walk(
  absolute: string,
  relPath: string,
  depth: number,
  problems: Problems,
  exclude: ReadonlySet<string> = new Set(),
): Promise<Folder> {
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
    } else if (name.startsWith('_') || name.startsWith('.') || name === 'node_modules' || exclude.has(name)) {
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
  site: SiteInfo,
): Promise<Map<string, ImportedSection>> {
  const orders = new Map<string, number>()
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
      const rootTitle = meta.title ?? site.title ?? GENERAL_SECTION.title
      titles.set('', rootTitle)
      if (folder.pageFiles.length > 0) {
        usedSlugs.add(GENERAL_SECTION.slug)
        sections.set('', {
          ...GENERAL_SECTION,
          title: rootTitle,
          summary: meta.summary ?? '',
          order: meta.order ?? 0,
        })
      }
      continue
    }
    const parentPath = path.posix.dirname(folder.relPath)
    const parentTitle = parentPath === '.' ? undefined : titles.get(parentPath)
    const ownTitle = humanise(folder.name)
    const title =
      (parentTitle && meta.title ? `${parentTitle}: ${meta.title}` : meta.title) ??
      (parentTitle ? `${parentTitle}: ${ownTitle}` : ownTitle)
    titles.set(folder.relPath, title)
    const prefix = NUMERIC_PREFIX.exec(folder.name)
    const ownOrder = meta.order ?? (prefix?.[1] ? Number(prefix[1]) : undefined)
    // A nested folder comes right after its parent, in its own order among its siblings.
    const parentOrder = parentPath === '.' ? undefined : orders.get(parentPath)
    const folderOrder =
      parentOrder === undefined
        ? (ownOrder ?? 1000 + withPages.indexOf(folder.relPath))
        : parentOrder + ((ownOrder ?? 999) + 1) / 1_000_000
    orders.set(folder.relPath, folderOrder)
    if (folder.pageFiles.length === 0) continue

    const baseSlug = slugify(folder.relPath.split('/').map(stripPrefix).join('-')) || 'section'
    const slug = uniqueSlug(baseSlug, usedSlugs, folder.relPath, problems)
    sections.set(folder.relPath, { slug, title, summary: meta.summary ?? '', order: folderOrder })
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

function assignSections(
  readPages: ReadPage[],
  folderSections: Map<string, ImportedSection>,
  navSections: Map<string, ImportedSection>,
): ImportedSection[] {
  const bySlug = new Map<string, ImportedSection>()
  for (const section of folderSections.values()) bySlug.set(section.slug, section)
  for (const section of navSections.values()) bySlug.set(section.slug, section)
  const used = new Map<string, ImportedSection>()
  for (const read of readPages) {
    const { page, sectionOverride } = read
    if (read.navSection && !sectionOverride) page.sectionSlug = read.navSection
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
  site: SiteInfo,
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

  const bodyStartLine = countNewlines(text.slice(0, text.length - split.body.length)) + 1
  const eleventyNavigation = asRecord(data.eleventyNavigation)
  let title =
    textValue(data.title) ??
    textValue(data.sidebar_label) ??
    textValue(eleventyNavigation?.title) ??
    textValue(eleventyNavigation?.key)
  const converted = convertBody(split.body, {
    kind: site.kind,
    mdx: site.kind === 'docusaurus' || /\.mdx$/i.test(file),
    pageTitle: title,
    siteTitle: site.title,
  })
  for (const note of converted.notes) {
    problems.list.push({
      file: sourcePath,
      line: bodyStartLine + note.line - 1,
      message: note.message,
      severity: note.severity,
    })
  }
  let body = converted.body
  let topRemoved = 0
  const heading = findTitleHeading(body)
  const removeHeading = (found: TitleHeading) => {
    if (found.leading) {
      topRemoved += countNewlines(body.slice(0, found.end))
      body = body.slice(found.end)
    } else {
      body = `${body.slice(0, found.start)}\n${body.slice(found.end)}`
    }
  }
  if (title === undefined && heading) {
    title = heading.text
    removeHeading(heading)
  } else if (title !== undefined && heading?.leading && sameText(heading.text, title)) {
    // A body that repeats the title as its first line would show it twice.
    removeHeading(heading)
  }
  if (title === undefined) {
    problems.error(sourcePath, 'Page has no title')
    return null
  }
  const leadingBlank = /^(?:[ \t]*\r?\n)+/.exec(body)?.[0] ?? ''
  topRemoved += countNewlines(leadingBlank)
  body = body.slice(leadingBlank.length).trimEnd()
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
    sourceKey: sourcePath, // the caller adds the site's name
    url: null,
  }
  const sectionOverride = data.section === undefined ? null : slugify(textValue(data.section) ?? '') || null
  if (data.section !== undefined && sectionOverride === null) warn('Front matter "section" is not a section name')
  const read: ReadPage = { page, sectionOverride, firstLine: bodyStartLine + topRemoved }
  const key = textValue(eleventyNavigation?.key)
  if (key !== undefined) {
    read.navigation = {
      key,
      parent: textValue(eleventyNavigation?.parent),
      order: numberValue(eleventyNavigation?.order),
      title: textValue(eleventyNavigation?.title),
    }
  }
  if (site.kind === 'docusaurus') {
    const segments = sourcePath.replace(PAGE_EXTENSION, '').split('/').map(stripPrefix)
    const id = textValue(data.id)
    if (id !== undefined) segments[segments.length - 1] = id
    read.docId = segments.join('/')
  }
  page.url = pageUrl(site, sourcePath, data, read.docId)
  return read
}

/** The page's address on the original site (without the site's path prefix), or null for our plain format. */
function pageUrl(site: SiteInfo, sourcePath: string, data: FrontMatter, docId: string | undefined): string | null {
  if (site.kind === 'plain') return null
  const permalink = textValue(data.permalink)
  const folder = path.posix.dirname(sourcePath) === '.' ? '' : path.posix.dirname(sourcePath)
  if (site.kind === 'docusaurus') {
    const slug = textValue(data.slug)
    const folderRoute = folder.split('/').map(stripPrefix).join('/')
    if (slug !== undefined) {
      return slug.startsWith('/') ? `${site.docsRoute}${slug}` : `${site.docsRoute}/${joinPosix(folderRoute, slug)}`
    }
    const segments = (docId ?? '').split('/')
    const last = segments[segments.length - 1] ?? ''
    const parent = segments[segments.length - 2]
    // index.md, README.md and a file named like its folder are the folder's page.
    if (INDEX_NAME.test(last) || (parent !== undefined && last === parent)) segments.pop()
    return `${site.docsRoute}/${segments.join('/')}`
  }
  if (permalink !== undefined && !permalink.includes(':'))
    return permalink.startsWith('/') ? permalink : `/${permalink}`
  const base = path.posix.basename(sourcePath).replace(PAGE_EXTENSION, '')
  if (!INDEX_NAME.test(base)) return `/${joinPosix(folder, base)}/`
  return folder === '' ? '/' : `/${folder}/`
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
const REFERENCE_DEFINITION = /^ {0,3}\[(?!\^)[^\]\n]{1,500}\]:[ \t]*(?:<([^<>\n]{1,2000})>|(\S{1,2000}))/gm
const LOOK_BACK = 500

function checkLinks(result: ImportResult, problems: Problems): void {
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

function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const existing = cache.get(key)
  if (existing) return existing
  const loading = load()
  cache.set(key, loading)
  return loading
}

// ---------------------------------------------------------------------------------------------------------------
// The site's navigation

/**
 * Orders pages as the site's navigation did (Jekyll's navigation data, Eleventy's eleventyNavigation,
 * Docusaurus's sidebars). In Jekyll and Eleventy a top-level entry with children becomes a section
 * holding them, and a top-level entry on its own joins the handbook's first section. Returns those sections.
 */
function applyNavigation(site: SiteInfo, readPages: ReadPage[], problems: Problems): Map<string, ImportedSection> {
  const sections = new Map<string, ImportedSection>()
  let tree: NavEntry[] = site.navigation
  let find: (entry: NavEntry) => ReadPage | undefined = () => undefined
  if (site.kind === 'jekyll') {
    const byUrl = new Map(
      readPages.flatMap(read => (read.page.url === null ? [] : [[normaliseUrl(read.page.url), read]])),
    )
    find = entry => (entry.url === undefined ? undefined : byUrl.get(normaliseUrl(withoutBase(site, entry.url))))
  } else if (site.kind === 'eleventy') {
    const byKey = new Map(readPages.flatMap(read => (read.navigation ? [[read.navigation.key, read]] : [])))
    const entries = new Map<string, NavEntry & { order: number }>()
    for (const read of byKey.values()) {
      const nav = read.navigation
      if (nav)
        entries.set(nav.key, { title: nav.title ?? nav.key, url: nav.key, children: [], order: nav.order ?? 1000 })
    }
    tree = []
    for (const read of byKey.values()) {
      const nav = read.navigation
      const entry = nav && entries.get(nav.key)
      if (!nav || !entry) continue
      const parent = nav.parent === undefined ? undefined : entries.get(nav.parent)
      if (nav.parent !== undefined && !parent) {
        problems.warning(read.page.sourcePath, `Navigation parent "${nav.parent}" is not a page of this handbook`)
      }
      ;(parent ? parent.children : tree).push(entry)
    }
    const sort = (list: NavEntry[]) => {
      list.sort((a, b) => (entries.get(a.url ?? '')?.order ?? 0) - (entries.get(b.url ?? '')?.order ?? 0))
      list.forEach(entry => sort(entry.children))
    }
    sort(tree)
    find = entry => (entry.url === undefined ? undefined : byKey.get(entry.url))
  } else if (site.kind === 'docusaurus') {
    const byId = new Map(readPages.flatMap(read => (read.docId === undefined ? [] : [[read.docId, read]])))
    find = entry => (entry.url === undefined ? undefined : byId.get(entry.url))
  }
  if (tree.length === 0) return sections

  let position = 0
  const visit = (entry: NavEntry, section: string | undefined) => {
    const read = find(entry)
    if (read) {
      read.page.order = position++
      if (section !== undefined) read.navSection = section
    }
    for (const child of entry.children) visit(child, section)
  }
  tree.forEach((entry, index) => {
    if (site.kind === 'docusaurus') return visit(entry, undefined)
    const title = entry.title ?? find(entry)?.page.title
    if (entry.children.length === 0 || title === undefined) {
      sections.set(GENERAL_SECTION.slug, { ...GENERAL_SECTION, title: site.title ?? GENERAL_SECTION.title })
      return visit(entry, GENERAL_SECTION.slug)
    }
    const slug = slugify(title) || `section-${index + 1}`
    sections.set(slug, { slug, title, summary: '', order: index + 1 })
    visit(entry, slug)
  })
  return sections
}

// ---------------------------------------------------------------------------------------------------------------
// Links and images on a site's pages: written into the Markdown as the handbook's own addresses

interface SiteIndex {
  byUrl: Map<string, string>
  byFile: Map<string, string>
  byFileWithoutExtension: Map<string, string>
}

function rewriteLinks(site: SiteInfo, readPages: ReadPage[], result: ImportResult, problems: Problems): void {
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

function findSitePage(
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
function resolveUrl(base: string, relative: string): string | null {
  try {
    return new URL(relative, `http://site.invalid${base.startsWith('/') ? base : `/${base}`}`).pathname
  } catch {
    return null
  }
}

/** '/handbook/guides/x/' → '/guides/x/' when the site's path prefix is '/handbook'. */
function withoutBase(site: SiteInfo, address: string): string {
  const base = site.baseUrl
  if (base === '' || !(address === base || address.startsWith(`${base}/`))) return address
  return address.slice(base.length) || '/'
}

/** Addresses compared without a trailing slash, 'index.html' or '.html': '/guides/x/' = '/guides/x.html'. */
function normaliseUrl(address: string): string {
  return safeDecode(address.split(/[?#]/, 1)[0] ?? '')
    .replace(/\/index\.html?$/i, '/')
    .replace(/\.html?$/i, '')
    .replace(/\/+$/, '')
    .toLowerCase()
}

/** Rewrites the targets of inline links and reference definitions outside code (images or links). */
function replaceLinks(body: string, images: boolean, rewrite: (href: string, offset: number) => string): string {
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

/** Reads every local image the pages show, keeps those that are images by content, and points the pages at them. */
async function keepImages(
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
function imageFile(rootPath: string, site: SiteInfo, sourcePath: string, target: string): string | null {
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

async function loadImage(rootPath: string, file: string): Promise<ImportedImage | string> {
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

function lineOf(text: string, offset: number): number {
  return countNewlines(text.slice(0, offset)) + 1
}

function countNewlines(text: string): number {
  let count = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1
  return count
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
