// Readers' "Was this page useful?" answers (handbook_feedback), kept without anything that says who gave them.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Feedback, FeedbackStatus } from '../handbook.types.ts'

type Db = Kysely<Database>

export class FeedbackRepository {
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
}
