// The email pages through HTTP, with a real SMTP server on loopback: an administrator invites one
// person from their page and everyone an import added in one step, sees what was sent, what failed
// and why, and tries a failure again; with email off, the page says so plainly.
import { must } from '../../test/assert.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, Agent, buildTestApp, formFields, setUpInstallation, type TestContext } from '../../test/build-test-app.ts'
import { SmtpSink, smtpEnv } from '../../test/smtp-sink.ts'
import { emailWorkerFor } from './email.runner.ts'
import type { EmailWorker } from './email.worker.ts'

const HEADER = 'name,email,career_role,line_manager_email,associate_of_email,business_area,group,date_into_role'

describe('email pages', () => {
  const sink = new SmtpSink()
  let ctx: TestContext
  let admin: Agent

  beforeAll(async () => {
    await sink.start()
    ctx = await buildTestApp({ env: smtpEnv(sink) })
    admin = await setUpInstallation(ctx)
  })
  afterAll(async () => {
    await ctx.close()
    await sink.stop()
  })

  const send = () => workerOf(ctx.app.services).drain()

  it('invites one person from their page, and shows the invitation was sent', async () => {
    const added = await admin.submit('/admin/people/new', '/admin/people/new', {
      name: 'Una Invite',
      email: 'una.invite@example.gov.uk',
      role: 'member',
    })
    const id = /\/admin\/people\/([^/]+)\/link/.exec(added.headers.location as string)?.[1] ?? ''
    const page = $((await admin.get(`/admin/people/${id}`)).body)
    expect(page(`form[action="/admin/people/${id}/invite"] button`).text()).toContain(
      'Email them a link to set their password',
    )

    const res = await admin.submit(`/admin/people/${id}`, `/admin/people/${id}/invite`, {})
    expect(res.statusCode).toBe(303)
    const after = $((await admin.get(res.headers.location as string)).body)
    expect(after('.govuk-notification-banner').text()).toContain(
      'We are emailing Una Invite a link to set their password',
    )
    expect(after('[data-testid="invitation-status"]').text()).toContain('waiting to be sent')

    const before = sink.received.length
    await send()
    await sink.waitFor(before + 1)
    expect(must(sink.received[before]).to).toEqual(['una.invite@example.gov.uk'])
    const link = /http:\/\/\S+\/set-password\/\S+/.exec(must(sink.received[before]).text)?.[0] ?? ''
    expect((await admin.get(`/admin/people/${id}`)).body).toContain('We emailed them an invitation on')

    // The link in the email works: it leads to setting a password.
    const visitor = new Agent(ctx.app)
    const opened = await visitor.get(new URL(link).pathname)
    expect(opened.headers.location).toBe('/set-password')
    expect($((await visitor.get('/set-password')).body)('h1').text()).toContain('Set your password')

    // The email page lists it, with no body and no link.
    const log = await admin.get('/admin/email')
    const table = $(log.body)('[data-testid="email-log"]')
    expect(table.text()).toContain('Una Invite')
    expect(table.text()).toContain('una.invite@example.gov.uk')
    expect(table.text()).toContain('Sent')
    expect(log.body).not.toContain('/set-password/')
    expect($(log.body)('[data-testid="email-method"]').text()).toContain('Email is on')
  })

  it('invites everyone an import added, in one step from the import', async () => {
    const csv = [
      HEADER,
      'Ian Import,ian.import@import.gov.uk,Product manager,,,Tax,,',
      'Joy Import,joy.import@import.gov.uk,Product manager,,,Tax,,',
    ].join('\n')
    const preview = await admin.submit('/people/import', '/people/import/preview', { csv })
    const box = $(preview.body)('input[name="invite"]')
    expect(box.attr('checked')).toBeDefined()
    expect($(preview.body)('label[for="invite"]').text()).toContain('Email each new person an invitation')
    const fields = formFields(preview.body, '/people/import/preview')
    const done = await admin.post('/people/import', fields)
    expect(done.statusCode).toBe(303)
    const flash = $((await admin.get('/people')).body)('.govuk-notification-banner').text()
    expect(flash).toContain('We are emailing the 2 new people invitations')

    const before = sink.received.length
    await send()
    await sink.waitFor(before + 2)
    expect(
      sink.received
        .slice(before)
        .flatMap(m => m.to)
        .sort(),
    ).toEqual(['ian.import@import.gov.uk', 'joy.import@import.gov.uk'])
  })

  it('invites nobody from an import when the box is unticked, then everyone waiting in one step', async () => {
    const csv = [HEADER, 'Kai Later,kai.later@import.gov.uk,Product manager,,,Tax,,'].join('\n')
    const preview = await admin.submit('/people/import', '/people/import/preview', { csv })
    const { invite: _ticked, ...fields } = formFields(preview.body, '/people/import/preview')
    await admin.post('/people/import', fields)
    expect(
      await ctx.testDb.db.kysely
        .selectFrom('email_outbox')
        .where('recipient_name', '=', 'Kai Later')
        .selectAll()
        .execute(),
    ).toEqual([])

    const people = $((await admin.get('/admin/people')).body)
    expect(people('[data-testid="invite-waiting"]').text()).toContain('not set a password yet')
    const res = await admin.submit('/admin/people', '/admin/people/invite', {})
    expect(res.headers.location).toBe('/admin/people')
    expect($((await admin.get('/admin/people')).body)('.govuk-notification-banner').text()).toMatch(
      /We are emailing \d+ people a link/,
    )
    const before = sink.received.length
    await send()
    expect(sink.received.slice(before).some(m => m.to.includes('kai.later@import.gov.uk'))).toBe(true)
  })

  it('shows what failed and why, and tries it again', async () => {
    const added = await admin.submit('/admin/people/new', '/admin/people/new', {
      name: 'Fay Fails',
      email: 'fay.fails@example.gov.uk',
      role: 'member',
    })
    const id = /\/admin\/people\/([^/]+)\/link/.exec(added.headers.location as string)?.[1] ?? ''
    await admin.submit(`/admin/people/${id}`, `/admin/people/${id}/invite`, {})
    sink.refuse(550)
    await send()
    const failed = $((await admin.get('/admin/email?status=failed')).body)
    expect(failed('[data-testid="email-log"]').text()).toContain('Fay Fails')
    expect(failed('[data-testid="email-log"]').text()).toContain('The SMTP server answered 550')
    const action = failed('form[action$="/retry"]').attr('action') ?? ''
    const retried = await admin.submit('/admin/email?status=failed', action, {})
    expect(retried.headers.location).toBe('/admin/email')
    const before = sink.received.length
    await send()
    await sink.waitFor(before + 1)
    expect($((await admin.get('/admin/email?status=failed')).body).text()).toContain('No emails have this status')
  })

  it('pages through a long list with the kit’s pagination', async () => {
    const { email, accounts } = ctx.app.services
    const person = must((await accounts.list())[0])
    await ctx.testDb.db.kysely.transaction().execute(async trx => {
      for (let i = 0; i < 55; i++)
        await email.enqueue(
          trx,
          { id: null, name: 'Test' },
          {
            kind: 'suggestion-outcome',
            recipient: { id: person.id, name: person.name },
            outcome: 'accepted',
            pageTitle: `Page ${i}`,
            pageSlug: `page-${i}`,
            version: 2,
          },
        )
    })
    const first = $((await admin.get('/admin/email')).body)
    expect(first('.govuk-pagination__link[href="/admin/email?page=2"]').length).toBeGreaterThan(0)
    const second = $((await admin.get('/admin/email?page=2')).body)
    expect(second('[data-testid="email-log"] caption').text()).toContain('page 2 of 2')
  })
})

describe('email pages with email off', () => {
  let ctx: TestContext
  let admin: Agent
  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  it('tells administrators plainly that email is off, and offers no email buttons', async () => {
    const page = $((await admin.get('/admin/email')).body)
    expect(page('[data-testid="email-method"]').text()).toContain('Email is off')
    expect(page('.govuk-notification-banner').text()).toContain('NOTIFY_API_KEY')
    expect(page.text()).toContain('No emails have been queued yet')
    expect($((await admin.get('/admin')).body)('a[href="/admin/email"]').length).toBe(1)
    const people = await admin.get('/admin/people')
    expect($(people.body)('[data-testid="invite-waiting"]').length).toBe(0)
    const res = await admin.submit('/admin/people', '/admin/people/invite', {})
    expect(res.headers.location).toBe('/admin/people')
    expect($((await admin.get('/admin/people')).body)('.govuk-notification-banner').text()).toContain('Email is off')
  })
})

/** The value, or a failed test when there is none. */

/** The worker for these services; email is on in these tests. */
function workerOf(...args: Parameters<typeof emailWorkerFor>): EmailWorker {
  return must(emailWorkerFor(...args))
}
