// What global set-up learns about the server it started, shared with the journeys through a
// JSON file named by E2E_RUN_FILE, and how to stop it all again.
import { readFileSync, rmSync } from 'node:fs'
import pg from 'pg'

export const RUN_FILE_VARIABLE = 'E2E_RUN_FILE'
/** A fixed secret keeps runs repeatable; it signs only cookies of this throwaway server. */
export const SESSION_SECRET = 'e2e-session-secret-not-for-any-real-server'

export interface RunInfo {
  /** Where the server listens, such as http://127.0.0.1:41234 */
  baseUrl: string
  /** The one-time set-up link the server printed. */
  setupLink: string
  /** The server's data folder; also holds run.json, server.log and saved browser states. */
  dataDir: string
  logFile: string
  pid: number
  /** The environment the server runs with; the command-line tool gets the same. */
  serverEnv: Record<string, string>
  /** The PostgreSQL database and the schema made for this run, when there is one. */
  postgres: { url: string; schema: string } | null
  /** Every email the server sent, one JSON object a line, as the test SMTP server received them. */
  mailFile: string
}

export function runFile(): string {
  const file = process.env[RUN_FILE_VARIABLE]
  if (!file) throw new Error(`${RUN_FILE_VARIABLE} is not set: run the journeys with \`npx playwright test\``)
  return file
}

export function readRun(): RunInfo {
  return JSON.parse(readFileSync(runFile(), 'utf8')) as RunInfo
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Stops the server (SIGTERM, then SIGKILL after 10 s), drops the schema and removes the data folder. */
export async function stopRun(info: RunInfo): Promise<void> {
  if (info.pid && isRunning(info.pid)) {
    process.kill(info.pid, 'SIGTERM')
    const deadline = Date.now() + 10_000
    while (isRunning(info.pid) && Date.now() < deadline) await new Promise(done => setTimeout(done, 100))
    if (isRunning(info.pid)) process.kill(info.pid, 'SIGKILL')
  }
  if (info.postgres) {
    const client = new pg.Client({ connectionString: info.postgres.url })
    await client.connect()
    try {
      await client.query(`drop schema if exists ${info.postgres.schema} cascade`)
    } finally {
      await client.end()
    }
  }
  if (process.env.E2E_KEEP_DATA) console.log(`Kept the server's data folder: ${info.dataDir}`)
  else rmSync(info.dataDir, { recursive: true, force: true })
}
