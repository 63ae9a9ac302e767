// Dates, once. Valuekit's days are UK calendar days (Europe/London): "today", a 1:1 that is due,
// a check-in that is overdue, all turn over at UK midnight whatever the server's time zone.
// Calendar dates travel as ISO strings (2026-11-24), instants as ISO UTC timestamps
// (2026-11-24T10:00:00.000Z). Intl does the time-zone work; nothing here reads the process's zone.
import type { Clock } from './clock.ts'

export const UK_TIME_ZONE = 'Europe/London'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000

// Made once: building a DateTimeFormat costs far more than using one, and the overdue rule asks
// on every profession page.
const UK_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: UK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})
const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: UK_TIME_ZONE,
})
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
  timeZone: UK_TIME_ZONE,
})

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The UK calendar day an instant falls on, as YYYY-MM-DD. */
export function ukDate(at: Date): string {
  return UK_DAY.format(at)
}

/** Today in the UK by this clock, as YYYY-MM-DD. */
export function ukToday(clock: Clock): string {
  return ukDate(clock())
}

/**
 * When a UK calendar day starts, as a UTC timestamp. The UK keeps GMT or BST (an hour ahead), and
 * its clocks change at 01:00 UTC, never at midnight, so the day starts at 00:00 or 23:00 UTC.
 */
export function ukDayStart(date: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00.000Z`)
  const hourEarlier = midnightUtc - HOUR_MS
  return new Date(ukDate(new Date(hourEarlier)) === date ? hourEarlier : midnightUtc).toISOString()
}

/** The calendar date (YYYY-MM-DD) so many days after another; negative days go back. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The calendar date (YYYY-MM-DD) so many months after another, on the month's last day when it is shorter. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(year, month - 1 + months, 1))
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(day, last))
  return first.toISOString().slice(0, 10)
}

/** Whole calendar days from one date to another (YYYY-MM-DD): negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS)
}

/** A real calendar date as YYYY-MM-DD, or null (31 April, month 13, day 0 and the like). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}

/** Whether text is a real calendar date written YYYY-MM-DD (Date.parse alone takes 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text)
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === text
}

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (typeof value === 'string' && value !== '') {
    const d = new Date(value)
    return Number.isNaN(d.getTime()) ? null : d
  }
  return null
}

/** 24 November 2026, in the UK, from a date, an ISO date or a timestamp; '' for anything else. */
export function formatDate(value: unknown): string {
  const d = toDate(value)
  return d ? LONG_DATE.format(d) : ''
}

/** 24 November 2026 at 2:05pm (UK time, GOV.UK style: midday and midnight in words). */
export function formatDateTime(value: unknown): string {
  const d = toDate(value)
  if (!d) return ''
  const time = TIME.format(d).replace(/\s/g, '').toLowerCase()
  return `${LONG_DATE.format(d)} at ${time === '12:00pm' ? 'midday' : time === '12:00am' ? 'midnight' : time}`
}

/** The ISO day of the week of a date (YYYY-MM-DD): 1 for Monday to 7 for Sunday. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00.000Z`).getUTCDay()
  return day === 0 ? 7 : day
}

/** The ISO week a date (YYYY-MM-DD) falls in, such as 2026-W50 (weeks start on Monday; week 1 holds 4 January). */
export function isoWeek(date: string): string {
  // The week's Thursday decides its year.
  const thursday = addDays(date, 4 - isoWeekday(date))
  const year = thursday.slice(0, 4)
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}
