// Decisions' domain: a proposal, the assumptions behind it, how confident the team is, the value it
// expects, and the decision with why. "No" is as much a decision as "yes": a reasoned no is
// recorded the same way, and any decision can be revisited later as a new decision that says
// what has changed.

export const OUTCOMES = ['yes', 'no', 'not-yet'] as const
export type Outcome = (typeof OUTCOMES)[number]
export const OUTCOME_LABELS: Record<Outcome, string> = { yes: 'Yes', no: 'No', 'not-yet': 'Not yet' }
export const OUTCOME_HINTS: Record<Outcome, string> = {
  yes: 'Go ahead with the proposal.',
  no: 'Do not go ahead. Say why, so the reasons can be checked later.',
  'not-yet': 'Wait: say what you need to learn or see first.',
}

export const CONFIDENCES = ['low', 'medium', 'high'] as const
export type Confidence = (typeof CONFIDENCES)[number]
export const CONFIDENCE_LABELS: Record<Confidence, string> = { low: 'Low', medium: 'Medium', high: 'High' }

/** What the decision form gives. */
export interface DecisionInput {
  title: string
  proposal: string
  assumptions: string
  confidence: Confidence
  expectedValue: string
  outcome: Outcome
  reasoning: string
  decidedOn: string
  optionId: string | null
}

/** A revisit: a new decision, with what has changed since the earlier one. */
export interface RevisitInput extends DecisionInput {
  whatChanged: string
}

export interface Decision extends DecisionInput {
  id: string
  productId: string
  /** The title of the prioritisation option it is about, when it names one that still exists. */
  optionTitle: string | null
  /** The earlier decision this one revisits. */
  revisitsId: string | null
  /** The later decision that revisited this one. */
  revisitedById: string | null
  whatChanged: string
  createdAt: string
  createdByName: string
  updatedAt: string
  updatedByName: string
  version: number
}
