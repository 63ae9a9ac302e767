// What the people pages accept: the list's filters, the profile form (with GOV.UK date inputs)
// and the import form. Each reads a raw body or query and says what is wrong in plain English.
import { z } from 'zod'
import { formErrors, formText, parseForm, zodMessages, type FormErrors } from '../platform/forms.ts'
import { MAX_IMPORT_BYTES, canonicalCsv, importDate } from './people.import.ts'

// ---- The list ------------------------------------------------------------------------------

export const listQuerySchema = z.object({
  role: z.string().max(100).optional().default(''),
  area: z.string().max(100).optional().default(''),
  group: z.string().max(100).optional().default(''),
  show: z.enum(['profession', 'accounts']).optional().default('profession'),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
})
export type ListQuery = z.infer<typeof listQuerySchema>

/** Route schema for the list's query string: strings of bounded length, so odd input is a 400. */
export const listQueryJsonSchema = {
  type: 'object',
  properties: {
    role: { type: 'string', maxLength: 100 },
    area: { type: 'string', maxLength: 100 },
    group: { type: 'string', maxLength: 100 },
    show: { type: 'string', enum: ['profession', 'accounts'] },
    page: { type: 'integer', minimum: 1, maximum: 100000 },
  },
  additionalProperties: false,
} as const

// ---- Dates -------------------------------------------------------------------------------

export type DatePart = 'day' | 'month' | 'year'

export type DateResult = { ok: true; value: string | null } | { ok: false; message: string; parts: DatePart[] }

/**
 * A GOV.UK date input (name-day, name-month, name-year) read into YYYY-MM-DD, with the error
 * messages the design system recommends. Empty is null unless the date is required.
 */
export function readDateInput(
  body: unknown,
  name: string,
  label: string,
  options: { required: boolean; notAfter?: string },
): DateResult {
  const raw = (body ?? {}) as Record<string, unknown>
  const part = (p: DatePart) => {
    const v = raw[`${name}-${p}`]
    const first = Array.isArray(v) ? v[0] : v
    return typeof first === 'string' ? first.trim().slice(0, 10) : ''
  }
  const values = { day: part('day'), month: part('month'), year: part('year') }
  const missing = (['day', 'month', 'year'] as const).filter(p => values[p] === '')
  if (missing.length === 3)
    return options.required
      ? { ok: false, message: `Enter ${label.toLowerCase()}`, parts: ['day', 'month', 'year'] }
      : { ok: true, value: null }
  if (missing.length > 0)
    return { ok: false, message: `${label} must include a ${missing.join(' and ')}`, parts: missing }
  if (!/^\d{4}$/.test(values.year)) return { ok: false, message: 'Year must include 4 numbers', parts: ['year'] }
  const date =
    /^\d{1,2}$/.test(values.day) && /^\d{1,2}$/.test(values.month)
      ? importDate(Number(values.year), Number(values.month), Number(values.day))
      : null
  if (!date) return { ok: false, message: `${label} must be a real date`, parts: ['day', 'month', 'year'] }
  if (options.notAfter && date > options.notAfter)
    return { ok: false, message: `${label} must be today or in the past`, parts: ['day', 'month', 'year'] }
  return { ok: true, value: date }
}

/** YYYY-MM-DD to the three boxes of a date input. */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null
  return m
    ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' }
    : { day: '', month: '', year: '' }
}

// ---- The profile form ----------------------------------------------------------------------

export const PROFILE_FIELDS = [
  'careerRole',
  'lineManager',
  'associateOf',
  'businessArea',
  'group',
  'dateIntoRole',
  'headOfProfession',
  'cadenceDays',
  'effectiveFrom',
]

const emailChoice = (message: string) =>
  formText(
    z
      .string()
      .max(320, { message })
      .refine(v => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { message }),
  ).transform(v => v.toLowerCase())

