// Hypotheses through their pages: a metric is needed first, every problem in the form at once,
// a result for a roadmap item's hypothesis needs a decision, a failed result with "drop" drops
// the item and says so in its history, and the strategy page's counts, flag and export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type Agent, type TestContext } from '../../../test/build-test-app.ts'
import { createThing, errorSummary, productWorld, type Named } from '../../../test/products.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'
import type { Product } from '../products.types.ts'

describe('hypotheses pages', () => {
  let ctx: TestContext
  let admin: Agent
  let owner: Named
  let other: Named
  let product: Product
  let metricId: string
  let itemId: string
  let hypothesisPath: string

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    admin = world.admin
    owner = await world.member('Hal Hypothesiser', { businessArea: 'Roads' })
    other = await world.member('Ona Outsider')
    product = await createThing(ctx, {
      name: 'Pay a road toll',
      purpose: 'Drivers pay tolls online',
      ownerId: owner.id,
      area: 'Roads',
    })
  })
  afterAll(() => ctx.close())

  it('asks for a metric before a hypothesis can be written', async () => {
    const page = await owner.get(`/products/${product.id}/hypotheses/new`)
    expect(page.statusCode).toBe(200)
    expect($(page.body)('[data-testid="needs-metric"]').text()).toContain('Add a metric first')
    const { metrics, roadmap } = ctx.app.services
    metricId = (
      await metrics.create(SYSTEM_ACTOR, product, {
        name: 'Digital take-up',
        definition: 'Online over all',
        unit: '%',
        direction: 'higher',
        baseline: 40,
        target: 70,
        targetDate: null,
      })
    ).id
    itemId = (
      await roadmap.add(SYSTEM_ACTOR, product, {
        column: 'next',
        problem: 'Drivers phone to pay',
        outcome: 'More pay online',
        metricId,
      })
    ).id
  })

  it('shows every problem at once, then adds the hypothesis', async () => {
    const path = `/products/${product.id}/hypotheses/new`
    const fields = formFields((await owner.get(`${path}?item=${itemId}`)).body, path)
    expect(fields.roadmapItemId).toBe(itemId)
    const bad = await owner.post(path, {
      ...fields,
      change: '',
      audience: '',
      outcome: '',
      metricId: '',
      target: 'most',
      'byDate-day': '',
      'byDate-month': '',
      'byDate-year': '',
    })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    for (const text of [
      'Enter the change you will make',
      'Enter who it is for',
      'Enter what you expect the change to do',
      'Choose the metric that will show it',
      'The target must be a number',
      'Enter the date to reach it by',
    ])
      expect(summary).toContain(text)
    expect($(bad.body)('#target').val()).toBe('most')

    const saved = await owner.post(path, {
      ...fields,
      change: 'a pay-by-text reminder',
      audience: 'drivers who used the toll road',
      outcome: 'get more people to pay online',
      metricId,
      target: '60',
      'byDate-day': '31',
      'byDate-month': '1',
      'byDate-year': '2027',
    })
    expect(saved.statusCode).toBe(303)
    hypothesisPath = String(saved.headers.location)
    const page = await other.get(hypothesisPath)
    expect($(page.body)('[data-testid="statement"]').text()).toContain(
      'We believe a pay-by-text reminder for drivers who used the toll road will get more people to pay online.',
    )
    expect($(page.body)('[data-testid="statement"]').text()).toContain(
      'We will know when Digital take-up reaches 60% by 31 January 2027.',
    )
  })

  it('needs a decision on the roadmap item, and drops it when told to', async () => {
    const path = `${hypothesisPath}/result`
    const form = await owner.get(path)
    expect($(form.body)('input[name="decision"]').length).toBe(3)
    const fields = formFields(form.body, path)
    const bad = await owner.post(path, { ...fields, result: 'failed', evidence: '' })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Enter the evidence for the result')
    expect(errorSummary(bad.body)).toContain('Choose what to do with the roadmap item')
    expect($(bad.body)('input[name="result"][value="failed"]').attr('checked')).toBeDefined()

    const ok = await owner.post(path, {
      ...fields,
      result: 'failed',
      evidence: 'Take-up stayed at 41% after eight weeks',
      decision: 'drop',
      decisionNote: 'Texts did not change behaviour',
    })
    expect(ok.statusCode).toBe(303)
    const page = await other.get(hypothesisPath)
    expect($(page.body)('[data-testid="result"]').text()).toContain('Failed')
    expect($(page.body)('[data-testid="result"]').text()).toContain('Drop it')
    const item = await other.get(`/products/${product.id}/roadmap/${itemId}`)
    expect($(item.body)('[data-testid="item-facts"]').text()).toContain('Dropped')
    const history = $(item.body)('[data-testid="item-history"]').text()
    expect(history).toContain('Decided to drop it after its hypothesis failed')
    expect(history).toContain('Texts did not change behaviour')
    // The result is in: it can no longer be recorded again or changed.
    expect((await owner.get(path)).headers.location).toBe(hypothesisPath)
    expect((await owner.post(path, { ...fields, result: 'passed', evidence: 'x', decision: 'keep' })).statusCode).toBe(
      409,
    )
  })

  it('flags a hypothesis past its date with no result, and counts them on the strategy page', async () => {
    await ctx.app.services.hypotheses.create(SYSTEM_ACTOR, product, {
      change: 'a shorter form',
      audience: 'first-time drivers',
      outcome: 'fewer calls',
      metricId,
      target: 65,
      byDate: '2026-11-01',
      roadmapItemId: null,
    })
    const page = await other.get(`/products/${product.id}`)
    const part = $(page.body)('[data-testid="part-hypotheses"]').text()
    expect(part).toContain('Open: 1')
    expect(part).toContain('Passed: 0')
    expect(part).toContain('Failed: 1')
    expect($(page.body)('[data-testid="flags"]').text()).toContain(
      'A hypothesis is past its date of 1 November 2026 with no result: a shorter form',
    )
    const list = await other.get(`/products/${product.id}/hypotheses`)
    expect($(list.body)('[data-testid="open-hypotheses"]').text()).toContain('Open, past its date')
    const md = await other.get(`/products/${product.id}/strategy.md`)
    expect(md.body).toContain('## Hypotheses')
    expect(md.body).toContain('**Failed.** We believe a pay-by-text reminder')
    expect(md.body).toContain('## Metrics')
    expect(md.body).toContain('### Digital take-up')
  })

  it('keeps what was typed when someone else changed the hypothesis first, and lets only editors change it', async () => {
    const open = (await ctx.app.services.hypotheses.list(product.id)).find(h => h.result === null)
    const edit = `/products/${product.id}/hypotheses/${open?.id}/edit`
    const mine = formFields((await owner.get(edit)).body, edit)
    const theirs = formFields((await admin.get(edit)).body, edit)
    expect((await admin.post(edit, { ...theirs, target: '66' })).statusCode).toBe(303)
    const clash = await owner.post(edit, { ...mine, audience: 'new drivers' })
    expect(clash.statusCode).toBe(409)
    expect($(clash.body)('[data-testid="conflict"]').text()).toContain('66%')
    expect($(clash.body)('#audience').val()).toBe('new drivers')
    expect((await other.get(edit)).statusCode).toBe(403)
    expect((await other.get(`/products/${product.id}/hypotheses/new`)).statusCode).toBe(403)
  })
})
