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
  groups: { name: string; fields: { heading: string; text: string }[] }[]
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
