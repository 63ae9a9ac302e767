// The portfolio's tables (portfolio_quarters, which only this repository writes) and the leaders'
// read model over the strategies. The figures of the leaders' views are aggregates over every
// thing in a scope, so they are read here in SQL, one query per figure grouped by thing, straight
// from products, roadmap_items, product_metrics, product_measurements, hypotheses,
// backlog_quarters, strategy_documents and strategy_reviews. Those tables belong to the products
// capability; this repository only ever reads them (no insert, update or delete), as the
// profession's read model reads the people's tables. Loading each strategy through
// StrategyService would cost a dozen queries a thing.
//
// Definitions shared with the products capability, and tested against its rules:
// - a metric is on target when its latest measurement (by date; one a day) meets its target in its
//   direction, at or above when higher is better, at or below when lower is better
//   (metrics.service.ts, targetStatus);
// - a hypothesis waits for a result while its result is null, and is overdue once its date has
//   passed (hypotheses.service.ts, isOverdue);
// - a problem statement is written once its document exists (documents are created at version 1).
import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely'
import { sql } from 'kysely'
import type { Database, PortfolioQuartersTable } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'
import type { WorkClass } from '../products/prioritisation/prioritisation.types.ts'
import type { Phase, ProductKind, Stage } from '../products/products.types.ts'
import {
  PORTFOLIO_CLASSES,
  type NextItem,
  type PortfolioCounts,
  type PortfolioQuarter,
  type Scope,
} from './portfolio.types.ts'

type Db = Kysely<Database>

/** How many items of Next each row shows. */
export const NEXT_ITEMS_SHOWN = 2

/** A thing's facts and raw figures, before the rules of the strategy page are applied. */
export interface ThingRecord {
  id: string
  name: string
  kind: ProductKind
  phase: Phase
  stage: Stage
  area: string
  group: string
  ownerName: string | null
  roadmap: { now: number; next: number; later: number; nextItems: NextItem[] }
  metrics: { onTarget: number; offTarget: number; noTarget: number; unmeasured: number }
  hypotheses: { waiting: number; overdue: number }
  /** This quarter's backlog counts, or null when not recorded. */
  balance: Record<WorkClass, { planned: number; done: number }> | null
  problemStatement: boolean
  lastReviewOn: string | null
}

const toQuarter = (r: Selectable<PortfolioQuartersTable>): PortfolioQuarter => ({
  id: r.id,
  quarter: r.quarter,
  counts: Object.fromEntries(
    PORTFOLIO_CLASSES.map(c => [c, { planned: Number(r[`planned_${c}`]), done: Number(r[`done_${c}`]) }]),
  ) as PortfolioCounts,
  note: r.note,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
  version: Number(r.version),
})

const countsColumns = (counts: PortfolioCounts) =>
  Object.fromEntries(
    PORTFOLIO_CLASSES.flatMap(c => [
      [`planned_${c}`, counts[c].planned],
      [`done_${c}`, counts[c].done],
    ]),
  ) as Pick<
    PortfolioQuartersTable,
    `planned_${(typeof PORTFOLIO_CLASSES)[number]}` | `done_${(typeof PORTFOLIO_CLASSES)[number]}`
  >

const n = (v: unknown) => Number(v ?? 0)

export class PortfolioRepository {
  /**
   * Every thing in the scope with its figures: eight queries, each one pass over an index,
   * whatever the number of things.
   */
  async figures(db: Db, scope: Scope, today: string, quarter: string): Promise<ThingRecord[]> {
    // Narrows a query joined to products (as p) to the scope; the values are parameters. Only
    // things: an area's or the organisation's own strategy record is not a row of the views.
    const inScope = <DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>) => {
      let out = q.where(sql<boolean>`p.scope = ${'thing'}`)
      if (scope.area !== null) out = out.where(sql<boolean>`p.area = ${scope.area}`)
      if (scope.group !== null) out = out.where(sql<boolean>`p.group_name = ${scope.group}`)
      return out
    }

