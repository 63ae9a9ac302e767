// Reading one page: front matter, title, slug, summary, order, tags and resources, and the
// page's address on the original site.
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { convertBody } from '../handbook.convert.ts'
import type { SiteInfo } from '../handbook.sites.ts'
import { MAX_MARKDOWN_LENGTH, slugify } from '../markdown.ts'
import type { ImportedResource, ImportedPage, ReadOptions, FrontMatter, Folder, ReadPage } from './import.types.ts'
import {
  MAX_FILE_BYTES,
  MAX_SUMMARY_LENGTH,
  PAGE_EXTENSION,
  NUMERIC_PREFIX,
  INDEX_NAME,
  Problems,
  countNewlines,
  stripPrefix,
  joinPosix,
  sameText,
  textValue,
  numberValue,
  asRecord,
  errorMessage,
  firstLine,
} from './common.ts'

export async function readPage(
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
export function pageUrl(
  site: SiteInfo,
  sourcePath: string,
  data: FrontMatter,
  docId: string | undefined,
): string | null {
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
export function splitFrontMatter(text: string): { frontMatter: string | null; body: string } {
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

export interface TitleHeading {
  text: string
  start: number
  end: number
  /** True when the heading is the first non-blank line of the body. */
  leading: boolean
}

/** The first ATX `# heading` outside fenced code. */
export function findTitleHeading(body: string): TitleHeading | null {
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

export function pageSlug(data: FrontMatter, folder: Folder, file: string): string {
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

export function lastSegment(value: string | undefined): string | undefined {
  return value
    ?.split('/')
    .filter(segment => segment !== '')
    .pop()
}

export function uniqueSlug(slug: string, used: Set<string>, file: string, problems: Problems): string {
  let unique = slug
  for (let n = 2; used.has(unique); n += 1) unique = `${slug}-${n}`
  if (unique !== slug) problems.warning(file, `Slug "${slug}" is already used, so this one is "${unique}"`)
  used.add(unique)
  return unique
}

export function summaryOf(data: FrontMatter, warn: (message: string) => void): string {
  const summary = (textValue(data.summary) ?? textValue(data.description) ?? textValue(data.excerpt) ?? '')
    .replace(/\s+/g, ' ')
    .trim()
  if (summary.length <= MAX_SUMMARY_LENGTH) return summary
  warn(`Summary is longer than ${MAX_SUMMARY_LENGTH} characters and was shortened`)
  const cut = summary.slice(0, MAX_SUMMARY_LENGTH - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > MAX_SUMMARY_LENGTH / 2 ? cut.slice(0, space) : cut}…`
}

export function orderOf(
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

export function stringList(value: unknown, key: string, warn: (message: string) => void): string[] {
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

export function knownValues(
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

export function resourcesOf(value: unknown, warn: (message: string) => void): ImportedResource[] {
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

export function isWebUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
  } catch {
    return false
  }
}
