// Runs Valuekit's command-line tool (`npm run valuekit -- …`) against the journeys' server's
// database, with the same environment the server has.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { readRun } from './run.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const CLI = resolve(ROOT, 'src/cli.ts')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
  /** stdout and stderr together, for messages that may go to either. */
  output: string
}

export function runCli(args: string[], timeoutMs = 60_000): Promise<CliResult> {
  const run = readRun()
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...run.serverEnv, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', fail)
    child.on('close', code => done({ code, stdout, stderr, output: `${stdout}\n${stderr}` }))
  })
}
