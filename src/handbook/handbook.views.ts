// The handbook's presenters: pure functions from what the service returns to what the templates
// show. Handlers load, authorize and call the service, then pass the result through one of these.
import type { FrameworkTerms } from '../framework/framework.terms.ts'
import { diffView } from '../platform/diff.ts'
import { pagination } from '../platform/pagination.ts'
import type { Page, PageSummary, Resource, Section } from './handbook.repository.ts'
import { BLANK_RESOURCE_ROWS, RESOURCE_FORMATS } from './handbook.schemas.ts'
import type { DiffLine, SuggestionReview } from './handbook.service.ts'

/** What the reader may do on a page; templates get these flags, never role names. */
export interface PageAbilities {
  readonly edit: boolean
  readonly suggest: boolean
  readonly history: boolean
  readonly authors: boolean
}

/** A page's role and skill tags with their names. */
export function tagsView(terms: Pick<FrameworkTerms, 'roleName' | 'skillName'>, page: Pick<Page, 'roles' | 'skills'>) {
  return {
    roles: page.roles.map(slug => ({ slug, name: terms.roleName(slug) })),
    skills: page.skills.map(slug => ({ slug, name: terms.skillName(slug) })),
  }
}

/** One page of the handbook, with links to the pages before and after it in reading order. */
export function pageView(
  terms: Pick<FrameworkTerms, 'roleName' | 'skillName'>,
  o: {
    page: Page
    section: Section
    previous: Pick<PageSummary, 'slug' | 'title'> | null | undefined
    next: Pick<PageSummary, 'slug' | 'title'> | null | undefined
  },
  can: PageAbilities,
) {
  const { page, previous, next } = o
  return {
    pageTitle: page.title,
    page,
    section: o.section,
    pager:
      previous || next
        ? {
            previous: previous ? { href: `/handbook/${previous.slug}`, labelText: previous.title } : undefined,
            next: next ? { href: `/handbook/${next.slug}`, labelText: next.title } : undefined,
          }
        : null,
    tags: tagsView(terms, page),
    reading: page.resources.filter(r => r.kind === 'reading'),
    training: page.resources.filter(r => r.kind === 'training'),
    can,
  }
}

/** The search page: the form, and the results with links to each page of them. */
export function searchView<R extends { page: number; pages: number }>(query: string, result: R | null) {
  const href = (n: number) => `/handbook/search?${new URLSearchParams({ q: query, page: String(n) }).toString()}`
  return {
    pageTitle: query ? `Search results for ‘${query}’` : 'Search the handbook',
    query,
    result,
    // Results run to a few pages at most, so every page is linked.
    pagination: result ? pagination({ page: result.page, pages: result.pages, href, around: Infinity }) : null,
  }
}

/**
 * Checkboxes for the current framework's roles, and for any role the page has that the framework
 * has since retired, so it is not dropped without anyone seeing.
 */
export function roleItems(terms: Pick<FrameworkTerms, 'roles' | 'roleName'>, selected: readonly string[]) {
  const slugs = terms.roles.map(r => r.slug)
  for (const slug of selected) if (!slugs.includes(slug)) slugs.push(slug)
  return slugs.map(slug => ({ value: slug, text: terms.roleName(slug), checked: selected.includes(slug) }))
}

/** Checkboxes for one group of skills, in the same way as roleItems. */
export function skillItems(
  terms: Pick<FrameworkTerms, 'skills' | 'skillName'>,
  selected: readonly string[],
  group: 'core' | 'leadership',
) {
  const slugs = terms.skills.filter(s => s.group === group).map(s => s.slug)
  const known = new Set(terms.skills.map(s => s.slug))
  if (group === 'core') for (const slug of selected) if (!known.has(slug)) slugs.push(slug)
  return slugs.map(slug => ({ value: slug, text: terms.skillName(slug), checked: selected.includes(slug) }))
}

/** Resource rows for the form: what is there plus blank rows to add more without JavaScript. */
export function resourceRows(resources: readonly (Resource & { index?: number })[]) {
  const rows = resources.map((r, i) => ({ ...r, index: r.index ?? i }))
  const next = rows.reduce((n, r) => Math.max(n, r.index + 1), 0)
  for (let i = 0; i < BLANK_RESOURCE_ROWS; i++)
    rows.push({ kind: 'reading', title: '', author: '', format: '', length: '', url: '', index: next + i })
  return rows
}

