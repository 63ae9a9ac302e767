// The reminder settings page through HTTP: everyone sees a weekly digest on Mondays until they
// choose; a form with a problem shows it in the error summary, linked to its field, keeping
// what was chosen; a saved choice shows again; and administrators see digests on the email page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  addPersonWithId,
  buildTestApp,
  saveTestProfile,
  setUpInstallation,
  type Agent,
  type TestContext,
} from '../../test/build-test-app.ts'
import { DIALECTS } from '../../test/dialects.ts'

describe.each(DIALECTS)('reminder settings page on %s', dialect => {
  let ctx: TestContext
  let admin: Agent
  let member: Agent & { id: string }

  beforeAll(async () => {
    ctx = await buildTestApp({
      dialect,
      env: { SMTP_URL: 'smtp://127.0.0.1:2', EMAIL_FROM: 'Valuekit <valuekit@test.invalid>' },
    })
    admin = await setUpInstallation(ctx)
    member = await addPersonWithId(ctx, admin, 'member', 'Rita Reminded')
  })
  afterAll(() => ctx.close())

  it('is linked from your account and starts at a weekly email on Mondays', async () => {
    expect($((await member.get('/account')).body)('a[href="/account/email"]').text()).toContain('reminder emails')
    const page = $((await member.get('/account/email')).body)
    expect(page('h1').text()).toBe('Reminder emails')
    expect(page('[data-testid="reminders-current"]').text()).toContain('on Mondays')
    expect(page('input[name="frequency"][value="weekly"]').is(':checked')).toBe(true)
    expect(page('select[name="weekday"] option:selected').text()).toBe('Monday')
  })

  it('shows each problem in the error summary, linked to its field, and keeps what was chosen', async () => {
    const res = await member.submit('/account/email', '/account/email', { weekday: '9' })
    expect(res.statusCode).toBe(400)
    const page = $(res.body)
    expect(page('title').text()).toMatch(/^Error: /)
    expect(
      page('.govuk-error-summary a')
        .map((_, a) => page(a).attr('href'))
        .get(),
    ).toEqual(['#frequency'])
    const both = $(
      (await member.submit('/account/email', '/account/email', { frequency: 'weekly', weekday: 'someday' })).body,
    )
    expect(
      both('.govuk-error-summary a')
        .map((_, a) => both(a).attr('href'))
        .get(),
    ).toEqual(['#weekday'])
    expect(both('input[name="frequency"][value="weekly"]').is(':checked')).toBe(true)
    expect(both('#weekday-error').text()).toContain('Choose the day of the week')
  })

  it('saves a choice of day, and a choice of no reminders', async () => {
    const saved = await member.submit('/account/email', '/account/email', { frequency: 'weekly', weekday: '4' })
    expect(saved.statusCode).toBe(303)
    const page = $((await member.get('/account/email')).body)
    expect(page('.govuk-notification-banner').text()).toContain('Your reminder emails are set')
    expect(page('[data-testid="reminders-current"]').text()).toContain('on Thursdays')
    expect(page('select[name="weekday"] option:selected').text()).toBe('Thursday')

    await member.submit('/account/email', '/account/email', { frequency: 'off', weekday: '4' })
    const off = $((await member.get('/account/email')).body)
    expect(off('[data-testid="reminders-current"]').text()).toContain('You get no reminder emails')
    expect(off('input[name="frequency"][value="off"]').is(':checked')).toBe(true)
    // Someone else's choice is their own: the administrator still has the default.
    expect($((await admin.get('/account/email')).body)('[data-testid="reminders-current"]').text()).toContain(
      'on Mondays',
    )
  })

  it('shows digests among what was sent on the administrators’ email page', async () => {
    const other = await addPersonWithId(ctx, admin, 'member', 'Otto Overdue')
    await saveTestProfile(ctx, other.id)
    const run = await ctx.app.services.reminders.sendDigests()
    expect(run.queued).toBeGreaterThanOrEqual(1)
    const log = $((await admin.get('/admin/email')).body)
    const row = log('[data-testid="email-log"] tr').filter((_, tr) => log(tr).text().includes('Otto Overdue'))
    expect(row.text()).toContain('Reminders')
    expect(row.text()).toContain('What needs you on Valuekit')
    expect(member.id).not.toBe(other.id)
  })
})
