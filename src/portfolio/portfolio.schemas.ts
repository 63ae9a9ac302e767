// The portfolio's inputs: the leaders' views' query string (sort, order, filters, page), read
// through allowlists so nothing unexpected reaches a query or a page; the area and group in the
// address; and the form for a quarter of the leadership team's work.
import { z } from 'zod'
import { balanceFields, readBalance } from '../products/prioritisation/prioritisation.schemas.ts'
import { PHASES, PRODUCT_KINDS, STAGES, type Phase, type ProductKind, type Stage } from '../products/products.types.ts'
import type { FormResult } from '../platform/forms.ts'
import { PORTFOLIO_CLASSES, PORTFOLIO_CLASS_LABELS, type PortfolioCounts } from './portfolio.types.ts'

export const SORTS = ['name', 'phase', 'stage', 'next', 'off-target', 'waiting', 'starved', 'flags'] as const
export type Sort = (typeof SORTS)[number]
export const ORDERS = ['asc', 'desc'] as const
export type Order = (typeof ORDERS)[number]
/** Which rows to show: all, or only those needing attention in one way. */
export const SHOWS = ['all', 'flagged', 'off-target', 'starved', 'overdue'] as const
export type Show = (typeof SHOWS)[number]

export interface ViewQuery {
  sort: Sort
  order: Order
  show: Show
  kind: ProductKind | null
  phase: Phase | null
  stage: Stage | null
  /** Organisation view only: one area. */
  area: string | null
  /** Organisation and area views: one group. */
  group: string | null
  page: number
}

const text = z
  .string()
  .max(120)
  .transform(s => s.trim())
  .optional()
  .catch(undefined)

/** Anything unexpected is ignored rather than refused: a bookmarked view keeps working. */
const querySchema = z.object({
  sort: z.enum(SORTS).optional().catch(undefined),
  order: z.enum(ORDERS).optional().catch(undefined),
  show: z.enum(SHOWS).optional().catch(undefined),
  kind: z.enum(PRODUCT_KINDS).optional().catch(undefined),
  phase: z.enum(PHASES).optional().catch(undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
  area: text,
  group: text,
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})

export function readViewQuery(query: unknown): ViewQuery {
  const q = querySchema.parse(typeof query === 'object' && query !== null ? query : {})
  const sort = q.sort ?? 'flags'
  return {
    sort,
    // Names and lifecycles read best from the start; counts of trouble from the most.
    order: q.order ?? (sort === 'name' || sort === 'phase' || sort === 'stage' ? 'asc' : 'desc'),
    show: q.show ?? 'all',
    kind: q.kind ?? null,
    phase: q.phase ?? null,
    stage: q.stage ?? null,
    area: q.area || null,
    group: q.group || null,
    page: q.page ?? 1,
  }
}

export const viewQuery = {
  type: 'object',
  properties: Object.fromEntries(
    ['sort', 'order', 'show', 'kind', 'phase', 'stage', 'area', 'group', 'page'].map(n => [
      n,
      { type: 'string', maxLength: 200 },
    ]),
  ),
} as const

export const areaParams = {
  type: 'object',
  properties: { area: { type: 'string', minLength: 1, maxLength: 120 } },
  required: ['area'],
} as const

export const groupParams = {
  type: 'object',
  properties: {
    area: { type: 'string', minLength: 1, maxLength: 120 },
    group: { type: 'string', minLength: 1, maxLength: 120 },
  },
  required: ['area', 'group'],
} as const

export const quarterParams = {
  type: 'object',
  properties: { quarter: { type: 'string', pattern: '^\\d{4}-Q[1-4]$' } },
  required: ['quarter'],
} as const

export const BALANCE_FIELDS = balanceFields(PORTFOLIO_CLASSES)

/** A quarter of the leadership team's work: planned and done for each class of the quadrant, and a note. */
export function readPortfolioQuarter(body: unknown): FormResult<{ counts: PortfolioCounts; note: string }> {
  return readBalance(body, PORTFOLIO_CLASSES, PORTFOLIO_CLASS_LABELS)
}