    const [things, columns, next, metrics, hypotheses, balance, problems, reviews] = await Promise.all([
      inScope(
        db
          .selectFrom('products as p')
          .leftJoin('users as o', 'o.id', 'p.owner_id')
          .select([
            'p.id',
            'p.name',
            'p.name_key',
            'p.kind',
            'p.phase',
            'p.stage',
            'p.area',
            'p.group_name',
            'o.name as owner_name',
          ]),
      )
        .orderBy('p.name_key')
        .orderBy('p.id')
        .execute(),
      inScope(
        db
          .selectFrom('roadmap_items as r')
          .innerJoin('products as p', 'p.id', 'r.product_id')
          .where('r.status', '=', 'open')
          .select(eb => ['r.product_id', 'r.column_name', eb.fn.countAll<number>().as('n')])
          .groupBy(['r.product_id', 'r.column_name']),
      ).execute(),
      db
        .selectFrom(
          inScope(
            db
              .selectFrom('roadmap_items as r')
              .innerJoin('products as p', 'p.id', 'r.product_id')
              .where('r.status', '=', 'open')
              .where('r.column_name', '=', 'next')
              .select(eb => [
                'r.id',
                'r.product_id',
                'r.problem',
                'r.position',
                eb.fn
                  .agg<number>('row_number')
                  .over(ob => ob.partitionBy('r.product_id').orderBy('r.position').orderBy('r.id'))
                  .as('rank'),
              ]),
          ).as('ranked'),
        )
        .selectAll()
        .where('ranked.rank', '<=', NEXT_ITEMS_SHOWN)
        .orderBy('ranked.product_id')
        .orderBy('ranked.rank')
        .execute(),
      inScope(
        db
          .selectFrom('product_metrics as m')
          .innerJoin('products as p', 'p.id', 'm.product_id')
          .leftJoin('product_measurements as v', join =>
            join.onRef('v.metric_id', '=', 'm.id').on(eb =>
              eb(
                'v.measured_on',
                '=',
                eb
                  .selectFrom('product_measurements as latest')
                  .whereRef('latest.metric_id', '=', 'm.id')
                  .select(e => e.fn.max('latest.measured_on').as('d')),
              ),
            ),
          )
          .select(eb => {
            const met = eb.or([
              eb.and([eb('m.direction', '=', 'higher'), eb('v.value', '>=', eb.ref('m.target'))]),
              eb.and([eb('m.direction', '=', 'lower'), eb('v.value', '<=', eb.ref('m.target'))]),
            ])
            const count = (when: ReturnType<typeof eb.and>) =>
              eb.fn.sum<number>(eb.case().when(when).then(1).else(0).end())
            return [
              'm.product_id',
              count(eb.and([eb('m.target', 'is not', null), eb('v.value', 'is not', null), met])).as('on_target'),
              count(eb.and([eb('m.target', 'is not', null), eb('v.value', 'is not', null), eb.not(met)])).as(
                'off_target',
              ),
              count(eb.and([eb('m.target', 'is', null)])).as('no_target'),
              count(eb.and([eb('m.target', 'is not', null), eb('v.value', 'is', null)])).as('unmeasured'),
            ]
          })
          .groupBy('m.product_id'),
      ).execute(),
      inScope(
        db
          .selectFrom('hypotheses as h')
          .innerJoin('products as p', 'p.id', 'h.product_id')
          .where('h.result', 'is', null)
          .select(eb => [
            'h.product_id',
            eb.fn.countAll<number>().as('waiting'),
            eb.fn.sum<number>(eb.case().when('h.by_date', '<', today).then(1).else(0).end()).as('overdue'),
          ])
          .groupBy('h.product_id'),
      ).execute(),
      inScope(
        db
          .selectFrom('backlog_quarters as b')
          .innerJoin('products as p', 'p.id', 'b.product_id')
          .where('b.quarter', '=', quarter)
          .select([
            'b.product_id',
            'b.planned_support',
            'b.done_support',
            'b.planned_features',
            'b.done_features',
            'b.planned_debt',
            'b.done_debt',
            'b.planned_innovation',
            'b.done_innovation',
          ]),
      ).execute(),
      inScope(
        db
          .selectFrom('strategy_documents as d')
          .innerJoin('products as p', 'p.id', 'd.subject')
          .where('d.kind', '=', 'problem-statement')
          .select('d.subject'),
      ).execute(),
      inScope(
        db
          .selectFrom('strategy_reviews as s')
          .innerJoin('products as p', 'p.id', 's.product_id')
          .select(eb => ['s.product_id', eb.fn.max('s.held_on').as('last')])
          .groupBy('s.product_id'),
      ).execute(),
    ])

    const byProduct = <R extends { product_id: string }>(rows: readonly R[]) =>
      new Map(rows.map(r => [r.product_id, r]))
    const column = new Map<string, { now: number; next: number; later: number }>()
    for (const r of columns) {
      const entry = column.get(r.product_id) ?? { now: 0, next: 0, later: 0 }
      if (r.column_name === 'now' || r.column_name === 'next' || r.column_name === 'later')
        entry[r.column_name] = n(r.n)
      column.set(r.product_id, entry)
    }
    const nextItems = new Map<string, NextItem[]>()
    for (const r of next) {
      const list = nextItems.get(r.product_id) ?? []
      list.push({ id: r.id, problem: r.problem })
      nextItems.set(r.product_id, list)
    }
    const metricRows = byProduct(metrics)
    const hypothesisRows = byProduct(hypotheses)
    const balanceRows = byProduct(balance)
    const written = new Set(problems.map(r => r.subject))
    const reviewRows = byProduct(reviews)

