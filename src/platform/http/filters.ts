// Nunjucks filters, registered in one place and unit-tested in filters.test.ts. Dates are
// written by platform/dates, which code outside templates uses too.
import { formatDate, formatDateTime } from '../dates.ts'

export { formatDate, formatDateTime }

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
