// The metrics tables: a thing's metrics and their measurements. The only code that reads or
// writes them.
import type { Kysely, Selectable } from 'kysely'
import type { Database, ProductMeasurementsTable, ProductMetricsTable } from '../../db/schema.ts'
import { updateVersioned } from '../../db/versioned.ts'
import type { Direction, Measurement, Metric, MetricDetails } from './metrics.types.ts'

type Db = Kysely<Database>

const num = (v: number | string | null): number | null => (v === null ? null : Number(v))

const toMetric = (r: Selectable<ProductMetricsTable>): Metric => ({
  id: r.id,
  productId: r.product_id,
  name: r.name,
  definition: r.definition,
  unit: r.unit,
  direction: r.direction as Direction,
  baseline: num(r.baseline),
  target: num(r.target),
  targetDate: r.target_date,
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
  version: Number(r.version),
})

const toMeasurement = (r: Selectable<ProductMeasurementsTable>): Measurement => ({
  id: r.id,
  metricId: r.metric_id,
  measuredOn: r.measured_on,
  value: Number(r.value),
  note: r.note,
  recordedAt: r.recorded_at,
  recordedByName: r.recorded_by_name,
})

const columns = (d: MetricDetails) => ({
  name: d.name,
  name_key: d.name.toLowerCase(),
  definition: d.definition,
  unit: d.unit,
  direction: d.direction,
  baseline: d.baseline,
  target: d.target,
  target_date: d.targetDate,
})

export interface MeasurementRow extends Omit<Measurement, 'recordedAt' | 'recordedByName'> {
  recordedAt: string
  recordedById: string | null
  recordedByName: string
}

export class MetricsRepository {
  async find(db: Db, id: string): Promise<Metric | undefined> {
    const row = await db.selectFrom('product_metrics').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toMetric(row) : undefined
  }

  /** A thing's metrics, by name. */
  async list(db: Db, productId: string): Promise<Metric[]> {
    const rows = await db
      .selectFrom('product_metrics')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('name_key')
      .orderBy('id')
      .execute()
    return rows.map(toMetric)
  }

  async insert(
    db: Db,
    row: { id: string; productId: string; details: MetricDetails; at: string; byName: string },
  ): Promise<void> {
    await db
      .insertInto('product_metrics')
      .values({
        id: row.id,
        product_id: row.productId,
        ...columns(row.details),
        created_at: row.at,
        created_by_name: row.byName,
        updated_at: row.at,
        updated_by_name: row.byName,
      })
      .execute()
  }

  /** Saves new details if the metric is still at expectedVersion; false when someone saved first. */
  async update(
    db: Db,
    id: string,
    details: MetricDetails,
    expectedVersion: number,
    at: string,
    byName: string,
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'product_metrics', id, expectedVersion, {
      ...columns(details),
      updated_at: at,
      updated_by_name: byName,
    })
    return saved !== undefined
  }

  /** Adds measurements; a measurement on a date the metric already has replaces it. */
  async upsertMeasurements(db: Db, rows: readonly MeasurementRow[]): Promise<void> {
    for (const r of rows)
      await db
        .insertInto('product_measurements')
        .values({
          id: r.id,
          metric_id: r.metricId,
          measured_on: r.measuredOn,
          value: r.value,
          note: r.note,
          recorded_at: r.recordedAt,
          recorded_by: r.recordedById,
          recorded_by_name: r.recordedByName,
        })
        .onConflict(oc =>
          oc.columns(['metric_id', 'measured_on']).doUpdateSet({
            value: r.value,
            note: r.note,
            recorded_at: r.recordedAt,
            recorded_by: r.recordedById,
            recorded_by_name: r.recordedByName,
          }),
        )
        .execute()
  }

  /** A metric's measurements, oldest first. */
  async measurements(db: Db, metricId: string): Promise<Measurement[]> {
    const rows = await db
      .selectFrom('product_measurements')
      .selectAll()
      .where('metric_id', '=', metricId)
      .orderBy('measured_on')
      .execute()
    return rows.map(toMeasurement)
  }

  /** The latest measurement of each of a thing's metrics that has one. */
  async latest(db: Db, productId: string): Promise<Map<string, Measurement>> {
    const rows = await db
      .selectFrom('product_measurements as m')
      .innerJoin('product_metrics as pm', 'pm.id', 'm.metric_id')
      .selectAll('m')
      .where('pm.product_id', '=', productId)
      .where(eb =>
        eb(
          'm.measured_on',
          '=',
          eb
            .selectFrom('product_measurements as l')
            .select(l => l.fn.max('l.measured_on').as('d'))
            .whereRef('l.metric_id', '=', 'm.metric_id'),
        ),
      )
      .execute()
    return new Map(rows.map(r => [r.metric_id, toMeasurement(r)]))
  }

  /** Metrics by id (unknown ids are left out). */
  async findMany(db: Db, ids: readonly string[]): Promise<Metric[]> {
    if (ids.length === 0) return []
    const rows = await db
      .selectFrom('product_metrics')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute()
    return rows.map(toMetric)
  }

  /** The metrics of the given things, by name. */
  async forThings(db: Db, productIds: readonly string[]): Promise<Metric[]> {
    if (productIds.length === 0) return []
    const rows = await db
      .selectFrom('product_metrics')
      .selectAll()
      .where('product_id', 'in', [...productIds])
      .orderBy('name_key')
      .orderBy('id')
      .execute()
    return rows.map(toMetric)
  }

  /** The first and the latest measurement of each of the given metrics that has any. */
  async ends(db: Db, ids: readonly string[]): Promise<Map<string, { first: Measurement; latest: Measurement }>> {
    if (ids.length === 0) return new Map()
    const edge = (fn: 'min' | 'max') =>
      db
        .selectFrom('product_measurements as m')
        .selectAll('m')
        .where('m.metric_id', 'in', [...ids])
        .where(eb =>
          eb(
            'm.measured_on',
            '=',
            eb
              .selectFrom('product_measurements as l')
              .select(l => (fn === 'min' ? l.fn.min('l.measured_on') : l.fn.max('l.measured_on')).as('d'))
              .whereRef('l.metric_id', '=', 'm.metric_id'),
          ),
        )
        .execute()
    const [firsts, latests] = await Promise.all([edge('min'), edge('max')])
    const latest = new Map(latests.map(r => [r.metric_id, toMeasurement(r)]))
    const out = new Map<string, { first: Measurement; latest: Measurement }>()
    for (const r of firsts) {
      const last = latest.get(r.metric_id)
      if (last) out.set(r.metric_id, { first: toMeasurement(r), latest: last })
    }
    return out
  }
}
