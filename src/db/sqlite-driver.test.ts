// The SQLite driver under a write lock held by another connection to the same file: saves wait
// asynchronously (the event loop keeps turning, reads go on) and succeed when the lock comes back
// within the bound, and fail with SQLITE_BUSY, classed as "unavailable", when it does not.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import SqliteDatabase from 'better-sqlite3'
import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isUnavailable, unavailableCode } from './availability.ts'
import { connect, type Db } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

let dir: string
let db: Db
let other: SqliteDatabase.Database

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'valuekit-lock-'))
  const filename = join(dir, 'app.db')
  db = connect({ kind: 'sqlite', filename }, { sqliteLocks: { lockWaitMs: 800 } })
  await migrateToLatest(db)
  other = new SqliteDatabase(filename)
  other.pragma('busy_timeout = 0')
})

afterEach(async () => {
  if (other.inTransaction) other.exec('rollback')
  other.close()
  await db.close()
  rmSync(dir, { recursive: true, force: true })
})

async function save(id: string): Promise<void> {
  await db.kysely.transaction().execute(async trx => {
    await trx.insertInto('health_probe').values({ id, checked_at: new Date().toISOString() }).execute()
  })
}

async function ids(): Promise<string[]> {
  const rows = await db.kysely.selectFrom('health_probe').select('id').orderBy('id').execute()
  return rows.map(r => r.id)
}

describe('a write lock held by another connection', () => {
  it('makes a save wait, without blocking the event loop, and succeed once the lock is released', async () => {
    other.exec('begin immediate')
    const lag = monitorEventLoopDelay({ resolution: 5 })
    lag.enable()
    const started = Date.now()
    const saving = save('waited')
    // Meanwhile the one connection still serves reads, quickly.
    const readStarted = Date.now()
    expect(await ids()).toEqual([])
    expect(Date.now() - readStarted).toBeLessThan(100)
    setTimeout(() => other.exec('commit'), 300)
    await saving
    lag.disable()
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
    expect(await ids()).toEqual(['waited'])
    // better-sqlite3's own busy wait spins on the event loop; ours sleeps. No stall over 50 ms.
    expect(lag.max / 1e6).toBeLessThan(50)
  })

  it('fails with SQLITE_BUSY, an "unavailable" error, when the lock is held past the bound', async () => {
    other.exec('begin immediate')
    const started = Date.now()
    const error = await save('never').then(
      () => null,
      (err: unknown) => err,
    )
    const waited = Date.now() - started
    expect(unavailableCode(error)).toBe('SQLITE_BUSY')
    expect(isUnavailable(error)).toBe(true)
    expect(waited).toBeGreaterThanOrEqual(750)
    expect(waited).toBeLessThan(1500)
    other.exec('rollback')
    expect(await ids()).toEqual([])
    // And the connection is usable again at once.
    await save('after')
    expect(await ids()).toEqual(['after'])
  })

  it('starts write transactions with BEGIN IMMEDIATE, so they queue for the lock at the start', async () => {
    // A deferred transaction would read first and fail with SQLITE_BUSY when it came to write,
    // because the other connection committed in between; an immediate one holds the lock throughout.
    const result = await db.kysely.transaction().execute(async trx => {
      await sql`select count(*) from health_probe`.execute(trx)
      expect(() => other.exec('begin immediate')).toThrow(/locked|busy/i)
      await trx.insertInto('health_probe').values({ id: 'inside', checked_at: 'x' }).execute()
      return 'done'
    })
    expect(result).toBe('done')
    expect(await ids()).toEqual(['inside'])
  })

  it('lets two waiting saves of this process take the lock in turn', async () => {
    other.exec('begin immediate')
    const both = Promise.all([save('first'), save('second')])
    setTimeout(() => other.exec('commit'), 150)
    await both
    expect(await ids()).toEqual(['first', 'second'])
  })
})

describe('a failed transaction', () => {
  it('keeps its own error (SQLITE_FULL), not the ROLLBACK SQLite already did for it', async () => {
    const raw = new SqliteDatabase(join(dir, 'app.db'))
    const pages = (raw.pragma('page_count', { simple: true }) as number) + 1
    raw.close()
    await sql.raw(`pragma max_page_count = ${pages}`).execute(db.kysely)
    const big = 'x'.repeat(200_000)
    const error = await db.kysely
      .transaction()
      .execute(async trx => {
        await trx.insertInto('health_probe').values({ id: 'big', checked_at: big }).execute()
      })
      .then(
        () => null,
        (err: unknown) => err,
      )
    expect(unavailableCode(error)).toBe('SQLITE_FULL')
    expect(await ids()).toEqual([])
  })
})
