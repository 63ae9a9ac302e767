// Insight's domain: what the organisation has learned about its users, each piece with its kind,
// source, date and evidence, tagged to things and to problems on their roadmaps; ideas linked to
// the insight behind them. Feedback left by the public arrives held, and shows only once someone
// responsible for the thing has moderated it. A duplicate is merged into the piece that is kept:
// its tags and idea links move across and it stays, marked as merged, for its history.

export const INSIGHT_KINDS = ['research', 'feedback', 'support', 'analytics'] as const
export type InsightKind = (typeof INSIGHT_KINDS)[number]
export const INSIGHT_KIND_LABELS: Record<InsightKind, string> = {
  research: 'Research finding',
  feedback: 'Feedback',
  support: 'Support contact',
  analytics: 'Analytics observation',
}
export const INSIGHT_KIND_HINTS: Record<InsightKind, string> = {
  research: 'From interviews, usability testing, surveys or other user research.',
  feedback: 'Something users told us unprompted, such as through a feedback link.',
  support: 'From calls, emails or tickets to the service desk or a contact centre.',
  analytics: 'Something seen in the data: drop-off, search terms, traffic, errors.',
}

export const ORIGINS = ['team', 'public'] as const
export type Origin = (typeof ORIGINS)[number]

export const STATUSES = ['held', 'published', 'merged'] as const
export type InsightStatus = (typeof STATUSES)[number]

/** The source public feedback is given. */
export const PUBLIC_SOURCE = 'public feedback'
/** Who the audit log and history name for feedback from the public. */
export const PUBLIC_ACTOR_NAME = 'A member of the public'

/** What the insight form gives. */
export interface InsightInput {
  title: string
  kind: InsightKind
  source: string
  observedOn: string
  evidence: string
}

/** A tag: a thing, and optionally a problem on its roadmap. */
export interface TagInput {
  productId: string
  itemId: string | null
}

export interface ThingTag {
  productId: string
  productName: string
}

export interface ProblemTag {
  productId: string
  productName: string
  itemId: string
  problem: string
}

export interface Insight extends InsightInput {
  id: string
  origin: Origin
  status: InsightStatus
  mergedIntoId: string | null
  createdAt: string
  createdById: string | null
  createdByName: string
  updatedAt: string
  updatedByName: string
  version: number
}

/** A piece of insight with everything it is linked to, as its page shows it. */
export interface InsightRecord extends Insight {
  things: ThingTag[]
  problems: ProblemTag[]
  ideas: { id: string; title: string }[]
  mergedIntoTitle: string | null
}

/** A row of the backlog: the insight and the names of the things it is tagged to. */
export interface BacklogRow extends Insight {
  things: ThingTag[]
}

export interface BacklogFilter {
  /** Words that must all appear in the title, source or evidence. */
  q?: string
  kind?: InsightKind
  productId?: string
  /** Words from the name of a thing it is tagged to, as typed in the filter. */
  thing?: string
  /** The things those words found: insight tagged to any of them. */
  productIds?: readonly string[]
  itemId?: string
  origin?: Origin
}

export interface BacklogPage {
  items: BacklogRow[]
  total: number
  page: number
  pages: number
}

export interface InsightEvent {
  id: string
  title: string
  note: string
  recordedAt: string
  recordedByName: string
}

/** What the idea form gives. */
export interface IdeaInput {
  title: string
  description: string
  /** The problem on a roadmap it would solve. */
  itemId: string | null
}

export interface Idea {
  id: string
  title: string
  description: string
  productId: string | null
  itemId: string | null
  createdAt: string
  createdById: string | null
  createdByName: string
  updatedAt: string
  updatedByName: string
  version: number
}

/** An idea with the problem it answers and the insight behind it. */
export interface IdeaRecord extends Idea {
  productName: string | null
  problem: string | null
  insight: { id: string; title: string; kind: InsightKind; status: InsightStatus }[]
}

/** "What do we know about this problem?": the insight tagged to it and the ideas for it. */
export interface ProblemKnowledge {
  insight: Insight[]
  ideas: { id: string; title: string; insightCount: number }[]
}

/** Public feedback: what a visitor typed, and the problem on the roadmap they were reading about. */
export interface PublicFeedback {
  text: string
  itemId?: string | null
}

/** Held feedback waiting for moderation, with the thing it was left on. */
export interface HeldInsight extends Insight {
  productId: string | null
  productName: string | null
  problem: string | null
}

/** The open problems on a thing's roadmap, offered when tagging insight or choosing an idea's problem. */
export interface ProblemGroup {
  productId: string
  productName: string
  problems: { id: string; problem: string }[]
}
