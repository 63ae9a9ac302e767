import { z } from 'zod'
import { formText } from '../platform/forms.ts'

export const PATHWAY_SHAPES = {
  small: {
    label: 'Small',
    hint: 'One product and a few product managers: associate product manager, product manager, head of product.',
  },
  medium: { label: 'Medium', hint: 'Several products with internal groupings: adds senior product manager.' },
  enterprise: {
    label: 'Enterprise',
    hint: 'Several business areas: adds senior product manager and lead product manager.',
  },
} as const

export const PHASES = {
  none: 'No phase banner',
  alpha: 'Alpha',
  beta: 'Beta',
} as const

/** Relative luminance contrast of a colour against white, per WCAG 2.2. */
export function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
  return 1.05 / (l + 0.05)
}

export const brandColour = formText(
  z
    .string()
    .min(1, { message: 'Enter a brand colour' })
    .transform(v => (v.startsWith('#') ? v : `#${v}`).toLowerCase())
    .refine(v => /^#[0-9a-f]{6}$/.test(v), {
      message: 'Enter the brand colour as a hex code of 6 characters, like #1d70b8',
    })
    .refine(v => !/^#[0-9a-f]{6}$/.test(v) || contrastWithWhite(v) >= 4.5, {
      message:
        'Brand colour must be dark enough for white text on it to be readable (a contrast of 4.5 to 1 or more). Choose a darker colour',
    }),
)

export const organisationName = formText(
  z
    .string()
    .min(1, { message: 'Enter the name of your organisation' })
    .max(120, { message: 'Organisation name must be 120 characters or fewer' }),
)

export const logoText = formText(z.string().max(40, { message: 'Logo text must be 40 characters or fewer' }))

export const pathwayShape = formText(
  z.string().refine(v => v in PATHWAY_SHAPES, { message: 'Select the shape of your career pathway' }),
).transform(v => v as keyof typeof PATHWAY_SHAPES)

const feedbackUrl = formText(
  z
    .string()
    .max(500, { message: 'Feedback link must be 500 characters or fewer' })
    .refine(v => v === '' || /^https:\/\/[^\s]+$/.test(v) || /^mailto:[^\s@]+@[^\s@]+$/.test(v), {
      message:
        'Enter the feedback link as a full web address starting with https://, or as mailto: followed by an email address',
    }),
)

export const settingsSchema = z
  .object({
    name: organisationName,
    logoText,
    brandColour,
    pathwayShape,
    phase: formText(
      z.string().refine(v => v in PHASES, { message: 'Select whether to show a phase banner' }),
    ).transform(v => v as keyof typeof PHASES),
    feedbackUrl,
    publicHandbook: formText(
      z.string().refine(v => v === 'on' || v === 'off', { message: 'Select whether the handbook is public' }),
    ),
    version: formText(
      z.string().regex(/^\d+$/, { message: 'The form is out of date. Reload the page and try again' }),
    ).transform(Number),
  })
  .superRefine((v, ctx) => {
    if (v.phase !== 'none' && v.feedbackUrl === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['feedbackUrl'],
        message: 'Enter a feedback link, so people can tell you what they think of the new service',
      })
    }
  })

export const SETTINGS_FIELDS = [
  'name',
  'logoText',
  'brandColour',
  'pathwayShape',
  'phase',
  'feedbackUrl',
  'publicHandbook',
]
