// The site's navigation: the order and sections a site generator's navigation gives its pages.
import type { NavEntry, SiteInfo } from '../handbook.sites.ts'
import { slugify } from '../markdown.ts'
import type { ImportedSection, ReadPage } from './import.types.ts'
import { GENERAL_SECTION, Problems } from './common.ts'
import { withoutBase, normaliseUrl } from './site-links.ts'

/**
 * Orders pages as the site's navigation did (Jekyll's navigation data, Eleventy's eleventyNavigation,
 * Docusaurus's sidebars). In Jekyll and Eleventy a top-level entry with children becomes a section
 * holding them, and a top-level entry on its own joins the handbook's first section. Returns those sections.
 */
export function applyNavigation(
  site: SiteInfo,
  readPages: ReadPage[],
  problems: Problems,
): Map<string, ImportedSection> {
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
