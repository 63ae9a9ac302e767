// The leaders' read model on both engines: every figure of a row read in SQL from the strategy
// tables, scoped to an area or a group, and agreeing with the strategy page's own rules; and the
// leadership team's quarters saved against their version.
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DIALECTS, type TestDb } from '../../test/dialects.ts'
import type { Database } from '../db/schema.ts'
import { newId } from '../platform/ids.ts'
import { targetStatus } from '../products/metrics/metrics.service.ts'
import { PortfolioRepository } from './portfolio.repository.ts'

const AT = '2026-11-24T10:00:00.000Z'
const TODAY = '2026-11-24'
const QUARTER = '2026-Q4'

async function thing(db: Kysely<Database>, name: string, area: string, group: string): Promise<string> {
  const id = newId()
  await db
    .insertInto('products')
    .values({
      id,
      kind: 'service',
      name,
      name_key: name.toLowerCase(),
      purpose: 'For the tests',
      owner_id: null,
      team: '',
      group_name: group,
      area,
      parent_id: null,
      phase: 'beta',
      stage: 'growth',
      created_at: AT,
      created_by_name: 'Tester',
      updated_at: AT,
    })
    .execute()
  return id
}

const stamp = { created_at: AT, created_by_name: 'Tester', updated_at: AT, updated_by_name: 'Tester' }

async function item(db: Kysely<Database>, productId: string, column: string, position: number, status = 'open') {
  const id = newId()
  await db
    .insertInto('roadmap_items')
    .values({
      id,
      product_id: productId,
      column_name: column,
      position,
      problem: `Problem ${column} ${position}`,
      outcome: 'Better',
      metric_id: null,
      status,
      ...stamp,
    })
    .execute()
  return id
}

async function metric(
  db: Kysely<Database>,
  productId: string,
  direction: 'higher' | 'lower',
  target: number | null,
  values: [string, number][],
) {
  const id = newId()
  await db
    .insertInto('product_metrics')
    .values({
      id,
      product_id: productId,
      name: `M ${id}`,
      name_key: `m ${id}`,
      definition: '',
      unit: '',
      direction,
      baseline: null,
      target,
      target_date: null,
      ...stamp,
    })
    .execute()
  for (const [on, value] of values)
    await db
      .insertInto('product_measurements')
      .values({
        id: newId(),
        metric_id: id,
        measured_on: on,
        value,
        note: '',
        recorded_at: AT,
        recorded_by: null,
        recorded_by_name: 'Tester',
      })
      .execute()
}

async function hypothesis(db: Kysely<Database>, productId: string, byDate: string, result: string | null) {
  await db
    .insertInto('hypotheses')
    .values({
      id: newId(),
      product_id: productId,
      change: 'A change',
      audience: 'People',
      outcome: 'Something better',
      metric_id: null,
      target: 1,
      by_date: byDate,
      roadmap_item_id: null,
      result,
      evidence: '',
      decision: null,
      result_at: null,
      result_by_name: null,
      created_at: AT,
      created_by_name: 'Tester',
      updated_at: AT,
    })
    .execute()
}

