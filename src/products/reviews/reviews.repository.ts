// The strategy reviews' tables: reviews, who came, the parts each looked at, and the decisions
// linked to each. The only code that reads or writes them.
import type { Kysely, Selectable } from 'kysely'
import type { Database, StrategyReviewsTable } from '../../db/schema.ts'
import { updateVersioned } from '../../db/versioned.ts'
import type { Attendee, Review, TakenAt } from './reviews.types.ts'

type Db = Kysely<Database>

export interface ReviewRow {
  heldOn: string
  attendees: Attendee[]
  others: string
  parts: string[]
  notes: string
}

export class ReviewsRepository {
  private async hydrate(db: Db, rows: Selectable<StrategyReviewsTable>[]): Promise<Review[]> {
    if (rows.length === 0) return []
    const ids = rows.map(r => r.id)
    const [attendees, parts] = await Promise.all([
      db
        .selectFrom('strategy_review_attendees')
        .select(['review_id', 'person_id', 'name'])
        .where('review_id', 'in', ids)
        .orderBy('name')
        .execute(),
      db.selectFrom('strategy_review_parts').select(['review_id', 'part']).where('review_id', 'in', ids).execute(),
    ])
    return rows.map(r => ({
      id: r.id,
      productId: r.product_id,
      heldOn: r.held_on,
      attendees: attendees.filter(a => a.review_id === r.id).map(a => ({ id: a.person_id, name: a.name })),
      others: r.others,
      parts: parts.filter(p => p.review_id === r.id).map(p => p.part),
      notes: r.notes,
      createdAt: r.created_at,
      createdByName: r.created_by_name,
      updatedAt: r.updated_at,
      updatedByName: r.updated_by_name,
      version: Number(r.version),
    }))
  }

  /** A thing's reviews, latest first. */
  async list(db: Db, productId: string): Promise<Review[]> {
    const rows = await db
      .selectFrom('strategy_reviews')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('held_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute()
    return this.hydrate(db, rows)
  }

  async find(db: Db, productId: string, id: string): Promise<Review | undefined> {
    const row = await db
      .selectFrom('strategy_reviews')
      .selectAll()
      .where('product_id', '=', productId)
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? (await this.hydrate(db, [row]))[0] : undefined
  }

  /** The date of a thing's latest review, or null when it has had none. */
  async lastHeldOn(db: Db, productId: string): Promise<string | null> {
    const row = await db
      .selectFrom('strategy_reviews')
      .select(eb => eb.fn.max('held_on').as('last'))
      .where('product_id', '=', productId)
      .executeTakeFirst()
    return (row?.last as string | null | undefined) ?? null
  }

  private async setDetails(db: Db, id: string, row: ReviewRow): Promise<void> {
    await db.deleteFrom('strategy_review_attendees').where('review_id', '=', id).execute()
    await db.deleteFrom('strategy_review_parts').where('review_id', '=', id).execute()
    if (row.attendees.length > 0)
      await db
        .insertInto('strategy_review_attendees')
        .values(row.attendees.map(a => ({ review_id: id, person_id: a.id, name: a.name })))
        .execute()
    if (row.parts.length > 0)
      await db
        .insertInto('strategy_review_parts')
        .values(row.parts.map(part => ({ review_id: id, part })))
        .execute()
  }

  async insert(db: Db, row: ReviewRow & { id: string; productId: string; at: string; byName: string }): Promise<void> {
    await db
      .insertInto('strategy_reviews')
      .values({
        id: row.id,
        product_id: row.productId,
        held_on: row.heldOn,
        others: row.others,
        notes: row.notes,
        created_at: row.at,
        created_by_name: row.byName,
        updated_at: row.at,
        updated_by_name: row.byName,
      })
      .execute()
    await this.setDetails(db, row.id, row)
  }

  /** Saves a review if it is still at expectedVersion; false when someone saved first. */
  async update(
    db: Db,
    id: string,
    expectedVersion: number,
    row: ReviewRow & { at: string; byName: string },
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'strategy_reviews', id, expectedVersion, {
      held_on: row.heldOn,
      others: row.others,
      notes: row.notes,
      updated_at: row.at,
      updated_by_name: row.byName,
    })
    if (!saved) return false
    await this.setDetails(db, id, row)
    return true
  }

  // ---- Decisions taken at a review ----

  async links(db: Db, reviewId: string): Promise<{ decisionId: string; changed: string }[]> {
    const rows = await db
      .selectFrom('strategy_review_decisions')
      .select(['decision_id', 'changed'])
      .where('review_id', '=', reviewId)
      .orderBy('linked_at')
      .execute()
    return rows.map(r => ({ decisionId: r.decision_id, changed: r.changed }))
  }

  /** How many decisions each of a thing's reviews is linked to. */
  async linkCounts(db: Db, productId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('strategy_review_decisions as l')
      .innerJoin('strategy_reviews as r', 'r.id', 'l.review_id')
      .select(['l.review_id', eb => eb.fn.countAll<number>().as('n')])
      .where('r.product_id', '=', productId)
      .groupBy('l.review_id')
      .execute()
    return new Map(rows.map(r => [r.review_id, Number(r.n)]))
  }

  async link(db: Db, reviewId: string, decisionId: string, changed: string, at: string): Promise<void> {
    await db
      .insertInto('strategy_review_decisions')
      .values({ review_id: reviewId, decision_id: decisionId, changed, linked_at: at })
      .execute()
  }

  async unlink(db: Db, reviewId: string, decisionId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('strategy_review_decisions')
      .where('review_id', '=', reviewId)
      .where('decision_id', '=', decisionId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  /** The reviews a decision was taken at, earliest first. */
  async forDecision(db: Db, productId: string, decisionId: string): Promise<TakenAt[]> {
    const rows = await db
      .selectFrom('strategy_review_decisions as l')
      .innerJoin('strategy_reviews as r', 'r.id', 'l.review_id')
      .select(['r.id', 'r.held_on', 'l.changed'])
      .where('r.product_id', '=', productId)
      .where('l.decision_id', '=', decisionId)
      .orderBy('r.held_on')
      .execute()
    return rows.map(r => ({ reviewId: r.id, heldOn: r.held_on, changed: r.changed }))
  }
}
