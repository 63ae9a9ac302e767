// The handbook's domain types: what its repositories return and its services take. Other
// capabilities import these, never a repository.

export interface Resource {
  kind: 'reading' | 'training'
  title: string
  author: string
  format: string
  length: string
  url: string
}

export interface Heading {
  level: 2 | 3
  id: string
  text: string
}

export interface Section {
  id: string
  slug: string
  title: string
  summary: string
  position: number
}

export interface PageSummary {
  id: string
  slug: string
  sectionId: string
  position: number
  title: string
  summary: string
  version: number
  updatedAt: string
}

export interface Page extends PageSummary {
  body: string
  bodyHtml: string
  bodyText: string
  headings: Heading[]
  roles: string[]
  skills: string[]
  resources: Resource[]
  createdAt: string
  updatedBy: string | null
  updatedByName: string
}

export interface VersionMeta {
  sectionId: string
  roles: string[]
  skills: string[]
  resources: Resource[]
}

export interface PageVersion {
  id: string
  pageId: string
  version: number
  title: string
  summary: string
  body: string
  meta: VersionMeta
  changeNote: string
  createdAt: string
  createdBy: string | null
  createdByName: string
  suggestionId: string | null
}

export type SuggestionStatus = 'open' | 'accepted' | 'declined'

export interface Suggestion {
  id: string
  pageId: string
  pageSlug: string
  pageTitle: string
  baseVersion: number
  title: string
  summary: string
  body: string
  reason: string
  status: SuggestionStatus
  createdAt: string
  createdBy: string
  createdByName: string
  decidedAt: string | null
  decidedBy: string | null
  decidedByName: string | null
  decisionNote: string | null
  resultingVersion: number | null
}

/** Who owns a page or a section (a person, or a team by name) and when it should be reviewed by. */
export interface Ownership {
  /** The page's or the section's id. */
  id: string
  kind: 'page' | 'section'
  ownerUserId: string | null
  ownerName: string | null
  ownerTeam: string | null
  /** YYYY-MM-DD. */
  reviewBy: string | null
  version: number
  updatedAt: string
  updatedByName: string
}

export interface OwnershipInput {
  ownerUserId: string | null
  ownerTeam: string | null
  reviewBy: string | null
}

export type FeedbackStatus = 'new' | 'done'

/** One "Was this page useful?" answer. Nothing in it says who gave it. */
export interface Feedback {
  id: string
  pageId: string
  pageSlug: string
  pageTitle: string
  useful: boolean
  comment: string
  createdAt: string
  status: FeedbackStatus
  doneAt: string | null
  doneByName: string | null
}

export interface StoredImportRow {
  id: string
  createdBy: string
  fileName: string
  zip: Buffer
  status: string
  report: string
  answers: string | null
  result: string | null
  failure: string | null
  createdAt: string
  updatedAt: string
}

export interface StoredImage {
  id: string
  fileName: string
  contentType: string
  bytes: Buffer
  sourceKey: string | null
  createdAt: string
  createdByName: string
}
