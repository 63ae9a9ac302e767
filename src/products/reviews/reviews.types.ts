// Strategy reviews' domain: a regular meeting about a thing's strategy, held apart from sprint
// ceremonies, with who came, which parts of the strategy it looked at, notes, and the decisions
// taken at it with what each changed.
import type { Decision } from '../decisions/decisions.types.ts'

/** The parts of a strategy a review can look at. */
export const REVIEW_PARTS = [
  { slug: 'problem-statement', name: 'Problem statement' },
  { slug: 'value-proposition-canvas', name: 'Value proposition canvas' },
  { slug: 'business-model-canvas', name: 'Business model canvas' },
  { slug: 'vision-board', name: 'Product vision board' },
  { slug: 'team-onion', name: 'Team onion' },
  { slug: 'roadmap', name: 'Roadmap' },
  { slug: 'metrics', name: 'Metrics' },
  { slug: 'prioritisation', name: 'Prioritisation of options' },
  { slug: 'backlog-balance', name: 'Balance of backlog work' },
  { slug: 'decisions', name: 'Earlier decisions' },
] as const
export const REVIEW_PART_SLUGS: readonly string[] = REVIEW_PARTS.map(p => p.slug)
export const partName = (slug: string): string => REVIEW_PARTS.find(p => p.slug === slug)?.name ?? slug

/** How long a strategy can go without a review before the strategy page says so. */
export const REVIEW_DUE_DAYS = 90

/** What the review form gives. */
export interface ReviewInput {
  heldOn: string
  /** People in Valuekit who came. */
  attendeeIds: string[]
  /** Others who came, one a line. */
  others: string
  parts: string[]
  notes: string
}

export interface Attendee {
  id: string
  name: string
}

export interface Review {
  id: string
  productId: string
  heldOn: string
  attendees: Attendee[]
  others: string
  parts: string[]
  notes: string
  createdAt: string
  createdByName: string
  updatedAt: string
  updatedByName: string
  version: number
}

/** A decision taken at a review, with what it changed. */
export interface ReviewDecision {
  decision: Decision
  changed: string
}

/** A review with its decisions. */
export interface ReviewWithDecisions extends Review {
  decisions: ReviewDecision[]
}

/** A review a decision was taken at, as the decision's page shows it. */
export interface TakenAt {
  reviewId: string
  heldOn: string
  changed: string
}
