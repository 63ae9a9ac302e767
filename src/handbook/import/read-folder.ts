// Reads a folder of Markdown into plain data: our starter format (content/handbook), Jekyll, Eleventy
// or Docusaurus. Every problem is collected; one bad file never stops the import. No database, no HTTP.
//
// Layout understood:
// - every folder directly holding pages is a section; `_section.yml` (title, order, summary) or
//   Docusaurus `_category_.json` / `_category_.yml` (label, position, description) describe it;
// - `NN-` / `NN_` prefixes on folder and file names give the order and are dropped from slugs;
// - pages are `.md` / `.markdown` files with optional YAML front matter between `---` lines;
// - names starting with `_` or `.`, and `node_modules`, are skipped (Jekyll's `_config.yml`, `_includes` …).
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { readSiteInfo } from '../handbook.sites.ts'
import { slugify } from '../markdown.ts'
import type { ImportResult, ReadOptions, ExistingPages, Folder, ReadPage } from './import.types.ts'
import { MAX_DEPTH, PAGE_EXTENSION, SECTION_FILES, Problems, joinPosix, compareText, errorMessage } from './common.ts'
import { describeSections, assignSections } from './sections.ts'
import { readPage } from './read-page.ts'
import { checkLinks } from './links.ts'
import { applyNavigation } from './navigation.ts'
import { rewriteLinks } from './site-links.ts'
import { keepImages } from './images.ts'

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
export function assignSlugs(readPages: ReadPage[], existing: ExistingPages | undefined, problems: Problems): void {
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

export async function walk(
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

export function flatten(folder: Folder): Folder[] {
  return [folder, ...folder.children.flatMap(flatten)]
}
