// The query strings of the profession views: filters chosen from the capability view's GET form.
// Fastify checks types and lengths (so the route inventory sees a schema); zod then normalises
// what is left: a repeated key counts as its first value, blank means "all", and a page number
// that is not a whole number counts as the first page.
import { z } from 'zod'

export const MAX_PAGE = 100_000

/** Fastify's check of the capability view's query string. */
export const capabilityQueryJsonSchema = {
  type: 'object',
  properties: {
    role: { type: 'string', maxLength: 100 },
    area: { type: 'string', maxLength: 200 },
    group: { type: 'string', maxLength: 200 },
    page: { type: 'string', maxLength: 10 },
  },
} as const

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)

/** A filter value: trimmed text, or null for "all". */
const filterText = (max: number) =>
  z.preprocess(v => {
    const value = first(v)
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
  }, z.string().max(max).nullable())

export const capabilityQuerySchema = z.object({
  role: filterText(100).catch(null),
  area: filterText(200).catch(null),
  group: filterText(200).catch(null),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(MAX_PAGE)).catch(1).default(1),
})

export type CapabilityQuery = z.infer<typeof capabilityQuerySchema>

export function parseCapabilityQuery(query: unknown): CapabilityQuery {
  return capabilityQuerySchema.parse(query ?? {})
}
