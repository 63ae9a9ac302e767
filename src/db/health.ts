// The write probe behind /health: one small upsert into health_probe inside a transaction that is
// then rolled back (a GET changes nothing), at most once every couple of seconds however often
// /health is asked, and bounded in time, so a load balancer polling it costs almost nothing and a
// locked, read-only or dead database is reported within a second. A rolled-back write does not
// reach the disk, so a real write that failed lately (a full disk) also counts.
import type { Kysely } from 'kysely'
import { unavailableCode, unavailableReason } from './availability.ts'
import type { Database } from './schema.ts'

export type WriteHealth = { readonly ok: true } | { readonly ok: false; readonly reason: string }

export interface WriteProbeOptions {
  /** How long one answer is reused. */
  readonly cacheMs: number
  /** How long the probe may take before the database counts as unable to write. */
  readonly timeoutMs: number
  /** A real write that failed this recently (disk full, say) counts even if the probe succeeds. */
  readonly recentFailureMs: number
}

export const DEFAULT_PROBE: WriteProbeOptions = { cacheMs: 1500, timeoutMs: 500, recentFailureMs: 5000 }

const PROBE_ID = 'write-probe'

/** Thrown to roll the probe's transaction back once its write has been accepted. */
class ProbeDone extends Error {}

export class WriteProbe {
  private last: { at: number; result: WriteHealth } | null = null
  private running: Promise<WriteHealth> | null = null

  constructor(
    private readonly db: Kysely<Database>,
    private readonly lastFailure: () => { at: number; code: string } | null,
    private readonly options: WriteProbeOptions = DEFAULT_PROBE,
  ) {}

  async check(): Promise<WriteHealth> {
    const now = Date.now()
    if (this.last && now - this.last.at < this.options.cacheMs) return this.last.result
    this.running ??= this.probe().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async probe(): Promise<WriteHealth> {
    let result = await this.write()
    const failure = this.lastFailure()
    if (result.ok && failure && Date.now() - failure.at < this.options.recentFailureMs)
      result = {
        ok: false,
        reason: `a write failed ${Math.round((Date.now() - failure.at) / 1000)} s ago: ${unavailableReason(failure.code)}`,
      }
    this.last = { at: Date.now(), result }
    return result
  }

  private async write(): Promise<WriteHealth> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<WriteHealth>(resolve => {
      timer = setTimeout(
        () => resolve({ ok: false, reason: `a test write took longer than ${this.options.timeoutMs} ms` }),
        this.options.timeoutMs,
      )
    })
    const attempt = this.db
      .transaction()
      .execute(async trx => {
        await trx
          .insertInto('health_probe')
          .values({ id: PROBE_ID, checked_at: new Date().toISOString() })
          .onConflict(oc => oc.column('id').doUpdateSet(eb => ({ checked_at: eb.ref('excluded.checked_at') })))
          .execute()
        throw new ProbeDone()
      })
      .then(
        (): WriteHealth => ({ ok: true }),
        (err: unknown): WriteHealth => {
          if (err instanceof ProbeDone) return { ok: true }
          const code = unavailableCode(err)
          return { ok: false, reason: `a test write failed: ${code ? unavailableReason(code) : 'unexpected error'}` }
        },
      )
    try {
      return await Promise.race([attempt, timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}
