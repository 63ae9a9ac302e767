// Strategy at a larger scale through its pages: an area's and the organisation's strategy are
// started by someone who may change them (a visit never writes), use the same document and roadmap pages as a thing's, are changed only
// by the area's lead (or heads of product and administrators), and never show up as a thing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  addPersonWithId,
  buildTestApp,
  formFields,
  saveTestProfile,
  setUpInstallation,
  type Agent,
  type TestContext,
} from '../../../test/build-test-app.ts'
import { DIALECTS } from '../../../test/dialects.ts'
import { createThing } from '../../../test/products.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'
import type { Product } from '../products.types.ts'

describe.each(DIALECTS)('strategies of areas and the organisation (%s)', dialect => {
  let ctx: TestContext
  let admin: Agent
  let lead: Agent
  let otherLead: Agent
  let pm: Agent
  let head: Agent
  let areaPath: string
  let orgPath: string
  let grant: Product

  beforeAll(async () => {
    ctx = await buildTestApp({ dialect })
    admin = await setUpInstallation(ctx)
    const add = async (name: string, profile: Parameters<typeof saveTestProfile>[2]) => {
      const person = await addPersonWithId(ctx, admin, 'member', name)
      await saveTestProfile(ctx, person.id, profile)
      return person
    }
    lead = await add('Lena Lead', { careerRole: 'lead-product-manager', businessArea: 'Benefits' })
    otherLead = await add('Lars Lead', { careerRole: 'lead-product-manager', businessArea: 'Tax' })
    pm = await add('Pia Manager', { careerRole: 'product-manager', businessArea: 'Benefits' })
    head = await add('Hope Head', { careerRole: 'head-of-product', headOfProfession: true, businessArea: 'Central' })
    grant = await createThing(ctx, { name: 'Apply for a grant', purpose: 'People apply for a grant', area: 'Benefits' })
  })
  afterAll(() => ctx.close())

  const open = async (agent: Agent, path: string) => {
    const res = await agent.get(path)
    expect(res.statusCode).toBe(303)
    return String(res.headers.location)
  }

  it('starts a strategy only when someone who may change it asks, never on a visit', async () => {
    const before = await pm.get('/strategy/areas/Benefits')
    expect(before.statusCode).toBe(200)
    expect($(before.body)('h1').text()).toBe('Strategy for the Benefits area')
    expect(before.body).toContain('Nobody has started this strategy yet.')
    expect($(before.body)('form[action="/strategy/areas/Benefits"]')).toHaveLength(0)
    expect((await pm.post('/strategy/areas/Benefits', { _csrf: await pm.token() })).statusCode).toBe(403)
    expect((await otherLead.post('/strategy/areas/Benefits', { _csrf: await otherLead.token() })).statusCode).toBe(403)
    expect((await lead.get('/strategy/areas/Benefits')).body).toContain('Start the strategy')

    const started = await lead.submit('/strategy/areas/Benefits', '/strategy/areas/Benefits', {})
    expect(started.statusCode).toBe(303)
    areaPath = String(started.headers.location)
    expect(areaPath).toMatch(/^\/products\/[0-9a-f-]{36}$/)
    // Starting it again leads to the same record; a visit leads there too.
    expect(String((await lead.post('/strategy/areas/Benefits', { _csrf: await lead.token() })).headers.location)).toBe(
      areaPath,
    )
    expect(await open(pm, '/strategy/areas/Benefits')).toBe(areaPath)

    expect((await pm.post('/strategy/organisation', { _csrf: await pm.token() })).statusCode).toBe(403)
    const org = await head.submit('/strategy/organisation', '/strategy/organisation', {})
    orgPath = String(org.headers.location)
    expect(orgPath).not.toBe(areaPath)
    expect(await open(pm, '/strategy/organisation')).toBe(orgPath)
    expect((await pm.get('/strategy/areas/Nowhere')).statusCode).toBe(404)
    expect((await lead.post('/strategy/areas/Nowhere', { _csrf: await lead.token() })).statusCode).toBe(404)
  })

  it('lists the organisation and every area, saying who can change which', async () => {
    const page = await lead.get('/strategy')
    expect(page.statusCode).toBe(200)
    const $page = $(page.body)
    expect(
      $page('[data-testid="area-strategies"] a')
        .map((_, a) => $page(a).text())
        .get(),
    ).toEqual(['Strategy for the Benefits area', 'Strategy for the Central area', 'Strategy for the Tax area'])
    const benefits = $page('[data-testid="area-strategies"] li').first().text()
    expect(benefits).toContain('you can change it')
    expect($page('[data-testid="organisation-strategy"]').text()).not.toContain('you can change it')
  })

  it('shows the strategy page of an area without a thing’s details, phase or naming advice', async () => {
    const page = await pm.get(areaPath)
    expect(page.statusCode).toBe(200)
    const $page = $(page.body)
    expect($page('h1').text()).toBe('Strategy for the Benefits area')
    expect($page('main').text()).not.toContain('Phase and stage history')
    expect($page('main').text()).not.toContain('Publish in the open')
    expect($page('[data-testid="name-guidance"]').length).toBe(0)
    expect($page('[data-testid="part-objectives"]').text()).toContain('What the area means to achieve')
    expect($page('[data-testid="part-problem-statement"]').length).toBe(1)
    expect($page('[data-testid="part-roadmap"]').length).toBe(1)
    const flags = $page('[data-testid="flags"]').text()
    expect(flags).toContain('There is no problem statement yet')
    expect(flags).not.toContain('The name starts with a noun')
  })

  it('shows the objectives set for the area, and only those, as they change', async () => {
    const { objectives, metrics } = ctx.app.services
    const quarter = objectives.currentQuarter()
    const metric = await metrics.create(SYSTEM_ACTOR, grant, {
      name: 'Grants paid on time',
      definition: 'Grants paid within ten days over grants approved',
      unit: '%',
      direction: 'higher',
      baseline: 50,
      target: 90,
      targetDate: null,
    })
    const input = { description: '', parentId: null, metricIds: [metric.id], itemIds: [] }
    const area = { level: 'area' as const, area: 'Benefits', group: '', productId: null, name: 'Benefits' }
    await objectives.create(SYSTEM_ACTOR, area, quarter, { ...input, title: 'One way to pay in the area' })
    await objectives.create(
      SYSTEM_ACTOR,
      { level: 'organisation', area: '', group: '', productId: null, name: 'The organisation' },
      quarter,
      {
        ...input,
        title: 'An organisation objective',
      },
    )
    const part = $((await pm.get(areaPath)).body)('[data-testid="part-objectives"]').text()
    expect(part).toContain('One way to pay in the area: not measured yet')
    expect(part).not.toContain('An organisation objective')
    // Not a cached copy: a new objective shows at once.
    await objectives.create(SYSTEM_ACTOR, area, quarter, { ...input, title: 'Fewer forms' })
    expect($((await pm.get(areaPath)).body)('[data-testid="part-objectives"]').text()).toContain('Fewer forms')
  })

  it('lets the area’s lead write its problem statement and roadmap, and the head of product read them', async () => {
    const edit = `${areaPath}/problem-statement/edit`
    expect((await pm.get(edit)).statusCode).toBe(403)
    expect((await otherLead.get(edit)).statusCode).toBe(403)
    const fields = formFields((await lead.get(edit)).body, edit)
    const saved = await lead.post(edit, { ...fields, problem: 'Teams in the area each build their own payments' })
    expect(saved.statusCode).toBe(303)

    const add = `${areaPath}/roadmap/new`
    expect((await pm.get(add)).statusCode).toBe(403)
    const itemFields = formFields((await lead.get(add)).body, add)
    const item = await lead.post(add, {
      ...itemFields,
      column: 'now',
      problem: 'Payments are built three times',
      outcome: 'One way to take a payment',
      metricId: '',
    })
    expect(item.statusCode).toBe(303)

    const page = $((await head.get(areaPath)).body)
    expect(page('[data-testid="part-problem-statement"]').text()).toContain(
      'Teams in the area each build their own payments',
    )
    expect(page('[data-testid="part-roadmap"]').text()).toContain('Payments are built three times')
    expect(page('[data-testid="flags"]').text()).not.toContain('There is no problem statement yet')

    // Its pages lead back to the list of strategies, not to the catalogue of things.
    const roadmap = $((await head.get(`${areaPath}/roadmap`)).body)
    expect(
      roadmap('.govuk-breadcrumbs a')
        .map((_, a) => roadmap(a).attr('href'))
        .get(),
    ).toEqual(['/strategy', areaPath])
  })

  it('lets only heads of product and administrators change the organisation’s strategy', async () => {
    const edit = `${orgPath}/problem-statement/edit`
    expect((await lead.get(edit)).statusCode).toBe(403)
    expect((await pm.get(edit)).statusCode).toBe(403)
    expect((await head.get(edit)).statusCode).toBe(200)
    expect((await admin.get(edit)).statusCode).toBe(200)
    const page = $((await pm.get(orgPath)).body)
    expect(page('h1').text()).toBe('Strategy for the organisation')
  })

  it('never treats a strategy record as a thing', async () => {
    const catalogue = $((await pm.get('/products')).body)
    expect(catalogue('main').text()).toContain('Apply for a grant')
    expect(catalogue('main').text()).not.toContain('Strategy for the')
    expect((await ctx.app.services.products.list({}, 1)).total).toBe(1)
    for (const rest of ['/edit', '/move', '/delete', '/history', '/publish'])
      expect((await admin.get(`${areaPath}${rest}`)).statusCode, rest).toBe(404)
    const areaView = $((await lead.get('/portfolio/areas/Benefits')).body)
    expect(areaView('main').text()).toContain('Apply for a grant')
    expect(areaView('[data-testid="view-strategy"] a').attr('href')).toBe('/strategy/areas/Benefits')
    const figures = await ctx.app.services.portfolio.figures({ level: 'area', area: 'Benefits', group: null })
    expect(figures.map(f => f.name)).toEqual(['Apply for a grant'])
    const portfolio = $((await head.get('/portfolio')).body)
    expect(portfolio('[data-testid="portfolio-strategies"] a').first().attr('href')).toBe('/strategy/organisation')
  })

  it('exports an area’s strategy as Markdown with its title and no thing’s details', async () => {
    const res = await pm.get(`${areaPath}/strategy.md`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('# Strategy for the Benefits area')
    expect(res.body).toContain('Teams in the area each build their own payments')
    expect(res.body).not.toContain('**Phase:**')
  })
})
