// The outbox on both engines: queued in the change's transaction, sent by the worker through a
// fake GOV.UK Notify and a real SMTP server on loopback, retried with backoff, given up on with a
// reason, claimed by one worker only, and recovered after a worker stops between send and record.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestServices,
  installOrganisation,
  servicesOn,
  type TestServices,
} from '../../test/build-test-services.ts'
import { connect } from '../db/connect.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { FakeNotify, notifyEnv, FAKE_TEMPLATE_ID } from '../../test/fake-notify.ts'
import { insertSection, insertUser, viewerFor } from '../../test/factories.ts'
import { SmtpSink, smtpEnv } from '../../test/smtp-sink.ts'
import { hashToken } from '../platform/ids.ts'
import { EmailRepository } from './email.repository.ts'
import { emailWorkerFor } from './email.runner.ts'
import type { EmailWorker } from './email.worker.ts'
import type { Services } from '../services.ts'
import { backoffMs } from './email.worker.ts'

const T0 = new Date('2026-11-24T10:00:00.000Z').getTime()

describe.each(DIALECTS)('email outbox on %s', dialect => {
  let now = T0
  const clock = () => new Date(now)
  const fake = new FakeNotify()
  const sink = new SmtpSink()
  let built: TestServices
  let notify: Services
  let smtp: Services
  let off: Services
  let admin: { id: string; name: string }

  beforeAll(async () => {
    await fake.start()
    await sink.start()
    built = await buildTestServices({ dialect, clock, env: notifyEnv(fake) })
    notify = built.services
    smtp = servicesOn(built.testDb, { clock, env: smtpEnv(sink) })
    off = servicesOn(built.testDb, { clock })
    admin = await installOrganisation(built)
  })
  afterAll(async () => {
    await built.close()
    await fake.stop()
    await sink.stop()
  })
  afterEach(async () => {
    // Each test starts with an empty outbox and a clock far enough on that nothing earlier is due.
    await built.db.deleteFrom('email_outbox').execute()
    now += 86_400_000
  })

  const outbox = () => built.db.selectFrom('email_outbox').selectAll().orderBy('created_at').execute()
  const linkIn = (body: string) => /\/set-password\/([A-Za-z0-9_-]+)/.exec(body)?.[1] ?? ''

  it('queues nothing when email is off, and says so', async () => {
    const person = await insertUser(built.db, { status: 'invited' })
    expect(off.email.enabled).toBe(false)
    await expect(off.accounts.inviteByEmail(admin, person.id)).rejects.toThrow(/Email is off/)
    expect(await outbox()).toEqual([])
    expect(emailWorkerFor(off)).toBeNull()
  })

  it('invites through Notify: one message queued with the link, sent with its reference, the link works', async () => {
    const person = await insertUser(built.db, { name: 'Ira Invited', status: 'invited' })
    await notify.accounts.inviteByEmail(admin, person.id)
    const [queued] = await outbox()
    expect(queued).toMatchObject({ kind: 'invitation', status: 'pending', recipient_id: person.id, attempts: 0 })
    // The outbox holds no live token: the link is derived again when the message is sent.
    expect(JSON.stringify(queued)).not.toMatch(/set-password\//)

    const logged: unknown[] = []
    const log = { info: (o: object, m: string) => logged.push([o, m]), warn: () => {}, error: () => {} }
    const done = await workerOf(notify, { log }).drain()

    expect(done).toEqual({ sent: 1, retrying: 0, failed: 0, cancelled: 0 })
    const sent = fake.notifications.filter(n => n.reference === must(queued).id)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ email_address: person.email, template_id: FAKE_TEMPLATE_ID })
    expect(must(sent[0]).personalisation.subject).toBe('Set your password for Valuekit')
    expect(must(sent[0]).personalisation.body).toContain('Hello Ira Invited')
    expect(must(sent[0]).personalisation.body).toContain('Department for Testing')
    const token = linkIn(must(sent[0]).personalisation.body ?? '')
    expect(await notify.accounts.userForSetPasswordToken(hashToken(token))).toMatchObject({ id: person.id })
    // The log names the message, never its body, its address or its link.
    expect(logged).toHaveLength(1)
    expect(JSON.stringify(logged)).not.toContain(token)
    expect(JSON.stringify(logged)).not.toContain('Hello')
    expect(JSON.stringify(logged)).not.toContain(person.email)
    const [row] = await outbox()
    expect(row).toMatchObject({
      status: 'sent',
      transport: 'notify',
      provider_id: must(sent[0]).id,
      recipient_email: person.email,
    })
  })

  it('invites through SMTP with a Message-ID made from the message, and the link works', async () => {
    const person = await insertUser(built.db, { name: 'Sam Smtp', status: 'invited' })
    const before = sink.received.length
    await smtp.accounts.inviteByEmail(admin, person.id)
    await workerOf(smtp).drain()
    await sink.waitFor(before + 1)
    const mail = must(sink.received[before])
    const [row] = await outbox()
    expect(mail).toMatchObject({
      to: [person.email],
      from: 'valuekit@test.invalid',
      subject: 'Set your password for Valuekit',
    })
    expect(mail.messageId).toBe(`<${must(row).id}@127.0.0.1>`)
    expect(await smtp.accounts.userForSetPasswordToken(hashToken(linkIn(mail.text)))).toMatchObject({ id: person.id })
    expect(row).toMatchObject({ status: 'sent', transport: 'smtp', provider_id: mail.messageId })
  })

  it('tries again later with exponential backoff, then sends', async () => {
    const person = await insertUser(built.db, { status: 'invited' })
    await notify.accounts.inviteByEmail(admin, person.id)
    const worker = workerOf(notify, { options: { baseDelayMs: 60_000 } })
    fake.plan(
      { status: 500, error: 'Exception', message: 'Internal server error' },
      { status: 429, error: 'RateLimitError', message: 'Too many' },
    )

    expect(await worker.drain()).toMatchObject({ retrying: 1 })
    let [row] = await outbox()
    expect(row).toMatchObject({ status: 'pending', attempts: 1 })
    expect(must(row).last_error).toContain('GOV.UK Notify answered 500')
    const firstWait = Date.parse(must(row).next_attempt_at) - now
    expect(firstWait).toBeGreaterThanOrEqual(48_000)
    expect(firstWait).toBeLessThanOrEqual(72_000)
    // Not due yet: nothing happens.
    expect(await worker.drain()).toMatchObject({ sent: 0, retrying: 0 })

    now = Date.parse(must(row).next_attempt_at)
    expect(await worker.drain()).toMatchObject({ retrying: 1 })
    ;[row] = await outbox()
    const secondWait = Date.parse(must(row).next_attempt_at) - now
    expect(secondWait).toBeGreaterThanOrEqual(96_000)
    expect(must(row).last_error).toContain('429')

    now = Date.parse(must(row).next_attempt_at)
    expect(await worker.drain()).toMatchObject({ sent: 1 })
    ;[row] = await outbox()
    expect(row).toMatchObject({ status: 'sent', attempts: 3, last_error: null })
  })

  it('gives up at once on a refusal that will not change, and after the last try otherwise, saying why', async () => {
    const a = await insertUser(built.db, { status: 'invited' })
    await notify.accounts.inviteByEmail(admin, a.id)
    fake.plan({
      status: 400,
      error: 'BadRequestError',
      message: 'Can’t send to this recipient using a team-only API key',
    })
    expect(await workerOf(notify).drain()).toMatchObject({ failed: 1 })
    const [refused] = await outbox()
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 })
    expect(must(refused).last_error).toContain('team-only API key')

    await built.db.deleteFrom('email_outbox').execute()
    const b = await insertUser(built.db, { status: 'invited' })
    const before = sink.received.length
    await smtp.accounts.inviteByEmail(admin, b.id)
    sink.refuse(451, 451)
    const worker = workerOf(smtp, { options: { maxAttempts: 2, baseDelayMs: 1000 } })
    expect(await worker.drain()).toMatchObject({ retrying: 1 })
    now += 10_000
    expect(await worker.drain()).toMatchObject({ failed: 1 })
    const [row] = await outbox()
    expect(row).toMatchObject({ status: 'failed', attempts: 2, last_error: 'The SMTP server answered 451' })
    expect(sink.received.length).toBe(before)

    // An administrator asks for it again: it goes.
    await smtp.email.retry(admin, must(row).id)
    expect(await worker.drain()).toMatchObject({ sent: 1 })
  })

  it('does not send to a disabled account, and says why', async () => {
    const person = await insertUser(built.db, { status: 'invited' })
    await notify.accounts.inviteByEmail(admin, person.id)
    await built.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', person.id).execute()
    expect(await workerOf(notify).drain()).toMatchObject({ cancelled: 1 })
    const [row] = await outbox()
    expect(row).toMatchObject({ status: 'cancelled', last_error: 'Not sent: their account is disabled' })
  })

  it('tells the author of a suggestion what was decided, in the decision’s transaction, without its reasons', async () => {
    const editor = await insertUser(built.db, { role: 'editor', name: 'Ed Editor' })
    const author = await insertUser(built.db, { role: 'member', name: 'Al Author' })
    const section = await insertSection(built.db)
    const page = await notify.handbook.createPage(editor, {
      sectionId: section.id,
      title: 'Roadmaps',
      summary: 'How we plan',
      body: 'One\nTwo',
      roles: [],
      skills: [],
      resources: [],
      changeNote: '',
    })
    const one = await notify.handbook.suggest(
      author,
      page.slug,
      { title: page.title, summary: page.summary, body: 'One\nTwo\nThree', reason: 'More' },
      page.version,
    )
    const two = await notify.handbook.suggest(
      author,
      page.slug,
      { title: page.title, summary: page.summary, body: 'Uno\nTwo', reason: 'Less' },
      page.version,
    )
    await notify.handbook.acceptSuggestion(editor, one.id, 'One\nTwo\nThree', page.version)
    await notify.handbook.declineSuggestion(editor, two.id, 'A private reason about the wording')
    // Deciding your own suggestion sends nothing.
    const own = await notify.handbook.suggest(
      editor,
      page.slug,
      { title: page.title, summary: page.summary, body: 'Mine', reason: 'x' },
      page.version + 1,
    )
    await notify.handbook.declineSuggestion(editor, own.id, 'Changed my mind')

    const rows = await outbox()
    expect(rows.map(r => [r.kind, r.recipient_id, r.subject])).toEqual([
      ['suggestion-outcome', author.id, 'Your suggestion for “Roadmaps” was accepted'],
      ['suggestion-outcome', author.id, 'Your suggestion for “Roadmaps” was not accepted'],
    ])
    await workerOf(notify).drain()
    const bodies = fake.notifications
      .filter(n => rows.some(r => r.id === n.reference))
      .map(n => n.personalisation.body ?? '')
    expect(bodies).toHaveLength(2)
    const accepted = bodies.find(b => b.includes('accepted the change'))
    const declined = bodies.find(b => b.includes('decided not to make'))
    expect(accepted).toContain('/handbook/roadmaps')
    expect(declined).toContain('/handbook/suggestions/mine')
    expect(bodies.join()).not.toContain('private reason')
  })

  it('tells whoever proposed a framework change what was decided, in the decision’s transaction, without its reasons', async () => {
    const hop = viewerFor(await insertUser(built.db, { role: 'member', name: 'Hana Head' }), 'member', true)
    const reviewer = viewerFor(
      await insertUser(built.db, { role: 'administrator', name: 'Adam Admin' }),
      'administrator',
      false,
    )
    const change = (text: string) =>
      ({ kind: 'descriptor', payload: { skill: 'product-management', level: 'working', text } }) as const
    const approved = await notify.framework.propose(hop, change('You run a product day to day.'), 'Clearer')
    await notify.framework.approve(reviewer, approved.id, '')
    const rejected = await notify.framework.propose(hop, change('Other words for it.'), 'Shorter')
    await notify.framework.reject(reviewer, rejected.id, 'A private reason about the wording')

    const rows = await outbox()
    expect(rows.map(r => [r.kind, r.recipient_id, r.subject])).toEqual([
      ['proposal-outcome', hop.user.id, 'Your proposed change to the capability framework was approved'],
      ['proposal-outcome', hop.user.id, 'Your proposed change to the capability framework was not approved'],
    ])
    await workerOf(notify).drain()
    const bodies = fake.notifications
      .filter(n => rows.some(r => r.id === n.reference))
      .map(n => n.personalisation.body ?? '')
    expect(bodies).toHaveLength(2)
    expect(bodies.find(b => b.includes('approved the change'))).toContain(`/framework/proposals/${approved.id}`)
    expect(bodies.find(b => b.includes('decided not to make'))).toContain(`/framework/proposals/${rejected.id}`)
    expect(bodies.join()).not.toContain('private reason')
  })

  it('invites everyone an import added, in the import’s transaction, and nobody when the import fails', async () => {
    const csv = (rows: string[]) =>
      ['name,email,career_role,line_manager_email,associate_of_email,business_area,group,date_into_role', ...rows].join(
        '\n',
      )
    const bad = await notify.people.importPeople(admin, csv(['Ann Import,ann.i@import.gov.uk,Not a role,,,Tax,,']), {
      canSetAccountRoles: true,
      sendInvitations: true,
    })
    expect(bad.applied).toBe(false)
    expect(await outbox()).toEqual([])

    const good = await notify.people.importPeople(
      admin,
      csv([
        'Bea Import,bea.i@import.gov.uk,Product manager,,,Tax,,',
        'Cal Import,cal.i@import.gov.uk,Product manager,,,Tax,,',
      ]),
      { canSetAccountRoles: true, sendInvitations: true },
    )
    expect(good).toMatchObject({ applied: true, invited: 2 })
    const rows = await outbox()
    expect(rows.map(r => r.recipient_name).sort()).toEqual(['Bea Import', 'Cal Import'])
    expect(await notify.accounts.countWaiting()).toBeGreaterThanOrEqual(2)
  })

  it('invites everyone waiting for a password in one step, except the worked example’s people', async () => {
    await built.db.updateTable('users').set({ status: 'active' }).where('status', '=', 'invited').execute()
    await insertUser(built.db, { status: 'invited', name: 'Wai One' })
    await insertUser(built.db, { status: 'invited', name: 'Wai Two' })
    await insertUser(built.db, { status: 'invited', name: 'Example Person', email: 'ex@example.invalid' })
    expect(await notify.accounts.inviteEveryoneWaiting(admin)).toBe(2)
    expect((await outbox()).map(r => r.recipient_name).sort()).toEqual(['Wai One', 'Wai Two'])
  })

  it('sends each message once when two workers on two connections run at the same time', async () => {
    const people = await Promise.all(
      Array.from({ length: 24 }, (_, i) => insertUser(built.db, { status: 'invited', name: `Many ${i}` })),
    )
    for (const p of people) await notify.accounts.inviteByEmail(admin, p.id)
    const ids = (await outbox()).map(r => r.id)
    // A second connection to the same database: its own pool on PostgreSQL.
    const second =
      dialect === 'postgres'
        ? connect(
            { kind: 'postgres', connectionString: must(process.env.DATABASE_URL) },
            { searchPath: await schemaOf(built) },
          )
        : null
    const other = second
      ? servicesOn({ db: second, destroy: () => second.close() }, { clock, env: notifyEnv(fake) })
      : notify
    const a = workerOf(notify, { options: { batch: 3 } })
    const b = workerOf(other, { options: { batch: 3 } })
    try {
      const [ra, rb] = await Promise.all([a.drain(), b.drain()])
      expect(ra.sent + rb.sent).toBe(24)
      const references = fake.notifications.map(n => n.reference).filter(r => r && ids.includes(r))
      expect(references).toHaveLength(24)
      expect(new Set(references).size).toBe(24)
      expect((await outbox()).every(r => r.status === 'sent')).toBe(true)
    } finally {
      await second?.close()
    }
  })

  it('after a worker stops between sending and recording: Notify is asked and nothing is sent twice; SMTP sends again, marked', async () => {
    // The first worker's record of the send never happens (as if the process died there).
    const stopping = new (class extends EmailRepository {
      override async markSent(): Promise<boolean> {
        throw new Error('The worker stopped here')
      }
    })()
    const person = await insertUser(built.db, { status: 'invited' })
    await notify.accounts.inviteByEmail(admin, person.id)
    const [queued] = await outbox()
    const dying = servicesOn(built.testDb, { clock, env: notifyEnv(fake), replace: { email: stopping } })
    await expect(workerOf(dying, { options: { leaseMs: 60_000 } }).drain()).rejects.toThrow('The worker stopped here')
    expect((await outbox())[0]).toMatchObject({ status: 'sending' })
    expect(fake.notifications.filter(n => n.reference === must(queued).id)).toHaveLength(1)

    // While the lease lasts, nobody takes it; once it ends, the next worker asks Notify first.
    expect(await workerOf(notify).drain()).toMatchObject({ sent: 0 })
    now += 61_000
    const posts = fake.requests.filter(r => r.startsWith('POST')).length
    expect(await workerOf(notify).drain()).toMatchObject({ sent: 1 })
    expect(fake.requests.filter(r => r.startsWith('POST')).length).toBe(posts)
    expect(fake.notifications.filter(n => n.reference === must(queued).id)).toHaveLength(1)
    expect((await outbox())[0]).toMatchObject({ status: 'sent', resent: 0, attempts: 2 })

    await built.db.deleteFrom('email_outbox').execute()
    await smtp.accounts.inviteByEmail(admin, person.id)
    const before = sink.received.length
    const dyingSmtp = servicesOn(built.testDb, { clock, env: smtpEnv(sink), replace: { email: stopping } })
    await expect(workerOf(dyingSmtp, { options: { leaseMs: 60_000 } }).drain()).rejects.toThrow()
    now += 61_000
    await workerOf(smtp).drain()
    await sink.waitFor(before + 2)
    const [first, second] = sink.received.slice(before)
    expect(must(first).messageId).toBe(must(second).messageId)
    expect((await outbox())[0]).toMatchObject({ status: 'sent', resent: 1 })
  })

  it('waits longer after each failure, up to the limit', () => {
    const o = { baseDelayMs: 30_000, maxDelayMs: 3_600_000 }
    expect([1, 2, 3, 4, 8, 20].map(n => backoffMs(n, o, 0.5))).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000,
    ])
    expect(backoffMs(1, o, 0)).toBe(24_000)
    expect(backoffMs(1, o, 1)).toBe(36_000)
  })
})

async function schemaOf(built: TestServices): Promise<string> {
  const { sql } = await import('kysely')
  const result = await sql<{ s: string }>`select current_schema() as s`.execute(built.db)
  return must(result.rows[0]).s
}

/** The value, or a failed test when there is none. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('Expected a value')
  return value
}

/** The worker for these services; email is on in these tests. */
function workerOf(...args: Parameters<typeof emailWorkerFor>): EmailWorker {
  return must(emailWorkerFor(...args))
}
