// Database trouble, seen from the browser: a SQLite write lock another process holds, and a full
// disk. Saves wait for the lock (and succeed) or answer 503 with the styled "unavailable" page and
// the security headers; the log names the original error; other pages and /health go on meanwhile.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  $,
  buildTestApp,
  formFields,
  setUpInstallation,
  type Agent,
  type TestContext,
} from '../../../test/build-test-app.ts'
import { connect } from '../../db/connect.ts'
import { migrateToLatest } from '../../db/migrate.ts'

const LOCK_WAIT_MS = 1000

let dir: string
let filename: string
let ctx: TestContext
let admin: Agent
let other: SqliteDatabase.Database

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'valuekit-unavailable-'))
  filename = join(dir, 'app.db')
  const db = connect({ kind: 'sqlite', filename }, { sqliteLocks: { lockWaitMs: LOCK_WAIT_MS } })
  await migrateToLatest(db)
  ctx = await buildTestApp({ testDb: { db, destroy: () => db.close() } })
  admin = await setUpInstallation(ctx)
  other = new SqliteDatabase(filename)
  other.pragma('busy_timeout = 0')
})

afterEach(async () => {
  if (other.inTransaction) other.exec('rollback')
  other.close()
  await ctx.close()
  rmSync(dir, { recursive: true, force: true })
})

async function saveSettings(name: string) {
  const fields = formFields((await admin.get('/admin/settings')).body, '/admin/settings')
  return admin.post('/admin/settings', { ...fields, name })
}

const timed = async <T>(work: Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now()
  const value = await work
  return { value, ms: performance.now() - started }
}

const logEntries = () => ctx.logs.map(line => JSON.parse(line) as Record<string, unknown>)

describe('a write lock held by another process', () => {
  it('makes a save wait and succeed when the lock is released in time, while other pages answer at once', async () => {
    // Warm the pages up, so the timings below measure waiting, not first renders.
    await admin.get('/accessibility')
    other.exec('begin immediate')
    const saving = timed(saveSettings('Waited for the lock'))
    await new Promise(resolve => setTimeout(resolve, 100))
    const page = await timed(admin.get('/accessibility'))
    const health = await timed(ctx.app.inject({ url: '/health' }))
    setTimeout(() => other.exec('commit'), 200)
    const saved = await saving

    expect(page.value.statusCode).toBe(200)
    expect(page.ms).toBeLessThan(250)
    expect(health.ms).toBeLessThan(800)
    expect(health.value.statusCode).toBe(503)
    expect(health.value.json()).toMatchObject({ status: 'degraded' })
    expect(saved.value.statusCode).toBe(303)
    expect(saved.ms).toBeGreaterThanOrEqual(250)
    const org = await ctx.testDb.db.kysely.selectFrom('organisation').select('name').executeTakeFirst()
    expect(org?.name).toBe('Waited for the lock')
  })

  it('answers 503 with the styled page and the security headers when the lock is held too long', async () => {
    const before = await saveSettings('Before')
    expect(before.statusCode).toBe(303)
    await admin.get('/admin/settings') // shows (and so clears) the "saved" message
    const fields = formFields((await admin.get('/admin/settings')).body, '/admin/settings')
    other.exec('begin immediate')
    const saved = await timed(admin.post('/admin/settings', { ...fields, name: 'Never saved' }))
    other.exec('rollback')

    const res = saved.value
    expect(res.statusCode).toBe(503)
    expect(saved.ms).toBeGreaterThanOrEqual(LOCK_WAIT_MS - 50)
    expect(saved.ms).toBeLessThan(LOCK_WAIT_MS + 1500)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['retry-after']).toBe('30')
    expect(res.headers['content-security-policy']).toContain("object-src 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000')
    const page = $(res.body)
    expect(page('h1').text()).toBe('Sorry, the service is unavailable')
    expect(page('main').text()).toContain('it has not been saved')
    expect(page('main').text()).toContain('try again in a few minutes')
    expect(page('.govuk-header, .govuk-service-navigation').length).toBeGreaterThan(0)
    expect(page('title').text()).toContain('– Before') // the organisation's name, as last seen
    expect(res.body).not.toMatch(/SQLITE|sqlite|kysely|Error:/)

    const logged = logEntries().filter(e => e.event === 'database-unavailable')
    expect(logged.map(e => e.code)).toEqual(['SQLITE_BUSY'])
    const org = await ctx.testDb.db.kysely.selectFrom('organisation').select('name').executeTakeFirst()
    expect(org?.name).toBe('Before')
    // Once the lock is free, the same save goes through: nothing to restart.
    expect((await saveSettings('After')).statusCode).toBe(303)
  })
})

describe('a full disk', () => {
  it('answers a save with 503, logs SQLITE_FULL rather than the failed ROLLBACK, and keeps reads working', async () => {
    // max_page_count stands in for a full disk: SQLite answers SQLITE_FULL the same way.
    const pages = (other.pragma('page_count', { simple: true }) as number) + 1
    await sql.raw(`pragma max_page_count = ${pages}`).execute(ctx.testDb.db.kysely)
    const form = $((await admin.get('/handbook/new')).body)
    const sectionId = form('select[name="sectionId"] option[value!=""]').first().attr('value') ?? ''
    const full = await admin.post('/handbook/new', {
      _csrf: await admin.token(),
      title: 'Too big for the disk',
      summary: 'A page the disk has no room for.',
      sectionId,
      body: 'Words. '.repeat(20_000),
      action: 'save',
    })
    expect(full.statusCode).toBe(503)
    expect($(full.body)('h1').text()).toBe('Sorry, the service is unavailable')

    const logged = logEntries().filter(e => e.event === 'database-unavailable')
    expect(logged.length).toBeGreaterThan(0)
    expect(logged.every(e => e.code === 'SQLITE_FULL')).toBe(true)
    expect(JSON.stringify(logged)).not.toMatch(/no transaction is active/)
    expect(logEntries().some(e => e.level === 50 && e.event !== 'database-unavailable')).toBe(false)

    expect((await admin.get('/accessibility')).statusCode).toBe(200)
    const health = await ctx.app.inject({ url: '/health' })
    expect(health.statusCode).toBe(503)
    expect(health.json()).toMatchObject({ status: 'degraded', database: expect.stringContaining('disk full') })
  })
})
