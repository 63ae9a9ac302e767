// The weekly reminder digest on both engines, through the real services and a real SMTP server on
// loopback: one message per person who has something due, counting it and linking to it without
// anything anyone wrote; never a second one in a week, however often the job runs and even when
// two instances run it at once; nothing for people who chose no reminders or whose day has not
// come; nothing at all with email off.
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestServices,
  installOrganisation,
  servicesOn,
  type TestServices,
} from '../../test/build-test-services.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { SmtpSink, smtpEnv } from '../../test/smtp-sink.ts'
import { connect } from '../db/connect.ts'
import { emailWorkerFor } from '../email/email.runner.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import type { Services } from '../services.ts'

/** Text only Pat's 1:1 notes, agenda and action hold: it must never reach an email. */
const MARKER = 'SECRET-NOTE-7f3a'
const DAY = 86_400_000
// Tuesday 24 November 2026, 10:00 UTC (ISO week 2026-W48).
const T0 = new Date('2026-11-24T10:00:00.000Z').getTime()

describe.each(DIALECTS)('reminder digests on %s', dialect => {
  let now = T0
  const clock = () => new Date(now)
  const sink = new SmtpSink()
  let t: TestServices
  let s: Services
  const ids: Record<string, string> = {}

  const outbox = () =>
    t.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('kind', '=', 'reminder-digest')
      .orderBy('created_at')
      .orderBy('recipient_name')
      .execute()
  const digestsTo = async (key: string) => (await outbox()).filter(r => r.recipient_id === ids[key]).length

  beforeAll(async () => {
    await sink.start()
    t = await buildTestServices({ dialect, clock, env: smtpEnv(sink) })
    s = t.services
    await installOrganisation(t)
    const add = async (key: string, name: string, profile: Record<string, unknown> | null) => {
      const user = await insertUser(t.db, { name, role: 'member', email: `${key}@example.gov.uk` })
      ids[key] = user.id
      if (profile)
        await s.people.saveProfile(
          SYSTEM_ACTOR,
          user.id,
          {
            careerRole: 'product-manager',
            lineManagerId: null,
            associateOfId: null,
            businessArea: 'Digital',
            group: 'Payments',
            dateIntoRole: null,
            headOfProfession: false,
            oneToOneCadenceDays: 28,
            ...profile,
          },
          0,
        )
    }
    await add('mel', 'Mel Manager', { careerRole: 'senior-product-manager' })
    await add('pat', 'Pat Person', { lineManagerId: ids.mel })
    await add('quinn', 'Quinn Quiet', null)
    // Pat and Mel held a 1:1; its notes, agenda and Pat's action all carry the marker.
    const pat = await s.people.get(ids.pat ?? '')
    const actor = { id: pat.id, name: pat.name }
    const meeting = await s.development.recordOneToOne(actor, pat, {
      withId: ids.mel ?? '',
      heldOn: '2026-11-20',
      agenda: `Agenda ${MARKER}`,
      notes: `Notes ${MARKER}`,
      version: null,
    })
    await s.development.addAction(actor, pat, meeting, { text: `Do ${MARKER}`, ownerId: pat.id, dueOn: '2026-11-26' })
  })
  afterAll(async () => {
    await t.close()
    await sink.stop()
  })
  afterEach(() => {
    sink.received.length = 0
  })

  it('sends one digest to each person with something due, counting it with links and nothing anyone wrote', async () => {
    const run = await s.reminders.sendDigests()
    expect(run.queued).toBe(2)
    const rows = await outbox()
    expect(rows.map(r => r.recipient_name).sort()).toEqual(['Mel Manager', 'Pat Person'])
    for (const row of rows) {
      expect(row.subject).toBe('What needs you on Valuekit')
      expect(row.payload).not.toContain(MARKER)
    }
    const pat = JSON.parse(rows.find(r => r.recipient_id === ids.pat)?.payload ?? '{}') as { due: unknown }
    expect(pat.due).toMatchObject({ ownCheckin: 'start', actionsDue: 1, actionsOverdue: 0 })
    const mel = JSON.parse(rows.find(r => r.recipient_id === ids.mel)?.payload ?? '{}') as { due: unknown }
    expect(mel.due).toMatchObject({ reportsOverdue: 1 })

    const worker = emailWorkerFor(s)
    if (!worker) throw new Error('Email is on in these tests')
    await worker.drain()
    await sink.waitFor(2)
    const toPat = sink.received.find(m => m.to.includes('pat@example.gov.uk'))
    const toMel = sink.received.find(m => m.to.includes('mel@example.gov.uk'))
    for (const mail of [toPat, toMel]) {
      expect(mail?.text).toContain('/account/email')
      expect(mail?.text).not.toContain(MARKER)
      expect(mail?.subject).not.toContain(MARKER)
    }
    expect(toPat?.text).toContain('Your check-in is overdue.')
    expect(toPat?.text).toContain(`/people/${ids.pat ?? ''}/check-ins/new`)
    expect(toPat?.text).toContain('1 action is due this week')
    // Mel's digest counts her team; it names nobody in it.
    expect(toMel?.text).toContain('1 person in your team is overdue a check-in')
    expect(toMel?.text).not.toContain('Pat')
    // Quinn has nothing due: no email.
    expect(await digestsTo('quinn')).toBe(0)
  })

  it('sends no second digest in the same week, or within 7 days, however often it runs', async () => {
    const before = (await outbox()).length
    for (let i = 0; i < 3; i++) expect((await s.reminders.sendDigests()).queued).toBe(0)
    now += DAY // Wednesday
    expect((await s.reminders.sendDigests()).queued).toBe(0)
    now += 5 * DAY // Monday of the next week: only 6 days since the last
    expect((await s.reminders.sendDigests()).queued).toBe(0)
    expect((await outbox()).length).toBe(before)
    now += DAY // Tuesday, 7 days on: the next week's digests
    expect((await s.reminders.sendDigests()).queued).toBe(2)
    expect(await digestsTo('pat')).toBe(2)
  })

  it('respects a choice of no reminders, and the chosen day', async () => {
    now += 7 * DAY // Tuesday of another week
    await s.reminders.save({ id: ids.pat ?? '', name: 'Pat Person' }, { frequency: 'off', weekday: 1 })
    await s.reminders.save({ id: ids.mel ?? '', name: 'Mel Manager' }, { frequency: 'weekly', weekday: 5 })
    expect(await s.reminders.settings(ids.pat ?? '')).toMatchObject({ frequency: 'off' })
    const run = await s.reminders.sendDigests()
    expect(run).toMatchObject({ queued: 0, optedOut: 1 })
    now += 3 * DAY // Friday: Mel's day
    expect((await s.reminders.sendDigests()).queued).toBe(1)
    expect(await digestsTo('pat')).toBe(2)
    expect(await digestsTo('mel')).toBe(3)
    await s.reminders.save({ id: ids.pat ?? '', name: 'Pat Person' }, { frequency: 'weekly', weekday: 1 })
  })

  it('queues one digest per person when two instances run the job at the same time', async () => {
    now += 7 * DAY // Friday of the next week: both Pat (Monday) and Mel (Friday) are due
    const second =
      dialect === 'postgres'
        ? connect(
            { kind: 'postgres', connectionString: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? '' },
            { searchPath: (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0]?.s ?? '' },
          )
        : null
    const other = second ? servicesOn({ db: second, destroy: () => second.close() }, { clock, env: smtpEnv(sink) }) : s
    try {
      const before = { pat: await digestsTo('pat'), mel: await digestsTo('mel') }
      const runs = await Promise.all([
        s.reminders.sendDigests(),
        other.reminders.sendDigests(),
        s.reminders.sendDigests(),
      ])
      expect(runs.reduce((n, r) => n + r.queued, 0)).toBe(2)
      expect(await digestsTo('pat')).toBe(before.pat + 1)
      expect(await digestsTo('mel')).toBe(before.mel + 1)
    } finally {
      await second?.close()
    }
  })

  it('queues nothing and claims no week when email is off', async () => {
    now += 7 * DAY
    const off = servicesOn(t.testDb, { clock })
    const claims = await t.db.selectFrom('reminder_digests').select('week').execute()
    expect(await off.reminders.sendDigests()).toEqual({ queued: 0, nothingDue: 0, optedOut: 0, notYet: 0 })
    expect(await t.db.selectFrom('reminder_digests').select('week').execute()).toHaveLength(claims.length)
  })
})
