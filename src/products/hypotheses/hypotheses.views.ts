// Presenters for hypotheses: the statement as a sentence, the list by state, the forms' choices,
// and the hypotheses' part of the strategy page, its flags and its export.
import { formatDate } from '../../platform/dates.ts'
import { datePartsOf, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { formatValue } from '../metrics/metrics.views.ts'
import type { Metric } from '../metrics/metrics.types.ts'
import { DECISION_LABELS, type RoadmapItem } from '../roadmap/roadmap.types.ts'
import type { MarkdownSection } from '../strategy.markdown.ts'
import type { StrategyFlag, StrategyPart } from '../strategy.ts'
import { isOverdue } from './hypotheses.service.ts'
import { RESULT_LABELS, RESULTS, type Hypothesis, type Result } from './hypotheses.types.ts'

export const hypothesesHref = (productId: string, rest = '') => `/products/${productId}/hypotheses${rest}`
export const hypothesisHref = (productId: string, id: string, rest = '') => hypothesesHref(productId, `/${id}${rest}`)

const RESULT_CLASSES: Record<Result, string> = {
  passed: 'govuk-tag--green',
  failed: 'govuk-tag--red',
  inconclusive: 'govuk-tag--yellow',
}

/** "We believe … for … will … We will know when … reaches … by …." */
export function statement(h: Hypothesis): { belief: string; measure: string } {
  const metric = h.metricName ?? 'a metric that has been removed'
  return {
    belief: `We believe ${h.change} for ${h.audience} will ${h.outcome}.`,
    measure: `We will know when ${metric} reaches ${formatValue(h.target, h.metricUnit)} by ${formatDate(h.byDate)}.`,
  }
}

/** A hypothesis's state: its result, or open (and whether its date has passed). */
export function stateTag(h: Hypothesis, today: string) {
  if (h.result) return { text: RESULT_LABELS[h.result], classes: RESULT_CLASSES[h.result] }
  return isOverdue(h, today)
    ? { text: 'Open, past its date', classes: 'govuk-tag--orange' }
    : { text: 'Open', classes: 'govuk-tag--blue' }
}

export function hypothesisCard(h: Hypothesis, productId: string, today: string) {
  return {
    id: h.id,
    href: hypothesisHref(productId, h.id),
    ...statement(h),
    tag: stateTag(h, today),
    itemProblem: h.roadmapItemProblem,
    itemHref: h.roadmapItemId ? `/products/${productId}/roadmap/${h.roadmapItemId}` : null,
  }
}

/** The list page: open ones first (soonest date first), then those with a result. */
export function hypothesesView(list: readonly Hypothesis[], productId: string, today: string) {
  return {
    open: list.filter(h => h.result === null).map(h => hypothesisCard(h, productId, today)),
    decided: list
      .filter(h => h.result !== null)
      .sort((a, b) => (b.resultAt ?? '').localeCompare(a.resultAt ?? ''))
      .map(h => hypothesisCard(h, productId, today)),
  }
}

export function hypothesisValues(h: Hypothesis): FormValues {
  const parts = datePartsOf(h.byDate)
  return {
    change: h.change,
    audience: h.audience,
    outcome: h.outcome,
    metricId: h.metricId ?? '',
    target: String(h.target),
    'byDate-day': parts.day,
    'byDate-month': parts.month,
    'byDate-year': parts.year,
    roadmapItemId: h.roadmapItemId ?? '',
    version: String(h.version),
  }
}

export function hypothesisFormView(
  values: FormValues,
  metrics: readonly Metric[],
  items: readonly RoadmapItem[],
  errors?: FormErrors,
) {
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '')
  return {
    values,
    errors,
    metricItems: [
      { value: '', text: 'Choose a metric', selected: v('metricId') === '' },
      ...metrics.map(m => ({ value: m.id, text: m.name, selected: v('metricId') === m.id })),
    ],
    itemItems: [
      { value: '', text: 'None', selected: v('roadmapItemId') === '' },
      ...items.map(i => ({ value: i.id, text: i.problem, selected: v('roadmapItemId') === i.id })),
    ],
    byDate: { day: v('byDate-day'), month: v('byDate-month'), year: v('byDate-year') },
  }
}

