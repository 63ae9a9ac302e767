// Presenters for strategy reviews: the list, one review with its decisions, the review form's
// choices (the thing's team as checkboxes, anyone else in Valuekit from lists), the strategy
// page's summary and flag, and the Markdown export.
import { formatDate } from '../../platform/dates.ts'
import { datePartsOf, readChoices, readDateParts, readText, type FormValues } from '../../platform/forms.ts'
import { decisionHref, outcomeTag } from '../decisions/decisions.views.ts'
import { OUTCOME_LABELS } from '../decisions/decisions.types.ts'
import type { StrategyFlag, StrategyPart } from '../strategy.ts'
import { MORE_PEOPLE } from './reviews.schemas.ts'
import { reviewDue } from './reviews.service.ts'
import {
  REVIEW_DUE_DAYS,
  REVIEW_PARTS,
  partName,
  type Attendee,
  type Review,
  type ReviewWithDecisions,
  type TakenAt,
} from './reviews.types.ts'

export const reviewsHref = (productId: string, rest = '') => `/products/${productId}/reviews${rest}`
export const reviewHref = (productId: string, id: string, rest = '') => reviewsHref(productId, `/${id}${rest}`)

const lines = (text: string) =>
  text
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean)

/** Who came, in words: people in Valuekit, then the others named. */
export function whoCame(review: Pick<Review, 'attendees' | 'others'>): string[] {
  return [...review.attendees.map(a => a.name), ...lines(review.others)]
}

export function reviewsListView(reviews: readonly (Review & { decisionCount: number })[]) {
  return reviews.map(r => ({
    href: reviewHref(r.productId, r.id),
    heldOn: formatDate(r.heldOn),
    people: whoCame(r).length,
    parts: r.parts.map(partName).join(', '),
    decisions: r.decisionCount,
  }))
}

export function reviewView(review: ReviewWithDecisions) {
  return {
    review,
    heldOn: formatDate(review.heldOn),
    attendees: review.attendees.map(a => ({ name: a.name, href: `/people/${a.id}` })),
    others: lines(review.others),
    parts: review.parts.map(partName),
    decisions: review.decisions.map(({ decision, changed }) => ({
      id: decision.id,
      title: decision.title,
      href: decisionHref(decision.productId, decision.id),
      outcome: outcomeTag(decision.outcome),
      decidedOn: formatDate(decision.decidedOn),
      changed,
      unlinkHref: reviewHref(review.productId, review.id, `/decisions/${decision.id}/unlink`),
    })),
    editHref: reviewHref(review.productId, review.id, '/edit'),
    linkHref: reviewHref(review.productId, review.id, '/link'),
    newDecisionHref: reviewHref(review.productId, review.id, '/decisions/new'),
  }
}

/** The review form's starting values from a saved review. */
export function reviewValues(review: Review, teamIds: readonly string[]): FormValues {
  const date = datePartsOf(review.heldOn)
  const team = new Set(teamIds)
  const values: FormValues = {
    'heldOn-day': date.day,
    'heldOn-month': date.month,
    'heldOn-year': date.year,
    attendees: review.attendees.filter(a => team.has(a.id)).map(a => a.id),
    others: review.others,
    parts: review.parts,
    notes: review.notes,
    version: String(review.version),
  }
  review.attendees
    .filter(a => !team.has(a.id))
    .slice(0, MORE_PEOPLE)
    .forEach((a, i) => {
      values[`attendee-${i}`] = a.id
    })
  return values
}

/**
 * The review form's choices: the thing's team as checkboxes, lists of everyone else in Valuekit
 * (one per person chosen so far, and two more), and the parts of the strategy.
 */
export function reviewFormView(
  values: FormValues,
  team: readonly Attendee[],
  people: readonly Attendee[],
  today: string,
) {
  const typed = readDateParts(values, 'heldOn')
  const chosenTeam = new Set(readChoices(values, 'attendees').chosen)
  const extra: string[] = []
  for (let i = 0; i < MORE_PEOPLE; i++) {
    const id = readText(values, `attendee-${i}`, 64)
    if (id) extra.push(id)
  }
  const lists = Math.min(MORE_PEOPLE, Math.max(2, extra.length + 1))
  const parts = new Set(readChoices(values, 'parts').chosen)
  return {
    values,
    heldOn: typed.day || typed.month || typed.year || 'heldOn-day' in values ? typed : datePartsOf(today),
    teamItems: team.map(p => ({ value: p.id, text: p.name, checked: chosenTeam.has(p.id) })),
    moreLists: Array.from({ length: lists }, (_, i) => ({
      id: `attendee-${i}`,
      label: lists > 1 ? `Someone else from Valuekit (${i + 1})` : 'Someone else from Valuekit',
      items: [
        { value: '', text: 'Choose someone', selected: !extra[i] },
        ...people.map(p => ({ value: p.id, text: p.name, selected: extra[i] === p.id })),
      ],
    })),
    partItems: REVIEW_PARTS.map(p => ({ value: p.slug, text: p.name, checked: parts.has(p.slug) })),
  }
}

/** The reviews a decision was taken at, for the decision's page. */
export function takenAtView(productId: string, takenAt: readonly TakenAt[]) {
  return takenAt.map(t => ({
    href: reviewHref(productId, t.reviewId),
    heldOn: formatDate(t.heldOn),
    changed: t.changed,
  }))
}

export function reviewsPart(productId: string, reviews: readonly (Review & { decisionCount: number })[]): StrategyPart {
  const last = reviews[0]
  return {
    slug: 'reviews',
    name: 'Strategy reviews',
    purpose:
      'A regular meeting, apart from sprint ceremonies, to look at the whole strategy and record what was decided.',
    href: reviewsHref(productId),
    empty: !last,
    lines: last
      ? [
          `Last review: ${formatDate(last.heldOn)}, with ${whoCame(last).length === 1 ? '1 person' : `${whoCame(last).length} people`}`,
          `Looked at: ${last.parts.map(partName).join(', ')}`,
        ]
      : [],
    notes: last
      ? [
          `${reviews.length === 1 ? '1 review' : `${reviews.length} reviews`} recorded; ${last.decisionCount === 1 ? '1 decision' : `${last.decisionCount} decisions`} taken at the last one`,
        ]
      : [],
    updatedAt: last?.updatedAt ?? null,
    updatedByName: last?.updatedByName ?? null,
  }
}

export function reviewFlags(productId: string, lastHeldOn: string | null, today: string): StrategyFlag[] {
  const due = reviewDue(lastHeldOn, today)
  if (!due.due) return []
  return [
    {
      text:
        due.days === null
          ? 'No strategy review has been held yet'
          : `No strategy review for ${REVIEW_DUE_DAYS} days: the last was on ${formatDate(lastHeldOn)}`,
      href: reviewsHref(productId, '/new'),
    },
  ]
}

export function reviewsMarkdown(reviews: readonly ReviewWithDecisions[], text: (t: string) => string): string[] {
  if (reviews.length === 0) return ['No strategy reviews recorded yet.']
  const out: string[] = []
  for (const r of reviews) {
    out.push(`### ${formatDate(r.heldOn)}`, '')
    out.push(`- **Who came:** ${whoCame(r).map(text).join(', ')}`)
    out.push(`- **Looked at:** ${r.parts.map(partName).join(', ')}`)
    for (const d of r.decisions)
      out.push(
        `- **Decision:** ${text(d.decision.title)} (${OUTCOME_LABELS[d.decision.outcome].toLowerCase()}). Changed: ${text(d.changed)}`,
      )
    out.push('')
    if (r.notes) out.push(text(r.notes), '')
  }
  return out
}
