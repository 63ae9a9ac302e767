// Decisions on both engines: the repository's rows and versioned saves, and the service's rules:
// a reasoned no, the revisit chain (each decision revisited once, linked both ways), options of
// the same thing only, and the strategy page's summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../../test/build-test-services.ts'
import { DIALECTS } from '../../../test/dialects.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'
import { ConflictError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { Product } from '../products.types.ts'
import { DecisionsRepository } from './decisions.repository.ts'
import type { DecisionInput } from './decisions.types.ts'

const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  title: 'Build an app',
  proposal: 'A mobile app for the service',
  assumptions: 'People want an app',
  confidence: 'low',
  expectedValue: 'More people finish',
  outcome: 'no',
  reasoning: 'The web service works on phones',
  decidedOn: '2026-06-01',
  optionId: null,
  ...over,
})

describe.each(DIALECTS)('decisions on %s', dialect => {
  let t: TestServices
  let product: Product
  let otherProduct: Product
  const repo = new DecisionsRepository()

  const thing = (name: string) =>
    t.services.products.create(SYSTEM_ACTOR, {
      kind: 'service',
      name,
      purpose: 'A service',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'live',
      stage: 'maturity',
    })

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    product = await thing('Pay a fine')
    otherProduct = await thing('Appeal a fine')
  })
  afterAll(() => t.close())

  it('stores a decision and saves it only at the expected version', async () => {
    const id = newId()
    await repo.insert(t.db, {
      id,
      productId: product.id,
      ...input(),
      revisitsId: null,
      whatChanged: '',
      at: '2026-06-01T09:00:00.000Z',
      byId: null,
      byName: 'Ann',
    })
    expect(await repo.find(t.db, product.id, id)).toMatchObject({ outcome: 'no', version: 1, revisitedById: null })
    expect(await repo.find(t.db, otherProduct.id, id)).toBeUndefined()
    const change = {
      ...input({ reasoning: 'Clearer' }),
      whatChanged: '',
      at: '2026-06-02T09:00:00.000Z',
      byName: 'Ben',
    }
    expect(await repo.update(t.db, id, 1, change)).toBe(true)
    expect(await repo.update(t.db, id, 1, change)).toBe(false)
    expect((await repo.list(t.db, product.id)).map(d => d.reasoning)).toEqual(['Clearer'])
  })

  it('revisits a no as a new decision, linked both ways, once only', async () => {
    const { decisions } = t.services
    const first = await decisions.create(SYSTEM_ACTOR, product, input({ decidedOn: '2026-07-01' }))
    const earlier = await decisions.get(product.id, first)
    const tooEarly = await decisions
      .revisit(SYSTEM_ACTOR, product, earlier, { ...input({ decidedOn: '2026-06-30' }), whatChanged: 'x' })
      .catch((e: unknown) => e)
    expect(tooEarly).toBeInstanceOf(ValidationError)
    const second = await decisions.revisit(SYSTEM_ACTOR, product, earlier, {
      ...input({ outcome: 'not-yet', decidedOn: '2026-09-01', confidence: 'medium' }),
      whatChanged: 'A third of users asked for an app',
    })
    const again = await decisions
      .revisit(SYSTEM_ACTOR, product, earlier, { ...input({ decidedOn: '2026-10-01' }), whatChanged: 'y' })
      .catch((e: unknown) => e)
    expect(again).toBeInstanceOf(ConflictError)
    const middle = await decisions.get(product.id, second)
    const third = await decisions.revisit(SYSTEM_ACTOR, product, middle, {
      ...input({ outcome: 'yes', decidedOn: '2026-11-01', confidence: 'high' }),
      whatChanged: 'The app store rules changed',
    })
    const chain = await decisions.chain(product.id, second)
    expect(chain.earlier.map(d => d.id)).toEqual([first])
    expect(chain.later.map(d => d.id)).toEqual([third])
    expect(chain.decision).toMatchObject({
      revisitsId: first,
      revisitedById: third,
      whatChanged: 'A third of users asked for an app',
    })
    const fromStart = await decisions.chain(product.id, first)
    expect(fromStart.later.map(d => d.outcome)).toEqual(['not-yet', 'yes'])
    const summary = await decisions.summary(product.id)
    expect(summary.total).toBe(4)
    expect(summary.noes).toBe(2)
    expect(summary.latest[0]?.id).toBe(third)
    const events = await t.db.selectFrom('audit_events').select('action').where('subject_id', '=', product.id).execute()
    expect(events.filter(e => e.action === 'product.decision-revisited')).toHaveLength(2)
  })

  it('names only options of the same thing, with their titles', async () => {
    const { decisions, prioritisation } = t.services
    const mine = await prioritisation.addOption(SYSTEM_ACTOR, product, { title: 'Pay by bank', description: '' })
    const theirs = await prioritisation.addOption(SYSTEM_ACTOR, otherProduct, {
      title: 'Appeal online',
      description: '',
    })
    const refused = await decisions.create(SYSTEM_ACTOR, product, input({ optionId: theirs })).catch((e: unknown) => e)
    expect((refused as ValidationError).fieldErrors.optionId).toBe('Choose an option from the list')
    const id = await decisions.create(SYSTEM_ACTOR, product, input({ optionId: mine, outcome: 'yes' }))
    expect((await decisions.get(product.id, id)).optionTitle).toBe('Pay by bank')
    const decision = await decisions.get(product.id, id)
    await decisions.update(SYSTEM_ACTOR, product, decision, input({ optionId: mine, outcome: 'not-yet' }), 1)
    const stale = await decisions
      .update(SYSTEM_ACTOR, product, decision, input({ outcome: 'no' }), 1)
      .catch((e: unknown) => e)
    expect(stale).toBeInstanceOf(StaleVersionError)
    expect((stale as StaleVersionError<{ outcome: string }>).latest.outcome).toBe('not-yet')
  })
})
