// Reading HTML forms: one FormResult<T> for every form (the value, or the errors for the GOV.UK
// error summary and each field with what was typed), readers for text, choices, GOV.UK date
// inputs and repeated rows, zod issues turned into messages in page order; and the steps of a
// form post that saves a versioned record (invalid → 400, conflict → 409, saved → onwards).
import { z } from 'zod'
import { staleRecord, ValidationError } from './errors.ts'

export interface FormErrors {
  /** For govukErrorSummary: [{ text, href }]. */
  readonly list: { text: string; href: string }[]
  /** For each field's errorMessage: { field: { text } }. */
  readonly fields: Record<string, { text: string }>
  /** For each date input with a problem, the boxes to mark as wrong (the summary links to the first). */
  readonly dates?: Readonly<Record<string, readonly DatePart[]>>
}

export function formErrors(messages: Record<string, string>, order: string[] = []): FormErrors {
  const keys = [...order.filter(k => k in messages), ...Object.keys(messages).filter(k => !order.includes(k))]
  const fields: Record<string, { text: string }> = {}
  for (const key of keys) fields[key] = { text: messages[key] ?? '' }
  return { list: keys.map(key => ({ text: messages[key] ?? '', href: `#${key}` })), fields }
}

export function zodMessages(error: z.ZodError): Record<string, string> {
  const messages: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('-') || 'form'
    if (!(key in messages)) messages[key] = issue.message
  }
  return messages
}

/** What was typed, to put back in the form: the body as posted (repeated keys are arrays). */
export type FormValues = Record<string, unknown>

/**
 * What reading a form gives: the value to act on, or the errors ready for govukErrorSummary and
 * each field's errorMessage. Either way, `values` is what was typed, to show again.
 */
export type FormResult<T> =
  | { readonly ok: true; readonly value: T; readonly values: FormValues; readonly errors?: undefined }
  | { readonly ok: false; readonly value?: undefined; readonly values: FormValues; readonly errors: FormErrors }

/** The body of a form post as a record, whatever arrived. */
export function formValues(body: unknown): FormValues {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as FormValues) : {}
}

/** Parses a form body; on failure gives errors ready for the page, in field order. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  order: readonly string[] = [],
): FormResult<z.infer<S>> {
  const values = formValues(body)
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, value: result.data, values }
  return { ok: false, errors: formErrors(zodMessages(result.error), [...order]), values }
}

/**
 * The problems found while reading a form, collected so the page shows every one at once: the
 * first message for each field wins, and a date input's message remembers which boxes are wrong.
 */
export class FormProblems {
  readonly messages: Record<string, string> = {}
  readonly dates: Record<string, DatePart[]> = {}

  /** Records a message for a field unless it already has one. */
  add(name: string, message: string, parts?: readonly DatePart[]): void {
    if (name in this.messages) return
    this.messages[name] = message
    if (parts) this.dates[name] = [...parts]
  }

  /** Records each message that a field does not have already (zod's, or a service's). */
  addAll(messages: Record<string, string>): void {
    for (const [name, message] of Object.entries(messages)) this.add(name, message)
  }

  /** Records what a zod schema makes of the body, and gives its data when it is valid. */
  parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> | undefined {
    const parsed = schema.safeParse(body ?? {})
    if (parsed.success) return parsed.data
    this.addAll(zodMessages(parsed.error))
    return undefined
  }

  /** Records a date input's problem; gives its ISO date (or null when empty and optional) otherwise. */
  date(name: string, read: DateRead): string | null | undefined {
    if (read.ok) return read.value
    this.add(name, read.message, read.bad)
    return undefined
  }

  get empty(): boolean {
    return Object.keys(this.messages).length === 0
  }

  /** The form's result: `value` when there are no problems (and a value was made), else the errors in page order. */
  result<T>(order: readonly string[], value: T | undefined, body: unknown): FormResult<T> {
    const values = formValues(body)
    if (this.empty && value !== undefined) return { ok: true, value, values }
    const messages = this.empty ? { form: 'Check the form and try again' } : this.messages
    return { ok: false, errors: withDateLinks(formErrors(messages, [...order]), this.dates), values }
  }
}

/** Error summary links go to the first box of a date input with a problem, as the design system asks. */
export function withDateLinks(errors: FormErrors, dates: Readonly<Record<string, readonly DatePart[]>>): FormErrors {
  return {
    fields: errors.fields,
    list: errors.list.map(e => {
      const name = e.href.slice(1)
      const first = dates[name]?.[0]
      return first ? { ...e, href: `#${name}-${first}` } : e
    }),
    dates,
  }
}

