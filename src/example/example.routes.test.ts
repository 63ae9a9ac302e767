// The worked example's pages: an administrator sees whether it is loaded, loads it with the
// button, is told when it is already loaded, and removes it after confirming. Real records stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  addPerson,
  buildTestApp,
  formFields,
  setUpInstallation,
  type Agent,
  type TestContext,
} from '../../test/build-test-app.ts'
import { EXAMPLE_THINGS } from './example.data.ts'

/** Loading makes thousands of records through the services: on a busy machine it can take longer than a test's usual 30 seconds. */
const LOADING_TIMEOUT = 120_000

describe('the worked example pages', () => {
  let ctx: TestContext
  let admin: Agent
  let member: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    member = await addPerson(ctx, admin, 'member', 'Mo Member')
  })
  afterAll(() => ctx.close())

  it('is linked from the administration page, for administrators only', async () => {
    const hub = $((await admin.get('/admin')).body)
    expect(hub('a[href="/admin/example"]').text()).toBe('Worked example')
    expect((await member.get('/admin/example')).statusCode).toBe(403)
  })

  it('says the example is not loaded, what loading adds, and offers to load it', async () => {
    const res = await admin.get('/admin/example')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('h1').text()).toBe('Worked example')
    expect(page('[data-testid="example-status"]').text()).toContain('The worked example is not loaded')
    expect(page('main li').first().text()).toContain('50 product people in two business areas')
    expect(page('form[action="/admin/example/load"] button').text().trim()).toBe('Load the worked example')
    expect((await admin.get('/admin/example/remove')).headers.location).toBe('/admin/example')
  })

  it('loads nothing from a post without the form’s confirmation', async () => {
    const res = await admin.post('/admin/example/load', { _csrf: await admin.token('/admin/example') })
    expect(res.statusCode).toBe(400)
    expect($(res.body)('.govuk-error-summary').text()).toContain('Use the button on this page')
    expect((await ctx.app.services.example.status()).loaded).toBe(false)
  })

  it('loads the example with the button and shows what it holds', { timeout: LOADING_TIMEOUT }, async () => {
    const form = await admin.get('/admin/example')
    const res = await admin.post('/admin/example/load', formFields(form.body, '/admin/example/load'))
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/admin/example')
    const page = $((await admin.get('/admin/example')).body)
    expect(page('.govuk-notification-banner').text()).toContain('Worked example loaded')
    expect(page('.govuk-notification-banner').text()).toContain('Added 50 people, 13 things')
    expect(page('[data-testid="example-status"]').text()).toContain('The worked example is loaded')
    const rows = page('.govuk-summary-list__row')
      .map((_, row) => `${page(row).find('dt').text().trim()}: ${page(row).find('dd').text().trim()}`)
      .get()
    expect(rows).toEqual([
      'People: 50 example people',
      'Service: 6',
      'Feature: 4',
      'Capability: 1',
      'Technology: 1',
      'Data: 1',
      'Strategies of areas and the organisation: 3',
      'Objectives: 11',
      'Pieces of insight: 14',
      'Ideas: 3',
      'Quarters of the leadership team’s balance of work: 4',
    ])
    expect(page('form[action="/admin/example/load"]').length).toBe(0)

    // The catalogue shows the example's things, tagged.
    const catalogue = $((await admin.get('/products')).body)
    expect(catalogue('main').text()).toContain('Apply for a street trading licence')
    expect(catalogue('main .govuk-tag').first().text().trim()).toBe('Example')
  })

  it('refuses to load it twice, with a clear message', async () => {
    const res = await admin.post('/admin/example/load', { _csrf: await admin.token('/admin/example'), confirm: 'load' })
    expect(res.statusCode).toBe(409)
    expect($(res.body)('.govuk-error-summary').text()).toContain('The worked example is already loaded')
    expect((await ctx.app.services.example.status()).thingCount).toBe(EXAMPLE_THINGS.length)
  })

  it('asks before removing, removes only with the confirmation, and keeps real records', async () => {
    const real = await ctx.app.services.products.create(
      { id: null, name: 'Test' },
      {
        kind: 'service',
        name: 'Pay a parking fine',
        purpose: '',
        ownerId: null,
        team: '',
        group: '',
        area: '',
        parentId: null,
        uses: [],
        phase: 'live',
        stage: 'maturity',
      },
    )
    const confirm = await admin.get('/admin/example/remove')
    expect(confirm.statusCode).toBe(200)
    const page = $(confirm.body)
    expect(page('h1').text()).toBe('Remove the worked example?')
    expect(page('main').text()).toContain(
      'This removes 50 example people and 6 services, 4 features, 1 capability, 1 piece of technology and 1 kind of data',
    )

    const junk = await admin.post('/admin/example/remove', { _csrf: await admin.token('/admin/example') })
    expect(junk.statusCode).toBe(400)
    expect($(junk.body)('.govuk-error-summary a').attr('href')).toBe('#remove')
    expect((await ctx.app.services.example.status()).loaded).toBe(true)

    const removed = await admin.post('/admin/example/remove', formFields(confirm.body, '/admin/example/remove'))
    expect(removed.statusCode).toBe(303)
    const after = $((await admin.get('/admin/example')).body)
    expect(after('.govuk-notification-banner').text()).toContain(
      'Removed the worked example’s 50 people, 13 things, 11 objectives',
    )
    expect(after('[data-testid="example-status"]').text()).toContain('not loaded')
    expect((await ctx.app.services.products.get(real.id)).name).toBe('Pay a parking fine')
    expect((await admin.get('/admin/people')).body).toContain('Mo Member')
  })
})
