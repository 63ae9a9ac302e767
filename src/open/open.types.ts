// Working in the open: what a published page holds. A snapshot is taken at each publish, so the
// public page never changes until someone publishes again.

/** A part of a thing's strategy that can be published or held back. */
export interface PublishableField {
  /** Stable across publishes: `doc:<kind>:<section>` or `roadmap:<item id>`. */
  key: string
  /** Where it comes from, as the publish form names it. */
  label: string
  /** Which part of the published page it belongs to. */
  group: string
  heading: string
  text: string
  /** The roadmap item it shows, for a problem on the roadmap. */
  itemId?: string
}

/** A part held back from the public page, and why: the redaction record. */
export interface Withheld {
  key: string
  label: string
  reason: string
}

/** What one publish made public. */
export interface Snapshot {
  name: string
  purpose: string
  kind: string
  phase: string
  stage: string
  /** Published parts by group, in page order. */
  groups: { name: string; fields: PublishedField[] }[]
}

/** A published part. `itemId` names the roadmap item a problem on the roadmap came from (snapshots
 *  published before it was kept have none), so public feedback can be about that problem. */
export interface PublishedField {
  heading: string
  text: string
  itemId?: string
}

/** A problem on a published roadmap that public feedback can be about. */
export interface PublishedProblem {
  itemId: string
  /** As the public page heads it: the roadmap's column and the problem. */
  label: string
}

/** What feedback from the public is about when it is about no single problem. */
export const FEEDBACK_WHOLE_ROADMAP = 'whole-roadmap'
export const FEEDBACK_SOMETHING_ELSE = 'something-else'

/** Feedback as a visitor sent it: their text and, where the page offered a choice, what it is about. */
export interface PublicFeedbackForm {
  text: string
  about: string
}

export interface PublishedVersion {
  productId: string
  number: number
  content: Snapshot
  withheld: Withheld[]
  publishedAt: string
  publishedByName: string
}

export interface Publication {
  productId: string
  slug: string
  latestVersion: number
  withdrawnAt: string | null
  updatedAt: string
  version: number
}

/** A thing's public page as the public sees it. */
export interface PublicPage {
  slug: string
  snapshot: PublishedVersion
}

/** The most a reason for holding a part back may say. */
export const MAX_REASON = 300