    return things.map(t => {
      const m = metricRows.get(t.id)
      const h = hypothesisRows.get(t.id)
      const b = balanceRows.get(t.id)
      return {
        id: t.id,
        name: t.name,
        kind: t.kind as ProductKind,
        phase: t.phase as Phase,
        stage: t.stage as Stage,
        area: t.area,
        group: t.group_name,
        ownerName: t.owner_name,
        roadmap: { ...(column.get(t.id) ?? { now: 0, next: 0, later: 0 }), nextItems: nextItems.get(t.id) ?? [] },
        metrics: {
          onTarget: n(m?.on_target),
          offTarget: n(m?.off_target),
          noTarget: n(m?.no_target),
          unmeasured: n(m?.unmeasured),
        },
        hypotheses: { waiting: n(h?.waiting), overdue: n(h?.overdue) },
        balance: b
          ? {
              support: { planned: n(b.planned_support), done: n(b.done_support) },
              features: { planned: n(b.planned_features), done: n(b.done_features) },
              debt: { planned: n(b.planned_debt), done: n(b.done_debt) },
              innovation: { planned: n(b.planned_innovation), done: n(b.done_innovation) },
            }
          : null,
        problemStatement: written.has(t.id),
        lastReviewOn: (reviewRows.get(t.id)?.last as string | null | undefined) ?? null,
      }
    })
  }

  /** The areas and groups things are in: what the views can be narrowed to. */
  async places(db: Db): Promise<{ area: string; group: string; things: number }[]> {
    const rows = await db
      .selectFrom('products')
      .select(eb => ['area', 'group_name', eb.fn.countAll<number>().as('n')])
      .where('scope', '=', 'thing')
      .groupBy(['area', 'group_name'])
      .orderBy('area')
      .orderBy('group_name')
      .execute()
    return rows.map(r => ({ area: r.area, group: r.group_name, things: n(r.n) }))
  }

  // ---- The leadership team's balance ----

  /** Every quarter recorded, latest first. */
  async quarters(db: Db): Promise<PortfolioQuarter[]> {
    const rows = await db.selectFrom('portfolio_quarters').selectAll().orderBy('quarter', 'desc').execute()
    return rows.map(toQuarter)
  }

  async findQuarter(db: Db, quarter: string): Promise<PortfolioQuarter | undefined> {
    const row = await db.selectFrom('portfolio_quarters').selectAll().where('quarter', '=', quarter).executeTakeFirst()
    return row ? toQuarter(row) : undefined
  }

  async insertQuarter(
    db: Db,
    row: {
      id: string
      quarter: string
      counts: PortfolioCounts
      note: string
      at: string
      byName: string
      example?: boolean
    },
  ): Promise<void> {
    await db
      .insertInto('portfolio_quarters')
      .values({
        id: row.id,
        quarter: row.quarter,
        ...countsColumns(row.counts),
        note: row.note,
        updated_at: row.at,
        updated_by_name: row.byName,
        version: 1,
        example: row.example ? 'yes' : 'no',
      })
      .execute()
  }

  /**
   * Saves a quarter if it is still at expectedVersion: the saved quarter, or undefined. A quarter
   * the worked example recorded becomes the leadership team's own once someone saves it, so
   * removing the example never takes a record someone has made theirs.
   */
  async updateQuarter(
    db: Db,
    id: string,
    expectedVersion: number,
    change: { counts: PortfolioCounts; note: string; at: string; byName: string },
  ): Promise<PortfolioQuarter | undefined> {
    const saved = await updateVersioned(db, 'portfolio_quarters', id, expectedVersion, {
      ...countsColumns(change.counts),
      note: change.note,
      updated_at: change.at,
      updated_by_name: change.byName,
      example: 'no',
    })
    return saved ? toQuarter(saved) : undefined
  }

  /** How many quarters the worked example recorded (and nobody has saved since). */
  async countExamples(db: Db): Promise<number> {
    const row = await db
      .selectFrom('portfolio_quarters')
      .select(eb => eb.fn.countAll().as('n'))
      .where('example', '=', 'yes')
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async deleteExamples(db: Db): Promise<number> {
    const result = await db.deleteFrom('portfolio_quarters').where('example', '=', 'yes').executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
