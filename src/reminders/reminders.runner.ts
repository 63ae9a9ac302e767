// Runs the digest job on a timer: the server starts one that looks every hour (digests are weekly,
// each person's on their own day; any run may find nobody due). Several instances may each run
// one: the digests table lets only one of them queue a person's digest for a week.
import type { WorkerLog } from '../email/email.worker.ts'
import type { RemindersService } from './reminders.service.ts'

export const DIGEST_CHECK_MS = 3_600_000

export class DigestSchedule {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null

  constructor(
    private readonly reminders: Pick<RemindersService, 'sendDigests'>,
    private readonly log: WorkerLog,
    private readonly everyMs = DIGEST_CHECK_MS,
  ) {}

  /** Runs once soon after start, then every `everyMs`. */
  start(firstAfterMs = 60_000): void {
    if (this.timer) return
    this.timer = setTimeout(() => this.tick(), firstAfterMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running
  }

  private tick(): void {
    this.running = this.reminders
      .sendDigests()
      .then(run => {
        if (run.queued > 0) this.log.info({ event: 'digests-queued', queued: run.queued }, 'Queued reminder digests')
      })
      .catch(err =>
        this.log.error(
          { err: { message: (err as Error).message }, event: 'digests-error' },
          'The reminder digests could not be queued',
        ),
      )
      .finally(() => {
        this.running = null
        if (!this.timer) return
        this.timer = setTimeout(() => this.tick(), this.everyMs)
        this.timer.unref()
      })
  }
}
