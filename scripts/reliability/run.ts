// npm run reliability: the faults of issue 7 section 5, against real server processes, with the
// figures written to docs/reliability-results.md. Not part of npm test: it takes several minutes,
// mounts a tmpfs and starts a PostgreSQL cluster of its own.
//
//   memory     wrk load on signed-in pages for a few minutes; resident memory sampled every 5 s
//   lock       another process holds SQLite's write lock (BEGIN IMMEDIATE) for 2 s, then for 8 s
//   disk-full  the data folder on a 16 MB tmpfs, filled with a ballast file, then freed
//   pg-restart a private PostgreSQL cluster (port 5433 or the next free one, never the shared 5432)
//              restarted with -m immediate and -m fast under reads and writes
//   kill-9     rounds of kill -9 during writes on SQLite; every acknowledged write must survive
//
// Options: --only memory,lock,... --memory-seconds 180 --kill-rounds 10 --keep
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import {
  ROOT,
  addPerson,
  canPin,
  count,
  freePort,
  killAll,
  percentile,
  rssMb,
  setUp,
  signIn,
  sleep,
  startServer,
  waitHealthy,
  type Browser,
  type Server,
} from './lib.ts'
import { WRK, wrk } from './wrk.ts'

/** The node options and environment npm start uses (package.json); the faults run the server the same way. */
const NODE_ARGS = ['--optimize-for-size']
const START_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' }
const RESULTS = join(ROOT, 'docs/reliability-results.md')
const MEMORY_LIMIT_MB = 200

interface Outcome {
  readonly name: string
  readonly done: string
  readonly seen: string[]
  readonly pass: boolean
}

interface Options {
  only: Set<string> | null
  memorySeconds: number
  killRounds: number
  keep: boolean
}

