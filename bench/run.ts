// npm run bench: how fast the handbook is, beside the most Node can do on the same machine.
//
// 1. Generates a handbook of 1,000 pages in a fresh data folder (bench/generate.ts).
// 2. Starts the real server on it (production mode), signs in as its administrator over HTTP.
// 3. Starts a bare node:http server that returns the same bytes as a handbook page.
// 4. Loads each target over loopback with wrk (bench/load.ts): warm-up, then a bounded run. With
//    taskset and 2 or more CPUs, servers run on CPU 0 and wrk on CPU 1, so they do not compete.
//    The server's CPU time (utime + stime from /proc/<pid>/stat) is read just before and just
//    after the measured run, and divided by the requests answered: CPU µs per request.
// 5. Prints requests per second, latency and CPU µs per request, each rate as a share of the bare
//    server's, and PASS or FAIL against the targets; writes docs/bench-results.md.
//
// The profession part: before the server starts, adds a generated profession of 10,000 people
// with four check-ins each (bench/profession.ts) to the same database; signs in over HTTP as a
// head of profession and loads the capability view (/profession/capability) the same way; signs in
// as a member of the profession with four agreed check-ins, starts a fifth over HTTP, and loads
// their pathway and the self-assessment form of that check-in.
//
// Exits 1 only when something went wrong (a response other than 2xx, an error, a timeout); missing a
// target is a finding, not a failure. See bench/README.md for the options.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import * as prettier from 'prettier'
import { distinctQueries, generateHandbook, type GeneratedHandbook } from './generate.ts'
import { generateProducts, type GeneratedProducts } from './products.ts'
import { generateStrategies } from './portfolio.ts'
import { formFields } from '../test/build-test-app.ts'
import { ukDate } from '../src/platform/dates.ts'
import { generateProfession, type GeneratedProfession } from './profession.ts'
import { WRK, runLoad, type LoadJob, type LoadResult } from './load.ts'

const ROOT = resolve(import.meta.dirname, '..')
const RESULTS_FILE = resolve(ROOT, 'docs/bench-results.md')
const NOTES_HEADING = '\n## Notes\n'

/** The two targets the issue sets. */
const PAGE_SHARE_TARGET = 50
const SEARCH_P99_TARGET_MS = 20
const CAPABILITY_P99_TARGET_MS = 150
const PRODUCTS_P99_TARGET_MS = 50
const ORGANISATION_P99_TARGET_MS = 100
/** A published page, signed out, as a share of the bare server returning its bytes (issue 9). */
const OPEN_SHARE_TARGET = 30

/** What people look for: common and rare words, two-word searches, a prefix, and one with no hits. */
export const SEARCH_TERMS = [
  'team',
  'roadmap',
  'prioritisation',
  'procurement',
  'retrospective',
  'accessibility',
  'hypothesis',
  'passport',
  'welsh',
  'wardley',
  'kanban',
  'user research',
  'service standard',
  'business case',
  'product strategy',
  'spend control',
  'screen reader',
  'psychological safety',
  'prioriti',
  'xylophone',
] as const

// ---------------------------------------------------------------------------------------------------------------
// Options

const TARGET_KEYS = [
  'bare',
  'page',
  'pages',
  'contents',
  'search',
  'search-new',
  'pathway',
  'checkin-form',
  'capability',
  'capability-pages',
  'strategy',
  'catalogue',
  'organisation',
  'open',
  'open-bare',
]
const PROFESSION_KEYS = ['pathway', 'checkin-form', 'capability', 'capability-pages']
const PRODUCT_KEYS = ['strategy', 'catalogue']
/** Targets of a published page (the worked example's strategy), which need the catalogue too. */
const OPEN_KEYS = ['open', 'open-bare']
/** Targets whose aim is a latency at 10 connections: measured at --latency-connections. */
const LATENCY_KEYS = new Set(['search', 'search-new', 'capability-pages', 'strategy', 'catalogue', 'organisation'])

/** A mistake in how the benchmark was asked to run: shown without a stack trace. */
class UsageError extends Error {}

interface Options {
  durationSeconds: number
  warmupSeconds: number
  connections: number
  latencyConnections: number
  logLevel: string
  pages: number
  people: number
  things: number
  postgres: boolean
  only: Set<string> | null
  profile: boolean
  keep: boolean
  rounds: number
}

const HELP = `Usage: npm run bench -- [options]

  --duration N      seconds each target is measured (default 10)
  --warmup N        seconds of warm-up before each (default 3)
  --connections N   concurrent connections (default 50)
  --latency-connections N
                    connections for the targets set as a p99 at 10 connections: search,
                    search-new, capability-pages (default 10)
  --log-level L     the server's LOG_LEVEL (default info, as it runs in production)
  --pages N         pages in the generated handbook (default 1000)
  --people N        people in the generated profession, four check-ins each (default 10000;
                    0 leaves the profession and its capability targets out)
  --rounds N        measure every target N times, interleaved, and keep each one's median run
                    (steadier figures on a busy machine; default 1)
  --postgres        use PostgreSQL (a new schema in DATABASE_URL) instead of SQLite
  --only LIST       measure only these targets, comma-separated:
                    bare,page,pages,contents,search,search-new,pathway,checkin-form,
                    capability,capability-pages,strategy,catalogue,organisation,
                    open,open-bare
  --things N        things in the generated catalogue, the worked example's included (default
                    2000; 0 leaves the product targets out)
  --profile         record a CPU profile of the server during the load and print where time went
  --keep            keep the generated data folder and print where it is

Writes docs/bench-results.md after a full run (not with --only or --profile).`