describe.each(DIALECTS)('portfolio repository on %s', dialect => {
  let testDb: TestDb
  let db: Kysely<Database>
  const repo = new PortfolioRepository()
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
    db = testDb.db.kysely
    ids.renew = await thing(db, 'Renew a licence', 'Licensing', 'Fishing')
    ids.permits = await thing(db, 'Permit checks', 'Licensing', 'Boats')
    ids.grants = await thing(db, 'Apply for a grant', 'Grants', 'Farming')

    // Roadmap: three open in Next (positions 2, 0, 1), one in Now, one done in Next.
    ids.next0 = await item(db, ids.renew, 'next', 0)
    ids.next1 = await item(db, ids.renew, 'next', 1)
    await item(db, ids.renew, 'next', 2)
    await item(db, ids.renew, 'now', 0)
    await item(db, ids.renew, 'next', 3, 'done')
    // Metrics: on target (higher), off target (lower, latest measurement wins), no target, unmeasured.
    await metric(db, ids.renew, 'higher', 80, [
      ['2026-09-30', 70],
      ['2026-10-31', 80],
    ])
    await metric(db, ids.renew, 'lower', 3, [
      ['2026-09-30', 2],
      ['2026-10-31', 4],
    ])
    await metric(db, ids.renew, 'higher', null, [['2026-10-31', 4]])
    await metric(db, ids.renew, 'higher', 10, [])
    // Hypotheses: two waiting (one past its date), one with a result.
    await hypothesis(db, ids.renew, '2026-11-01', null)
    await hypothesis(db, ids.renew, '2027-03-31', null)
    await hypothesis(db, ids.renew, '2026-10-01', 'passed')
    // This quarter's balance for renew, last quarter's for permits.
    for (const [productId, quarter] of [
      [ids.renew, QUARTER],
      [ids.permits, '2026-Q3'],
    ] as const)
      await db
        .insertInto('backlog_quarters')
        .values({
          id: newId(),
          product_id: productId,
          quarter,
          planned_support: 2,
          done_support: 1,
          planned_features: 0,
          done_features: 0,
          planned_debt: 3,
          done_debt: 0,
          planned_innovation: 1,
          done_innovation: 1,
          note: '',
          updated_at: AT,
          updated_by_name: 'Tester',
        })
        .execute()
    // A problem statement and two reviews for renew.
    await db
      .insertInto('strategy_documents')
      .values({
        id: newId(),
        subject: ids.renew,
        kind: 'problem-statement',
        content: '{}',
        version: 1,
        updated_at: AT,
        updated_by: null,
        updated_by_name: 'Tester',
      })
      .execute()
    for (const heldOn of ['2026-06-01', '2026-10-15'])
      await db
        .insertInto('strategy_reviews')
        .values({ id: newId(), product_id: ids.renew, held_on: heldOn, others: '', notes: '', ...stamp })
        .execute()
  })
  afterAll(() => testDb.destroy())

  it('reads every figure of a row from the strategy tables', async () => {
    const rows = await repo.figures(db, { level: 'organisation', area: null, group: null }, TODAY, QUARTER)
    expect(rows.map(r => r.name)).toEqual(['Apply for a grant', 'Permit checks', 'Renew a licence'])
    const renew = rows.find(r => r.id === ids.renew)
    expect(renew?.roadmap).toEqual({
      now: 1,
      next: 3,
      later: 0,
      nextItems: [
        { id: ids.next0, problem: 'Problem next 0' },
        { id: ids.next1, problem: 'Problem next 1' },
      ],
    })
    expect(renew?.metrics).toEqual({ onTarget: 1, offTarget: 1, noTarget: 1, unmeasured: 1 })
    expect(renew?.hypotheses).toEqual({ waiting: 2, overdue: 1 })
    expect(renew?.balance?.features).toEqual({ planned: 0, done: 0 })
    expect(renew?.balance?.debt).toEqual({ planned: 3, done: 0 })
    expect(renew?.problemStatement).toBe(true)
    expect(renew?.lastReviewOn).toBe('2026-10-15')

    const permits = rows.find(r => r.id === ids.permits)
    expect(permits?.balance).toBeNull()
    expect(permits?.problemStatement).toBe(false)
    expect(permits?.lastReviewOn).toBeNull()
    expect(permits?.metrics).toEqual({ onTarget: 0, offTarget: 0, noTarget: 0, unmeasured: 0 })
    expect(permits?.roadmap.nextItems).toEqual([])
  })

  it('counts on and off target exactly as the metrics page does', async () => {
    const productId = await thing(db, 'Edge cases', 'Edges', '')
    const cases: { direction: 'higher' | 'lower'; target: number; value: number }[] = [
      { direction: 'higher', target: 5, value: 5 },
      { direction: 'higher', target: 5, value: 4.99 },
      { direction: 'lower', target: 5, value: 5 },
      { direction: 'lower', target: 5, value: 5.01 },
      { direction: 'lower', target: -1, value: -2 },
    ]
    for (const c of cases) await metric(db, productId, c.direction, c.target, [['2026-11-01', c.value]])
    const [row] = await repo.figures(db, { level: 'area', area: 'Edges', group: null }, TODAY, QUARTER)
    const expected = cases.map(c => targetStatus(c, { value: c.value }))
    expect(row?.metrics.onTarget).toBe(expected.filter(s => s === 'on-target').length)
    expect(row?.metrics.offTarget).toBe(expected.filter(s => s === 'off-target').length)
  })

  it('narrows to an area and to a group', async () => {
    const area = await repo.figures(db, { level: 'area', area: 'Licensing', group: null }, TODAY, QUARTER)
    expect(area.map(r => r.name)).toEqual(['Permit checks', 'Renew a licence'])
    const group = await repo.figures(db, { level: 'group', area: 'Licensing', group: 'Fishing' }, TODAY, QUARTER)
    expect(group.map(r => r.name)).toEqual(['Renew a licence'])
    expect(group[0]?.metrics.offTarget).toBe(1)
    const places = await repo.places(db)
    expect(places).toContainEqual({ area: 'Licensing', group: 'Boats', things: 1 })
  })

  it('saves the leadership team’s quarters against their version', async () => {
    const counts = {
      relationships: { planned: 2, done: 1 },
      products: { planned: 4, done: 3 },
      dysfunction: { planned: 0, done: 0 },
      innovation: { planned: 1, done: 0 },
    }
    await repo.insertQuarter(db, { id: newId(), quarter: QUARTER, counts, note: 'First', at: AT, byName: 'Hana Head' })
    const saved = await repo.findQuarter(db, QUARTER)
    expect(saved?.counts).toEqual(counts)
    expect(saved?.version).toBe(1)
    const changed = { ...counts, dysfunction: { planned: 2, done: 1 } }
    const updated = await repo.updateQuarter(db, saved?.id ?? '', 1, {
      counts: changed,
      note: 'Second',
      at: AT,
      byName: 'Lee Lead',
    })
    expect(updated?.version).toBe(2)
    expect(updated?.counts.dysfunction).toEqual({ planned: 2, done: 1 })
    expect(
      await repo.updateQuarter(db, saved?.id ?? '', 1, { counts, note: 'Stale', at: AT, byName: 'X' }),
    ).toBeUndefined()
    expect((await repo.quarters(db)).map(q => q.note)).toEqual(['Second'])
  })
})
