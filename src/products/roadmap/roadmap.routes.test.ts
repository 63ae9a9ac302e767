// The roadmap through its pages: adding items with every problem shown at once, moving them with
// small forms (between columns and up and down), each move kept in the item's history, a move or
// change from an out-of-date page answered with 409, dropping an item, and the strategy page's
// summary and flags.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type Agent, type TestContext } from '../../../test/build-test-app.ts'
import { createThing, errorSummary, productWorld, type Named } from '../../../test/products.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'

const column = (html: string, key: string) =>
  $(html)(`[data-testid="column-${key}"] [data-testid="roadmap-item"] h3`)
    .map((_, h) => $(html)(h).text().trim())
    .get()

/** One of an item's move forms (each button has its own, with the same token and version). */
const moveFields = (html: string, action: string) => {
  const fields = formFields(html, action)
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))
  return { _csrf: first(fields._csrf), version: first(fields.version) }
}

describe('roadmap pages', () => {
  let ctx: TestContext
  let admin: Agent
  let owner: Named
  let other: Named
  let productId: string
  let metricId: string
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    admin = world.admin
    owner = await world.member('Rae Roadmapper', { businessArea: 'Waterways' })
    other = await world.member('Otis Onlooker')
    const product = await createThing(ctx, {
      name: 'Register a boat',
      purpose: 'Boat owners register online',
      ownerId: owner.id,
      area: 'Waterways',
      phase: 'alpha',
      stage: 'introduction',
    })
    productId = product.id
    metricId = (
      await ctx.app.services.metrics.create(SYSTEM_ACTOR, product, {
        name: 'Completion rate',
        definition: 'Finished over started',
        unit: '%',
        direction: 'higher',
        baseline: null,
        target: 80,
        targetDate: null,
      })
    ).id
  })
  afterAll(() => ctx.close())

  const add = async (column: string, problem: string, metric = '') => {
    const path = `/products/${productId}/roadmap/new`
    const fields = formFields((await owner.get(`${path}?column=${column}`)).body, path)
    const res = await owner.post(path, { ...fields, problem, outcome: `Outcome of ${problem}`, metricId: metric })
    expect(res.statusCode).toBe(303)
    ids[problem] = String(res.headers.location).split('#item-')[1] ?? ''
  }

  it('adds items, showing every problem at once', async () => {
    const path = `/products/${productId}/roadmap/new`
    const fields = formFields((await owner.get(path)).body, path)
    const bad = await owner.post(path, { ...fields, column: '', problem: '', outcome: 'x'.repeat(501) })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    expect(summary).toContain('Choose when: now, next or later')
    expect(summary).toContain('Enter the problem to solve')
    expect(summary).toContain('The outcome must be 500 characters or fewer')
    expect($(bad.body)('#outcome').text()).toBe('x'.repeat(501))
    const wrongMetric = await owner.post(path, {
      ...fields,
      column: 'now',
      problem: 'P',
      outcome: 'O',
      metricId: '00000000-0000-4000-8000-000000000000',
    })
    expect(wrongMetric.statusCode).toBe(400)
    expect(errorSummary(wrongMetric.body)).toContain('Choose a metric from the list')

    await add('next', 'Owners cannot find their registration number', metricId)
    await add('next', 'Renewals arrive late')
    await add('next', 'Payments fail on mobile', metricId)
    await add('later', 'Nobody knows which boats are insured')
    const page = await other.get(`/products/${productId}/roadmap`)
    expect(column(page.body, 'next')).toEqual([
      'Owners cannot find their registration number',
      'Renewals arrive late',
      'Payments fail on mobile',
    ])
    expect(column(page.body, 'now')).toEqual([])
    // Someone who may not change the roadmap sees no move buttons.
    expect($(page.body)('button[name="to"]').length).toBe(0)
  })

  it('moves items between columns and up and down, keeping every move', async () => {
    const roadmap = `/products/${productId}/roadmap`
    const board = await owner.get(roadmap)
    const payments = ids['Payments fail on mobile'] ?? ''
    const moveAction = `${roadmap}/${payments}/move`
    const fields = moveFields(board.body, moveAction)
    // The last item in a column offers no "Move down".
    expect(
      $(board.body)(`#item-${payments} button`)
        .map((_, b) => $(board.body)(b).contents().first().text())
        .get(),
    ).toEqual(['Move up', 'Move to Now', 'Move to Later'])
    expect((await owner.post(moveAction, { ...fields, to: 'up' })).statusCode).toBe(303)
    let page = await owner.get(roadmap)
    expect(column(page.body, 'next')).toEqual([
      'Owners cannot find their registration number',
      'Payments fail on mobile',
      'Renewals arrive late',
    ])
    const upAgain = moveFields(page.body, moveAction)
    expect((await owner.post(moveAction, { ...upAgain, to: 'up' })).statusCode).toBe(303)
    page = await owner.get(roadmap)
    expect(column(page.body, 'next')[0]).toBe('Payments fail on mobile')

    const toNow = moveFields(page.body, moveAction)
    expect((await owner.post(moveAction, { ...toNow, to: 'now' })).statusCode).toBe(303)
    page = await owner.get(roadmap)
    expect(column(page.body, 'now')).toEqual(['Payments fail on mobile'])
    expect(column(page.body, 'next')).toEqual(['Owners cannot find their registration number', 'Renewals arrive late'])

    // The form from before the last move is out of date: nothing moves, and the page says so.
    const stale = await owner.post(moveAction, { ...upAgain, to: 'later' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('[data-testid="conflict"]').text()).toContain('Payments fail on mobile')
    expect(column(stale.body, 'now')).toEqual(['Payments fail on mobile'])

    const item = await other.get(`${roadmap}/${payments}`)
    const history = $(item.body)('[data-testid="item-history"] .moj-timeline__title')
      .map((_, t) => $(item.body)(t).text())
      .get()
    expect(history).toEqual(['Moved from Next to Now', 'Moved up in Next', 'Moved up in Next', 'Added to Next'])

    // A move the item cannot make is refused with the reason.
    const first = await owner.post(moveAction, { ...moveFields(page.body, moveAction), to: 'up' })
    expect(first.statusCode).toBe(400)
    expect(errorSummary(first.body)).toContain('It is first in Now already')
  })

  it('keeps what was typed when someone else changed the item first', async () => {
    const edit = `/products/${productId}/roadmap/${ids['Renewals arrive late']}/edit`
    const mine = formFields((await owner.get(edit)).body, edit)
    const theirs = formFields((await admin.get(edit)).body, edit)
    expect((await admin.post(edit, { ...theirs, metricId })).statusCode).toBe(303)
    const clash = await owner.post(edit, { ...mine, outcome: 'Nine in ten renewals on time' })
    expect(clash.statusCode).toBe(409)
    expect($(clash.body)('[data-testid="conflict"]').text()).toContain('Completion rate')
    expect($(clash.body)('#outcome').text()).toBe('Nine in ten renewals on time')
    expect((await owner.post(edit, formFields(clash.body, edit))).statusCode).toBe(303)
    const item = await owner.get(`/products/${productId}/roadmap/${ids['Renewals arrive late']}`)
    const titles = $(item.body)('[data-testid="item-history"] .moj-timeline__title').text()
    expect(titles).toContain('Changed the outcome')
    expect(titles).toContain('Changed the metric')
    expect($(item.body)('[data-testid="item-history"]').text()).toContain('The metric was: none')
  })

  it('drops an item with a reason, kept in its history', async () => {
    const path = `/products/${productId}/roadmap/${ids['Owners cannot find their registration number']}`
    const fields = formFields((await owner.get(path)).body, `${path}/status`)
    const bad = await owner.post(`${path}/status`, { ...fields })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Choose whether it is done or dropped')
    const ok = await owner.post(`${path}/status`, { ...fields, status: 'dropped', note: 'Research says it is rare' })
    expect(ok.statusCode).toBe(303)
    const item = await owner.get(path)
    expect($(item.body)('[data-testid="item-history"]').text()).toContain('Research says it is rare')
    const board = await owner.get(`/products/${productId}/roadmap`)
    expect(column(board.body, 'next')).toEqual(['Renewals arrive late'])
    expect($(board.body)('[data-testid="closed-items"]').text()).toContain('Owners cannot find')
  })

  it('sums the roadmap up on the strategy page, with a flag for each item with no metric', async () => {
    const page = await other.get(`/products/${productId}`)
    const part = $(page.body)('[data-testid="part-roadmap"]').text()
    expect(part).toContain('Now: 1, Next: 1, Later: 1')
    expect(part).toContain('Now: Payments fail on mobile')
    const flags = $(page.body)('[data-testid="flags"] a')
    const flag = flags.filter((_, a) => $(page.body)(a).text().includes('Nobody knows which boats are insured'))
    expect(flag.text()).toContain('No metric on the roadmap item')
    expect(flag.attr('href')).toBe(`/products/${productId}/roadmap/${ids['Nobody knows which boats are insured']}`)
    const md = await other.get(`/products/${productId}/strategy.md`)
    expect(md.body).toContain('## Roadmap')
    expect(md.body).toContain('### Now')
    expect(md.body).toContain('1. **Problem:** Payments fail on mobile')
  })

  it('lets only the people responsible change the roadmap', async () => {
    const item = ids['Renewals arrive late'] ?? ''
    expect((await other.get(`/products/${productId}/roadmap/new`)).statusCode).toBe(403)
    expect((await other.get(`/products/${productId}/roadmap/${item}/edit`)).statusCode).toBe(403)
    const token = await other.token()
    expect(
      (await other.post(`/products/${productId}/roadmap/${item}/move`, { _csrf: token, to: 'now', version: '1' }))
        .statusCode,
    ).toBe(403)
  })
})
