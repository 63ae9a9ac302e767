// Prioritisation's repository on both engines: options with their scores, criteria that keep
// their ids, versioned saves, and quarters unique to a thing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../../test/build-test-services.ts'
import { DIALECTS } from '../../../test/dialects.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'
import { newId } from '../../platform/ids.ts'
import { PrioritisationRepository } from './prioritisation.repository.ts'
import type { ClassCounts } from './prioritisation.types.ts'

const AT = '2026-11-24T10:00:00.000Z'
const zero: ClassCounts = {
  support: { planned: 1, done: 1 },
  features: { planned: 2, done: 0 },
  debt: { planned: 0, done: 0 },
  innovation: { planned: 3, done: 3 },
}

describe.each(DIALECTS)('prioritisation repository on %s', dialect => {
  let t: TestServices
  const repo = new PrioritisationRepository()
  let productId: string

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    const product = await t.services.products.create(SYSTEM_ACTOR, {
      kind: 'service',
      name: 'Claim a refund',
      purpose: 'Refunds',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'beta',
      stage: 'growth',
    })
    productId = product.id
  })
  afterAll(() => t.close())

  it('stores options with their scores and saves only at the expected version', async () => {
    const id = newId()
    await repo.insertOption(t.db, {
      id,
      productId,
      title: 'Faster refunds',
      description: 'Pay in 3 days',
      at: AT,
      byName: 'Ann',
    })
    const fresh = await repo.findOption(t.db, productId, id)
    expect(fresh).toMatchObject({
      title: 'Faster refunds',
      impact: null,
      effort: null,
      moscow: null,
      rice: null,
      version: 1,
    })
    expect(
      await repo.updateOption(t.db, id, 1, {
        impact: 3,
        effort: 5,
        rice: { reach: 40, impact: 0.25, confidence: 100, effort: 0.5 },
        updatedAt: AT,
        updatedByName: 'Ben',
      }),
    ).toBe(true)
    expect(await repo.updateOption(t.db, id, 1, { moscow: 'must', updatedAt: AT, updatedByName: 'Cy' })).toBe(false)
    const saved = await repo.findOption(t.db, productId, id)
    expect(saved).toMatchObject({ impact: 3, effort: 5, moscow: null, version: 2, updatedByName: 'Ben' })
    expect(saved?.rice).toEqual({ reach: 40, impact: 0.25, confidence: 100, effort: 0.5 })
    expect(await repo.findOption(t.db, newId(), id)).toBeUndefined()
    expect((await repo.optionTitles(t.db, [id, newId()])).get(id)).toBe('Faster refunds')
  })

  it('replaces criteria in order, keeping the scores of those kept', async () => {
    expect((await repo.criteria(t.db, productId)).version).toBe(0)
    expect(await repo.insertBoard(t.db, productId, AT, 'Ann')).toBe(true)
    expect(await repo.insertBoard(t.db, productId, AT, 'Ben')).toBe(false)
    const [a, b] = [newId(), newId()]
    await repo.replaceCriteria(t.db, productId, [
      { id: a, name: 'Value', weight: 3 },
      { id: b, name: 'Risk', weight: 2 },
    ])
    const [option] = await repo.options(t.db, productId)
    await repo.setScores(t.db, option?.id ?? '', { [a]: 5, [b]: 1 })
    await repo.replaceCriteria(t.db, productId, [
      { id: newId(), name: 'Reach', weight: 1 },
      { id: a, name: 'Value to users', weight: 4 },
    ])
    expect(await repo.bumpBoard(t.db, productId, 1, AT, 'Cy')).toBe(true)
    const set = await repo.criteria(t.db, productId)
    expect(set.criteria.map(c => c.name)).toEqual(['Reach', 'Value to users'])
    expect(set).toMatchObject({ version: 2, updatedByName: 'Cy' })
    expect((await repo.options(t.db, productId))[0]?.scores).toEqual({ [a]: 5 })
  })

  it('keeps one row per thing and quarter, latest first', async () => {
    await repo.insertQuarter(t.db, {
      id: newId(),
      productId,
      quarter: '2026-Q3',
      counts: zero,
      note: '',
      at: AT,
      byName: 'Ann',
    })
    const q4 = newId()
    await repo.insertQuarter(t.db, {
      id: q4,
      productId,
      quarter: '2026-Q4',
      counts: zero,
      note: 'x',
      at: AT,
      byName: 'Ann',
    })
    await expect(
      repo.insertQuarter(t.db, {
        id: newId(),
        productId,
        quarter: '2026-Q4',
        counts: zero,
        note: '',
        at: AT,
        byName: 'B',
      }),
    ).rejects.toThrow()
    const changed = { ...zero, debt: { planned: 4, done: 2 } }
    expect(await repo.updateQuarter(t.db, q4, 1, { counts: changed, note: 'Better', at: AT, byName: 'Cy' })).toBe(true)
    expect(await repo.updateQuarter(t.db, q4, 1, { counts: zero, note: '', at: AT, byName: 'Di' })).toBe(false)
    const quarters = await repo.quarters(t.db, productId)
    expect(quarters.map(q => q.quarter)).toEqual(['2026-Q4', '2026-Q3'])
    expect(quarters[0]).toMatchObject({ counts: changed, note: 'Better', version: 2 })
    expect(await repo.findQuarter(t.db, productId, '2027-Q1')).toBeUndefined()
  })

  it('goes with the thing it belongs to', async () => {
    await t.services.products.delete(SYSTEM_ACTOR, await t.services.products.get(productId))
    expect(await repo.options(t.db, productId)).toEqual([])
    expect(await repo.quarters(t.db, productId)).toEqual([])
    expect((await repo.criteria(t.db, productId)).criteria).toEqual([])
  })
})
