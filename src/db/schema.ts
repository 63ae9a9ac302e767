// The whole data model in one place. Each table names the capability whose repository owns it;
// only that repository writes to it. Timestamps are ISO-8601 UTC text, ids are UUID text, JSON is
// stored as text, and flags are text values, so one schema serves SQLite and PostgreSQL alike.
import type { Generated } from 'kysely'

/** Owner: admin (settings). One row, id 'organisation'. */
export interface OrganisationTable {
  id: string
  name: string
  logo_text: string
  brand_colour: string
  pathway_shape: string
  phase: string
  feedback_url: string | null
  public_handbook: string
  version: number
  updated_at: string
  updated_by: string | null
}

/** Owner: accounts. */
export interface UsersTable {
  id: string
  email: string
  name: string
  role: string
  password_hash: string | null
  status: string
  failed_sign_ins: Generated<number>
  locked_until: string | null
  created_at: string
  updated_at: string
  version: Generated<number>
}

/** Owner: platform/auth. The id is the SHA-256 of the cookie token, never the token itself. */
export interface SessionsTable {
  id: string
  user_id: string | null
  created_at: string
  last_seen_at: string
  data: string
}

/** Owner: accounts (set-up and set-password links). The id is the SHA-256 of the token. */
export interface OneTimeTokensTable {
  id: string
  purpose: string
  user_id: string | null
  created_at: string
  expires_at: string
  used_at: string | null
}

/** Owner: audit. Append only. */
export interface AuditEventsTable {
  id: string
  occurred_at: string
  actor_id: string | null
  actor_name: string
  action: string
  subject_type: string
  subject_id: string | null
  summary: string
}

/** Owner: handbook. */
export interface HandbookSectionsTable {
  id: string
  slug: string
  title: string
  summary: string
  position: number
  created_at: string
  updated_at: string
}

/** Owner: handbook. body is Markdown; body_html and body_text are derived at save time. */
export interface HandbookPagesTable {
  id: string
  slug: string
  section_id: string
  position: number
  title: string
  summary: string
  body: string
  body_html: string
  body_text: string
  headings: string
  roles: string
  skills: string
  resources: string
  version: number
  created_at: string
  updated_at: string
  updated_by: string | null
  updated_by_name: string
}

/** Owner: handbook. Skill and role tags of each page, for look-ups by skill. */
export interface HandbookPageTagsTable {
  page_id: string
  kind: string
  slug: string
}

/** Owner: handbook. One row per saved version of a page. */
export interface HandbookPageVersionsTable {
  id: string
  page_id: string
  version: number
  title: string
  summary: string
  body: string
  meta: string
  change_note: string
  created_at: string
  created_by: string | null
  created_by_name: string
  suggestion_id: string | null
}

/** Owner: handbook. */
export interface HandbookSuggestionsTable {
  id: string
  page_id: string
  base_version: number
  title: string
  summary: string
  body: string
  reason: string
  status: string
  created_at: string
  created_by: string
  decided_at: string | null
  decided_by: string | null
  decision_note: string | null
  resulting_version: number | null
}

/** Owner: handbook. One row, id 'handbook': a counter bumped on every change, for cache keys. */
export interface HandbookStateTable {
  id: string
  revision: number
}

/** Owner: handbook (SQLite only: the FTS5 index; PostgreSQL uses a tsvector column instead). */
export interface HandbookSearchTable {
  rowid: number
  page_id: string
  title: string
  summary: string
  body: string
}

export interface Database {
  organisation: OrganisationTable
  users: UsersTable
  sessions: SessionsTable
  one_time_tokens: OneTimeTokensTable
  audit_events: AuditEventsTable
  handbook_sections: HandbookSectionsTable
  handbook_pages: HandbookPagesTable
  handbook_page_tags: HandbookPageTagsTable
  handbook_page_versions: HandbookPageVersionsTable
  handbook_suggestions: HandbookSuggestionsTable
  handbook_state: HandbookStateTable
  handbook_search: HandbookSearchTable
}
