// The facts a thing's strategy flags rest on, read for many things at once: five queries, each one
// pass grouped by thing, whatever the number of things (the home page asks it for every thing a
// person owns). Reads the products capability's own tables: strategy_documents, roadmap_items,
// hypotheses, strategy_reviews and backlog_quarters. The rules are applied by strategyFlagsFrom
// (strategy.ts), the same functions the strategy page's flags use, so the two always agree.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { BalanceQuarter, WorkClass } from './prioritisation/prioritisation.types.ts'
import { COLUMNS } from './roadmap/roadmap.types.ts'

type Db = Kysely<Database>

/** What one thing's flags are worked out from. */
export interface FlagFacts {
  /** Its problem statement is written (its document exists). */
  problemStatement: boolean
  /** Open roadmap items with no metric, in board order. */
  itemsWithoutMetric: { id: string; problem: string }[]
  /** Hypotheses with no result yet, by date. */
  openHypotheses: { id: string; change: string; byDate: string; result: null }[]
  /** The date of its latest strategy review. */
  lastReviewOn: string | null
  /** Every quarter of backlog balance recorded. */
  quarters: BalanceQuarter<WorkClass>[]
}

const n = (v: unknown) => Number(v ?? 0)

export class StrategyRepository {
  async flagFacts(db: Db, productIds: readonly string[]): Promise<Map<string, FlagFacts>> {
    const facts = new Map<string, FlagFacts>(
      productIds.map(id => [
        id,
        { problemStatement: false, itemsWithoutMetric: [], openHypotheses: [], lastReviewOn: null, quarters: [] },
      ]),
    )
    if (productIds.length === 0) return facts
    const ids = [...productIds]
    const [problems, items, hypotheses, reviews, quarters] = await Promise.all([
      db
        .selectFrom('strategy_documents')
        .select('subject')
        .where('kind', '=', 'problem-statement')
        .where('subject', 'in', ids)
        .execute(),
      db
        .selectFrom('roadmap_items')
        .select(['id', 'product_id', 'problem', 'column_name', 'position', 'created_at'])
        .where('product_id', 'in', ids)
        .where('status', '=', 'open')
        .where('metric_id', 'is', null)
        .orderBy('position')
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('hypotheses')
        .select(['id', 'product_id', 'change', 'by_date'])
        .where('product_id', 'in', ids)
        .where('result', 'is', null)
        .orderBy('by_date')
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('strategy_reviews')
        .select(eb => ['product_id', eb.fn.max('held_on').as('last')])
        .where('product_id', 'in', ids)
        .groupBy('product_id')
        .execute(),
      db.selectFrom('backlog_quarters').selectAll().where('product_id', 'in', ids).execute(),
    ])
    for (const r of problems) {
      const f = facts.get(r.subject)
      if (f) f.problemStatement = true
    }
    for (const column of COLUMNS)
      for (const r of items)
        if (r.column_name === column) facts.get(r.product_id)?.itemsWithoutMetric.push({ id: r.id, problem: r.problem })
    for (const r of hypotheses)
      facts.get(r.product_id)?.openHypotheses.push({ id: r.id, change: r.change, byDate: r.by_date, result: null })
    for (const r of reviews) {
      const f = facts.get(r.product_id)
      if (f) f.lastReviewOn = (r.last as string | null) ?? null
    }
    for (const r of quarters)
      facts.get(r.product_id)?.quarters.push({
        quarter: r.quarter,
        counts: {
          support: { planned: n(r.planned_support), done: n(r.done_support) },
          features: { planned: n(r.planned_features), done: n(r.done_features) },
          debt: { planned: n(r.planned_debt), done: n(r.done_debt) },
          innovation: { planned: n(r.planned_innovation), done: n(r.done_innovation) },
        },
      })
    return facts
  }
}
