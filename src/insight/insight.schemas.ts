// Insight's forms and query strings: the insight form (every problem at once, in page order), a
// tag, the choice of a duplicate to merge, the idea form and the backlog's filters.
import { FormProblems, readChoice, readDateInput, readText, type FormResult } from '../platform/forms.ts'
import {
  INSIGHT_KINDS,
  ORIGINS,
  type BacklogFilter,
  type IdeaInput,
  type InsightInput,
  type TagInput,
} from './insight.types.ts'

export const INSIGHT_FIELDS = ['title', 'kind', 'source', 'observedOn', 'evidence', 'itemId']
export const IDEA_FIELDS = ['title', 'description', 'itemId']
export const TITLE_MAX = 150
export const SOURCE_MAX = 200
export const LONG_MAX = 4000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An id from a form field, or null when it is empty or not an id. */
export function readId(body: unknown, name: string): string | null {
  const text = readText(body, name, 64)
  return UUID.test(text) ? text.toLowerCase() : null
}

function readLong(body: unknown, problems: FormProblems, name: string, label: string, enter: string): string {
  const value = readText(body, name)
  if (value === '') problems.add(name, enter)
  else if (value.length > LONG_MAX)
    problems.add(name, `${label} must be ${LONG_MAX.toLocaleString('en-GB')} characters or fewer`)
  return value
}

/**
 * The insight form. `itemIds` are the problems the form offered (those of the thing it is being
 * tagged to); an empty choice means none.
 */
export function readInsight(
  body: unknown,
  o: { today: string; itemIds?: readonly string[] },
): FormResult<InsightInput & { itemId: string | null }> {
  const problems = new FormProblems()
  const title = readText(body, 'title')
  if (title === '') problems.add('title', 'Enter what was learned, in a sentence')
  else if (title.length > TITLE_MAX) problems.add('title', `The summary must be ${TITLE_MAX} characters or fewer`)
  const kind = readChoice(body, 'kind', INSIGHT_KINDS)
  if (!kind) problems.add('kind', 'Choose what kind of insight it is')
  const source = readText(body, 'source')
  if (source === '') problems.add('source', 'Enter where it came from')
  else if (source.length > SOURCE_MAX) problems.add('source', `The source must be ${SOURCE_MAX} characters or fewer`)
  const observedOn = problems.date(
    'observedOn',
    readDateInput(body, 'observedOn', {
      label: 'The date it was learned',
      enter: 'the date it was learned',
      limits: [{ max: o.today, message: 'The date it was learned must be today or in the past' }],
    }),
  )
  const evidence = readLong(
    body,
    problems,
    'evidence',
    'The evidence',
    'Enter the evidence: what was seen, heard or measured',
  )
  const itemText = readText(body, 'itemId', 64)
  const itemId = itemText === '' ? null : itemText
  if (itemId !== null && !(o.itemIds ?? []).includes(itemId)) problems.add('itemId', 'Choose a problem from the list')
  const value = kind && observedOn ? { title, kind, source, observedOn, evidence, itemId } : undefined
  return problems.result(INSIGHT_FIELDS, value, body)
}

/** A tag to add or remove: a thing, and optionally a problem on its roadmap. */
export function readTag(body: unknown): TagInput | null {
  const productId = readId(body, 'productId')
  if (!productId) return null
  return { productId, itemId: readId(body, 'itemId') }
}

/** The duplicate chosen on the merge page, with the version of each that the page showed. */
export function readMerge(
  body: unknown,
): { duplicateId: string; duplicateVersion: number; keptVersion: number } | null {
  const duplicateId = readId(body, 'duplicateId')
  if (!duplicateId) return null
  const version = (name: string) => {
    const n = Number(readText(body, name, 12))
    return Number.isInteger(n) && n >= 0 ? n : -1
  }
  return { duplicateId, duplicateVersion: version(`version-${duplicateId}`), keptVersion: version('version') }
}

/** The idea form: `itemIds` are the problems it offered. */
export function readIdea(body: unknown, o: { itemIds: readonly string[] }): FormResult<IdeaInput> {
  const problems = new FormProblems()
  const title = readText(body, 'title')
  if (title === '') problems.add('title', 'Enter the idea in a few words')
  else if (title.length > TITLE_MAX) problems.add('title', `The idea’s name must be ${TITLE_MAX} characters or fewer`)
  const description = readLong(body, problems, 'description', 'The description', 'Describe the idea')
  const itemText = readText(body, 'itemId', 64)
  const itemId = itemText === '' ? null : itemText
  if (itemId !== null && !o.itemIds.includes(itemId)) problems.add('itemId', 'Choose a problem from the list')
  return problems.result(IDEA_FIELDS, { title, description, itemId }, body)
}

/** The backlog's query string (checked by the route's schema first). */
export const backlogQuery = {
  type: 'object',
  properties: {
    q: { type: 'string', maxLength: 200 },
    kind: { type: 'string', maxLength: 20 },
    product: { type: 'string', maxLength: 64 },
    thing: { type: 'string', maxLength: 200 },
    item: { type: 'string', maxLength: 64 },
    origin: { type: 'string', maxLength: 20 },
    page: { type: 'string', maxLength: 6 },
  },
} as const

export interface BacklogQuery {
  q?: string
  kind?: string
  product?: string
  thing?: string
  item?: string
  origin?: string
  page?: string
}

/** The filter a backlog query asks for; anything not offered is ignored. */
export function backlogFilter(query: BacklogQuery): BacklogFilter {
  const filter: BacklogFilter = {}
  const q = (query.q ?? '').trim()
  if (q) filter.q = q
  const kind = INSIGHT_KINDS.find(k => k === query.kind)
  if (kind) filter.kind = kind
  const origin = ORIGINS.find(k => k === query.origin)
  if (origin) filter.origin = origin
  if (query.product && UUID.test(query.product)) filter.productId = query.product.toLowerCase()
  const thing = (query.thing ?? '').trim().replace(/\s+/g, ' ')
  if (thing && !filter.productId) filter.thing = thing
  if (query.item && UUID.test(query.item)) filter.itemId = query.item.toLowerCase()
  return filter
}

export const pageNumber = (page: string | undefined) => {
  const n = Number(page ?? '1')
  return Number.isInteger(n) && n > 0 ? n : 1
}

/** A search box on a page (find a thing to tag, a duplicate to merge, insight behind an idea). */
export const findQuery = {
  type: 'object',
  properties: { find: { type: 'string', maxLength: 200 } },
} as const
