import { z } from 'zod'
import { formText } from '../platform/forms.ts'

export const MAX_BODY = 200_000

export const decisionSchema = z.object({
  choice: formText(z.enum(['take', 'keep', 'combine'], { message: 'Choose what to do with upstream’s change' })),
  body: formText(z.string().max(MAX_BODY, { message: 'Page text must be 200,000 characters or fewer' })).optional(),
  pageVersion: formText(z.string().regex(/^\d{1,9}$/)).transform(Number),
})

export const upstreamSlugParams = {
  type: 'object',
  properties: { slug: { type: 'string', pattern: '^[a-z0-9-]{1,100}$' } },
  required: ['slug'],
} as const