function parseOptions(argv: string[]): Options {
  const options: Options = {
    durationSeconds: 10,
    warmupSeconds: 3,
    connections: 50,
    latencyConnections: 10,
    logLevel: 'info',
    pages: 1000,
    people: 10_000,
    things: 2000,
    postgres: false,
    only: null,
    profile: false,
    keep: false,
    rounds: 1,
  }
  const number = (flag: string, value: string | undefined, min: number): number => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs a whole number of ${min} or more`)
    return n
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    switch (flag) {
      case '--duration':
        options.durationSeconds = number(flag, argv[++i], 1)
        break
      case '--warmup':
        options.warmupSeconds = number(flag, argv[++i], 0)
        break
      case '--connections':
        options.connections = number(flag, argv[++i], 1)
        break
      case '--latency-connections':
        options.latencyConnections = number(flag, argv[++i], 1)
        break
      case '--log-level': {
        const level = argv[++i] ?? ''
        if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level))
          throw new UsageError('--log-level takes fatal, error, warn, info, debug, trace or silent')
        options.logLevel = level
        break
      }
      case '--pages':
        options.pages = number(flag, argv[++i], 41)
        break
      case '--people':
        options.people = number(flag, argv[++i], 0)
        break
      case '--things':
        options.things = number(flag, argv[++i], 0)
        break
      case '--rounds':
        options.rounds = number(flag, argv[++i], 1)
        break
      case '--postgres':
        options.postgres = true
        break
      case '--only': {
        options.only = new Set((argv[++i] ?? '').split(',').filter(Boolean))
        const unknown = [...options.only].filter(key => !TARGET_KEYS.includes(key))
        if (unknown.length || options.only.size === 0) {
          throw new UsageError(
            `--only takes some of ${TARGET_KEYS.join(', ')} (not ${unknown.join(', ') || 'nothing'})`,
          )
        }
        break
      }
      case '--profile':
        options.profile = true
        break
      case '--keep':
        options.keep = true
        break
      case '--help':
      case '-h':
        console.log(HELP)
        process.exit(0)
        break
      default:
        throw new UsageError(`Unknown option ${flag}\n\n${HELP}`)
    }
  }
  return options
}

// ---------------------------------------------------------------------------------------------------------------
// Processes

const children = new Set<ChildProcess>()
const cleanups: (() => Promise<void> | void)[] = []

async function cleanUp(): Promise<void> {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  children.clear()
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup()
    } catch (error) {
      console.error(`Could not clean up: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\nStopped (${signal}); cleaning up`)
    void cleanUp().finally(() => process.exit(130))
  })
}

const canPin = availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0

/** Runs a TypeScript file under node + tsx, pinned to a CPU when possible. */
function spawnTs(
  cpu: number,
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  nodeFlags: string[] = [],
): ChildProcess {
  const command = [process.execPath, ...nodeFlags, '--import', 'tsx', file, ...args]
  const pinned = canPin ? ['taskset', '-c', String(cpu), ...command] : command
  const [program = process.execPath, ...rest] = pinned
  const child = spawn(program, rest, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

/** The last 64 KB a process wrote to each stream (a server logging at info writes a lot). */
function collect(child: ChildProcess): { out: () => string; err: () => string } {
  const KEEP = 64 * 1024
  let out = ''
  let err = ''
  child.stdout?.on('data', (chunk: Buffer) => (out = (out + chunk.toString()).slice(-KEEP)))
  child.stderr?.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-KEEP)))
  return { out: () => out, err: () => err }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise(resolveExit => child.once('exit', code => resolveExit(code)))
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill(signal)
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited(child)
  clearTimeout(timer)
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))

async function waitFor(url: string, child: ChildProcess, log: () => string, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server stopped before it was ready:\n${log()}`)
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  throw new Error(`${url} did not answer within ${seconds} seconds:\n${log()}`)
}

// ---------------------------------------------------------------------------------------------------------------
// Signing in over HTTP, as a browser would

class CookieJar {
  private readonly cookies = new Map<string, string>()
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq < 1) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  has(name: string): boolean {
    return this.cookies.has(name)
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new CookieJar()
  const form = await fetch(`${base}/sign-in`, { redirect: 'manual' })
  jar.take(form)
  const html = await form.text()
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (form.status !== 200 || !token) throw new Error(`GET /sign-in answered ${form.status} without a form token`)
  const response = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header(), origin: base },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  })
  jar.take(response)
  if (response.status !== 303 || !jar.has('valuekit-session')) {
    throw new Error(`Signing in failed: POST /sign-in answered ${response.status}`)
  }
  return jar.header()
}

/** Starts a check-in for the signed-in person through the form, as they would; returns its form's path. */
async function startCheckin(base: string, cookie: string, personId: string): Promise<string> {
  const path = `/people/${personId}/check-ins/new`
  const form = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1]
  if (form.status !== 200 || !token) throw new Error(`GET ${path} answered ${form.status} without a form token`)
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: base },
    body: new URLSearchParams({ _csrf: token }).toString(),
  })
  await response.arrayBuffer()
  const location = response.headers.get('location') ?? ''
  if (response.status !== 303 || !location.endsWith('/self')) {
    throw new Error(`Starting a check-in answered ${response.status} to ${location || 'nowhere'}`)
  }
  return location
}

/**
 * Publishes a thing's strategy in the open through the publish form, as its team would (what was
 * held back before stays held back); returns the public page's path.
 */
async function publishInTheOpen(base: string, cookie: string, productId: string): Promise<string> {
  const path = `/products/${productId}/publish`
  const form = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })
  const html = await form.text()
  // The form as a browser sends it: every field with its value, parts held back before still held.
  const fields = formFields(html, path)
  if (form.status !== 200 || !fields._csrf || !fields.version) {
    throw new Error(`GET ${path} answered ${form.status} without its form`)
  }
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, origin: base },
    body: body.toString(),
  })
  await response.arrayBuffer()
  if (response.status !== 303) throw new Error(`Publishing ${productId} answered ${response.status}`)
  const status = await (await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })).text()
  const href = /href="(\/open\/[a-z0-9-]+)"/.exec(status)?.[1]
  if (!href) throw new Error(`Publishing ${productId} gave no public page`)
  return href
}

