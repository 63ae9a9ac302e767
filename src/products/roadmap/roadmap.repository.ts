// The roadmap tables: items and the events of each. The only code that reads or writes them.
import type { Kysely, Selectable } from 'kysely'
import type { Database, RoadmapItemsTable } from '../../db/schema.ts'
import { updateVersioned } from '../../db/versioned.ts'
import type { Column, EventKind, ItemDetails, ItemStatus, RoadmapEvent, RoadmapItem } from './roadmap.types.ts'

type Db = Kysely<Database>
type Joined = Selectable<RoadmapItemsTable> & { metric_name: string | null }

const toItem = (r: Joined): RoadmapItem => ({
  id: r.id,
  productId: r.product_id,
  column: r.column_name as Column,
  position: Number(r.position),
  problem: r.problem,
  outcome: r.outcome,
  metricId: r.metric_id,
  metricName: r.metric_name,
  status: r.status as ItemStatus,
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
  version: Number(r.version),
})

export interface EventRow {
  id: string
  itemId: string
  kind: EventKind
  title: string
  note: string
  recordedAt: string
  recordedById: string | null
  recordedByName: string
}

export class RoadmapRepository {
  private base(db: Db) {
    return db
      .selectFrom('roadmap_items as i')
      .leftJoin('product_metrics as m', 'm.id', 'i.metric_id')
      .selectAll('i')
      .select('m.name as metric_name')
  }

  async find(db: Db, id: string): Promise<RoadmapItem | undefined> {
    const row = await this.base(db).where('i.id', '=', id).executeTakeFirst()
    return row ? toItem(row as Joined) : undefined
  }

  /** Every item of a thing, in column order within each column. */
  async list(db: Db, productId: string): Promise<RoadmapItem[]> {
    const rows = await this.base(db)
      .where('i.product_id', '=', productId)
      .orderBy('i.position')
      .orderBy('i.created_at')
      .execute()
    return rows.map(r => toItem(r as Joined))
  }

  /** Items by id (unknown ids are left out). */
  async findMany(db: Db, ids: readonly string[]): Promise<RoadmapItem[]> {
    if (ids.length === 0) return []
    const rows = await this.base(db)
      .where('i.id', 'in', [...ids])
      .orderBy('i.position')
      .execute()
    return rows.map(r => toItem(r as Joined))
  }

  /** The open items of the given things, in column order. */
  async openFor(db: Db, productIds: readonly string[]): Promise<RoadmapItem[]> {
    if (productIds.length === 0) return []
    const rows = await this.base(db)
      .where('i.product_id', 'in', [...productIds])
      .where('i.status', '=', 'open')
      .orderBy('i.position')
      .orderBy('i.created_at')
      .execute()
    return rows.map(r => toItem(r as Joined))
  }

  /** The open items of one column, in order. */
  async column(db: Db, productId: string, column: Column): Promise<RoadmapItem[]> {
    const rows = await this.base(db)
      .where('i.product_id', '=', productId)
      .where('i.column_name', '=', column)
      .where('i.status', '=', 'open')
      .orderBy('i.position')
      .orderBy('i.created_at')
      .execute()
    return rows.map(r => toItem(r as Joined))
  }

  async insert(
    db: Db,
    row: {
      id: string
      productId: string
      column: Column
      position: number
      details: ItemDetails
      at: string
      byName: string
    },
  ): Promise<void> {
    await db
      .insertInto('roadmap_items')
      .values({
        id: row.id,
        product_id: row.productId,
        column_name: row.column,
        position: row.position,
        problem: row.details.problem,
        outcome: row.details.outcome,
        metric_id: row.details.metricId,
        status: 'open',
        created_at: row.at,
        created_by_name: row.byName,
        updated_at: row.at,
        updated_by_name: row.byName,
      })
      .execute()
  }

  async updateDetails(db: Db, id: string, details: ItemDetails, expectedVersion: number, at: string, byName: string) {
    const saved = await updateVersioned(db, 'roadmap_items', id, expectedVersion, {
      problem: details.problem,
      outcome: details.outcome,
      metric_id: details.metricId,
      updated_at: at,
      updated_by_name: byName,
    })
    return saved !== undefined
  }

  async setPlace(
    db: Db,
    id: string,
    place: { column: Column; position: number },
    expectedVersion: number,
    at: string,
    byName: string,
  ) {
    const saved = await updateVersioned(db, 'roadmap_items', id, expectedVersion, {
      column_name: place.column,
      position: place.position,
      updated_at: at,
      updated_by_name: byName,
    })
    return saved !== undefined
  }

  async setStatus(
    db: Db,
    id: string,
    change: { status: ItemStatus; position?: number },
    expectedVersion: number,
    at: string,
    byName: string,
  ) {
    const saved = await updateVersioned(db, 'roadmap_items', id, expectedVersion, {
      status: change.status,
      ...(change.position === undefined ? {} : { position: change.position }),
      updated_at: at,
      updated_by_name: byName,
    })
    return saved !== undefined
  }

  /** Adds an event after the item's others (call it inside the transaction that changes the item). */
  async insertEvent(db: Db, e: EventRow): Promise<void> {
    const last = await db
      .selectFrom('roadmap_item_events')
      .select(eb => eb.fn.max('seq').as('seq'))
      .where('item_id', '=', e.itemId)
      .executeTakeFirst()
    await db
      .insertInto('roadmap_item_events')
      .values({
        id: e.id,
        item_id: e.itemId,
        seq: Number(last?.seq ?? 0) + 1,
        kind: e.kind,
        title: e.title,
        note: e.note,
        recorded_at: e.recordedAt,
        recorded_by: e.recordedById,
        recorded_by_name: e.recordedByName,
      })
      .execute()
  }

  /** An item's history, newest first. */
  async events(db: Db, itemId: string): Promise<RoadmapEvent[]> {
    const rows = await db
      .selectFrom('roadmap_item_events')
      .selectAll()
      .where('item_id', '=', itemId)
      .orderBy('seq', 'desc')
      .execute()
    return rows.map(r => ({
      id: r.id,
      itemId: r.item_id,
      kind: r.kind as EventKind,
      title: r.title,
      note: r.note,
      recordedAt: r.recorded_at,
      recordedByName: r.recorded_by_name,
    }))
  }
}
