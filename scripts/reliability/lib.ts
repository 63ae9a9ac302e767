// What the fault runs share: starting the real server as a process of its own, setting an
// installation up and signing in over HTTP the way a browser does, small timed requests, and
// reading a process's resident memory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '../..')
export const SESSION_SECRET = 'reliability-run-secret-for-a-throwaway-server-only'
export const ADMIN = { email: 'ada@example.gov.uk', password: 'correct horse battery staple' }

export const sleep = (ms: number) => new Promise(done => setTimeout(done, ms))

export const canPin = availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0

export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => done(port))
    })
  })
}

export interface Server {
  readonly base: string
  readonly port: number
  readonly child: ChildProcess
  readonly pid: number
  readonly logFile: string
  /** The exit code (or signal) once the process has ended, else null. */
  exit(): string | null
  log(): string
  stop(): Promise<void>
}

const running = new Set<ChildProcess>()
/** Ends every server this run started (at the end, or when the run is interrupted). */
export function killAll(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
}

export interface StartOptions {
  readonly dataDir: string
  readonly port: number
  /** A postgres:// address, or a SQLite file. */
  readonly databaseUrl: string
  readonly logFile: string
  readonly env?: Record<string, string>
  /** Options for node itself, such as V8 flags. */
  readonly nodeArgs?: readonly string[]
}

/** Starts src/server.ts in production mode on CPU 0 (when the machine has two), output to a file. */
export function startServer(options: StartOptions): Server {
  const out = openSync(options.logFile, 'a')
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SESSION_SECRET,
    DATA_DIR: options.dataDir,
    DATABASE_URL: options.databaseUrl,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    BASE_URL: `http://127.0.0.1:${options.port}`,
    ...options.env,
  }
  const node = [process.execPath, ...(options.nodeArgs ?? []), '--import', 'tsx', 'src/server.ts']
  const [command, ...args] = canPin ? ['taskset', '-c', '0', ...node] : node
  const child = spawn(command ?? process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', out, out] })
  closeSync(out)
  running.add(child)
  child.on('exit', () => running.delete(child))
  const base = `http://127.0.0.1:${options.port}`
  return {
    base,
    port: options.port,
    child,
    // taskset execs node in place, so the pid is the server's own.
    pid: child.pid ?? 0,
    logFile: options.logFile,
    exit: () =>
      child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode ? `signal ${child.signalCode}` : null,
    log: () => readFileSync(options.logFile, 'utf8'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const ended = new Promise(done => child.once('exit', done))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await ended
      clearTimeout(timer)
    },
  }
}

/** Waits until /health answers 200; returns the milliseconds it took. */
export async function waitHealthy(server: Server, timeoutMs = 60_000): Promise<number> {
  const started = Date.now()
  for (;;) {
    const exit = server.exit()
    if (exit) throw new Error(`The server exited (${exit}) before it was healthy. Its output:\n${server.log()}`)
    if (Date.now() - started > timeoutMs) throw new Error(`The server was not healthy within ${timeoutMs} ms`)
    const ok = await fetch(`${server.base}/health`, { signal: AbortSignal.timeout(2000) })
      .then(r => r.status === 200)
      .catch(() => false)
    if (ok) return Date.now() - started
    await sleep(25)
  }
}

/** The one-time set-up link the server printed, once it has. */
export async function setupLink(server: Server, timeoutMs = 60_000): Promise<string> {
  const started = Date.now()
  for (;;) {
    const link = /https?:\/\/\S+\/setup\/\S+/.exec(server.log())
    if (link) return link[0]
    const exit = server.exit()
    if (exit) throw new Error(`The server exited (${exit}). Its output:\n${server.log()}`)
    if (Date.now() - started > timeoutMs) throw new Error('No set-up link within a minute')
    await sleep(100)
  }
}

/** A browser's cookies and form token, enough to drive the app over HTTP. */
export class Browser {
  private readonly cookies = new Map<string, string>()
  private token = ''
  constructor(readonly base: string) {}

  private take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair?.indexOf('=') ?? -1
      if (!pair || eq < 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  async get(path: string, timeoutMs = 15_000): Promise<{ status: number; body: string }> {
    const response = await fetch(`${this.base}${path}`, {
      redirect: 'manual',
      headers: { cookie: this.cookieHeader() },
      signal: AbortSignal.timeout(timeoutMs),
    })
    this.take(response)
    const body = await response.text()
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? /data-csrf-token="([^"]+)"/.exec(body)?.[1]
    if (token) this.token = token
    return { status: response.status, body }
  }

  async post(
    path: string,
    fields: Record<string, string>,
    timeoutMs = 15_000,
  ): Promise<{ status: number; body: string; location: string | null }> {
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(),
        'content-type': 'application/x-www-form-urlencoded',
        origin: this.base,
      },
      body: new URLSearchParams({ _csrf: this.token, ...fields }).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    })
    this.take(response)
    return { status: response.status, body: await response.text(), location: response.headers.get('location') }
  }
}

/** Sets the installation up through its set-up page; returns the administrator's signed-in browser. */
export async function setUp(server: Server): Promise<Browser> {
  const link = new URL(await setupLink(server))
  const admin = new Browser(server.base)
  await admin.get(link.pathname)
  await admin.get('/setup')
  const res = await admin.post('/setup', {
    organisationName: 'Department for Reliability',
    logoText: 'DfR Digital',
    brandColour: '#1d70b8',
    pathwayShape: 'enterprise',
    adminName: 'Ada Admin',
    adminEmail: ADMIN.email,
    password: ADMIN.password,
    confirmPassword: ADMIN.password,
  })
  if (res.status !== 303) throw new Error(`Set-up answered ${res.status}`)
  return admin
}

export async function signIn(base: string): Promise<Browser> {
  const browser = new Browser(base)
  await browser.get('/sign-in')
  const res = await browser.post('/sign-in', { email: ADMIN.email, password: ADMIN.password })
  if (res.status !== 303) throw new Error(`Signing in answered ${res.status}`)
  return browser
}

/** Adds a person through the admin page: one acknowledged write when it answers 303. */
export async function addPerson(admin: Browser, email: string, timeoutMs = 15_000): Promise<number> {
  try {
    const res = await admin.post(
      '/admin/people/new',
      { name: `Writer ${email.split('@')[0]}`, email, role: 'member' },
      timeoutMs,
    )
    return res.status
  } catch {
    return 0 // no answer: refused, reset or timed out
  }
}

/** Resident memory of a process, in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  return kb / 1024
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

export function count<T>(values: T[]): Map<T, number> {
  const result = new Map<T, number>()
  for (const v of values) result.set(v, (result.get(v) ?? 0) + 1)
  return result
}
