// Load from wrk (a C load generator, Debian's /usr/bin/wrk) on CPU 1 while the server runs on CPU 0:
// GET requests over a list of paths in turn, with a browser's cookie. Parses wrk's summary.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { canPin } from './lib.ts'

export const WRK = '/usr/bin/wrk'

export interface WrkResult {
  readonly requests: number
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** Responses other than 2xx or 3xx. */
  readonly non2xx3xx: number
  /** Connect, read, write errors and timeouts. */
  readonly socketErrors: number
  readonly timeouts: number
}

function toMs(value: string, unit: string): number {
  const n = Number(value)
  return unit === 'us' ? n / 1000 : unit === 's' ? n * 1000 : unit === 'm' ? n * 60_000 : n
}

export async function wrk(options: {
  base: string
  paths: readonly string[]
  cookie: string
  connections: number
  seconds: number
  workDir: string
}): Promise<WrkResult> {
  const script = join(options.workDir, 'paths.lua')
  writeFileSync(
    script,
    [
      `local paths = { ${options.paths.map(p => JSON.stringify(p)).join(', ')} }`,
      'local i = 0',
      'request = function()',
      '  i = i + 1',
      '  return wrk.format("GET", paths[(i % #paths) + 1])',
      'end',
    ].join('\n'),
  )
  const args = [
    '-t1',
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--timeout',
    '10s',
    '--latency',
    '-s',
    script,
    '-H',
    `Cookie: ${options.cookie}`,
    options.base,
  ]
  const [command, ...rest] = canPin ? ['taskset', '-c', '1', WRK, ...args] : [WRK, ...args]
  const child = spawn(command ?? WRK, rest, { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', chunk => (out += String(chunk)))
  child.stderr.on('data', chunk => (out += String(chunk)))
  const code = await new Promise<number | null>(done => child.on('exit', done))
  if (code !== 0) throw new Error(`wrk failed (${code}):\n${out}`)
  const latency = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s|m)`).exec(out)
    return m ? toMs(m[1] ?? '0', m[2] ?? 'ms') : 0
  }
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
  return {
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50Ms: latency('50'),
    p99Ms: latency('99'),
    non2xx3xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0,
    timeouts: socket ? Number(socket[4]) : 0,
  }
}
