// Presenters for the catalogue and the strategy page: pure functions from what the services give
// to what the templates show. No policy and no database here; `can` flags come from the handler.
import { formatDate } from '../platform/dates.ts'
import type { FormErrors, FormValues } from '../platform/forms.ts'
import { pagination } from '../platform/pagination.ts'
import type { StrategyDocument } from './documents.service.ts'
import type { CataloguePage } from './products.service.ts'
import {
  PHASE_LABELS,
  PHASES,
  PRODUCT_KIND_HINTS,
  PRODUCT_KIND_LABELS,
  PRODUCT_KINDS,
  STAGE_LABELS,
  STAGES,
  type CatalogueChoices,
  type Phase,
  type Product,
  type ProductFilter,
  type ProductLink,
  type ProductMove,
} from './products.types.ts'

export const productHref = (id: string, rest = '') => `/products/${id}${rest}`

type Option = { value: string; text: string; selected?: boolean }
const options = (
  all: readonly { value: string; text: string }[],
  chosen: string | undefined,
  anyText: string,
): Option[] => [
  { value: '', text: anyText, selected: !chosen },
  ...all.map(o => ({ ...o, selected: o.value === chosen })),
]

/** The catalogue: filters as chosen, a row per thing, page links. */
export function catalogueView(result: CataloguePage, filter: ProductFilter, choices: CatalogueChoices) {
  const query = (page: number) => {
    const params = new URLSearchParams()
    if (filter.q) params.set('q', filter.q)
    if (filter.kind) params.set('kind', filter.kind)
    if (filter.phase) params.set('phase', filter.phase)
    if (filter.area) params.set('area', filter.area)
    if (filter.ownerId) params.set('owner', filter.ownerId)
    if (page > 1) params.set('page', String(page))
    const text = params.toString()
    return text ? `/products?${text}` : '/products'
  }
  return {
    q: filter.q ?? '',
    filtered: Boolean(filter.q || filter.kind || filter.phase || filter.area || filter.ownerId),
    kindItems: options(
      PRODUCT_KINDS.map(k => ({ value: k, text: PRODUCT_KIND_LABELS[k] })),
      filter.kind,
      'Any kind',
    ),
    phaseItems: options(
      PHASES.map(p => ({ value: p, text: PHASE_LABELS[p] })),
      filter.phase,
      'Any phase',
    ),
    areaItems: options(
      choices.areas.map(a => ({ value: a, text: a })),
      filter.area,
      'Any area',
    ),
    ownerItems: options(
      choices.owners.map(o => ({ value: o.id, text: o.name })),
      filter.ownerId,
      'Anyone',
    ),
    total: result.total,
    rows: result.items.map(p => ({
      id: p.id,
      href: productHref(p.id),
      name: p.name,
      purpose: p.purpose,
      kind: PRODUCT_KIND_LABELS[p.kind],
      phase: PHASE_LABELS[p.phase],
      stage: STAGE_LABELS[p.stage],
      area: p.area,
      ownerName: p.ownerName,
      parentName: p.parentName,
      example: p.example,
    })),
    pagination: pagination({ page: result.page, pages: result.pages, href: query }),
  }
}

export interface ProductFormChoices {
  services: ProductLink[]
  usable: ProductLink[]
  owners: { id: string; name: string }[]
  areas: string[]
  groups: string[]
}

/** Form values for a saved thing. */
export function productValues(p: Product, uses: readonly ProductLink[]): FormValues {
  return {
    kind: p.kind,
    name: p.name,
    purpose: p.purpose,
    parentId: p.parentId ?? '',
    ownerId: p.ownerId ?? '',
    area: p.area,
    group: p.group,
    team: p.team,
    phase: p.phase,
    stage: p.stage,
    uses: uses.map(u => u.id),
    version: String(p.version),
  }
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : [])

