// The hypotheses table. The only code that reads or writes it.
import type { Kysely, Selectable } from 'kysely'
import type { Database, HypothesesTable } from '../../db/schema.ts'
import { updateVersioned } from '../../db/versioned.ts'
import type { Decision } from '../roadmap/roadmap.types.ts'
import type { Hypothesis, HypothesisDetails, Result, ResultInput } from './hypotheses.types.ts'

type Db = Kysely<Database>
type Joined = Selectable<HypothesesTable> & {
  metric_name: string | null
  metric_unit: string | null
  item_problem: string | null
}

const toHypothesis = (r: Joined): Hypothesis => ({
  id: r.id,
  productId: r.product_id,
  change: r.change,
  audience: r.audience,
  outcome: r.outcome,
  metricId: r.metric_id,
  metricName: r.metric_name,
  metricUnit: r.metric_unit ?? '',
  target: Number(r.target),
  byDate: r.by_date,
  roadmapItemId: r.roadmap_item_id,
  roadmapItemProblem: r.item_problem,
  result: r.result as Result | null,
  evidence: r.evidence,
  decision: r.decision as Decision | null,
  resultAt: r.result_at,
  resultByName: r.result_by_name,
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  version: Number(r.version),
})

const columns = (d: HypothesisDetails) => ({
  change: d.change,
  audience: d.audience,
  outcome: d.outcome,
  metric_id: d.metricId,
  target: d.target,
  by_date: d.byDate,
  roadmap_item_id: d.roadmapItemId,
})

export class HypothesesRepository {
  private base(db: Db) {
    return db
      .selectFrom('hypotheses as h')
      .leftJoin('product_metrics as m', 'm.id', 'h.metric_id')
      .leftJoin('roadmap_items as i', 'i.id', 'h.roadmap_item_id')
      .selectAll('h')
      .select(['m.name as metric_name', 'm.unit as metric_unit', 'i.problem as item_problem'])
  }

  async find(db: Db, id: string): Promise<Hypothesis | undefined> {
    const row = await this.base(db).where('h.id', '=', id).executeTakeFirst()
    return row ? toHypothesis(row as Joined) : undefined
  }

  /** A thing's hypotheses, soonest date first. */
  async list(db: Db, productId: string): Promise<Hypothesis[]> {
    const rows = await this.base(db)
      .where('h.product_id', '=', productId)
      .orderBy('h.by_date')
      .orderBy('h.created_at')
      .execute()
    return rows.map(r => toHypothesis(r as Joined))
  }

  async insert(
    db: Db,
    row: { id: string; productId: string; details: HypothesisDetails; at: string; byName: string },
  ): Promise<void> {
    await db
      .insertInto('hypotheses')
      .values({
        id: row.id,
        product_id: row.productId,
        ...columns(row.details),
        result: null,
        evidence: '',
        decision: null,
        result_at: null,
        result_by_name: null,
        created_at: row.at,
        created_by_name: row.byName,
        updated_at: row.at,
      })
      .execute()
  }

  /** Saves new details if it is still at expectedVersion and has no result; false otherwise. */
  async update(db: Db, id: string, details: HypothesisDetails, expectedVersion: number, at: string) {
    const saved = await updateVersioned(db, 'hypotheses', id, expectedVersion, { ...columns(details), updated_at: at })
    return saved !== undefined
  }

  /** Records the result if it is still at expectedVersion; false when someone saved first. */
  async recordResult(db: Db, id: string, input: ResultInput, expectedVersion: number, at: string, byName: string) {
    const saved = await updateVersioned(db, 'hypotheses', id, expectedVersion, {
      result: input.result,
      evidence: input.evidence,
      decision: input.decision,
      result_at: at,
      result_by_name: byName,
      updated_at: at,
    })
    return saved !== undefined
  }
}