/** Fetches each path once as the signed-in person; any answer but 200 stops the benchmark. */
async function checkAll(base: string, cookie: string, paths: readonly string[]): Promise<void> {
  const queue = [...paths]
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' })
      await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}, not 200`)
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

interface Target {
  key: string
  label: string
  base: string
  paths: readonly string[]
  /** The process answering, whose CPU use is read while it is measured. */
  servedBy: ChildProcess
  connections: number
  /** Who asks, when not the administrator (the capability view is for a head of profession). */
  headers?: Record<string, string>
}

interface Measurement extends LoadResult {
  /** CPU the answering server used while measured, as a share of one core. */
  serverCpuPercent: number | null
  /** Microseconds of server CPU for each request measured: steadier than req/s on a busy machine. */
  cpuPerRequestUs: number | null
  /** When the measured part ran, in microseconds of the monotonic clock (as CPU profiles count). */
  window: [number, number]
}

interface Measured extends Target {
  result: Measurement
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n)
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100

/** Seconds of CPU a process has used so far (Linux), or null where /proc cannot tell. */
function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS
  } catch {
    return null
  }
}

async function measure(
  target: Target,
  round: number,
  options: Options,
  headers: Record<string, string>,
  workDir: string,
): Promise<Measurement> {
  const job: LoadJob = {
    url: target.base,
    connections: target.connections,
    warmupSeconds: options.warmupSeconds,
    durationSeconds: options.durationSeconds,
    headers: target.headers ?? headers,
    paths: target.paths,
    startAt: Math.floor(((round - 1) * target.paths.length) / options.rounds),
    cpu: canPin ? 1 : null,
    workDir,
  }
  let began: { at: number; cpu: number | null } = { at: nowUs(), cpu: null }
  const result = await runLoad(job, CLOCK_TICKS, () => {
    began = { at: nowUs(), cpu: cpuSeconds(target.servedBy.pid) }
  })
  const end = { at: nowUs(), cpu: cpuSeconds(target.servedBy.pid) }
  const serverCpuPercent =
    began.cpu !== null && end.cpu !== null ? (100 * (end.cpu - began.cpu)) / ((end.at - began.at) / 1e6) : null
  const cpuPerRequestUs =
    began.cpu !== null && end.cpu !== null && result.total > 0 ? ((end.cpu - began.cpu) * 1e6) / result.total : null
  // wrk counts only 400 and above as failures: check the person is still signed in and the page
  // still answers 200 (a session that ran out would answer 303 to the sign-in page).
  const path = target.paths[0] ?? '/'
  const after = await fetch(`${target.base}${path}`, { headers: target.headers ?? headers, redirect: 'manual' })
  await after.arrayBuffer()
  const non2xx = result.non2xx + (after.status === 200 ? 0 : 1)
  return { ...result, non2xx, serverCpuPercent, cpuPerRequestUs, window: [began.at, end.at] }
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })
const ms = (n: number) => (n < 10 ? fmt(n, 2) : fmt(n, 1))

function table(rows: Measured[]): string[] {
  const bare = rows.find(r => r.key === 'bare')
  const header = [
    'target',
    'path',
    'conns',
    'req/s',
    'share of bare',
    'CPU µs/req',
    'p50 ms',
    'p99 ms',
    'KB/resp',
    '4xx/5xx',
    'errors',
    'timeouts',
    'server CPU',
    'wrk CPU',
  ]
  const body = rows.map(r => [
    r.label,
    r.paths.length === 1 ? (r.paths[0] ?? '') : `${fmt(r.paths.length)} paths in turn`,
    fmt(r.connections),
    fmt(r.result.requestsPerSecond),
    bare ? `${fmt((100 * r.result.requestsPerSecond) / bare.result.requestsPerSecond, 1)}%` : 'n/a',
    r.result.cpuPerRequestUs === null ? 'n/a' : fmt(r.result.cpuPerRequestUs),
    ms(r.result.p50),
    ms(r.result.p99),
    fmt(r.result.bytesPerResponse / 1024, 1),
    fmt(r.result.non2xx),
    fmt(r.result.errors),
    fmt(r.result.timeouts),
    r.result.serverCpuPercent === null ? 'n/a' : `${fmt(r.result.serverCpuPercent)}%`,
    `${fmt(r.result.loadCpuPercent)}%`,
  ])
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i >= 2 ? '---:' : '---')).join(' | ')} |`,
    ...body.map(cells => `| ${cells.join(' | ')} |`),
  ]
}

interface Verdicts {
  lines: string[]
}

