// The load generator, run by bench/run.ts as a process of its own (pinned to its own CPU when it
// can be), so it does not compete with the server it measures. Reads a job from the JSON file named
// on the command line, warms up, measures, and prints one line of JSON with the figures.
//
// Latency percentiles are worked out here from every response time (autocannon's own histogram
// rounds to whole milliseconds, which makes sub-millisecond responses read as 0).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { EventEmitter } from 'node:events'

export interface LoadJob {
  readonly url: string
  readonly connections: number
  readonly warmupSeconds: number
  readonly durationSeconds: number
  readonly headers: Record<string, string>
  /** Paths to go through in turn: each request takes the next one, whichever connection sends it. */
  readonly paths: readonly string[]
  /** Where in paths to begin, so later rounds do not repeat what earlier ones asked. */
  readonly startAt: number
}

export interface LoadResult {
  readonly requestsPerSecond: number
  readonly total: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly meanLatency: number
  readonly maxLatency: number
  readonly non2xx: number
  readonly errors: number
  readonly timeouts: number
  readonly statusCodes: Record<string, number>
  readonly bytesPerResponse: number
  /** CPU the load generator used, as a share of one core: near 100% means it, not the server, was the limit. */
  readonly loadCpuPercent: number
}

// What we use of autocannon 8 (it ships no types).
interface AutocannonOptions {
  url: string
  connections: number
  duration: number
  pipelining: number
  timeout: number
  headers: Record<string, string>
  requests: { method: 'GET'; path: string; setupRequest?: (request: { path: string }) => { path: string } }[]
}
interface AutocannonResult {
  requests: { mean: number; total: number }
  throughput: { total: number }
  latency: { max: number }
  errors: number
  timeouts: number
  non2xx: number
  statusCodeStats: Record<string, { count: number }>
}
type AutocannonInstance = EventEmitter & PromiseLike<AutocannonResult>
type Autocannon = (options: AutocannonOptions) => AutocannonInstance

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  return sorted[Math.max(0, index)] ?? 0
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  // One shared position in the list (autocannon's own request lists restart at the top on every
  // connection, so ten connections would ask for the same thing at the same moment). The measured
  // run carries on from where the warm-up stopped, so a long list of searches stays new to any cache.
  let next = job.startAt
  const nextPath = () => job.paths[next++ % job.paths.length] ?? '/'
  const options = (duration: number): AutocannonOptions => ({
    url: job.url,
    connections: job.connections,
    duration,
    pipelining: 1,
    timeout: 10,
    headers: job.headers,
    requests: [
      job.paths.length === 1
        ? { method: 'GET', path: nextPath() }
        : { method: 'GET', path: '/', setupRequest: request => ({ ...request, path: nextPath() }) },
    ],
  })
  if (job.warmupSeconds > 0) await autocannon(options(job.warmupSeconds))
  // Tells bench/run.ts the measured part begins, so it can read the server's CPU use from here.
  process.stdout.write('measuring\n')

  let times = new Float64Array(1 << 16)
  let count = 0
  const cpuBefore = process.cpuUsage()
  const started = process.hrtime.bigint()
  const instance = autocannon(options(job.durationSeconds))
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    if (count === times.length) {
      const bigger = new Float64Array(times.length * 2)
      bigger.set(times)
      times = bigger
    }
    times[count++] = responseTime
  })
  const result = await instance
  const elapsedUs = Number(process.hrtime.bigint() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)

  const sorted = times.slice(0, count).sort()
  let sum = 0
  for (const t of sorted) sum += t
  const statusCodes: Record<string, number> = {}
  for (const [code, stat] of Object.entries(result.statusCodeStats)) statusCodes[code] = stat.count
  return {
    requestsPerSecond: result.requests.mean,
    total: result.requests.total,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    meanLatency: count ? sum / count : 0,
    maxLatency: sorted[sorted.length - 1] ?? 0,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    bytesPerResponse: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
    loadCpuPercent: (100 * (cpu.user + cpu.system)) / elapsedUs,
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const file = process.argv[2]
  if (!file) throw new Error('Usage: load.ts <job.json>')
  const job = JSON.parse(readFileSync(file, 'utf8')) as LoadJob
  const result = await runLoad(job)
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
