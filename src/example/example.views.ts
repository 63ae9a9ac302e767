// What the worked example's pages show: how much of it is loaded, and what loading adds.
import { PRODUCT_KIND_LABELS, PRODUCT_KINDS, type ProductKind } from '../products/products.types.ts'
import { EXAMPLE_AREAS, EXAMPLE_PEOPLE, EXAMPLE_THINGS } from './example.data.ts'
import {
  EXAMPLE_BALANCE,
  EXAMPLE_IDEAS,
  EXAMPLE_INSIGHT,
  EXAMPLE_OBJECTIVES,
  EXAMPLE_PUBLICATION,
} from './example.portfolio.data.ts'
import type { ExampleStatus, LoadSummary, RemoveSummary, WiderCounts } from './example.service.ts'

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

const KIND_PLURALS: Record<ProductKind, [string, string]> = {
  service: ['service', 'services'],
  feature: ['feature', 'features'],
  capability: ['capability', 'capabilities'],
  technology: ['piece of technology', 'pieces of technology'],
  data: ['kind of data', 'kinds of data'],
}

/** The things by kind in words, such as "6 services, 4 features and 1 capability". */
export function thingsInWords(things: Partial<Record<ProductKind, number>>): string {
  const parts = PRODUCT_KINDS.filter(kind => (things[kind] ?? 0) > 0).map(kind => {
    const [one, many] = KIND_PLURALS[kind]
    return count(things[kind] ?? 0, one, many)
  })
  if (parts.length === 0) return 'nothing'
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

/** The rest of what the example made, as rows of a summary list: only what there is. */
const WIDER_ROWS: [keyof WiderCounts, string][] = [
  ['strategies', 'Strategies of areas and the organisation'],
  ['objectives', 'Objectives'],
  ['insight', 'Pieces of insight'],
  ['ideas', 'Ideas'],
  ['quarters', 'Quarters of the leadership team’s balance of work'],
]

/** Rows for the summary list of what is loaded now. */
export function statusRows(status: ExampleStatus): { key: { text: string }; value: { text: string } }[] {
  return [
    { key: { text: 'People' }, value: { text: count(status.people, 'example person', 'example people') } },
    ...PRODUCT_KINDS.filter(kind => (status.things[kind] ?? 0) > 0).map(kind => ({
      key: { text: `${PRODUCT_KIND_LABELS[kind]}` },
      value: { text: String(status.things[kind] ?? 0) },
    })),
    ...WIDER_ROWS.filter(([key]) => status[key] > 0).map(([key, text]) => ({
      key: { text },
      value: { text: String(status[key]) },
    })),
  ]
}

/** What loading adds, from the data itself, so the page never promises more or less than it does. */
export function whatLoadingAdds(): string[] {
  const things: Partial<Record<ProductKind, number>> = {}
  for (const thing of EXAMPLE_THINGS) things[thing.kind] = (things[thing.kind] ?? 0) + 1
  const services = EXAMPLE_THINGS.filter(t => t.kind === 'service')
  const assessed = services.filter(t => t.strategy.assessment).length
  const checked = services.filter(t => t.strategy.health?.some(r => !r.open)).length
  return [
    `${count(EXAMPLE_PEOPLE.length, 'product person', 'product people')} in two business areas (${EXAMPLE_AREAS.join(' and ')}), from a head of product to associate product managers, with line managers`,
    `${thingsInWords(things)} at different phases, each with a strategy: problem statement, canvases, vision board and team onion`,
    `for ${services.length === 1 ? 'the service' : `each of the ${count(services.length, 'service', 'services')}`}, metrics measured over the last six months, a roadmap, hypotheses with results, options to prioritise, decisions and strategy reviews${assessed > 0 ? ', with a service assessment being prepared' : ''}${checked > 0 ? ` and team health check results for ${count(checked, 'service', 'services')}` : ''}`,
    'check-ins at every stage, from drafts to agreed levels, and development plans with goals',
    `strategies for both areas and the organisation, and ${count(EXAMPLE_OBJECTIVES.length, 'objective', 'objectives')} for this quarter from the organisation down to services, measured by the services’ own metrics`,
    `${count(EXAMPLE_INSIGHT.length, 'piece', 'pieces')} of user insight tagged to problems on roadmaps, with ${count(EXAMPLE_IDEAS.length, 'idea', 'ideas')}, and the leadership team’s balance of work over ${count(EXAMPLE_BALANCE.length, 'quarter', 'quarters')}`,
    `${EXAMPLE_THINGS.find(t => t.key === EXAMPLE_PUBLICATION.thing)?.name ?? 'a service'}, published in the open with one part held back, and feedback from the public waiting for moderation`,
  ]
}

export const loadedMessage = (summary: LoadSummary): string =>
  `Added ${count(summary.people, 'person', 'people')}, ${count(summary.things, 'thing', 'things')} with ${count(summary.documents, 'strategy document', 'strategy documents')}, ${count(summary.checkins.agreed, 'agreed check-in', 'agreed check-ins')}, ${count(summary.goals, 'development goal', 'development goals')}, ${count(summary.objectives, 'objective', 'objectives')} and ${count(summary.insight, 'piece', 'pieces')} of insight.`

export const removedMessage = (summary: RemoveSummary): string => {
  const list = [
    count(summary.people, 'person', 'people'),
    count(summary.things, 'thing', 'things'),
    ...(summary.objectives > 0 ? [count(summary.objectives, 'objective', 'objectives')] : []),
    ...(summary.insight > 0 ? [count(summary.insight, 'piece of insight', 'pieces of insight')] : []),
    ...(summary.ideas > 0 ? [count(summary.ideas, 'idea', 'ideas')] : []),
    ...(summary.quarters > 0 ? [count(summary.quarters, 'quarter of balance', 'quarters of balance')] : []),
    ...(summary.strategies > 0
      ? [count(summary.strategies, 'area or organisation strategy', 'area and organisation strategies')]
      : []),
  ]
  return `Removed the worked example’s ${list.slice(0, -1).join(', ')} and ${list.at(-1) ?? ''}. Everything else is as it was.`
}
