// The objectives tables: objectives, their key results and roadmap items, and their history. The
// only code that reads or writes them.
import type { Kysely, Selectable } from 'kysely'
import type { Database, ObjectivesTable } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'
import type { Level, Objective, ObjectiveEvent, ObjectiveInput, Scope } from './objectives.types.ts'

type Db = Kysely<Database>

const toObjective = (r: Selectable<ObjectivesTable>, metricIds: string[], itemIds: string[]): Objective => ({
  id: r.id,
  quarter: r.quarter,
  level: r.level as Level,
  area: r.area,
  group: r.group_name,
  productId: r.product_id,
  parentId: r.parent_id,
  title: r.title,
  description: r.description,
  metricIds,
  itemIds,
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
  version: Number(r.version),
})

export interface ObjectiveFilter {
  quarter?: string
  productId?: string
  /** Objectives of exactly this scope. */
  scope?: Scope
  parentId?: string
}

export class ObjectivesRepository {
  /** Objectives with their key results and roadmap items, by level then title. */
  private async withLinks(db: Db, rows: Selectable<ObjectivesTable>[]): Promise<Objective[]> {
    if (rows.length === 0) return []
    const ids = rows.map(r => r.id)
    const [krs, items] = await Promise.all([
      db
        .selectFrom('objective_key_results')
        .select(['objective_id', 'metric_id'])
        .where('objective_id', 'in', ids)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('objective_roadmap_items')
        .select(['objective_id', 'item_id'])
        .where('objective_id', 'in', ids)
        .orderBy('item_id')
        .execute(),
    ])
    const metricsOf = new Map<string, string[]>()
    for (const k of krs) metricsOf.set(k.objective_id, [...(metricsOf.get(k.objective_id) ?? []), k.metric_id])
    const itemsOf = new Map<string, string[]>()
    for (const i of items) itemsOf.set(i.objective_id, [...(itemsOf.get(i.objective_id) ?? []), i.item_id])
    return rows.map(r => toObjective(r, metricsOf.get(r.id) ?? [], itemsOf.get(r.id) ?? []))
  }

  async find(db: Db, id: string): Promise<Objective | undefined> {
    const row = await db.selectFrom('objectives').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? (await this.withLinks(db, [row]))[0] : undefined
  }

  async list(db: Db, filter: ObjectiveFilter): Promise<Objective[]> {
    let query = db.selectFrom('objectives').selectAll()
    if (filter.quarter !== undefined) query = query.where('quarter', '=', filter.quarter)
    if (filter.productId !== undefined) query = query.where('product_id', '=', filter.productId)
    if (filter.parentId !== undefined) query = query.where('parent_id', '=', filter.parentId)
    if (filter.scope) {
      const s = filter.scope
      query = query.where('level', '=', s.level).where('area', '=', s.area).where('group_name', '=', s.group)
      query = s.productId === null ? query.where('product_id', 'is', null) : query.where('product_id', '=', s.productId)
    }
    const rows = await query.orderBy('quarter', 'desc').orderBy('title').orderBy('id').execute()
    return this.withLinks(db, rows)
  }

  async insert(
    db: Db,
    row: {
      id: string
      quarter: string
      scope: Scope
      input: ObjectiveInput
      at: string
      byName: string
      example?: boolean
    },
  ): Promise<void> {
    const { scope, input } = row
    await db
      .insertInto('objectives')
      .values({
        id: row.id,
        quarter: row.quarter,
        level: scope.level,
        area: scope.area,
        group_name: scope.group,
        product_id: scope.productId,
        parent_id: input.parentId,
        title: input.title,
        description: input.description,
        created_at: row.at,
        created_by_name: row.byName,
        updated_at: row.at,
        updated_by_name: row.byName,
        example: row.example ? 'yes' : 'no',
      })
      .execute()
    await this.setLinks(db, row.id, input)
  }

  /** Saves an objective if it is still at expectedVersion, with its links; false when someone saved first. */
  async update(
    db: Db,
    id: string,
    input: ObjectiveInput,
    expectedVersion: number,
    at: string,
    byName: string,
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'objectives', id, expectedVersion, {
      parent_id: input.parentId,
      title: input.title,
      description: input.description,
      updated_at: at,
      updated_by_name: byName,
    })
    if (!saved) return false
    await this.setLinks(db, id, input)
    return true
  }

  private async setLinks(db: Db, id: string, input: Pick<ObjectiveInput, 'metricIds' | 'itemIds'>): Promise<void> {
    await db.deleteFrom('objective_key_results').where('objective_id', '=', id).execute()
    await db.deleteFrom('objective_roadmap_items').where('objective_id', '=', id).execute()
    if (input.metricIds.length)
      await db
        .insertInto('objective_key_results')
        .values(input.metricIds.map((metricId, position) => ({ objective_id: id, metric_id: metricId, position })))
        .execute()
    if (input.itemIds.length)
      await db
        .insertInto('objective_roadmap_items')
        .values(input.itemIds.map(itemId => ({ objective_id: id, item_id: itemId })))
        .execute()
  }

  /** Stops the objectives that support this one from pointing at it (each a new version). */
  async unlinkChildren(db: Db, parentId: string, at: string, byName: string): Promise<void> {
    await db
      .updateTable('objectives')
      .set(eb => ({ parent_id: null, updated_at: at, updated_by_name: byName, version: eb('version', '+', 1) }))
      .where('parent_id', '=', parentId)
      .execute()
  }

  async delete(db: Db, id: string): Promise<void> {
    await db.deleteFrom('objectives').where('id', '=', id).execute()
  }

  /** How many objectives the worked example set. */
  async countExamples(db: Db): Promise<number> {
    const row = await db
      .selectFrom('objectives')
      .select(eb => eb.fn.countAll().as('n'))
      .where('example', '=', 'yes')
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /**
   * Deletes the worked example's objectives with their key results, items and history; real
   * objectives that supported one stay, supporting nothing. Returns how many were deleted.
   */
  async deleteExamples(db: Db): Promise<number> {
    await db
      .updateTable('objectives')
      .set({ parent_id: null })
      .where('example', '=', 'no')
      .where('parent_id', 'in', db.selectFrom('objectives').select('id').where('example', '=', 'yes'))
      .execute()
    const result = await db.deleteFrom('objectives').where('example', '=', 'yes').executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  async insertEvent(db: Db, e: ObjectiveEvent & { recordedById: string | null }): Promise<void> {
    await db
      .insertInto('objective_events')
      .values({
        id: e.id,
        objective_id: e.objectiveId,
        title: e.title,
        note: e.note,
        recorded_at: e.recordedAt,
        recorded_by: e.recordedById,
        recorded_by_name: e.recordedByName,
      })
      .execute()
  }

  /** An objective's history, latest first. */
  async events(db: Db, objectiveId: string): Promise<ObjectiveEvent[]> {
    const rows = await db
      .selectFrom('objective_events')
      .selectAll()
      .where('objective_id', '=', objectiveId)
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .execute()
    return rows.map(r => ({
      id: r.id,
      objectiveId: r.objective_id,
      title: r.title,
      note: r.note,
      recordedAt: r.recorded_at,
      recordedByName: r.recorded_by_name,
    }))
  }
}
