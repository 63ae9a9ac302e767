// Data access for the handbook: sections, pages, their versions and tags, suggestions, and the
// revision counter that keys rendered-page caches. Returns domain types, never raw rows.
import type { Kysely } from 'kysely'
import { indexHandbookPage, searchHandbook, unindexHandbookPage, type SearchHit } from '../db/fulltext.ts'
import { prepared } from '../db/prepared.ts'
import { Remembered, databaseKey } from '../db/remembered.ts'
import type { Database } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'

export interface Resource {
  kind: 'reading' | 'training'
  title: string
  author: string
  format: string
  length: string
  url: string
}

export interface Heading {
  level: 2 | 3
  id: string
  text: string
}

export interface Section {
  id: string
  slug: string
  title: string
  summary: string
  position: number
}

export interface PageSummary {
  id: string
  slug: string
  sectionId: string
  position: number
  title: string
  summary: string
  version: number
  updatedAt: string
}

export interface Page extends PageSummary {
  body: string
  bodyHtml: string
  bodyText: string
  headings: Heading[]
  roles: string[]
  skills: string[]
  resources: Resource[]
  createdAt: string
  updatedBy: string | null
  updatedByName: string
}

export interface VersionMeta {
  sectionId: string
  roles: string[]
  skills: string[]
  resources: Resource[]
}

export interface PageVersion {
  id: string
  pageId: string
  version: number
  title: string
  summary: string
  body: string
  meta: VersionMeta
  changeNote: string
  createdAt: string
  createdBy: string | null
  createdByName: string
  suggestionId: string | null
}

export type SuggestionStatus = 'open' | 'accepted' | 'declined'

export interface Suggestion {
  id: string
  pageId: string
  pageSlug: string
  pageTitle: string
  baseVersion: number
  title: string
  summary: string
  body: string
  reason: string
  status: SuggestionStatus
  createdAt: string
  createdBy: string
  createdByName: string
  decidedAt: string | null
  decidedBy: string | null
  decidedByName: string | null
  decisionNote: string | null
  resultingVersion: number | null
}

/** Who owns a page or a section (a person, or a team by name) and when it should be reviewed by. */
export interface Ownership {
  /** The page's or the section's id. */
  id: string
  kind: 'page' | 'section'
  ownerUserId: string | null
  ownerName: string | null
  ownerTeam: string | null
  /** YYYY-MM-DD. */
  reviewBy: string | null
  version: number
  updatedAt: string
  updatedByName: string
}

export interface OwnershipInput {
  ownerUserId: string | null
  ownerTeam: string | null
  reviewBy: string | null
}

export type FeedbackStatus = 'new' | 'done'

/** One "Was this page useful?" answer. Nothing in it says who gave it. */
export interface Feedback {
  id: string
  pageId: string
  pageSlug: string
  pageTitle: string
  useful: boolean
  comment: string
  createdAt: string
  status: FeedbackStatus
  doneAt: string | null
  doneByName: string | null
}

type Db = Kysely<Database>

const json = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

function toPage(r: Database['handbook_pages']): Page {
  return {
    id: r.id,
    slug: r.slug,
    sectionId: r.section_id,
    position: r.position,
    title: r.title,
    summary: r.summary,
    body: r.body,
    bodyHtml: r.body_html,
    bodyText: r.body_text,
    headings: json<Heading[]>(r.headings, []),
    roles: json<string[]>(r.roles, []),
    skills: json<string[]>(r.skills, []),
    resources: json<Resource[]>(r.resources, []),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    updatedByName: r.updated_by_name,
  }
}

function pageRow(p: Page): Database['handbook_pages'] {
  return {
    id: p.id,
    slug: p.slug,
    section_id: p.sectionId,
    position: p.position,
    title: p.title,
    summary: p.summary,
    body: p.body,
    body_html: p.bodyHtml,
    body_text: p.bodyText,
    headings: JSON.stringify(p.headings),
    roles: JSON.stringify(p.roles),
    skills: JSON.stringify(p.skills),
    resources: JSON.stringify(p.resources),
    version: p.version,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    updated_by: p.updatedBy,
    updated_by_name: p.updatedByName,
  }
}

