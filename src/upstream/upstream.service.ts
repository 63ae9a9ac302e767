// Following an upstream handbook (another Valuekit's export, an export folder or a Markdown folder).
// Per upstream page we keep the last upstream text taken (the merge base) and the newest one seen.
// A check only records what upstream now says; it never writes a handbook page. Editors then decide
// per changed page: take upstream's text, keep theirs, or combine (a three-way merge of base, the
// page now and upstream). Every save goes through the handbook's versioned save, so a concurrent edit
// is refused (StaleVersionError) and history records it. Pages only this handbook has are never
// touched, and a page deleted upstream is shown, not deleted. A check keeps the images upstream's pages
// show that this handbook lacks (by the hash of their bytes), so a page taken or added shows them.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { HandbookService } from '../handbook/handbook.service.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { hasConflictMarkers, lineDiff, merge3, type DiffLine, type MergeResult } from '../platform/diff.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import type { UpstreamRepository } from './upstream.repository.ts'
import { DEFAULT_LIMITS, readUpstream, type ReadLimits, type UpstreamPage } from './upstream.source.ts'
import type { UpstreamPageRecord, UpstreamSource } from './upstream.types.ts'

/** Texts alike but for whitespace at the end (importers and editors trim it). */
const sameText = (a: string, b: string): boolean => a.trimEnd() === b.trimEnd()

export const UPSTREAM_LABELS = { ours: 'Your handbook', theirs: 'Upstream' }

/** A handbook page, as the handbook's service returns it. */
type Page = Awaited<ReturnType<HandbookService['page']>>

export type UpstreamChoice = 'take' | 'keep' | 'combine'

export interface UpstreamStatus {
  source: UpstreamSource | null
  /** Pages with something to decide or to know: changed, new and deleted upstream. */
  pages: UpstreamPageRecord[]
  /** How many upstream pages are followed with nothing to decide. */
  current: number
}

export interface UpstreamReview {
  record: UpstreamPageRecord
  /** The local page, or null when this handbook has no page for it (new upstream). */
  page: Page | null
  /** What upstream changed since its text was last taken. */
  upstreamChange: DiffLine[]
  /** What this handbook changed since then. */
  localChange: DiffLine[]
  /** Base, the page now and upstream merged; conflicts are between markers. */
  merged: MergeResult
  localChanged: boolean
}