/** The thing's form: radios, selects and checkboxes with what was chosen. */
export function productFormView(
  mode: 'new' | 'edit',
  values: FormValues,
  choices: ProductFormChoices,
  errors?: FormErrors,
) {
  const chosen = (name: string) => String(values[name] ?? '')
  const uses = list(values.uses)
  return {
    mode,
    values,
    errors,
    kindItems: PRODUCT_KINDS.map(k => ({
      value: k,
      text: PRODUCT_KIND_LABELS[k],
      hint: { text: PRODUCT_KIND_HINTS[k] },
      checked: chosen('kind') === k,
    })),
    parentItems: [
      { value: '', text: 'Choose a service' },
      ...choices.services
        .filter(s => s.id !== values.id)
        .map(s => ({ value: s.id, text: s.name, selected: s.id === chosen('parentId') })),
    ],
    ownerItems: [
      { value: '', text: 'Nobody yet' },
      ...choices.owners.map(o => ({ value: o.id, text: o.name, selected: o.id === chosen('ownerId') })),
    ],
    phaseItems: PHASES.map(p => ({ value: p, text: PHASE_LABELS[p], checked: chosen('phase') === p })),
    stageItems: STAGES.map(s => ({ value: s, text: STAGE_LABELS[s], checked: chosen('stage') === s })),
    useItems: choices.usable.map(u => ({
      value: u.id,
      text: `${u.name} (${PRODUCT_KIND_LABELS[u.kind].toLowerCase()})`,
      checked: uses.includes(u.id),
    })),
    areas: choices.areas,
    groups: choices.groups,
  }
}

/** What each phase asks of a thing in it, shown on its strategy page. */
export const PHASE_GUIDANCE: Record<Phase, { heading: string; lines: string[] }> = {
  discovery: {
    heading: 'In discovery: test what you think the problem is',
    lines: [
      'Find out who your users are and what they need, and whether there is a problem worth solving.',
      'Do not build the service yet. It is fine to stop here if there is no problem to solve.',
    ],
  },
  alpha: {
    heading: 'In alpha: test ideas for solving the problem',
    lines: [
      'Try different ways of meeting users’ needs with prototypes, and throw away what does not work.',
      'Show you have found a fit between the problem and a solution before you move to beta.',
      'An assessment against the Service Standard is due at the end of alpha.',
    ],
  },
  beta: {
    heading: 'In beta: build it and test that it works for real users',
    lines: [
      'Show a beta banner with a way to give feedback, and keep the existing route open until this one works.',
      'Measure how it performs against your metrics and improve it as you learn.',
      'Assessments are due before public beta and before going live.',
    ],
  },
  live: {
    heading: 'Live: keep improving the value it gives',
    lines: ['Keep measuring, keep improving, and keep paying down technical debt so it stays easy to change.'],
  },
  retirement: {
    heading: 'In retirement: help users move before it stops',
    lines: ['Keep meeting users’ needs until they have moved to something else, then switch it off.'],
  },
}

/** A dated history of moves, for appHistoryList. */
export function moveItems(moves: readonly ProductMove[]) {
  const label = (axis: 'phase' | 'stage', value: string | null) =>
    value === null
      ? null
      : axis === 'phase'
        ? (PHASE_LABELS[value as Phase] ?? value)
        : (STAGE_LABELS[value as keyof typeof STAGE_LABELS] ?? value)
  return moves.map(m => ({
    title:
      m.from === null
        ? `${m.axis === 'phase' ? 'Phase' : 'Stage'}: started in ${label(m.axis, m.to)}`
        : `${m.axis === 'phase' ? 'Phase' : 'Stage'}: ${label(m.axis, m.from)} to ${label(m.axis, m.to)}`,
    byline: `Recorded by ${m.recordedByName}`,
    datetime: m.movedOn,
    dateText: formatDate(m.movedOn),
    text: m.reason,
  }))
}

/** A document's part of the strategy page. */
export function documentCard(doc: StrategyDocument, productId: string) {
  const summary = doc.version > 0 ? doc.kind.summary(doc.content) : { lines: [], notes: [] }
  return {
    slug: doc.kind.slug,
    name: doc.kind.name,
    purpose: doc.kind.purpose,
    href: productHref(productId, `/${doc.kind.slug}`),
    written: doc.version > 0,
    lines: summary.lines,
    notes: summary.notes ?? [],
    updatedAt: doc.updatedAt,
    updatedByName: doc.updatedByName,
    version: doc.version,
  }
}
