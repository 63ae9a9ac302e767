// Turns zod issues into what the GOV.UK error summary and inline error messages need, keeping
// the first message for each field in the order the fields appear on the page.
import { z } from 'zod'

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