/** Reads one text field from a parsed body, whatever shape it came in (repeated keys become arrays). */
export function field(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return ''
  const value = (body as Record<string, unknown>)[name]
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return ''
}

/**
 * A text field from an HTML form: a repeated key counts as its first value, a missing one as
 * empty, and surrounding white space is dropped. Limits come from the caller's schema.
 */
export function formText<S extends z.ZodType<string>>(schema: S) {
  return z.preprocess(v => {
    const first = Array.isArray(v) ? v[0] : v
    return typeof first === 'string' ? first.replace(/\r\n/g, '\n').trim() : ''
  }, schema)
}

/** A multi-valued field (checkboxes): always an array of strings. */
export const formList = z.preprocess(
  v => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []).filter(x => typeof x === 'string'),
  z.array(z.string().max(200)).max(100),
)

// ---- Readers ----------------------------------------------------------------------------------

/** One text field as typed: a repeated key counts as its first value, a missing one as empty; trimmed. */
export function readText(body: unknown, name: string, max = 100_000): string {
  return field(body, name).replace(/\r\n/g, '\n').trim().slice(0, max)
}

/** One choice (radios or a select): the chosen value when it is one of `options`, else undefined. */
export function readChoice<C extends string>(body: unknown, name: string, options: readonly C[]): C | undefined {
  const value = readText(body, name, 500)
  return (options as readonly string[]).includes(value) ? (value as C) : undefined
}

/**
 * Several choices (checkboxes): every value posted under `name`, once each, in the order sent.
 * With `options`, `unknown` lists any value that is not one of them, for the caller to refuse.
 */
export function readChoices(
  body: unknown,
  name: string,
  options?: readonly string[],
): { chosen: string[]; unknown: string[] } {
  const raw = formValues(body)[name]
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .slice(0, 100)
  const chosen = [...new Set(list)]
  return { chosen, unknown: options ? chosen.filter(v => !options.includes(v)) : [] }
}

/**
 * Repeated rows of fields named `<prefix>-<index>-<field>` (as a list the user can add to without
 * JavaScript): the text of each row that has anything in it, with its index. Rows stop at `max`.
 */
export function readRows<F extends string>(
  body: unknown,
  prefix: string,
  fields: readonly F[],
  max: number,
): { index: number; row: Record<F, string> }[] {
  const rows: { index: number; row: Record<F, string> }[] = []
  for (let index = 0; index < max; index++) {
    const row = Object.fromEntries(fields.map(f => [f, readText(body, `${prefix}-${index}-${f}`, 2000)])) as Record<
      F,
      string
    >
    if (fields.some(f => row[f] !== '')) rows.push({ index, row })
  }
  return rows
}

export type DatePart = 'day' | 'month' | 'year'

/** The three boxes of a date input as typed, for reading and for putting back in the form. */
export type DateParts = Record<DatePart, string>

const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year']

/** The boxes of the date input `name` (name-day, name-month, name-year) as typed. */
export function readDateParts(body: unknown, name: string): DateParts {
  const part = (p: DatePart) => field(body, `${name}-${p}`).trim().slice(0, 10)
  return { day: part('day'), month: part('month'), year: part('year') }
}

/** An ISO date (2026-11-24) as the three boxes of a date input; empty boxes when there is none. */
export function datePartsOf(iso: string | null | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '')
  return m
    ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' }
    : { day: '', month: '', year: '' }
}

/** A bound on a date: before `min` or after `max` (ISO dates) is refused with `message`. */
export interface DateLimit {
  readonly min?: string
  readonly max?: string
  readonly message: string
  /** The boxes to mark; all three unless given. */
  readonly parts?: readonly DatePart[]
}

export interface DateRules {
  /** Starts each message, as the question names the date: "The date the goal is due by". */
  readonly label: string
  /** Whether an empty date is a problem; an empty optional date reads as null. Defaults to true. */
  readonly required?: boolean
  /** What "Enter …" names when the date is missing; the label in lower case unless given. */
  readonly enter?: string
  /** Checked in order once the date is real. */
  readonly limits?: readonly DateLimit[]
}

export type DateRead =
  | { readonly ok: true; readonly value: string | null; readonly parts: DateParts }
  | { readonly ok: false; readonly message: string; readonly bad: readonly DatePart[]; readonly parts: DateParts }

