// Reminders: each person's choice of reminder email, and the weekly digest. The digest job looks
// at everyone with an active account who wants a digest and whose day it is, asks the home page's
// service what is due for them (the same rules as their task list), and queues one message that
// counts what needs them and links to it: never a name, a note, an assessment or anything else
// anyone wrote. A digest is claimed in reminder_digests (one row per person per ISO week, its key
// refusing a second) in the same transaction that puts it in the outbox, and none is sent within
// 7 days of the last, so nobody gets more than one a week however often, or on however many
// instances, the job runs.
import type { AccountsService } from '../accounts/accounts.service.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { EmailService } from '../email/email.service.ts'
import { anythingDue, dueCounts, type HomeService } from '../home/home.service.ts'
import type { PeopleService } from '../people/people.service.ts'
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { daysBetween, isoWeek, isoWeekday, ukToday } from '../platform/dates.ts'
import type { RemindersRepository } from './reminders.repository.ts'
import {
  DEFAULT_SETTINGS,
  WEEKDAY_NAMES,
  type DigestRun,
  type ReminderFrequency,
  type ReminderSettings,
  type Weekday,
} from './reminders.types.ts'

/** The fewest days between two digests to one person. */
export const DIGEST_MIN_DAYS = 7

export interface ReminderParts {
  readonly accounts: AccountsService
  readonly people: PeopleService
  readonly home: HomeService
  readonly email: Pick<EmailService, 'enqueue' | 'enabled'>
  readonly audit: AuditService
}

export class RemindersService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: RemindersRepository,
    private readonly parts: ReminderParts,
    private readonly clock: Clock,
  ) {}

  /** Whether digests can be sent at all (email is on). */
  get emailOn(): boolean {
    return this.parts.email.enabled
  }

  /** A person's choice, or the default (a weekly digest on Mondays) until they make one. */
  async settings(userId: string): Promise<ReminderSettings> {
    return (await this.repo.settings(this.db, userId)) ?? DEFAULT_SETTINGS
  }

  /** Saves a person's own choice. Audited (what they chose, which is not personal content). */
  async save(actor: Actor & { id: string }, choice: { frequency: ReminderFrequency; weekday: Weekday }): Promise<void> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.saveSettings(trx, actor.id, choice, at)
      await this.parts.audit.record(trx, actor, {
        action: 'reminders.settings-saved',
        subjectType: 'user',
        subjectId: actor.id,
        summary:
          choice.frequency === 'off'
            ? 'Chose to get no reminder emails'
            : `Chose a weekly reminder email on ${WEEKDAY_NAMES[choice.weekday]}s`,
      })
    })
  }

  /**
   * Queues a digest for everyone due one now: an active account, a weekly digest chosen (or never
   * chosen otherwise), their day of the week reached, none in this ISO week or the last 7 days,
   * and something due. Safe to run as often as anyone likes, on as many instances at once.
   */
  async sendDigests(): Promise<DigestRun> {
    const run: DigestRun = { queued: 0, nothingDue: 0, optedOut: 0, notYet: 0 }
    if (!this.parts.email.enabled) return run
    const today = ukToday(this.clock)
    const week = isoWeek(today)
    const weekday = isoWeekday(today)
    const [users, chosen, last] = await Promise.all([
      this.parts.accounts.list(),
      this.repo.allSettings(this.db),
      this.repo.lastDigests(this.db),
    ])
    for (const user of users) {
      if (user.status !== 'active') continue
      const settings = chosen.get(user.id) ?? DEFAULT_SETTINGS
      if (settings.frequency === 'off') {
        run.optedOut++
        continue
      }
      const lastOn = last.get(user.id)
      if (weekday < settings.weekday || (lastOn !== undefined && daysBetween(lastOn, today) < DIGEST_MIN_DAYS)) {
        run.notYet++
        continue
      }
      const viewer = await this.parts.people.viewer({
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
      })
      if (!viewer) continue
      const due = dueCounts(await this.parts.home.due(viewer))
      if (!anythingDue(due)) {
        run.nothingDue++
        continue
      }
      const queued = await this.db.transaction().execute(async trx => {
        if (
          !(await this.repo.claimDigest(trx, { userId: user.id, week, sentOn: today, at: this.clock().toISOString() }))
        )
          return false
        const message = await this.parts.email.enqueue(
          trx,
          SYSTEM_ACTOR,
          { kind: 'reminder-digest', recipient: { id: user.id, name: user.name }, due },
          { dedupeKey: `reminder-digest:${user.id}:${week}` },
        )
        if (message) await this.repo.recordMessage(trx, user.id, week, message.id)
        return true
      })
      if (queued) run.queued++
      else run.notYet++
    }
    return run
  }
}
