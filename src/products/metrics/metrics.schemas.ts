// The metrics forms: a metric's details, one measurement, and measurements pasted from a
// spreadsheet. Every problem is found at once, in page order.
import {
  FormProblems,
  formValues,
  readChoice,
  readDateInput,
  readText,
  type FormErrors,
  type FormResult,
} from '../../platform/forms.ts'
import { parsePastedMeasurements, readPastedNumber } from './metrics.paste.ts'
import { DIRECTIONS, type MetricDetails, type NewMeasurement } from './metrics.types.ts'

export const METRIC_FIELDS = ['name', 'definition', 'unit', 'direction', 'baseline', 'target', 'targetDate']
export const MEASUREMENT_FIELDS = ['measuredOn', 'value', 'note']
export const PASTE_FIELDS = ['lines']

const LIMITS = { name: 120, definition: 1000, unit: 30, note: 300 } as const

/** An optional number typed in a box: null when empty, undefined (with a problem) when not a number. */
function readNumber(body: unknown, name: string, label: string, problems: FormProblems, required = false) {
  const text = readText(body, name, 100)
  if (text === '') {
    if (required) problems.add(name, `Enter ${label}`)
    return required ? undefined : null
  }
  const n = readPastedNumber(text, true)
  if (n === null) {
    problems.add(name, `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a number, such as 82 or 4.35`)
    return undefined
  }
  return n
}

export function readMetric(body: unknown): FormResult<MetricDetails> {
  const problems = new FormProblems()
  const text = (name: keyof typeof LIMITS, label: string, enter?: string) => {
    const value = readText(body, name)
    if (enter && value === '') problems.add(name, `Enter ${enter}`)
    else if (value.length > LIMITS[name]) problems.add(name, `${label} must be ${LIMITS[name]} characters or fewer`)
    return value
  }
  const name = text('name', 'The name', 'a name for the metric')
  const definition = text('definition', 'The definition', 'how the metric is worked out')
  const unit = text('unit', 'The unit')
  const direction = readChoice(body, 'direction', DIRECTIONS)
  if (!direction) problems.add('direction', 'Choose whether higher or lower is better')
  const baseline = readNumber(body, 'baseline', 'the baseline', problems)
  const target = readNumber(body, 'target', 'the target', problems)
  const targetDate = problems.date(
    'targetDate',
    readDateInput(body, 'targetDate', {
      label: 'The date to reach the target by',
      required: false,
      limits: [{ min: '2000-01-01', message: 'The date to reach the target by must be in 2000 or later' }],
    }),
  )
  if (targetDate && target === null) problems.add('target', 'Enter the target to reach by that date')
  const value =
    direction && baseline !== undefined && target !== undefined && targetDate !== undefined
      ? { name, definition, unit, direction, baseline, target, targetDate }
      : undefined
  return problems.result(METRIC_FIELDS, value, body)
}

export function readMeasurement(body: unknown, today: string): FormResult<NewMeasurement> {
  const problems = new FormProblems()
  const measuredOn = problems.date(
    'measuredOn',
    readDateInput(body, 'measuredOn', {
      label: 'The date of the measurement',
      required: true,
      limits: [{ max: today, message: 'The date of the measurement must be today or in the past' }],
    }),
  )
  const value = readNumber(body, 'value', 'the value', problems, true)
  const note = readText(body, 'note')
  if (note.length > LIMITS.note) problems.add('note', `The note must be ${LIMITS.note} characters or fewer`)
  return problems.result(
    MEASUREMENT_FIELDS,
    measuredOn && typeof value === 'number' ? { measuredOn, value, note } : undefined,
    body,
  )
}

/**
 * Measurements pasted from a spreadsheet: every bad line is its own entry in the error summary,
 * each linked to the box, and the box says which lines to correct.
 */
export function readPastedLines(body: unknown, today: string): FormResult<NewMeasurement[]> {
  const values = formValues(body)
  const text = readText(body, 'lines', 200_000)
  if (text === '') return { ok: false, values, errors: lineErrors(['Paste at least one line with a date and a value']) }
  const parsed = parsePastedMeasurements(text, today)
  if (parsed.ok) return { ok: true, value: parsed.rows, values }
  return {
    ok: false,
    values,
    errors: lineErrors(
      parsed.problems.map(p => p.message),
      parsed.problems.map(p => p.line),
    ),
  }
}

function lineErrors(messages: string[], lines: number[] = []): FormErrors {
  const field =
    lines.length === 0
      ? (messages[0] ?? '')
      : lines.length === 1
        ? `Correct line ${lines[0]}`
        : `Correct lines ${lines.slice(0, -1).join(', ')} and ${lines[lines.length - 1]}`
  return { list: messages.map(text => ({ text, href: '#lines' })), fields: { lines: { text: field } } }
}
