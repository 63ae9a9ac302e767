// Metrics through their pages: a GOV.UK KPI as a template, every problem in the form at once,
// measurements pasted with each bad line named and nothing saved, the chart and its table saying
// the same, a conflict on a metric's edit, and who may change them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type Agent, type TestContext } from '../../../test/build-test-app.ts'
import { createThing, errorSummary, productWorld, type Named } from '../../../test/products.ts'

describe('metrics pages', () => {
  let ctx: TestContext
  let admin: Agent
  let owner: Named
  let other: Named
  let productId: string
  let metricPath: string

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    admin = world.admin
    owner = await world.member('Mo Owner', { businessArea: 'Licensing' })
    other = await world.member('Nell Nobody')
    const product = await createThing(ctx, {
      name: 'Renew a fishing licence',
      purpose: 'Anglers renew online',
      ownerId: owner.id,
      area: 'Licensing',
    })
    productId = product.id
  })
  afterAll(() => ctx.close())

  it('offers the four GOV.UK measures and prefills the form from one', async () => {
    const list = await owner.get(`/products/${productId}/metrics`)
    expect(list.statusCode).toBe(200)
    const templates = $(list.body)('[data-testid="templates"] a')
      .map((_, a) => $(list.body)(a).text())
      .get()
    expect(templates).toEqual(['Cost per transaction', 'User satisfaction', 'Completion rate', 'Digital take-up'])
    const form = await owner.get(`/products/${productId}/metrics/new?template=user-satisfaction`)
    const $form = $(form.body)
    expect($form('#name').val()).toBe('User satisfaction')
    expect($form('#unit').val()).toBe('%')
    expect($form('#definition').text()).toContain('satisfied')
    expect($form('input[name="direction"][value="higher"]').attr('checked')).toBeDefined()
    const cost = await owner.get(`/products/${productId}/metrics/new?template=cost-per-transaction`)
    expect($(cost.body)('input[name="direction"][value="lower"]').attr('checked')).toBeDefined()
  })

  it('shows every problem with a metric at once and keeps what was typed', async () => {
    const path = `/products/${productId}/metrics/new`
    const fields = formFields((await owner.get(path)).body, path)
    const bad = await owner.post(path, {
      ...fields,
      name: '',
      definition: '',
      baseline: 'lots',
      target: '',
      'targetDate-day': '31',
      'targetDate-month': '',
      'targetDate-year': '2027',
    })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    expect(summary).toContain('Enter a name for the metric')
    expect(summary).toContain('Enter how the metric is worked out')
    expect(summary).toContain('The baseline must be a number')
    expect(summary).toContain('must include a month')
    expect($(bad.body)('#baseline').val()).toBe('lots')
    expect($(bad.body)('.govuk-error-summary a').first().attr('href')).toBe('#name')
  })

  it('adds a metric, refuses a paste with bad lines whole, then takes a good one', async () => {
    const path = `/products/${productId}/metrics/new?template=user-satisfaction`
    const fields = formFields((await owner.get(path)).body, `/products/${productId}/metrics/new`)
    const saved = await owner.post(`/products/${productId}/metrics/new`, { ...fields, baseline: '70', target: '85' })
    expect(saved.statusCode).toBe(303)
    metricPath = String(saved.headers.location)
    const paste = `${metricPath}/measurements/paste`
    const pasteFields = formFields((await owner.get(paste)).body, paste)
    const bad = await owner.post(paste, {
      ...pasteFields,
      lines:
        'Date\tScore\n31/08/2026\t72\n30/09/2026\tabout 75\n31/13/2026\t76\n2026-10-31, 78\n2027-01-01\t80\n31/08/2026\t73',
    })
    expect(bad.statusCode).toBe(400)
    const items = $(bad.body)('.govuk-error-summary li')
      .map((_, li) => $(bad.body)(li).text().trim())
      .get()
    expect(items).toEqual([
      'Line 3: the value must be a number, such as 82 or 4.35',
      'Line 4: the date must be a real date written as 30/11/2026 or 2026-11-30',
      'Line 6: the date must be today or in the past',
      'Line 7: the date is the same as on line 2',
    ])
    expect($(bad.body)('#lines-error').text()).toContain('Correct lines 3, 4, 6 and 7')
    expect($(bad.body)('#lines').text()).toContain('about 75')
    expect($((await owner.get(metricPath)).body)('[data-testid="no-measurements"]').length).toBe(1)

    const good = await owner.post(paste, {
      ...pasteFields,
      lines: 'Date\tScore\n31/08/2026\t72\n30/09/2026\t75%\n2026-10-31, 78\n',
    })
    expect(good.statusCode).toBe(303)
    const one = `${metricPath}/measurements/new`
    const oneFields = formFields((await owner.get(one)).body, one)
    const added = await owner.post(one, {
      ...oneFields,
      'measuredOn-day': '20',
      'measuredOn-month': '11',
      'measuredOn-year': '2026',
      value: '81',
      note: 'After the new start page',
    })
    expect(added.statusCode).toBe(303)
  })

  it('draws the chart and gives the same figures as a table', async () => {
    const page = await owner.get(metricPath)
    const $page = $(page.body)
    const svg = $page('[data-testid="chart"] svg')
    expect(svg.attr('role')).toBe('img')
    expect(svg.find('title').text()).toBe('User satisfaction over time')
    expect(svg.find('desc').text()).toContain('4 measurements from 31 August 2026 to 20 November 2026')
    expect($page('[data-testid="chart-target"] text').text()).toBe('Target 85%')
    expect($page('[data-testid="chart-baseline"] text').text()).toBe('Baseline 70%')
    const points = svg
      .find('circle')
      .map((_, c) => `${$page(c).attr('data-date')} ${$page(c).attr('data-value')}`)
      .get()
    const rows = $page('[data-testid="measurements"] tbody tr')
      .map((_, tr) => `${$page(tr).find('time').attr('datetime')} ${$page(tr).find('[data-value]').attr('data-value')}`)
      .get()
    expect(rows).toEqual(['2026-08-31 72', '2026-09-30 75', '2026-10-31 78', '2026-11-20 81'])
    expect(points).toEqual(rows)
    expect($page('[data-testid="metric-facts"]').text()).toContain('Off target')
    const list = await other.get(`/products/${productId}/metrics`)
    expect($(list.body)('[data-testid="metrics"]').text()).toContain('81%')
  })

  it('keeps what was typed when someone else changed the metric first', async () => {
    const edit = `${metricPath}/edit`
    const mine = formFields((await owner.get(edit)).body, edit)
    const theirs = formFields((await admin.get(edit)).body, edit)
    expect((await admin.post(edit, { ...theirs, target: '80' })).statusCode).toBe(303)
    const clash = await owner.post(edit, { ...mine, target: '90' })
    expect(clash.statusCode).toBe(409)
    expect($(clash.body)('[data-testid="conflict"]').text()).toContain('80%')
    expect($(clash.body)('#target').val()).toBe('90')
    const retry = await owner.post(edit, formFields(clash.body, edit))
    expect(retry.statusCode).toBe(303)
    const page = await owner.get(metricPath)
    expect($(page.body)('[data-testid="metric-facts"]').text()).toContain('90%')
  })

  it('lets only the people responsible change metrics', async () => {
    expect((await other.get(`/products/${productId}/metrics/new`)).statusCode).toBe(403)
    expect((await other.get(`${metricPath}/measurements/paste`)).statusCode).toBe(403)
    expect((await other.get(metricPath)).statusCode).toBe(200)
    expect((await other.get(`/products/${productId}/metrics/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(
      404,
    )
  })
})