/** What the page form was given: the page's tags, resources and section, or what was typed. */
export interface PageFormInput {
  readonly roles: string[]
  readonly skills: string[]
  readonly resources: (Resource & { index?: number })[]
  readonly sectionId: string
}

/** The form that writes a new page or changes one, with a preview or a conflict when there is one. */
export function pageFormView(
  terms: FrameworkTerms,
  sections: readonly Pick<Section, 'id' | 'title'>[],
  o: {
    mode: 'new' | 'edit'
    page?: Page | undefined
    values: Record<string, unknown>
    input: PageFormInput
    errors?: unknown
    preview?: string | undefined
    conflict?: { latest: Page; diff: DiffLine[] } | undefined
  },
) {
  return {
    pageTitle: o.mode === 'new' ? 'New page' : `Edit ${o.page?.title ?? ''}`,
    mode: o.mode,
    page: o.page,
    values: o.values,
    errors: o.errors,
    preview: o.preview,
    conflict: o.conflict ? { ...o.conflict, view: diffView(o.conflict.diff) } : undefined,
    sectionItems: sections.map(s => ({ value: s.id, text: s.title, selected: s.id === o.input.sectionId })),
    roleItems: roleItems(terms, o.input.roles),
    coreSkillItems: skillItems(terms, o.input.skills, 'core'),
    leadershipSkillItems: skillItems(terms, o.input.skills, 'leadership'),
    resourceRows: resourceRows(o.input.resources),
    formats: RESOURCE_FORMATS,
  }
}

/**
 * A suggested change beside the page it would change; reviewers may accept or decline it while it
 * is open. The text offered for accepting is the suggestion merged with the page as it is now:
 * where both changed the same lines, both versions between conflict markers, so no accepted
 * change can be dropped unseen. The changes are shown in hunks, or the whole page when asked.
 */
export function suggestionView(review: SuggestionReview, mayReview: boolean, options: { whole?: boolean } = {}) {
  const href = `/handbook/suggestions/${review.suggestion.id}`
  return {
    pageTitle: `Suggested change to ${review.suggestion.pageTitle}`,
    ...review,
    diffView: diffView(review.diff, { whole: options.whole ?? false }),
    toggleHref: options.whole ? `${href}#changes` : `${href}?whole=yes#changes`,
    acceptBody: review.mergedBody,
    can: { review: mayReview && review.suggestion.status === 'open' },
  }
}

/** A section and the pages in it, in reading order, as the printable document shows them. */
export interface PrintPart {
  section: Section
  pages: Page[]
}

/**
 * Our own generated page HTML (markdown-it and the templates double-quote every attribute), with
 * its ids and in-page links made unique to the page, and links to pages in the same document
 * turned into links within it, so a printed or saved PDF can be followed from its contents.
 */
export function printableBody(html: string, slug: string, inDocument: ReadonlySet<string>): string {
  const prefix = `p-${slug}--`
  return html
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${prefix}${id}"`)
    .replace(/\shref="#([^"]+)"/g, (_m, id: string) => ` href="#${prefix}${id}"`)
    .replace(/\shref="\/handbook\/([a-z0-9-]{1,100})(?:#([^"]*))?"/g, (match, target: string, fragment?: string) => {
      if (!inDocument.has(target)) return match
      return fragment ? ` href="#p-${target}--${fragment}"` : ` href="#page-${target}"`
    })
}

/** The printable document of a section, or of the whole handbook with its sections. */
export function printView(
  parts: readonly PrintPart[],
  o: { whole: boolean; title: string; intro?: string; onlineBase?: string; crumbs: { text: string; href?: string }[] },
) {
  const kept = parts.filter(part => part.pages.length > 0)
  const slugs = new Set(kept.flatMap(part => part.pages.map(p => p.slug)))
  const pages = kept.flatMap(part => part.pages)
  return {
    pageTitle: o.whole ? `${o.title}: printable version` : `${o.title}: printable section`,
    title: o.title,
    intro: o.intro ?? '',
    whole: o.whole,
    onlineBase: o.onlineBase ?? '',
    crumbs: o.crumbs,
    pageCount: pages.length,
    lastChanged: pages.reduce((latest, p) => (p.updatedAt > latest ? p.updatedAt : latest), ''),
    parts: kept.map(part => ({
      section: part.section,
      pages: part.pages.map(p => ({ ...p, bodyHtml: printableBody(p.bodyHtml, p.slug, slugs) })),
    })),
  }
}
