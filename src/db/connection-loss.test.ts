// PostgreSQL connections lost under the app, without touching the shared server: the app's own
// backends are ended with pg_terminate_backend while requests are in flight, and a small proxy in
// front of the server plays an outage (every connection dropped, new ones refused). The process
// must stay up, answer 503 while the database is away, and recover by itself when it returns.
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, buildTestApp, setUpInstallation, type Agent, type TestContext } from '../../test/build-test-app.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { newId } from '../platform/ids.ts'
import { isUnavailable } from './availability.ts'
import { connect } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

const pgUrl =
  process.env.TEST_DATABASE_URL ??
  (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined)

const onPostgres = DIALECTS.includes('postgres') && pgUrl !== undefined

async function adminQuery<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: pgUrl })
  await client.connect()
  try {
    return (await client.query<R>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** Ends every backend this test's app holds; answers how many there were. */
async function terminateAppBackends(applicationName: string): Promise<number> {
  const rows = await adminQuery<{ ended: boolean }>(
    'select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1',
    [applicationName],
  )
  return rows.filter(r => r.ended).length
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < ms) {
    if (await check()) return Date.now() - started
    await sleep(50)
  }
  throw new Error(`Not recovered within ${ms} ms`)
}

describe.runIf(onPostgres)('PostgreSQL backends terminated under load', () => {
  let ctx: TestContext
  let admin: Agent
  let appName: string
  // Without an 'error' listener on checked-out clients, these land here (and would end a server).
  const errors: Error[] = []
  const onUncaught = (e: Error) => errors.push(e)

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught)
    ctx = await buildTestApp({ dialect: 'postgres' })
    appName = ctx.testDb.applicationName ?? ''
    admin = await setUpInstallation(ctx)
  })
  afterAll(async () => {
    process.off('uncaughtException', onUncaught)
    await ctx?.close()
  })

  it('fails a query whose connection is ended mid-flight with an "unavailable" error, and the process goes on', async () => {
    const slow = sql`select pg_sleep(5)`.execute(ctx.testDb.db.kysely).then(
      () => null,
      (err: unknown) => err,
    )
    await waitFor(async () => (await terminateAppBackends(appName)) > 0, 3000)
    const error = await slow
    expect(isUnavailable(error)).toBe(true)
    // The checked-out client's own 'error' event had a listener: we are still here, and working.
    // An idle client whose backend was ended too can fail one query before the pool drops it.
    const answered = async () =>
      (await sql<{ one: number }>`select 1 as one`.execute(ctx.testDb.db.kysely).catch(() => null))?.rows[0]?.one === 1
    expect(await waitFor(answered, 3000)).toBeLessThan(3000)
    expect(errors).toEqual([])
  })

  it('answers 200 or 503 (never 500) while backends are ended under requests, then recovers', async () => {
    const statuses: number[] = []
    let stop = false
    const killer = (async () => {
      let ended = 0
      while (!stop) {
        ended += await terminateAppBackends(appName)
        await sleep(5)
      }
      return ended
    })()
    const load = Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 15; i++) {
        const res = await admin.get(i % 3 === 0 ? '/health' : '/admin/settings')
        statuses.push(res.statusCode)
        if (res.statusCode === 503 && res.headers['content-type']?.toString().startsWith('text/html'))
          expect($(res.body)('h1').text()).toBe('Sorry, the service is unavailable')
      }
    })
    await Promise.all(load)
    stop = true
    const ended = await killer
    expect(ended).toBeGreaterThan(0)
    expect(statuses.length).toBe(60)
    expect(statuses.filter(s => s !== 200 && s !== 503)).toEqual([])
    expect(errors).toEqual([])
    const recovered = await waitFor(async () => (await admin.get('/admin/settings')).statusCode === 200, 5000)
    expect(recovered).toBeLessThan(5000)
  })
})

/** A TCP proxy to PostgreSQL that can play an outage: drop every connection and refuse new ones. */
class OutageProxy {
  private readonly sockets = new Set<Socket>()
  private down = false
  readonly server: Server

  constructor(target: URL) {
    this.server = createServer(client => {
      if (this.down) {
        client.destroy()
        return
      }
      const upstream = tcpConnect(Number(target.port || 5432), target.hostname)
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => s.destroy())
      }
      client.pipe(upstream).pipe(client)
      client.on('close', () => upstream.destroy())
      upstream.on('close', () => client.destroy())
    })
  }

  async listen(): Promise<number> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve))
    const address = this.server.address()
    if (!address || typeof address === 'string') throw new Error('No port')
    return address.port
  }

  cut(): void {
    this.down = true
    for (const s of this.sockets) s.destroy()
  }

  restore(): void {
    this.down = false
  }

  async close(): Promise<void> {
    this.cut()
    await new Promise(resolve => this.server.close(resolve))
  }
}

describe.runIf(onPostgres)('a PostgreSQL outage (played by a proxy)', () => {
  let ctx: TestContext
  let admin: Agent
  let proxy: OutageProxy
  let schema: string

  beforeAll(async () => {
    const target = new URL(pgUrl ?? '')
    proxy = new OutageProxy(target)
    const port = await proxy.listen()
    const viaProxy = new URL(target)
    viaProxy.hostname = '127.0.0.1'
    viaProxy.port = String(port)
    schema = `test_${newId().replace(/-/g, '').slice(0, 16)}`
    await adminQuery(`create schema ${schema}`)
    const db = connect({ kind: 'postgres', connectionString: viaProxy.toString() }, { searchPath: schema })
    await migrateToLatest(db)
    ctx = await buildTestApp({ testDb: { db, destroy: () => db.close() } })
    admin = await setUpInstallation(ctx)
  })
  afterAll(async () => {
    await ctx?.close()
    await proxy?.close()
    await adminQuery(`drop schema if exists ${schema} cascade`)
  })

  it('answers 503 with the unavailable page while the database is away, and recovers by itself', async () => {
    expect((await admin.get('/admin/settings')).statusCode).toBe(200)
    proxy.cut()
    const started = Date.now()
    const page = await admin.get('/admin/settings')
    expect(Date.now() - started).toBeLessThan(6000)
    expect(page.statusCode).toBe(503)
    expect($(page.body)('h1').text()).toBe('Sorry, the service is unavailable')
    expect(page.headers['content-security-policy']).toBeDefined()
    const health = await ctx.app.inject({ url: '/health' })
    expect(health.statusCode).toBe(503)
    expect(health.json()).toEqual({ status: 'unavailable', database: 'not answering' })
    const logged = ctx.logs
      .map(l => JSON.parse(l) as Record<string, unknown>)
      .filter(e => e.event === 'database-unavailable')
    expect(logged.length).toBeGreaterThan(0)

    proxy.restore()
    const recovered = await waitFor(async () => (await admin.get('/admin/settings')).statusCode === 200, 10_000)
    expect(recovered).toBeLessThan(10_000)
    await sleep(1600) // past the health check's cache
    expect((await ctx.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', database: 'ok' })
  })
})
