// Presenters for decisions: the list, one decision with its chain of revisits, the form's choices,
// the strategy page's summary and the Markdown export.
import { formatDate } from '../../platform/dates.ts'
import { datePartsOf, readDateParts, type FormValues } from '../../platform/forms.ts'
import type { StrategyPart } from '../strategy.ts'
import type { DecisionChain } from './decisions.service.ts'
import {
  CONFIDENCE_LABELS,
  CONFIDENCES,
  OUTCOME_HINTS,
  OUTCOME_LABELS,
  OUTCOMES,
  type Decision,
  type Outcome,
} from './decisions.types.ts'

export const decisionsHref = (productId: string, rest = '') => `/products/${productId}/decisions${rest}`
export const decisionHref = (productId: string, id: string, rest = '') => decisionsHref(productId, `/${id}${rest}`)

const OUTCOME_TAGS: Record<Outcome, string> = {
  yes: 'govuk-tag--green',
  no: 'govuk-tag--red',
  'not-yet': 'govuk-tag--yellow',
}

/** The outcome as a tag: the word says it; the colour only adds to it. */
export const outcomeTag = (outcome: Outcome) => ({ text: OUTCOME_LABELS[outcome], classes: OUTCOME_TAGS[outcome] })

export function decisionRow(d: Decision) {
  return {
    id: d.id,
    title: d.title,
    href: decisionHref(d.productId, d.id),
    outcome: outcomeTag(d.outcome),
    outcomeText: OUTCOME_LABELS[d.outcome],
    decidedOn: formatDate(d.decidedOn),
    confidence: CONFIDENCE_LABELS[d.confidence],
    revisits: d.revisitsId !== null,
    revisited: d.revisitedById !== null,
  }
}

export function decisionsListView(decisions: readonly Decision[]) {
  return {
    rows: decisions.map(decisionRow),
    total: decisions.length,
    noes: decisions.filter(d => d.outcome === 'no').length,
  }
}

/** One decision: its parts, and the decisions it revisits or that revisit it. */
export function decisionView(chain: DecisionChain) {
  const d = chain.decision
  const link = (x: Decision) => ({
    title: x.title,
    href: decisionHref(x.productId, x.id),
    outcome: OUTCOME_LABELS[x.outcome],
    decidedOn: formatDate(x.decidedOn),
  })
  const previous = chain.earlier.at(-1)
  const next = chain.later[0]
  return {
    decision: d,
    outcome: outcomeTag(d.outcome),
    outcomeText: OUTCOME_LABELS[d.outcome],
    confidence: CONFIDENCE_LABELS[d.confidence],
    decidedOn: formatDate(d.decidedOn),
    optionHref: d.optionId ? `/products/${d.productId}/prioritisation` : null,
    revisits: previous ? link(previous) : null,
    revisitedBy: next ? link(next) : null,
    chain:
      chain.earlier.length + chain.later.length > 0
        ? [...chain.earlier, d, ...chain.later].map(x => ({ ...link(x), current: x.id === d.id }))
        : [],
    revisitHref: next ? null : decisionHref(d.productId, d.id, '/revisit'),
    editHref: decisionHref(d.productId, d.id, '/edit'),
  }
}

/** The form's starting values from a saved decision. */
export function decisionValues(d: Decision): FormValues {
  const date = datePartsOf(d.decidedOn)
  return {
    title: d.title,
    proposal: d.proposal,
    assumptions: d.assumptions,
    confidence: d.confidence,
    expectedValue: d.expectedValue,
    outcome: d.outcome,
    reasoning: d.reasoning,
    'decidedOn-day': date.day,
    'decidedOn-month': date.month,
    'decidedOn-year': date.year,
    optionId: d.optionId ?? '',
    whatChanged: d.whatChanged,
    version: String(d.version),
  }
}

/** The choices of the decision form, with what was typed chosen. */
export function decisionFormView(values: FormValues, options: readonly { id: string; title: string }[], today: string) {
  const typed = readDateParts(values, 'decidedOn')
  const date = typed.day || typed.month || typed.year || 'decidedOn-day' in values ? typed : datePartsOf(today)
  return {
    values,
    decidedOn: date,
    confidenceItems: CONFIDENCES.map(c => ({ value: c, text: CONFIDENCE_LABELS[c], checked: values.confidence === c })),
    outcomeItems: OUTCOMES.map(o => ({
      value: o,
      text: OUTCOME_LABELS[o],
      hint: { text: OUTCOME_HINTS[o] },
      checked: values.outcome === o,
    })),
    optionItems: [
      { value: '', text: 'None', selected: !values.optionId },
      ...options.map(o => ({ value: o.id, text: o.title, selected: values.optionId === o.id })),
    ],
  }
}

export function decisionsPart(
  productId: string,
  summary: { latest: readonly Decision[]; total: number; noes: number },
): StrategyPart {
  const latest = summary.latest[0]
  return {
    slug: 'decisions',
    name: 'Decisions',
    purpose: 'Proposals, the assumptions behind them and what was decided, including a reasoned no.',
    href: decisionsHref(productId),
    empty: summary.total === 0,
    lines: summary.latest.map(d => `${OUTCOME_LABELS[d.outcome]}: ${d.title} (${formatDate(d.decidedOn)})`),
    notes: [
      `${summary.total === 1 ? '1 decision' : `${summary.total} decisions`} recorded, ${summary.noes === 1 ? '1 of them a reasoned no' : `${summary.noes} of them a reasoned no`}`,
    ],
    updatedAt: latest?.updatedAt ?? null,
    updatedByName: latest?.updatedByName ?? null,
  }
}

export function decisionsMarkdown(decisions: readonly Decision[], text: (t: string) => string): string[] {
  if (decisions.length === 0) return ['No decisions recorded yet.']
  const byId = new Map(decisions.map(d => [d.id, d]))
  const out: string[] = []
  for (const d of decisions) {
    out.push(`### ${text(d.title)}`, '')
    out.push(
      `- **Decision:** ${OUTCOME_LABELS[d.outcome]}, on ${formatDate(d.decidedOn)}`,
      `- **Confidence:** ${CONFIDENCE_LABELS[d.confidence]}`,
    )
    if (d.optionTitle) out.push(`- **Option:** ${text(d.optionTitle)}`)
    const earlier = d.revisitsId ? byId.get(d.revisitsId) : undefined
    if (earlier) out.push(`- **Revisits:** ${text(earlier.title)} (${formatDate(earlier.decidedOn)})`)
    out.push('')
    if (d.whatChanged) out.push('**What has changed**', '', text(d.whatChanged), '')
    out.push('**Proposal**', '', text(d.proposal), '', '**Assumptions**', '', text(d.assumptions), '')
    out.push('**Expected value**', '', text(d.expectedValue), '', '**Why**', '', text(d.reasoning), '')
  }
  return out
}
