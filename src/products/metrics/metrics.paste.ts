// Measurements pasted from a spreadsheet: one a line, a date and a value separated by a tab (as a
// spreadsheet copies two columns) or a comma. Dates as 2026-11-30 or 30/11/2026. Every bad line is
// reported by its number, so the person can correct them all at once; nothing is kept until every
// line is good.
import { isoDate } from '../../platform/dates.ts'
import type { NewMeasurement } from './metrics.types.ts'

export const MAX_PASTED_LINES = 1000

export interface LineProblem {
  line: number
  message: string
}

export type PasteResult =
  { ok: true; rows: NewMeasurement[] } | { ok: false; problems: LineProblem[]; rows?: undefined }

/** A date as 2026-11-30 or 30/11/2026 (one-digit days and months too), or null if it is not a real date. */
export function readPastedDate(text: string): string | null {
  const t = text.trim()
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t)
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]))
  return null
}

/**
 * A number as a spreadsheet shows it: 82, -3, 4.35, 82%, £4.35, 1,234.5 (thousands separators
 * only when `commas` is true). Null when it is not a number.
 */
export function readPastedNumber(text: string, commas = false): number | null {
  let t = text
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
  t = t.replace(/^([-+]?)\s*[£$€]\s*/, '$1').replace(/\s*%$/, '')
  if (commas) {
    if (!/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t) && t.includes(',')) return null
    t = t.replace(/,/g, '')
  }
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}

const hasDigit = (s: string) => /\d/.test(s)

/** Reads pasted lines; `today` (YYYY-MM-DD) is the latest date a measurement may have. */
export function parsePastedMeasurements(text: string, today: string): PasteResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const problems: LineProblem[] = []
  const rows: NewMeasurement[] = []
  const seen = new Map<string, number>()
  if (lines.filter(l => l.trim() !== '').length > MAX_PASTED_LINES)
    return {
      ok: false,
      problems: [{ line: 1, message: `Paste ${MAX_PASTED_LINES.toLocaleString('en-GB')} lines or fewer at a time` }],
    }
  let first = true
  lines.forEach((raw, index) => {
    const line = index + 1
    if (raw.trim() === '') return
    const tab = raw.includes('\t')
    const cut = tab ? raw.indexOf('\t') : raw.indexOf(',')
    const isFirst = first
    first = false
    if (cut < 0) {
      problems.push({ line, message: `Line ${line}: put a tab or a comma between the date and the value` })
      return
    }
    const dateText = raw.slice(0, cut).trim()
    const valueText = raw.slice(cut + 1).trim()
    // A first line of column headings, such as "Date, Value", is skipped.
    if (isFirst && !hasDigit(dateText) && !hasDigit(valueText)) return
    const date = readPastedDate(dateText)
    const value = readPastedNumber(valueText, tab)
    const wrong: string[] = []
    if (date === null) wrong.push('the date must be a real date written as 30/11/2026 or 2026-11-30')
    else if (date > today) wrong.push('the date must be today or in the past')
    if (value === null)
      wrong.push(valueText === '' ? 'enter a value after the date' : 'the value must be a number, such as 82 or 4.35')
    const earlier = date ? seen.get(date) : undefined
    if (date && earlier !== undefined && wrong.length === 0) wrong.push(`the date is the same as on line ${earlier}`)
    if (wrong.length > 0) {
      const text = wrong.join(', and ')
      problems.push({ line, message: `Line ${line}: ${text}` })
      return
    }
    if (date && value !== null) {
      seen.set(date, line)
      rows.push({ measuredOn: date, value, note: '' })
    }
  })
  if (problems.length > 0) return { ok: false, problems }
  if (rows.length === 0)
    return { ok: false, problems: [{ line: 1, message: 'Paste at least one line with a date and a value' }] }
  return { ok: true, rows }
}
