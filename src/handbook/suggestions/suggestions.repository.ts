// Changes readers suggest to handbook pages (handbook_suggestions), and editors' decisions on them.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Suggestion, SuggestionStatus } from '../handbook.types.ts'

type Db = Kysely<Database>

export class SuggestionsRepository {
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
    r: Awaited<ReturnType<ReturnType<SuggestionsRepository['suggestionQuery']>['executeTakeFirstOrThrow']>>,
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
}