/**
 * A GOV.UK date input read into an ISO date (YYYY-MM-DD), with the error messages the design
 * system gives: "Enter …", "… must include a month", "Year must include 4 numbers",
 * "… must be a real date", then the caller's limits.
 */
export function readDateInput(body: unknown, name: string, rules: DateRules): DateRead {
  const parts = readDateParts(body, name)
  const fail = (message: string, bad: readonly DatePart[] = DATE_PARTS): DateRead => ({
    ok: false,
    message,
    bad,
    parts,
  })
  const { label } = rules
  const missing = DATE_PARTS.filter(p => parts[p] === '')
  if (missing.length === 3) {
    if (rules.required === false) return { ok: true, value: null, parts }
    return fail(`Enter ${rules.enter ?? label.charAt(0).toLowerCase() + label.slice(1)}`)
  }
  if (missing.length > 0) return fail(`${label} must include a ${missing.join(' and ')}`, missing)
  if (!/^\d{4}$/.test(parts.year)) return fail('Year must include 4 numbers', ['year'])
  const [day, month, year] = [parts.day, parts.month, parts.year].map(p =>
    /^\d{1,2}$|^\d{4}$/.test(p) ? Number(p) : NaN,
  )
  const date = new Date(Date.UTC(year ?? NaN, (month ?? NaN) - 1, day ?? NaN))
  if (
    !/^\d{1,2}$/.test(parts.day) ||
    !/^\d{1,2}$/.test(parts.month) ||
    Number.isNaN(date.getTime()) ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== (month ?? 0) - 1 ||
    date.getUTCDate() !== day
  )
    return fail(`${label} must be a real date`)
  const iso = date.toISOString().slice(0, 10)
  for (const limit of rules.limits ?? [])
    if ((limit.min !== undefined && iso < limit.min) || (limit.max !== undefined && iso > limit.max))
      return fail(limit.message, limit.parts)
  return { ok: true, value: iso, parts }
}

/** What a form reader gives back: the value to save when `ok`, otherwise the errors for the page. */
export interface FormRead<T> {
  readonly ok: boolean
  readonly value?: T | undefined
  readonly errors?: FormErrors | undefined
}

/** The steps of a form that saves a versioned record, each supplied by the handler. */
export interface VersionedSave<T, S, L, R> {
  /** What the form reader made of the body. */
  readonly form: FormRead<T>
  /** Saves the value against the version the form was opened at; throws when someone saved first. */
  readonly save: (value: T) => Promise<S>
  /**
   * The latest saved record when `err` says someone saved first; undefined for any other error.
   * Leave it out when `save` throws StaleVersionError<L>: the record it carries is used.
   */
  readonly latest?: (err: unknown) => L | undefined | Promise<L | undefined>
  /** The form again, with what was typed and what is wrong with it. */
  readonly invalid: (errors: FormErrors, status: 400) => R | Promise<R>
  /** The form again, with what was typed beside the latest saved record. */
  readonly conflict: (latest: L, value: T, status: 409) => R | Promise<R>
  /** Where to go once saved: usually a flash message and a redirect. */
  readonly saved: (result: S, value: T) => R | Promise<R>
  /** The page's fields in order: when given, a ValidationError from `save` is shown as invalid input. */
  readonly fields?: readonly string[]
  /** Any other error the page answers itself, such as a redirect; undefined lets the error through. */
  readonly otherwise?: (err: unknown) => R | undefined
}

/**
 * Post/Redirect/Get for a versioned record: invalid input is shown again with status 400 and the
 * error summary, a save that lost the race is shown again with status 409 and the latest saved
 * record, and a good save goes wherever `saved` says. What was typed is the handler's to keep.
 */
export async function saveVersioned<T, S, L, R>(steps: VersionedSave<T, S, L, R>): Promise<R> {
  const { form } = steps
  if (!form.ok || form.value === undefined) return steps.invalid(form.errors ?? formErrors({}), 400)
  const value = form.value
  let result: S
  try {
    result = await steps.save(value)
  } catch (err) {
    const latest = steps.latest ? await steps.latest(err) : staleRecord<L>(err)
    if (latest !== undefined) return steps.conflict(latest, value, 409)
    if (err instanceof ValidationError && steps.fields)
      return steps.invalid(formErrors(err.fieldErrors, [...steps.fields]), 400)
    const answer = steps.otherwise?.(err)
    if (answer !== undefined) return answer
    throw err
  }
  return steps.saved(result, value)
}
