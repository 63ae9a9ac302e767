// Nunjucks filters, registered in one place and unit-tested in filters.test.ts.
const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})
const TIME = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
  timeZone: 'Europe/London',
})

function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value
  if (typeof value === 'string' && value !== '') {
    const d = new Date(value)
    return Number.isNaN(d.getTime()) ? null : d
  }
  return null
}

/** 24 November 2026 */
export function formatDate(value: unknown): string {
  const d = toDate(value)
  return d ? LONG_DATE.format(d) : ''
}

/** 24 November 2026 at 2:05pm (UK time, GOV.UK style) */
export function formatDateTime(value: unknown): string {
  const d = toDate(value)
  if (!d) return ''
  const time = TIME.format(d).replace(/\s/g, '').toLowerCase()
  return `${LONG_DATE.format(d)} at ${time === '12:00pm' ? 'midday' : time === '12:00am' ? 'midnight' : time}`
}

/** 1,234 */
export function formatNumber(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toLocaleString('en-GB') : ''
}

/** "1 page" / "3 pages" */
export function plural(count: unknown, singular: string, pluralForm?: string): string {
  const n = typeof count === 'number' ? count : 0
  return `${n.toLocaleString('en-GB')} ${n === 1 ? singular : (pluralForm ?? `${singular}s`)}`
}

export const filters: Record<string, (...args: never[]) => unknown> = {
  formatDate,
  formatDateTime,
  formatNumber,
  plural,
}
