// What the people pages accept: the list's filters, the profile form (with GOV.UK date inputs)
// and the import form. Each reads a raw body or query and says what is wrong in plain English.
import { z } from 'zod'
import { FormProblems, formText, parseForm, readDateInput, type FormResult } from '../platform/forms.ts'
import { MAX_IMPORT_BYTES, canonicalCsv } from './people.import.ts'

// ---- The list ------------------------------------------------------------------------------

export const listQuerySchema = z.object({
  q: z.string().max(200).optional().default(''),
  role: z.string().max(100).optional().default(''),
  area: z.string().max(100).optional().default(''),
  group: z.string().max(100).optional().default(''),
  manager: z.string().max(64).optional().default(''),
  show: z.enum(['profession', 'accounts']).optional().default('profession'),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
})
export type ListQuery = z.infer<typeof listQuerySchema>

/** Route schema for the list's query string: strings of bounded length, so odd input is a 400. */
export const listQueryJsonSchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 200 },
    role: { type: 'string', maxLength: 100 },
    area: { type: 'string', maxLength: 100 },
    group: { type: 'string', maxLength: 100 },
    manager: { type: 'string', maxLength: 64 },
    show: { type: 'string', enum: ['profession', 'accounts'] },
    page: { type: 'integer', minimum: 1, maximum: 100000 },
  },
  additionalProperties: false,
} as const

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

/** Reads the profile form; on failure, errors in page order with links to the right date box. */
export function readProfileForm(
  body: unknown,
  options: { roles: readonly string[]; today: string },
): FormResult<ProfileForm> {
  const problems = new FormProblems()
  const v = problems.parse(profileSchema(options.roles), body)
  const notFuture = (label: string) => ({ max: options.today, message: `${label} must be today or in the past` })
  const dateIntoRole = problems.date(
    'dateIntoRole',
    readDateInput(body, 'dateIntoRole', {
      label: 'Date into role',
      required: false,
      limits: [notFuture('Date into role')],
    }),
  )
  const effectiveFrom = problems.date(
    'effectiveFrom',
    readDateInput(body, 'effectiveFrom', {
      label: 'The date the change took effect',
      limits: [notFuture('The date the change took effect')],
    }),
  )
  const value =
    v && dateIntoRole !== undefined && effectiveFrom !== undefined
      ? {
          careerRole: v.careerRole,
          lineManagerEmail: v.lineManager,
          associateOfEmail: v.associateOf,
          businessArea: v.businessArea,
          group: v.group,
          dateIntoRole,
          headOfProfession: v.headOfProfession === '' ? null : v.headOfProfession === 'yes',
          cadenceDays: v.cadenceDays,
          effectiveFrom: effectiveFrom ?? options.today,
          version: v.version,
        }
      : undefined
  return problems.result(PROFILE_FIELDS, value, body)
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
