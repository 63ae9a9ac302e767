import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  TEST_PASSWORD,
  addPerson,
  buildTestApp,
  csrfTokenFrom,
  formFields,
  setUpInstallation,
  signIn,
  type TestContext,
} from '../../test/build-test-app.ts'

const errorSummary = (html: string) => $(html)('.govuk-error-summary').text().replace(/\s+/g, ' ').trim()

describe('people (administrators)', () => {
  let ctx: TestContext
  let admin: Agent

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  const find = async (email: string) => {
    const person = (await ctx.app.services.accounts.list()).find(p => p.email === email)
    if (!person) throw new Error(`${email} not found`)
    return person
  }

  it('lists people with their role and status', async () => {
    const res = await admin.get('/admin/people')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('h1').text()).toBe('People')
    const row = page('tbody tr').first()
    expect(row.text()).toContain('Ada Admin')
    expect(row.text()).toContain('ada@example.gov.uk')
    expect(row.text()).toContain('Administrator')
    expect(row.text()).toContain('Active')
  })

  it('keeps what was typed and says what is wrong when the form has errors', async () => {
    const res = await admin.submit('/admin/people/new', '/admin/people/new', {
      name: '',
      email: 'not-an-email',
      role: 'manager',
    })
    expect(res.statusCode).toBe(400)
    const page = $(res.body)
    expect(page('title').text()).toMatch(/^Error: Add a person/)
    expect(
      page('.govuk-error-summary a')
        .map((_, a) => page(a).attr('href'))
        .get(),
    ).toEqual(['#name', '#email', '#role'])
    expect(page('#name-error').text()).toContain('Enter their full name')
    expect(page('#email-error').text()).toContain('Enter an email address in the correct format')
    expect(page('#role-error').text()).toContain('Select a role')
    expect(page('#email').val()).toBe('not-an-email')
  })

  it('keeps the chosen role when only another field is wrong', async () => {
    const res = await admin.submit('/admin/people/new', '/admin/people/new', {
      name: 'Rhea Role',
      email: '',
      role: 'leader',
    })
    expect(res.statusCode).toBe(400)
    const page = $(res.body)
    expect(page('#name').val()).toBe('Rhea Role')
    expect(page('input[name="role"][value="leader"]').attr('checked')).toBeDefined()
  })

  it('refuses an email address someone already has, whatever its capitals', async () => {
    const res = await admin.submit('/admin/people/new', '/admin/people/new', {
      name: 'Second Ada',
      email: 'ADA@example.gov.uk',
      role: 'member',
    })
    expect(res.statusCode).toBe(400)
    expect($(res.body)('#email-error').text()).toContain('Someone with this email address already has an account')
    expect($(res.body)('#name').val()).toBe('Second Ada')
  })

  it('adds a person and shows their set-password link once', async () => {
    const res = await admin.submit('/admin/people/new', '/admin/people/new', {
      name: 'Nina New',
      email: 'Nina.New@Example.gov.uk',
      role: 'editor',
    })
    expect(res.statusCode).toBe(303)
    const person = await find('nina.new@example.gov.uk')
    expect(person).toMatchObject({ name: 'Nina New', role: 'editor', status: 'invited', passwordHash: null })
    expect(res.headers.location).toBe(`/admin/people/${person.id}/link`)

    const linkPage = await admin.get(String(res.headers.location))
    expect(linkPage.statusCode).toBe(200)
    expect($(linkPage.body)('.govuk-panel__title').text().trim()).toBe('Nina New has been added')
    const link = $(linkPage.body)('[data-testid="password-link"]').text().trim()
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:3000\/set-password\/[A-Za-z0-9_-]{43}$/)

    const again = await admin.get(String(res.headers.location))
    expect(again.statusCode).toBe(303)
    expect(again.headers.location).toBe(`/admin/people/${person.id}`)
    expect(again.body).not.toContain(link)

    const list = $((await admin.get('/admin/people')).body)
    expect(
      list('tbody tr')
        .filter((_, tr) => list(tr).text().includes('Nina New'))
        .text(),
    ).toContain('Invited')
  })

  it('makes a new set-password link that replaces the old one', async () => {
    const added = await admin.submit('/admin/people/new', '/admin/people/new', {
      name: 'Olly Old Link',
      email: 'olly@example.gov.uk',
      role: 'member',
    })
    const firstLink = $((await admin.get(String(added.headers.location))).body)('[data-testid="password-link"]')
      .text()
      .trim()
    const person = await find('olly@example.gov.uk')
    const made = await admin.submit(`/admin/people/${person.id}`, `/admin/people/${person.id}/password-link`, {})
    expect(made.statusCode).toBe(303)
    const page = $((await admin.get(String(made.headers.location))).body)
    expect(page('.govuk-panel__title').text().trim()).toBe('New link for Olly Old Link')
    const secondLink = page('[data-testid="password-link"]').text().trim()
    expect(secondLink).not.toBe(firstLink)

    const oldBrowser = new Agent(ctx.app)
    await oldBrowser.get(new URL(firstLink).pathname)
    expect((await oldBrowser.get('/set-password')).statusCode).toBe(404)

    const newBrowser = new Agent(ctx.app)
    await newBrowser.get(new URL(secondLink).pathname)
    const form = await newBrowser.get('/set-password')
    expect(form.statusCode).toBe(200)
    expect($(form.body)('main').text()).toContain('as olly@example.gov.uk')
    const set = await newBrowser.post('/set-password', {
      _csrf: csrfTokenFrom(form.body),
      password: 'a passphrase chosen by them',
      confirmPassword: 'a passphrase chosen by them',
    })
    expect(set.statusCode).toBe(303)
    expect((await find('olly@example.gov.uk')).status).toBe('active')
  })

  it('answers 404 for someone who does not exist', async () => {
    const res = await admin.get('/admin/people/00000000-0000-4000-8000-000000000000')
    expect(res.statusCode).toBe(404)
    expect($(res.body)('h1').text()).toBe('Page not found')
  })

  it('changes a person’s name and role', async () => {
    await addPerson(ctx, admin, 'member', 'Cam Change')
    const person = await find('cam.change@example.gov.uk')
    const form = await admin.get(`/admin/people/${person.id}`)
    const res = await admin.post(`/admin/people/${person.id}`, {
      ...formFields(form.body, `/admin/people/${person.id}`),
      name: 'Cam Changed',
      role: 'leader',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/admin/people')
    const after = await find('cam.change@example.gov.uk')
    expect(after).toMatchObject({ name: 'Cam Changed', role: 'leader', version: person.version + 1 })
    expect((await admin.get('/admin/people')).body).toContain('Cam Changed has been updated')
  })

  it('shows the other change and keeps yours when someone saved the person in the meantime', async () => {
    await addPerson(ctx, admin, 'member', 'Vic Version')
    const person = await find('vic.version@example.gov.uk')
    const otherAdmin = await signIn(ctx, 'ada@example.gov.uk')
    const mine = await admin.get(`/admin/people/${person.id}`)
    const theirs = await otherAdmin.get(`/admin/people/${person.id}`)

    const first = await otherAdmin.post(`/admin/people/${person.id}`, {
      ...formFields(theirs.body, `/admin/people/${person.id}`),
      name: 'Victoria Version',
    })
    expect(first.statusCode).toBe(303)

    const second = await admin.post(`/admin/people/${person.id}`, {
      ...formFields(mine.body, `/admin/people/${person.id}`),
      name: 'Vic V. Version',
      role: 'editor',
    })
    expect(second.statusCode).toBe(409)
    const page = $(second.body)
    expect(page('title').text()).toMatch(/^Error: /)
    expect(errorSummary(second.body)).toContain('Someone else changed this person while you were editing')
    expect(page('.govuk-summary-list').text()).toContain('Victoria Version')
    expect(page('#name').val()).toBe('Vic V. Version')
    expect(page('input[name="role"][value="editor"]').attr('checked')).toBeDefined()
    expect(page('input[name="version"]').val()).toBe(String(person.version + 1))
    expect((await find('vic.version@example.gov.uk')).name).toBe('Victoria Version')

    const resend = await admin.post(`/admin/people/${person.id}`, formFields(second.body, `/admin/people/${person.id}`))
    expect(resend.statusCode).toBe(303)
    expect(await find('vic.version@example.gov.uk')).toMatchObject({ name: 'Vic V. Version', role: 'editor' })
  })

  it('keeps at least one active administrator, and lets nobody change their own role or status', async () => {
    const ada = await find('ada@example.gov.uk')
    for (const [field, value] of [
      ['role', 'member'],
      ['status', 'disabled'],
    ] as const) {
      const form = await admin.get(`/admin/people/${ada.id}`)
      const res = await admin.post(`/admin/people/${ada.id}`, {
        ...formFields(form.body, `/admin/people/${ada.id}`),
        [field]: value,
      })
      expect(res.statusCode).toBe(400)
      expect($(res.body)(`#${field}-error`).text()).toContain('You cannot change')
    }
    expect(await find('ada@example.gov.uk')).toMatchObject({ role: 'administrator', status: 'active' })

    // With a second administrator, the first can step down.
    const second = await addPerson(ctx, admin, 'administrator', 'Sam Second')
    const form = await second.get(`/admin/people/${ada.id}`)
    const res = await second.post(`/admin/people/${ada.id}`, {
      ...formFields(form.body, `/admin/people/${ada.id}`),
      role: 'editor',
    })
    expect(res.statusCode).toBe(303)
    expect((await find('ada@example.gov.uk')).role).toBe('editor')
    // The last one left cannot.
    const samId = (await find(second.email)).id
    const own = await second.get(`/admin/people/${samId}`)
    const refused = await second.post(`/admin/people/${samId}`, {
      ...formFields(own.body, `/admin/people/${samId}`),
      role: 'member',
    })
    expect(refused.statusCode).toBe(400)
  })

  it('records what administrators do in the audit log', async () => {
    const events = await ctx.app.services.audit.list({ subjectType: 'person' }, 1)
    const actions = events.events.map(e => e.action)
    expect(actions).toContain('person.added')
    expect(actions).toContain('person.updated')
    expect(actions).toContain('person.password-link-created')
    expect(actions).toContain('person.password-set')
    expect(events.events.find(e => e.summary.includes('role from administrator to editor'))).toBeDefined()
  })
})