function parseOptions(argv: string[]): Options {
  const options: Options = { only: null, memorySeconds: 180, killRounds: 10, keep: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${arg} needs a value`)
      return v
    }
    if (arg === '--only') options.only = new Set(value().split(','))
    else if (arg === '--memory-seconds') options.memorySeconds = Number(value())
    else if (arg === '--kill-rounds') options.killRounds = Number(value())
    else if (arg === '--keep') options.keep = true
    else
      throw new Error(
        `Unknown option ${arg}. Options: --only memory,lock,disk-full,pg-restart,kill-9 --memory-seconds N --kill-rounds N --keep`,
      )
  }
  return options
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const log = (message: string) => console.log(message)

let workRoot = ''
function workDir(name: string): string {
  const dir = join(workRoot, name)
  mkdirSync(dir, { recursive: true })
  return dir
}

async function sqliteServer(dir: string, port?: number, logDir = dir): Promise<Server> {
  const server = startServer({
    dataDir: dir,
    port: port ?? (await freePort()),
    databaseUrl: join(dir, 'valuekit.db'),
    logFile: join(logDir, 'server.log'),
    nodeArgs: NODE_ARGS,
    env: START_ENV,
  })
  await waitHealthy(server)
  return server
}

/** Handbook pages and other signed-in pages to read under load. */
async function readingPaths(browser: Browser): Promise<string[]> {
  const contents = await browser.get('/handbook')
  const pages = [
    ...new Set([...contents.body.matchAll(/href="(\/handbook\/[a-z0-9-]+)"/g)].map(m => m[1] ?? '')),
  ].filter(p => p && !/\/(new|manage|suggestions)$/.test(p))
  return [...pages, '/', '/handbook', '/people', '/framework', '/admin/audit-log', '/handbook/search?q=team']
}

// ---------------------------------------------------------------------------------------------------------------

async function memory(options: Options): Promise<Outcome> {
  const dir = workDir('memory')
  const server = await sqliteServer(dir)
  try {
    await setUp(server)
    const browsers = await Promise.all(Array.from({ length: 5 }, () => signIn(server.base)))
    const paths = await readingPaths(browsers[0] as Browser)
    const atStart = rssMb(server.pid)
    const samples: number[] = []
    const timer = setInterval(() => samples.push(rssMb(server.pid)), 5000)
    // Five people's sessions, each on its own share of the connections, for the whole run.
    const results = await Promise.all(
      browsers.map(b =>
        wrk({
          base: server.base,
          paths,
          cookie: b.cookieHeader(),
          connections: 4,
          seconds: options.memorySeconds,
          workDir: workDir(`memory/${Math.random().toString(36).slice(2)}`),
        }),
      ),
    )
    clearInterval(timer)
    const atEnd = rssMb(server.pid)
    const max = Math.max(atStart, ...samples, atEnd)
    const requests = results.reduce((n, r) => n + r.requests, 0)
    const bad = results.reduce((n, r) => n + r.non2xx3xx + r.socketErrors + r.timeouts, 0)
    const rate = results.reduce((n, r) => n + r.requestsPerSecond, 0)
    const p99 = Math.max(...results.map(r => r.p99Ms))
    const firstMinute = samples.slice(0, 12)
    const lastMinute = samples.slice(-12)
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
    return {
      name: 'Memory under load',
      done: `wrk, 20 connections over 5 signed-in sessions, ${fmt(options.memorySeconds)} s on ${paths.length} pages (handbook pages, home, people, framework, audit log, a search); resident memory (VmRSS) every 5 s. Server started as npm start does.`,
      seen: [
        `${fmt(requests)} requests, ${fmt(rate)} req/s, p99 ${fmt(p99, 1)} ms, ${fmt(bad)} errors or non-2xx`,
        `RSS ${fmt(atStart)} MB after sign-in, ${fmt(atEnd)} MB at the end, highest ${fmt(max)} MB (limit ${MEMORY_LIMIT_MB} MB)`,
        `average ${fmt(avg(firstMinute))} MB over the first minute, ${fmt(avg(lastMinute))} MB over the last`,
        `samples (MB): ${samples.map(s => fmt(s)).join(' ')}`,
      ],
      pass: max < MEMORY_LIMIT_MB && bad === 0 && server.exit() === null,
    }
  } finally {
    await server.stop()
  }
}

// ---------------------------------------------------------------------------------------------------------------

interface Timed {
  status: number
  ms: number
}

async function timedGet(browser: Browser, path: string): Promise<Timed> {
  const started = performance.now()
  const status = await browser.get(path, 20_000).then(
    r => r.status,
    () => 0,
  )
  return { status, ms: performance.now() - started }
}

/** Reads /health and a page every 50 ms while work runs; returns their latencies and statuses. */
async function watch(browser: Browser, during: Promise<unknown>): Promise<{ health: Timed[]; page: Timed[] }> {
  const health: Timed[] = []
  const page: Timed[] = []
  let done = false
  void during.finally(() => {
    done = true
  })
  while (!done) {
    health.push(await timedGet(browser, '/health'))
    page.push(await timedGet(browser, '/accessibility'))
    await sleep(50)
  }
  return { health, page }
}

async function lock(): Promise<Outcome[]> {
  const dir = workDir('lock')
  const server = await sqliteServer(dir)
  try {
    const admin = await setUp(server)
    await admin.get('/admin/people/new')
    const watcher = await signIn(server.base)
    const other = new Database(join(dir, 'valuekit.db'))
    other.pragma('busy_timeout = 0')
    const outcomes: Outcome[] = []
    for (const holdMs of [2000, 8000]) {
      await sleep(2000) // past the health check's cache
      other.exec('begin immediate')
      const released = sleep(holdMs).then(() => other.exec('commit'))
      const started = performance.now()
      const email = `lock-${holdMs}@example.gov.uk`
      const saving = addPerson(admin, email, 30_000).then(status => ({ status, ms: performance.now() - started }))
      const seen = await watch(watcher, saving)
      const saved = await saving
      await released
      const stored = (other.prepare('select count(*) as n from users where email = ?').get(email) as { n: number }).n
      const healthMax = Math.max(...seen.health.map(t => t.ms))
      const pageMax = Math.max(...seen.page.map(t => t.ms))
      const healthStatuses = [...count(seen.health.map(t => t.status))].map(([s, n]) => `${s}×${n}`).join(', ')
      const within = holdMs < 5000
      const expectedStatus = within ? 303 : 503
      outcomes.push({
        name: `SQLite write lock held ${fmt(holdMs / 1000)} s (${within ? 'within' : 'beyond'} the 5 s bound)`,
        done: `Another process took BEGIN IMMEDIATE on the database file and held it ${fmt(holdMs / 1000)} s while an administrator added a person; /health and /accessibility were read every 50 ms meanwhile.`,
        seen: [
          `the save answered ${saved.status} after ${fmt(saved.ms)} ms (expected ${expectedStatus}); ${stored ? 'the person was stored' : 'nothing was stored'}`,
          `/health slowest ${fmt(healthMax)} ms over ${seen.health.length} reads (${healthStatuses})`,
          `/accessibility slowest ${fmt(pageMax)} ms over ${seen.page.length} reads, all ${[...new Set(seen.page.map(t => t.status))].join('/')}`,
        ],
        pass:
          saved.status === expectedStatus &&
          (within ? stored === 1 : stored === 0) &&
          healthMax < 1000 &&
          pageMax < 250 &&
          seen.page.every(t => t.status === 200) &&
          seen.health.some(t => t.status === 503) &&
          server.exit() === null,
      })
    }
    other.close()
    return outcomes
  } finally {
    await server.stop()
  }
}

// ---------------------------------------------------------------------------------------------------------------

function integrity(file: string): { integrity: string; foreignKeys: number } {
  const db = new Database(file, { readonly: true })
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }))
    const foreignKeys = (db.pragma('foreign_key_check') as unknown[]).length
    return { integrity, foreignKeys }
  } finally {
    db.close()
  }
}

async function diskFull(): Promise<Outcome> {
  const name = 'Disk full (SQLite on a 16 MB tmpfs)'
  const mount = workDir('disk-full')
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mount], { encoding: 'utf8' })
  if (mounted.status !== 0)
    return { name, done: 'Mounting a tmpfs failed (needs root).', seen: [mounted.stderr.trim()], pass: false }
  let server: Server | null = null
  try {
    const dir = join(mount, 'data')
    mkdirSync(dir)
    // The log goes elsewhere: this is about the database's disk.
    server = await sqliteServer(dir, undefined, workDir('disk-full-log'))
    const admin = await setUp(server)
    await admin.get('/admin/people/new')
    const reader = await signIn(server.base)
    let n = 0
    const acknowledged: string[] = []
    const first = `disk-${n++}@example.gov.uk`
    const before = await addPerson(admin, first)
    if (before === 303) acknowledged.push(first)
    // Fill what is left with a ballast file.
    const ballast = join(mount, 'ballast')
    spawnSync('dd', ['if=/dev/zero', `of=${ballast}`, 'bs=64k'], { encoding: 'utf8' })
    const statuses: number[] = []
    // Writes big enough to need new pages, until they fail; then some reads.
    for (let i = 0; i < 300 && !statuses.includes(503); i++) {
      const email = `disk-${n++}-${'x'.repeat(40)}@example.gov.uk`
      const status = await addPerson(admin, email, 10_000)
      statuses.push(status)
      if (status === 303) acknowledged.push(email)
    }
    for (let i = 0; i < 20; i++) statuses.push(await addPerson(admin, `disk-${n++}@example.gov.uk`, 10_000))
    const reads = await Promise.all(['/handbook', '/accessibility', '/admin/people'].map(p => timedGet(reader, p)))
    const health = await fetch(`${server.base}/health`).then(async r => `${r.status} ${await r.text()}`)
    const failures = statuses.filter(s => s !== 303).length
    rmSync(ballast)
    const freedAt = Date.now()
    let resumedMs = -1
    for (let i = 0; i < 100; i++) {
      const email = `disk-after-${i}@example.gov.uk`
      if ((await addPerson(admin, email)) === 303) {
        acknowledged.push(email)
        resumedMs = Date.now() - freedAt
        break
      }
      await sleep(100)
    }
    const logLines = server.log()
    const fullLogged = (logLines.match(/"event":"database-unavailable","code":"SQLITE_FULL"/g) ?? []).length
    const rollbackLogged = /no transaction is active/.test(logLines)
    await server.stop()
    const check = integrity(join(dir, 'valuekit.db'))
    const db = new Database(join(dir, 'valuekit.db'), { readonly: true })
    const lost = acknowledged.filter(email => !db.prepare('select 1 from users where email = ?').get(email)).length
    db.close()
    const byStatus = [...count(statuses)].map(([s, c]) => `${s}×${c}`).join(', ')
    return {
      name,
      done: 'The data folder on a 16 MB tmpfs; a ballast file filled the rest; an administrator kept adding people, then the ballast was deleted and writes tried again.',
      seen: [
        `before filling: ${before}; while full: ${byStatus}`,
        `reads while full: ${reads.map(r => r.status).join(', ')}; /health: ${health}`,
        `${fullLogged} SQLITE_FULL logged as the error; a failed ROLLBACK logged instead: ${rollbackLogged ? 'yes' : 'no'}`,
        `writes resumed ${resumedMs >= 0 ? `${fmt(resumedMs)} ms after the space was freed` : 'never'}; ${lost} of ${acknowledged.length} acknowledged writes lost`,
        `integrity_check: ${check.integrity}; foreign_key_check: ${check.foreignKeys} problems`,
      ],
      pass:
        statuses.includes(503) &&
        !statuses.includes(500) &&
        failures > 0 &&
        reads.every(r => r.status === 200) &&
        health.startsWith('503') &&
        fullLogged > 0 &&
        !rollbackLogged &&
        resumedMs >= 0 &&
        lost === 0 &&
        check.integrity === 'ok' &&
        check.foreignKeys === 0,
    }
  } finally {
    await server?.stop()
    spawnSync('umount', [mount])
  }
}

// ---------------------------------------------------------------------------------------------------------------

function pgBin(): string | null {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return null
  const version = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0]
  return version ? join(base, version, 'bin') : null
}

async function freePgPort(): Promise<number> {
  for (let port = 5433; port < 5500; port++) {
    const taken = await fetch(`http://127.0.0.1:${port}`, { signal: AbortSignal.timeout(300) }).then(
      () => true,
      (err: { cause?: { code?: string } }) => err.cause?.code !== 'ECONNREFUSED',
    )
    if (!taken) return port
  }
  throw new Error('No free port for a private PostgreSQL cluster')
}

