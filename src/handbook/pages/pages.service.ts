// The handbook's pages: contents, reading, search, and saving pages. Every save is a version; a
// save based on an old version is refused with a StaleVersionError<Page> carrying the latest page,
// so the caller can show both texts.
import type { AuditService } from '../../audit/audit.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import { searchTerms } from '../../db/dialect.ts'
import type { FrameworkTerms, TermsSource } from '../../framework/framework.terms.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { NotFoundError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import { resolveStoredImage } from '../handbook.images.ts'
import type { HandbookRepository } from '../handbook.repository.ts'
import type { Page, PageSummary, Resource, Section } from '../handbook.types.ts'
import { HEADING_ID_PREFIX, headingId, renderMarkdown } from '../markdown.ts'
import { pageSlug, slugify, snippetHtml, stalePage, versionOf } from './page-rules.ts'

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

export class HandbookPages {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HandbookRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** The current framework's roles and skills, which pages are tagged with. */
    private readonly framework: TermsSource,
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
        versionOf(page, input.changeNote || 'Created the page', actor, at, null),
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

  /** updatePage inside a transaction the caller holds, so other writes (accepting a suggestion) can share it. */
  async saveVersion(
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
    await this.repo.versions.insertVersion(trx, versionOf(page, note, author, at, credit?.suggestionId ?? null))
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