export function resultFormView(values: FormValues, errors?: FormErrors) {
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '')
  const hints: Record<Result, string> = {
    passed: 'The metric reached the target by the date.',
    failed: 'The metric did not reach the target by the date.',
    inconclusive: 'The evidence does not say either way.',
  }
  const decisionHints = {
    keep: 'Leave the item on the roadmap as it is.',
    change: 'Keep it, and change its problem, outcome or metric next.',
    drop: 'Take it off the roadmap. It stays in the list of dropped items.',
  }
  return {
    values,
    errors,
    resultItems: RESULTS.map(r => ({
      value: r,
      text: RESULT_LABELS[r],
      hint: { text: hints[r] },
      checked: v('result') === r,
    })),
    decisionItems: (['keep', 'change', 'drop'] as const).map(d => ({
      value: d,
      text: DECISION_LABELS[d],
      hint: { text: decisionHints[d] },
      checked: v('decision') === d,
    })),
  }
}

/** The hypotheses' part of the strategy page: how many are open, passed and failed. */
export function hypothesesPart(list: readonly Hypothesis[], productId: string, today: string): StrategyPart {
  const count = (r: Result | null) => list.filter(h => h.result === r).length
  const overdue = list.filter(h => isOverdue(h, today)).length
  const latest = list.reduce<Hypothesis | null>((a, h) => (!a || h.updatedAt > a.updatedAt ? h : a), null)
  return {
    slug: 'hypotheses',
    name: 'Hypotheses',
    purpose: 'What the team believes a change will do, and the metric, target and date that will show it.',
    href: hypothesesHref(productId),
    empty: list.length === 0,
    lines: [
      `Open: ${count(null)}`,
      `Passed: ${count('passed')}`,
      `Failed: ${count('failed')}`,
      ...(count('inconclusive') ? [`Inconclusive: ${count('inconclusive')}`] : []),
    ],
    notes: overdue
      ? [
          `${overdue} open ${overdue === 1 ? 'hypothesis is' : 'hypotheses are'} past ${overdue === 1 ? 'its' : 'their'} date.`,
        ]
      : [],
    updatedAt: latest?.updatedAt ?? null,
    updatedByName: latest ? (latest.resultByName ?? latest.createdByName) : null,
  }
}

/** A flag for each hypothesis past its date with no result. */
export function hypothesesFlags(
  list: readonly Pick<Hypothesis, 'id' | 'change' | 'byDate' | 'result'>[],
  productId: string,
  today: string,
): StrategyFlag[] {
  return list
    .filter(h => isOverdue(h, today))
    .map(h => ({
      text: `A hypothesis is past its date of ${formatDate(h.byDate)} with no result: ${shorten(h.change)}`,
      href: hypothesisHref(productId, h.id),
    }))
}

const shorten = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text)

/** The hypotheses for the Markdown export. */
export function hypothesesMarkdown(list: readonly Hypothesis[]): MarkdownSection {
  const one = (t: string) => t.replace(/\s*\n\s*/g, ' ')
  const lines: string[] = []
  if (list.length === 0) lines.push('None yet.')
  for (const h of list) {
    const s = statement(h)
    const state = h.result ? RESULT_LABELS[h.result] : 'Open'
    lines.push(`- **${state}.** ${one(s.belief)} ${one(s.measure)}`)
    if (h.result) {
      lines.push(`  Evidence: ${one(h.evidence)}`)
      if (h.decision) lines.push(`  Decision on the roadmap item: ${DECISION_LABELS[h.decision].toLowerCase()}.`)
    }
  }
  return { heading: 'Hypotheses', lines: [...lines, ''] }
}
