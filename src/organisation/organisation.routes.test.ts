import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  buildTestApp,
  formFields,
  setUpInstallation,
  signIn,
  type TestContext,
} from '../../test/build-test-app.ts'

describe('administration', () => {
  let ctx: TestContext
  let admin: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  const save = async (changes: Record<string, string>, browser = admin) => {
    const form = await browser.get('/admin/settings')
    return browser.post('/admin/settings', { ...formFields(form.body, '/admin/settings'), ...changes })
  }

  it('lists the administration tools', async () => {
    const res = await admin.get('/admin')
    expect(res.statusCode).toBe(200)
    const links = $(res.body)('main a')
      .map((_, a) => $(res.body)(a).attr('href'))
      .get()
    expect(links).toEqual(['/admin/people', '/admin/settings', '/admin/audit-log', '/admin/email', '/admin/example'])
    expect($(res.body)('.govuk-service-navigation__item--active').text()).toContain('Administration')
  })

  it('shows the current settings in the form', async () => {
    const res = await admin.get('/admin/settings')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('#name').val()).toBe('Department for Testing')
    expect(page('#logoText').val()).toBe('DfT Digital')
    expect(page('#brandColour').val()).toBe('#1d70b8')
    expect(page('input[name="pathwayShape"][value="enterprise"]').attr('checked')).toBeDefined()
    expect(page('input[name="phase"][value="none"]').attr('checked')).toBeDefined()
    expect(page('input[name="publicHandbook"][value="off"]').attr('checked')).toBeDefined()
    expect(page('input[name="version"]').val()).toBe('1')
  })

  it('says what is wrong and keeps what was typed', async () => {
    const res = await save({ name: '', logoText: 'x'.repeat(41), brandColour: '#eeeeee' })
    expect(res.statusCode).toBe(400)
    const page = $(res.body)
    expect(page('title').text()).toMatch(/^Error: Settings/)
    expect(
      page('.govuk-error-summary a')
        .map((_, a) => page(a).attr('href'))
        .get(),
    ).toEqual(['#name', '#logoText', '#brandColour'])
    expect(page('#name-error').text()).toContain('Enter the name of your organisation')
    expect(page('#logoText-error').text()).toContain('Logo text must be 40 characters or fewer')
    expect(page('#brandColour-error').text()).toContain('dark enough')
    expect(page('#logoText').val()).toBe('x'.repeat(41))
    expect(page('#brandColour').val()).toBe('#eeeeee')
    expect((await ctx.app.services.organisation.get())?.name).toBe('Department for Testing')
  })

  it('needs a feedback link when a phase banner is shown', async () => {
    const res = await save({ phase: 'alpha', feedbackUrl: '' })
    expect(res.statusCode).toBe(400)
    expect($(res.body)('#feedbackUrl-error').text()).toContain('Enter a feedback link')
    expect($(res.body)('input[name="phase"][value="alpha"]').attr('checked')).toBeDefined()
  })

  it.each(['http://example.gov.uk/feedback', 'javascript:alert(1)', 'example.gov.uk', 'mailto:not an email'])(
    'refuses %s as the feedback link',
    async feedbackUrl => {
      const res = await save({ phase: 'beta', feedbackUrl })
      expect(res.statusCode).toBe(400)
      expect($(res.body)('#feedbackUrl-error').text()).toContain('full web address starting with https://')
    },
  )

  it('shows the phase banner with the feedback link on every page, to everyone', async () => {
    const res = await save({ phase: 'beta', feedbackUrl: 'https://forms.example.gov.uk/valuekit' })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/admin/settings')
    const saved = await admin.get('/admin/settings')
    expect($(saved.body)('.govuk-notification-banner').text()).toContain('Settings saved')

    for (const [browser, url] of [
      [admin, '/'],
      [admin, '/handbook/scrum'],
      [new Agent(ctx.app), '/sign-in'],
      [new Agent(ctx.app), '/accessibility'],
    ] as const) {
      const page = $((await browser.get(url)).body)
      const banner = page('.govuk-phase-banner')
      expect(banner.length, url).toBe(1)
      expect(banner.find('.govuk-tag').text().trim(), url).toBe('Beta')
      expect(banner.find('a').attr('href'), url).toBe('https://forms.example.gov.uk/valuekit')
    }

    expect((await save({ phase: 'none', feedbackUrl: '' })).statusCode).toBe(303)
    expect($((await admin.get('/')).body)('.govuk-phase-banner').length).toBe(0)
  })

  it('accepts an email feedback link', async () => {
    const res = await save({ phase: 'alpha', feedbackUrl: 'mailto:product@example.gov.uk' })
    expect(res.statusCode).toBe(303)
    expect($((await admin.get('/')).body)('.govuk-phase-banner a').attr('href')).toBe('mailto:product@example.gov.uk')
  })

  it('colours the service with the brand colour', async () => {
    expect((await save({ brandColour: '00703C' })).statusCode).toBe(303)
    const css = await new Agent(ctx.app).get('/brand.css')
    expect(css.statusCode).toBe(200)
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8')
    expect(css.body).toBe(':root{--govuk-brand-colour:#00703c}\n')
    const page = $((await admin.get('/')).body)
    expect(page('link[href^="/brand.css"]').attr('href')).toBe('/brand.css?v=00703c')
    expect(page('meta[name="theme-color"]').attr('content')).toBe('#00703c')
  })

  it('changes the name and logo text shown at the top of every page', async () => {
    expect((await save({ name: 'Department for Renamed Things', logoText: 'DRT' })).statusCode).toBe(303)
    const page = $((await new Agent(ctx.app).get('/sign-in')).body)
    expect(page('header.govuk-template__header').text()).toContain('DRT')
    expect(page('title').text()).toContain('Department for Renamed Things')
  })

  it('shows the other version and keeps yours when someone saved the settings in the meantime', async () => {
    const other = await signIn(ctx, 'ada@example.gov.uk')
    const mine = await admin.get('/admin/settings')
    const theirs = await other.get('/admin/settings')
    const version = Number($(mine.body)('input[name="version"]').val())

    const first = await other.post('/admin/settings', {
      ...formFields(theirs.body, '/admin/settings'),
      name: 'Their Organisation Name',
    })
    expect(first.statusCode).toBe(303)

    const second = await admin.post('/admin/settings', {
      ...formFields(mine.body, '/admin/settings'),
      name: 'My Organisation Name',
      logoText: 'MINE',
    })
    expect(second.statusCode).toBe(409)
    const page = $(second.body)
    expect(page('title').text()).toMatch(/^Error: /)
    expect(page('.govuk-error-summary').text()).toContain('Someone else changed the settings while you were editing')
    expect(page('.govuk-summary-list').text()).toContain('Their Organisation Name')
    expect(page('#name').val()).toBe('My Organisation Name')
    expect(page('#logoText').val()).toBe('MINE')
    expect(page('input[name="version"]').val()).toBe(String(version + 1))
    expect((await ctx.app.services.organisation.get())?.name).toBe('Their Organisation Name')

    const resent = await admin.post('/admin/settings', formFields(second.body, '/admin/settings'))
    expect(resent.statusCode).toBe(303)
    expect(await ctx.app.services.organisation.get()).toMatchObject({ name: 'My Organisation Name', logoText: 'MINE' })
  })

  it('records each change in the audit log, naming what changed', async () => {
    const events = await ctx.app.services.audit.list({ action: 'organisation.updated' }, 1)
    expect(events.total).toBeGreaterThanOrEqual(5)
    const summaries = events.events.map(e => e.summary)
    expect(summaries).toContain('Changed brand colour')
    expect(summaries).toContain('Changed organisation name, logo text')
    expect(summaries.some(s => s.includes('phase banner') && s.includes('feedback link'))).toBe(true)
  })
})
