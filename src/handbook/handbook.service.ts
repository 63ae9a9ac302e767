// The organisation's handbook: contents, pages and their versions, search, suggested changes
// and import. Every save is a version; a save based on an old version is refused with a
// StaleVersionError<Page> carrying the latest page, so the caller can show both texts.
import { resolve } from 'node:path'
import { hasConflictMarkers, lineDiff, merge3, undoneLines, wordDiff, type DiffLine } from '../platform/diff.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { EmailService } from '../email/email.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { HIT_END, HIT_START, searchTerms } from '../db/dialect.ts'
import { BUNDLED_TERMS, equivalentSkills, type FrameworkTerms, type TermsSource } from '../framework/framework.terms.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { escapeHtml } from '../platform/html.ts'
import { newId } from '../platform/ids.ts'
import type { ImportProblem, ImportResult, ImportedPage } from './import/import.types.ts'
import { createLinkResolver } from './import/links.ts'
import { readHandbookFolder } from './import/read-folder.ts'
import {
  imageFileName,
  imageId,
  imageProblem,
  imageUrl,
  resolveStoredImage,
  sniffImageType,
} from './handbook.images.ts'
import type { HandbookRepository } from './handbook.repository.ts'
import type { Page, PageSummary, PageVersion, Resource, Section, StoredImage, Suggestion } from './handbook.types.ts'
import { HEADING_ID_PREFIX, headingId, renderMarkdown } from './markdown.ts'
import { slugify as slugOf } from '../platform/slug.ts'

export const STARTER_HANDBOOK_DIR = resolve(import.meta.dirname, '../../content/handbook')
export const SEARCH_PAGE_SIZE = 20

export interface PageInput {
  title: string
  summary: string
  sectionId: string
  body: string
  roles: string[]
  skills: string[]
  resources: Resource[]
  changeNote: string
}

export interface ContentsSection extends Section {
  pages: PageSummary[]
}

export interface PageInContext {
  page: Page
  section: Section
  previous: PageSummary | null
  next: PageSummary | null
}

/** Someone saved the page after the editor opened it: carries the page as it is now. */
const stalePage = (latest: Page) => new StaleVersionError(latest, 'The page was changed by someone else')

export type { DiffLine }

export interface ImportReport {
  sectionsCreated: number
  pagesCreated: number
  pagesUpdated: number
  pagesUnchanged: number
  /** Images stored by this import (ones kept before are not counted again). */
  imagesStored: number
  problems: ImportProblem[]
  /** What happened to each page read, in reading order. */
  pages?: ImportedPageOutcome[]
}

export interface ImportedPageOutcome {
  slug: string
  title: string
  sourcePath: string
  outcome: 'created' | 'updated' | 'unchanged' | 'refused'
}

/** Thrown to roll a dry run back, carrying what it would have done. */
class DryRunFinished extends Error {
  constructor(readonly report: ImportReport) {
    super('Dry run')
  }
}

/** What an import reads besides the folder: the site's address and the name its source keys start with. */
export interface ImportReadOptions {
  siteUrl?: string
  sourceName?: string
  /** Read the folder as the site has it, ignoring this handbook's pages (following an upstream). */
  asPublished?: boolean
}

export interface SuggestionReview {
  suggestion: Suggestion
  page: Page
  /** The text the page would have if accepted, or null when it cannot be combined automatically. */
  proposedBody: string | null
  /**
   * The suggestion combined with the page as it is now by a three-way merge: where both changed
   * the same lines, both versions between conflict markers (`conflicts` says how many places).
   */
  mergedBody: string
  conflicts: number
  pageChangedSince: boolean
  diff: DiffLine[]
}

/** What the conflict markers in a combined text call each side. */
export const MERGE_LABELS = { ours: 'The page now', theirs: 'The suggestion' }

