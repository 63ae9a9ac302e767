// The reminders capability's domain types: how each person wants to be reminded by email.

export type ReminderFrequency = 'weekly' | 'off'

export const REMINDER_FREQUENCIES: readonly ReminderFrequency[] = ['weekly', 'off']

/** ISO days of the week: 1 is Monday, 7 is Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const
export type Weekday = (typeof WEEKDAYS)[number]

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
  6: 'Saturday',
  7: 'Sunday',
}

export interface ReminderSettings {
  readonly frequency: ReminderFrequency
  readonly weekday: Weekday
  /** When they last chose (null: never, so these are the defaults). */
  readonly updatedAt: string | null
}

/** What everyone gets until they choose: a weekly digest on Mondays. */
export const DEFAULT_SETTINGS: ReminderSettings = { frequency: 'weekly', weekday: 1, updatedAt: null }

/** What one run of the digest job did. */
export interface DigestRun {
  /** Digests put in the outbox. */
  queued: number
  /** People who had nothing due. */
  nothingDue: number
  /** People who chose no reminders. */
  optedOut: number
  /** People not due one yet: not their day, or one already this week (or in the last 7 days). */
  notYet: number
}
