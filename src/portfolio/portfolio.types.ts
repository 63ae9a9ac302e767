// The portfolio's domain: what the leaders' views show about each thing (its place in its
// lifecycle and the figures of its strategy, rolled up in SQL), and the leadership team's own
// work in the four classes of the portfolio quadrant, planned and done per quarter.
import type { BalanceCounts, WorkClass } from '../products/prioritisation/prioritisation.types.ts'
import type { Phase, ProductKind, Stage } from '../products/products.types.ts'

/** Whose view: a senior product manager's group, a lead's area, or the whole organisation. */
export type Level = 'organisation' | 'area' | 'group'

export interface Scope {
  level: Level
  /** The area of an area or group view. */
  area: string | null
  /** The group of a group view. */
  group: string | null
}

/** A roadmap item waiting in Next. */
export interface NextItem {
  id: string
  problem: string
}

/** One thing's row in a leaders' view: every figure read from the relational records. */
export interface ThingFigures {
  id: string
  name: string
  kind: ProductKind
  phase: Phase
  stage: Stage
  area: string
  group: string
  ownerName: string | null
  roadmap: { now: number; next: number; later: number; nextItems: NextItem[] }
  /** Metrics by where their latest measurement leaves them (the rule of metrics.service's targetStatus). */
  metrics: { onTarget: number; offTarget: number; noTarget: number; unmeasured: number }
  /** Hypotheses with no result yet, and how many of them are past their date. */
  hypotheses: { waiting: number; overdue: number }
  /** This quarter's backlog balance: null when it is not recorded; else the starved classes. */
  starved: WorkClass[] | null
  /** The strategy page's health flags. */
  flags: {
    noProblemStatement: boolean
    /** No strategy review in REVIEW_DUE_DAYS (or none ever). */
    reviewDue: boolean
    lastReviewOn: string | null
    /** A service whose name starts with a noun. */
    nounName: boolean
  }
}

/** The four classes of the portfolio prioritisation quadrant. */
export const PORTFOLIO_CLASSES = ['relationships', 'products', 'dysfunction', 'innovation'] as const
export type PortfolioClass = (typeof PORTFOLIO_CLASSES)[number]
export const PORTFOLIO_CLASS_LABELS: Record<PortfolioClass, string> = {
  relationships: 'Improved client and user relationships',
  products: 'Improve products',
  dysfunction: 'Reduction of organisational dysfunction',
  innovation: 'Organisational innovation',
}
export const PORTFOLIO_CLASS_HINTS: Record<PortfolioClass, string> = {
  relationships: 'Work with the people and organisations you serve: engagement, feedback, trust.',
  products: 'Work that makes the things in the catalogue more valuable.',
  dysfunction: 'Work that removes what slows teams down: hand-offs, approvals, unclear ownership.',
  innovation: 'New ways of working or organising, tried out before they are needed.',
}

export type PortfolioCounts = BalanceCounts<PortfolioClass>

/** The leadership team's work in one quarter. */
export interface PortfolioQuarter {
  id: string
  /** A calendar quarter: 2026-Q4. */
  quarter: string
  counts: PortfolioCounts
  note: string
  updatedAt: string
  updatedByName: string
  version: number
}

/** A quarter as its form shows it: the record, or none yet (version 0). */
export interface PortfolioQuarterRecord {
  quarter: string
  record: PortfolioQuarter | null
  version: number
}
