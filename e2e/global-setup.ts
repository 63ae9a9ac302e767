// Starts the real server for the journeys: a fresh data folder, a fresh database (a new schema in
// PostgreSQL when DATABASE_URL names one, otherwise SQLite in the data folder) and a free port.
// Waits for the one-time set-up link the server prints, then for /health, and writes what the
// journeys need to know to run.json (its path goes to the tests in E2E_RUN_FILE).
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { appendFileSync, closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { SmtpSink, smtpEnv } from '../test/smtp-sink.ts'
import { RUN_FILE_VARIABLE, SESSION_SECRET, stopRun, type RunInfo } from './support/run.ts'

const ROOT = resolve(import.meta.dirname, '..')
const START_TIMEOUT_MS = 60_000

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

/** A schema of its own in the PostgreSQL database, chosen through the connection string. */
async function postgresSchema(url: string): Promise<{ databaseUrl: string; schema: string }> {
  const schema = `e2e_${randomBytes(6).toString('hex')}`
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`create schema ${schema}`)
  } finally {
    await client.end()
  }
  // pg reads `options` from the connection string (checked by hand: `show search_path` answers
  // with the schema), so the server needs no option of its own to use it.
  const options = `options=${encodeURIComponent(`-c search_path=${schema}`)}`
  return { databaseUrl: `${url}${url.includes('?') ? '&' : '?'}${options}`, schema }
}

const sleep = (ms: number) => new Promise(done => setTimeout(done, ms))

export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'valuekit-e2e-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const givenUrl = process.env.DATABASE_URL
  const postgres = givenUrl?.startsWith('postgres') ? await postgresSchema(givenUrl) : null

  // A real SMTP server on loopback receives the server's email; each message is appended to a file
  // the journeys read (e2e/email.spec.ts). It lives as long as this runner and keeps nothing alive.
  const mailFile = join(dataDir, 'mail.jsonl')
  const sink = await new SmtpSink().start()
  sink.unref()
  sink.onMail(mail => appendFileSync(mailFile, `${JSON.stringify(mail)}\n`))

  const serverEnv: Record<string, string> = {
    ...smtpEnv(sink),
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SESSION_SECRET,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    DATABASE_URL: postgres ? postgres.databaseUrl : join(dataDir, 'valuekit.db'),
  }

  // Output goes to a file: nothing has to keep reading a pipe for the server to carry on.
  const logFile = join(dataDir, 'server.log')
  const out = openSync(logFile, 'a')
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...serverEnv },
    stdio: ['ignore', out, out],
  })
  closeSync(out)
  let exited: number | null = null
  child.on('exit', code => {
    exited = code ?? -1
  })

  const info: RunInfo = {
    baseUrl,
    setupLink: '',
    dataDir,
    logFile,
    pid: child.pid ?? 0,
    serverEnv,
    postgres: postgres && givenUrl ? { url: givenUrl, schema: postgres.schema } : null,
    mailFile,
  }
  const runFile = join(dataDir, 'run.json')
  // Written before waiting, so the teardown can stop the server and drop the schema even when it never got going.
  writeFileSync(runFile, JSON.stringify(info, null, 2))
  process.env[RUN_FILE_VARIABLE] = runFile

  try {
    await waitForServer(info, () => exited, logFile)
  } catch (err) {
    await stopRun(info)
    throw err
  }
  writeFileSync(runFile, JSON.stringify(info, null, 2))
}

/** Reads the set-up link from the server's output, then waits until /health answers. */
async function waitForServer(info: RunInfo, exited: () => number | null, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS
  const failure = (why: string) =>
    new Error(`The server did not start (${why}). Its output:\n${readFileSync(logFile, 'utf8')}`)
  while (!info.setupLink) {
    if (exited() !== null) throw failure(`it exited with code ${exited()}`)
    if (Date.now() > deadline) throw failure('no set-up link within a minute')
    const link = /https?:\/\/\S+\/setup\/\S+/.exec(readFileSync(logFile, 'utf8'))
    if (link) info.setupLink = link[0]
    else await sleep(100)
  }
  for (;;) {
    if (exited() !== null) throw failure(`it exited with code ${exited()}`)
    if (Date.now() > deadline) throw failure('/health did not answer within a minute')
    const healthy = await fetch(`${info.baseUrl}/health`)
      .then(r => r.ok)
      .catch(() => false)
    if (healthy) break
    await sleep(100)
  }
}
