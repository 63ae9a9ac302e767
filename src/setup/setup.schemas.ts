import { z } from 'zod'
import { formText } from '../platform/forms.ts'
import { brandColour, logoText, organisationName, pathwayShape } from '../organisation/organisation.schemas.ts'
import { MAX_PASSWORD_INPUT, MAX_PASSWORD_LENGTH } from '../platform/auth/passwords.ts'

export const setupSchema = z
  .object({
    organisationName,
    logoText,
    brandColour,
    pathwayShape,
    // The 2025 framework unless the 2017 one is chosen; the choice is offered with 2025 selected.
    framework: z.preprocess(
      v => (Array.isArray(v) ? v[0] : v) ?? '2025',
      z.enum(['2025', '2017'], { message: 'Select which version of the capability framework to start from' }),
    ),
    leadership: z.preprocess(v => (Array.isArray(v) ? v[0] : v) === 'yes', z.boolean()),
    // Load the worked example once set up (the routes do it, through the example's service).
    example: z.preprocess(v => (Array.isArray(v) ? v[0] : v) === 'yes', z.boolean()),
    adminName: formText(
      z
        .string()
        .min(1, { message: 'Enter your full name' })
        .max(120, { message: 'Name must be 120 characters or fewer' }),
    ),
    adminEmail: formText(
      z
        .string()
        .min(1, { message: 'Enter your email address' })
        .max(320, { message: 'Email address must be 320 characters or fewer' })
        .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, {
          message: 'Enter an email address in the correct format, like name@example.gov.uk',
        }),
    ).transform(v => v.toLowerCase()),
    password: z.preprocess(
      v => (Array.isArray(v) ? v[0] : v) ?? '',
      z
        .string()
        .min(1, { message: 'Enter a password' })
        .max(MAX_PASSWORD_INPUT, { message: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer` }),
    ),
    confirmPassword: z.preprocess(
      v => (Array.isArray(v) ? v[0] : v) ?? '',
      z.string().min(1, { message: 'Enter the password again' }),
    ),
  })
  .refine(v => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The passwords do not match. Enter the same password twice',
  })

export const SETUP_FIELDS = [
  'organisationName',
  'logoText',
  'brandColour',
  'pathwayShape',
  'framework',
  'leadership',
  'adminName',
  'adminEmail',
  'password',
  'confirmPassword',
  'example',
]

type SetupForm = z.infer<typeof setupSchema>

/**
 * What set-up needs. Without a framework choice it starts from 2025, without the leadership
 * capabilities; without the example box ticked, no worked example is loaded.
 */
export type SetupInput = Omit<SetupForm, 'framework' | 'leadership' | 'example'> &
  Partial<Pick<SetupForm, 'framework' | 'leadership' | 'example'>>
