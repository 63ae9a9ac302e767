// Turns zod issues into what the GOV.UK error summary and inline error messages need, keeping
// the first message for each field in the order the fields appear on the page; and the steps of a
// form post that saves a versioned record (invalid → 400, conflict → 409, saved → onwards).
import { z } from 'zod'
import { staleRecord, ValidationError } from './errors.ts'

export interface FormErrors {
  /** For govukErrorSummary: [{ text, href }]. */
  readonly list: { text: string; href: string }[]
  /** For each field's errorMessage: { field: { text } }. */
  readonly fields: Record<string, { text: string }>
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

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FormErrors }

/** Parses a form body; on failure gives errors ready for the page, in field order. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  order: string[] = [],
): ParseResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {})
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, errors: formErrors(zodMessages(result.error), order) }
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