const profileSchema = (roles: readonly string[]) =>
  z.object({
    careerRole: formText(z.string().refine(v => roles.includes(v), { message: 'Select a career role' })),
    lineManager: emailChoice('Select a line manager from the list, or enter their email address'),
    associateOf: emailChoice('Select a senior product manager from the list, or enter their email address'),
    businessArea: formText(z.string().max(100, { message: 'Business area must be 100 characters or fewer' })),
    group: formText(z.string().max(100, { message: 'Group must be 100 characters or fewer' })),
    headOfProfession: formText(z.enum(['', 'yes', 'no'], { message: 'Select yes if they are a head of profession' })),
    cadenceDays: formText(
      z.string().refine(v => v === '' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= 365), {
        message: 'Days between 1:1s must be a whole number from 1 to 365',
      }),
    ).transform(v => (v === '' ? null : Number(v))),
    version: formText(
      z.string().regex(/^\d{1,9}$/, { message: 'The form is out of date. Reload the page and try again' }),
    ).transform(Number),
  })

export interface ProfileForm {
  careerRole: string
  lineManagerEmail: string
  associateOfEmail: string
  businessArea: string
  group: string
  dateIntoRole: string | null
  /** Null when the form did not offer the question. */
  headOfProfession: boolean | null
  /** Null means the usual cadence for the role. */
  cadenceDays: number | null
  effectiveFrom: string
  version: number
}

export type ProfileFormResult =
  { ok: true; value: ProfileForm } | { ok: false; errors: FormErrors; dateErrors: Record<string, DatePart[]> }

/** Reads the profile form; on failure, errors in page order with links to the right date box. */
export function readProfileForm(
  body: unknown,
  options: { roles: readonly string[]; today: string },
): ProfileFormResult {
  const parsed = profileSchema(options.roles).safeParse(body ?? {})
  const messages: Record<string, string> = parsed.success ? {} : zodMessages(parsed.error)
  const dateErrors: Record<string, DatePart[]> = {}
  const dateIntoRole = readDateInput(body, 'dateIntoRole', 'Date into role', {
    required: false,
    notAfter: options.today,
  })
  const effectiveFrom = readDateInput(body, 'effectiveFrom', 'The date the change took effect', {
    required: true,
    notAfter: options.today,
  })
  if (!dateIntoRole.ok) {
    messages.dateIntoRole = dateIntoRole.message
    dateErrors.dateIntoRole = dateIntoRole.parts
  }
  if (!effectiveFrom.ok) {
    messages.effectiveFrom = effectiveFrom.message
    dateErrors.effectiveFrom = effectiveFrom.parts
  }
  if (!parsed.success || !dateIntoRole.ok || !effectiveFrom.ok) {
    return { ok: false, errors: withDateLinks(formErrors(messages, PROFILE_FIELDS), dateErrors), dateErrors }
  }
  const v = parsed.data
  return {
    ok: true,
    value: {
      careerRole: v.careerRole,
      lineManagerEmail: v.lineManager,
      associateOfEmail: v.associateOf,
      businessArea: v.businessArea,
      group: v.group,
      dateIntoRole: dateIntoRole.value,
      headOfProfession: v.headOfProfession === '' ? null : v.headOfProfession === 'yes',
      cadenceDays: v.cadenceDays,
      effectiveFrom: effectiveFrom.value ?? options.today,
      version: v.version,
    },
  }
}

/** Error summary links go to the first date box with a problem, as the design system asks. */
export function withDateLinks(errors: FormErrors, dateErrors: Record<string, DatePart[]>): FormErrors {
  return {
    fields: errors.fields,
    list: errors.list.map(e => {
      const name = e.href.slice(1)
      const first = dateErrors[name]?.[0]
      return first ? { ...e, href: `#${name}-${first}` } : e
    }),
  }
}

// ---- Import --------------------------------------------------------------------------------

/** The pasted CSV and, when importing, the fingerprint of the CSV that was checked. */
export const importFormSchema = z.object({
  csv: z.preprocess(
    v => {
      const first = Array.isArray(v) ? v[0] : v
      return typeof first === 'string' ? canonicalCsv(first) : ''
    },
    z.string().max(MAX_IMPORT_BYTES * 2, { message: 'The spreadsheet must be 5 MB or smaller' }),
  ),
  checked: formText(z.string().max(64)).optional(),
})

export const parseImportForm = (body: unknown) => parseForm(importFormSchema, body, ['csv'])