function verdicts(measured: Map<string, Measured>): Verdicts {
  const lines: string[] = []
  const bare = measured.get('bare')
  const efficiency = (row: Measured) => {
    const bareCost = bare?.result.cpuPerRequestUs
    const cost = row.result.cpuPerRequestUs
    if (bareCost && cost) {
      lines.push(
        `info  ${row.label}: ${fmt(cost)} µs of server CPU a request against the bare server's ${fmt(bareCost)} µs, i.e. ${fmt((100 * bareCost) / cost, 1)}% of its efficiency`,
      )
    }
  }
  for (const key of ['page', 'pages']) {
    const row = measured.get(key)
    if (!bare || !row) continue
    const share = (100 * row.result.requestsPerSecond) / bare.result.requestsPerSecond
    const pass = share >= PAGE_SHARE_TARGET
    lines.push(
      `${pass ? 'PASS' : 'FAIL'}  ${row.label}: ${fmt(share, 1)}% of the bare server's rate (target: ${PAGE_SHARE_TARGET}% or more)${key === 'pages' ? ', pages of varying size against one typical page' : ''}`,
    )
    efficiency(row)
  }
  for (const key of ['contents', 'pathway', 'checkin-form', 'capability']) {
    const row = measured.get(key)
    if (!bare || !row) continue
    lines.push(
      `info  ${row.label}: ${fmt((100 * row.result.requestsPerSecond) / bare.result.requestsPerSecond, 1)}% of the bare server's rate (a page of its own size; no target)`,
    )
    efficiency(row)
  }
  for (const key of ['search', 'search-new']) {
    const search = measured.get(key)
    if (!search) continue
    const pass = search.result.p99 < SEARCH_P99_TARGET_MS
    lines.push(
      `${pass ? 'PASS' : 'FAIL'}  ${search.label}: p99 ${ms(search.result.p99)} ms at ${search.connections} connections (target: under ${SEARCH_P99_TARGET_MS} ms at 10 connections)${key === 'search-new' ? '; no search repeats, so no cached results help' : ''}`,
    )
  }
  for (const key of PRODUCT_KEYS) {
    const view = measured.get(key)
    if (!view) continue
    const pass = view.result.p99 < PRODUCTS_P99_TARGET_MS
    lines.push(
      `${pass ? 'PASS' : 'FAIL'}  ${view.label}: p50 ${ms(view.result.p50)} ms, p99 ${ms(view.result.p99)} ms, ${fmt(view.result.cpuPerRequestUs ?? 0)} µs of CPU a request at ${view.connections} connections (target: p99 under ${PRODUCTS_P99_TARGET_MS} ms at 10 connections)`,
    )
  }
  const organisation = measured.get('organisation')
  if (organisation) {
    const pass = organisation.result.p99 < ORGANISATION_P99_TARGET_MS
    lines.push(
      `${pass ? 'PASS' : 'FAIL'}  ${organisation.label}: p50 ${ms(organisation.result.p50)} ms, p99 ${ms(organisation.result.p99)} ms, ${fmt(organisation.result.cpuPerRequestUs ?? 0)} µs of CPU a request at ${organisation.connections} connections (target: p99 under ${ORGANISATION_P99_TARGET_MS} ms at 10 connections)`,
    )
  }
  const published = measured.get('open')
  const publishedBare = measured.get('open-bare')
  if (published && publishedBare) {
    const share = (100 * published.result.requestsPerSecond) / publishedBare.result.requestsPerSecond
    lines.push(
      `${share >= OPEN_SHARE_TARGET ? 'PASS' : 'FAIL'}  ${published.label}: ${fmt(share, 1)}% of the rate of a bare server returning its bytes, ${fmt(published.result.cpuPerRequestUs ?? 0)} µs of CPU a request against ${fmt(publishedBare.result.cpuPerRequestUs ?? 0)} µs (target: ${OPEN_SHARE_TARGET}% or more)`,
    )
  }
  for (const key of ['capability', 'capability-pages']) {
    const view = measured.get(key)
    if (!view) continue
    const pass = view.result.p99 < CAPABILITY_P99_TARGET_MS
    lines.push(
      `${pass ? 'PASS' : 'FAIL'}  ${view.label}: p50 ${ms(view.result.p50)} ms, p99 ${ms(view.result.p99)} ms at ${view.connections} connections (target: p99 under ${CAPABILITY_P99_TARGET_MS} ms at 10 connections)`,
    )
  }
  if (bare && bare.result.loadCpuPercent > 90) {
    lines.push(
      `note  wrk used ${fmt(bare.result.loadCpuPercent)}% of its CPU against the bare server, so the bare figure is partly a limit of the client: the shares above are then flattering.`,
    )
  }
  return { lines }
}

function wrkVersion(): string {
  const out = spawnSync(WRK, ['--version'], { encoding: 'utf8' })
  return /wrk (\S+)/.exec(`${out.stdout}${out.stderr}`)?.[1] ?? 'unknown version'
}

function gitSha(): string {
  const sha = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' })
  if (sha.status !== 0) return 'unknown'
  // The results file is what this writes, so it does not count as a change to what was measured.
  const dirty = spawnSync(
    'git',
    ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs/bench-results.md'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  )
  return `${sha.stdout.trim()}${dirty.stdout.trim() ? ' (with uncommitted changes)' : ''}`
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))
    if (match?.[1]) return match[1].trim()
  } catch {
    // not Linux
  }
  return cpus()[0]?.model ?? 'unknown'
}