export class UpstreamService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: UpstreamRepository,
    private readonly handbook: HandbookService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly limits: ReadLimits = DEFAULT_LIMITS,
  ) {}

  async status(): Promise<UpstreamStatus> {
    const [source, records] = await Promise.all([this.repo.source(this.db), this.repo.listPages(this.db)])
    return {
      source,
      pages: records.filter(record => record.state !== 'current'),
      current: records.filter(record => record.state === 'current').length,
    }
  }

  /**
   * Reads the upstream handbook (the source given, or the one followed) and records what changed.
   * Only the command line names a new source: pages ask to check the one an operator set.
   */
  async check(actor: Actor, source?: string): Promise<UpstreamStatus> {
    const followed = source ?? (await this.repo.source(this.db))?.source
    if (!followed) throw new NotFoundError('This handbook does not follow an upstream handbook')
    const { pages, images } = await readUpstream(
      followed,
      folder => this.handbook.readFolder(folder, undefined, undefined, { asPublished: true }),
      this.limits,
      async id => (await this.handbook.image(id)) !== null,
    )
    // The images upstream's pages show, kept so a page taken or added shows them. Images are kept by
    // their bytes' hash, so this changes no page and no image already kept.
    if (images.length > 0) await this.handbook.keepImages(actor, images, `upstream:${followed}`)
    const locals = new Map((await this.handbook.exportData()).sections.flatMap(s => s.pages).map(p => [p.slug, p]))
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const records = new Map((await this.repo.listPages(trx)).map(record => [record.upstreamSlug, record]))
      for (const page of pages) {
        const record = records.get(page.slug)
        records.delete(page.slug)
        const next = record ? this.updated(record, page, at) : this.first(page, locals.get(page.slug) ?? null, at)
        if (next) await this.repo.savePage(trx, next)
      }
      for (const gone of records.values()) {
        if (gone.state !== 'deleted') await this.repo.savePage(trx, { ...gone, state: 'deleted', checkedAt: at })
      }
      await this.repo.saveSource(trx, { source: followed, checkedAt: at, checkedByName: actor.name })
    })
    return this.status()
  }

  /** A page seen upstream for the first time: followed by the local page of the same slug, if any. */
  private first(page: UpstreamPage, local: Page | null, at: string): UpstreamPageRecord {
    const same = local !== null && sameText(local.body, page.markdown)
    return {
      upstreamSlug: page.slug,
      pageSlug: local?.slug ?? null,
      title: page.title,
      sectionSlug: page.sectionSlug,
      sectionTitle: page.sectionTitle,
      summary: page.summary,
      // With no text ever taken, a local page that differs has no common base: both versions are offered.
      baseBody: same ? page.markdown : null,
      upstreamBody: page.markdown,
      upstreamHash: page.hash,
      state: local === null ? 'new' : same ? 'current' : 'changed',
      checkedAt: at,
    }
  }

  /** A page seen before: null when upstream's text is as it was (a decision waiting stays waiting). */
  private updated(record: UpstreamPageRecord, page: UpstreamPage, at: string): UpstreamPageRecord | null {
    if (record.upstreamHash === page.hash && record.state !== 'deleted') return null
    const state =
      record.pageSlug === null
        ? 'new'
        : record.baseBody !== null && sameText(record.baseBody, page.markdown)
          ? 'current'
          : 'changed'
    return {
      ...record,
      title: page.title,
      sectionSlug: page.sectionSlug,
      sectionTitle: page.sectionTitle,
      summary: page.summary,
      upstreamBody: page.markdown,
      upstreamHash: page.hash,
      state,
      checkedAt: at,
    }
  }

  async review(upstreamSlug: string): Promise<UpstreamReview> {
    const record = await this.repo.findPage(this.db, upstreamSlug)
    if (!record) throw new NotFoundError('No such upstream page')
    const page = record.pageSlug === null ? null : await this.localPage(record.pageSlug)
    const base = record.baseBody ?? ''
    const local = page?.body ?? ''
    return {
      record,
      page,
      upstreamChange: lineDiff(base, record.upstreamBody),
      localChange: lineDiff(base, local),
      merged: merge3(base, local, record.upstreamBody, UPSTREAM_LABELS),
      localChanged: page !== null && !sameText(local, base),
    }
  }

  private async localPage(slug: string): Promise<Page | null> {
    try {
      return await this.handbook.page(slug)
    } catch (error) {
      if (error instanceof NotFoundError) return null
      throw error
    }
  }

  /**
   * Decides a changed page. take: upstream's text; combine: the editor's text (refused while it still
   * has conflict markers); keep: the page stays as it is. pageVersion is the page's version the editor
   * saw: a page saved since is refused with a StaleVersionError carrying the latest page. Take and combine
   * are audited by the handbook's save (handbook.page-updated, on the page); keep saves no page, so it is
   * audited here, on the page too (handbook.upstream-kept).
   */
  async resolve(
    actor: Actor,
    upstreamSlug: string,
    choice: UpstreamChoice,
    input: { body?: string; pageVersion: number },
  ): Promise<Page> {
    const { record, page } = await this.review(upstreamSlug)
    if (record.state !== 'changed' || !page) throw new NotFoundError('This page has no upstream change to decide')
    let saved = page
    if (choice !== 'keep') {
      const body = choice === 'take' ? record.upstreamBody : (input.body ?? '').replace(/\r\n/g, '\n')
      if (choice === 'combine' && !body.trim()) throw new ValidationError({ body: 'Enter the page text' })
      if (choice === 'combine' && hasConflictMarkers(body))
        throw new ValidationError({
          body: 'The text still has conflict markers. Choose what to keep in each place and delete the marker lines',
        })
      saved = await this.handbook.updatePage(
        actor,
        page.slug,
        {
          title: page.title,
          summary: page.summary,
          sectionId: page.sectionId,
          body,
          roles: page.roles,
          skills: page.skills,
          resources: page.resources,
          changeNote:
            choice === 'take' ? 'Took the upstream handbook’s change' : 'Combined with the upstream handbook’s change',
        },
        input.pageVersion,
      )
    } else if (page.version !== input.pageVersion) {
      // Someone saved the page while this editor looked at it: they decide again on what it says now.
      throw new StaleVersionError(page, 'The page was changed by someone else')
    }
    const decided: UpstreamPageRecord = { ...record, baseBody: record.upstreamBody, state: 'current' }
    if (choice !== 'keep') {
      await this.repo.savePage(this.db, decided)
      return saved
    }
    await this.db.transaction().execute(async trx => {
      await this.repo.savePage(trx, decided)
      await this.audit.record(trx, actor, {
        action: 'handbook.upstream-kept',
        subjectType: 'handbook-page',
        subjectId: page.id,
        summary: `Kept version ${page.version} of "${page.title}" as it is, without the upstream handbook’s change`,
      })
    })
    return saved
  }

  /** Adds a page new upstream to this handbook, in the section of the same name (made if missing). */
  async add(actor: Actor, upstreamSlug: string): Promise<Page> {
    const record = await this.repo.findPage(this.db, upstreamSlug)
    if (!record || record.state !== 'new') throw new NotFoundError('This page is not new upstream')
    const sections = await this.handbook.sections()
    const section =
      sections.find(s => s.slug === record.sectionSlug) ??
      sections.find(s => s.title === record.sectionTitle) ??
      (await this.handbook.createSection(actor, { title: record.sectionTitle, summary: '' }))
    const page = await this.handbook.createPage(actor, {
      title: record.title,
      summary: record.summary,
      sectionId: section.id,
      body: record.upstreamBody,
      roles: [],
      skills: [],
      resources: [],
      changeNote: 'Added from the upstream handbook',
    })
    await this.repo.savePage(this.db, {
      ...record,
      pageSlug: page.slug,
      baseBody: record.upstreamBody,
      state: 'current',
    })
    return page
  }
}
