// The portfolio through its pages: who sees which view, the rows with every figure linked to its
// source, sorting and filtering by plain links and a GET form, the CSV (formula injection
// guarded), the cache showing a change at once, and the leadership team's balance recorded with a
// form (every problem at once, 409 on a stale save, a warning for a starved class).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type TestContext } from '../../test/build-test-app.ts'
import { createThing, errorSummary, productWorld, type Named } from '../../test/products.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import { quarterOf } from '../products/prioritisation/prioritisation.types.ts'
import type { Product } from '../products/products.types.ts'
import { ukToday } from '../platform/dates.ts'

describe('portfolio pages', () => {
  let ctx: TestContext
  let head: Named
  let lead: Named
  let spm: Named
  let pm: Named
  let renew: Product
  let permits: Product
  let grant: Product
  let quarter: string

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    head = await world.member('Hana Head', { careerRole: 'head-of-product', businessArea: '', group: '' })
    lead = await world.member('Lee Lead', { careerRole: 'lead-product-manager', businessArea: 'Licensing', group: '' })
    spm = await world.member('Sam Senior', {
      careerRole: 'senior-product-manager',
      businessArea: 'Licensing',
      group: 'Fishing',
    })
    pm = await world.member('Pat Product', {
      careerRole: 'product-manager',
      businessArea: 'Licensing',
      group: 'Fishing',
    })
    const { services } = ctx.app
    renew = await createThing(ctx, {
      name: 'Renew a rod licence',
      purpose: 'Anglers renew',
      area: 'Licensing',
      group: 'Fishing',
    })
    permits = await createThing(ctx, {
      name: '=HYPERLINK("http://x")',
      purpose: 'Boats',
      area: 'Licensing',
      group: 'Boats',
    })
    grant = await createThing(ctx, {
      name: 'Apply for a farming grant',
      purpose: 'Farmers',
      area: 'Grants',
      group: 'Farms',
    })
    const metric = await services.metrics.create(SYSTEM_ACTOR, renew, {
      name: 'User satisfaction',
      definition: 'Satisfied users',
      unit: '%',
      direction: 'higher',
      baseline: 60,
      target: 85,
      targetDate: null,
    })
    await services.metrics.addMeasurements(SYSTEM_ACTOR, renew, metric, [
      { measuredOn: '2026-10-31', value: 70, note: '' },
    ])
    await services.roadmap.add(SYSTEM_ACTOR, renew, {
      column: 'next',
      problem: 'Anglers miss their renewal date',
      outcome: 'More renew on time',
      metricId: metric.id,
    })
    quarter = quarterOf(ukToday(ctx.app.services.clock))
    await services.prioritisation.saveQuarter(
      SYSTEM_ACTOR,
      renew,
      quarter,
      {
        counts: {
          support: { planned: 1, done: 1 },
          features: { planned: 2, done: 1 },
          debt: { planned: 0, done: 0 },
          innovation: { planned: 1, done: 1 },
        },
        note: '',
      },
      0,
    )
  })
  afterAll(() => ctx.close())

  it('lets each leader open their own views and nobody else’s', async () => {
    const area = '/portfolio/areas/Licensing'
    const group = '/portfolio/areas/Licensing/groups/Fishing'
    expect((await head.get('/portfolio/organisation')).statusCode).toBe(200)
    expect((await head.get(area)).statusCode).toBe(200)
    expect((await lead.get(area)).statusCode).toBe(200)
    expect((await lead.get(group)).statusCode).toBe(200)
    expect((await lead.get('/portfolio/areas/Grants')).statusCode).toBe(403)
    expect((await lead.get('/portfolio/organisation')).statusCode).toBe(403)
    expect((await spm.get(group)).statusCode).toBe(200)
    expect((await spm.get('/portfolio/areas/Licensing/groups/Boats')).statusCode).toBe(403)
    expect((await spm.get(area)).statusCode).toBe(403)
    expect((await pm.get('/portfolio')).statusCode).toBe(403)
    expect((await pm.get(group)).statusCode).toBe(403)
    const index = $((await lead.get('/portfolio')).body)
    expect(
      index('[data-testid="portfolio-views"] a')
        .map((_, a) => index(a).text())
        .get(),
    ).toEqual(['Licensing'])
    const spmIndex = $((await spm.get('/portfolio')).body)
    expect(spmIndex('[data-testid="portfolio-views"] a').text()).toBe('Fishing (Licensing)')
    expect(spmIndex('[data-testid="portfolio-views"] li').text()).toContain('A group: 1 thing')
    expect(spmIndex('[data-testid="portfolio-views"] li').text()).not.toContain('1 things')
  })

  it('says what to do next when a view has no things, or none match its filters', async () => {
    const empty = $((await head.get('/portfolio/areas/Fisheries')).body)
    expect(empty('[data-testid="no-things"]').text()).toContain('once it is in the catalogue with this area')
    expect(empty('main a[href="/products/new"]').text()).toBe('Add a thing to the catalogue')
    const none = $((await lead.get('/portfolio/areas/Licensing?phase=retirement')).body)
    expect(none('[data-testid="no-things"]').text()).toContain('No things match these filters')
    expect(none('[data-testid="no-things"] a').attr('href')).toBe('/portfolio/areas/Licensing')
  })

  it('shows a row per thing with every figure linked to where it comes from', async () => {
    const page = $((await lead.get('/portfolio/areas/Licensing?sort=name')).body)
    const rows = page('[data-testid="thing-row"]')
    expect(rows).toHaveLength(2)
    const row = page(`[data-thing="${renew.id}"]`)
    expect(row.text()).toContain('Beta, growth')
    expect(row.find(`a[href^="/products/${renew.id}/roadmap/"]`).text()).toBe('Anglers miss their renewal date')
    expect(row.find(`a[href="/products/${renew.id}/metrics"]`).text()).toBe('1 off target')
    expect(row.find(`a[href="/products/${renew.id}/prioritisation/balance"]`).text()).toBe(
      'Reduction of technical debt',
    )
    const flags = row.find('[data-testid="flags"] a')
    expect(flags.map((_, a) => page(a).text()).get()).toEqual(['No problem statement', 'Never reviewed'])
    expect(flags.first().attr('href')).toBe(`/products/${renew.id}/problem-statement`)
    const other = page(`[data-thing="${permits.id}"]`)
    expect(other.find(`a[href="/products/${permits.id}/prioritisation/balance"]`).text()).toBe('Not recorded')
    expect(
      other
        .find('[data-testid="flags"] a')
        .map((_, a) => page(a).text())
        .get(),
    ).toContain('Name starts with a noun')
    expect(page.text()).not.toContain(grant.name)
  })

  it('sorts by links and filters with a form, without JavaScript', async () => {
    const sorted = $((await lead.get('/portfolio/areas/Licensing?sort=name&order=desc')).body)
    expect(sorted('[data-testid="thing-row"] th a').first().text()).toBe('Renew a rod licence')
    expect(sorted('th[aria-sort="descending"]').text()).toContain('Thing')
    expect(sorted('th[aria-sort="descending"] a').attr('href')).toContain('order=asc')
    const filtered = $((await lead.get('/portfolio/areas/Licensing?show=off-target')).body)
    expect(filtered('[data-testid="thing-row"]')).toHaveLength(1)
    expect(filtered('[data-testid="view-count"]').text()).toContain('1 thing')
    const byGroup = $((await lead.get('/portfolio/areas/Licensing?group=Boats')).body)
    expect(byGroup('[data-testid="thing-row"]')).toHaveLength(1)
    const odd = await lead.get('/portfolio/areas/Licensing?sort=drop%20table&order=sideways&page=-3')
    expect(odd.statusCode).toBe(200)
  })

  it('exports the rows as CSV with formulas made harmless', async () => {
    const res = await lead.get('/portfolio/areas/Licensing/export.csv?sort=name')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/csv')
    expect(res.headers['content-disposition']).toContain('portfolio-licensing-')
    const lines = res.body.replace('\uFEFF', '').split('\r\n')
    expect(lines[0]).toMatch(/^Thing,Kind,Area,Group/)
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)"/)
    expect(lines[2]).toContain('Renew a rod licence')
    expect(lines[2]).toContain(`/products/${renew.id}`)
    expect((await pm.get('/portfolio/areas/Licensing/export.csv')).statusCode).toBe(403)
  })

  it('shows a change to a strategy at once, though the page is cached', async () => {
    const before = $((await lead.get('/portfolio/areas/Licensing')).body)
    expect(before(`[data-thing="${renew.id}"] [data-testid="flags"]`).text()).toContain('Never reviewed')
    await ctx.app.services.reviews.create(SYSTEM_ACTOR, renew, {
      heldOn: ukToday(ctx.app.services.clock),
      attendeeIds: [],
      others: 'Someone',
      parts: ['roadmap'],
      notes: '',
    })
    const after = $((await lead.get('/portfolio/areas/Licensing')).body)
    expect(after(`[data-thing="${renew.id}"] [data-testid="flags"]`).text()).not.toContain('Never reviewed')
  })

  it('records the leadership team’s balance with a form and warns of a starved class', async () => {
    expect((await pm.get('/portfolio/balance')).statusCode).toBe(403)
    expect((await spm.get('/portfolio/balance')).statusCode).toBe(403)
    const path = `/portfolio/balance/${quarter}`
    const fields = formFields((await lead.get(path)).body, path)
    const headFields = formFields((await head.get(path)).body, path)
    const bad = await head.post(path, { ...headFields, 'products-planned': 'lots' })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Improve products: planned must be a whole number')
    expect(errorSummary(bad.body)).toContain('Enter how much improved client and user relationships work was planned')
    expect($(bad.body)('#products-planned').val()).toBe('lots')
    const counts = {
      'relationships-planned': '3',
      'relationships-done': '2',
      'products-planned': '5',
      'products-done': '4',
      'dysfunction-planned': '0',
      'dysfunction-done': '0',
      'innovation-planned': '1',
      'innovation-done': '0',
    }
    expect((await lead.post(path, { ...fields, ...counts, note: 'A busy quarter' })).statusCode).toBe(303)
    // Hana opened the form before Lee saved: her save is refused, with Lee's numbers shown.
    const stale = await head.post(path, { ...headFields, ...counts })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('[data-testid="conflict"]').text()).toContain('Lee Lead')
    // Every field Lee saved is named, his note included, so Hana does not write over it unseen.
    expect($(stale.body)('[data-testid="conflict"]').text()).toContain('Note: A busy quarter')
    const page = $((await head.get('/portfolio/balance')).body)
    const warnings = page('[data-testid="starved-warnings"]').text()
    expect(warnings).toContain('Reduction of organisational dysfunction is starved')
    expect(warnings).toContain('Organisational innovation is starved')
    expect(page(`[data-quarter="${quarter}"]`).text()).toContain('5 planned, 4 done')
    const audit = await ctx.app.services.audit.list({}, 1)
    expect(JSON.stringify(audit)).toContain('portfolio.balance-saved')
  })

  it('filters the organisation by a group only within its area, as two areas may each have one of that name', async () => {
    await createThing(ctx, { name: 'Fund a fishing club', purpose: 'Clubs', area: 'Grants', group: 'Fishing' })
    const names = (page: ReturnType<typeof $>) =>
      page('[data-testid="thing-row"] th a')
        .map((_, a) => page(a).text())
        .get()
    const all = $((await head.get('/portfolio/organisation?sort=name&order=asc')).body)
    expect(all('select#group')).toHaveLength(0)
    expect(all('#area-hint').text()).toContain('Choose an area, then apply, to filter by its groups')
    // A group on its own would mix Licensing's Fishing with Grants' Fishing: it waits for an area.
    const groupOnly = $((await head.get('/portfolio/organisation?sort=name&order=asc&group=Fishing')).body)
    expect(names(groupOnly)).toEqual(names(all))
    const grants = $((await head.get('/portfolio/organisation?area=Grants')).body)
    expect(
      grants('select#group option')
        .map((_, o) => grants(o).text())
        .get(),
    ).toEqual(['Every group', 'Farms', 'Fishing'])
    const fishing = $((await head.get('/portfolio/organisation?area=Grants&group=Fishing')).body)
    expect(names(fishing)).toEqual(['Fund a fishing club'])
    const csv = await head.get('/portfolio/organisation/export.csv?group=Fishing')
    expect(csv.body).toContain('Fund a fishing club')
    expect(csv.body).toContain('Apply for a farming grant')
  })
})
