// Insight's tables: the backlog of insight, its tags to things and to problems on their roadmaps,
// ideas and the insight behind them, and each insight's history. The only code that reads or
// writes them. Names of things and problems come from products through the service.
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, InsightIdeasTable, InsightItemsTable } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'
import type {
  BacklogFilter,
  Idea,
  IdeaInput,
  Insight,
  InsightEvent,
  InsightInput,
  InsightKind,
  InsightStatus,
  Origin,
} from './insight.types.ts'

type Db = Kysely<Database>

const toInsight = (r: Selectable<InsightItemsTable>): Insight => ({
  id: r.id,
  title: r.title,
  kind: r.kind as InsightKind,
  source: r.source,
  observedOn: r.observed_on,
  evidence: r.evidence,
  origin: r.origin as Origin,
  status: r.status as InsightStatus,
  mergedIntoId: r.merged_into_id,
  createdAt: r.created_at,
  createdById: r.created_by,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
  version: Number(r.version),
})

const toIdea = (r: Selectable<InsightIdeasTable>): Idea => ({
  id: r.id,
  title: r.title,
  description: r.description,
  productId: r.product_id,
  itemId: r.roadmap_item_id,
  createdAt: r.created_at,
  createdById: r.created_by,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
  version: Number(r.version),
})

/** What the search looks in, in lower case. */
export const searchText = (i: Pick<InsightInput, 'title' | 'source' | 'evidence'>) =>
  `${i.title}\n${i.source}\n${i.evidence}`.toLowerCase()

