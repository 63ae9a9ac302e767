// A thing's hypotheses: "We believe <change> for <audience> will <outcome>. We will know when
// <metric> reaches <target> by <date>." The result is recorded with its evidence and, when the
// hypothesis belongs to a roadmap item, with the decision taken on that item.
import type { Decision } from '../roadmap/roadmap.types.ts'

export const RESULTS = ['passed', 'failed', 'inconclusive'] as const
export type Result = (typeof RESULTS)[number]
export const RESULT_LABELS: Record<Result, string> = {
  passed: 'Passed',
  failed: 'Failed',
  inconclusive: 'Inconclusive',
}

export interface Hypothesis {
  id: string
  productId: string
  change: string
  audience: string
  outcome: string
  metricId: string | null
  metricName: string | null
  metricUnit: string
  target: number
  byDate: string
  roadmapItemId: string | null
  roadmapItemProblem: string | null
  result: Result | null
  evidence: string
  decision: Decision | null
  resultAt: string | null
  resultByName: string | null
  createdAt: string
  createdByName: string
  updatedAt: string
  version: number
}

/** What the hypothesis form gives the service. */
export interface HypothesisDetails {
  change: string
  audience: string
  outcome: string
  metricId: string
  target: number
  byDate: string
  roadmapItemId: string | null
}

/** A result as recorded: the decision is needed when the hypothesis belongs to a roadmap item. */
export interface ResultInput {
  result: Result
  evidence: string
  decision: Decision | null
  decisionNote: string
}
