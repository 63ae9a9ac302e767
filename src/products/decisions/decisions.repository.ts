// The decisions table: the only code that reads or writes it.
import type { Kysely, Selectable } from 'kysely'
import type { Database, ProductDecisionsTable } from '../../db/schema.ts'
import { updateVersioned } from '../../db/versioned.ts'
import type { Confidence, Decision, DecisionInput, Outcome } from './decisions.types.ts'

type Db = Kysely<Database>
type Row = Selectable<ProductDecisionsTable> & { revisited_by_id: string | null }

const toDecision = (r: Row): Decision => ({
  id: r.id,
  productId: r.product_id,
  title: r.title,
  proposal: r.proposal,
  assumptions: r.assumptions,
  confidence: r.confidence as Confidence,
  expectedValue: r.expected_value,
  outcome: r.outcome as Outcome,
  reasoning: r.reasoning,
  decidedOn: r.decided_on,
  optionId: r.option_id,
  optionTitle: null,
  revisitsId: r.revisits_id,
  revisitedById: r.revisited_by_id,
  whatChanged: r.what_changed,
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
  version: Number(r.version),
})

const columns = (input: DecisionInput) => ({
  title: input.title,
  proposal: input.proposal,
  assumptions: input.assumptions,
  confidence: input.confidence,
  expected_value: input.expectedValue,
  outcome: input.outcome,
  reasoning: input.reasoning,
  decided_on: input.decidedOn,
  option_id: input.optionId,
})

export class DecisionsRepository {
  private base(db: Db) {
    return db
      .selectFrom('product_decisions as d')
      .leftJoin('product_decisions as later', 'later.revisits_id', 'd.id')
      .selectAll('d')
      .select('later.id as revisited_by_id')
  }

  /** A thing's decisions, latest first. */
  async list(db: Db, productId: string): Promise<Decision[]> {
    const rows = await this.base(db)
      .where('d.product_id', '=', productId)
      .orderBy('d.decided_on', 'desc')
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id')
      .execute()
    return rows.map(r => toDecision(r as Row))
  }

  async find(db: Db, productId: string, id: string): Promise<Decision | undefined> {
    const row = await this.base(db).where('d.product_id', '=', productId).where('d.id', '=', id).executeTakeFirst()
    return row ? toDecision(row as Row) : undefined
  }

  async insert(
    db: Db,
    row: DecisionInput & {
      id: string
      productId: string
      revisitsId: string | null
      whatChanged: string
      at: string
      byId: string | null
      byName: string
    },
  ): Promise<void> {
    await db
      .insertInto('product_decisions')
      .values({
        id: row.id,
        product_id: row.productId,
        ...columns(row),
        revisits_id: row.revisitsId,
        what_changed: row.whatChanged,
        created_at: row.at,
        created_by: row.byId,
        created_by_name: row.byName,
        updated_at: row.at,
        updated_by_name: row.byName,
      })
      .execute()
  }

  /** Saves a decision if it is still at expectedVersion; false when someone saved first. */
  async update(
    db: Db,
    id: string,
    expectedVersion: number,
    input: DecisionInput & { whatChanged: string; at: string; byName: string },
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'product_decisions', id, expectedVersion, {
      ...columns(input),
      what_changed: input.whatChanged,
      updated_at: input.at,
      updated_by_name: input.byName,
    })
    return saved !== undefined
  }
}
