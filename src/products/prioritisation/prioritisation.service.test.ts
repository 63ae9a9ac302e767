// Prioritisation's arithmetic (RICE, weighted totals, quadrants, quarters and starved classes),
// and the service on both engines: scoring, criteria, the backlog's balance and stale saves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../../test/build-test-services.ts'
import { DIALECTS } from '../../../test/dialects.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'
import { StaleVersionError, ValidationError } from '../../platform/errors.ts'
import type { Product } from '../products.types.ts'
import {
  addQuarters,
  currentStarvedRuns,
  quadrantOf,
  quarterOf,
  riceScore,
  starvedRuns,
  weightedMaximum,
  weightedTotal,
  type ClassCounts,
} from './prioritisation.types.ts'

const counts = (over: Partial<Record<keyof ClassCounts, [number, number]>> = {}): ClassCounts => {
  const all = { support: [2, 2], features: [3, 3], debt: [1, 1], innovation: [1, 1], ...over }
  return Object.fromEntries(Object.entries(all).map(([k, [planned, done]]) => [k, { planned, done }])) as ClassCounts
}

describe('prioritisation arithmetic', () => {
  it('scores RICE as reach × impact × confidence ÷ effort', () => {
    expect(riceScore({ reach: 1000, impact: 1, confidence: 80, effort: 2 })).toBe(400)
    expect(riceScore({ reach: 5000, impact: 0.5, confidence: 50, effort: 1 })).toBe(1250)
    expect(riceScore({ reach: 300, impact: 3, confidence: 100, effort: 0.5 })).toBe(1800)
    expect(riceScore({ reach: 0, impact: 3, confidence: 100, effort: 1 })).toBe(0)
  })

  it('totals weighted scores over the criteria, ignoring scores for criteria that have gone', () => {
    const criteria = [
      { id: 'a', name: 'Value', weight: 3 },
      { id: 'b', name: 'Cost', weight: 1 },
    ]
    expect(weightedTotal({ a: 4, b: 2 }, criteria)).toBe(14)
    expect(weightedTotal({ a: 5, b: 1, gone: 5 }, criteria)).toBe(16)
    expect(weightedTotal({ a: 5 }, criteria)).toBe(15)
    expect(weightedMaximum(criteria)).toBe(20)
  })

  it('puts scores of 3 or more on the high side of the matrix', () => {
    expect(quadrantOf(5, 1)).toBe('quick-win')
    expect(quadrantOf(3, 3)).toBe('big-bet')
    expect(quadrantOf(2, 2)).toBe('fill-in')
    expect(quadrantOf(1, 5)).toBe('money-pit')
  })

  it('counts calendar quarters across the turn of the year', () => {
    expect(quarterOf('2026-11-24')).toBe('2026-Q4')
    expect(quarterOf('2027-01-01')).toBe('2027-Q1')
    expect(quarterOf('2026-03-31')).toBe('2026-Q1')
    expect(addQuarters('2027-Q1', -1)).toBe('2026-Q4')
    expect(addQuarters('2026-Q4', 1)).toBe('2027-Q1')
    expect(addQuarters('2026-Q2', -6)).toBe('2024-Q4')
  })

  it('finds a class starved two quarters running, across the turn of the year, and not across a gap', () => {
    const q = (quarter: string, over: Parameters<typeof counts>[0] = {}) => ({ quarter, counts: counts(over) })
    const acrossYears = [q('2026-Q4', { debt: [0, 0] }), q('2027-Q1', { debt: [2, 0] })]
    expect(starvedRuns(acrossYears)).toEqual([{ workClass: 'debt', quarters: ['2026-Q4', '2027-Q1'] }])
    // Planned but none done counts as starved; so does none planned with some done.
    expect(starvedRuns([q('2026-Q3', { innovation: [0, 1] }), q('2026-Q4', { innovation: [1, 0] })])).toHaveLength(1)
    // A quarter with nothing recorded between them breaks the run.
    expect(starvedRuns([q('2026-Q2', { debt: [0, 0] }), q('2026-Q4', { debt: [0, 0] })])).toEqual([])
    // Starved once, then fed: no run.
    expect(starvedRuns([q('2026-Q3', { support: [0, 0] }), q('2026-Q4')])).toEqual([])
    // Only runs ending in the latest quarter need attention now.
    const history = [q('2026-Q1', { features: [0, 0] }), q('2026-Q2', { features: [0, 0] }), q('2026-Q3')]
    expect(starvedRuns(history)).toHaveLength(1)
    expect(currentStarvedRuns(history)).toEqual([])
    expect(currentStarvedRuns(acrossYears)).toHaveLength(1)
  })
})

