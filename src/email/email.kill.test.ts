// A worker process killed with SIGKILL between sending an email and recording it: nothing is lost,
// and Notify sends nothing twice (asked by reference); SMTP sends it again, same Message-ID, marked.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installOrganisation, servicesOn } from '../../test/build-test-services.ts'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { FakeNotify, notifyEnv } from '../../test/fake-notify.ts'
import { insertUser } from '../../test/factories.ts'
import { SmtpSink, smtpEnv } from '../../test/smtp-sink.ts'
import { connect } from '../db/connect.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { emailWorkerFor } from './email.runner.ts'

const LEASE_MS = 1000
const CHILD = new URL('../../test/email-worker-child.ts', import.meta.url).pathname

describe.each(DIALECTS)('a worker killed between send and record, on %s', dialect => {
  const fake = new FakeNotify()
  const sink = new SmtpSink()
  let testDb: TestDb
  let where: Record<string, string>
  let folder = ''

  beforeAll(async () => {
    await fake.start()
    await sink.start()
    if (dialect === 'sqlite') {
      // A file, so that two processes share it.
      folder = mkdtempSync(join(tmpdir(), 'valuekit-kill-'))
      const filename = join(folder, 'valuekit.db')
      const db = connect({ kind: 'sqlite', filename })
      await migrateToLatest(db)
      testDb = { db, destroy: () => db.close() }
      where = { CHILD_SQLITE: filename }
    } else {
      testDb = await createTestDb('postgres')
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(testDb.db.kysely)).rows[0]?.s ?? ''
      where = { CHILD_PG: process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? '', CHILD_SCHEMA: schema }
    }
    const services = servicesOn(testDb, { clock: () => new Date() })
    await installOrganisation({ services, db: testDb.db.kysely })
  })
  afterAll(async () => {
    await testDb.destroy()
    if (folder) rmSync(folder, { recursive: true, force: true })
    await fake.stop()
    await sink.stop()
  })

  /** Runs the child worker until it has sent and is about to record, then kills it. */
  async function killBetweenSendAndRecord(env: Record<string, string>): Promise<string> {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, ...where, CHILD_ENV: JSON.stringify(env), CHILD_LEASE_MS: String(LEASE_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    child.stderr.on('data', chunk => (err += String(chunk)))
    const id = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The worker never sent: ${err}`)), 30_000)
      child.stdout.on('data', chunk => {
        out += String(chunk)
        const found = /SENT (\S+)/.exec(out)
        if (found?.[1]) {
          clearTimeout(timer)
          resolve(found[1])
        }
      })
      child.on('exit', code => reject(new Error(`The worker ended (${code}) before sending: ${err}`)))
    })
    const exited = new Promise(resolve => child.on('exit', (_code, signal) => resolve(signal)))
    child.kill('SIGKILL')
    expect(await exited).toBe('SIGKILL')
    return id
  }

  async function queueInvitation(env: Record<string, string>): Promise<void> {
    const services = servicesOn(testDb, { clock: () => new Date(), env })
    const person = await insertUser(testDb.db.kysely, { status: 'invited' })
    await services.accounts.inviteByEmail({ id: null, name: 'Test' }, person.id)
  }

  const row = (id: string) =>
    testDb.db.kysely.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  it('Notify: the next worker finds it was sent and sends nothing again', { timeout: 60_000 }, async () => {
    const env = notifyEnv(fake)
    await queueInvitation(env)
    const id = await killBetweenSendAndRecord(env)
    expect(await row(id)).toMatchObject({ status: 'sending', attempts: 1 })
    expect(fake.notifications.filter(n => n.reference === id)).toHaveLength(1)

    await new Promise(resolve => setTimeout(resolve, LEASE_MS + 200))
    const services = servicesOn(testDb, { clock: () => new Date(), env })
    const done = await emailWorkerFor(services)?.drain()

    expect(done).toMatchObject({ sent: 1 })
    expect(fake.notifications.filter(n => n.reference === id)).toHaveLength(1)
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, resent: 0 })
  })

  it('SMTP: the next worker sends it again with the same Message-ID, and marks it', { timeout: 60_000 }, async () => {
    const env = smtpEnv(sink)
    await queueInvitation(env)
    const before = sink.received.length
    const id = await killBetweenSendAndRecord(env)
    await sink.waitFor(before + 1)

    await new Promise(resolve => setTimeout(resolve, LEASE_MS + 200))
    const services = servicesOn(testDb, { clock: () => new Date(), env })
    expect(await emailWorkerFor(services)?.drain()).toMatchObject({ sent: 1 })
    await sink.waitFor(before + 2)

    const copies = sink.received.slice(before)
    expect(copies).toHaveLength(2)
    expect(copies[0]?.messageId).toBe(`<${id}@127.0.0.1>`)
    expect(copies[1]?.messageId).toBe(copies[0]?.messageId)
    expect(await row(id)).toMatchObject({ status: 'sent', resent: 1 })
  })
})