/** As asPostgres, without stopping this process's own clients while it runs. */
function asPostgresAsync(args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise(done => {
    const child = spawn('runuser', ['-u', 'postgres', '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', chunk => (out += String(chunk)))
    child.stderr.on('data', chunk => (out += String(chunk)))
    child.on('exit', status => done({ status, out }))
  })
}

function asPostgres(args: string[]): { status: number | null; out: string } {
  const r = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

async function pgRestart(): Promise<Outcome[]> {
  const bin = pgBin()
  if (!bin)
    return [
      { name: 'PostgreSQL restart', done: 'No PostgreSQL binaries under /usr/lib/postgresql.', seen: [], pass: false },
    ]
  const port = await freePgPort()
  const cluster = mkdtempSync(join(tmpdir(), 'valuekit-pg-'))
  chmodSync(cluster, 0o777)
  const data = join(cluster, 'data')
  const pgctl = (...args: string[]) => asPostgres([join(bin, 'pg_ctl'), '-D', data, '-w', '-t', '60', ...args])
  const init = asPostgres([join(bin, 'initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  if (init.status !== 0) return [{ name: 'PostgreSQL restart', done: 'initdb failed', seen: [init.out], pass: false }]
  const serverOptions = `-p ${port} -k ${cluster} -c listen_addresses=127.0.0.1 -c fsync=on`
  const started = pgctl('-o', serverOptions, '-l', join(cluster, 'pg.log'), 'start')
  if (started.status !== 0)
    return [{ name: 'PostgreSQL restart', done: 'pg_ctl start failed', seen: [started.out], pass: false }]
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  const dir = workDir('pg-restart')
  let server: Server | null = null
  try {
    server = startServer({
      dataDir: dir,
      port: await freePort(),
      databaseUrl: url,
      logFile: join(dir, 'server.log'),
      nodeArgs: NODE_ARGS,
      env: START_ENV,
    })
    await waitHealthy(server)
    const admin = await setUp(server)
    await admin.get('/admin/people/new')
    const reader = await signIn(server.base)
    const outcomes: Outcome[] = []
    for (const mode of ['immediate', 'fast'] as const) {
      const events: { at: number; status: number; kind: 'read' | 'write' }[] = []
      const acknowledged: string[] = []
      let stop = false
      let n = 0
      const writer = (async () => {
        while (!stop) {
          const email = `pg-${mode}-${n++}@example.gov.uk`
          const status = await addPerson(admin, email, 20_000)
          events.push({ at: Date.now(), status, kind: 'write' })
          if (status === 303) acknowledged.push(email)
          await sleep(20)
        }
      })()
      const readers = Array.from({ length: 2 }, async () => {
        while (!stop) {
          const t = await timedGet(reader, '/admin/people')
          events.push({ at: Date.now(), status: t.status, kind: 'read' })
          await sleep(20)
        }
      })
      await sleep(2000)
      const restartAt = Date.now()
      const restarted = await asPostgresAsync([
        join(bin, 'pg_ctl'),
        ...['-D', data, '-w', '-t', '60', '-o', serverOptions, '-l', join(cluster, 'pg.log'), '-m', mode, 'restart'],
      ])
      const backAt = Date.now()
      await sleep(4000)
      stop = true
      await Promise.all([writer, ...readers])
      const after = events.filter(e => e.at >= restartAt)
      const failures = after.filter(e => e.status !== 200 && e.status !== 303)
      const firstFailure = failures[0]?.at ?? restartAt
      const lastFailure = failures.at(-1)?.at ?? restartAt
      const recovered = after.find(e => e.at > lastFailure && (e.status === 200 || e.status === 303))
      const statuses = [...count(after.map(e => e.status))].map(([s, c]) => `${s}×${c}`).join(', ')
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      const stored = new Set(
        (
          await client.query<{ email: string }>('select email from users where email like $1', [`pg-${mode}-%`])
        ).rows.map(r => r.email),
      )
      await client.end()
      const lost = acknowledged.filter(e => !stored.has(e)).length
      const alive = server.exit() === null
      // pg_ctl -w notices the server is up a little after it is, so recovery can come first.
      const recoverMs = recovered ? Math.max(0, recovered.at - backAt) : -1
      outcomes.push({
        name: `PostgreSQL restart -m ${mode}`,
        done: `A private cluster (PostgreSQL on port ${port}, not the shared 5432) restarted with pg_ctl restart -m ${mode} while one writer added people and two readers listed them.`,
        seen: [
          `pg_ctl restart ${restarted.status === 0 ? 'succeeded' : `failed: ${restarted.out.trim()}`} in ${fmt(backAt - restartAt)} ms`,
          `Node ${alive ? 'stayed up' : `exited (${server.exit()})`}; after the restart began: ${statuses}`,
          `failures from ${fmt(firstFailure - restartAt)} ms to ${fmt(lastFailure - restartAt)} ms after the restart began (${failures.length} requests, ${failures.filter(f => f.status === 503).length} of them 503)`,
          `outage seen by the app ${fmt(lastFailure - firstFailure)} ms; first success ${recovered ? `${fmt(recovered.at - restartAt)} ms after the restart began, ${fmt(recoverMs)} ms after pg_ctl reported PostgreSQL back` : 'never'}`,
          `${lost} of ${acknowledged.length} acknowledged writes lost`,
        ],
        pass:
          alive &&
          restarted.status === 0 &&
          failures.every(f => f.status === 503) &&
          recoverMs >= 0 &&
          recoverMs < 10_000 &&
          lost === 0,
      })
    }
    return outcomes
  } finally {
    await server?.stop()
    pgctl('-m', 'immediate', 'stop')
    rmSync(cluster, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function killNine(options: Options): Promise<Outcome> {
  const dir = workDir('kill-9')
  const file = join(dir, 'valuekit.db')
  const port = await freePort()
  let server = await sqliteServer(dir, port)
  const admin = await setUp(server)
  await admin.get('/admin/people/new')
  const acknowledged: string[] = []
  const restartMs: number[] = []
  let attempted = 0
  try {
    for (let round = 0; round < options.killRounds; round++) {
      let stop = false
      const writers = Array.from({ length: 4 }, async (_, w) => {
        let i = 0
        while (!stop) {
          const email = `k-${round}-${w}-${i++}@example.gov.uk`
          attempted++
          if ((await addPerson(admin, email, 5000)) === 303) acknowledged.push(email)
        }
      })
      await sleep(200 + Math.random() * 2800)
      server.child.kill('SIGKILL')
      await new Promise(done => server.child.once('exit', done))
      stop = true
      await Promise.all(writers)
      const started = Date.now()
      server = startServer({
        dataDir: dir,
        port,
        databaseUrl: file,
        logFile: join(dir, 'server.log'),
        nodeArgs: NODE_ARGS,
        env: START_ENV,
      })
      await waitHealthy(server)
      restartMs.push(Date.now() - started)
    }
  } finally {
    await server.stop()
  }
  const db = new Database(file, { readonly: true })
  const lost = acknowledged.filter(email => !db.prepare('select 1 from users where email = ?').get(email)).length
  db.close()
  const check = integrity(file)
  const maxRestart = Math.max(...restartMs)
  return {
    name: `kill -9 during writes (SQLite WAL, ${options.killRounds} rounds)`,
    done: `Each round: four writers added people as fast as the server answered; the server was killed with SIGKILL after a random 0.2-3 s and started again on the same file.`,
    seen: [
      `${fmt(acknowledged.length)} writes acknowledged (303) of ${fmt(attempted)} attempted; ${lost} lost`,
      `integrity_check: ${check.integrity}; foreign_key_check: ${check.foreignKeys} problems`,
      `restart to healthy: median ${fmt(percentile(restartMs, 50))} ms, slowest ${fmt(maxRestart)} ms (proposed target 5,000 ms: ${maxRestart < 5000 ? 'met' : 'missed'}; tsx compiles the sources at each start; load average ${fmt(loadavg()[0] ?? 0, 1)})`,
    ],
    // Restart time depends on how busy the machine is (tsx compiles the sources at each start):
    // it is reported against the proposed 5 s, not made a condition.
    pass: lost === 0 && check.integrity === 'ok' && check.foreignKeys === 0,
  }
}

// ---------------------------------------------------------------------------------------------------------------

function versions(): string[] {
  const git = (args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim()
  const dirty = git(['status', '--porcelain']).length > 0
  const sqlite = new Database(':memory:')
  const sqliteVersion = (sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v
  sqlite.close()
  const bin = pgBin()
  const pgVersion = bin
    ? spawnSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8' }).stdout.trim()
    : 'not installed'
  const wrkVersion = spawnSync(WRK, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]?.trim() ?? ''
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Git: ${git(['rev-parse', 'HEAD'])}${dirty ? ' (with uncommitted changes)' : ''} on ${git(['rev-parse', '--abbrev-ref', 'HEAD'])}`,
    `- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 1024 ** 3, 1)} GB; ${canPin ? 'server on CPU 0, load on CPU 1 (taskset)' : 'not pinned'}; load average at the end ${fmt(loadavg()[0] ?? 0, 1)} (the machine is shared, so timings are noisy)`,
    `- Node ${process.version}; SQLite ${sqliteVersion} (better-sqlite3); ${pgVersion}; ${wrkVersion || 'wrk'}`,
    `- Server: \`MALLOC_MMAP_THRESHOLD_=${START_ENV.MALLOC_MMAP_THRESHOLD_} node ${NODE_ARGS.join(' ')} --import tsx src/server.ts\` (as npm start), NODE_ENV=production`,
  ]
}

function report(outcomes: Outcome[], options: Options): string {
  const lines = [
    '# Reliability results',
    '',
    'Written by `npm run reliability` (scripts/reliability/run.ts): the faults of issue 7 section 5, run',
    'against real server processes. Do not edit by hand; run it again.',
    '',
    ...versions(),
    '',
    '| Fault | Result |',
    '| --- | --- |',
    ...outcomes.map(o => `| ${o.name} | ${o.pass ? 'PASS' : 'FAIL'} |`),
    '',
  ]
  for (const o of outcomes) {
    lines.push(`## ${o.name}: ${o.pass ? 'PASS' : 'FAIL'}`, '', `What was done: ${o.done}`, '', 'What was seen:', '')
    for (const s of o.seen) lines.push(`- ${s}`)
    lines.push('')
  }
  if (options.only) lines.push(`Only these faults were run: ${[...options.only].join(', ')}.`, '')
  return lines.join('\n')
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2))
  const wanted = (name: string) => !options.only || options.only.has(name)
  log('Building the stylesheets and scripts (skipped when up to date)')
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-assets.ts'], { cwd: ROOT, stdio: 'inherit' })
  workRoot = mkdtempSync(join(tmpdir(), 'valuekit-reliability-'))
  const outcomes: Outcome[] = []
  const run = async (name: string, work: () => Promise<Outcome | Outcome[]>) => {
    if (!wanted(name)) return
    log(`\n== ${name}`)
    try {
      const result = await work()
      for (const o of Array.isArray(result) ? result : [result]) {
        outcomes.push(o)
        log(`${o.pass ? 'PASS' : 'FAIL'} ${o.name}`)
        for (const s of o.seen) log(`  ${s}`)
      }
    } catch (err) {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err)
      outcomes.push({
        name,
        done: 'The run stopped with an error.',
        seen: [message.split('\n').slice(0, 6).join(' ')],
        pass: false,
      })
      log(`FAIL ${name}: ${message}`)
    } finally {
      killAll()
    }
  }
  try {
    await run('lock', lock)
    await run('disk-full', diskFull)
    await run('pg-restart', pgRestart)
    await run('kill-9', () => killNine(options))
    await run('memory', () => memory(options))
  } finally {
    killAll()
    if (!options.keep) rmSync(workRoot, { recursive: true, force: true })
    else log(`Kept ${workRoot}`)
  }
  writeFileSync(RESULTS, report(outcomes, options))
  log(`\nWrote ${RESULTS}`)
  return outcomes.every(o => o.pass) ? 0 : 1
}

process.on('SIGINT', () => {
  killAll()
  process.exit(130)
})

main().then(
  code => process.exit(code),
  err => {
    killAll()
    console.error(err)
    process.exit(1)
  },
)
