// Full strategies for the generated catalogue (bench/products.ts), so the organisation view
// (/portfolio/organisation) rolls up real figures: every generated thing gets a roadmap (two
// items in Now, three in Next, one in Later, one done), three metrics with six monthly
// measurements each (some on target, some off), three hypotheses (one with a result, one past its
// date), its backlog balance for this quarter and the last, two strategy reviews (for some, none
// in 90 days) and, for most, a problem statement. Written straight into the database in batches,
// as bench/profession.ts writes the profession: through the services it would take minutes.
import type { Insertable, Kysely } from 'kysely'
import { sql } from 'kysely'
import { loadConfig } from '../src/config.ts'
import { connect, type Db } from '../src/db/connect.ts'
import type { Database } from '../src/db/schema.ts'
import { addDays } from '../src/platform/dates.ts'
import { newId } from '../src/platform/ids.ts'
import { addQuarters, quarterOf } from '../src/products/prioritisation/prioritisation.types.ts'
import { seededRandom } from './generate.ts'

export interface GenerateStrategiesOptions {
  readonly dataDir: string
  readonly sessionSecret: string
  readonly databaseUrl?: string
  /** Today, as the server will see it (YYYY-MM-DD). */
  readonly today: string
  readonly onProgress?: (message: string) => void
}

export interface GeneratedStrategies {
  readonly things: number
  readonly rows: number
  readonly seconds: number
}

const BATCH = 400

async function insertAll<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Insertable<Database[T]>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH)
    // Kysely's insert types are per table; the rows were built for this one.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + BATCH) as never)
      .execute()
}

export async function generateStrategies(options: GenerateStrategiesOptions): Promise<GeneratedStrategies> {
  const started = Date.now()
  const random = seededRandom(20261208)
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: options.sessionSecret,
    DATA_DIR: options.dataDir,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  })
  const db: Db = connect(config.database)
  const kysely = db.kysely
  try {
    // Every generated thing (the worked example's have strategies of their own).
    const things = await kysely
      .selectFrom('products as p')
      .select('p.id')
      .where('p.example', '<>', 'yes')
      .where(eb =>
        eb.not(eb.exists(eb.selectFrom('roadmap_items as r').select('r.id').whereRef('r.product_id', '=', 'p.id'))),
      )
      .orderBy('p.id')
      .execute()
    const at = new Date().toISOString()
    const stamp = { created_at: at, created_by_name: 'Benchmark', updated_at: at, updated_by_name: 'Benchmark' }
    const quarter = quarterOf(options.today)
    const items: Insertable<Database['roadmap_items']>[] = []
    const metrics: Insertable<Database['product_metrics']>[] = []
    const measurements: Insertable<Database['product_measurements']>[] = []
    const hypotheses: Insertable<Database['hypotheses']>[] = []
    const quarters: Insertable<Database['backlog_quarters']>[] = []
    const reviews: Insertable<Database['strategy_reviews']>[] = []
    const documents: Insertable<Database['strategy_documents']>[] = []
    const count = (max: number) => Math.floor(random() * (max + 1))

    for (const { id } of things) {
      const columns = ['now', 'now', 'next', 'next', 'next', 'later'] as const
      columns.forEach((column, position) =>
        items.push({
          id: newId(),
          product_id: id,
          column_name: column,
          position,
          problem: `People cannot finish step ${position + 1} without help`,
          outcome: 'More people finish on their own',
          metric_id: null,
          status: 'open',
          ...stamp,
        }),
      )
      items.push({
        id: newId(),
        product_id: id,
        column_name: 'now',
        position: 9,
        problem: 'Solved already',
        outcome: 'Done',
        metric_id: null,
        status: 'done',
        ...stamp,
      })
      for (let m = 0; m < 3; m++) {
        const metricId = newId()
        const higher = m !== 1
        metrics.push({
          id: metricId,
          product_id: id,
          name: ['User satisfaction', 'Cost per transaction', 'Completion rate'][m] ?? 'Metric',
          name_key: `metric ${m}`,
          definition: 'Generated for the benchmark',
          unit: higher ? '%' : '£',
          direction: higher ? 'higher' : 'lower',
          baseline: 50,
          target: m === 2 && random() < 0.2 ? null : 70,
          target_date: null,
          ...stamp,
        })
        for (let month = 0; month < 6; month++)
          measurements.push({
            id: newId(),
            metric_id: metricId,
            measured_on: addDays(options.today, -30 * (6 - month)),
            value: 50 + Math.round(random() * 40),
            note: '',
            recorded_at: at,
            recorded_by: null,
            recorded_by_name: 'Benchmark',
          })
      }
      for (let h = 0; h < 3; h++)
        hypotheses.push({
          id: newId(),
          product_id: id,
          change: 'a shorter form',
          audience: 'first-time applicants',
          outcome: 'finish without calling',
          metric_id: null,
          target: 70,
          by_date: addDays(options.today, h === 0 ? -20 : 60),
          roadmap_item_id: null,
          result: h === 2 ? 'passed' : null,
          evidence: '',
          decision: null,
          result_at: null,
          result_by_name: null,
          created_at: at,
          created_by_name: 'Benchmark',
          updated_at: at,
        })
      for (const q of [addQuarters(quarter, -1), quarter])
        quarters.push({
          id: newId(),
          product_id: id,
          quarter: q,
          planned_support: count(4),
          done_support: count(3),
          planned_features: 1 + count(5),
          done_features: count(4),
          planned_debt: count(3),
          done_debt: count(2),
          planned_innovation: count(2),
          done_innovation: count(1),
          note: '',
          updated_at: at,
          updated_by_name: 'Benchmark',
        })
      const recent = random() < 0.7
      for (const daysAgo of recent ? [150, 30] : [200, 120])
        reviews.push({
          id: newId(),
          product_id: id,
          held_on: addDays(options.today, -daysAgo),
          others: 'The team',
          notes: 'Looked at the roadmap and the metrics.',
          ...stamp,
        })
      if (random() < 0.8)
        documents.push({
          id: newId(),
          subject: id,
          kind: 'problem-statement',
          content: JSON.stringify({
            problem: 'People struggle to get this done online.',
            who: 'Applicants',
            impact: 'Calls and delays',
            evidence: 'Support contacts',
          }),
          version: 1,
          updated_at: at,
          updated_by: null,
          updated_by_name: 'Benchmark',
        })
    }

    await kysely.transaction().execute(async trx => {
      await insertAll(trx, 'roadmap_items', items)
      await insertAll(trx, 'product_metrics', metrics)
      await insertAll(trx, 'product_measurements', measurements)
      await insertAll(trx, 'hypotheses', hypotheses)
      await insertAll(trx, 'backlog_quarters', quarters)
      await insertAll(trx, 'strategy_reviews', reviews)
      await insertAll(trx, 'strategy_documents', documents)
    })
    await sql`analyze`.execute(kysely)
    const rows =
      items.length +
      metrics.length +
      measurements.length +
      hypotheses.length +
      quarters.length +
      reviews.length +
      documents.length
    options.onProgress?.(`${things.length} strategies, ${rows} rows`)
    return { things: things.length, rows, seconds: (Date.now() - started) / 1000 }
  } finally {
    await db.close()
  }
}