describe.each(DIALECTS)('prioritisation service on %s', dialect => {
  let t: TestServices
  let product: Product

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    product = await t.services.products.create(SYSTEM_ACTOR, {
      kind: 'service',
      name: 'Book a test',
      purpose: 'Lets learners book a driving test',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'live',
      stage: 'maturity',
    })
  })
  afterAll(() => t.close())

  it('scores an option each way, keeping the other scores, and refuses a stale save', async () => {
    const { prioritisation } = t.services
    const id = await prioritisation.addOption(SYSTEM_ACTOR, product, { title: 'Text reminders', description: '' })
    const v1 = await prioritisation.option(product.id, id)
    await prioritisation.score(SYSTEM_ACTOR, product, v1, { method: 'impact-effort', impact: 4, effort: 2 }, 1)
    await prioritisation.score(
      SYSTEM_ACTOR,
      product,
      v1,
      { method: 'rice', rice: { reach: 1200, impact: 2, confidence: 50, effort: 1.5 } },
      2,
    )
    await prioritisation.score(SYSTEM_ACTOR, product, v1, { method: 'moscow', moscow: 'should' }, 3)
    const saved = await prioritisation.option(product.id, id)
    expect(saved).toMatchObject({ impact: 4, effort: 2, moscow: 'should', version: 4 })
    expect(saved.rice).toEqual({ reach: 1200, impact: 2, confidence: 50, effort: 1.5 })
    expect(riceScore(saved.rice ?? { reach: 0, impact: 0, confidence: 0, effort: 1 })).toBe(800)
    const stale = await prioritisation
      .score(SYSTEM_ACTOR, product, v1, { method: 'moscow', moscow: 'must' }, 3)
      .catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(StaleVersionError)
    expect((stale as StaleVersionError<{ moscow: string }>).latest.moscow).toBe('should')
  })

  it('keeps weighted scores through a rename, drops them with a criterion, and checks every criterion is scored', async () => {
    const { prioritisation } = t.services
    await prioritisation.saveCriteria(
      SYSTEM_ACTOR,
      product,
      [
        { id: null, name: 'Value', weight: 3 },
        { id: null, name: 'Cost', weight: 1 },
      ],
      0,
    )
    const first = await prioritisation.criteria(product.id)
    expect(first.version).toBe(1)
    const [value, cost] = first.criteria
    const id = await prioritisation.addOption(SYSTEM_ACTOR, product, { title: 'Online payments', description: '' })
    const option = await prioritisation.option(product.id, id)
    const missing = await prioritisation
      .score(SYSTEM_ACTOR, product, option, { method: 'weighted', scores: { [value?.id ?? '']: 4 } }, 1)
      .catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(ValidationError)
    expect((missing as ValidationError).fieldErrors[`score-${cost?.id}`]).toContain('Cost')
    await prioritisation.score(
      SYSTEM_ACTOR,
      product,
      option,
      { method: 'weighted', scores: { [value?.id ?? '']: 4, [cost?.id ?? '']: 2 } },
      1,
    )
    expect(weightedTotal((await prioritisation.option(product.id, id)).scores, first.criteria)).toBe(14)

    await prioritisation.saveCriteria(
      SYSTEM_ACTOR,
      product,
      [{ id: value?.id ?? null, name: 'Value to users', weight: 5 }],
      1,
    )
    const second = await prioritisation.criteria(product.id)
    expect(second.criteria).toEqual([{ id: value?.id, name: 'Value to users', weight: 5 }])
    expect((await prioritisation.option(product.id, id)).scores).toEqual({ [value?.id ?? '']: 4 })
    const stale = await prioritisation.saveCriteria(SYSTEM_ACTOR, product, [], 1).catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(StaleVersionError)
  })

  it('records a quarter once and then only against its version, and flags a starved class', async () => {
    const { prioritisation } = t.services
    expect(prioritisation.currentQuarter()).toBe('2026-Q4')
    await prioritisation.saveQuarter(
      SYSTEM_ACTOR,
      product,
      '2026-Q4',
      { counts: counts({ debt: [0, 0] }), note: '' },
      0,
    )
    const twice = await prioritisation
      .saveQuarter(SYSTEM_ACTOR, product, '2026-Q4', { counts: counts(), note: '' }, 0)
      .catch((e: unknown) => e)
    expect(twice).toBeInstanceOf(StaleVersionError)
    await prioritisation.saveQuarter(
      SYSTEM_ACTOR,
      product,
      '2027-Q1',
      { counts: counts({ debt: [1, 0] }), note: 'Busy' },
      0,
    )
    const quarters = await prioritisation.quarters(product.id)
    expect(quarters.map(q => q.quarter)).toEqual(['2027-Q1', '2026-Q4'])
    expect(currentStarvedRuns(quarters)).toEqual([{ workClass: 'debt', quarters: ['2026-Q4', '2027-Q1'] }])
    await prioritisation.saveQuarter(SYSTEM_ACTOR, product, '2027-Q1', { counts: counts(), note: '' }, 1)
    expect(currentStarvedRuns(await prioritisation.quarters(product.id))).toEqual([])
    const events = await t.db.selectFrom('audit_events').select('action').where('subject_id', '=', product.id).execute()
    expect(events.map(e => e.action)).toContain('product.backlog-balance-saved')
  })
})
