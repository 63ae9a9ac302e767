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
  /** No longer used: wrong passwords are counted in sign_in_throttles. */
  failed_sign_ins: Generated<number>
  /** No longer used: see sign_in_throttles. */
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
  /** Where an imported page came from ('site:path/file.md'); null for pages made in the browser. */
  source_key?: string | null
}

/** Owner: handbook. Images pages show, imported or uploaded; `id` is made from the bytes. */
export interface HandbookImagesTable {
  id: string
  file_name: string
  content_type: string
  size: number
  bytes: Buffer
  source_key: string | null
  created_at: string
  created_by_name: string
}

/** Owner: handbook. A handbook uploaded as a zip in the browser: staged, then imported in the background. */
export interface HandbookImportsTable {
  id: string
  created_by: string
  file_name: string
  zip: Buffer
  status: string
  report: string
  answers: string | null
  result: string | null
  failure: string | null
  created_at: string
  updated_at: string
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

/** Owner: handbook. The owner (a person or a team) and review-by date of a page or a section. */
export interface HandbookOwnersTable {
  /** The page's or the section's id. */
  id: string
  page_id: string | null
  section_id: string | null
  owner_user_id: string | null
  owner_team: string | null
  /** A date, YYYY-MM-DD. */
  review_by: string | null
  version: number
  updated_at: string
  updated_by_name: string
}

/** Owner: handbook. "Was this page useful?" answers, with nothing that says who gave them. */
export interface HandbookFeedbackTable {
  id: string
  page_id: string
  /** 1 for yes, 0 for no. */
  useful: number
  comment: string
  created_at: string
  /** 'new' or 'done'. */
  status: string
  done_at: string | null
  done_by_name: string | null
}

/** Owner: handbook (SQLite only: the FTS5 index; PostgreSQL uses a tsvector column instead). */
export interface HandbookSearchTable {
  rowid: number
  page_id: string
  title: string
  summary: string
  body: string
}

/** Owner: framework. Each version is an immutable JSON document (roles, skills, descriptors, expectations). */
export interface FrameworkVersionsTable {
  id: string
  number: number
  name: string
  document: string
  status: string
  note: string
  created_at: string
  created_by: string | null
  created_by_name: string
  approved_by_name: string | null
}

/** Owner: framework. A proposed change to the current version, reviewed by another head of profession. */
export interface FrameworkProposalsTable {
  id: string
  base_version_id: string
  kind: string
  summary: string
  reason: string
  payload: string
  status: string
  proposed_at: string
  proposed_by: string
  proposed_by_name: string
  reviewed_at: string | null
  reviewed_by: string | null
  reviewed_by_name: string | null
  review_note: string | null
  resulting_version_id: string | null
}

/** Owner: framework. A move of the profession's assessments from one version to another. */
export interface FrameworkMigrationsTable {
  id: string
  from_version_id: string
  to_version_id: string
  mapping: string
  people_carried: number
  applied_at: string
  applied_by: string | null
  applied_by_name: string
}

/** Owner: people. The profession-side profile of an account. */
export interface PeopleTable {
  user_id: string
  career_role: string
  line_manager_id: string | null
  associate_of_id: string | null
  business_area: string
  group_name: string
  date_into_role: string | null
  head_of_profession: string
  one_to_one_cadence_days: number
  updated_at: string
  version: number
}

/** Owner: people. Promotions and moves. */
export interface PersonHistoryTable {
  id: string
  person_id: string
  career_role: string
  business_area: string
  group_name: string
  line_manager_id: string | null
  change: string
  from_date: string
  recorded_at: string
  recorded_by_name: string
}

/** Owner: pathway. Personal data: visible to the person, their line manager, their area's leaders and heads of profession. */
export interface CheckinsTable {
  id: string
  person_id: string
  framework_version_id: string
  role_slug: string
  kind: string
  status: string
  manager_id: string | null
  created_at: string
  submitted_at: string | null
  reviewed_at: string | null
  agreed_at: string | null
  agreed_note: string | null
  carried_from_id: string | null
  version: number
}

/** Owner: pathway. Personal data. */
export interface CheckinRatingsTable {
  checkin_id: string
  skill_slug: string
  self_level: string | null
  self_evidence: string
  manager_level: string | null
  manager_note: string
  agreed_level: string | null
  agreed_note: string
}

/** Owner: pathway. */
export interface GoalsTable {
  id: string
  person_id: string
  title: string
  measure: string
  due_on: string
  status: string
  skills: string
  source_title: string | null
  source_url: string | null
  created_at: string
  updated_at: string
  version: number
}

/** Owner: pathway. */
export interface GoalNotesTable {
  id: string
  goal_id: string
  author_id: string | null
  author_name: string
  text: string
  created_at: string
}

/** Owner: pathway. Personal data: the two people only. */
export interface OneToOnesTable {
  id: string
  person_id: string
  with_id: string
  held_on: string
  agenda: string
  notes: string
  created_at: string
  updated_at: string
  version: number
}

/** Owner: pathway. */
export interface OneToOneActionsTable {
  id: string
  meeting_id: string
  text: string
  owner_id: string | null
  due_on: string | null
  status: string
  completed_at: string | null
}

/** Owner: pathway. */
export interface RotationsTable {
  id: string
  person_id: string
  team: string
  product: string
  phase: string
  stage: string
  started_on: string
  ended_on: string | null
  created_at: string
}

/** Owner: accounts. Wrong passwords per account and client address, and the wait they set. */
export interface SignInThrottlesTable {
  key: string
  failures: number
  last_failed_at: string
  paused_until: string | null
}

/** Owner: db (the health check's write probe). One row, id 'write-probe'. */
export interface HealthProbeTable {
  id: string
  checked_at: string
}

/** Owner: products. A thing in the common language: a service, feature, capability, technology or data. */
export interface ProductsTable {
  id: string
  kind: string
  name: string
  /** The name in lower case, for sorting and searching alike on both engines. */
  name_key: string
  purpose: string
  owner_id: string | null
  team: string
  group_name: string
  area: string
  /** The service a feature belongs to. */
  parent_id: string | null
  phase: string
  stage: string
  /** 'yes' for the worked example's things, removed together in one step. */
  example: Generated<string>
  /** 'thing' (in the catalogue), or 'area' / 'organisation': the strategy of an area (named in area) or of the organisation. */
  scope: Generated<string>
  created_at: string
  created_by_name: string
  updated_at: string
  version: Generated<number>
}

/** Owner: products. A service uses a capability, technology or data. */
export interface ProductUsesTable {
  product_id: string
  uses_id: string
}

/** Owner: products. Every move of a thing's phase or lifecycle stage, dated, with its reason. */
export interface ProductMovesTable {
  id: string
  product_id: string
  axis: string
  from_value: string | null
  to_value: string
  moved_on: string
  reason: string
  recorded_at: string
  recorded_by: string | null
  recorded_by_name: string
}

/** Owner: products. The people in Valuekit on a thing's team (from its team onion), by layer. */
export interface ProductMembersTable {
  product_id: string
  person_id: string
  layer: string
}

/** Owner: products. One strategy document of one kind about one subject (a thing's id), as JSON. */
export interface StrategyDocumentsTable {
  id: string
  subject: string
  kind: string
  content: string
  version: number
  updated_at: string
  updated_by: string | null
  updated_by_name: string
}

/** Owner: products. Every saved version of a strategy document. */
export interface StrategyDocumentVersionsTable {
  document_id: string
  version: number
  content: string
  note: string
  saved_at: string
  saved_by: string | null
  saved_by_name: string
}

/** Owner: products (metrics). What a thing measures, which way is better, its baseline and target. */
export interface ProductMetricsTable {
  id: string
  product_id: string
  name: string
  /** The name in lower case, for sorting alike on both engines. */
  name_key: string
  definition: string
  unit: string
  /** 'higher' or 'lower': which way is better. */
  direction: string
  baseline: number | null
  target: number | null
  target_date: string | null
  created_at: string
  created_by_name: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
}

/** Owner: products (metrics). One value of a metric on one date. */
export interface ProductMeasurementsTable {
  id: string
  metric_id: string
  measured_on: string
  value: number
  note: string
  recorded_at: string
  recorded_by: string | null
  recorded_by_name: string
}

/** Owner: products (roadmap). A problem to solve in Now, Next or Later, with its outcome and metric. */
export interface RoadmapItemsTable {
  id: string
  product_id: string
  /** 'now', 'next' or 'later'. */
  column_name: string
  /** Its place in the column: lower comes first. */
  position: number
  problem: string
  outcome: string
  metric_id: string | null
  /** 'open', 'done' or 'dropped'. */
  status: string
  created_at: string
  created_by_name: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
}

/** Owner: products (roadmap). Every change and move of a roadmap item. Append only. */
export interface RoadmapItemEventsTable {
  id: string
  item_id: string
  /** 1 for an item's first event, then 2, 3…: the order of its history. */
  seq: number
  kind: string
  title: string
  note: string
  recorded_at: string
  recorded_by: string | null
  recorded_by_name: string
}

/** Owner: products (hypotheses). A belief to test against one of the thing's metrics, and its result. */
export interface HypothesesTable {
  id: string
  product_id: string
  change: string
  audience: string
  outcome: string
  metric_id: string | null
  target: number
  by_date: string
  roadmap_item_id: string | null
  /** 'passed', 'failed' or 'inconclusive'; null until recorded. */
  result: string | null
  evidence: string
  /** 'keep', 'change' or 'drop': what was decided about the roadmap item. */
  decision: string | null
  result_at: string | null
  result_by_name: string | null
  created_at: string
  created_by_name: string
  updated_at: string
  version: Generated<number>
}

/** Owner: products. A service assessment: a readiness checklist against the Service Standard. */
export interface ServiceAssessmentsTable {
  id: string
  product_id: string
  /** 'end-of-alpha', 'before-beta' or 'before-live'. */
  stage: string
  /** The date of the assessment (ISO), if known. */
  assess_on: string | null
  /** JSON: for each of the 14 points, its status, notes and evidence (slugs of parts of the strategy). */
  points: string
  created_at: string
  created_by_name: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
}

/** Owner: products. A round of a thing's team health check. */
export interface HealthRoundsTable {
  id: string
  product_id: string
  number: number
  /** 'open' or 'closed'. */
  status: string
  opened_at: string
  opened_by_name: string
  closed_at: string | null
}

/** Owner: products. Who answered a round of a health check: never what they answered, nor when. */
export interface HealthRespondentsTable {
  round_id: string
  person_id: string
}

/** Owner: products. How many people gave each score to each statement in a round: never who. */
export interface HealthTalliesTable {
  round_id: string
  dysfunction: string
  score: number
  answers: number
}

/** Owner: products (prioritisation). An option the team is choosing between, with its scores. */
export interface PriorityOptionsTable {
  id: string
  product_id: string
  title: string
  description: string
  /** Impact and effort, 1 to 5 each. */
  impact: number | null
  effort: number | null
  /** must, should, could or wont. */
  moscow: string | null
  rice_reach: number | null
  rice_impact: number | null
  /** A percentage, 0 to 100. */
  rice_confidence: number | null
  /** Person-months. */
  rice_effort: number | null
  created_at: string
  created_by_name: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
}

/** Owner: products (prioritisation). The version the weighted-scoring criteria of a thing are saved against. */
export interface PriorityBoardsTable {
  product_id: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
}

/** Owner: products (prioritisation). A criterion the team scores options against, with its weight. */
export interface PriorityCriteriaTable {
  id: string
  product_id: string
  name: string
  weight: number
  position: number
}

/** Owner: products (prioritisation). One option's score against one criterion, 1 to 5. */
export interface PriorityScoresTable {
  option_id: string
  criterion_id: string
  score: number
}

/** Owner: products (prioritisation). The four classes of backlog work planned and done in one quarter. */
export interface BacklogQuartersTable {
  id: string
  product_id: string
  /** A calendar quarter: 2026-Q4. */
  quarter: string
  planned_support: number
  done_support: number
  planned_features: number
  done_features: number
  planned_debt: number
  done_debt: number
  planned_innovation: number
  done_innovation: number
  note: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
}

/** Owner: products (decisions). A proposal and what was decided about it, and why. */
export interface ProductDecisionsTable {
  id: string
  product_id: string
  title: string
  proposal: string
  assumptions: string
  /** low, medium or high. */
  confidence: string
  expected_value: string
  /** yes, no or not-yet. */
  outcome: string
  reasoning: string
  decided_on: string
  option_id: string | null
  /** The earlier decision this one revisits. */
  revisits_id: string | null
  /** For a revisit: what has changed since the earlier decision. */
  what_changed: string
  created_at: string
  created_by: string | null
  created_by_name: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
}

/** Owner: products (reviews). A strategy review: a meeting about the strategy, apart from sprint ceremonies. */
export interface StrategyReviewsTable {
  id: string
  product_id: string
  held_on: string
  /** People who came and are not in Valuekit, one a line. */
  others: string
  notes: string
  created_at: string
  created_by_name: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
}

/** Owner: products (reviews). A person in Valuekit who came to a strategy review. */
export interface StrategyReviewAttendeesTable {
  review_id: string
  person_id: string
  /** Their name when the review was recorded. */
  name: string
}

/** Owner: products (reviews). A part of the strategy a review looked at. */
export interface StrategyReviewPartsTable {
  review_id: string
  part: string
}

/** Owner: products (reviews). A decision taken at a review, with what it changed. */
export interface StrategyReviewDecisionsTable {
  review_id: string
  decision_id: string
  changed: string
  linked_at: string
}

// ---- Objectives and key results (owner: objectives) ----

/** An objective for the organisation, an area, a group or a thing, in one calendar quarter. */
export interface ObjectivesTable {
  id: string
  /** A calendar quarter: 2026-Q4. */
  quarter: string
  /** 'organisation', 'area', 'group' or 'thing'. */
  level: string
  /** The area of an area's, a group's or a thing's objective ('' for the organisation). */
  area: string
  /** The group of a group's or a thing's objective ('' otherwise). */
  group_name: string
  /** The thing of a thing's objective. */
  product_id: string | null
  /** The objective one level up that this one supports. */
  parent_id: string | null
  title: string
  description: string
  created_at: string
  created_by_name: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
  /** 'yes' for the worked example's, removed with it in one step. */
  example: Generated<string>
}

/** A key result: a metric of a thing whose measurements show the objective's progress. */
export interface ObjectiveKeyResultsTable {
  objective_id: string
  metric_id: string
  position: number
}

/** A roadmap item that serves an objective. */
export interface ObjectiveRoadmapItemsTable {
  objective_id: string
  item_id: string
}

/** One change of an objective, kept for its history. */
export interface ObjectiveEventsTable {
  id: string
  objective_id: string
  title: string
  note: string
  recorded_at: string
  recorded_by: string | null
  recorded_by_name: string
}

/**
 * Owner: email. The transactional outbox: one row per message, written in the transaction of the
 * change that causes it, sent by the worker. Holds no rendered body and no secret.
 */
export interface EmailOutboxTable {
  id: string
  /** What kind of message: 'invitation', 'suggestion-outcome'. */
  kind: string
  recipient_id: string | null
  recipient_name: string
  /** The address it went to, recorded when it is sent. */
  recipient_email: string | null
  /** Says what the message is about, never personal content. */
  subject: string
  /** JSON: what the message needs to be written (titles, links, dates), never personal content. */
  payload: string
  /** Unique when set: at most one message for this key, whoever enqueues it. */
  dedupe_key: string | null
  /** 'pending', 'sending' (leased to a worker), 'sent', 'failed' (gave up) or 'cancelled'. */
  status: string
  attempts: Generated<number>
  next_attempt_at: string
  /** While 'sending': the lease ends here, after which another worker may take the message. */
  lease_until: string | null
  leased_by: string | null
  /** Why the last attempt failed, in a sentence; never a body or a token. */
  last_error: string | null
  /** 'notify' or 'smtp': what sent it. */
  transport: string | null
  /** Notify's notification id, or the SMTP Message-ID. */
  provider_id: string | null
  /** 1 when SMTP may have delivered it twice (a worker stopped between sending and recording). */
  resent: Generated<number>
  created_at: string
  created_by_name: string
  sent_at: string | null
  updated_at: string
}

/** Owner: portfolio. The leadership team's work in the four classes of the portfolio quadrant, one quarter a row. */
export interface PortfolioQuartersTable {
  id: string
  /** A calendar quarter: 2026-Q4. */
  quarter: string
  planned_relationships: number
  done_relationships: number
  planned_products: number
  done_products: number
  planned_dysfunction: number
  done_dysfunction: number
  planned_innovation: number
  done_innovation: number
  note: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
  /** 'yes' for the worked example's, removed with it in one step. */
  example: Generated<string>
}

/** Owner: insight. One piece of user insight: a research finding, feedback, a support contact or an analytics observation. */
export interface InsightItemsTable {
  id: string
  /** A short summary of what was learned. */
  title: string
  /** 'research', 'feedback', 'support' or 'analytics'. */
  kind: string
  /** Where it came from, in words ('Usability testing, round 3', 'public feedback'). */
  source: string
  /** The day it was observed (ISO date). */
  observed_on: string
  evidence: string
  /** 'team' (added by someone signed in) or 'public' (left on a published roadmap). */
  origin: string
  /** 'held' (waiting for moderation), 'published' or 'merged' (into merged_into_id). */
  status: string
  merged_into_id: string | null
  /** Title, source and evidence in lower case, for the backlog's search. */
  search_text: string
  created_at: string
  created_by: string | null
  created_by_name: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
  /** 'yes' for the worked example's, removed with it in one step. */
  example: Generated<string>
}

/** Owner: insight. A piece of insight tagged to a thing. */
export interface InsightThingsTable {
  insight_id: string
  product_id: string
}

/** Owner: insight. A piece of insight tagged to a problem on a thing's roadmap (the thing is tagged too). */
export interface InsightProblemsTable {
  insight_id: string
  roadmap_item_id: string
  product_id: string
}

/** Owner: insight. An idea, optionally answering a problem on a roadmap, linked to the insight behind it. */
export interface InsightIdeasTable {
  id: string
  title: string
  description: string
  product_id: string | null
  roadmap_item_id: string | null
  created_at: string
  created_by: string | null
  created_by_name: string
  updated_at: string
  updated_by_name: string
  version: Generated<number>
  /** 'yes' for the worked example's, removed with it in one step. */
  example: Generated<string>
}

/** Owner: insight. The insight behind an idea. */
export interface InsightIdeaLinksTable {
  idea_id: string
  insight_id: string
}

/** Owner: insight. What happened to a piece of insight: added, changed, tagged, merged. Append only. */
export interface InsightEventsTable {
  id: string
  insight_id: string
  seq: number
  title: string
  note: string
  recorded_at: string
  recorded_by: string | null
  recorded_by_name: string
}

export interface Database {
  organisation: OrganisationTable
  users: UsersTable
  sign_in_throttles: SignInThrottlesTable
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
  handbook_owners: HandbookOwnersTable
  handbook_feedback: HandbookFeedbackTable
  handbook_images: HandbookImagesTable
  handbook_imports: HandbookImportsTable
  framework_versions: FrameworkVersionsTable
  framework_proposals: FrameworkProposalsTable
  framework_migrations: FrameworkMigrationsTable
  people: PeopleTable
  person_history: PersonHistoryTable
  checkins: CheckinsTable
  checkin_ratings: CheckinRatingsTable
  goals: GoalsTable
  goal_notes: GoalNotesTable
  one_to_ones: OneToOnesTable
  one_to_one_actions: OneToOneActionsTable
  rotations: RotationsTable
  health_probe: HealthProbeTable
  products: ProductsTable
  product_uses: ProductUsesTable
  product_moves: ProductMovesTable
  product_members: ProductMembersTable
  strategy_documents: StrategyDocumentsTable
  strategy_document_versions: StrategyDocumentVersionsTable
  product_metrics: ProductMetricsTable
  product_measurements: ProductMeasurementsTable
  roadmap_items: RoadmapItemsTable
  roadmap_item_events: RoadmapItemEventsTable
  hypotheses: HypothesesTable
  service_assessments: ServiceAssessmentsTable
  health_rounds: HealthRoundsTable
  health_respondents: HealthRespondentsTable
  health_tallies: HealthTalliesTable
  priority_options: PriorityOptionsTable
  priority_boards: PriorityBoardsTable
  priority_criteria: PriorityCriteriaTable
  priority_scores: PriorityScoresTable
  backlog_quarters: BacklogQuartersTable
  product_decisions: ProductDecisionsTable
  strategy_reviews: StrategyReviewsTable
  strategy_review_attendees: StrategyReviewAttendeesTable
  strategy_review_parts: StrategyReviewPartsTable
  strategy_review_decisions: StrategyReviewDecisionsTable
  objectives: ObjectivesTable
  objective_key_results: ObjectiveKeyResultsTable
  objective_roadmap_items: ObjectiveRoadmapItemsTable
  objective_events: ObjectiveEventsTable
  email_outbox: EmailOutboxTable
  portfolio_quarters: PortfolioQuartersTable
  insight_items: InsightItemsTable
  insight_things: InsightThingsTable
  insight_problems: InsightProblemsTable
  insight_ideas: InsightIdeasTable
  insight_idea_links: InsightIdeaLinksTable
  insight_events: InsightEventsTable
  publications: PublicationsTable
  publication_snapshots: PublicationSnapshotsTable
  evidence_packs: EvidencePacksTable
  evidence_pack_skills: EvidencePackSkillsTable
  evidence_pack_shares: EvidencePackSharesTable
  checkin_responses: CheckinResponsesTable
  feedback_requests: FeedbackRequestsTable
  feedback_asks: FeedbackAsksTable
  feedback_answers: FeedbackAnswersTable
  handbook_upstream: HandbookUpstreamTable
  handbook_upstream_pages: HandbookUpstreamPagesTable
  reminder_settings: ReminderSettingsTable
  reminder_digests: ReminderDigestsTable
}

/** Owned by open: a thing's public page, if it has one. */
export interface PublicationsTable {
  product_id: string
  /** Its address under /open/. */
  slug: string
  latest_version: number
  /** When it was taken down; null while it is public. */
  withdrawn_at: string | null
  updated_at: string
  version: Generated<number>
}

/** Owned by open: what each publish made public, and what it held back. */
export interface PublicationSnapshotsTable {
  product_id: string
  number: number
  /** JSON: the published parts (open.types.ts Snapshot). */
  content: string
  /** JSON: the redaction record, every part held back with the reason. */
  withheld: string
  published_at: string
  published_by: string | null
  published_by_name: string
}

/** Owned by evidence: a person's evidence pack for a role they are going for. Personal data. */
export interface EvidencePacksTable {
  id: string
  person_id: string
  role_slug: string
  created_at: string
  updated_at: string
}

/** Owned by evidence: one skill of a pack: the check-in evidence picked and a STAR example. Personal data. */
export interface EvidencePackSkillsTable {
  id: string
  pack_id: string
  skill_slug: string
  /** JSON: the ids of the check-ins whose evidence for this skill the person picked. */
  picked: string
  situation: string
  task: string
  action: string
  result: string
  /** JSON: the skill's further STAR examples, in order (the first is in the four columns above). */
  more_examples: Generated<string>
  updated_at: string
  version: Generated<number>
}

/** Owned by evidence: who a pack is shared with (read-only). */
export interface EvidencePackSharesTable {
  pack_id: string
  person_id: string
  shared_at: string
}

/** Owner: pathway. The person's confirmation or query of a check-in's agreed levels, and the answer. Personal data. */
export interface CheckinResponsesTable {
  checkin_id: string
  person_id: string
  /** Who answers a query: the line manager when it was raised. */
  manager_id: string | null
  /** 'confirmed' | 'queried' | 'answered' */
  status: string
  confirmed_at: string | null
  queried_at: string | null
  /** JSON array of skill slugs. */
  query_skills: string
  query_text: string
  answered_at: string | null
  answered_by_name: string | null
  /** 'changed' | 'kept' */
  outcome: string | null
  reply: string
  version: Generated<number>
}

/** Owner: feedback. A person's request for feedback from named colleagues on chosen skills. Personal data. */
export interface FeedbackRequestsTable {
  id: string
  person_id: string
  framework_version_id: string
  /** JSON array of skill slugs. */
  skills: string
  note: string
  created_at: string
  withdrawn_at: string | null
  version: Generated<number>
}

/** Owner: feedback. One colleague asked in a request. */
export interface FeedbackAsksTable {
  id: string
  request_id: string
  colleague_id: string
  /** 'asked' | 'answered' | 'declined' | 'withdrawn' */
  status: string
  answered_at: string | null
  version: Generated<number>
}

/** Owner: feedback. A colleague's answer on one skill (final once sent). Personal data. */
export interface FeedbackAnswersTable {
  ask_id: string
  skill_slug: string
  text: string
}

/** Owned by upstream: the handbook this installation follows (one row, id 'upstream'). */
export interface HandbookUpstreamTable {
  id: string
  /** A folder path or an http(s) address, as given on the command line. */
  source: string
  checked_at: string
  checked_by_name: string
}

/** Owned by upstream: per upstream page, the last upstream text taken and the newest one seen. */
export interface HandbookUpstreamPagesTable {
  upstream_slug: string
  /** The slug of the local page that follows it (slugs never change); null until a new upstream page is added. */
  page_slug: string | null
  title: string
  section_slug: string
  section_title: string
  summary: string
  /** The upstream text last taken or kept (the merge base); null when none was ever taken. */
  base_body: string | null
  upstream_body: string
  upstream_hash: string
  /** 'current' | 'changed' | 'new' | 'deleted' (upstream.types.ts UpstreamState). */
  state: string
  checked_at: string
}

/** Owned by reminders: a person's choice of reminder email (no row: a weekly digest on Mondays). */
export interface ReminderSettingsTable {
  user_id: string
  /** 'weekly' or 'off'. */
  frequency: string
  /** The ISO day of the week the digest goes on: 1 (Monday) to 7 (Sunday). */
  weekday: number
  updated_at: string
}

/** Owned by reminders: every digest queued, one per person per ISO week (the primary key). */
export interface ReminderDigestsTable {
  user_id: string
  /** The ISO week, such as 2026-W50. */
  week: string
  /** The UK date it was queued on. */
  sent_on: string
  /** The outbox message it became. */
  message_id: string | null
  created_at: string
}
