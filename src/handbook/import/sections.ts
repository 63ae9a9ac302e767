// Sections of an imported handbook: one for every folder holding pages, described by `_section.yml`
// or Docusaurus's `_category_` files, nested sections flattened into the handbook's one level.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import type { SiteInfo } from '../handbook.sites.ts'
import { slugify } from '../markdown.ts'
import type { ImportedSection, Folder, ReadPage } from './import.types.ts'
import {
  GENERAL_SECTION,
  NUMERIC_PREFIX,
  Problems,
  stripPrefix,
  humanise,
  joinPosix,
  compareText,
  errorMessage,
  describeZodError,
} from './common.ts'
import { uniqueSlug } from './read-page.ts'

export const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform(value => (value === null || value === undefined ? undefined : String(value).trim() || undefined))
export const optionalNumber = z
  .number()
  .nullish()
  .transform(value => value ?? undefined)

export const sectionFileSchema = z.object({ title: optionalText, order: optionalNumber, summary: optionalText })

export const categoryFileSchema = z.object({
  label: optionalText,
  position: optionalNumber,
  description: optionalText,
  link: z.object({ description: optionalText }).nullish().catch(undefined),
})

export interface SectionMeta {
  title?: string
  order?: number
  summary?: string
}

/** Sections for every folder holding pages, keyed by folder path, plus each section's metadata for nesting. */
export async function describeSections(
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

export async function readSectionMeta(rootPath: string, folder: Folder, problems: Problems): Promise<SectionMeta> {
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

export function assignSections(
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