function sqliteVersion(): string {
  const db = new Database(':memory:')
  try {
    const row = db.prepare('select sqlite_version() as version').get() as { version: string }
    return row.version
  } finally {
    db.close()
  }
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const result = await client.query<{ server_version: string }>('show server_version')
    return result.rows[0]?.server_version ?? 'unknown'
  } finally {
    await client.end()
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Profiling: where the server's CPU time went while it was under load

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

function where(url: string): string {
  if (!url) return '(native)'
  const path = url.replace(/^file:\/\//, '')
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path)
  if (inModules) return `${inModules[1]}/${inModules[2]}`
  if (path.startsWith(ROOT)) return path.slice(ROOT.length + 1)
  return path
}

function packageOf(url: string): string {
  if (!url) return '(native, GC and idle)'
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)
  if (inModules?.[1]) return inModules[1]
  if (url.startsWith('node:')) return 'node: core'
  const path = url.replace(/^file:\/\//, '')
  if (path.startsWith(ROOT))
    return path
      .slice(ROOT.length + 1)
      .split('/')
      .slice(0, 2)
      .join('/')
  return path
}

const IDLE_FRAMES = new Set(['(idle)', '(program)'])

/** Where the server's CPU time went during the measured windows; null when the profile shows no work. */
function summariseProfile(profile: CpuProfile, windows: [number, number][], requests: number): string[] | null {
  const byId = new Map(profile.nodes.map(n => [n.id, n]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id)
  const self = new Map<number, number>()
  let time = profile.startTime
  let busy = 0
  let idle = 0
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0
    const id = profile.samples[i]
    if (id === undefined || !windows.some(([from, to]) => time >= from && time <= to)) continue
    const delta = profile.timeDeltas[i + 1] ?? 0
    if (IDLE_FRAMES.has(byId.get(id)?.callFrame.functionName ?? '')) {
      idle += delta
      continue
    }
    self.set(id, (self.get(id) ?? 0) + delta)
    busy += delta
  }
  if (busy < 1000) return null
  const key = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'}  ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`
  const selfByFunction = new Map<string, number>()
  const selfByPackage = new Map<string, number>()
  const inclusive = new Map<string, number>()
  const add = (m: Map<string, number>, k: string, t: number) => m.set(k, (m.get(k) ?? 0) + t)
  for (const [id, t] of self) {
    const node = byId.get(id)
    if (!node) continue
    add(selfByFunction, key(node), t)
    add(selfByPackage, packageOf(node.callFrame.url), t)
    // Inclusive time: every named frame on the stack (and our own anonymous ones), once per sample.
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)
      if (!frame?.callFrame.url) continue
      if (!frame.callFrame.functionName && !frame.callFrame.url.includes(`${ROOT}/src/`)) continue
      const k = key(frame)
      if (seen.has(k)) continue
      seen.add(k)
      add(inclusive, k, t)
    }
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, t]) => `  ${fmt((100 * t) / busy, 1).padStart(5)}%  ${fmt(t / 1000).padStart(6)} ms  ${name}`)
  const perRequest = requests > 0 ? ` = ${fmt(busy / requests, 1)} µs of CPU for each of ${fmt(requests)} requests` : ''
  return [
    `Busy ${fmt(busy / 1000)} ms, idle ${fmt(idle / 1000)} ms while measured${perRequest}.`,
    'Shares below are of the busy time. Native code (SQLite, writing to sockets) counts as its JavaScript caller.',
    '',
    'Self time by package or folder:',
    ...top(selfByPackage, 15),
    '',
    'Self time by function (top 30):',
    ...top(selfByFunction, 30),
    '',
    'Inclusive time by function (top 40; callbacks count under whoever called them):',
    ...top(inclusive, 40),
  ]
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2))
  const postgresUrl = options.postgres ? process.env.DATABASE_URL : undefined
  if (options.postgres && !postgresUrl?.startsWith('postgres')) {
    throw new UsageError('--postgres needs DATABASE_URL set to a postgres:// address')
  }
  const wanted = (key: string) => !options.only || options.only.has(key)
  const loadAtStart = loadavg()[0] ?? 0
  if (loadAtStart > availableParallelism() / 2) {
    console.log(
      `Warning: the machine is busy (load average ${fmt(loadAtStart, 1)} on ${availableParallelism()} CPUs), so figures will be noisy. Try --rounds 3.`,
    )
  }

  console.log('Building the stylesheets and scripts (skipped when up to date)')
  const assets = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-assets.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (assets.status !== 0) throw new Error(`Building the assets failed:\n${assets.stderr}`)

  const workDir = mkdtempSync(join(tmpdir(), 'valuekit-bench-'))
  const dataDir = join(workDir, 'data')
  cleanups.push(() => {
    if (options.keep) console.log(`Kept the data folder: ${dataDir}`)
    else rmSync(workDir, { recursive: true, force: true })
  })
  const sessionSecret = randomBytes(32).toString('base64url')

  console.log(`Generating a handbook of ${fmt(options.pages)} pages (${options.postgres ? 'PostgreSQL' : 'SQLite'})`)
  const handbook: GeneratedHandbook = await generateHandbook({
    dataDir,
    postgresUrl,
    totalPages: options.pages,
    sessionSecret,
    searchTerms: SEARCH_TERMS,
    onProgress: message => console.log(`  ${message}`),
  })
  cleanups.push(() => (options.keep ? undefined : handbook.drop()))

  // The profession the capability view shows, in the same database, written before the server starts.
  let profession: GeneratedProfession | null = null
  if (options.people > 0 && PROFESSION_KEYS.some(wanted)) {
    console.log(`Generating a profession of ${fmt(options.people)} people with four check-ins each`)
    profession = await generateProfession({
      dataDir,
      sessionSecret,
      databaseUrl: handbook.databaseUrl,
      people: options.people,
      onProgress: message => console.log(`  ${message}`),
    })
    console.log(
      `  ${fmt(profession.people)} people, ${fmt(profession.checkins)} check-ins and ${fmt(profession.ratings)} ratings, ready in ${fmt(profession.seconds, 1)} s`,
    )
  }
  console.log(
    `  ${fmt(handbook.pageCount)} pages in ${handbook.sectionCount} sections, ready in ${fmt(handbook.seconds, 1)} s`,
  )

  // The catalogue and a full strategy, in the same database, written before the server starts.
  let products: GeneratedProducts | null = null
  if (options.things > 0 && [...PRODUCT_KEYS, ...OPEN_KEYS, 'organisation'].some(wanted)) {
    console.log(`Loading the worked example and generating a catalogue of ${fmt(options.things)} things`)
    products = await generateProducts({
      dataDir,
      sessionSecret,
      databaseUrl: handbook.databaseUrl,
      things: options.things,
      onProgress: message => console.log(`  ${message}`),
    })
    console.log(`  ${fmt(products.things)} things, ready in ${fmt(products.seconds, 1)} s`)
    if (wanted('organisation')) {
      console.log('Giving every generated thing a full strategy, for the organisation view')
      const strategies = await generateStrategies({
        dataDir,
        sessionSecret,
        databaseUrl: handbook.databaseUrl,
        today: ukDate(new Date()),
      })
      console.log(
        `  ${fmt(strategies.things)} strategies (${fmt(strategies.rows)} rows), ready in ${fmt(strategies.seconds, 1)} s`,
      )
    }
  }

  // The server, as people would run it.
  const appPort = await freePort()
  const profileDir = join(tmpdir(), `valuekit-profile-${Date.now()}`)
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: options.logLevel,
    SESSION_SECRET: sessionSecret,
    DATA_DIR: dataDir,
    PORT: String(appPort),
    HOST: '127.0.0.1',
    BASE_URL: `http://127.0.0.1:${appPort}`,
  }
  delete serverEnv.DATABASE_URL
  if (handbook.databaseUrl) serverEnv.DATABASE_URL = handbook.databaseUrl
  const server = spawnTs(
    0,
    'src/server.ts',
    [],
    serverEnv,
    options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  )
  const serverLog = collect(server)
  const appBase = `http://127.0.0.1:${appPort}`
  await waitFor(`${appBase}/health`, server, () => serverLog.out() + serverLog.err())
  console.log(`Server ready at ${appBase}${canPin ? ' (on CPU 0; load from CPU 1)' : ' (not pinned to a CPU)'}`)

  const cookie = await signIn(appBase, handbook.adminEmail, handbook.adminPassword)
  const headers = { cookie, 'accept-encoding': 'identity' }
  const pagePath = `/handbook/${handbook.typicalSlug}`
  const allPages = handbook.slugs.map(slug => `/handbook/${slug}`)
  const searchPath = (q: string) => `/handbook/search?${new URLSearchParams({ q }).toString()}`
  const searches = SEARCH_TERMS.map(searchPath)
  // Enough distinct searches that none repeats even at a high rate; only a few are checked first,
  // since checking caches them.
  const freshSearches = distinctQueries(60_000).map(searchPath)

  console.log(`Checking that ${fmt(allPages.length + searches.length + 5)} addresses answer 200`)
  await checkAll(appBase, cookie, [pagePath, '/handbook', ...searches, ...allPages, ...freshSearches.slice(-3)])
  if (products) {
    const productPaths = [
      `/products/${products.strategyId}`,
      ...Array.from({ length: products.cataloguePages }, (_, i) => `/products?page=${i + 1}`),
    ]
    console.log(`Checking that ${fmt(productPaths.length)} product addresses answer 200`)
    await checkAll(appBase, cookie, productPaths)
  }

  // The capability view, as a head of profession (who sees everyone). The first request finds
  // nothing cached, so it times every figure computed in SQL over the whole profession.
  const professionTargets: Target[] = []
  let professionTimings: { firstMs: number; firstKb: number; csvMs: number; csvKb: number } | null = null
  if (profession) {
    const headCookie = await signIn(appBase, profession.headEmail, profession.headPassword)
    const headHeaders = { cookie: headCookie, 'accept-encoding': 'identity' }
    const timed = async (path: string) => {
      const started = performance.now()
      const response = await fetch(`${appBase}${path}`, { headers: headHeaders, redirect: 'manual' })
      const bytes = (await response.arrayBuffer()).byteLength
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}, not 200`)
      return { ms: performance.now() - started, kb: bytes / 1024 }
    }
    const first = await timed('/profession/capability')
    const csv = await timed('/profession/capability.csv')
    professionTimings = { firstMs: first.ms, firstKb: first.kb, csvMs: csv.ms, csvKb: csv.kb }
    // Every page of everyone, then the first page of each role in each business area.
    const pageCount = Math.ceil(profession.shown / 50)
    const capabilityPaths = [
      ...Array.from({ length: pageCount }, (_, i) => `/profession/capability?page=${i + 1}`),
      ...profession.areas.flatMap(area =>
        profession.roles.map(role => `/profession/capability?${new URLSearchParams({ role, area }).toString()}`),
      ),
    ]
    console.log(
      `Capability view: first request ${fmt(first.ms)} ms (nothing cached), CSV of everyone ${fmt(csv.ms)} ms (${fmt(csv.kb)} KB)`,
    )
    console.log(`Checking that ${fmt(capabilityPaths.length)} capability addresses answer 200`)
    await checkAll(appBase, headCookie, capabilityPaths)

    // A member with four agreed check-ins starts a fifth: their pathway (what /pathway shows them)
    // and the form for their own view of each skill.
    const memberCookie = await signIn(appBase, profession.member.email, profession.member.password)
    const memberHeaders = { cookie: memberCookie, 'accept-encoding': 'identity' }
    const checkinForm = await startCheckin(appBase, memberCookie, profession.member.id)
    const pathwayPath = `/people/${profession.member.id}/pathway`
    await checkAll(appBase, memberCookie, [pathwayPath, checkinForm])
    professionTargets.push(
      {
        key: 'pathway',
        label: 'My pathway, four check-ins and a draft',
        base: appBase,
        paths: [pathwayPath],
        servedBy: server,
        connections: options.connections,
        headers: memberHeaders,
      },
      {
        key: 'checkin-form',
        label: 'check-in form, own view of each skill',
        base: appBase,
        paths: [checkinForm],
        servedBy: server,
        connections: options.connections,
        headers: memberHeaders,
      },
      {
        key: 'capability',
        label: `capability view, ${fmt(profession.shown)} people`,
        base: appBase,
        paths: ['/profession/capability'],
        servedBy: server,
        connections: options.connections,
        headers: headHeaders,
      },
      {
        key: 'capability-pages',
        label: 'capability view, every page and filter in turn',
        base: appBase,
        paths: capabilityPaths,
        servedBy: server,
        connections: options.latencyConnections,
        headers: headHeaders,
      },
    )
  }

  // The organisation view over every thing's strategy, as the administrator (who sees it). The
  // first request finds nothing cached: every figure is computed in SQL over all the strategies.
  const organisationTargets: Target[] = []
  let organisationTimings: { firstMs: number; firstKb: number; csvMs: number; csvKb: number } | null = null
  if (products && wanted('organisation')) {
    const timed = async (path: string) => {
      const started = performance.now()
      const response = await fetch(`${appBase}${path}`, { headers, redirect: 'manual' })
      const bytes = (await response.arrayBuffer()).byteLength
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}, not 200`)
      return { ms: performance.now() - started, kb: bytes / 1024 }
    }
    const first = await timed('/portfolio/organisation')
    const csv = await timed('/portfolio/organisation/export.csv')
    organisationTimings = { firstMs: first.ms, firstKb: first.kb, csvMs: csv.ms, csvKb: csv.kb }
    console.log(
      `Organisation view: first request ${fmt(first.ms)} ms (nothing cached), CSV of every thing ${fmt(csv.ms)} ms (${fmt(csv.kb)} KB)`,
    )
    // Every page of the default order (most health flags first), then sorted and filtered views.
    const organisationPaths = [
      ...Array.from({ length: products.cataloguePages }, (_, i) => `/portfolio/organisation?page=${i + 1}`),
      '/portfolio/organisation?sort=name&order=asc',
      '/portfolio/organisation?sort=off-target&order=desc',
      '/portfolio/organisation?show=starved',
      '/portfolio/organisation?show=flagged&phase=live',
      '/portfolio/organisation?sort=waiting&order=desc&kind=service',
    ]
    console.log(`Checking that ${fmt(organisationPaths.length)} organisation view addresses answer 200`)
    await checkAll(appBase, cookie, organisationPaths)
    organisationTargets.push({
      key: 'organisation',
      label: `organisation view, ${fmt(products.things)} things with full strategies, every page and some sorts in turn`,
      base: appBase,
      paths: organisationPaths,
      servedBy: server,
      connections: options.latencyConnections,
    })
  }

  // The bare server returns exactly the body of the page we load.
  const pageResponse = await fetch(`${appBase}${pagePath}`, { headers })
  const pageBody = Buffer.from(await pageResponse.arrayBuffer())
  const bodyFile = join(workDir, 'page.html')
  writeFileSync(bodyFile, pageBody)
  const barePort = await freePort()
  const bare = spawnTs(0, 'bench/bare-server.ts', [String(barePort), bodyFile], process.env)
  const bareLog = collect(bare)
  const bareBase = `http://127.0.0.1:${barePort}`
  await waitFor(bareBase, bare, () => bareLog.out() + bareLog.err())

  // A published page (the worked example's full strategy), read signed out, beside a bare server
  // returning the same bytes. Each is its own pair: the page is a different size from a handbook page.
  const openTargets: Target[] = []
  let openBare: ChildProcess | null = null
  if (products && (wanted('open') || wanted('open-bare'))) {
    const openPath = await publishInTheOpen(appBase, cookie, products.strategyId)
    const signedOut = { 'accept-encoding': 'identity' }
    const openResponse = await fetch(`${appBase}${openPath}`, { headers: signedOut })
    if (openResponse.status !== 200) throw new Error(`GET ${openPath} answered ${openResponse.status}, not 200`)
    const openFile = join(workDir, 'open.html')
    writeFileSync(openFile, Buffer.from(await openResponse.arrayBuffer()))
    const openBarePort = await freePort()
    openBare = spawnTs(0, 'bench/bare-server.ts', [String(openBarePort), openFile], process.env)
    const openBareLog = collect(openBare)
    const openBareBase = `http://127.0.0.1:${openBarePort}`
    await waitFor(openBareBase, openBare, () => openBareLog.out() + openBareLog.err())
    openTargets.push(
      {
        key: 'open-bare',
        label: 'bare node:http, same bytes as the published page',
        base: openBareBase,
        paths: [openPath],
        servedBy: openBare,
        connections: options.connections,
        headers: signedOut,
      },
      {
        key: 'open',
        label: `published page, ${products.strategyName}, signed out`,
        base: appBase,
        paths: [openPath],
        servedBy: server,
        connections: options.connections,
        headers: signedOut,
      },
    )
  }

  const handbookTarget = (key: string, label: string, base: string, paths: readonly string[]): Target => ({
    key,
    label,
    base,
    paths,
    servedBy: base === bareBase ? bare : server,
    connections: LATENCY_KEYS.has(key) ? options.latencyConnections : options.connections,
  })
  const targets: Target[] = [
    handbookTarget('bare', 'bare node:http, same bytes', bareBase, [pagePath]),
    handbookTarget('page', 'handbook page', appBase, [pagePath]),
    handbookTarget('pages', 'handbook pages, all in turn', appBase, allPages),
    handbookTarget('contents', 'contents', appBase, ['/handbook']),
    handbookTarget('search', 'search, 20 terms in turn', appBase, searches),
    handbookTarget('search-new', 'search, every one new', appBase, freshSearches.slice(0, -3)),
    ...professionTargets,
    ...organisationTargets,
    ...openTargets,
    ...(products
      ? [
          handbookTarget('strategy', `strategy page, ${products.strategyName}`, appBase, [
            `/products/${products.strategyId}`,
          ]),
          handbookTarget(
            'catalogue',
            `catalogue of ${fmt(products.things)} things, every page in turn`,
            appBase,
            Array.from({ length: products.cataloguePages }, (_, i) => `/products?page=${i + 1}`),
          ),
        ]
      : []),
  ].filter(t => wanted(t.key))

  const runs = new Map<string, Measurement[]>()
  for (let round = 1; round <= options.rounds; round++) {
    for (const target of targets) {
      const which = options.rounds > 1 ? ` (round ${round} of ${options.rounds})` : ''
      process.stdout.write(
        `Measuring ${target.label}${which}: ${options.warmupSeconds} s warm-up, ${options.durationSeconds} s measured … `,
      )
      const result = await measure(target, round, options, headers, workDir)
      runs.set(target.key, [...(runs.get(target.key) ?? []), result])
      console.log(`${fmt(result.requestsPerSecond)} req/s, p99 ${ms(result.p99)} ms`)
    }
  }
  const measured = new Map<string, Measured>()
  for (const target of targets) {
    const sorted = [...(runs.get(target.key) ?? [])].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)
    const median = sorted[Math.floor(sorted.length / 2)]
    if (median) measured.set(target.key, { ...target, result: median })
  }
  await stop(bare)
  if (openBare) await stop(openBare)

  // The results.
  const rows = [...measured.values()]
  const lines = table(rows)
  const { lines: verdictLines } = verdicts(measured)
  console.log('')
  console.log(lines.join('\n'))
  console.log('')
  console.log(verdictLines.join('\n'))

  const failed = targets.flatMap(t =>
    (runs.get(t.key) ?? []).filter(r => r.non2xx > 0 || r.errors > 0 || r.timeouts > 0).map(r => ({ t, r })),
  )
  for (const { t, r } of failed) {
    console.error(
      `\n${t.label}: ${r.non2xx} responses of 400 or more (or not 200 when fetched again after the run), ${r.errors} connection errors, ${r.timeouts} timeouts`,
    )
  }

  if (options.profile) {
    await stop(server, 'SIGINT')
    // Only the time the app was under measured load counts (not start-up, checks or the bare server).
    const appRuns = targets.filter(t => t.servedBy === server).flatMap(t => runs.get(t.key) ?? [])
    const windows = appRuns.map(r => r.window)
    const requests = appRuns.reduce((n, r) => n + r.total, 0)
    const files = readdirSync(profileDir).filter(f => f.endsWith('.cpuprofile'))
    for (const file of files) {
      const path = join(profileDir, file)
      const summary = summariseProfile(JSON.parse(readFileSync(path, 'utf8')) as CpuProfile, windows, requests)
      if (!summary) continue // a helper thread that did nothing under load
      console.log(`\nProfile of the server: ${path}\n(open it in Chrome DevTools › Performance, or speedscope)\n`)
      console.log(summary.join('\n'))
    }
  } else {
    await stop(server)
  }
  if (server.exitCode !== 0 && server.exitCode !== null) {
    console.error(`The server exited with ${server.exitCode}:\n${serverLog.err()}`)
  }

  if (!options.only && !options.profile) {
    const database = options.postgres
      ? `PostgreSQL ${postgresUrl ? await postgresVersion(postgresUrl) : ''}`
      : `SQLite ${sqliteVersion()} (better-sqlite3)`
    const pageKb = fmt(pageBody.length / 1024, 1)
    const doc = [
      '# Benchmark results',
      '',
      'Written by `npm run bench` (bench/run.ts) after its last full run; see bench/README.md. Absolute',
      'figures drift between machines: compare the share of the bare server, measured in the same run.',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Git commit: ${gitSha()}`,
      `- Node: ${process.version}`,
      `- Database: ${database}`,
      `- CPU: ${cpuModel()} (${availableParallelism()} available)`,
      `- Pinning: ${canPin ? 'servers on CPU 0, load generator (wrk, one thread) on CPU 1' : 'none (taskset or a second CPU missing)'}`,
      `- Machine load average (1 minute) when the run began: ${fmt(loadAtStart, 2)}, and when it ended: ${fmt(loadavg()[0] ?? 0, 2)} (other work on the machine makes rates noisier; CPU µs per request is steadier)`,
      `- Server: NODE_ENV=production, LOG_LEVEL=${options.logLevel}`,
      `- Rounds: ${options.rounds}${options.rounds > 1 ? ' (targets measured in turn; each row is its median round by req/s)' : ''}`,
      `- Load: wrk ${wrkVersion()}, ${options.connections} connections (${options.latencyConnections} for the targets set at 10 connections), no pipelining, ${options.warmupSeconds} s warm-up, ${options.durationSeconds} s measured per target`,
      `- Handbook: ${fmt(handbook.pageCount)} pages in ${handbook.sectionCount} sections (${fmt(handbook.wordCount)} generated words); the single page is ${pagePath} (${pageKb} KB of HTML)`,
      '- Requests are made as a signed-in administrator (session and form-token cookies sent).',
      ...(profession && professionTimings
        ? [
            `- Profession: ${fmt(profession.people)} generated people (${fmt(profession.shown)} shown, with the head of profession), ${fmt(profession.checkins)} check-ins and ${fmt(profession.ratings)} ratings of ${profession.skills} skills, ${fmt(profession.historyEntries)} history entries; the capability targets are requested as a head of profession, who sees everyone`,
            `- Capability view with nothing cached (the first request after start: every figure computed in SQL): ${fmt(professionTimings.firstMs)} ms for ${fmt(professionTimings.firstKb, 1)} KB; the CSV of everyone: ${fmt(professionTimings.csvMs)} ms for ${fmt(professionTimings.csvKb)} KB`,
          ]
        : []),
      ...(products
        ? [
            `- Products: the worked example (every service with a full strategy) and generated things, ${fmt(products.things)} in all (${products.cataloguePages} catalogue pages of 50); the strategy page is that of ${products.strategyName}`,
          ]
        : []),
      ...(organisationTimings
        ? [
            `- Organisation view with nothing cached (the first request after start: every figure computed in SQL over ${fmt(products?.things ?? 0)} strategies): ${fmt(organisationTimings.firstMs)} ms for ${fmt(organisationTimings.firstKb, 1)} KB; the CSV of every thing: ${fmt(organisationTimings.csvMs)} ms for ${fmt(organisationTimings.csvKb)} KB`,
          ]
        : []),
      '',
      ...lines,
      '',
      ...verdictLines.map(l => `    ${l}`),
      '',
      '"share of bare" is the rate as a share of the bare node:http server returning the handbook page\'s bytes,',
      'measured in the same run. "CPU µs/req" is the answering server\'s CPU time (utime + stime from',
      '/proc/<pid>/stat, read just before and just after the measured run) divided by the requests it answered:',
      'on a busy machine the cost per request is steadier than the rate. "server CPU" is the share of one core',
      'the server used while measured; "wrk CPU" the share of one core wrk used (near 100% means the client, not',
      'the server, set the pace). Latency percentiles are from wrk\'s histogram of every response; "KB/resp"',
      'includes the response headers.',
      '',
      '## Search terms and how many pages each finds',
      '',
      '| term | pages found |',
      '| --- | ---: |',
      ...SEARCH_TERMS.map(term => `| ${term} | ${fmt(handbook.hitsPerTerm[term] ?? 0)} |`),
      '',
    ].join('\n')
    // Hand-written notes under "## Notes" (what changed, earlier figures) are kept from run to run.
    const earlier = existsSync(RESULTS_FILE) ? readFileSync(RESULTS_FILE, 'utf8') : ''
    const notesAt = earlier.indexOf(NOTES_HEADING)
    const notes = notesAt >= 0 ? `\n${earlier.slice(notesAt)}` : ''
    const style = (await prettier.resolveConfig(RESULTS_FILE)) ?? {}
    writeFileSync(RESULTS_FILE, await prettier.format(doc + notes, { ...style, parser: 'markdown' }))
    console.log(`\nWrote ${RESULTS_FILE.slice(ROOT.length + 1)}`)
  }

  return failed.length > 0 ? 1 : 0
}

main()
  .then(async code => {
    await cleanUp()
    process.exit(code)
  })
  .catch(async (error: unknown) => {
    if (error instanceof UsageError) console.error(error.message)
    else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
    await cleanUp()
    process.exit(1)
  })
