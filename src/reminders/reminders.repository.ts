// The reminders' tables: reminder_settings (each person's choice) and reminder_digests (every
// digest queued, one per person per ISO week). The only code that reads or writes them.
import type { DbExecutor } from '../db/connect.ts'
import { WEEKDAYS, type ReminderFrequency, type ReminderSettings, type Weekday } from './reminders.types.ts'

const asWeekday = (n: number): Weekday => ((WEEKDAYS as readonly number[]).includes(n) ? (n as Weekday) : 1)

export class RemindersRepository {
  async settings(db: DbExecutor, userId: string): Promise<ReminderSettings | null> {
    const row = await db.selectFrom('reminder_settings').selectAll().where('user_id', '=', userId).executeTakeFirst()
    return row
      ? {
          frequency: row.frequency as ReminderFrequency,
          weekday: asWeekday(Number(row.weekday)),
          updatedAt: row.updated_at,
        }
      : null
  }

  /** Everyone's choices, by account id (people who never chose have no row). */
  async allSettings(db: DbExecutor): Promise<Map<string, ReminderSettings>> {
    const rows = await db.selectFrom('reminder_settings').selectAll().execute()
    return new Map(
      rows.map(r => [
        r.user_id,
        { frequency: r.frequency as ReminderFrequency, weekday: asWeekday(Number(r.weekday)), updatedAt: r.updated_at },
      ]),
    )
  }

  async saveSettings(
    db: DbExecutor,
    userId: string,
    s: { frequency: ReminderFrequency; weekday: Weekday },
    at: string,
  ): Promise<void> {
    await db
      .insertInto('reminder_settings')
      .values({ user_id: userId, frequency: s.frequency, weekday: s.weekday, updated_at: at })
      .onConflict(oc =>
        oc.column('user_id').doUpdateSet({ frequency: s.frequency, weekday: s.weekday, updated_at: at }),
      )
      .execute()
  }

  /** The UK date of each person's latest digest, by account id. */
  async lastDigests(db: DbExecutor): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('reminder_digests')
      .select(eb => ['user_id', eb.fn.max('sent_on').as('last')])
      .groupBy('user_id')
      .execute()
    return new Map(rows.map(r => [r.user_id, String(r.last)]))
  }

  /**
   * Claims a person's digest for an ISO week: true when this call made the claim, false when a
   * digest for that week was claimed already (by an earlier run, or another instance right now).
   */
  async claimDigest(
    db: DbExecutor,
    row: { userId: string; week: string; sentOn: string; at: string },
  ): Promise<boolean> {
    const result = await db
      .insertInto('reminder_digests')
      .values({ user_id: row.userId, week: row.week, sent_on: row.sentOn, message_id: null, created_at: row.at })
      .onConflict(oc => oc.columns(['user_id', 'week']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  }

  /** Notes the outbox message a claimed digest became. */
  async recordMessage(db: DbExecutor, userId: string, week: string, messageId: string): Promise<void> {
    await db
      .updateTable('reminder_digests')
      .set({ message_id: messageId })
      .where('user_id', '=', userId)
      .where('week', '=', week)
      .execute()
  }

  /** Whether a claim is still as it was, for tests and the last-sent check: the latest week claimed. */
  async latestDigest(
    db: DbExecutor,
    userId: string,
  ): Promise<{ week: string; sentOn: string; messageId: string | null } | null> {
    const row = await db
      .selectFrom('reminder_digests')
      .select(['week', 'sent_on', 'message_id'])
      .where('user_id', '=', userId)
      .orderBy('sent_on', 'desc')
      .orderBy('week', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row ? { week: row.week, sentOn: row.sent_on, messageId: row.message_id } : null
  }
}