export function slugify(text: string): string {
  return slugOf(text) || 'page'
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

/** Paths under /handbook that pages cannot take as their slug. */
export const RESERVED_SLUGS = new Set([
  'search',
  'new',
  'manage',
  'suggestions',
  'sections',
  'print',
  'review',
  'feedback',
  'upstream',
  'import',
])

/** A page slug from a title: reserved words get a suffix. */
export function pageSlug(title: string): string {
  const slug = slugify(title)
  return RESERVED_SLUGS.has(slug) ? `${slug}-page` : slug
}

/** Escapes a search snippet and marks the hits with <mark>. */
export function snippetHtml(snippet: string): string {
  return escapeHtml(snippet).split(HIT_START).join('<mark>').split(HIT_END).join('</mark>')
}

export class HandbookService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HandbookRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** The current framework's roles and skills, which pages are tagged with. */
    private readonly framework: TermsSource,
    /** Tells the author of a suggestion what was decided (the email outbox). */
    private readonly email: Pick<EmailService, 'enqueue'>,
  ) {}

  /** The roles and skills pages can be tagged with now, and the name of any role or skill. */
  tagTerms(): Promise<FrameworkTerms> {
    return this.framework.terms()
  }

  /**
   * Tags must be roles and skills of the current framework. Tags a page already has stay
   * allowed after the framework retires them, so saving other changes does not drop them.
   */
  private async checkTags(input: Pick<PageInput, 'roles' | 'skills'>, kept?: Pick<Page, 'roles' | 'skills'>) {
    const terms = await this.framework.terms()
    const roles = new Set([...terms.roles.map(r => r.slug), ...(kept?.roles ?? [])])
    const skills = new Set([...terms.skills.map(s => s.slug), ...(kept?.skills ?? [])])
    const errors: Record<string, string> = {}
    if (!input.roles.every(role => roles.has(role))) errors.roles = 'Select roles from the list'
    if (!input.skills.every(skill => skills.has(skill))) errors.skills = 'Select skills from the list'
    if (Object.keys(errors).length > 0) throw new ValidationError(errors)
  }

  // ---- Reading ----

  revision(): Promise<number> {
    return this.repo.revision.revision(this.db)
  }

  /** The same revision, without waiting, when it is remembered; undefined otherwise. */
  rememberedRevision(): number | undefined {
    return this.repo.revision.rememberedRevision(this.db)
  }

  async contents(): Promise<{ sections: ContentsSection[] }> {
    const [sections, pages] = await Promise.all([
      this.repo.sections.listSections(this.db),
      this.repo.pages.listPageSummaries(this.db),
    ])
    const bySection = new Map<string, PageSummary[]>()
    for (const p of pages) bySection.set(p.sectionId, [...(bySection.get(p.sectionId) ?? []), p])
    return { sections: sections.map(s => ({ ...s, pages: bySection.get(s.id) ?? [] })) }
  }

  async sections(): Promise<Section[]> {
    return this.repo.sections.listSections(this.db)
  }

  async section(slug: string): Promise<Section> {
    const section = await this.repo.sections.findSectionBySlug(this.db, slug)
    if (!section) throw new NotFoundError('No such section')
    return section
  }

  pageStamp(slug: string): Promise<{ id: string; version: number; sectionId: string } | null> {
    return this.repo.pages.findPageStamp(this.db, slug)
  }

  async page(slug: string): Promise<Page> {
    const page = await this.repo.pages.findPageBySlug(this.db, slug)
    if (!page) throw new NotFoundError('No such page')
    return page
  }

  /** A page with its section and its neighbours in reading order. */
  async pageInContext(slug: string): Promise<PageInContext> {
    const page = await this.page(slug)
    const { sections } = await this.contents()
    const order = sections.flatMap(s => s.pages)
    const index = order.findIndex(p => p.id === page.id)
    const section = sections.find(s => s.id === page.sectionId)
    if (!section) throw new NotFoundError('The page has no section')
    return { page, section, previous: order[index - 1] ?? null, next: order[index + 1] ?? null }
  }

  async search(
    query: string,
    page: number,
  ): Promise<{
    terms: string[]
    total: number
    results: (Awaited<ReturnType<HandbookRepository['pages']['search']>>['hits'][number] & { snippetHtml: string })[]
    page: number
    pages: number
  }> {
    const terms = searchTerms(query)
    const safePage = Math.max(1, Math.min(Math.floor(page) || 1, 1000))
    const { hits, total } = await this.repo.pages.search(
      this.db,
      terms,
      SEARCH_PAGE_SIZE,
      (safePage - 1) * SEARCH_PAGE_SIZE,
    )
    return {
      terms,
      total,
      page: safePage,
      pages: Math.max(1, Math.ceil(total / SEARCH_PAGE_SIZE)),
      results: hits.map(h => ({ ...h, snippetHtml: snippetHtml(h.snippet || h.summary) })),
    }
  }

  /** Handbook pages tagged with these skills, with their resources: for development plans. */
  /**
   * Pages tagged with any of these skills (My pathway suggests them for each gap). Kept per
   * handbook revision, like rendered pages: with a large handbook the query returns every tagged
   * page with its resources, which cost more than the rest of the pathway page together.
   */
  async pagesForSkills(skills: string[]) {
    const key = `${await this.revision()}:${[...new Set(skills)].sort().join(' ')}`
    let pages = this.pagesForSkillsCache.get(key)
    if (!pages) {
      pages = await this.repo.pages.pagesForSkills(this.db, skills)
      if (this.pagesForSkillsCache.size >= 500) this.pagesForSkillsCache.clear()
      this.pagesForSkillsCache.set(key, pages)
    }
    return pages
  }
  private readonly pagesForSkillsCache = new Map<
    string,
    Awaited<ReturnType<HandbookRepository['pages']['pagesForSkills']>>
  >()

  // ---- Writing pages ----

  private async knownSlugs(db: DbExecutor): Promise<Set<string>> {
    return new Set((await this.repo.pages.listPageSummaries(db)).map(p => p.slug))
  }

  /** Renders Markdown written in the editor; internal links must go to pages that exist. */
  private render(body: string, slugs: Set<string>) {
    const rendered = renderMarkdown(body, {
      resolveImage: resolveStoredImage,
      resolveLink: href => {
        const [path = '', fragment] = href.split('#', 2)
        const anchor = fragment ? `#${fragment.startsWith(HEADING_ID_PREFIX) ? fragment : headingId(fragment)}` : ''
        if (path === '') return anchor || href
        const handbookPath = /^\/handbook\/([a-z0-9-]+)\/?$/.exec(path)
        if (handbookPath) return slugs.has(handbookPath[1] ?? '') ? `${path}${anchor}` : null
        if (path.startsWith('/')) return href
        const slug = slugify(
          (path.split('/').filter(Boolean).pop() ?? '').replace(/\.(md|markdown)$/, '').replace(/^\d+-/, ''),
        )
        return slugs.has(slug) ? `/handbook/${slug}${anchor}` : null
      },
    })
    return rendered
  }

  /**
   * Markdown rendered as a saved page shows it (stored images, links between pages): what the editor's
   * preview, a suggestion's preview and an old version show. A link to a missing page shows as text.
   */
  async renderBody(body: string): Promise<string> {
    return this.render(body, await this.knownSlugs(this.db)).html
  }

  private checkLinks(rendered: { brokenLinks: string[] }): void {
    if (rendered.brokenLinks.length) {
      const list = rendered.brokenLinks.slice(0, 5).join(', ')
      throw new ValidationError({
        body: `These links go to handbook pages that do not exist: ${list}. Link to an existing page, such as /handbook/scrum, or remove the link`,
      })
    }
  }

  async createPage(actor: Actor, input: PageInput): Promise<Page> {
    const at = this.clock().toISOString()
    await this.checkTags(input)
    return this.db.transaction().execute(async trx => {
      const section = await this.repo.sections.findSectionById(trx, input.sectionId)
      if (!section) throw new ValidationError({ sectionId: 'Select a section that exists' })
      const slugs = await this.knownSlugs(trx)
      let slug = pageSlug(input.title)
      for (let n = 2; slugs.has(slug); n++) slug = `${pageSlug(input.title)}-${n}`
      slugs.add(slug)
      const rendered = this.render(input.body, slugs)
      this.checkLinks(rendered)
      const position = (await this.repo.pages.countPagesInSection(trx, section.id)) + 1
      const page: Page = {
        id: newId(),
        slug,
        sectionId: section.id,
        position,
        title: input.title,
        summary: input.summary,
        body: input.body,
        bodyHtml: rendered.html,
        bodyText: rendered.text,
        headings: rendered.headings,
        roles: input.roles,
        skills: input.skills,
        resources: input.resources,
        version: 1,
        createdAt: at,
        updatedAt: at,
        updatedBy: actor.id,
        updatedByName: actor.name,
      }
      await this.repo.pages.insertPage(trx, page)
      await this.repo.versions.insertVersion(
        trx,
        this.versionOf(page, input.changeNote || 'Created the page', actor, at, null),
      )
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.page-created',
        subjectType: 'handbook-page',
        subjectId: page.id,
        summary: `Created "${page.title}" in ${section.title}`,
      })
      return page
    })
  }

  private versionOf(
    page: Page,
    changeNote: string,
    author: Actor,
    at: string,
    suggestionId: string | null,
  ): PageVersion {
    return {
      id: newId(),
      pageId: page.id,
      version: page.version,
      title: page.title,
      summary: page.summary,
      body: page.body,
      meta: { sectionId: page.sectionId, roles: page.roles, skills: page.skills, resources: page.resources },
      changeNote: changeNote.slice(0, 500),
      createdAt: at,
      createdBy: author.id,
      createdByName: author.name,
      suggestionId,
    }
  }

  /**
   * Saves a new version of a page. baseVersion is the version the editor started from: if
   * someone saved since, nothing is written and a StaleVersionError carries the latest page.
   */
  async updatePage(
    actor: Actor,
    slug: string,
    input: PageInput,
    baseVersion: number,
    credit?: { author: Actor; suggestionId: string },
  ): Promise<Page> {
    // Checked before the transaction (on SQLite it holds the only connection). The version check
    // inside it catches a change to the page's tags made in between.
    await this.checkTags(input, (await this.repo.pages.findPageBySlug(this.db, slug)) ?? undefined)
    return this.db.transaction().execute(trx => this.saveVersion(trx, actor, slug, input, baseVersion, credit))
  }

  /** updatePage inside a transaction the caller holds, so other writes can share it. */
  private async saveVersion(
    trx: DbExecutor,
    actor: Actor,
    slug: string,
    input: PageInput,
    baseVersion: number,
    credit?: { author: Actor; suggestionId: string },
  ): Promise<Page> {
    const at = this.clock().toISOString()
    const current = await this.repo.pages.findPageBySlug(trx, slug)
    if (!current) throw new NotFoundError('No such page')
    if (current.version !== baseVersion) throw stalePage(current)
    const section = await this.repo.sections.findSectionById(trx, input.sectionId)
    if (!section) throw new ValidationError({ sectionId: 'Select a section that exists' })
    const rendered = this.render(input.body, await this.knownSlugs(trx))
    this.checkLinks(rendered)
    const author = credit?.author ?? actor
    const moved = section.id !== current.sectionId
    const page: Page = {
      ...current,
      sectionId: section.id,
      position: moved ? (await this.repo.pages.countPagesInSection(trx, section.id)) + 1 : current.position,
      title: input.title,
      summary: input.summary,
      body: input.body,
      bodyHtml: rendered.html,
      bodyText: rendered.text,
      headings: rendered.headings,
      roles: input.roles,
      skills: input.skills,
      resources: input.resources,
      version: current.version + 1,
      updatedAt: at,
      updatedBy: author.id,
      updatedByName: author.name,
    }
    if (!(await this.repo.pages.updatePage(trx, page, baseVersion))) {
      const latest = await this.repo.pages.findPageBySlug(trx, slug)
      throw stalePage(latest ?? current)
    }
    const note = input.changeNote || (credit ? `Suggested by ${credit.author.name}, accepted by ${actor.name}` : '')
    await this.repo.versions.insertVersion(trx, this.versionOf(page, note, author, at, credit?.suggestionId ?? null))
    await this.repo.revision.bumpRevision(trx)
    await this.audit.record(trx, actor, {
      action: 'handbook.page-updated',
      subjectType: 'handbook-page',
      subjectId: page.id,
      summary: `Saved version ${page.version} of "${page.title}"${moved ? ` and moved it to ${section.title}` : ''}${credit ? ` (suggested by ${credit.author.name})` : ''}`,
    })
    return page
  }

  /** Moves a page one place up or down within its section. */
  async reorderPage(actor: Actor, slug: string, direction: 'up' | 'down'): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const page = await this.repo.pages.findPageBySlug(trx, slug)
      if (!page) throw new NotFoundError('No such page')
      const siblings = (await this.repo.pages.listPageSummaries(trx)).filter(p => p.sectionId === page.sectionId)
      const index = siblings.findIndex(p => p.id === page.id)
      const swapWith = direction === 'up' ? index - 1 : index + 1
      if (swapWith < 0 || swapWith >= siblings.length) return
      const reordered = [...siblings]
      const [moving] = reordered.splice(index, 1)
      if (!moving) return
      reordered.splice(swapWith, 0, moving)
      for (const [i, p] of reordered.entries())
        if (p.position !== i + 1) await this.repo.pages.setPagePlacement(trx, p.id, p.sectionId, i + 1)
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.page-reordered',
        subjectType: 'handbook-page',
        subjectId: page.id,
        summary: `Moved "${page.title}" ${direction}`,
      })
    })
  }

  async deletePage(actor: Actor, slug: string, expectedVersion: number): Promise<Page> {
    return this.db.transaction().execute(async trx => {
      const page = await this.repo.pages.findPageBySlug(trx, slug)
      if (!page) throw new NotFoundError('No such page')
      if (page.version !== expectedVersion) throw stalePage(page)
      await this.repo.pages.deletePage(trx, page.id)
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.page-deleted',
        subjectType: 'handbook-page',
        subjectId: page.id,
        summary: `Deleted "${page.title}" (it had ${page.version} versions)`,
      })
      return page
    })
  }

  // ---- Sections ----

  async createSection(actor: Actor, input: { title: string; summary: string }): Promise<Section> {
    const at = this.clock().toISOString()
    return this.db.transaction().execute(async trx => {
      const sections = await this.repo.sections.listSections(trx)
      const taken = new Set(sections.map(s => s.slug))
      let slug = slugify(input.title)
      for (let n = 2; taken.has(slug); n++) slug = `${slugify(input.title)}-${n}`
      const section: Section = {
        id: newId(),
        slug,
        title: input.title,
        summary: input.summary,
        position: sections.length + 1,
      }
      await this.repo.sections.insertSection(trx, section, at)
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.section-created',
        subjectType: 'handbook-section',
        subjectId: section.id,
        summary: `Created the section "${section.title}"`,
      })
      return section
    })
  }

  async updateSection(actor: Actor, slug: string, input: { title: string; summary: string }): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const section = await this.repo.sections.findSectionBySlug(trx, slug)
      if (!section) throw new NotFoundError('No such section')
      await this.repo.sections.updateSection(trx, section.id, input, this.clock().toISOString())
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.section-updated',
        subjectType: 'handbook-section',
        subjectId: section.id,
        summary: `Changed the section "${input.title}"`,
      })
    })
  }

  async reorderSection(actor: Actor, slug: string, direction: 'up' | 'down'): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const sections = await this.repo.sections.listSections(trx)
      const index = sections.findIndex(s => s.slug === slug)
      if (index < 0) throw new NotFoundError('No such section')
      const swapWith = direction === 'up' ? index - 1 : index + 1
      if (swapWith < 0 || swapWith >= sections.length) return
      const reordered = [...sections]
      const [moving] = reordered.splice(index, 1)
      if (!moving) return
      reordered.splice(swapWith, 0, moving)
      for (const [i, s] of reordered.entries())
        if (s.position !== i + 1) await this.repo.sections.setSectionPosition(trx, s.id, i + 1)
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.section-reordered',
        subjectType: 'handbook-section',
        subjectId: moving.id,
        summary: `Moved the section "${moving.title}" ${direction}`,
      })
    })
  }

  async deleteSection(actor: Actor, slug: string): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const section = await this.repo.sections.findSectionBySlug(trx, slug)
      if (!section) throw new NotFoundError('No such section')
      if ((await this.repo.pages.countPagesInSection(trx, section.id)) > 0) {
        throw new ValidationError({
          section: 'Move or delete the pages in this section first. Only an empty section can be deleted',
        })
      }
      await this.repo.sections.deleteSection(trx, section.id)
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.section-deleted',
        subjectType: 'handbook-section',
        subjectId: section.id,
        summary: `Deleted the empty section "${section.title}"`,
      })
    })
  }

  // ---- History ----

  async history(slug: string) {
    const page = await this.page(slug)
    return { page, versions: await this.repo.versions.listVersions(this.db, page.id) }
  }

  async version(slug: string, version: number): Promise<{ page: Page; version: PageVersion }> {
    const page = await this.page(slug)
    const found = await this.repo.versions.findVersion(this.db, page.id, version)
    if (!found) throw new NotFoundError('No such version')
    return { page, version: found }
  }

  async compare(slug: string, from: number, to: number) {
    const page = await this.page(slug)
    const [a, b] = await Promise.all([
      this.repo.versions.findVersion(this.db, page.id, from),
      this.repo.versions.findVersion(this.db, page.id, to),
    ])
    if (!a || !b) throw new NotFoundError('No such version')
    return {
      page,
      from: a,
      to: b,
      title: wordDiff(a.title, b.title),
      summary: wordDiff(a.summary, b.summary),
      body: lineDiff(a.body, b.body),
    }
  }

  /** Makes an old version the newest one again (history keeps everything in between). */
  async restore(actor: Actor, slug: string, version: number, baseVersion: number): Promise<Page> {
    const { version: old } = await this.version(slug, version)
    return this.updatePage(
      actor,
      slug,
      {
        title: old.title,
        summary: old.summary,
        sectionId: old.meta.sectionId,
        body: old.body,
        roles: old.meta.roles,
        skills: old.meta.skills,
        resources: old.meta.resources,
        changeNote: `Restored version ${version}`,
      },
      baseVersion,
    )
  }

  // ---- Suggestions ----

  async suggest(
    actor: Actor & { id: string },
    slug: string,
    input: { title: string; summary: string; body: string; reason: string },
    baseVersion: number,
  ): Promise<Suggestion> {
    const page = await this.page(slug)
    const base = await this.repo.versions.findVersion(this.db, page.id, baseVersion)
    if (!base) throw new NotFoundError('No such version')
    if (base.title === input.title && base.summary === input.summary && base.body === input.body) {
      throw new ValidationError({
        body: 'You have not changed anything. Change the page text, title or summary, then send your suggestion',
      })
    }
    const id = newId()
    await this.db.transaction().execute(async trx => {
      await this.repo.suggestions.insertSuggestion(trx, {
        id,
        pageId: page.id,
        baseVersion,
        ...input,
        createdAt: this.clock().toISOString(),
        createdBy: actor.id,
      })
      await this.audit.record(trx, actor, {
        action: 'handbook.suggestion-made',
        subjectType: 'handbook-suggestion',
        subjectId: id,
        summary: `Suggested a change to "${page.title}"`,
      })
    })
    return this.suggestion(id)
  }

  async suggestion(id: string): Promise<Suggestion> {
    const s = await this.repo.suggestions.findSuggestion(this.db, id)
    if (!s) throw new NotFoundError('No such suggestion')
    return s
  }

  openSuggestions(): Promise<Suggestion[]> {
    return this.repo.suggestions.listSuggestions(this.db, { status: 'open' })
  }

  /** How many suggested changes wait for an editor, and since when (for the home page). */
  openSuggestionSummary(): Promise<{ count: number; oldestAt: string | null }> {
    return this.repo.suggestions.openSuggestionSummary(this.db)
  }

  suggestionsBy(userId: string): Promise<Suggestion[]> {
    return this.repo.suggestions.listSuggestions(this.db, { authorId: userId })
  }

  /** What accepting would do: the suggestion combined with any changes made since it was based. */
  async review(id: string): Promise<SuggestionReview> {
    const suggestion = await this.suggestion(id)
    const page = await this.page(suggestion.pageSlug)
    const base = await this.repo.versions.findVersion(this.db, page.id, suggestion.baseVersion)
    const pageChangedSince = page.version !== suggestion.baseVersion
    // Changes accepted since the suggestion was made are kept: the suggestion is merged into the
    // page as it is now, never laid over it.
    const merged =
      pageChangedSince && base
        ? merge3(base.body, page.body, suggestion.body, MERGE_LABELS)
        : { text: suggestion.body, conflicts: 0 }
    const proposedBody = merged.conflicts === 0 ? merged.text : null
    return {
      suggestion,
      page,
      proposedBody,
      mergedBody: merged.text,
      conflicts: merged.conflicts,
      pageChangedSince,
      diff: lineDiff(page.body, merged.text),
    }
  }

  /**
   * Accepts a suggestion as a new version credited to its author. The editor confirms the text
   * they saw (body) against the page version they saw (pageVersion), so nothing changes unseen.
   */
  async acceptSuggestion(
    actor: Actor & { id: string },
    id: string,
    body: string,
    pageVersion: number,
    options: { undoLaterChanges?: boolean } = {},
  ): Promise<Page> {
    const suggestion = await this.suggestion(id)
    if (suggestion.status !== 'open') throw new ConflictError('This suggestion has already been decided')
    const page = await this.page(suggestion.pageSlug)
    if (hasConflictMarkers(body))
      throw new ValidationError({
        body: 'The text still has conflict markers (lines starting <<<<<<<, ======= or >>>>>>>). Choose what to keep in each place, remove the markers, then accept',
      })
    // Text that would undo a change made to the page since the suggestion's base (such as
    // another suggestion accepted meanwhile) is saved only when the editor says they mean it.
    if (page.version === pageVersion && page.version !== suggestion.baseVersion && !options.undoLaterChanges) {
      const base = await this.repo.versions.findVersion(this.db, page.id, suggestion.baseVersion)
      const undone = base ? undoneLines(base.body, page.body, body) : []
      if (undone.length > 0)
        throw new ValidationError({
          body: `This text would undo ${undone.length === 1 ? 'a change' : `${undone.length} changes`} made to the page since the suggestion was sent, such as ‘${truncate(undone[0] ?? '', 80)}’. Keep ${undone.length === 1 ? 'it' : 'them'}, or confirm that you mean to remove ${undone.length === 1 ? 'it' : 'them'}`,
        })
    }
    const author = { id: suggestion.createdBy, name: suggestion.createdByName }
    // One transaction for the new version and the decision: if someone else decided the
    // suggestion meanwhile, the page is left as it was.
    return this.db.transaction().execute(async trx => {
      const saved = await this.saveVersion(
        trx,
        actor,
        page.slug,
        {
          title: suggestion.title,
          summary: suggestion.summary,
          sectionId: page.sectionId,
          body,
          roles: page.roles,
          skills: page.skills,
          resources: page.resources,
          changeNote: '',
        },
        pageVersion,
        { author, suggestionId: suggestion.id },
      )
      const decided = await this.repo.suggestions.decideSuggestion(trx, id, {
        status: 'accepted',
        at: this.clock().toISOString(),
        by: actor.id,
        note: null,
        resultingVersion: saved.version,
      })
      if (!decided) throw new ConflictError('This suggestion has already been decided')
      await this.audit.record(trx, actor, {
        action: 'handbook.suggestion-accepted',
        subjectType: 'handbook-suggestion',
        subjectId: id,
        summary: `Accepted ${author.name}'s change to "${page.title}" as version ${saved.version}`,
      })
      // The author hears what was decided, unless they decided it themselves.
      if (author.id !== actor.id)
        await this.email.enqueue(trx, actor, {
          kind: 'suggestion-outcome',
          recipient: author,
          outcome: 'accepted',
          pageTitle: saved.title,
          pageSlug: saved.slug,
          version: saved.version,
        })
      return saved
    })
  }

  async declineSuggestion(actor: Actor & { id: string }, id: string, reason: string): Promise<void> {
    const suggestion = await this.suggestion(id)
    await this.db.transaction().execute(async trx => {
      const decided = await this.repo.suggestions.decideSuggestion(trx, id, {
        status: 'declined',
        at: this.clock().toISOString(),
        by: actor.id,
        note: reason,
        resultingVersion: null,
      })
      if (!decided) throw new ConflictError('This suggestion has already been decided')
      await this.audit.record(trx, actor, {
        action: 'handbook.suggestion-declined',
        subjectType: 'handbook-suggestion',
        subjectId: id,
        summary: `Declined ${suggestion.createdByName}'s change to "${suggestion.pageTitle}"`,
      })
      if (suggestion.createdBy !== actor.id)
        await this.email.enqueue(trx, actor, {
          kind: 'suggestion-outcome',
          recipient: { id: suggestion.createdBy, name: suggestion.createdByName },
          outcome: 'declined',
          pageTitle: suggestion.pageTitle,
          pageSlug: suggestion.pageSlug,
          version: null,
        })
    })
  }

  // ---- Import and starter content ----

  /** Reads a folder to import; tags must be roles and skills of the framework (the current one unless given). */
  async readFolder(
    folder: string,
    onProgress?: (done: number, total: number, file: string) => void,
    terms?: FrameworkTerms,
    options: ImportReadOptions = {},
    /** Inside a transaction (set-up's starter handbook), its executor: SQLite has one connection. */
    db: DbExecutor = this.db,
  ): Promise<ImportResult> {
    const known = terms ?? (await this.framework.terms())
    const { asPublished = false, ...read } = options
    const sources = asPublished ? [] : await this.repo.pages.listPageSources(db)
    return readHandbookFolder(folder, {
      ...read,
      onProgress,
      knownRoles: known.roles.map(role => role.slug),
      knownSkills: known.skills.map(skill => skill.slug),
      existing: {
        slugBySourceKey: new Map(sources.flatMap(p => (p.sourceKey === null ? [] : [[p.sourceKey, p.slug]]))),
        slugs: new Set(sources.map(p => p.slug)),
      },
    })
  }

  /** Loads the starter handbook as the organisation's own copy, if the handbook is empty. */
  async loadStarter(
    trx: DbExecutor,
    actor: Actor,
    framework: FrameworkTerms = BUNDLED_TERMS,
  ): Promise<ImportReport | null> {
    if ((await this.repo.pages.listPageSummaries(trx)).length > 0) return null
    // Set-up loads it in the same transaction that stores the first framework version, so it
    // passes that framework's terms. The starter pages are tagged with the 2025 framework's
    // skills; an installation starting from another framework gets the matching skills instead,
    // so its pathway can suggest these pages.
    const result = await this.readFolder(STARTER_HANDBOOK_DIR, undefined, BUNDLED_TERMS, {}, trx)
    const pages = result.pages.map(page => ({
      ...page,
      skills: [...new Set(page.skills.flatMap(skill => equivalentSkills(skill, framework)))],
    }))
    return this.applyImport(trx, actor, { ...result, pages })
  }

  /** Imports what readFolder found: new pages are created, changed pages get a new version. */
  async importResult(
    actor: Actor,
    result: ImportResult,
    onPage?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    return this.db.transaction().execute(trx => this.applyImport(trx, actor, result, onPage))
  }

  /** What importResult would do, page by page, without changing anything (it is rolled back). */
  async dryRunImport(actor: Actor, result: ImportResult): Promise<ImportReport> {
    try {
      await this.db.transaction().execute(async trx => {
        throw new DryRunFinished(await this.applyImport(trx, actor, result))
      })
    } catch (error) {
      if (error instanceof DryRunFinished) return error.report
      throw error
    }
    throw new Error('A dry run always rolls back')
  }

  private async applyImport(
    trx: DbExecutor,
    actor: Actor,
    result: ImportResult,
    onPage?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    const at = this.clock().toISOString()
    const report: ImportReport = {
      sectionsCreated: 0,
      pagesCreated: 0,
      pagesUpdated: 0,
      pagesUnchanged: 0,
      imagesStored: 0,
      problems: [...result.problems],
      pages: [],
    }
    const outcome = (page: ImportedPage, what: ImportedPageOutcome['outcome']) => {
      report.pages?.push({ slug: page.slug, title: page.title, sourcePath: page.sourcePath, outcome: what })
      onPage?.(report.pages?.length ?? 0, result.pages.length)
    }
    for (const image of result.images) {
      const stored = await this.repo.images.insertImage(trx, {
        id: image.id,
        fileName: image.fileName,
        contentType: image.contentType,
        bytes: image.bytes,
        sourceKey: image.sourcePath,
        createdAt: at,
        createdByName: actor.name,
      })
      if (stored) report.imagesStored++
    }
    const sources = await this.repo.pages.listPageSources(trx)
    const bySourceKey = new Map(sources.flatMap(p => (p.sourceKey === null ? [] : [[p.sourceKey, p.slug]])))
    const sourceOfSlug = new Map(sources.map(p => [p.slug, p.sourceKey]))
    const sections = new Map((await this.repo.sections.listSections(trx)).map(s => [s.slug, s]))
    let nextSectionPosition = sections.size + 1
    for (const imported of [...result.sections].sort((a, b) => a.order - b.order)) {
      if (sections.has(imported.slug)) continue
      const section: Section = {
        id: newId(),
        slug: imported.slug,
        title: imported.title,
        summary: imported.summary,
        position: nextSectionPosition++,
      }
      await this.repo.sections.insertSection(trx, section, at)
      sections.set(section.slug, section)
      report.sectionsCreated++
    }
    const existing = new Map((await this.repo.pages.listPages(trx)).map(p => [p.slug, p]))
    const positions = new Map<string, number>()
    for (const p of existing.values()) positions.set(p.sectionId, Math.max(positions.get(p.sectionId) ?? 0, p.position))
    for (const original of [...result.pages].sort((a, b) => a.order - b.order)) {
      const imported = RESERVED_SLUGS.has(original.slug) ? { ...original, slug: `${original.slug}-page` } : original
      if (imported !== original) {
        report.problems.push({
          file: imported.sourcePath,
          message: `The address ${original.slug} is kept for the handbook itself, so the page is at ${imported.slug}`,
          severity: 'warning',
        })
      }
      const section = sections.get(imported.sectionSlug)
      if (!section) {
        report.problems.push({
          file: imported.sourcePath,
          message: `Section ${imported.sectionSlug} was not found, so the page was not imported`,
          severity: 'error',
        })
        outcome(imported, 'refused')
        continue
      }
      // A page from another source, or made in the browser, is never replaced by an import.
      const slugOwner = sourceOfSlug.get(imported.slug)
      const keptSlug = bySourceKey.get(imported.sourceKey)
      if (keptSlug === undefined ? slugOwner !== undefined && slugOwner !== null : keptSlug !== imported.slug) {
        report.problems.push({
          file: imported.sourcePath,
          message: `The handbook already has a page at ${imported.slug} that did not come from this file, so this page was not imported. Import again to give it a new address`,
          severity: 'error',
        })
        outcome(imported, 'refused')
        continue
      }
      const rendered = renderMarkdown(imported.body, {
        resolveLink: createLinkResolver(result, imported),
        resolveImage: resolveStoredImage,
      })
      for (const link of rendered.brokenLinks) {
        if (!report.problems.some(p => p.file === imported.sourcePath && p.message.includes(link))) {
          report.problems.push({
            file: imported.sourcePath,
            message: `Broken link to ${link} (kept as plain text)`,
            severity: 'warning',
          })
        }
      }
      const before = existing.get(imported.slug)
      const fields = {
        sectionId: section.id,
        title: imported.title,
        summary: imported.summary,
        body: imported.body,
        bodyHtml: rendered.html,
        bodyText: rendered.text,
        headings: rendered.headings,
        roles: imported.roles,
        skills: imported.skills,
        resources: imported.resources,
        updatedAt: at,
        updatedBy: actor.id,
        updatedByName: actor.name,
      }
      if (!before) {
        const position = (positions.get(section.id) ?? 0) + 1
        positions.set(section.id, position)
        const page: Page = { ...fields, id: newId(), slug: imported.slug, position, version: 1, createdAt: at }
        await this.repo.pages.insertPage(trx, page)
        await this.repo.pages.setPageSourceKey(trx, page.id, imported.sourceKey)
        await this.repo.versions.insertVersion(trx, this.versionOf(page, 'Imported', actor, at, null))
        report.pagesCreated++
        outcome(imported, 'created')
        continue
      }
      if (slugOwner === null) await this.repo.pages.setPageSourceKey(trx, before.id, imported.sourceKey)
      const same =
        before.title === fields.title &&
        before.summary === fields.summary &&
        before.body === fields.body &&
        before.sectionId === fields.sectionId &&
        JSON.stringify([before.roles, before.skills, before.resources]) ===
          JSON.stringify([fields.roles, fields.skills, fields.resources])
      if (same) {
        report.pagesUnchanged++
        outcome(imported, 'unchanged')
        continue
      }
      const page: Page = { ...before, ...fields, version: before.version + 1 }
      if (!(await this.repo.pages.updatePage(trx, page, before.version)))
        throw stalePage((await this.repo.pages.findPageBySlug(trx, before.slug)) ?? before)
      await this.repo.versions.insertVersion(trx, this.versionOf(page, 'Imported', actor, at, null))
      report.pagesUpdated++
      outcome(imported, 'updated')
    }
    await this.repo.revision.bumpRevision(trx)
    await this.audit.record(trx, actor, {
      action: 'handbook.imported',
      subjectType: 'handbook',
      summary: `Imported the handbook: ${report.pagesCreated} pages created, ${report.pagesUpdated} updated, ${report.pagesUnchanged} unchanged, ${report.problems.length} problems`,
    })
    return report
  }

  /**
   * Keeps images (already checked: id from the bytes, type by content, size) unless kept before, with
   * where they came from; says how many it stored. Following an upstream handbook brings its images so.
   */
  async keepImages(
    actor: Actor,
    images: readonly { id: string; fileName: string; contentType: string; bytes: Buffer }[],
    sourceKey: string,
  ): Promise<number> {
    const at = this.clock().toISOString()
    return this.db.transaction().execute(async trx => {
      let stored = 0
      for (const image of images) {
        const kept = await this.repo.images.insertImage(trx, {
          ...image,
          sourceKey: `${sourceKey}/${image.fileName}`.slice(-500),
          createdAt: at,
          createdByName: actor.name,
        })
        if (kept) stored++
      }
      if (stored > 0)
        await this.audit.record(trx, actor, {
          action: 'handbook.images-kept',
          subjectType: 'handbook',
          summary: `Kept ${stored} ${stored === 1 ? 'image' : 'images'} from ${sourceKey}`,
        })
      return stored
    })
  }

  /** The address of every page, for checking an address chosen for an imported page. */
  async slugsInUse(): Promise<Set<string>> {
    const sources = await this.repo.pages.listPageSources(this.db)
    return new Set([...sources.map(p => p.slug), ...RESERVED_SLUGS])
  }

  /** Keeps an image an editor uploaded (checked by its bytes, as an import checks them); gives its address. */
  async uploadImage(actor: Actor, fileName: string, bytes: Buffer): Promise<{ url: string } | { problem: string }> {
    const name = imageFileName(fileName)
    const problem = imageProblem(bytes, name)
    if (problem) return { problem }
    const id = imageId(bytes)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const added = await this.repo.images.insertImage(trx, {
        id,
        fileName: name,
        contentType: sniffImageType(bytes) ?? 'image/png',
        bytes,
        sourceKey: null,
        createdAt: at,
        createdByName: actor.name,
      })
      if (added)
        await this.audit.record(trx, actor, {
          action: 'handbook.image-uploaded',
          subjectType: 'handbook',
          summary: `Uploaded the image ${name}`,
        })
    })
    return { url: imageUrl(id, name) }
  }

  /** A kept image, by its id (made from its bytes), or null. */
  async image(id: string): Promise<StoredImage | null> {
    return this.repo.images.findImage(this.db, id)
  }

  /** Everything a static export needs, in reading order. */
  async exportData(): Promise<{ sections: (Section & { pages: Page[] })[] }> {
    const [sections, pages] = await Promise.all([
      this.repo.sections.listSections(this.db),
      this.repo.pages.listPages(this.db),
    ])
    return {
      sections: sections.map(s => ({
        ...s,
        pages: pages
          .filter(p => p.sectionId === s.id)
          .sort((a, b) => a.position - b.position || a.title.localeCompare(b.title)),
      })),
    }
  }
}
