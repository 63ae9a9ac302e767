// When a check-in is overdue: the one rule that My pathway, the team page and the profession views
// all use, so they never disagree about a person.
//
// Someone is overdue a check-in when they have never had one agreed, or when their last agreed
// check-in (of any framework version or kind) was agreed on or before the cut-off date: today less
// CHECKIN_DUE_DAYS. Days are UK calendar days (Europe/London, see platform/dates), so the answer
// changes once a day, at UK midnight, whichever page asks, and the profession views can cache their
// figures for the day.
import { addDays, ukDate, ukDayStart } from '../platform/dates.ts'

/** How many days may pass after an agreed check-in before the next is overdue (about 6 months). */
export const CHECKIN_DUE_DAYS = 182

/** The cut-off date: today in the UK less CHECKIN_DUE_DAYS. Agreed on or before it is overdue. */
export const checkinCutoffDate = (now: Date): string => addDays(ukDate(now), -CHECKIN_DUE_DAYS)

/**
 * The same cut-off as a timestamp, for comparing with agreed_at (an ISO 8601 UTC timestamp, in
 * SQL or here): a check-in agreed before it is overdue; at or after it, not. It is the start of
 * the UK day after the cut-off date.
 */
export const overdueBefore = (now: Date): string => ukDayStart(addDays(checkinCutoffDate(now), 1))

/** Whether someone whose last check-in was agreed at lastAgreedAt (null: never) is overdue one. */
export const isCheckinOverdue = (lastAgreedAt: string | null, now: Date): boolean =>
  overdueAgainst(lastAgreedAt, overdueBefore(now))

/** The same, against a cut-off timestamp already worked out (one that overdueBefore gave). */
export const overdueAgainst = (lastAgreedAt: string | null, before: string): boolean =>
  lastAgreedAt === null || lastAgreedAt < before
