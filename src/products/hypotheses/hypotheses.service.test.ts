// The hypotheses service on both engines: a metric of the thing is required, a result for a
// roadmap item's hypothesis needs a decision that is applied in the same transaction, and a
// result is recorded once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../../test/build-test-services.ts'
import { DIALECTS } from '../../../test/dialects.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'
import { ConflictError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import type { Product } from '../products.types.ts'
import { isOverdue } from './hypotheses.service.ts'
import type { HypothesisDetails } from './hypotheses.types.ts'

/** The value, which the test knows is there. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('Expected a value')
  return value
}

describe('overdue', () => {
  it('is open and past its date', () => {
    expect(isOverdue({ result: null, byDate: '2026-11-23' }, '2026-11-24')).toBe(true)
    expect(isOverdue({ result: null, byDate: '2026-11-24' }, '2026-11-24')).toBe(false)
    expect(isOverdue({ result: 'failed', byDate: '2026-01-01' }, '2026-11-24')).toBe(false)
  })
})

describe.each(DIALECTS)('hypotheses service on %s', dialect => {
  let t: TestServices
  let product: Product
  let details: HypothesisDetails

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    const { products, metrics } = t.services
    const base = {
      kind: 'service' as const,
      purpose: 'For the tests',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'beta' as const,
      stage: 'growth' as const,
    }
    product = await products.create(SYSTEM_ACTOR, { ...base, name: 'Apply for a permit' })
    const metric = await metrics.create(SYSTEM_ACTOR, product, {
      name: 'Completion rate',
      definition: 'Finished over started',
      unit: '%',
      direction: 'higher',
      baseline: 50,
      target: 80,
      targetDate: null,
    })
    details = {
      change: 'a save-and-return link',
      audience: 'applicants',
      outcome: 'help more people finish',
      metricId: metric.id,
      target: 70,
      byDate: '2027-02-28',
      roadmapItemId: null,
    }
  })
  afterAll(() => t.close())

  it('needs one of the thing’s own metrics and roadmap items', async () => {
    const { hypotheses, products, metrics } = t.services
    const elsewhere = await products.create(SYSTEM_ACTOR, {
      ...product,
      name: 'Somewhere else',
      uses: [],
    })
    const foreign = await metrics.create(SYSTEM_ACTOR, elsewhere, { ...must((await metrics.list(product.id))[0]) })
    const error = await hypotheses
      .create(SYSTEM_ACTOR, product, {
        ...details,
        metricId: foreign.id,
        roadmapItemId: '00000000-0000-4000-8000-000000000000',
      })
      .catch(e => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).fieldErrors).toEqual({
      metricId: 'Choose a metric from the list',
      roadmapItemId: 'Choose a roadmap item from the list',
    })
  })

  it('applies the decision on the roadmap item with the result', async () => {
    const { hypotheses, roadmap } = t.services
    const keepItem = await roadmap.add(SYSTEM_ACTOR, product, {
      column: 'now',
      problem: 'Keep me',
      outcome: 'O',
      metricId: details.metricId,
    })
    const dropItem = await roadmap.add(SYSTEM_ACTOR, product, {
      column: 'now',
      problem: 'Drop me',
      outcome: 'O',
      metricId: null,
    })
    const kept = await hypotheses.create(SYSTEM_ACTOR, product, { ...details, roadmapItemId: keepItem.id })
    const dropped = await hypotheses.create(SYSTEM_ACTOR, product, { ...details, roadmapItemId: dropItem.id })

    const noDecision = { result: 'failed' as const, evidence: 'Flat', decision: null, decisionNote: '' }
    await expect(hypotheses.recordResult(SYSTEM_ACTOR, product, dropped, noDecision, dropped.version)).rejects.toThrow(
      ValidationError,
    )
    await hypotheses.recordResult(
      SYSTEM_ACTOR,
      product,
      kept,
      { ...noDecision, result: 'passed', decision: 'keep' },
      kept.version,
    )
    await hypotheses.recordResult(
      SYSTEM_ACTOR,
      product,
      dropped,
      { ...noDecision, decision: 'drop', decisionNote: 'Not worth it' },
      dropped.version,
    )

    expect((await roadmap.get(product.id, keepItem.id)).status).toBe('open')
    expect((await roadmap.history(keepItem.id))[0]?.title).toBe(
      'Decided to keep it as it is after its hypothesis passed',
    )
    expect((await roadmap.get(product.id, dropItem.id)).status).toBe('dropped')
    expect((await roadmap.history(dropItem.id))[0]).toMatchObject({
      title: 'Decided to drop it after its hypothesis failed',
      note: 'Not worth it',
    })
    expect(await hypotheses.get(product.id, dropped.id)).toMatchObject({
      result: 'failed',
      decision: 'drop',
      evidence: 'Flat',
    })

    const again = await hypotheses.get(product.id, dropped.id)
    await expect(
      hypotheses.recordResult(SYSTEM_ACTOR, product, again, { ...noDecision, decision: 'keep' }, again.version),
    ).rejects.toBeInstanceOf(ConflictError)
    await expect(hypotheses.update(SYSTEM_ACTOR, product, again, details, again.version)).rejects.toBeInstanceOf(
      ConflictError,
    )
  })

  it('records nothing on the item when the result was saved by someone else first', async () => {
    const { hypotheses, roadmap } = t.services
    const item = await roadmap.add(SYSTEM_ACTOR, product, {
      column: 'next',
      problem: 'Race',
      outcome: 'O',
      metricId: null,
    })
    const h = await hypotheses.create(SYSTEM_ACTOR, product, { ...details, roadmapItemId: item.id })
    await hypotheses.update(SYSTEM_ACTOR, product, h, { ...details, roadmapItemId: item.id, target: 72 }, h.version)
    const error = await hypotheses
      .recordResult(
        SYSTEM_ACTOR,
        product,
        h,
        { result: 'failed', evidence: 'E', decision: 'drop', decisionNote: '' },
        h.version,
      )
      .catch(e => e)
    expect(error).toBeInstanceOf(StaleVersionError)
    expect((await roadmap.get(product.id, item.id)).status).toBe('open')
    expect((await roadmap.history(item.id)).map(e => e.kind)).toEqual(['added'])
  })
})
