// The outbox's worker: leases due messages, sends each, records what happened. Started by the
// server (server.ts) and by `npm run valuekit -- email send`; tests run it when they ask.
//
// Each message is sent once even with several workers: a worker leases a batch in one
// transaction (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's single writer), and records the
// outcome only while it still holds the lease. Nothing is lost across a restart: a message is
// 'sending' only until its lease ends, then any worker takes it again. A message taken again
// after an interrupted send is checked with Notify by its reference before it is sent, so Notify
// never sends it twice; SMTP has no such question, so it is sent again with the same Message-ID
// (at least once) and marked as possibly sent twice. See docs/decisions/0010-email-outbox.md.
import { hostname } from 'node:os'
import type { DbExecutor } from '../db/connect.ts'
import type { Clock } from '../platform/clock.ts'
import { newId } from '../platform/ids.ts'
import { writeMessage } from './email.messages.ts'
import type { EmailRepository } from './email.repository.ts'
import {
  PermanentSendError,
  type ClaimedMessage,
  type EmailTransport,
  type OrganisationNameSource,
  type RecipientSource,
} from './email.types.ts'

export interface WorkerLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface WorkerOptions {
  /** How long a leased message is this worker's; longer than any send can take. */
  readonly leaseMs: number
  /** How many messages to lease at once. */
  readonly batch: number
  /** How often to look for due messages when nothing wakes the worker. */
  readonly pollMs: number
  /** Tries before a message counts as failed. */
  readonly maxAttempts: number
  /** The wait after the first failure; it doubles with each further one, up to maxDelayMs. */
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** How this worker names itself in the leases it takes. */
  readonly workerId: string
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  leaseMs: 120_000,
  batch: 10,
  pollMs: 5_000,
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  workerId: `${hostname()}:${process.pid}`,
}

/** The wait before try number `attempts + 1`: base × 2^(attempts − 1), capped, with ±20% jitter. */
export function backoffMs(
  attempts: number,
  o: Pick<WorkerOptions, 'baseDelayMs' | 'maxDelayMs'>,
  random = Math.random(),
): number {
  const plain = Math.min(o.baseDelayMs * 2 ** Math.max(0, attempts - 1), o.maxDelayMs)
  return Math.round(plain * (0.8 + 0.4 * random))
}

export interface RunSummary {
  sent: number
  retrying: number
  failed: number
  cancelled: number
}

const NO_LOG: WorkerLog = { info() {}, warn() {}, error() {} }

export class EmailWorker {
  readonly options: WorkerOptions
  private timer: NodeJS.Timeout | null = null
  private running: Promise<RunSummary> | null = null
  private again = false
  private stopped = true
  private unsubscribe: (() => void) | null = null

  constructor(
    private readonly db: DbExecutor,
    private readonly repo: EmailRepository,
    private readonly transport: EmailTransport,
    private readonly recipients: RecipientSource,
    private readonly organisation: OrganisationNameSource,
    private readonly context: { baseUrl: string; linkToken: (messageId: string) => string },
    private readonly clock: Clock,
    options: Partial<WorkerOptions> = {},
    private readonly log: WorkerLog = NO_LOG,
  ) {
    this.options = {
      ...DEFAULT_WORKER_OPTIONS,
      workerId: `${DEFAULT_WORKER_OPTIONS.workerId}:${newId().slice(0, 8)}`,
      ...options,
    }
  }

  /** Sends everything due now, batch after batch, until nothing is due. */
  async drain(): Promise<RunSummary> {
    const total: RunSummary = { sent: 0, retrying: 0, failed: 0, cancelled: 0 }
    for (;;) {
      const one = await this.runOnce()
      const handled = one.sent + one.retrying + one.failed + one.cancelled
      total.sent += one.sent
      total.retrying += one.retrying
      total.failed += one.failed
      total.cancelled += one.cancelled
      if (handled === 0) return total
    }
  }

