// The strategy page and the catalogue are rendered once and kept until something they show
// changes (products.strategyVersion, products.catalogueVersion). These tests look at a page, change
// what it shows by another way than its own forms, and look again: the change is always there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Product } from '../products.types.ts'
import { $, type Agent, type TestContext } from '../../../test/build-test-app.ts'
import { createThing, productWorld, type Named } from '../../../test/products.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'

describe('kept product pages', () => {
  let ctx: TestContext
  let admin: Agent
  let owner: Named
  let other: Named
  let service: Product
  let platform: Product

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    admin = world.admin
    owner = await world.member('Kit Keeper', { careerRole: 'product-manager', businessArea: 'Fisheries' })
    other = await world.member('Nia Nosy', { careerRole: 'product-manager', businessArea: 'Benefits' })
    platform = await createThing(ctx, { kind: 'capability', name: 'Take a payment', purpose: 'Card payments' })
    service = await createThing(ctx, {
      name: 'Register a fishing boat',
      purpose: 'Lets owners register a boat',
      ownerId: owner.id,
      area: 'Fisheries',
      uses: [platform.id],
    })
  })
  afterAll(() => ctx.close())

  const strategyPage = async (agent: Agent) => {
    const page = await agent.get(`/products/${service.id}`)
    expect(page.statusCode).toBe(200)
    return $(page.body)
  }

  it('shows a decision recorded since the page was last shown', async () => {
    expect((await strategyPage(owner))('[data-testid="part-decisions"]').text()).toContain('Nothing here yet')
    await strategyPage(owner)
    await ctx.app.services.decisions.create({ id: owner.id, name: owner.name }, service, {
      title: 'Stop taking cheques',
      proposal: 'Take card payments only',
      assumptions: 'Few owners still pay by cheque',
      confidence: 'medium',
      expectedValue: 'Fewer payments to chase',
      outcome: 'yes',
      reasoning: 'Cheques cost more to handle than they bring in',
      decidedOn: '2026-11-20',
      optionId: null,
    })
    expect((await strategyPage(owner))('[data-testid="part-decisions"]').text()).toContain('Stop taking cheques')
  })

  it('shows a linked thing’s new name and the thing’s own new details', async () => {
    expect((await strategyPage(owner))('main').text()).toContain('Take a payment')
    const fresh = await ctx.app.services.products.get(platform.id)
    await ctx.app.services.products.update(
      SYSTEM_ACTOR,
      fresh,
      {
        kind: 'capability',
        name: 'Pay a fee',
        purpose: 'Card payments',
        ownerId: null,
        team: '',
        group: '',
        area: '',
        parentId: null,
        uses: [],
      },
      fresh.version,
    )
    const $page = await strategyPage(owner)
    expect($page('main').text()).toContain('Pay a fee')
    expect($page('main').text()).not.toContain('Take a payment')
  })

  it('keeps one page per set of permissions: the owner sees ways to change it, others do not', async () => {
    const mine = await strategyPage(owner)
    const theirs = await strategyPage(other)
    expect(mine(`a[href="/products/${service.id}/edit"]`).length).toBeGreaterThan(0)
    expect(theirs(`a[href="/products/${service.id}/edit"]`).length).toBe(0)
    // Each sees their own name in the header, from one kept page.
    expect(mine('header').text()).toContain('Kit Keeper')
    expect(theirs('header').text()).toContain('Nia Nosy')
  })

  it('shows a thing added to the catalogue since a page of it was last shown', async () => {
    const before = await admin.get('/products?q=boat')
    expect($(before.body)('main').text()).not.toContain('Inspect a boat')
    await createThing(ctx, { name: 'Inspect a boat', purpose: 'Books a safety inspection' })
    const after = await admin.get('/products?q=boat')
    expect($(after.body)('main').text()).toContain('Inspect a boat')
    expect($(after.body)('main').text()).toContain('Register a fishing boat')
  })
})
