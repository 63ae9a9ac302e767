import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { $, Agent, TEST_PASSWORD, buildTestApp, signIn, type TestContext } from '../../test/build-test-app.ts'

const VALID = {
  organisationName: 'Department for Rural Affairs',
  logoText: 'DRA Digital',
  brandColour: '#1d70b8',
  pathwayShape: 'medium',
  adminName: 'Fran First',
  adminEmail: 'Fran.First@example.gov.uk',
  password: TEST_PASSWORD,
  confirmPassword: TEST_PASSWORD,
}

describe('first-run set-up', () => {
  let ctx: TestContext
  let browser: Agent

  beforeEach(async () => {
    ctx = await buildTestApp()
    const token = await ctx.app.services.setup.issueSetupToken()
    browser = new Agent(ctx.app)
    await browser.get(`/setup/${token}`)
  })
  afterEach(() => ctx.close())

  const send = (fields: Record<string, string>) => browser.submit('/setup', '/setup', { ...VALID, ...fields })

  it('tells visitors the service is not set up yet', async () => {
    const res = await new Agent(ctx.app).get('/')
    expect(res.statusCode).toBe(200)
    expect($(res.body)('h1').text()).toBe('Valuekit is not set up yet')
    // No default account: nobody exists until set-up makes the first administrator.
    expect(await ctx.app.services.accounts.list()).toEqual([])
    expect((await new Agent(ctx.app).get('/sign-in')).statusCode).toBe(200)
  })

  it('shows the form with sensible starting values to whoever holds the link', async () => {
    const res = await browser.get('/setup')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('h1').text()).toBe('Set up Valuekit')
    expect(page('#brandColour').val()).toBe('#1d70b8')
    expect(page('input[name="pathwayShape"][value="enterprise"]').attr('checked')).toBeDefined()
  })

  it('keeps what was typed, except passwords, when there are errors', async () => {
    const res = await send({ adminEmail: 'fran at example', confirmPassword: 'something else entirely' })
    expect(res.statusCode).toBe(400)
    const page = $(res.body)
    expect(page('title').text()).toMatch(/^Error: Set up Valuekit/)
    expect(
      page('.govuk-error-summary a')
        .map((_, a) => page(a).attr('href'))
        .get(),
    ).toEqual(['#adminEmail', '#confirmPassword'])
    expect(page('#adminEmail-error').text()).toContain('Enter an email address in the correct format')
    expect(page('#confirmPassword-error').text()).toContain('The passwords do not match')
    expect(page('#organisationName').val()).toBe(VALID.organisationName)
    expect(page('#logoText').val()).toBe(VALID.logoText)
    expect(page('#adminName').val()).toBe(VALID.adminName)
    expect(page('#adminEmail').val()).toBe('fran at example')
    expect(page('input[name="pathwayShape"][value="medium"]').attr('checked')).toBeDefined()
    expect(page('#password').val() ?? '').toBe('')
    expect(page('#confirmPassword').val() ?? '').toBe('')
    expect(res.body).not.toContain(TEST_PASSWORD)
    expect(await ctx.app.services.setup.needsSetup()).toBe(true)
  })

  it('asks for everything that is required', async () => {
    const res = await browser.submit('/setup', '/setup', {})
    expect(res.statusCode).toBe(400)
    const summary = $(res.body)('.govuk-error-summary').text()
    for (const message of [
      'Enter the name of your organisation',
      'Enter a brand colour',
      'Select the shape of your career pathway',
      'Enter your full name',
      'Enter your email address',
      'Enter a password',
    ]) {
      expect(summary).toContain(message)
    }
  })

  it.each([
    ['a colour too light for white text', '#ffdd00', 'Brand colour must be dark enough for white text'],
    ['a colour name', 'blue', 'Enter the brand colour as a hex code of 6 characters'],
    ['a short hex code', '#fff', 'Enter the brand colour as a hex code of 6 characters'],
  ])('refuses %s as the brand colour', async (_label, brandColour, message) => {
    const res = await send({ brandColour })
    expect(res.statusCode).toBe(400)
    expect($(res.body)('#brandColour-error').text()).toContain(message)
    expect($(res.body)('#brandColour').val()).toBe(brandColour)
  })

  it('refuses a common password', async () => {
    const res = await send({ password: 'password123456', confirmPassword: 'password123456' })
    expect(res.statusCode).toBe(400)
    expect($(res.body)('#password-error').text()).toContain('This password is too common')
  })

  it('creates the first administrator, signs them in and loads the starter handbook', async () => {
    const res = await send({ brandColour: '00703C', logoText: '' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/')

    const home = await browser.get('/')
    expect(home.statusCode).toBe(200)
    expect($(home.body)('.govuk-notification-banner').text()).toContain('Valuekit is set up')
    expect($(home.body)('header.govuk-template__header').text()).toContain(VALID.organisationName)

    const people = await ctx.app.services.accounts.list()
    expect(people).toHaveLength(1)
    expect(people[0]).toMatchObject({
      name: 'Fran First',
      email: 'fran.first@example.gov.uk',
      role: 'administrator',
      status: 'active',
    })

    const org = await ctx.app.services.organisation.get()
    expect(org).toMatchObject({
      name: VALID.organisationName,
      logoText: VALID.organisationName,
      brandColour: '#00703c',
      pathwayShape: 'medium',
      phase: 'none',
      publicHandbook: false,
    })

    const contents = await ctx.app.services.handbook.contents()
    expect(contents.sections.length).toBeGreaterThanOrEqual(5)
    expect((await browser.get('/handbook/scrum')).statusCode).toBe(200)

    const audit = await ctx.app.services.audit.list({}, 1)
    const actions = audit.events.map(e => e.action)
    expect(actions).toContain('organisation.created')
    expect(actions).toContain('person.added')
    expect(audit.events.every(e => e.actorName === 'Fran First')).toBe(true)

    // The new administrator can sign in again with what they chose.
    const again = await signIn(ctx, 'fran.first@example.gov.uk')
    expect((await again.get('/admin')).statusCode).toBe(200)
  })

  it('offers the 2025 framework by default and starts the framework as chosen', async () => {
    const form = $((await browser.get('/setup')).body)
    expect(form('input[name="framework"][value="2025"]').attr('checked')).toBeDefined()
    expect(form('input[name="leadership"][value="yes"]').attr('checked')).toBeUndefined()

    const kept = await send({ framework: '2017', leadership: 'yes', adminEmail: 'not an email' })
    expect(kept.statusCode).toBe(400)
    expect($(kept.body)('input[name="framework"][value="2017"]').attr('checked')).toBeDefined()
    expect($(kept.body)('input[name="leadership"][value="yes"]').attr('checked')).toBeDefined()

    expect((await send({ framework: '2017', leadership: 'yes' })).statusCode).toBe(303)
    const current = await ctx.app.services.framework.current()
    expect(current).toMatchObject({ number: 1, createdByName: 'Fran First' })
    expect(current.document.key).toBe('ddat-2017')
    // The starter handbook is tagged with the 2017 skills, so the pathway can suggest its pages.
    const scrum = await ctx.app.services.handbook.page('scrum')
    expect(scrum.skills).toContain('working-with-agility')
    expect(scrum.skills).not.toContain('agile-and-lean-practices')
    expect(current.document.skills.filter(s => s.group === 'leadership')).toHaveLength(6)
  })

  it('starts from the 2025 framework without the leadership capabilities when nothing else is chosen', async () => {
    expect((await send({})).statusCode).toBe(303)
    const current = await ctx.app.services.framework.current()
    expect(current.document.key).toBe('ddat-2025')
    expect(current.document.skills.some(s => s.group === 'leadership')).toBe(false)
    expect(await ctx.app.services.framework.versions()).toHaveLength(1)
  })

  it('offers the worked example, unticked, and loads nothing unless it is ticked', async () => {
    const form = $((await browser.get('/setup')).body)
    const box = form('input[name="example"][value="yes"]')
    expect(box.attr('type')).toBe('checkbox')
    expect(box.attr('checked')).toBeUndefined()
    expect(
      form(`label[for="${box.attr('id')}"]`)
        .text()
        .trim(),
    ).toBe('Load a worked example to explore Valuekit')
    expect((await send({})).statusCode).toBe(303)
    expect((await ctx.app.services.example.status()).loaded).toBe(false)
  })

  it('loads the worked example after set-up when it is ticked, with the administrator as the one who loaded it', async () => {
    expect((await send({ example: 'yes', pathwayShape: 'small' })).statusCode).toBe(303)
    const home = await browser.get('/')
    expect($(home.body)('.govuk-notification-banner').text()).toContain('Valuekit is set up, with the worked example')
    const status = await ctx.app.services.example.status()
    expect(status).toMatchObject({ loaded: true, people: 50, thingCount: 13 })
    // A small pathway has no senior or lead product managers: they were given the role below.
    const people = await ctx.app.services.people.list({ withProfileOnly: true })
    expect(new Set(people.map(p => p.careerRole))).toEqual(
      new Set(['head-of-product', 'product-manager', 'associate-product-manager']),
    )
    const imported = await ctx.app.services.audit.list({ action: 'people.imported' }, 1)
    expect(imported.events[0]?.actorName).toBe('Fran First')
  })

  it('closes once it is done', async () => {
    expect((await send({})).statusCode).toBe(303)
    const later = await browser.get('/setup')
    expect(later.statusCode).toBe(303)
    expect(later.headers.location).toBe('/')
    const resent = await browser.post('/setup', {
      _csrf: await browser.token(),
      ...VALID,
      adminEmail: 'x@example.gov.uk',
    })
    expect(resent.statusCode).toBe(403)
    expect(await ctx.app.services.accounts.list()).toHaveLength(1)
  })
})
