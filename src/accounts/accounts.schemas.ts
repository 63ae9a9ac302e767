import { z } from 'zod'
import { formText } from '../platform/forms.ts'
import { MAX_PASSWORD_INPUT, MAX_PASSWORD_LENGTH } from '../platform/auth/passwords.ts'
import { ROLES } from '../platform/auth/roles.ts'

// Passwords are taken exactly as typed: no trimming, no truncation.
const rawPassword = (message: string) =>
  z.preprocess(
    v => (Array.isArray(v) ? v[0] : v) ?? '',
    z
      .string()
      .min(1, { message })
      .max(MAX_PASSWORD_INPUT, { message: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer` }),
  )

export const signInSchema = z.object({
  email: formText(
    z.string().min(1, { message: 'Enter your email address' }).max(320, { message: 'Enter a real email address' }),
  ),
  password: rawPassword('Enter your password'),
  returnTo: formText(z.string().max(2000)).optional(),
})

const email = formText(
  z
    .string()
    .min(1, { message: 'Enter an email address' })
    .max(320, { message: 'Email address must be 320 characters or fewer' })
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, {
      message: 'Enter an email address in the correct format, like name@example.gov.uk',
    }),
).transform(v => v.toLowerCase())

const personName = formText(
  z.string().min(1, { message: 'Enter their full name' }).max(120, { message: 'Name must be 120 characters or fewer' }),
)

const role = formText(
  z.string().refine(v => (ROLES as readonly string[]).includes(v), { message: 'Select a role' }),
).transform(v => v as (typeof ROLES)[number])

export const addPersonSchema = z.object({ name: personName, email, role })
export const ADD_PERSON_FIELDS = ['name', 'email', 'role']

export const editPersonSchema = z.object({
  name: personName,
  role,
  status: formText(z.enum(['active', 'disabled'], { message: 'Select whether the account is active' })),
  version: formText(z.string().regex(/^\d+$/)).transform(Number),
})
export const EDIT_PERSON_FIELDS = ['name', 'role', 'status']

export const setPasswordSchema = z
  .object({
    password: rawPassword('Enter a password'),
    confirmPassword: rawPassword('Enter the password again'),
  })
  .refine(v => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match. Enter the same password twice',
  })

export const changePasswordSchema = z
  .object({
    currentPassword: rawPassword('Enter your current password'),
    newPassword: rawPassword('Enter a new password'),
    confirmPassword: rawPassword('Enter the new password again'),
  })
  .refine(v => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match. Enter the same new password twice',
  })

export const personEmailSchema = email

/** The administrators' list of people: a search by name or email, filters and a page. */
export const peopleListQuerySchema = z.object({
  q: z.string().max(200).optional().default(''),
  role: z
    .enum(['', ...ROLES])
    .optional()
    .catch('')
    .default(''),
  area: z.string().max(100).optional().default(''),
  manager: z.string().max(64).optional().default(''),
  page: z.coerce.number().int().min(1).max(100_000).optional().default(1),
})
export type PeopleListQuery = z.infer<typeof peopleListQuerySchema>

/** Route schema for that query string: strings of bounded length, so odd input is a 400. */
export const peopleListQueryJsonSchema = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 200 },
    role: { type: 'string', maxLength: 20 },
    area: { type: 'string', maxLength: 100 },
    manager: { type: 'string', maxLength: 64 },
    page: { type: 'integer', minimum: 1, maximum: 100000 },
  },
  additionalProperties: false,
} as const
