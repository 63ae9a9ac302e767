// The strategy parts' tables on both engines: metrics and measurements, roadmap items and their
// events, and hypotheses, each read back as written, with versioned saves refusing a stale
// version and a thing's removal taking its parts with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, DIALECTS, type TestDb } from '../../test/dialects.ts'
import type { Database } from '../db/schema.ts'
import type { Kysely } from 'kysely'
import { newId } from '../platform/ids.ts'
import { HypothesesRepository } from './hypotheses/hypotheses.repository.ts'
import { ProductsRepository } from './products.repository.ts'
import { RoadmapRepository } from './roadmap/roadmap.repository.ts'
import { MetricsRepository } from './metrics/metrics.repository.ts'
import type { MetricDetails } from './metrics/metrics.types.ts'

/** The value, which the test knows is there. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('Expected a value')
  return value
}

const AT = '2026-11-24T10:00:00.000Z'

async function insertProduct(db: Kysely<Database>, name: string, repo = new ProductsRepository()): Promise<string> {
  const id = newId()
  await repo.insert(db, {
    id,
    kind: 'service',
    name,
    purpose: 'For the tests',
    ownerId: null,
    team: '',
    group: '',
    area: '',
    parentId: null,
    phase: 'beta',
    stage: 'growth',
    example: false,
    createdAt: AT,
    createdByName: 'Tester',
    updatedAt: AT,
  })
  return id
}

const details = (overrides: Partial<MetricDetails> = {}): MetricDetails => ({
  name: 'Cost per transaction',
  definition: 'Cost over transactions',
  unit: '£',
  direction: 'lower',
  baseline: 4.35,
  target: 1234567.89,
  targetDate: '2027-03-31',
  ...overrides,
})

describe.each(DIALECTS)('strategy parts repositories on %s', dialect => {
  let testDb: TestDb
  let db: Kysely<Database>
  const metrics = new MetricsRepository()
  const roadmap = new RoadmapRepository()
  const hypotheses = new HypothesesRepository()
  let productId: string

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
    db = testDb.db.kysely
    productId = await insertProduct(db, 'Pay a fine')
  })
  afterAll(() => testDb.destroy())

  it('keeps a metric’s numbers exactly, lists by name and saves only at the version opened', async () => {
    const id = newId()
    await metrics.insert(db, { id, productId, details: details(), at: AT, byName: 'Tester' })
    await metrics.insert(db, {
      id: newId(),
      productId,
      details: details({ name: 'all done rate', baseline: null, target: null, targetDate: null }),
      at: AT,
      byName: 'Tester',
    })
    const metric = await metrics.find(db, id)
    expect(metric).toMatchObject({ baseline: 4.35, target: 1234567.89, direction: 'lower', version: 1 })
    expect((await metrics.list(db, productId)).map(m => m.name)).toEqual(['all done rate', 'Cost per transaction'])
    expect(await metrics.update(db, id, details({ target: 3 }), 1, AT, 'Someone')).toBe(true)
    expect(await metrics.update(db, id, details({ target: 2 }), 1, AT, 'Someone else')).toBe(false)
    expect(await metrics.find(db, id)).toMatchObject({ target: 3, version: 2, updatedByName: 'Someone' })
  })

  it('replaces a measurement on a date it already has, and finds each metric’s latest', async () => {
    const [a, b] = await metrics.list(db, productId)
    const row = (metricId: string, measuredOn: string, value: number) => ({
      id: newId(),
      metricId,
      measuredOn,
      value,
      note: '',
      recordedAt: AT,
      recordedById: null,
      recordedByName: 'Tester',
    })
    await metrics.upsertMeasurements(db, [
      row(must(a).id, '2026-09-30', 70.5),
      row(must(a).id, '2026-10-31', 71),
      row(must(b).id, '2026-08-31', 4.1),
    ])
    await metrics.upsertMeasurements(db, [{ ...row(must(a).id, '2026-10-31', 72.25), note: 'Corrected' }])
    expect((await metrics.measurements(db, must(a).id)).map(m => [m.measuredOn, m.value, m.note])).toEqual([
      ['2026-09-30', 70.5, ''],
      ['2026-10-31', 72.25, 'Corrected'],
    ])
    const latest = await metrics.latest(db, productId)
    expect(latest.get(must(a).id)?.value).toBe(72.25)
    expect(latest.get(must(b).id)?.measuredOn).toBe('2026-08-31')
  })

  it('keeps roadmap items in position order with the metric’s name, and events newest first', async () => {
    const [metric] = await metrics.list(db, productId)
    const add = async (problem: string, position: number, metricId: string | null = null) => {
      const id = newId()
      await roadmap.insert(db, {
        id,
        productId,
        column: 'next',
        position,
        details: { problem, outcome: 'Better', metricId },
        at: AT,
        byName: 'Tester',
      })
      return id
    }
    const second = await add('Second', 2)
    const first = await add('First', 1.5, must(metric).id)
    expect((await roadmap.column(db, productId, 'next')).map(i => [i.problem, i.metricName])).toEqual([
      ['First', 'all done rate'],
      ['Second', null],
    ])
    expect(await roadmap.setPlace(db, second, { column: 'now', position: 1 }, 1, AT, 'Mover')).toBe(true)
    expect(await roadmap.setPlace(db, second, { column: 'later', position: 1 }, 1, AT, 'Mover')).toBe(false)
    expect(await roadmap.setStatus(db, first, { status: 'dropped' }, 1, AT, 'Dropper')).toBe(true)
    expect(await roadmap.column(db, productId, 'next')).toEqual([])
    for (const title of ['Added', 'Moved', 'Dropped'])
      await roadmap.insertEvent(db, {
        id: newId(),
        itemId: first,
        kind: 'changed',
        title,
        note: '',
        recordedAt: AT,
        recordedById: null,
        recordedByName: 'Tester',
      })
    expect((await roadmap.events(db, first)).map(e => e.title)).toEqual(['Dropped', 'Moved', 'Added'])
  })

  it('reads a hypothesis with its metric and roadmap item, and records a result at the version opened', async () => {
    const [metric] = await metrics.list(db, productId)
    const [item] = await roadmap.list(db, productId)
    const id = newId()
    await hypotheses.insert(db, {
      id,
      productId,
      details: {
        change: 'a reminder',
        audience: 'payers',
        outcome: 'fewer late payments',
        metricId: must(metric).id,
        target: 0.75,
        byDate: '2027-01-31',
        roadmapItemId: must(item).id,
      },
      at: AT,
      byName: 'Tester',
    })
    expect(await hypotheses.find(db, id)).toMatchObject({
      metricName: must(metric).name,
      metricUnit: must(metric).unit,
      roadmapItemProblem: must(item).problem,
      target: 0.75,
      result: null,
    })
    const result = { result: 'failed' as const, evidence: 'No change', decision: 'drop' as const, decisionNote: '' }
    expect(await hypotheses.recordResult(db, id, result, 1, AT, 'Judge')).toBe(true)
    expect(await hypotheses.recordResult(db, id, result, 1, AT, 'Judge')).toBe(false)
    expect(await hypotheses.find(db, id)).toMatchObject({ result: 'failed', decision: 'drop', resultByName: 'Judge' })
  })

  it('removes a thing’s metrics, roadmap and hypotheses with it', async () => {
    const other = await insertProduct(db, 'Gone soon')
    const id = newId()
    await metrics.insert(db, { id, productId: other, details: details(), at: AT, byName: 'Tester' })
    await new ProductsRepository().delete(db, other)
    expect(await metrics.find(db, id)).toBeUndefined()
    expect(await metrics.list(db, productId)).toHaveLength(2)
  })

  it('gives the catalogue a new version whenever a thing is added, saved, moved or removed', async () => {
    const things = new ProductsRepository()
    const before = await things.catalogueVersion(db)
    const versions = new Set([before])
    const seen = async () => {
      const version = await things.catalogueVersion(db)
      expect(versions.has(version)).toBe(false)
      versions.add(version)
    }
    // All at one instant, as in a fast burst of saves: updated_at alone would not move.
    const id = await insertProduct(db, 'Versioned', things)
    await seen()
    const changes = {
      kind: 'service' as const,
      name: 'Versioned again',
      purpose: 'For the tests',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      updatedAt: AT,
    }
    expect(await things.update(db, id, changes, 1)).toBe(true)
    await seen()
    expect(await things.setPosition(db, id, 'phase', 'live', 2, AT)).toBe(true)
    await seen()
    // Removing the thing takes the catalogue back to what it was before the thing was added.
    await things.delete(db, id)
    expect(await things.catalogueVersion(db)).toBe(before)
  })
})
