// Nunjucks filters, registered in one place and unit-tested in filters.test.ts. Dates are
// written by platform/dates, which code outside templates uses too.
import nunjucks from 'nunjucks'
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

/**
 * Nunjucks' trim, which GOV.UK's page template applies to the whole header and footer of every
 * page, with String.prototype.trim (the same whitespace) in place of its regular expression
 * /^\s*|\s*$/g, which took several per cent of the CPU of a dynamic page. Safe strings stay safe.
 */
export function trim(value: unknown): unknown {
  const trimmed = String(value ?? '').trim()
  return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed
}

export const filters: Record<string, (...args: never[]) => unknown> = {
  trim,
  formatDate,
  formatDateTime,
  formatNumber,
  plural,
}
