// Strategy reviews on both engines: the repository's rows (who came, what was reviewed, linked
// decisions) and versioned saves, and the service: people checked against Valuekit, a decision
// recorded from a review in one transaction, and when a review is due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../../test/build-test-services.ts'
import { DIALECTS } from '../../../test/dialects.ts'
import { insertUser } from '../../../test/factories.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'
import { StaleVersionError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { Product } from '../products.types.ts'
import { ReviewsRepository } from './reviews.repository.ts'
import { reviewDue } from './reviews.service.ts'

describe('when a strategy review is due', () => {
  it('is due when there has never been one, or after 90 days', () => {
    expect(reviewDue(null, '2026-11-24')).toEqual({ due: true, days: null })
    expect(reviewDue('2026-08-26', '2026-11-24')).toEqual({ due: false, days: 90 })
    expect(reviewDue('2026-08-25', '2026-11-24')).toEqual({ due: true, days: 91 })
  })
})

describe.each(DIALECTS)('strategy reviews on %s', dialect => {
  let t: TestServices
  let product: Product
  const repo = new ReviewsRepository()
  let people: { id: string; name: string }[]

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    people = [await insertUser(t.db, { name: 'Ann Able' }), await insertUser(t.db, { name: 'Ben Bold' })]
    product = await t.services.products.create(SYSTEM_ACTOR, {
      kind: 'service',
      name: 'Register a boat',
      purpose: 'Boats',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'alpha',
      stage: 'introduction',
    })
  })
  afterAll(() => t.close())

  it('stores who came, what was reviewed and linked decisions, latest first', async () => {
    const id = newId()
    const row = {
      heldOn: '2026-09-01',
      attendees: [{ id: people[1]?.id ?? '', name: 'Ben Bold' }],
      others: 'Sam Patel',
      parts: ['roadmap', 'decisions'],
      notes: '',
    }
    await repo.insert(t.db, { id, productId: product.id, ...row, at: '2026-09-01T10:00:00.000Z', byName: 'Ann' })
    await repo.insert(t.db, {
      id: newId(),
      productId: product.id,
      ...row,
      heldOn: '2026-10-01',
      at: '2026-10-01T10:00:00.000Z',
      byName: 'Ann',
    })
    const found = await repo.find(t.db, product.id, id)
    expect(found).toMatchObject({ attendees: row.attendees, others: 'Sam Patel', version: 1 })
    expect(found?.parts.sort()).toEqual(['decisions', 'roadmap'])
    expect((await repo.list(t.db, product.id)).map(r => r.heldOn)).toEqual(['2026-10-01', '2026-09-01'])
    expect(await repo.lastHeldOn(t.db, product.id)).toBe('2026-10-01')
    expect(
      await repo.update(t.db, id, 1, { ...row, parts: ['metrics'], at: '2026-09-02T10:00:00.000Z', byName: 'B' }),
    ).toBe(true)
    expect(await repo.update(t.db, id, 1, { ...row, at: '2026-09-03T10:00:00.000Z', byName: 'C' })).toBe(false)
    expect((await repo.find(t.db, product.id, id))?.parts).toEqual(['metrics'])
    const decisionId = await t.services.decisions.create(SYSTEM_ACTOR, product, {
      title: 'Keep the paper form',
      proposal: 'Keep it',
      assumptions: 'Some need it',
      confidence: 'medium',
      expectedValue: 'Nobody is left out',
      outcome: 'yes',
      reasoning: 'Assisted digital',
      decidedOn: '2026-09-01',
      optionId: null,
    })
    await repo.link(t.db, id, decisionId, 'Kept the form on the roadmap', '2026-09-01T11:00:00.000Z')
    await expect(repo.link(t.db, id, decisionId, 'Again', '2026-09-01T12:00:00.000Z')).rejects.toThrow()
    expect(await repo.links(t.db, id)).toEqual([{ decisionId, changed: 'Kept the form on the roadmap' }])
    expect((await repo.linkCounts(t.db, product.id)).get(id)).toBe(1)
    expect(await repo.forDecision(t.db, product.id, decisionId)).toEqual([
      { reviewId: id, heldOn: '2026-09-01', changed: 'Kept the form on the roadmap' },
    ])
    expect(await repo.unlink(t.db, id, decisionId)).toBe(true)
    expect(await repo.unlink(t.db, id, decisionId)).toBe(false)
  })

  it('names people from Valuekit, refuses strangers, and refuses a stale change', async () => {
    const { reviews } = t.services
    const input = {
      heldOn: '2026-11-20',
      attendeeIds: [people[0]?.id ?? ''],
      others: '',
      parts: ['prioritisation'],
      notes: 'Looked at the options',
    }
    const stranger = await reviews
      .create(SYSTEM_ACTOR, product, { ...input, attendeeIds: [newId()] })
      .catch((e: unknown) => e)
    expect(stranger).toBeInstanceOf(ValidationError)
    const id = await reviews.create(SYSTEM_ACTOR, product, input)
    const review = await reviews.get(product.id, id)
    expect(review.attendees).toEqual([{ id: people[0]?.id, name: 'Ann Able' }])
    await reviews.update(SYSTEM_ACTOR, product, review, { ...input, notes: 'Changed' }, 1)
    const stale = await reviews.update(SYSTEM_ACTOR, product, review, input, 1).catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(StaleVersionError)
    expect(await reviews.lastHeldOn(product.id)).toBe('2026-11-20')
  })

  it('records a decision from a review and links it in one go', async () => {
    const { reviews, decisions } = t.services
    const [latest] = await reviews.list(product.id)
    if (!latest) throw new Error('No review')
    const review = await reviews.get(product.id, latest.id)
    await reviews.recordDecision(
      SYSTEM_ACTOR,
      product,
      review,
      {
        title: 'Pause the alpha',
        proposal: 'Stop for a month',
        assumptions: 'The team needs to learn more first',
        confidence: 'low',
        expectedValue: 'Better research',
        outcome: 'not-yet',
        reasoning: 'Not enough evidence either way',
        decidedOn: '2026-11-20',
        optionId: null,
      },
      'Moved the alpha on the roadmap',
    )
    const again = await reviews.get(product.id, review.id)
    expect(again.decisions.map(d => [d.decision.title, d.changed])).toEqual([
      ['Pause the alpha', 'Moved the alpha on the roadmap'],
    ])
    const all = await decisions.list(product.id)
    const pause = all.find(d => d.title === 'Pause the alpha')
    expect(await reviews.forDecision(product.id, pause?.id ?? '')).toHaveLength(1)
    const dup = await reviews.link(SYSTEM_ACTOR, product, again, pause?.id ?? '', 'Twice').catch((e: unknown) => e)
    expect((dup as ValidationError).fieldErrors.decisionId).toContain('linked to this review already')
  })
})