  /** Leases one batch of due messages and sends each. Overlapping calls share one run. */
  runOnce(): Promise<RunSummary> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = this.sendBatch().finally(() => {
      this.running = null
    })
    return this.running
  }

  /** Starts looking for due messages every pollMs, and at once when a message is queued here. */
  start(wake?: (listener: () => void) => () => void): void {
    if (!this.stopped) return
    this.stopped = false
    this.unsubscribe = wake ? wake(() => this.tick()) : null
    this.tick()
  }

  /** Stops looking for work and waits for the batch in hand, which is finished and recorded. */
  async stop(): Promise<void> {
    this.stopped = true
    this.unsubscribe?.()
    this.unsubscribe = null
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running?.catch(() => undefined)
  }

  private tick(): void {
    if (this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.drain()
      .catch(err =>
        this.log.error(
          { err: { message: (err as Error).message }, event: 'email-worker-error' },
          'The email worker could not read the outbox',
        ),
      )
      .finally(() => {
        if (this.stopped) return
        if (this.again) {
          this.again = false
          this.tick()
          return
        }
        this.timer = setTimeout(() => this.tick(), this.options.pollMs)
        this.timer.unref()
      })
  }

  private async sendBatch(): Promise<RunSummary> {
    const summary: RunSummary = { sent: 0, retrying: 0, failed: 0, cancelled: 0 }
    const now = this.clock()
    const claimed = await this.db.transaction().execute(trx =>
      this.repo.claim(trx, {
        worker: this.options.workerId,
        now: now.toISOString(),
        leaseUntil: new Date(now.getTime() + this.options.leaseMs).toISOString(),
        limit: this.options.batch,
      }),
    )
    if (claimed.length === 0) return summary
    const organisationName = (await this.organisation.get())?.name ?? 'Your organisation'
    for (const message of claimed) {
      const outcome = await this.deliver(message, organisationName)
      summary[outcome] += 1
    }
    return summary
  }

  private async deliver(message: ClaimedMessage, organisationName: string): Promise<keyof RunSummary> {
    const worker = this.options.workerId
    const transport = this.transport.name
    const recipient = message.recipientId ? await this.recipients.emailRecipient(message.recipientId) : null
    if (!recipient || !recipient.active) {
      await this.repo.markUnsent(this.db, {
        id: message.id,
        worker,
        at: this.clock().toISOString(),
        status: 'cancelled',
        retryAt: null,
        error: recipient ? 'Not sent: their account is disabled' : 'Not sent: they no longer have an account',
        transport,
      })
      return 'cancelled'
    }
    let providerId: string | null
    let alreadySent = false
    try {
      // A worker stopped while sending this one: Notify can say whether it went.
      providerId = message.interrupted && this.transport.findSent ? await this.transport.findSent(message.id) : null
      alreadySent = providerId !== null
      if (!providerId) {
        const written = writeMessage(message, recipient.name, { ...this.context, organisationName })
        providerId = await this.transport.send({
          reference: message.id,
          to: recipient.email,
          subject: written.subject,
          body: written.body,
        })
      }
    } catch (err) {
      const permanent = err instanceof PermanentSendError
      const reason = (err instanceof Error ? err.message : String(err)).replace(/[\r\n]+/g, ' ').slice(0, 300)
      const last = permanent || message.attempts >= this.options.maxAttempts
      const at = this.clock()
      await this.repo.markUnsent(this.db, {
        id: message.id,
        worker,
        at: at.toISOString(),
        status: last ? 'failed' : 'pending',
        retryAt: last ? null : new Date(at.getTime() + backoffMs(message.attempts, this.options)).toISOString(),
        error: reason,
        transport,
      })
      this.log.warn(
        { event: last ? 'email-failed' : 'email-retrying', messageId: message.id, attempts: message.attempts, reason },
        last ? 'Gave up sending an email' : 'Could not send an email; will try again',
      )
      return last ? 'failed' : 'retrying'
    }
    // Recorded outside the try: if this fails (or the process stops here), the message stays
    // 'sending' until its lease ends, and the next worker finds out whether it went.
    const recorded = await this.repo.markSent(this.db, {
      id: message.id,
      worker,
      at: this.clock().toISOString(),
      transport,
      providerId,
      email: recipient.email,
      resent: message.interrupted && !alreadySent && !this.transport.findSent,
    })
    if (!recorded)
      this.log.warn({ event: 'email-lease-lost', messageId: message.id }, 'An email was sent after its lease ran out')
    this.log.info(
      { event: alreadySent ? 'email-found-sent' : 'email-sent', messageId: message.id, kind: message.kind, transport },
      alreadySent ? 'An interrupted email had been sent; recorded it' : 'Sent an email',
    )
    return 'sent'
  }
}