/** Escapes LIKE's wildcards so a search for "50%" finds "50%". */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, c => `\\${c}`)}%`

/** The words of a search, at most eight. */
export const searchWords = (q: string | undefined) => (q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)

export interface TagRow {
  insightId: string
  productId: string
}

export interface ProblemRow extends TagRow {
  itemId: string
}

export class InsightRepository {
  async insert(
    db: Db,
    row: InsightInput & {
      id: string
      origin: Origin
      status: InsightStatus
      at: string
      byId: string | null
      byName: string
      example?: boolean
    },
  ): Promise<void> {
    await db
      .insertInto('insight_items')
      .values({
        id: row.id,
        title: row.title,
        kind: row.kind,
        source: row.source,
        observed_on: row.observedOn,
        evidence: row.evidence,
        origin: row.origin,
        status: row.status,
        merged_into_id: null,
        search_text: searchText(row),
        created_at: row.at,
        created_by: row.byId,
        created_by_name: row.byName,
        updated_at: row.at,
        updated_by_name: row.byName,
        example: row.example ? 'yes' : 'no',
      })
      .execute()
  }

  async find(db: Db, id: string): Promise<Insight | undefined> {
    const row = await db.selectFrom('insight_items').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toInsight(row) : undefined
  }

  async some(db: Db, ids: readonly string[]): Promise<Insight[]> {
    if (ids.length === 0) return []
    const rows = await db
      .selectFrom('insight_items')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute()
    return rows.map(toInsight)
  }

  /** Saves the form's fields if the insight is still at expectedVersion and not merged away. */
  async update(db: Db, id: string, expectedVersion: number, input: InsightInput, at: string, byName: string) {
    const saved = await updateVersioned(
      db,
      'insight_items',
      id,
      expectedVersion,
      {
        title: input.title,
        kind: input.kind,
        source: input.source,
        observed_on: input.observedOn,
        evidence: input.evidence,
        search_text: searchText(input),
        updated_at: at,
        updated_by_name: byName,
      },
      { status: ['held', 'published'] },
    )
    return saved !== undefined
  }

  /** Publishes held insight, or marks insight merged; false when it changed since expectedVersion. */
  async setStatus(
    db: Db,
    id: string,
    expectedVersion: number,
    change: { status: InsightStatus; mergedIntoId?: string; from: InsightStatus[] },
    at: string,
    byName: string,
  ) {
    const saved = await updateVersioned(
      db,
      'insight_items',
      id,
      expectedVersion,
      {
        status: change.status,
        ...(change.mergedIntoId ? { merged_into_id: change.mergedIntoId } : {}),
        updated_at: at,
        updated_by_name: byName,
      },
      { status: change.from },
    )
    return saved !== undefined
  }

  /** Marks a change to an insight's links: its version goes up, so a form opened before it is stale. */
  async touch(db: Db, id: string, expectedVersion: number, at: string, byName: string) {
    const saved = await updateVersioned(
      db,
      'insight_items',
      id,
      expectedVersion,
      { updated_at: at, updated_by_name: byName },
      { status: ['held', 'published'] },
    )
    return saved !== undefined
  }

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('insight_items').where('id', '=', id).execute()
  }

  /** How many pieces of insight and ideas the worked example added. */
  async countExamples(db: Db): Promise<{ insight: number; ideas: number }> {
    const count = async (table: 'insight_items' | 'insight_ideas') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select(eb => eb.fn.countAll().as('n'))
            .where('example', '=', 'yes')
            .executeTakeFirstOrThrow()
        ).n,
      )
    return { insight: await count('insight_items'), ideas: await count('insight_ideas') }
  }

  /**
   * Deletes the worked example's ideas and insight, with their tags, links and history. Real
   * insight merged into an example piece is left unmerged (published again) rather than lost.
   */
  async deleteExamples(db: Db, at: string): Promise<{ insight: number; ideas: number }> {
    const examples = db.selectFrom('insight_items').select('id').where('example', '=', 'yes')
    await db
      .updateTable('insight_items')
      .set(eb => ({ status: 'published', merged_into_id: null, updated_at: at, version: eb('version', '+', 1) }))
      .where('example', '=', 'no')
      .where('merged_into_id', 'in', examples)
      .execute()
    const ideas = await db.deleteFrom('insight_ideas').where('example', '=', 'yes').executeTakeFirst()
    const insight = await db.deleteFrom('insight_items').where('example', '=', 'yes').executeTakeFirst()
    return { insight: Number(insight.numDeletedRows), ideas: Number(ideas.numDeletedRows) }
  }

  private filtered(db: Db, filter: BacklogFilter) {
    let query = db.selectFrom('insight_items as i').where('i.status', '=', 'published')
    if (filter.kind) query = query.where('i.kind', '=', filter.kind)
    if (filter.origin) query = query.where('i.origin', '=', filter.origin)
    if (filter.productId) {
      const productId = filter.productId
      query = query.where(eb =>
        eb.exists(
          eb
            .selectFrom('insight_things as t')
            .select('t.insight_id')
            .whereRef('t.insight_id', '=', 'i.id')
            .where('t.product_id', '=', productId),
        ),
      )
    }
    if (filter.productIds) {
      const productIds = filter.productIds
      query = query.where(eb =>
        productIds.length === 0
          ? sql<boolean>`1 = 0`
          : eb.exists(
              eb
                .selectFrom('insight_things as t')
                .select('t.insight_id')
                .whereRef('t.insight_id', '=', 'i.id')
                .where('t.product_id', 'in', productIds),
            ),
      )
    }
    if (filter.itemId) {
      const itemId = filter.itemId
      query = query.where(eb =>
        eb.exists(
          eb
            .selectFrom('insight_problems as p')
            .select('p.insight_id')
            .whereRef('p.insight_id', '=', 'i.id')
            .where('p.roadmap_item_id', '=', itemId),
        ),
      )
    }
    for (const word of searchWords(filter.q))
      query = query.where(sql<boolean>`i.search_text like ${likeText(word)} escape '\\'`)
    return query
  }

  /** The published insight the filter finds, latest observed first. */
  async list(db: Db, filter: BacklogFilter, page: { offset: number; limit: number }): Promise<Insight[]> {
    const rows = await this.filtered(db, filter)
      .selectAll('i')
      .orderBy('i.observed_on', 'desc')
      .orderBy('i.created_at', 'desc')
      .orderBy('i.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    return rows.map(toInsight)
  }

  async count(db: Db, filter: BacklogFilter): Promise<number> {
    const row = await this.filtered(db, filter)
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** The things published insight is tagged to: the backlog's filter choices. */
  async taggedThings(db: Db): Promise<string[]> {
    const rows = await db
      .selectFrom('insight_things as t')
      .innerJoin('insight_items as i', 'i.id', 't.insight_id')
      .where('i.status', '=', 'published')
      .select('t.product_id')
      .distinct()
      .execute()
    return rows.map(r => r.product_id)
  }

  async things(db: Db, insightIds: readonly string[]): Promise<TagRow[]> {
    if (insightIds.length === 0) return []
    const rows = await db
      .selectFrom('insight_things')
      .selectAll()
      .where('insight_id', 'in', [...insightIds])
      .execute()
    return rows.map(r => ({ insightId: r.insight_id, productId: r.product_id }))
  }

  async problems(db: Db, insightIds: readonly string[]): Promise<ProblemRow[]> {
    if (insightIds.length === 0) return []
    const rows = await db
      .selectFrom('insight_problems')
      .selectAll()
      .where('insight_id', 'in', [...insightIds])
      .execute()
    return rows.map(r => ({ insightId: r.insight_id, productId: r.product_id, itemId: r.roadmap_item_id }))
  }

  /** Tags insight to a thing; false when it was tagged already. */
  async addThing(db: Db, insightId: string, productId: string): Promise<boolean> {
    const result = await db
      .insertInto('insight_things')
      .values({ insight_id: insightId, product_id: productId })
      .onConflict(oc => oc.columns(['insight_id', 'product_id']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  /** Tags insight to a problem on a thing's roadmap; false when it was tagged already. */
  async addProblem(db: Db, insightId: string, productId: string, itemId: string): Promise<boolean> {
    const result = await db
      .insertInto('insight_problems')
      .values({ insight_id: insightId, product_id: productId, roadmap_item_id: itemId })
      .onConflict(oc => oc.columns(['insight_id', 'roadmap_item_id']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  /** Removes a thing's tag and the tags of its problems; the number of tags removed. */
  async removeThing(db: Db, insightId: string, productId: string): Promise<number> {
    const problems = await db
      .deleteFrom('insight_problems')
      .where('insight_id', '=', insightId)
      .where('product_id', '=', productId)
      .executeTakeFirst()
    const things = await db
      .deleteFrom('insight_things')
      .where('insight_id', '=', insightId)
      .where('product_id', '=', productId)
      .executeTakeFirst()
    return Number(problems.numDeletedRows) + Number(things.numDeletedRows)
  }

  async removeProblem(db: Db, insightId: string, itemId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('insight_problems')
      .where('insight_id', '=', insightId)
      .where('roadmap_item_id', '=', itemId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  /**
   * Moves every tag and idea link of one insight to another, keeping those the other has already:
   * what a merge does. Gives how many of each arrived that were new to the kept insight.
   */
  async moveLinks(db: Db, fromId: string, toId: string): Promise<{ things: number; problems: number; ideas: number }> {
    const moved = { things: 0, problems: 0, ideas: 0 }
    for (const t of await this.things(db, [fromId])) if (await this.addThing(db, toId, t.productId)) moved.things++
    for (const p of await this.problems(db, [fromId]))
      if (await this.addProblem(db, toId, p.productId, p.itemId)) moved.problems++
    for (const ideaId of await this.ideaIdsFor(db, fromId)) if (await this.link(db, ideaId, toId)) moved.ideas++
    await db.deleteFrom('insight_problems').where('insight_id', '=', fromId).execute()
    await db.deleteFrom('insight_things').where('insight_id', '=', fromId).execute()
    await db.deleteFrom('insight_idea_links').where('insight_id', '=', fromId).execute()
    return moved
  }

  /** Published insight tagged to a problem on a roadmap, latest observed first. */
  async forProblem(db: Db, itemId: string): Promise<Insight[]> {
    const rows = await db
      .selectFrom('insight_items as i')
      .innerJoin('insight_problems as p', 'p.insight_id', 'i.id')
      .selectAll('i')
      .where('p.roadmap_item_id', '=', itemId)
      .where('i.status', '=', 'published')
      .orderBy('i.observed_on', 'desc')
      .orderBy('i.created_at', 'desc')
      .execute()
    return rows.map(toInsight)
  }

  /** Insight held for moderation, oldest first. */
  async held(db: Db, limit: number): Promise<Insight[]> {
    const rows = await db
      .selectFrom('insight_items')
      .selectAll()
      .where('status', '=', 'held')
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute()
    return rows.map(toInsight)
  }

  /** Adds an event after the insight's others (inside the transaction that makes the change). */
  async insertEvent(
    db: Db,
    e: { id: string; insightId: string; title: string; note: string; at: string; byId: string | null; byName: string },
  ): Promise<void> {
    const last = await db
      .selectFrom('insight_events')
      .select(eb => eb.fn.max('seq').as('seq'))
      .where('insight_id', '=', e.insightId)
      .executeTakeFirst()
    await db
      .insertInto('insight_events')
      .values({
        id: e.id,
        insight_id: e.insightId,
        seq: Number(last?.seq ?? 0) + 1,
        title: e.title,
        note: e.note,
        recorded_at: e.at,
        recorded_by: e.byId,
        recorded_by_name: e.byName,
      })
      .execute()
  }

  /** An insight's history, newest first. */
  async events(db: Db, insightId: string): Promise<InsightEvent[]> {
    const rows = await db
      .selectFrom('insight_events')
      .selectAll()
      .where('insight_id', '=', insightId)
      .orderBy('seq', 'desc')
      .execute()
    return rows.map(r => ({
      id: r.id,
      title: r.title,
      note: r.note,
      recordedAt: r.recorded_at,
      recordedByName: r.recorded_by_name,
    }))
  }

  // Ideas

  async insertIdea(
    db: Db,
    row: IdeaInput & {
      id: string
      productId: string | null
      at: string
      byId: string | null
      byName: string
      example?: boolean
    },
  ): Promise<void> {
    await db
      .insertInto('insight_ideas')
      .values({
        id: row.id,
        title: row.title,
        description: row.description,
        product_id: row.productId,
        roadmap_item_id: row.itemId,
        created_at: row.at,
        created_by: row.byId,
        created_by_name: row.byName,
        updated_at: row.at,
        updated_by_name: row.byName,
        example: row.example ? 'yes' : 'no',
      })
      .execute()
  }

  async findIdea(db: Db, id: string): Promise<Idea | undefined> {
    const row = await db.selectFrom('insight_ideas').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toIdea(row) : undefined
  }

  async updateIdea(
    db: Db,
    id: string,
    expectedVersion: number,
    input: IdeaInput & { productId: string | null },
    at: string,
    byName: string,
  ) {
    const saved = await updateVersioned(db, 'insight_ideas', id, expectedVersion, {
      title: input.title,
      description: input.description,
      product_id: input.productId,
      roadmap_item_id: input.itemId,
      updated_at: at,
      updated_by_name: byName,
    })
    return saved !== undefined
  }

  async ideas(db: Db, page: { offset: number; limit: number }): Promise<Idea[]> {
    const rows = await db
      .selectFrom('insight_ideas')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute()
    return rows.map(toIdea)
  }

  async countIdeas(db: Db): Promise<number> {
    const row = await db
      .selectFrom('insight_ideas')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** The links between the ideas given and their insight. */
  async ideaLinks(db: Db, ideaIds: readonly string[]): Promise<{ ideaId: string; insightId: string }[]> {
    if (ideaIds.length === 0) return []
    const rows = await db
      .selectFrom('insight_idea_links')
      .selectAll()
      .where('idea_id', 'in', [...ideaIds])
      .execute()
    return rows.map(r => ({ ideaId: r.idea_id, insightId: r.insight_id }))
  }

  async ideaIdsFor(db: Db, insightId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('insight_idea_links')
      .select('idea_id')
      .where('insight_id', '=', insightId)
      .execute()
    return rows.map(r => r.idea_id)
  }

  /** Ideas for a problem: those that answer it, and those behind which is insight tagged to it. */
  async ideasForProblem(db: Db, itemId: string, insightIds: readonly string[]): Promise<Idea[]> {
    let query = db.selectFrom('insight_ideas as d').selectAll('d')
    query =
      insightIds.length === 0
        ? query.where('d.roadmap_item_id', '=', itemId)
        : query.where(eb =>
            eb.or([
              eb('d.roadmap_item_id', '=', itemId),
              eb.exists(
                eb
                  .selectFrom('insight_idea_links as l')
                  .select('l.idea_id')
                  .whereRef('l.idea_id', '=', 'd.id')
                  .where('l.insight_id', 'in', [...insightIds]),
              ),
            ]),
          )
    const rows = await query.orderBy('d.created_at', 'desc').orderBy('d.id').execute()
    return rows.map(toIdea)
  }

  /** Links an idea to insight behind it; false when it was linked already. */
  async link(db: Db, ideaId: string, insightId: string): Promise<boolean> {
    const result = await db
      .insertInto('insight_idea_links')
      .values({ idea_id: ideaId, insight_id: insightId })
      .onConflict(oc => oc.columns(['idea_id', 'insight_id']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async unlink(db: Db, ideaId: string, insightId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('insight_idea_links')
      .where('idea_id', '=', ideaId)
      .where('insight_id', '=', insightId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }
}