describe('your account', () => {
  let ctx: TestContext
  let member: Agent & { email: string; name: string }

  beforeAll(async () => {
    ctx = await buildTestApp()
    const admin = await setUpInstallation(ctx)
    member = await addPerson(ctx, admin, 'member', 'Andi Account')
  })
  afterAll(() => ctx.close())

  it('shows your name, email address and role', async () => {
    const res = await member.get('/account')
    expect(res.statusCode).toBe(200)
    const list = $(res.body)('.govuk-summary-list').text().replace(/\s+/g, ' ')
    expect(list).toContain('Andi Account')
    expect(list).toContain(member.email)
    expect(list).toContain('Member')
  })

  it('asks for the new password twice', async () => {
    const res = await member.submit('/account/password', '/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
      confirmPassword: 'a different passphrase',
    })
    expect(res.statusCode).toBe(400)
    expect($(res.body)('#confirmPassword-error').text()).toContain('The passwords do not match')
  })

  it('will not use your email address as your password', async () => {
    const local = member.email.split('@')[0] ?? ''
    const res = await member.submit('/account/password', '/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: `${local}-2026-password`,
      confirmPassword: `${local}-2026-password`,
    })
    expect(res.statusCode).toBe(400)
    expect($(res.body)('#newPassword-error').text()).toContain('must not contain your email address')
  })

  it('signs out with a confirmation page', async () => {
    const page = await member.get('/sign-out')
    expect($(page.body)('h1').text()).toBe('Sign out')
    const res = await member.post('/sign-out', { _csrf: csrfTokenFrom(page.body) })
    expect(res.headers.location).toBe('/sign-out')
    expect($((await member.get('/sign-out')).body)('h1').text()).toBe('You are signed out')
  })
})