export class HandbookRepository {
  // ---- Sections ----

  async listSections(db: Db): Promise<Section[]> {
    const rows = await db
      .selectFrom('handbook_sections')
      .select(['id', 'slug', 'title', 'summary', 'position'])
      .orderBy('position')
      .orderBy('title')
      .execute()
    return rows
  }

  async findSectionBySlug(db: Db, slug: string): Promise<Section | null> {
    return (
      (await db
        .selectFrom('handbook_sections')
        .select(['id', 'slug', 'title', 'summary', 'position'])
        .where('slug', '=', slug)
        .executeTakeFirst()) ?? null
    )
  }

  async findSectionById(db: Db, id: string): Promise<Section | null> {
    return (
      (await db
        .selectFrom('handbook_sections')
        .select(['id', 'slug', 'title', 'summary', 'position'])
        .where('id', '=', id)
        .executeTakeFirst()) ?? null
    )
  }

  async insertSection(db: Db, s: Section, at: string): Promise<void> {
    await db
      .insertInto('handbook_sections')
      .values({ ...s, created_at: at, updated_at: at })
      .execute()
  }

  async updateSection(db: Db, id: string, changes: { title: string; summary: string }, at: string): Promise<void> {
    await db
      .updateTable('handbook_sections')
      .set({ ...changes, updated_at: at })
      .where('id', '=', id)
      .execute()
  }

  async setSectionPosition(db: Db, id: string, position: number): Promise<void> {
    await db.updateTable('handbook_sections').set({ position }).where('id', '=', id).execute()
  }

  async deleteSection(db: Db, id: string): Promise<void> {
    await db.deleteFrom('handbook_sections').where('id', '=', id).execute()
  }

  // ---- Pages ----

  async listPageSummaries(db: Db): Promise<PageSummary[]> {
    const rows = await db
      .selectFrom('handbook_pages')
      .select(['id', 'slug', 'section_id', 'position', 'title', 'summary', 'version', 'updated_at'])
      .orderBy('position')
      .orderBy('title')
      .execute()
    return rows.map(r => ({
      id: r.id,
      slug: r.slug,
      sectionId: r.section_id,
      position: r.position,
      title: r.title,
      summary: r.summary,
      version: r.version,
      updatedAt: r.updated_at,
    }))
  }

  async listPages(db: Db): Promise<Page[]> {
    const rows = await db.selectFrom('handbook_pages').selectAll().orderBy('position').execute()
    return rows.map(toPage)
  }

  async findPageBySlug(db: Db, slug: string): Promise<Page | null> {
    const row = await db.selectFrom('handbook_pages').selectAll().where('slug', '=', slug).executeTakeFirst()
    return row ? toPage(row) : null
  }

  /** Just enough to tell whether a cached rendering is still current. */
  async findPageStamp(db: Db, slug: string): Promise<{ id: string; version: number; sectionId: string } | null> {
    const row = await db
      .selectFrom('handbook_pages')
      .select(['id', 'version', 'section_id'])
      .where('slug', '=', slug)
      .executeTakeFirst()
    return row ? { id: row.id, version: row.version, sectionId: row.section_id } : null
  }

