// The load generator: wrk (C, from Debian; `npm run bench` makes sure it is installed), run as a
// process of its own pinned to its own CPU when it can be, so it neither competes with the server
// nor runs out of breath before the server does. JavaScript load generators (autocannon) top out
// below what a bare node:http server serves on these machines, which flatters every ratio.
//
// A job is a list of GET paths with the same headers (the signed-in cookies among them). One path
// is sent as wrk's URL; several are taken in turn by a small Lua script, each request the next path
// whichever connection sends it. wrk runs one thread: one CPU is all it is given.
//
// wrk counts responses of 400 and above as errors (errors.status); bench/run.ts fetches a path
// again after each run to check that the session still answers 200, so a 303 to the sign-in page
// would not go unnoticed either.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const WRK = '/usr/bin/wrk'

export interface LoadJob {
  /** Where the server listens, with no path: http://127.0.0.1:port */
  readonly url: string
  readonly connections: number
  readonly warmupSeconds: number
  readonly durationSeconds: number
  readonly headers: Record<string, string>
  /** Paths to go through in turn: each request takes the next one, whichever connection sends it. */
  readonly paths: readonly string[]
  /** Where in paths to begin, so later rounds do not repeat what earlier ones asked. */
  readonly startAt: number
  /** The CPU wrk is pinned to, or null to leave it unpinned. */
  readonly cpu: number | null
  /** A folder for the Lua script. */
  readonly workDir: string
}

export interface LoadResult {
  readonly requestsPerSecond: number
  readonly total: number
  /** Latencies in milliseconds, from wrk's histogram of every response (microsecond resolution). */
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly meanLatency: number
  readonly maxLatency: number
  /** Responses of 400 or more (wrk does not count 3xx apart). */
  readonly non2xx: number
  /** Connections that failed to open, read or write. */
  readonly errors: number
  readonly timeouts: number
  readonly bytesPerResponse: number
  /** CPU wrk used, as a share of one core: near 100% means it, not the server, was the limit. */
  readonly loadCpuPercent: number
}

/** What the Lua script's done() prints: wrk's summary, its latency histogram and its own CPU ticks. */
interface WrkSummary {
  requests: number
  durationUs: number
  bytes: number
  connect: number
  read: number
  write: number
  status: number
  timeout: number
  p50: number
  p90: number
  p99: number
  mean: number
  max: number
  cpuTicks: number
  clockTicks: number
}

const RESULT_MARK = 'VKRESULT '

/** A Lua string literal for a path (paths are URL-encoded, so printable ASCII). */
function luaString(path: string): string {
  if (!/^[\x20-\x7e]*$/.test(path)) throw new Error(`Only printable ASCII paths can be loaded: ${JSON.stringify(path)}`)
  return `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** The Lua script wrk runs: the paths in turn (when there are several) and a summary as JSON. */
export function wrkScript(paths: readonly string[], clockTicks: number): string {
  const rotate =
    paths.length > 1
      ? `
local paths = {
${paths.map(p => `  ${luaString(p)},`).join('\n')}
}
local count = #paths
local at = 0
function init(args)
  at = (tonumber(args[1]) or 0) % count
end
function request()
  at = at + 1
  if at > count then at = 1 end
  return wrk.format(nil, paths[at])
end
`
      : ''
  return `-- Written by bench/load.ts for one run of wrk.
${rotate}
function done(summary, latency, requests)
  local stat = io.open("/proc/self/stat"):read("*a")
  local after = stat:sub(stat:find(")", 1, true) + 2)
  local fields = {}
  for field in after:gmatch("%S+") do fields[#fields + 1] = field end
  local e = summary.errors
  io.write(string.format(
    '${RESULT_MARK}{"requests":%d,"durationUs":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,' ..
    '"p50":%d,"p90":%d,"p99":%d,"mean":%.3f,"max":%d,"cpuTicks":%d,"clockTicks":${clockTicks}}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.mean, latency.max,
    tonumber(fields[12]) + tonumber(fields[13])))
end
`
}

/** Runs wrk once, for `seconds`, beginning at `startAt` in the job's paths. */
function runWrk(job: LoadJob, script: string, seconds: number, startAt: number): Promise<WrkSummary> {
  const single = job.paths.length === 1 ? (job.paths[0] ?? '/') : '/'
  const args = [
    '-t1',
    `-c${job.connections}`,
    `-d${seconds}s`,
    '--timeout',
    '10s',
    ...Object.entries(job.headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    '-s',
    script,
    `${job.url}${single}`,
    '--',
    String(startAt),
  ]
  const command = job.cpu === null ? [WRK, ...args] : ['taskset', '-c', String(job.cpu), WRK, ...args]
  const [program = WRK, ...rest] = command
  return new Promise((resolveRun, reject) => {
    const child = spawn(program, rest, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.once('error', reject)
    child.once('exit', code => {
      const line = out.split('\n').find(l => l.startsWith(RESULT_MARK))
      if (code !== 0 || !line) {
        reject(new Error(`wrk failed (exit ${code}):\n${err}${out}`))
        return
      }
      resolveRun(JSON.parse(line.slice(RESULT_MARK.length)) as WrkSummary)
    })
  })
}

/**
 * Warms up, then measures. `onMeasuring` is called just before the measured run starts, and the
 * promise resolves as soon as it has ended, so the caller can read the server's CPU time around it.
 */
export async function runLoad(job: LoadJob, clockTicks: number, onMeasuring: () => void): Promise<LoadResult> {
  const script = join(job.workDir, `wrk-${process.hrtime.bigint()}.lua`)
  writeFileSync(script, wrkScript(job.paths, clockTicks))
  let startAt = job.startAt
  if (job.warmupSeconds > 0) {
    const warm = await runWrk(job, script, job.warmupSeconds, startAt)
    // The measured run carries on from where the warm-up stopped, so a long list stays new to any cache.
    startAt += warm.requests
  }
  onMeasuring()
  const run = await runWrk(job, script, job.durationSeconds, startAt)
  const seconds = run.durationUs / 1e6
  return {
    requestsPerSecond: run.requests / seconds,
    total: run.requests,
    p50: run.p50 / 1000,
    p90: run.p90 / 1000,
    p99: run.p99 / 1000,
    meanLatency: run.mean / 1000,
    maxLatency: run.max / 1000,
    non2xx: run.status,
    errors: run.connect + run.read + run.write,
    timeouts: run.timeout,
    bytesPerResponse: run.requests ? Math.round(run.bytes / run.requests) : 0,
    loadCpuPercent: (100 * run.cpuTicks) / run.clockTicks / seconds,
  }
}
