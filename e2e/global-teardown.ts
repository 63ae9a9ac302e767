// Stops the server global set-up started, drops its PostgreSQL schema and removes its data folder
// (set E2E_KEEP_DATA=1 to keep the folder, with server.log, for a look afterwards).
import { existsSync } from 'node:fs'
import { readRun, runFile, stopRun } from './support/run.ts'

export default async function globalTeardown(): Promise<void> {
  if (!existsSync(runFile())) return
  await stopRun(readRun())
}