  async slugExists(db: Db, slug: string): Promise<boolean> {
    return (
      (await db.selectFrom('handbook_pages').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined
    )
  }

  async insertPage(db: Db, page: Page): Promise<void> {
    await db.insertInto('handbook_pages').values(pageRow(page)).execute()
    await this.setTags(db, page.id, page.roles, page.skills)
    await indexHandbookPage(db, page)
  }

  /** Saves a new version of a page if it is still at expectedVersion; says whether it saved. */
  async updatePage(db: Db, page: Page, expectedVersion: number): Promise<boolean> {
    const { id: _id, created_at: _c, slug: _s, version: _v, ...changes } = pageRow(page)
    const saved = await updateVersioned(db, 'handbook_pages', page.id, expectedVersion, changes)
    if (!saved) return false
    await this.setTags(db, page.id, page.roles, page.skills)
    await indexHandbookPage(db, page)
    return true
  }

  async setPagePlacement(db: Db, id: string, sectionId: string, position: number): Promise<void> {
    await db.updateTable('handbook_pages').set({ section_id: sectionId, position }).where('id', '=', id).execute()
  }

  async deletePage(db: Db, id: string): Promise<void> {
    await unindexHandbookPage(db, id)
    await db.deleteFrom('handbook_pages').where('id', '=', id).execute()
  }

  async countPagesInSection(db: Db, sectionId: string): Promise<number> {
    const row = await db
      .selectFrom('handbook_pages')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('section_id', '=', sectionId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  private async setTags(db: Db, pageId: string, roles: string[], skills: string[]): Promise<void> {
    await db.deleteFrom('handbook_page_tags').where('page_id', '=', pageId).execute()
    const rows = [...new Set(roles)]
      .map(slug => ({ page_id: pageId, kind: 'role', slug }))
      .concat([...new Set(skills)].map(slug => ({ page_id: pageId, kind: 'skill', slug })))
    if (rows.length) await db.insertInto('handbook_page_tags').values(rows).execute()
  }

  /** Pages tagged with any of these skills, for development-plan suggestions. */
  async pagesForSkills(db: Db, skills: string[]): Promise<(PageSummary & { skill: string; resources: Resource[] })[]> {
    if (skills.length === 0) return []
    const rows = await db
      .selectFrom('handbook_page_tags as t')
      .innerJoin('handbook_pages as p', 'p.id', 't.page_id')
      .select([
        'p.id',
        'p.slug',
        'p.section_id',
        'p.position',
        'p.title',
        'p.summary',
        'p.version',
        'p.updated_at',
        'p.resources',
        't.slug as skill',
      ])
      .where('t.kind', '=', 'skill')
      .where('t.slug', 'in', skills)
      .orderBy('p.title')
      .execute()
    return rows.map(r => ({
      id: r.id,
      slug: r.slug,
      sectionId: r.section_id,
      position: r.position,
      title: r.title,
      summary: r.summary,
      version: r.version,
      updatedAt: r.updated_at,
      skill: r.skill,
      resources: json<Resource[]>(r.resources, []),
    }))
  }

  search(db: Db, terms: string[], limit: number, offset: number): Promise<{ hits: SearchHit[]; total: number }> {
    return searchHandbook(db, terms, limit, offset)
  }

  // ---- Versions ----

  async insertVersion(db: Db, v: PageVersion): Promise<void> {
    await db
      .insertInto('handbook_page_versions')
      .values({
        id: v.id,
        page_id: v.pageId,
        version: v.version,
        title: v.title,
        summary: v.summary,
        body: v.body,
        meta: JSON.stringify(v.meta),
        change_note: v.changeNote,
        created_at: v.createdAt,
        created_by: v.createdBy,
        created_by_name: v.createdByName,
        suggestion_id: v.suggestionId,
      })
      .execute()
  }

  async listVersions(db: Db, pageId: string): Promise<Omit<PageVersion, 'body'>[]> {
    const rows = await db
      .selectFrom('handbook_page_versions')
      .select([
        'id',
        'page_id',
        'version',
        'title',
        'summary',
        'meta',
        'change_note',
        'created_at',
        'created_by',
        'created_by_name',
        'suggestion_id',
      ])
      .where('page_id', '=', pageId)
      .orderBy('version', 'desc')
      .execute()
    return rows.map(r => ({
      id: r.id,
      pageId: r.page_id,
      version: r.version,
      title: r.title,
      summary: r.summary,
      meta: json<VersionMeta>(r.meta, { sectionId: '', roles: [], skills: [], resources: [] }),
      changeNote: r.change_note,
      createdAt: r.created_at,
      createdBy: r.created_by,
      createdByName: r.created_by_name,
      suggestionId: r.suggestion_id,
    }))
  }

  async findVersion(db: Db, pageId: string, version: number): Promise<PageVersion | null> {
    const r = await db
      .selectFrom('handbook_page_versions')
      .selectAll()
      .where('page_id', '=', pageId)
      .where('version', '=', version)
      .executeTakeFirst()
    if (!r) return null
    return {
      id: r.id,
      pageId: r.page_id,
      version: r.version,
      title: r.title,
      summary: r.summary,
      body: r.body,
      meta: json<VersionMeta>(r.meta, { sectionId: '', roles: [], skills: [], resources: [] }),
      changeNote: r.change_note,
      createdAt: r.created_at,
      createdBy: r.created_by,
      createdByName: r.created_by_name,
      suggestionId: r.suggestion_id,
    }
  }

  // ---- Suggestions ----

  private suggestionQuery(db: Db) {
    return db
      .selectFrom('handbook_suggestions as s')
      .innerJoin('handbook_pages as p', 'p.id', 's.page_id')
      .innerJoin('users as a', 'a.id', 's.created_by')
      .leftJoin('users as d', 'd.id', 's.decided_by')
      .select([
        's.id',
        's.page_id',
        'p.slug as page_slug',
        'p.title as page_title',
        's.base_version',
        's.title',
        's.summary',
        's.body',
        's.reason',
        's.status',
        's.created_at',
        's.created_by',
        'a.name as created_by_name',
        's.decided_at',
        's.decided_by',
        'd.name as decided_by_name',
        's.decision_note',
        's.resulting_version',
      ])
  }

  private toSuggestion(
    r: Awaited<ReturnType<ReturnType<HandbookRepository['suggestionQuery']>['executeTakeFirstOrThrow']>>,
  ): Suggestion {
    return {
      id: r.id,
      pageId: r.page_id,
      pageSlug: r.page_slug,
      pageTitle: r.page_title,
      baseVersion: r.base_version,
      title: r.title,
      summary: r.summary,
      body: r.body,
      reason: r.reason,
      status: r.status as SuggestionStatus,
      createdAt: r.created_at,
      createdBy: r.created_by,
      createdByName: r.created_by_name,
      decidedAt: r.decided_at,
      decidedBy: r.decided_by,
      decidedByName: r.decided_by_name,
      decisionNote: r.decision_note,
      resultingVersion: r.resulting_version,
    }
  }

  async insertSuggestion(
    db: Db,
    s: {
      id: string
      pageId: string
      baseVersion: number
      title: string
      summary: string
      body: string
      reason: string
      createdAt: string
      createdBy: string
    },
  ): Promise<void> {
    await db
      .insertInto('handbook_suggestions')
      .values({
        id: s.id,
        page_id: s.pageId,
        base_version: s.baseVersion,
        title: s.title,
        summary: s.summary,
        body: s.body,
        reason: s.reason,
        status: 'open',
        created_at: s.createdAt,
        created_by: s.createdBy,
      })
      .execute()
  }

  async findSuggestion(db: Db, id: string): Promise<Suggestion | null> {
    const row = await this.suggestionQuery(db).where('s.id', '=', id).executeTakeFirst()
    return row ? this.toSuggestion(row) : null
  }

  async listSuggestions(
    db: Db,
    filter: { status?: SuggestionStatus; authorId?: string; pageId?: string },
  ): Promise<Suggestion[]> {
    let q = this.suggestionQuery(db)
    if (filter.status) q = q.where('s.status', '=', filter.status)
    if (filter.authorId) q = q.where('s.created_by', '=', filter.authorId)
    if (filter.pageId) q = q.where('s.page_id', '=', filter.pageId)
    const rows = await q.orderBy('s.created_at', filter.status === 'open' ? 'asc' : 'desc').execute()
    return rows.map(r => this.toSuggestion(r))
  }

  /** How many suggestions are open and when the oldest was made: one read of the status index. */
  async openSuggestionSummary(db: Db): Promise<{ count: number; oldestAt: string | null }> {
    const row = await db
      .selectFrom('handbook_suggestions')
      .select(eb => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow()
    return { count: Number(row.n), oldestAt: row.oldest ?? null }
  }

  /** Records a decision if the suggestion is still open; says whether it did. */
  async decideSuggestion(
    db: Db,
    id: string,
    d: {
      status: 'accepted' | 'declined'
      at: string
      by: string
      note: string | null
      resultingVersion: number | null
    },
  ): Promise<boolean> {
    const result = await db
      .updateTable('handbook_suggestions')
      .set({
        status: d.status,
        decided_at: d.at,
        decided_by: d.by,
        decision_note: d.note,
        resulting_version: d.resultingVersion,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  // ---- Revision ----

  // Read on every handbook page view (it keys the page cache): compiled once per database, and
  // remembered for a moment (db/remembered.ts); bumpRevision forgets it.
  private revisionQueries = new WeakMap<Db, () => Promise<{ revision: number }[]>>()
  private readonly revisionKnown = new Remembered<number>()

  // ---- Owners and review dates ----

  private ownershipQuery(db: Db) {
    return db
      .selectFrom('handbook_owners as o')
      .leftJoin('users as u', 'u.id', 'o.owner_user_id')
      .select([
        'o.id',
        'o.page_id',
        'o.owner_user_id',
        'o.owner_team',
        'o.review_by',
        'o.version',
        'o.updated_at',
        'o.updated_by_name',
        'u.name as owner_name',
      ])
  }

  private toOwnership(r: {
    id: string
    page_id: string | null
    owner_user_id: string | null
    owner_team: string | null
    review_by: string | null
    version: number
    updated_at: string
    updated_by_name: string
    owner_name: string | null
  }): Ownership {
    return {
      id: r.id,
      kind: r.page_id ? 'page' : 'section',
      ownerUserId: r.owner_user_id,
      ownerName: r.owner_user_id ? r.owner_name : null,
      ownerTeam: r.owner_team,
      reviewBy: r.review_by,
      version: r.version,
      updatedAt: r.updated_at,
      updatedByName: r.updated_by_name,
    }
  }

  async findOwnership(db: Db, id: string): Promise<Ownership | null> {
    const row = await this.ownershipQuery(db).where('o.id', '=', id).executeTakeFirst()
    return row ? this.toOwnership(row) : null
  }

  async listOwnerships(db: Db): Promise<Ownership[]> {
    return (await this.ownershipQuery(db).execute()).map(r => this.toOwnership(r))
  }

  /** The first owner and date of a page or section; false when one was saved meanwhile. */
  async insertOwnership(
    db: Db,
    subject: { id: string; kind: 'page' | 'section' },
    input: OwnershipInput,
    at: string,
    byName: string,
  ): Promise<boolean> {
    const inserted = await db
      .insertInto('handbook_owners')
      .values({
        id: subject.id,
        page_id: subject.kind === 'page' ? subject.id : null,
        section_id: subject.kind === 'section' ? subject.id : null,
        owner_user_id: input.ownerUserId,
        owner_team: input.ownerTeam,
        review_by: input.reviewBy,
        version: 1,
        updated_at: at,
        updated_by_name: byName,
      })
      .onConflict(oc => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
  }

  async updateOwnership(
    db: Db,
    id: string,
    expectedVersion: number,
    input: OwnershipInput,
    at: string,
    byName: string,
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'handbook_owners', id, expectedVersion, {
      owner_user_id: input.ownerUserId,
      owner_team: input.ownerTeam,
      review_by: input.reviewBy,
      updated_at: at,
      updated_by_name: byName,
    })
    return saved !== undefined
  }

  // ---- Readers' feedback ----

  async insertFeedback(
    db: Db,
    f: { id: string; pageId: string; useful: boolean; comment: string; createdAt: string },
  ): Promise<void> {
    await db
      .insertInto('handbook_feedback')
      .values({
        id: f.id,
        page_id: f.pageId,
        useful: f.useful ? 1 : 0,
        comment: f.comment,
        created_at: f.createdAt,
        status: 'new',
        done_at: null,
        done_by_name: null,
      })
      .execute()
  }

  private feedbackQuery(db: Db) {
    return db
      .selectFrom('handbook_feedback as f')
      .innerJoin('handbook_pages as p', 'p.id', 'f.page_id')
      .select([
        'f.id',
        'f.page_id',
        'p.slug',
        'p.title',
        'f.useful',
        'f.comment',
        'f.created_at',
        'f.status',
        'f.done_at',
        'f.done_by_name',
      ])
  }

  private toFeedback(r: {
    id: string
    page_id: string
    slug: string
    title: string
    useful: number
    comment: string
    created_at: string
    status: string
    done_at: string | null
    done_by_name: string | null
  }): Feedback {
    return {
      id: r.id,
      pageId: r.page_id,
      pageSlug: r.slug,
      pageTitle: r.title,
      useful: Number(r.useful) === 1,
      comment: r.comment,
      createdAt: r.created_at,
      status: r.status === 'done' ? 'done' : 'new',
      doneAt: r.done_at,
      doneByName: r.done_by_name,
    }
  }

  async findFeedback(db: Db, id: string): Promise<Feedback | null> {
    const row = await this.feedbackQuery(db).where('f.id', '=', id).executeTakeFirst()
    return row ? this.toFeedback(row) : null
  }

  /** Answers about the given pages (all pages when not given), newest first. */
  async listFeedback(
    db: Db,
    filter: { pageIds?: readonly string[]; status?: FeedbackStatus },
    limit: number,
  ): Promise<Feedback[]> {
    if (filter.pageIds && filter.pageIds.length === 0) return []
    let query = this.feedbackQuery(db)
    if (filter.pageIds) query = query.where('f.page_id', 'in', [...filter.pageIds])
    if (filter.status) query = query.where('f.status', '=', filter.status)
    const rows = await query.orderBy('f.created_at', 'desc').orderBy('f.id').limit(limit).execute()
    return rows.map(r => this.toFeedback(r))
  }

  /** Every answer about a page, only whether it was useful and when, oldest first. */
  async usefulnessOf(db: Db, pageId: string): Promise<{ useful: boolean; createdAt: string }[]> {
    const rows = await db
      .selectFrom('handbook_feedback')
      .select(['useful', 'created_at'])
      .where('page_id', '=', pageId)
      .orderBy('created_at')
      .execute()
    return rows.map(r => ({ useful: Number(r.useful) === 1, createdAt: r.created_at }))
  }

  /** How many answers about these pages are not dealt with yet, and when the oldest came. */
  async feedbackWaiting(db: Db, pageIds: readonly string[]): Promise<{ count: number; oldestAt: string | null }> {
    if (pageIds.length === 0) return { count: 0, oldestAt: null }
    const row = await db
      .selectFrom('handbook_feedback')
      .select(eb => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('page_id', 'in', [...pageIds])
      .where('status', '=', 'new')
      .executeTakeFirstOrThrow()
    return { count: Number(row.n), oldestAt: (row.oldest as string | null) ?? null }
  }

  /** Marks an answer dealt with; false when it already was. */
  async markFeedbackDone(db: Db, id: string, at: string, byName: string): Promise<boolean> {
    const result = await db
      .updateTable('handbook_feedback')
      .set({ status: 'done', done_at: at, done_by_name: byName })
      .where('id', '=', id)
      .where('status', '=', 'new')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async revision(db: Db): Promise<number> {
    return this.revisionKnown.get(databaseKey(db), async () => {
      let query = this.revisionQueries.get(db)
      if (!query) {
        query = prepared(db, () => db.selectFrom('handbook_state').select('revision').where('id', '=', 'handbook'))
        this.revisionQueries.set(db, query)
      }
      const [row] = await query()
      return row?.revision ?? 0
    })
  }

  /** The revision if it is remembered and still good; undefined otherwise (no query). */
  rememberedRevision(db: Db): number | undefined {
    return this.revisionKnown.peek(databaseKey(db))
  }

  async bumpRevision(db: Db): Promise<void> {
    this.revisionKnown.changed()
    await db
      .updateTable('handbook_state')
      .set(eb => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', 'handbook')
      .execute()
  }

  // ---- Import: where pages came from, and the images they show ----

  /** Every page's slug and source key (null for pages made in the browser). */
  async listPageSources(db: Db): Promise<{ id: string; slug: string; sourceKey: string | null }[]> {
    const rows = await db.selectFrom('handbook_pages').select(['id', 'slug', 'source_key']).execute()
    return rows.map(row => ({ id: row.id, slug: row.slug, sourceKey: row.source_key ?? null }))
  }

  async setPageSourceKey(db: Db, pageId: string, sourceKey: string): Promise<void> {
    await db.updateTable('handbook_pages').set({ source_key: sourceKey }).where('id', '=', pageId).execute()
  }

  /** Stores an image unless one with the same bytes (so the same id) is already kept; says whether it stored it. */
  async insertImage(db: Db, image: StoredImage): Promise<boolean> {
    const result = await db
      .insertInto('handbook_images')
      .values({
        id: image.id,
        file_name: image.fileName,
        content_type: image.contentType,
        size: image.bytes.length,
        bytes: image.bytes,
        source_key: image.sourceKey,
        created_at: image.createdAt,
        created_by_name: image.createdByName,
      })
      .onConflict(conflict => conflict.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async findImage(db: Db, id: string): Promise<StoredImage | null> {
    const row = await db.selectFrom('handbook_images').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    return {
      id: row.id,
      fileName: row.file_name,
      contentType: row.content_type,
      bytes: Buffer.from(row.bytes),
      sourceKey: row.source_key,
      createdAt: row.created_at,
      createdByName: row.created_by_name,
    }
  }

  // ---- Imports uploaded in the browser (handbook_imports) ----

  async insertImport(db: Db, row: StoredImportRow): Promise<void> {
    await db
      .insertInto('handbook_imports')
      .values({
        id: row.id,
        created_by: row.createdBy,
        file_name: row.fileName,
        zip: row.zip,
        status: row.status,
        report: row.report,
        answers: row.answers,
        result: row.result,
        failure: row.failure,
        created_at: row.createdAt,
        updated_at: row.updatedAt,
      })
      .execute()
  }

  async findImport(db: Db, id: string): Promise<StoredImportRow | null> {
    const row = await db.selectFrom('handbook_imports').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    return {
      id: row.id,
      createdBy: row.created_by,
      fileName: row.file_name,
      zip: Buffer.from(row.zip),
      status: row.status,
      report: row.report,
      answers: row.answers,
      result: row.result,
      failure: row.failure,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }

  /** Moves an import on, only from the status given; says whether it did (two confirmations start one run). */
  async moveImport(
    db: Db,
    id: string,
    from: string,
    changes: Partial<Pick<StoredImportRow, 'status' | 'answers' | 'result' | 'failure' | 'zip'>> & {
      updatedAt: string
    },
  ): Promise<boolean> {
    const result = await db
      .updateTable('handbook_imports')
      .set({
        ...(changes.status === undefined ? {} : { status: changes.status }),
        ...(changes.zip === undefined ? {} : { zip: changes.zip }),
        ...(changes.answers === undefined ? {} : { answers: changes.answers }),
        ...(changes.result === undefined ? {} : { result: changes.result }),
        ...(changes.failure === undefined ? {} : { failure: changes.failure }),
        updated_at: changes.updatedAt,
      })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** Forgets imports whose report was read but never confirmed, staged before the time given. */
  async pruneStagedImports(db: Db, before: string): Promise<void> {
    await db.deleteFrom('handbook_imports').where('status', '=', 'staged').where('created_at', '<', before).execute()
  }
}

export interface StoredImportRow {
  id: string
  createdBy: string
  fileName: string
  zip: Buffer
  status: string
  report: string
  answers: string | null
  result: string | null
  failure: string | null
  createdAt: string
  updatedAt: string
}

export interface StoredImage {
  id: string
  fileName: string
  contentType: string
  bytes: Buffer
  sourceKey: string | null
  createdAt: string
  createdByName: string
}
