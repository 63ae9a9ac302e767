// /health: "ok" when the database answers and takes a write, "degraded" (503, with the reason)
// when it answers but cannot write, and cheap however often it is asked.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestContext } from '../../test/build-test-app.ts'
import { connect } from '../db/connect.ts'
import { migrateToLatest } from '../db/migrate.ts'

let dir: string
let ctx: TestContext
let other: SqliteDatabase.Database

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'valuekit-health-'))
  const filename = join(dir, 'app.db')
  const db = connect({ kind: 'sqlite', filename })
  await migrateToLatest(db)
  ctx = await buildTestApp({ testDb: { db, destroy: () => db.close() } })
  other = new SqliteDatabase(filename)
  other.pragma('busy_timeout = 0')
})

afterEach(async () => {
  if (other.inTransaction) other.exec('rollback')
  other.close()
  await ctx.close()
  rmSync(dir, { recursive: true, force: true })
})

const health = async () => {
  const started = performance.now()
  const res = await ctx.app.inject({ url: '/health' })
  return { status: res.statusCode, body: res.json() as unknown, ms: performance.now() - started, res }
}

describe('/health', () => {
  it('says ok, and leaves nothing behind in the database', async () => {
    const ok = await health()
    expect(ok.status).toBe(200)
    expect(ok.body).toEqual({ status: 'ok', database: 'ok' })
    expect(ok.res.headers['cache-control']).toBe('no-store')
    expect(await ctx.testDb.db.kysely.selectFrom('health_probe').selectAll().execute()).toEqual([])
  })

  it('says degraded while another process holds the write lock, within a bounded time, then ok again', async () => {
    await health()
    await new Promise(resolve => setTimeout(resolve, 1600))
    other.exec('begin immediate')
    const first = await health()
    expect(first.status).toBe(503)
    expect(first.body).toEqual({ status: 'degraded', database: 'a test write took longer than 500 ms' })
    expect(first.ms).toBeLessThan(900)
    // Asked again at once, it answers from its cache, without waiting for the lock again.
    const again = await health()
    expect(again.status).toBe(503)
    expect(again.ms).toBeLessThan(50)
    other.exec('rollback')
    await new Promise(resolve => setTimeout(resolve, 1600))
    expect((await health()).body).toEqual({ status: 'ok', database: 'ok' })
  })

  it('says unavailable when the database does not answer at all', async () => {
    await ctx.testDb.db.close()
    const res = await ctx.app.inject({ url: '/health' })
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ status: 'unavailable', database: 'not answering' })
  })
})
