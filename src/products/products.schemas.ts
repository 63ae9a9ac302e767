// The catalogue's forms and queries: a thing's details, a move of phase or stage, and the
// catalogue's filters. Every problem is found at once (FormProblems), in page order.
import { z } from 'zod'
import { FormProblems, readChoice, readChoices, readDateInput, readText, type FormResult } from '../platform/forms.ts'
import {
  PHASES,
  PRODUCT_KINDS,
  STAGES,
  type MoveRequest,
  type NewProduct,
  type Phase,
  type ProductDetails,
  type ProductFilter,
  type ProductKind,
} from './products.types.ts'

export const PRODUCT_FIELDS = [
  'kind',
  'name',
  'purpose',
  'parentId',
  'ownerId',
  'area',
  'group',
  'team',
  'phase',
  'stage',
  'uses',
]
export const MOVE_FIELDS = ['to', 'movedOn', 'reason']

const LIMITS = { name: 120, purpose: 300, team: 120, group: 120, area: 120 } as const

function readDetails(body: unknown, problems: FormProblems): ProductDetails | undefined {
  const kind = readChoice(body, 'kind', PRODUCT_KINDS)
  if (!kind) problems.add('kind', 'Choose what kind of thing it is')
  const text = (name: keyof typeof LIMITS, label: string, enter?: string) => {
    const value = readText(body, name)
    if (enter && value === '') problems.add(name, `Enter ${enter}`)
    else if (value.length > LIMITS[name]) problems.add(name, `${label} must be ${LIMITS[name]} characters or fewer`)
    return value
  }
  const name = text('name', 'Name', 'a name')
  const purpose = text('purpose', 'Purpose', 'its purpose in one line')
  const parentId = readText(body, 'parentId', 64) || null
  if (kind === 'feature' && !parentId) problems.add('parentId', 'Choose the service this feature is part of')
  const ownerId = readText(body, 'ownerId', 64) || null
  const area = text('area', 'Area')
  const group = text('group', 'Group')
  const team = text('team', 'Team')
  const uses = readChoices(body, 'uses').chosen
  if (!kind) return undefined
  return { kind, name, purpose, parentId, ownerId, area, group, team, uses }
}

/** A new thing: its details, phase and stage. */
export function readNewProduct(body: unknown): FormResult<NewProduct> {
  const problems = new FormProblems()
  const details = readDetails(body, problems)
  const phase = readChoice(body, 'phase', PHASES)
  if (!phase) problems.add('phase', 'Choose its phase')
  const stage = readChoice(body, 'stage', STAGES)
  if (!stage) problems.add('stage', 'Choose its lifecycle stage')
  const value = details && phase && stage ? { ...details, phase, stage } : undefined
  return problems.result(PRODUCT_FIELDS, value, body)
}

/** A change to a thing's details (phase and stage move on their own form, with a reason). */
export function readProductDetails(body: unknown): FormResult<ProductDetails> {
  const problems = new FormProblems()
  const details = readDetails(body, problems)
  return problems.result(PRODUCT_FIELDS, details, body)
}

export function readVersion(body: unknown): number {
  const n = Number(readText(body, 'version', 12))
  return Number.isInteger(n) && n >= 0 ? n : -1
}

/** A move of phase or stage: where to, when, and why. */
export function readMove(body: unknown, axis: 'phase' | 'stage', today: string): FormResult<MoveRequest> {
  const problems = new FormProblems()
  const options: readonly string[] = axis === 'phase' ? PHASES : STAGES
  const to = readChoice(body, 'to', options)
  if (!to)
    problems.add('to', axis === 'phase' ? 'Choose the phase it has moved to' : 'Choose the stage it has moved to')
  const movedOn = problems.date(
    'movedOn',
    readDateInput(body, 'movedOn', {
      label: 'The date it moved',
      required: true,
      enter: 'the date it moved',
      limits: [{ max: today, message: 'The date it moved must be today or in the past' }],
    }),
  )
  const reason = readText(body, 'reason')
  if (reason === '') problems.add('reason', 'Enter why it moved')
  else if (reason.length > 2000) problems.add('reason', 'Why it moved must be 2,000 characters or fewer')
  const value = to && movedOn ? { axis, to, movedOn, reason } : undefined
  return problems.result(MOVE_FIELDS, value, body)
}

/** The catalogue's query string: anything unexpected is ignored rather than refused. */
const querySchema = z.object({
  kind: z.enum(PRODUCT_KINDS).optional().catch(undefined),
  phase: z.enum(PHASES).optional().catch(undefined),
  area: z.string().max(120).optional().catch(undefined),
  owner: z.string().max(64).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
})

export function readCatalogueQuery(query: unknown): { filter: ProductFilter; page: number; q: string } {
  const parsed = querySchema.parse(typeof query === 'object' && query !== null ? query : {})
  const text = (v: string | undefined) => (typeof v === 'string' ? v.trim() : '')
  const filter: ProductFilter = {}
  if (parsed.kind) filter.kind = parsed.kind as ProductKind
  if (parsed.phase) filter.phase = parsed.phase as Phase
  if (text(parsed.area)) filter.area = text(parsed.area)
  if (text(parsed.owner)) filter.ownerId = text(parsed.owner)
  if (text(parsed.q)) filter.q = text(parsed.q)
  return { filter, page: parsed.page ?? 1, q: text(parsed.q) }
}

export const catalogueQuery = {
  type: 'object',
  properties: Object.fromEntries(
    ['kind', 'phase', 'area', 'owner', 'q', 'page'].map(n => [n, { type: 'string', maxLength: 200 }]),
  ),
} as const
