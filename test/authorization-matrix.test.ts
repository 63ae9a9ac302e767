// The authorization matrix: every route the app serves, asked by every kind of viewer, with the
// answer each should get. A route added without a row here fails the first test, so nobody can
// add a page without deciding who may see it.
import type { Response as InjectResponse } from 'light-my-request'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { SYSTEM_ACTOR } from '../src/platform/auth/roles.ts'
import { assetUrl, loadManifest } from '../src/platform/http/assets.ts'
import {
  $,
  Agent,
  TEST_PASSWORD,
  addPerson,
  addPersonWithId,
  buildTestApp,
  formFields,
  setUpInstallation,
  signIn,
  type TestContext,
} from './build-test-app.ts'
import { registeredRoutes, type SeenRoute } from './route-recorder.ts'

// Every route registered, as Fastify's onRoute hook sees it (see route-recorder.ts).
vi.mock('fastify', async importOriginal =>
  (await import('./route-recorder.ts')).recordingRoutes(await importOriginal<typeof import('fastify')>()),
)

const VIEWERS = ['anonymous', 'member', 'editor', 'leader', 'administrator'] as const
type Viewer = (typeof VIEWERS)[number]

/** A status code; 'sign-in' for a 303 to the sign-in page; or a 303 to a given place. */
type Outcome = number | 'sign-in' | { redirect: string }
type Expected = Record<Viewer, Outcome>

interface Fixtures {
  slug: string
  sectionSlug: string
  personId: string
  suggestionId: string
  /** A reader's answer to "Was this page useful?" about the fixture page. */
  feedbackId: string
  /** An associate whose line manager is the member and whose area the leader leads, with one of each record. */
  development: { personId: string; goalId: string; meetingId: string; actionId: string; rotationId: string }
  /** An open framework proposal by a head of profession who is none of the viewers; version 2 exists. */
  framework: { proposalId: string }
  /** A check-in the associate (development.personId) has submitted to the member, and each viewer's own id. */
  pathway: { checkinId: string; ownIds: Record<Exclude<Viewer, 'anonymous'>, string> }
  asset: string
  /**
   * A thing in no viewer's area whose core team is the member, with a metric, a roadmap item, a
   * hypothesis, an assessment and a round of its health check; and one for the removal row.
   */
  products: {
    id: string
    removableId: string
    metricId: string
    itemId: string
    hypothesisId: string
    assessmentId: string
    roundId: string
    /** An option to prioritise, one to remove, a decision, and a review linked to the decision. */
    optionId: string
    removableOptionId: string
    decisionId: string
    reviewId: string
    /** The thing's objective for 2026 Q4 (its metric as the key result), and one to remove. */
    objectiveId: string
    removableObjectiveId: string
  }
  /**
   * Insight tagged to the thing above (a published piece, a piece of public feedback held for
   * moderation, another to reject) and an idea for its roadmap item, all added by nobody here.
   */
  insight: { id: string; heldId: string; rejectableId: string; ideaId: string }
  /** The associate's evidence pack (for product manager), shared with the editor only. */
  evidence: { packId: string; associateId: string }
  /** The associate's request for feedback, asked of the editor. */
  feedback: { requestId: string; askId: string }
}

interface Row {
  method: 'GET' | 'POST'
  route: string
  path: (f: Fixtures) => string
  expect: Expected | ((f: Fixtures) => Expected)
  /** Use a newly signed-in browser (the request ends the session). */
  fresh?: boolean
}

const everyone = (o: Outcome): Expected => ({ anonymous: o, member: o, editor: o, leader: o, administrator: o })
const signedIn = (o: Outcome): Expected => ({ anonymous: 'sign-in', member: o, editor: o, leader: o, administrator: o })
/** An import that does not exist: editors are told so, everyone else may not ask. */
const NO_IMPORT = '00000000-0000-4000-8000-000000000000'
const editors = (o: Outcome): Expected => ({
  anonymous: 'sign-in',
  member: 403,
  editor: o,
  leader: 403,
  administrator: o,
})
const administrators = (o: Outcome): Expected => ({
  anonymous: 'sign-in',
  member: 403,
  editor: 403,
  leader: 403,
  administrator: o,
})
/** The handbook while it is not public: every signed-in person reads it; the public is asked to sign in. */
const readers = signedIn

const at = (path: string) => () => path
/** Development plans and rotations: the line manager (member) and the leader of the area. */
const lineManagerAndLeader = (o: Outcome): Expected => ({
  anonymous: 'sign-in',
  member: o,
  editor: 403,
  leader: o,
  administrator: 403,
})
/** Changing a plan, and 1:1s: the line manager (member) only; never leaders. */
const lineManagerOnly = (o: Outcome): Expected => ({
  anonymous: 'sign-in',
  member: o,
  editor: 403,
  leader: 403,
  administrator: 403,
})
/** The profession views: leaders and heads of profession only (the matrix's leader leads an area). */
const leaders = (o: Outcome): Expected => ({
  anonymous: 'sign-in',
  member: 403,
  editor: 403,
  leader: o,
  administrator: 403,
})
const dev = (f: Fixtures, rest = '') => `/people/${f.development.personId}${rest}`
/** A thing's strategy: the member (in its core team) and administrators change it; leaders of other areas do not. */
const strategyEditors = (o: Outcome): Expected => ({
  anonymous: 'sign-in',
  member: o,
  editor: 403,
  leader: 403,
  administrator: o,
})
const thing = (f: Fixtures, rest = '') => `/products/${f.products.id}${rest}`
/** The portfolio: the leader (a lead of Matrix area) and administrators; members and editors lead nothing. */
const portfolioLeaders = (o: Outcome): Expected => ({
  anonymous: 'sign-in',
  member: 403,
  editor: 403,
  leader: o,
  administrator: o,
})
const LEADER_AREA = '/portfolio/areas/Matrix%20area'

const piece = (f: Fixtures, rest = '') => `/insight/${f.insight.id}${rest}`
/** An evidence pack: its person (the associate, no viewer here) and whoever they shared it with (the editor). */
const pack = (f: Fixtures, rest = '') => `/evidence/${f.evidence.packId}${rest}`
const sharedWithEditor = (o: Outcome): Expected => ({
  anonymous: 'sign-in',
  member: 403,
  editor: o,
  leader: 403,
  administrator: 403,
})
/** Making a pack: people in the profession (of the viewers, only the leader has a profile). */
const inProfession = (o: Outcome): Expected => ({
  anonymous: 'sign-in',
  member: 403,
  editor: 403,
  leader: o,
  administrator: 403,
})
const idea = (f: Fixtures, rest = '') => `/insight/ideas/${f.insight.ideaId}${rest}`
const option = (f: Fixtures, rest = '') => thing(f, `/prioritisation/options/${f.products.optionId}${rest}`)
const decision = (f: Fixtures, rest = '') => thing(f, `/decisions/${f.products.decisionId}${rest}`)
const review = (f: Fixtures, rest = '') => thing(f, `/reviews/${f.products.reviewId}${rest}`)

// POSTs carry a valid form token and a body no form would send, so what is tested is who may
// ask: refused people get 403, allowed people get the form's own answer (usually 400).
const ROWS: Row[] = [
  // Site
  { method: 'GET', route: '/', path: at('/'), expect: { ...signedIn(200), anonymous: { redirect: '/sign-in' } } },
  { method: 'GET', route: '/accessibility', path: at('/accessibility'), expect: everyone(200) },
  { method: 'GET', route: '/privacy', path: at('/privacy'), expect: everyone(200) },
  { method: 'GET', route: '/health', path: at('/health'), expect: everyone(200) },
  { method: 'GET', route: '/brand.css', path: at('/brand.css'), expect: everyone(200) },
  { method: 'GET', route: '/assets/*', path: f => f.asset, expect: everyone(200) },
  // First-run set-up: finished, so nobody can use it again
  { method: 'GET', route: '/setup', path: at('/setup'), expect: everyone({ redirect: '/' }) },
  { method: 'POST', route: '/setup', path: at('/setup'), expect: everyone(403) },
  {
    method: 'GET',
    route: '/setup/:token',
    path: at('/setup/not-a-live-token'),
    expect: everyone({ redirect: '/setup' }),
  },
  // Signing in and out
  {
    method: 'GET',
    route: '/sign-in',
    path: at('/sign-in'),
    expect: { ...signedIn({ redirect: '/' }), anonymous: 200 },
  },
  { method: 'POST', route: '/sign-in', path: at('/sign-in'), expect: everyone(400) },
  { method: 'GET', route: '/sign-out', path: at('/sign-out'), expect: everyone(200) },
  {
    method: 'POST',
    route: '/sign-out',
    path: at('/sign-out'),
    expect: everyone({ redirect: '/sign-out' }),
    fresh: true,
  },
  {
    method: 'POST',
    route: '/session/extend',
    path: at('/session/extend'),
    expect: { ...signedIn(204), anonymous: 401 },
  },
  { method: 'GET', route: '/resume', path: at('/resume'), expect: signedIn({ redirect: '/' }) },
  { method: 'POST', route: '/resume/discard', path: at('/resume/discard'), expect: signedIn({ redirect: '/' }) },
  // Set-password links
  {
    method: 'GET',
    route: '/set-password/:token',
    path: at('/set-password/not-a-live-token'),
    expect: everyone({ redirect: '/set-password' }),
  },
  { method: 'GET', route: '/set-password', path: at('/set-password'), expect: everyone(404) },
  { method: 'POST', route: '/set-password', path: at('/set-password'), expect: everyone(404) },
  // Your account
  { method: 'GET', route: '/account', path: at('/account'), expect: signedIn(200) },
  { method: 'GET', route: '/account/password', path: at('/account/password'), expect: signedIn(200) },
  { method: 'POST', route: '/account/password', path: at('/account/password'), expect: signedIn(400) },
  // Reminder emails (src/reminders): each person's own choice
  { method: 'GET', route: '/account/email', path: at('/account/email'), expect: signedIn(200) },
  { method: 'POST', route: '/account/email', path: at('/account/email'), expect: signedIn(400) },
  // Administration
  { method: 'GET', route: '/admin', path: at('/admin'), expect: administrators(200) },
  { method: 'GET', route: '/admin/people', path: at('/admin/people'), expect: administrators(200) },
  { method: 'GET', route: '/admin/people/new', path: at('/admin/people/new'), expect: administrators(200) },
  { method: 'POST', route: '/admin/people/new', path: at('/admin/people/new'), expect: administrators(400) },
  { method: 'GET', route: '/admin/people/:id', path: f => `/admin/people/${f.personId}`, expect: administrators(200) },
  { method: 'POST', route: '/admin/people/:id', path: f => `/admin/people/${f.personId}`, expect: administrators(400) },
  {
    method: 'GET',
    route: '/admin/people/:id/link',
    path: f => `/admin/people/${f.personId}/link`,
    expect: f => administrators({ redirect: `/admin/people/${f.personId}` }),
  },
  {
    method: 'POST',
    route: '/admin/people/:id/password-link',
    path: f => `/admin/people/${f.personId}/password-link`,
    expect: f => administrators({ redirect: `/admin/people/${f.personId}/link` }),
  },
  { method: 'GET', route: '/admin/settings', path: at('/admin/settings'), expect: administrators(200) },
  { method: 'POST', route: '/admin/settings', path: at('/admin/settings'), expect: administrators(400) },
  { method: 'GET', route: '/admin/audit-log', path: at('/admin/audit-log'), expect: administrators(200) },
  // Email (off here): inviting says so and changes nothing; a message that does not exist is 404
  {
    method: 'POST',
    route: '/admin/people/invite',
    path: at('/admin/people/invite'),
    expect: administrators({ redirect: '/admin/people' }),
  },
  {
    method: 'POST',
    route: '/admin/people/:id/invite',
    path: f => `/admin/people/${f.personId}/invite`,
    expect: f => administrators({ redirect: `/admin/people/${f.personId}` }),
  },
  { method: 'GET', route: '/admin/email', path: at('/admin/email'), expect: administrators(200) },
  {
    method: 'POST',
    route: '/admin/email/:id/retry',
    path: at('/admin/email/00000000-0000-4000-8000-000000000000/retry'),
    expect: administrators(404),
  },
  // The worked example: not loaded here, and a post without the form's confirm value changes nothing
  { method: 'GET', route: '/admin/example', path: at('/admin/example'), expect: administrators(200) },
  { method: 'POST', route: '/admin/example/load', path: at('/admin/example/load'), expect: administrators(400) },
  {
    method: 'GET',
    route: '/admin/example/remove',
    path: at('/admin/example/remove'),
    expect: administrators({ redirect: '/admin/example' }),
  },
  { method: 'POST', route: '/admin/example/remove', path: at('/admin/example/remove'), expect: administrators(400) },
  // Reading the handbook
  { method: 'GET', route: '/handbook', path: at('/handbook'), expect: readers(200) },
  { method: 'GET', route: '/handbook/search', path: at('/handbook/search?q=scrum'), expect: readers(200) },
  { method: 'GET', route: '/handbook/:slug', path: f => `/handbook/${f.slug}`, expect: readers(200) },
  {
    method: 'GET',
    route: '/handbook/images/:id/:name',
    path: at('/handbook/images/0123456789abcdef0123456789abcdef/none.png'),
    expect: readers(404),
  },
  { method: 'GET', route: '/handbook/:slug/history', path: f => `/handbook/${f.slug}/history`, expect: signedIn(200) },
  {
    method: 'GET',
    route: '/handbook/:slug/versions/:version',
    path: f => `/handbook/${f.slug}/versions/1`,
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/handbook/:slug/compare',
    path: f => `/handbook/${f.slug}/compare?from=1&to=2`,
    expect: signedIn(200),
  },
  // Editing the handbook
  { method: 'GET', route: '/handbook/new', path: at('/handbook/new'), expect: editors(200) },
  { method: 'POST', route: '/handbook/new', path: at('/handbook/new'), expect: editors(400) },
  { method: 'GET', route: '/handbook/:slug/edit', path: f => `/handbook/${f.slug}/edit`, expect: editors(200) },
  { method: 'POST', route: '/handbook/:slug/edit', path: f => `/handbook/${f.slug}/edit`, expect: editors(400) },
  { method: 'POST', route: '/handbook/:slug/move', path: f => `/handbook/${f.slug}/move`, expect: editors(400) },
  { method: 'GET', route: '/handbook/:slug/delete', path: f => `/handbook/${f.slug}/delete`, expect: editors(200) },
  // No base version: the page "changed" since the form was read, so nothing is deleted.
  { method: 'POST', route: '/handbook/:slug/delete', path: f => `/handbook/${f.slug}/delete`, expect: editors(409) },
  {
    method: 'POST',
    route: '/handbook/:slug/versions/:version/restore',
    path: f => `/handbook/${f.slug}/versions/1/restore`,
    expect: f => editors({ redirect: `/handbook/${f.slug}/history` }),
  },
  { method: 'GET', route: '/handbook/manage', path: at('/handbook/manage'), expect: editors(200) },
  // Importing a handbook from a zip, and adding images (no file sent: the form asks for one)
  { method: 'GET', route: '/handbook/import', path: at('/handbook/import'), expect: editors(200) },
  { method: 'POST', route: '/handbook/import', path: at('/handbook/import'), expect: editors(400) },
  { method: 'GET', route: '/handbook/import/:id', path: at(`/handbook/import/${NO_IMPORT}`), expect: editors(404) },
  { method: 'POST', route: '/handbook/import/:id', path: at(`/handbook/import/${NO_IMPORT}`), expect: editors(404) },
  {
    method: 'GET',
    route: '/handbook/import/:id/progress',
    path: at(`/handbook/import/${NO_IMPORT}/progress`),
    expect: editors(404),
  },
  { method: 'GET', route: '/handbook/images/new', path: at('/handbook/images/new'), expect: editors(200) },
  { method: 'POST', route: '/handbook/images/new', path: at('/handbook/images/new'), expect: editors(400) },
  { method: 'GET', route: '/handbook/sections/new', path: at('/handbook/sections/new'), expect: editors(200) },
  { method: 'POST', route: '/handbook/sections/new', path: at('/handbook/sections/new'), expect: editors(400) },
  {
    method: 'GET',
    route: '/handbook/sections/:slug/edit',
    path: f => `/handbook/sections/${f.sectionSlug}/edit`,
    expect: editors(200),
  },
  {
    method: 'POST',
    route: '/handbook/sections/:slug/edit',
    path: f => `/handbook/sections/${f.sectionSlug}/edit`,
    expect: editors(400),
  },
  {
    method: 'POST',
    route: '/handbook/sections/:slug/move',
    path: f => `/handbook/sections/${f.sectionSlug}/move`,
    expect: editors(400),
  },
  // The section has pages, so it cannot be deleted.
  {
    method: 'POST',
    route: '/handbook/sections/:slug/delete',
    path: f => `/handbook/sections/${f.sectionSlug}/delete`,
    expect: editors(400),
  },
  // Suggestions
  { method: 'GET', route: '/handbook/:slug/suggest', path: f => `/handbook/${f.slug}/suggest`, expect: signedIn(200) },
  { method: 'POST', route: '/handbook/:slug/suggest', path: f => `/handbook/${f.slug}/suggest`, expect: signedIn(400) },
  { method: 'GET', route: '/handbook/suggestions', path: at('/handbook/suggestions'), expect: editors(200) },
  { method: 'GET', route: '/handbook/suggestions/mine', path: at('/handbook/suggestions/mine'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/handbook/suggestions/:id',
    path: f => `/handbook/suggestions/${f.suggestionId}`,
    // The member made the suggestion; the leader did not and does not review.
    expect: { anonymous: 'sign-in', member: 200, editor: 200, leader: 403, administrator: 200 },
  },
  {
    method: 'POST',
    route: '/handbook/suggestions/:id/accept',
    path: f => `/handbook/suggestions/${f.suggestionId}/accept`,
    expect: editors(400),
  },
  {
    method: 'POST',
    route: '/handbook/suggestions/:id/decline',
    path: f => `/handbook/suggestions/${f.suggestionId}/decline`,
    expect: editors(400),
  },
  // Printing the handbook
  { method: 'GET', route: '/handbook/print', path: at('/handbook/print'), expect: readers(200) },
  {
    method: 'GET',
    route: '/handbook/sections/:slug/print',
    path: f => `/handbook/sections/${f.sectionSlug}/print`,
    expect: readers(200),
  },
  // Owners, review dates and readers' feedback
  { method: 'GET', route: '/handbook/:slug/owner', path: f => `/handbook/${f.slug}/owner`, expect: editors(200) },
  { method: 'POST', route: '/handbook/:slug/owner', path: f => `/handbook/${f.slug}/owner`, expect: editors(400) },
  {
    method: 'GET',
    route: '/handbook/sections/:slug/owner',
    path: f => `/handbook/sections/${f.sectionSlug}/owner`,
    expect: editors(200),
  },
  {
    method: 'POST',
    route: '/handbook/sections/:slug/owner',
    path: f => `/handbook/sections/${f.sectionSlug}/owner`,
    expect: editors(400),
  },
  { method: 'GET', route: '/handbook/review', path: at('/handbook/review'), expect: editors(200) },
  // Marking reviewed: editors, and a page's or section's owner (the fixture's have none; the owner
  // who is no editor is proven in handbook.owners.routes.test.ts).
  { method: 'GET', route: '/handbook/:slug/reviewed', path: f => `/handbook/${f.slug}/reviewed`, expect: editors(200) },
  {
    method: 'POST',
    route: '/handbook/:slug/reviewed',
    path: f => `/handbook/${f.slug}/reviewed`,
    expect: editors(400),
  },
  {
    method: 'GET',
    route: '/handbook/sections/:slug/reviewed',
    path: f => `/handbook/sections/${f.sectionSlug}/reviewed`,
    expect: editors(200),
  },
  {
    method: 'POST',
    route: '/handbook/sections/:slug/reviewed',
    path: f => `/handbook/sections/${f.sectionSlug}/reviewed`,
    expect: editors(400),
  },
  { method: 'GET', route: '/handbook/:slug/feedback', path: f => `/handbook/${f.slug}/feedback`, expect: readers(200) },
  {
    method: 'POST',
    route: '/handbook/:slug/feedback',
    path: f => `/handbook/${f.slug}/feedback`,
    expect: readers(400),
  },
  { method: 'GET', route: '/handbook/feedback', path: at('/handbook/feedback'), expect: signedIn(200) },
  {
    method: 'POST',
    route: '/handbook/feedback/:id/done',
    path: f => `/handbook/feedback/${f.feedbackId}/done`,
    // Nobody owns the fixture page: editors deal with its answers.
    expect: editors({ redirect: '/handbook/feedback' }),
  },
  {
    method: 'GET',
    route: '/handbook/:slug/usefulness',
    path: f => `/handbook/${f.slug}/usefulness`,
    expect: editors(200),
  },
  // Following an upstream handbook (none is followed here: checking says so, pages are not found)
  { method: 'GET', route: '/handbook/upstream', path: at('/handbook/upstream'), expect: editors(200) },
  {
    method: 'POST',
    route: '/handbook/upstream/check',
    path: at('/handbook/upstream/check'),
    expect: editors({ redirect: '/handbook/upstream' }),
  },
  {
    method: 'GET',
    route: '/handbook/upstream/:slug',
    path: at('/handbook/upstream/no-such-page'),
    expect: editors(404),
  },
  {
    method: 'POST',
    route: '/handbook/upstream/:slug',
    path: at('/handbook/upstream/no-such-page'),
    expect: editors(404),
  },
  {
    method: 'POST',
    route: '/handbook/upstream/:slug/add',
    path: at('/handbook/upstream/no-such-page/add'),
    expect: editors(404),
  },
  // The people of the profession (the subject is the associate in the leader's area, managed by the member)
  { method: 'GET', route: '/people', path: at('/people'), expect: { ...administrators(200), leader: 200 } },
  { method: 'GET', route: '/people/import', path: at('/people/import'), expect: administrators(200) },
  { method: 'POST', route: '/people/import/preview', path: at('/people/import/preview'), expect: administrators(400) },
  { method: 'POST', route: '/people/import', path: at('/people/import'), expect: administrators(400) },
  {
    method: 'GET',
    route: '/people/:id',
    path: f => dev(f),
    expect: { anonymous: 'sign-in', member: 200, editor: 403, leader: 200, administrator: 200 },
  },
  {
    method: 'GET',
    route: '/people/:id/edit',
    path: f => dev(f, '/edit'),
    expect: { ...administrators(200), leader: 200 },
  },
  {
    method: 'POST',
    route: '/people/:id/edit',
    path: f => dev(f, '/edit'),
    expect: { ...administrators(400), leader: 400 },
  },
  // Development plans (personal records: not for administrators or editors)
  { method: 'GET', route: '/people/:id/plan', path: f => dev(f, '/plan'), expect: lineManagerAndLeader(200) },
  {
    method: 'GET',
    route: '/people/:id/plan/goals/new',
    path: f => dev(f, '/plan/goals/new'),
    expect: lineManagerOnly(200),
  },
  {
    method: 'POST',
    route: '/people/:id/plan/goals/new',
    path: f => dev(f, '/plan/goals/new'),
    expect: lineManagerOnly(400),
  },
  {
    method: 'GET',
    route: '/people/:id/plan/goals/:goalId',
    path: f => dev(f, `/plan/goals/${f.development.goalId}`),
    expect: lineManagerAndLeader(200),
  },
  {
    method: 'GET',
    route: '/people/:id/plan/goals/:goalId/edit',
    path: f => dev(f, `/plan/goals/${f.development.goalId}/edit`),
    expect: lineManagerOnly(200),
  },
  {
    method: 'POST',
    route: '/people/:id/plan/goals/:goalId/edit',
    path: f => dev(f, `/plan/goals/${f.development.goalId}/edit`),
    expect: lineManagerOnly(400),
  },
  {
    method: 'POST',
    route: '/people/:id/plan/goals/:goalId/notes',
    path: f => dev(f, `/plan/goals/${f.development.goalId}/notes`),
    expect: lineManagerOnly(400),
  },
  // 1:1s: private to the two people, so a leader of the area is refused
  { method: 'GET', route: '/one-to-ones', path: at('/one-to-ones'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/people/:id/one-to-ones',
    path: f => dev(f, '/one-to-ones'),
    expect: lineManagerOnly(200),
  },
  {
    method: 'GET',
    route: '/people/:id/one-to-ones/new',
    path: f => dev(f, '/one-to-ones/new'),
    expect: lineManagerOnly(200),
  },
  {
    method: 'POST',
    route: '/people/:id/one-to-ones/new',
    path: f => dev(f, '/one-to-ones/new'),
    expect: lineManagerOnly(400),
  },
  {
    method: 'GET',
    route: '/people/:id/one-to-ones/:meetingId',
    path: f => dev(f, `/one-to-ones/${f.development.meetingId}`),
    expect: lineManagerOnly(200),
  },
  {
    method: 'GET',
    route: '/people/:id/one-to-ones/:meetingId/edit',
    path: f => dev(f, `/one-to-ones/${f.development.meetingId}/edit`),
    expect: lineManagerOnly(200),
  },
  {
    method: 'POST',
    route: '/people/:id/one-to-ones/:meetingId/edit',
    path: f => dev(f, `/one-to-ones/${f.development.meetingId}/edit`),
    expect: lineManagerOnly(400),
  },
  {
    method: 'POST',
    route: '/people/:id/one-to-ones/:meetingId/actions',
    path: f => dev(f, `/one-to-ones/${f.development.meetingId}/actions`),
    expect: lineManagerOnly(400),
  },
  {
    method: 'POST',
    route: '/people/:id/one-to-ones/:meetingId/actions/:actionId/done',
    path: f => dev(f, `/one-to-ones/${f.development.meetingId}/actions/${f.development.actionId}/done`),
    expect: f => lineManagerOnly({ redirect: dev(f, `/one-to-ones/${f.development.meetingId}#actions`) }),
  },
  // Rotations
  {
    method: 'GET',
    route: '/people/:id/rotations',
    path: f => dev(f, '/rotations'),
    expect: lineManagerAndLeader(200),
  },
  {
    method: 'GET',
    route: '/people/:id/rotations/new',
    path: f => dev(f, '/rotations/new'),
    expect: lineManagerAndLeader(200),
  },
  {
    method: 'POST',
    route: '/people/:id/rotations/new',
    path: f => dev(f, '/rotations/new'),
    expect: lineManagerAndLeader(400),
  },
  {
    method: 'GET',
    route: '/people/:id/rotations/:rotationId/edit',
    path: f => dev(f, `/rotations/${f.development.rotationId}/edit`),
    expect: lineManagerAndLeader(200),
  },
  {
    method: 'POST',
    route: '/people/:id/rotations/:rotationId/edit',
    path: f => dev(f, `/rotations/${f.development.rotationId}/edit`),
    expect: lineManagerAndLeader(400),
  },
  // The capability framework: read by everyone signed in; proposals by heads of profession (none
  // of these viewers is one), reviewed by another head of profession or an administrator.
  { method: 'GET', route: '/framework', path: at('/framework'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/framework/skills/:slug',
    path: at('/framework/skills/product-management'),
    expect: signedIn(200),
  },
  { method: 'GET', route: '/framework/versions', path: at('/framework/versions'), expect: signedIn(200) },
  { method: 'GET', route: '/framework/versions/:number', path: at('/framework/versions/1'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/framework/versions/:number/skills/:slug',
    path: at('/framework/versions/1/skills/product-management'),
    expect: signedIn(200),
  },
  { method: 'GET', route: '/framework/proposals', path: at('/framework/proposals'), expect: signedIn(200) },
  { method: 'GET', route: '/framework/proposals/new', path: at('/framework/proposals/new'), expect: signedIn(403) },
  {
    method: 'GET',
    route: '/framework/proposals/new/:kind',
    path: at('/framework/proposals/new/descriptor'),
    expect: signedIn(403),
  },
  {
    method: 'POST',
    route: '/framework/proposals/new/:kind',
    path: at('/framework/proposals/new/descriptor'),
    expect: signedIn(403),
  },
  {
    method: 'GET',
    route: '/framework/proposals/:id',
    path: f => `/framework/proposals/${f.framework.proposalId}`,
    expect: signedIn(200),
  },
  // No version number in the form: refused as out of date, so nothing is approved.
  {
    method: 'POST',
    route: '/framework/proposals/:id/approve',
    path: f => `/framework/proposals/${f.framework.proposalId}/approve`,
    expect: administrators(400),
  },
  {
    method: 'POST',
    route: '/framework/proposals/:id/reject',
    path: f => `/framework/proposals/${f.framework.proposalId}/reject`,
    expect: administrators(400),
  },
  { method: 'GET', route: '/framework/migrate', path: at('/framework/migrate'), expect: administrators(200) },
  {
    method: 'GET',
    route: '/framework/migrate/review',
    path: at('/framework/migrate/review?target=version-1'),
    expect: administrators(200),
  },
  { method: 'POST', route: '/framework/migrate', path: at('/framework/migrate'), expect: administrators(400) },
  // The profession views: leaders (their own area) and heads of profession; administrators are neither
  { method: 'GET', route: '/profession/capability', path: at('/profession/capability'), expect: leaders(200) },
  {
    method: 'GET',
    route: '/profession/capability.csv',
    path: at('/profession/capability.csv?role=associate-product-manager'),
    expect: leaders(200),
  },
  { method: 'GET', route: '/profession/pathway', path: at('/profession/pathway'), expect: leaders(200) },
  // Check-ins and pathways: the associate's check-in is with their line manager (the member)
  {
    method: 'GET',
    route: '/pathway',
    path: at('/pathway'),
    expect: f => ({
      anonymous: 'sign-in',
      member: { redirect: `/people/${f.pathway.ownIds.member}/pathway` },
      editor: { redirect: `/people/${f.pathway.ownIds.editor}/pathway` },
      leader: { redirect: `/people/${f.pathway.ownIds.leader}/pathway` },
      administrator: { redirect: `/people/${f.pathway.ownIds.administrator}/pathway` },
    }),
  },
  { method: 'GET', route: '/people/:id/pathway', path: f => dev(f, '/pathway'), expect: lineManagerAndLeader(200) },
  { method: 'GET', route: '/people/:id/check-ins/new', path: f => dev(f, '/check-ins/new'), expect: signedIn(403) },
  { method: 'POST', route: '/people/:id/check-ins/new', path: f => dev(f, '/check-ins/new'), expect: signedIn(403) },
  {
    method: 'GET',
    route: '/people/:id/check-ins/:checkinId',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}`),
    expect: lineManagerAndLeader(200),
  },
  {
    method: 'GET',
    route: '/people/:id/check-ins/:checkinId/self',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/self`),
    expect: signedIn(403),
  },
  {
    method: 'POST',
    route: '/people/:id/check-ins/:checkinId/self',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/self`),
    expect: signedIn(403),
  },
  {
    method: 'GET',
    route: '/people/:id/check-ins/:checkinId/check',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/check`),
    expect: signedIn(403),
  },
  {
    method: 'POST',
    route: '/people/:id/check-ins/:checkinId/check',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/check`),
    expect: signedIn(403),
  },
  {
    method: 'GET',
    route: '/people/:id/check-ins/:checkinId/review',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/review`),
    expect: lineManagerOnly(200),
  },
  {
    method: 'POST',
    route: '/people/:id/check-ins/:checkinId/review',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/review`),
    expect: lineManagerOnly(400),
  },
  // Not reviewed yet: the line manager is sent to give their view first.
  {
    method: 'GET',
    route: '/people/:id/check-ins/:checkinId/agree',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/agree`),
    expect: f => lineManagerOnly({ redirect: dev(f, `/check-ins/${f.pathway.checkinId}/review`) }),
  },
  {
    method: 'POST',
    route: '/people/:id/check-ins/:checkinId/agree',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/agree`),
    expect: f => lineManagerOnly({ redirect: dev(f, `/check-ins/${f.pathway.checkinId}/review`) }),
  },
  { method: 'GET', route: '/team', path: at('/team'), expect: lineManagerOnly(200) },
  // Confirming or querying agreed levels: the person only; answering a query: the line manager only
  // (the fixture check-in is not agreed, so there is nothing to answer yet).
  {
    method: 'POST',
    route: '/people/:id/check-ins/:checkinId/confirm',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/confirm`),
    expect: signedIn(403),
  },
  {
    method: 'GET',
    route: '/people/:id/check-ins/:checkinId/query',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/query`),
    expect: signedIn(403),
  },
  {
    method: 'POST',
    route: '/people/:id/check-ins/:checkinId/query',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/query`),
    expect: signedIn(403),
  },
  {
    method: 'GET',
    route: '/people/:id/check-ins/:checkinId/answer',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/answer`),
    expect: f => lineManagerOnly({ redirect: dev(f, `/check-ins/${f.pathway.checkinId}`) }),
  },
  {
    method: 'POST',
    route: '/people/:id/check-ins/:checkinId/answer',
    path: f => dev(f, `/check-ins/${f.pathway.checkinId}/answer`),
    expect: f => lineManagerOnly({ redirect: dev(f, `/check-ins/${f.pathway.checkinId}`) }),
  },
  // Peer feedback: the associate asked the editor. Answers are for the associate and their line
  // manager (the member) only: not the colleague asked, not leaders, not administrators.
  { method: 'GET', route: '/feedback', path: at('/feedback'), expect: signedIn(200) },
  { method: 'GET', route: '/feedback/new', path: at('/feedback/new'), expect: signedIn(200) },
  { method: 'POST', route: '/feedback/new', path: at('/feedback/new'), expect: signedIn(400) },
  {
    method: 'GET',
    route: '/feedback/requests/:requestId',
    path: f => `/feedback/requests/${f.feedback.requestId}`,
    expect: lineManagerOnly(200),
  },
  {
    method: 'POST',
    route: '/feedback/requests/:requestId/withdraw',
    path: f => `/feedback/requests/${f.feedback.requestId}/withdraw`,
    expect: signedIn(403),
  },
  { method: 'GET', route: '/people/:id/feedback', path: f => dev(f, '/feedback'), expect: lineManagerOnly(200) },
  {
    method: 'GET',
    route: '/feedback/asks/:askId',
    path: f => `/feedback/asks/${f.feedback.askId}`,
    expect: { anonymous: 'sign-in', member: 403, editor: 200, leader: 403, administrator: 403 },
  },
  {
    method: 'POST',
    route: '/feedback/asks/:askId',
    path: f => `/feedback/asks/${f.feedback.askId}`,
    expect: { anonymous: 'sign-in', member: 403, editor: 400, leader: 403, administrator: 403 },
  },
  // The probe carries no version, so nothing is declined: the colleague is sent back to the request.
  {
    method: 'POST',
    route: '/feedback/asks/:askId/decline',
    path: f => `/feedback/asks/${f.feedback.askId}/decline`,
    expect: f => ({
      anonymous: 'sign-in',
      member: 403,
      editor: { redirect: `/feedback/asks/${f.feedback.askId}` },
      leader: 403,
      administrator: 403,
    }),
  },
  // Products and their strategy: open to read, changed by those responsible for each thing
  { method: 'GET', route: '/products', path: at('/products'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/new',
    path: at('/products/new'),
    expect: { anonymous: 'sign-in', member: 403, editor: 403, leader: 200, administrator: 200 },
  },
  {
    method: 'POST',
    route: '/products/new',
    path: at('/products/new'),
    expect: { anonymous: 'sign-in', member: 403, editor: 403, leader: 400, administrator: 400 },
  },
  { method: 'GET', route: '/products/:id', path: f => thing(f), expect: signedIn(200) },
  { method: 'GET', route: '/products/:id/history', path: f => thing(f, '/history'), expect: signedIn(200) },
  { method: 'GET', route: '/products/:id/strategy.md', path: f => thing(f, '/strategy.md'), expect: signedIn(200) },
  { method: 'GET', route: '/products/:id/edit', path: f => thing(f, '/edit'), expect: strategyEditors(200) },
  { method: 'POST', route: '/products/:id/edit', path: f => thing(f, '/edit'), expect: strategyEditors(400) },
  { method: 'GET', route: '/products/:id/move', path: f => thing(f, '/move?axis=stage'), expect: strategyEditors(200) },
  { method: 'POST', route: '/products/:id/move', path: f => thing(f, '/move'), expect: strategyEditors(400) },
  {
    method: 'GET',
    route: '/products/:id/delete',
    path: f => `/products/${f.products.removableId}/delete`,
    expect: administrators(200),
  },
  {
    method: 'POST',
    route: '/products/:id/delete',
    path: f => `/products/${f.products.removableId}/delete`,
    expect: administrators({ redirect: '/products' }),
  },
  // Objectives: read by everyone signed in; a thing's set by those responsible for its strategy
  { method: 'GET', route: '/objectives', path: at('/objectives?quarter=2026-Q4'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/objectives/things/:id',
    path: f => `/objectives/things/${f.products.id}`,
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/objectives/new',
    path: f => `/objectives/new?quarter=2026-Q4&level=thing&thing=${f.products.id}`,
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/objectives/new',
    path: f => `/objectives/new?quarter=2026-Q4&level=thing&thing=${f.products.id}`,
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/objectives/:id',
    path: f => `/objectives/${f.products.objectiveId}`,
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/objectives/:id/edit',
    path: f => `/objectives/${f.products.objectiveId}/edit`,
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/objectives/:id/edit',
    path: f => `/objectives/${f.products.objectiveId}/edit`,
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/objectives/:id/delete',
    path: f => `/objectives/${f.products.removableObjectiveId}/delete`,
    expect: strategyEditors(200),
  },
  {
    // The member removes the objective, so it has gone (404) by the time the others ask; that they
    // may not is shown by the GET row above and by objectives.routes.test.ts, which share the check.
    method: 'POST',
    route: '/objectives/:id/delete',
    path: f => `/objectives/${f.products.removableObjectiveId}/delete`,
    expect: f => ({
      ...strategyEditors({ redirect: `/objectives/things/${f.products.id}` }),
      editor: 404,
      leader: 404,
      administrator: 404,
    }),
  },
  // Prioritisation, decisions and strategy reviews: read by everyone signed in, changed by those responsible
  {
    method: 'GET',
    route: '/products/:id/prioritisation',
    path: f => thing(f, '/prioritisation'),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/options/new',
    path: f => thing(f, '/prioritisation/options/new'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/prioritisation/options/new',
    path: f => thing(f, '/prioritisation/options/new'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/options/:optionId/edit',
    path: f => option(f, '/edit'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/prioritisation/options/:optionId/edit',
    path: f => option(f, '/edit'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/options/:optionId/remove',
    path: f => thing(f, `/prioritisation/options/${f.products.removableOptionId}/remove`),
    expect: strategyEditors(200),
  },
  {
    // The member removes the option, so it has gone by the time the administrator asks.
    method: 'POST',
    route: '/products/:id/prioritisation/options/:optionId/remove',
    path: f => thing(f, `/prioritisation/options/${f.products.removableOptionId}/remove`),
    expect: f => ({ ...strategyEditors({ redirect: thing(f, '/prioritisation') }), administrator: 404 }),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/options/:optionId/:method',
    path: f => option(f, '/rice'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/prioritisation/options/:optionId/:method',
    path: f => option(f, '/impact-effort'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/impact-effort',
    path: f => thing(f, '/prioritisation/impact-effort'),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/moscow',
    path: f => thing(f, '/prioritisation/moscow'),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/rice',
    path: f => thing(f, '/prioritisation/rice'),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/weighted',
    path: f => thing(f, '/prioritisation/weighted'),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/criteria',
    path: f => thing(f, '/prioritisation/criteria'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/prioritisation/criteria',
    path: f => thing(f, '/prioritisation/criteria'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/balance',
    path: f => thing(f, '/prioritisation/balance'),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/prioritisation/balance/:quarter',
    path: f => thing(f, '/prioritisation/balance/2026-Q4'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/prioritisation/balance/:quarter',
    path: f => thing(f, '/prioritisation/balance/2026-Q4'),
    expect: strategyEditors(400),
  },
  { method: 'GET', route: '/products/:id/decisions', path: f => thing(f, '/decisions'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/:id/decisions/new',
    path: f => thing(f, '/decisions/new'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/decisions/new',
    path: f => thing(f, '/decisions/new'),
    expect: strategyEditors(400),
  },
  { method: 'GET', route: '/products/:id/decisions/:decisionId', path: f => decision(f), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/:id/decisions/:decisionId/edit',
    path: f => decision(f, '/edit'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/decisions/:decisionId/edit',
    path: f => decision(f, '/edit'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/decisions/:decisionId/revisit',
    path: f => decision(f, '/revisit'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/decisions/:decisionId/revisit',
    path: f => decision(f, '/revisit'),
    expect: strategyEditors(400),
  },
  { method: 'GET', route: '/products/:id/reviews', path: f => thing(f, '/reviews'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/:id/reviews/new',
    path: f => thing(f, '/reviews/new'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/reviews/new',
    path: f => thing(f, '/reviews/new'),
    expect: strategyEditors(400),
  },
  { method: 'GET', route: '/products/:id/reviews/:reviewId', path: f => review(f), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/:id/reviews/:reviewId/edit',
    path: f => review(f, '/edit'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/reviews/:reviewId/edit',
    path: f => review(f, '/edit'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/reviews/:reviewId/link',
    path: f => review(f, '/link'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/reviews/:reviewId/link',
    path: f => review(f, '/link'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/reviews/:reviewId/decisions/new',
    path: f => review(f, '/decisions/new'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/reviews/:reviewId/decisions/new',
    path: f => review(f, '/decisions/new'),
    expect: strategyEditors(400),
  },
  {
    // The member unlinks the decision, so the link has gone by the time the administrator asks.
    method: 'POST',
    route: '/products/:id/reviews/:reviewId/decisions/:decisionId/unlink',
    path: f => review(f, `/decisions/${f.products.decisionId}/unlink`),
    expect: f => ({ ...strategyEditors({ redirect: review(f) }), administrator: 404 }),
  },
  // Metrics, roadmap and hypotheses: read by everyone signed in, changed by those responsible
  { method: 'GET', route: '/products/:id/metrics', path: f => thing(f, '/metrics'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/:id/metrics/new',
    path: f => thing(f, '/metrics/new'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/metrics/new',
    path: f => thing(f, '/metrics/new'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/metrics/:metricId',
    path: f => thing(f, `/metrics/${f.products.metricId}`),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/metrics/:metricId/edit',
    path: f => thing(f, `/metrics/${f.products.metricId}/edit`),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/metrics/:metricId/edit',
    path: f => thing(f, `/metrics/${f.products.metricId}/edit`),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/metrics/:metricId/measurements/new',
    path: f => thing(f, `/metrics/${f.products.metricId}/measurements/new`),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/metrics/:metricId/measurements/new',
    path: f => thing(f, `/metrics/${f.products.metricId}/measurements/new`),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/metrics/:metricId/measurements/paste',
    path: f => thing(f, `/metrics/${f.products.metricId}/measurements/paste`),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/metrics/:metricId/measurements/paste',
    path: f => thing(f, `/metrics/${f.products.metricId}/measurements/paste`),
    expect: strategyEditors(400),
  },
  { method: 'GET', route: '/products/:id/roadmap', path: f => thing(f, '/roadmap'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/:id/roadmap/new',
    path: f => thing(f, '/roadmap/new'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/roadmap/new',
    path: f => thing(f, '/roadmap/new'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/roadmap/:itemId',
    path: f => thing(f, `/roadmap/${f.products.itemId}`),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/roadmap/:itemId/edit',
    path: f => thing(f, `/roadmap/${f.products.itemId}/edit`),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/roadmap/:itemId/edit',
    path: f => thing(f, `/roadmap/${f.products.itemId}/edit`),
    expect: strategyEditors(400),
  },
  {
    method: 'POST',
    route: '/products/:id/roadmap/:itemId/move',
    path: f => thing(f, `/roadmap/${f.products.itemId}/move`),
    expect: strategyEditors(400),
  },
  {
    method: 'POST',
    route: '/products/:id/roadmap/:itemId/status',
    path: f => thing(f, `/roadmap/${f.products.itemId}/status`),
    expect: strategyEditors(400),
  },
  { method: 'GET', route: '/products/:id/hypotheses', path: f => thing(f, '/hypotheses'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/:id/hypotheses/new',
    path: f => thing(f, '/hypotheses/new'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/hypotheses/new',
    path: f => thing(f, '/hypotheses/new'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/hypotheses/:hypothesisId',
    path: f => thing(f, `/hypotheses/${f.products.hypothesisId}`),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/hypotheses/:hypothesisId/edit',
    path: f => thing(f, `/hypotheses/${f.products.hypothesisId}/edit`),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/hypotheses/:hypothesisId/edit',
    path: f => thing(f, `/hypotheses/${f.products.hypothesisId}/edit`),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/hypotheses/:hypothesisId/result',
    path: f => thing(f, `/hypotheses/${f.products.hypothesisId}/result`),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/hypotheses/:hypothesisId/result',
    path: f => thing(f, `/hypotheses/${f.products.hypothesisId}/result`),
    expect: strategyEditors(400),
  },
  // Strategy documents: one set of routes for every kind in the registry (each kind is walked below)
  { method: 'GET', route: '/products/:id/:kind', path: f => thing(f, '/problem-statement'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/:id/:kind/edit',
    path: f => thing(f, '/problem-statement/edit'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/:kind/edit',
    path: f => thing(f, '/problem-statement/edit'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/:kind/history',
    path: f => thing(f, '/problem-statement/history'),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/:kind/history/:version',
    path: f => thing(f, '/problem-statement/history/1'),
    expect: signedIn(200),
  },
  {
    method: 'POST',
    route: '/products/:id/:kind/history/:version/restore',
    path: f => thing(f, '/problem-statement/history/1/restore'),
    expect: f => strategyEditors({ redirect: thing(f, '/problem-statement/history') }),
  },
  {
    method: 'GET',
    route: '/products/:id/:kind/compare',
    path: f => thing(f, '/problem-statement/compare'),
    expect: signedIn(200),
  },
  // Kinds with a text format (a Wardley map): download for readers, import for those who change it
  { method: 'GET', route: '/products/:id/:kind/text', path: f => thing(f, '/wardley-map/text'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/:id/:kind/import',
    path: f => thing(f, '/wardley-map/import'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/:kind/import',
    path: f => thing(f, '/wardley-map/import'),
    expect: strategyEditors(400),
  },
  // Working in the open: anyone reads what is published; those who change the strategy publish it
  { method: 'GET', route: '/open', path: at('/open'), expect: everyone(200) },
  { method: 'GET', route: '/open/:slug', path: at('/open/check-the-matrix'), expect: everyone(200) },
  { method: 'GET', route: '/open/:slug/feedback', path: at('/open/check-the-matrix/feedback'), expect: everyone(200) },
  { method: 'POST', route: '/open/:slug/feedback', path: at('/open/check-the-matrix/feedback'), expect: everyone(400) },
  { method: 'GET', route: '/products/:id/publish', path: f => thing(f, '/publish'), expect: signedIn(200) },
  { method: 'POST', route: '/products/:id/publish', path: f => thing(f, '/publish'), expect: strategyEditors(400) },
  {
    method: 'POST',
    route: '/products/:id/publish/withdraw',
    path: f => thing(f, '/publish/withdraw'),
    expect: f => strategyEditors({ redirect: thing(f, '/publish') }),
  },
  {
    method: 'GET',
    route: '/products/:id/publish/history',
    path: f => thing(f, '/publish/history'),
    expect: signedIn(200),
  },
  // Service assessments: open to read, changed by those who change the strategy
  { method: 'GET', route: '/products/:id/assessments', path: f => thing(f, '/assessments'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/products/:id/assessments/new',
    path: f => thing(f, '/assessments/new'),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/assessments/new',
    path: f => thing(f, '/assessments/new'),
    expect: strategyEditors(400),
  },
  {
    method: 'GET',
    route: '/products/:id/assessments/:assessmentId',
    path: f => thing(f, `/assessments/${f.products.assessmentId}`),
    expect: signedIn(200),
  },
  {
    method: 'GET',
    route: '/products/:id/assessments/:assessmentId/edit',
    path: f => thing(f, `/assessments/${f.products.assessmentId}/edit`),
    expect: strategyEditors(200),
  },
  {
    method: 'POST',
    route: '/products/:id/assessments/:assessmentId/edit',
    path: f => thing(f, `/assessments/${f.products.assessmentId}/edit`),
    expect: strategyEditors(400),
  },
  // The team health check: results open to read; rounds run by those who change the strategy;
  // answered only by people on the thing's team onion (the member; administrators are not on it)
  { method: 'GET', route: '/products/:id/health', path: f => thing(f, '/health'), expect: signedIn(200) },
  {
    method: 'POST',
    route: '/products/:id/health/rounds',
    path: f => thing(f, '/health/rounds'),
    expect: f => strategyEditors({ redirect: thing(f, '/health') }),
  },
  {
    method: 'POST',
    route: '/products/:id/health/rounds/:roundId/close',
    path: f => thing(f, `/health/rounds/${f.products.roundId}/close`),
    expect: f => strategyEditors({ redirect: thing(f, '/health') }),
  },
  {
    method: 'POST',
    route: '/products/:id/health/rounds/:roundId/answers',
    path: f => thing(f, `/health/rounds/${f.products.roundId}/answers`),
    expect: { anonymous: 'sign-in', member: 400, editor: 403, leader: 403, administrator: 403 },
  },
  // The portfolio: leaders' views of the things they steer. The organisation's for heads of product
  // and administrators; an area's also for its lead (the matrix's leader leads Matrix area, set by
  // developmentFixtures); a group's also for its senior product manager. The leadership team's
  // balance: heads of product, area leads and administrators.
  { method: 'GET', route: '/portfolio', path: at('/portfolio'), expect: portfolioLeaders(200) },
  { method: 'GET', route: '/portfolio/organisation', path: at('/portfolio/organisation'), expect: administrators(200) },
  {
    method: 'GET',
    route: '/portfolio/organisation/export.csv',
    path: at('/portfolio/organisation/export.csv'),
    expect: administrators(200),
  },
  { method: 'GET', route: '/portfolio/areas/:area', path: at(LEADER_AREA), expect: portfolioLeaders(200) },
  {
    method: 'GET',
    route: '/portfolio/areas/:area/export.csv',
    path: at(`${LEADER_AREA}/export.csv`),
    expect: portfolioLeaders(200),
  },
  {
    method: 'GET',
    route: '/portfolio/areas/:area/groups/:group',
    path: at(`${LEADER_AREA}/groups/Some%20group`),
    expect: portfolioLeaders(200),
  },
  {
    method: 'GET',
    route: '/portfolio/areas/:area/groups/:group/export.csv',
    path: at(`${LEADER_AREA}/groups/Some%20group/export.csv`),
    expect: portfolioLeaders(200),
  },
  // Strategies of areas and the organisation: everyone signed in reads them. Until someone starts
  // one, its address says so (200); heads of product and administrators start the organisation's,
  // an area's lead (the matrix's leader leads Matrix area) and administrators the area's (a 303).
  { method: 'GET', route: '/strategy', path: at('/strategy'), expect: signedIn(200) },
  { method: 'GET', route: '/strategy/organisation', path: at('/strategy/organisation'), expect: signedIn(200) },
  {
    method: 'GET',
    route: '/strategy/areas/:area',
    path: at('/strategy/areas/Matrix%20area'),
    expect: signedIn(200),
  },
  {
    method: 'POST',
    route: '/strategy/organisation',
    path: at('/strategy/organisation'),
    expect: administrators(303),
  },
  {
    method: 'POST',
    route: '/strategy/areas/:area',
    path: at('/strategy/areas/Matrix%20area'),
    expect: { anonymous: 'sign-in', member: 403, editor: 403, leader: 303, administrator: 303 },
  },
  { method: 'GET', route: '/portfolio/balance', path: at('/portfolio/balance'), expect: portfolioLeaders(200) },
  {
    method: 'GET',
    route: '/portfolio/balance/:quarter',
    path: at('/portfolio/balance/2026-Q4'),
    expect: portfolioLeaders(200),
  },
  {
    method: 'POST',
    route: '/portfolio/balance/:quarter',
    path: at('/portfolio/balance/2026-Q4'),
    expect: portfolioLeaders(400),
  },
  // Insight and ideas: read and added by everyone signed in; changed and moderated by those
  // responsible for the thing they are tagged to
  // Evidence packs: the person and who they shared it with; never their line manager (the
  // member), the leader of their area or an administrator
  { method: 'GET', route: '/evidence', path: at('/evidence'), expect: signedIn(200) },
  { method: 'GET', route: '/evidence/new', path: at('/evidence/new'), expect: inProfession(200) },
  { method: 'POST', route: '/evidence/new', path: at('/evidence/new'), expect: inProfession(400) },
  { method: 'GET', route: '/evidence/:packId', path: f => pack(f), expect: sharedWithEditor(200) },
  { method: 'GET', route: '/evidence/:packId/print', path: f => pack(f, '/print'), expect: sharedWithEditor(200) },
  {
    method: 'GET',
    route: '/evidence/:packId/download',
    path: f => pack(f, '/download'),
    expect: sharedWithEditor(200),
  },
  { method: 'GET', route: '/evidence/:packId/delete', path: f => pack(f, '/delete'), expect: signedIn(403) },
  { method: 'POST', route: '/evidence/:packId/delete', path: f => pack(f, '/delete'), expect: signedIn(403) },
  { method: 'GET', route: '/evidence/:packId/edit', path: f => pack(f, '/edit'), expect: signedIn(403) },
  {
    method: 'GET',
    route: '/evidence/:packId/edit/:skill',
    path: f => pack(f, '/edit/product-management'),
    expect: signedIn(403),
  },
  {
    method: 'POST',
    route: '/evidence/:packId/edit/:skill',
    path: f => pack(f, '/edit/product-management'),
    expect: signedIn(403),
  },
  { method: 'GET', route: '/evidence/:packId/share', path: f => pack(f, '/share'), expect: signedIn(403) },
  { method: 'POST', route: '/evidence/:packId/share', path: f => pack(f, '/share'), expect: signedIn(403) },
  {
    method: 'POST',
    route: '/evidence/:packId/share/:personId/stop',
    path: f => pack(f, `/share/${f.pathway.ownIds.editor}/stop`),
    expect: signedIn(403),
  },
  { method: 'GET', route: '/insight', path: at('/insight'), expect: signedIn(200) },
  { method: 'GET', route: '/insight/new', path: at('/insight/new'), expect: signedIn(200) },
  { method: 'POST', route: '/insight/new', path: at('/insight/new'), expect: signedIn(400) },
  { method: 'GET', route: '/insight/moderation', path: at('/insight/moderation'), expect: signedIn(200) },
  { method: 'GET', route: '/insight/:insightId', path: f => piece(f), expect: signedIn(200) },
  { method: 'GET', route: '/insight/:insightId/edit', path: f => piece(f, '/edit'), expect: strategyEditors(200) },
  { method: 'POST', route: '/insight/:insightId/edit', path: f => piece(f, '/edit'), expect: strategyEditors(400) },
  { method: 'GET', route: '/insight/:insightId/tags', path: f => piece(f, '/tags'), expect: strategyEditors(200) },
  { method: 'POST', route: '/insight/:insightId/tags', path: f => piece(f, '/tags'), expect: strategyEditors(400) },
  {
    method: 'POST',
    route: '/insight/:insightId/tags/remove',
    path: f => piece(f, '/tags/remove'),
    expect: strategyEditors(400),
  },
  { method: 'GET', route: '/insight/:insightId/merge', path: f => piece(f, '/merge'), expect: strategyEditors(200) },
  { method: 'POST', route: '/insight/:insightId/merge', path: f => piece(f, '/merge'), expect: strategyEditors(400) },
  {
    // Sent with no version, so nothing is published: the moderator is told to look again.
    method: 'POST',
    route: '/insight/:insightId/approve',
    path: f => `/insight/${f.insight.heldId}/approve`,
    expect: strategyEditors({ redirect: '/insight/moderation' }),
  },
  {
    method: 'GET',
    route: '/insight/:insightId/reject',
    path: f => `/insight/${f.insight.heldId}/reject`,
    expect: strategyEditors(200),
  },
  {
    // The member rejects it, which deletes it, so it has gone by the time the others ask (the
    // GET row above shows that the editor and the leader are refused it while it is held).
    method: 'POST',
    route: '/insight/:insightId/reject',
    path: f => `/insight/${f.insight.rejectableId}/reject`,
    expect: {
      anonymous: 'sign-in',
      member: { redirect: '/insight/moderation' },
      editor: 404,
      leader: 404,
      administrator: 404,
    },
  },
  { method: 'GET', route: '/insight/ideas', path: at('/insight/ideas'), expect: signedIn(200) },
  { method: 'GET', route: '/insight/ideas/new', path: at('/insight/ideas/new'), expect: signedIn(200) },
  { method: 'POST', route: '/insight/ideas/new', path: at('/insight/ideas/new'), expect: signedIn(400) },
  { method: 'GET', route: '/insight/ideas/:ideaId', path: f => idea(f), expect: signedIn(200) },
  { method: 'GET', route: '/insight/ideas/:ideaId/edit', path: f => idea(f, '/edit'), expect: strategyEditors(200) },
  { method: 'POST', route: '/insight/ideas/:ideaId/edit', path: f => idea(f, '/edit'), expect: strategyEditors(400) },
  { method: 'POST', route: '/insight/ideas/:ideaId/links', path: f => idea(f, '/links'), expect: strategyEditors(400) },
  {
    method: 'POST',
    route: '/insight/ideas/:ideaId/links/remove',
    path: f => idea(f, '/links/remove'),
    expect: strategyEditors(400),
  },
]

/**
 * Things for the matrix: one in an area none of the viewers leads, with no owner, whose team
 * onion puts the member in the core team and which has a problem statement; and one to remove.
 */
async function productFixtures(
  ctx: TestContext,
  accounts: { id: string; email: string; name: string }[],
  memberEmail: string,
): Promise<Fixtures['products']> {
  const { products, documents, metrics, roadmap, hypotheses } = ctx.app.services
  const member = accounts.find(a => a.email === memberEmail)
  if (!member) throw new Error('No member for the product fixtures')
  const add = (name: string) =>
    products.create(SYSTEM_ACTOR, {
      kind: 'service',
      name,
      purpose: 'A thing for the authorization matrix',
      ownerId: null,
      team: '',
      group: '',
      area: 'Nobody’s area',
      parentId: null,
      uses: [],
      phase: 'beta',
      stage: 'growth',
    })
  const product = await add('Check the matrix')
  const removable = await add('Remove me')
  const kinds = await import('../src/products/kinds/index.ts')
  const onion = kinds.documentKind('team-onion')
  const problem = kinds.documentKind('problem-statement')
  const map = kinds.documentKind('wardley-map')
  if (!onion || !problem || !map) throw new Error('No document kinds')
  await documents.save(
    SYSTEM_ACTOR,
    product,
    map,
    {
      title: '',
      components: [
        {
          id: 'need',
          name: 'Checker',
          type: 'need',
          visibility: 0.9,
          evolution: 0.5,
          moveTo: null,
          needs: [],
          decoration: '',
        },
      ],
      other: [],
    },
    0,
  )
  await documents.save(
    SYSTEM_ACTOR,
    product,
    onion,
    {
      core: [{ id: 'member', personId: member.id, name: member.name, role: 'Product manager' }],
      collaborators: [],
      supporters: [],
    },
    0,
  )
  await documents.save(
    SYSTEM_ACTOR,
    product,
    problem,
    { problem: 'Nobody checks who may do what', who: '', impact: '', evidence: '' },
    0,
  )
  // Published, so that its public page answers.
  await ctx.app.services.open.publish(SYSTEM_ACTOR, product, new Map(), 0)
  const metric = await metrics.create(SYSTEM_ACTOR, product, {
    name: 'Completion rate',
    definition: 'Applications finished over applications started',
    unit: '%',
    direction: 'higher',
    baseline: 60,
    target: 80,
    targetDate: null,
  })
  await metrics.addMeasurements(SYSTEM_ACTOR, product, metric, [{ measuredOn: '2026-10-31', value: 66, note: '' }])
  const item = await roadmap.add(SYSTEM_ACTOR, product, {
    column: 'now',
    problem: 'People give up at the payment step',
    outcome: 'More finish',
    metricId: metric.id,
  })
  const hypothesis = await hypotheses.create(SYSTEM_ACTOR, product, {
    change: 'a simpler payment page',
    audience: 'everyone paying',
    outcome: 'help more people finish',
    metricId: metric.id,
    target: 75,
    byDate: '2027-03-31',
    roadmapItemId: item.id,
  })
  const assessment = await ctx.app.services.assessments.create(SYSTEM_ACTOR, product, {
    stage: 'before-beta',
    assessOn: null,
  })
  const round = await ctx.app.services.health.open(SYSTEM_ACTOR, product)
  const { prioritisation, decisions, reviews } = ctx.app.services
  const optionId = await prioritisation.addOption(SYSTEM_ACTOR, product, { title: 'Check faster', description: '' })
  const removableOptionId = await prioritisation.addOption(SYSTEM_ACTOR, product, {
    title: 'Remove me',
    description: '',
  })
  const decisionId = await decisions.create(SYSTEM_ACTOR, product, {
    title: 'Check every route',
    proposal: 'Walk every route with every viewer',
    assumptions: 'Routes are added often',
    confidence: 'high',
    expectedValue: 'No page without a rule',
    outcome: 'no',
    reasoning: 'Already done',
    decidedOn: '2026-11-20',
    optionId,
  })
  const reviewId = await reviews.create(SYSTEM_ACTOR, product, {
    heldOn: '2026-11-21',
    attendeeIds: [member.id],
    others: '',
    parts: ['roadmap'],
    notes: '',
  })
  await reviews.link(SYSTEM_ACTOR, product, { ...(await reviews.get(product.id, reviewId)) }, decisionId, 'Nothing')
  const { objectives } = ctx.app.services
  const scope = {
    level: 'thing' as const,
    area: product.area,
    group: product.group,
    productId: product.id,
    name: product.name,
  }
  const objective = (title: string) =>
    objectives.create(SYSTEM_ACTOR, scope, '2026-Q4', {
      title,
      description: '',
      parentId: null,
      metricIds: [metric.id],
      itemIds: [item.id],
    })
  const objectiveId = (await objective('Every route has a rule')).id
  const removableObjectiveId = (await objective('Remove me')).id
  return {
    objectiveId,
    removableObjectiveId,
    id: product.id,
    removableId: removable.id,
    metricId: metric.id,
    itemId: item.id,
    hypothesisId: hypothesis.id,
    assessmentId: assessment.id,
    roundId: round.id,
    optionId,
    removableOptionId,
    decisionId,
    reviewId,
  }
}

/** Insight about the matrix's thing, added by nobody the matrix signs in as. */
async function insightFixtures(ctx: TestContext, products: Fixtures['products']): Promise<Fixtures['insight']> {
  const { insight } = ctx.app.services
  const id = await insight.add(
    SYSTEM_ACTOR,
    {
      title: 'People are refused pages they need',
      kind: 'support',
      source: 'Service desk tickets',
      observedOn: '2026-11-10',
      evidence: 'Twelve tickets in a month',
    },
    [{ productId: products.id, itemId: products.itemId }],
  )
  const heldId = await insight.addFromPublic(products.id, { text: 'Please let me see my own record' })
  const rejectableId = await insight.addFromPublic(products.id, { text: 'Nothing to do with this' })
  const ideaId = await insight.addIdea(
    SYSTEM_ACTOR,
    { title: 'Explain why a page is refused', description: 'Say who can help', itemId: products.itemId },
    [id],
  )
  return { id, heldId, rejectableId, ideaId }
}

const key = (method: string, url: string) => `${method} ${url}`

function expectOutcome(res: InjectResponse, outcome: Outcome, where: string) {
  if (outcome === 'sign-in') {
    expect(res.statusCode, where).toBe(303)
    expect(res.headers.location, where).toMatch(/^\/sign-in(\?|$)/)
  } else if (typeof outcome === 'number') {
    expect(res.statusCode, where).toBe(outcome)
  } else {
    expect(res.statusCode, where).toBe(303)
    expect(res.headers.location, where).toBe(outcome.redirect)
  }
}

/** The headers every answer carries, whoever asks and whatever the status (checklist 12–14, 28). */
function expectSecurityHeaders(res: InjectResponse, signedIn: boolean, where: string) {
  expect(res.headers['x-content-type-options'], where).toBe('nosniff')
  expect(res.headers['strict-transport-security'], where).toMatch(/^max-age=31536000/)
  expect(res.headers['referrer-policy'], where).toBe('same-origin')
  const policy = String(res.headers['content-security-policy'])
  expect(policy, where).toContain("object-src 'none'")
  expect(policy, where).toContain("frame-ancestors 'none'")
  const type = String(res.headers['content-type'] ?? '')
  if (type.startsWith('text/html')) {
    expect(type, where).toBe('text/html; charset=utf-8')
    expect(policy, where).toMatch(/script-src 'self' 'nonce-[^']+'(;|$)/)
    if (signedIn) expect(res.headers['cache-control'], where).toBe('no-store')
  }
}

/**
 * Development records for the matrix: an associate whose line manager is the member and who works
 * in the leader's area (the leader's own area is kept if another fixture already set one), with a
 * goal, a 1:1 with the member holding an action, and a placement.
 */
async function evidenceFixtures(
  ctx: TestContext,
  associateId: string,
  editorEmail: string,
): Promise<Fixtures['evidence']> {
  const { people, evidence } = ctx.app.services
  const associate = await people.get(associateId)
  const viewer = await people.viewer({ id: associate.id, name: associate.name, email: associate.email, role: 'member' })
  if (!viewer) throw new Error('No associate for the evidence fixtures')
  const { pack } = await evidence.create(viewer, 'product-manager')
  await evidence.share(viewer, pack, editorEmail)
  return { packId: pack.id, associateId }
}

async function developmentFixtures(
  ctx: TestContext,
  accounts: { id: string; email: string }[],
  managerEmail: string,
  leaderEmail: string,
  associateEmail: string,
): Promise<Fixtures['development']> {
  const { people, development } = ctx.app.services
  const idOf = (email: string) => accounts.find(p => p.email === email)?.id ?? ''
  const leader = await people.get(idOf(leaderEmail))
  let area = leader.hasProfile ? leader.businessArea : ''
  if (!area) {
    area = 'Matrix area'
    await people.saveProfile(
      SYSTEM_ACTOR,
      leader.id,
      {
        careerRole: leader.careerRole ?? 'lead-product-manager',
        lineManagerId: leader.lineManagerId,
        associateOfId: null,
        businessArea: area,
        group: leader.group,
        dateIntoRole: leader.dateIntoRole,
        headOfProfession: leader.headOfProfession,
        oneToOneCadenceDays: leader.oneToOneCadenceDays,
      },
      leader.version,
    )
  }
  const managerId = idOf(managerEmail)
  const person = await people.saveProfile(
    SYSTEM_ACTOR,
    idOf(associateEmail),
    {
      careerRole: 'associate-product-manager',
      lineManagerId: managerId,
      associateOfId: null,
      businessArea: area,
      group: '',
      dateIntoRole: '2026-09-01',
      headOfProfession: false,
      oneToOneCadenceDays: 14,
    },
    0,
  )
  const manager = { id: managerId, name: 'Mia Member' }
  const goal = await development.addGoal(manager, person, {
    title: 'Run a show and tell',
    measure: 'The team has seen what we learned',
    dueOn: '2027-01-31',
    skills: [],
    status: 'not-started',
    sourceTitle: null,
    sourceUrl: null,
    version: null,
  })
  const meetingId = await development.recordOneToOne(manager, person, {
    withId: managerId,
    heldOn: '2026-11-20',
    agenda: 'Objectives',
    notes: 'Private notes',
    version: null,
  })
  await development.addAction(manager, person, meetingId, {
    text: 'Book a place on the course',
    ownerId: person.id,
    dueOn: '2026-12-01',
  })
  const { actions } = await development.meeting(person.id, meetingId)
  const rotation = await development.addRotation(manager, person, {
    team: 'Payments',
    product: 'Pay a fine',
    phase: 'beta',
    stage: 'growth',
    startedOn: '2026-09-01',
    endedOn: null,
  })
  return { personId: person.id, goalId: goal.id, meetingId, actionId: actions[0]?.id ?? '', rotationId: rotation.id }
}

/**
 * A head of profession (none of the matrix's viewers) proposes two changes to the framework; an
 * administrator approves one, so version 2 exists, and the other stays open.
 */
async function frameworkFixtures(ctx: TestContext, admin: Agent): Promise<Fixtures['framework']> {
  const { people, framework, accounts } = ctx.app.services
  const head = await addPersonWithId(ctx, admin, 'member', 'Hal Head')
  const headId = head.id
  await people.saveProfile(
    SYSTEM_ACTOR,
    headId,
    {
      careerRole: 'head-of-product',
      lineManagerId: null,
      associateOfId: null,
      businessArea: '',
      group: '',
      dateIntoRole: null,
      headOfProfession: true,
      oneToOneCadenceDays: 28,
    },
    0,
  )
  const viewer = await people.viewer({ id: headId, name: head.name, email: head.email, role: 'member' })
  const adminUser = (await accounts.list()).find(p => p.email === 'ada@example.gov.uk')
  const reviewer = adminUser
    ? await people.viewer({ id: adminUser.id, name: adminUser.name, email: adminUser.email, role: 'administrator' })
    : null
  if (!viewer || !reviewer) throw new Error('No head of profession or administrator for the framework fixtures')
  const approved = await framework.propose(
    viewer,
    { kind: 'expectation', payload: { role: 'product-manager', skill: 'product-leadership', level: 'practitioner' } },
    'Product managers lead more here',
  )
  await framework.approve(reviewer, approved.id, '')
  const open = await framework.propose(
    viewer,
    { kind: 'retire-skill', payload: { skill: 'creating-value-for-money' } },
    'Covered elsewhere',
  )
  return { proposalId: open.id }
}

/** The associate submits a check-in to their line manager (the member). */
async function pathwayFixtures(
  ctx: TestContext,
  accounts: { id: string; email: string }[],
  associateId: string,
  emails: Record<Exclude<Viewer, 'anonymous'>, string>,
): Promise<Fixtures['pathway']> {
  const { people, pathway } = ctx.app.services
  const associate = await people.get(associateId)
  const viewer = await people.viewer({ id: associate.id, name: associate.name, email: associate.email, role: 'member' })
  if (!viewer) throw new Error('No associate for the pathway fixtures')
  const draft = await pathway.startCheckin(viewer, associate.id)
  const { skills } = await pathway.checkin(associate.id, draft.id)
  const ratings = Object.fromEntries(skills.map(s => [s.skill.slug, { level: 'working' as const, evidence: '' }]))
  await pathway.saveSelf(viewer, associate.id, draft.id, { ratings }, draft.version, true)
  const idOf = (email: string) => accounts.find(a => a.email === email)?.id ?? ''
  return {
    checkinId: draft.id,
    ownIds: {
      member: idOf(emails.member),
      editor: idOf(emails.editor),
      leader: idOf(emails.leader),
      administrator: idOf(emails.administrator),
    },
  }
}

/** The associate asks the editor for feedback on one skill. */
async function feedbackFixtures(ctx: TestContext, associateId: string, editorEmail: string) {
  const { people, feedback } = ctx.app.services
  const associate = await people.get(associateId)
  const editor = await people.findByEmail(editorEmail)
  const viewer = await people.viewer({ id: associate.id, name: associate.name, email: associate.email, role: 'member' })
  if (!viewer || !editor) throw new Error('No associate or editor for the feedback fixtures')
  const skill = (await feedback.skillChoices())[0]?.slug ?? ''
  const requestId = await feedback.ask(viewer, { colleagues: [editor.id], skills: [skill], note: '' })
  const asked = await feedback.waitingFor(editor.id)
  return { requestId, askId: asked[0]?.askId ?? '' }
}

describe('authorization matrix', () => {
  let ctx: TestContext
  let routes: SeenRoute[]
  let fixtures: Fixtures
  const agents = {} as Record<Viewer, Agent>
  const tokens = {} as Record<Viewer, string>
  const emails = {} as Record<Exclude<Viewer, 'anonymous'>, string>

  beforeAll(async () => {
    ctx = await buildTestApp()
    routes = [...registeredRoutes]
    const admin = await setUpInstallation(ctx)
    const member = await addPerson(ctx, admin, 'member', 'Mia Member')
    const editor = await addPerson(ctx, admin, 'editor', 'Ed Editor')
    const leader = await addPerson(ctx, admin, 'leader', 'Lee Leader')
    const subject = await addPerson(ctx, admin, 'member', 'Sol Subject')
    const associate = await addPerson(ctx, admin, 'member', 'Ava Associate')
    Object.assign(agents, { anonymous: new Agent(ctx.app), member, editor, leader, administrator: admin })
    Object.assign(emails, {
      member: member.email,
      editor: editor.email,
      leader: leader.email,
      administrator: 'ada@example.gov.uk',
    })

    // A second version of the page, so there is something to compare.
    const editPage = await admin.get('/handbook/scrum/edit')
    const saved = await admin.post('/handbook/scrum/edit', {
      ...formFields(editPage.body, '/handbook/scrum/edit'),
      summary: 'A framework for delivering products in short cycles.',
      changeNote: 'Shorter summary',
    })
    expect(saved.statusCode).toBe(303)

    // A suggestion by the member.
    const suggestPage = await member.get('/handbook/scrum/suggest')
    const suggested = await member.post('/handbook/scrum/suggest', {
      ...formFields(suggestPage.body, '/handbook/scrum/suggest'),
      body: 'Scrum, as we practise it.',
      reason: 'Shorter is better',
    })
    expect(suggested.statusCode).toBe(303)
    const suggestionId = String(suggested.headers.location).split('/').pop() ?? ''
    const scrumPage = await ctx.app.services.handbook.page('scrum')
    await ctx.app.services.handbookOwners.give(scrumPage, { useful: true, comment: '' })
    const feedbackId = (await ctx.app.services.handbookOwners.answersFor(scrumPage.id))[0]?.id ?? ''

    const people = await ctx.app.services.accounts.list()
    const sections = await ctx.app.services.handbook.sections()
    fixtures = {
      slug: 'scrum',
      sectionSlug: sections[0]?.slug ?? '',
      personId: people.find(p => p.email === subject.email)?.id ?? '',
      suggestionId,
      feedbackId,
      asset: assetUrl(loadManifest(), 'app.css'),
      development: { personId: '', goalId: '', meetingId: '', actionId: '', rotationId: '' },
      framework: { proposalId: '' },
      pathway: { checkinId: '', ownIds: { member: '', editor: '', leader: '', administrator: '' } },
      products: {
        id: '',
        removableId: '',
        metricId: '',
        itemId: '',
        hypothesisId: '',
        assessmentId: '',
        roundId: '',
        optionId: '',
        removableOptionId: '',
        decisionId: '',
        reviewId: '',
        objectiveId: '',
        removableObjectiveId: '',
      },
      insight: { id: '', heldId: '', rejectableId: '', ideaId: '' },
      evidence: { packId: '', associateId: '' },
      feedback: { requestId: '', askId: '' },
    }
    fixtures.framework = await frameworkFixtures(ctx, admin)
    fixtures.development = await developmentFixtures(ctx, people, member.email, leader.email, associate.email)
    fixtures.pathway = await pathwayFixtures(ctx, people, fixtures.development.personId, emails)
    fixtures.products = await productFixtures(ctx, people, member.email)
    fixtures.insight = await insightFixtures(ctx, fixtures.products)
    fixtures.evidence = await evidenceFixtures(ctx, fixtures.development.personId, editor.email)
    fixtures.feedback = await feedbackFixtures(ctx, fixtures.development.personId, editor.email)
    tokens.anonymous = await agents.anonymous.token('/sign-in')
    for (const viewer of VIEWERS.filter(v => v !== 'anonymous')) tokens[viewer] = await agents[viewer].token()
  })
  afterAll(() => ctx.close())

  it('has exactly one row for each route the app serves', () => {
    const served = new Set<string>()
    for (const route of routes) {
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      for (const method of methods) if (method !== 'HEAD') served.add(key(method, route.url))
    }
    const rows = ROWS.map(r => key(r.method, r.route))
    expect(new Set(rows).size, 'a route has two rows').toBe(rows.length)
    expect([...served].sort()).toEqual([...rows].sort())
  })

  it('has every route say who may reach it', () => {
    const undeclared = routes
      .filter(route => route.access !== 'public' && route.access !== 'signed-in')
      .map(route => key(String(route.method), route.url))
    expect(undeclared).toEqual([])
  })

  it('uses real records for the routes with parameters', () => {
    expect(fixtures.suggestionId).toMatch(/^[0-9a-f-]{36}$/)
    expect(fixtures.personId).not.toBe('')
    expect(fixtures.sectionSlug).not.toBe('')
    for (const row of ROWS) expect(ctx.app.hasRoute({ method: row.method, url: row.route }), row.route).toBe(true)
  })

  it.each(ROWS.map(row => [`${row.method} ${row.route}`, row] as const))('%s', async (_name, row) => {
    const expected = typeof row.expect === 'function' ? row.expect(fixtures) : row.expect
    const path = row.path(fixtures)
    for (const viewer of VIEWERS) {
      let agent = agents[viewer]
      let token = tokens[viewer]
      if (row.fresh && viewer !== 'anonymous') {
        agent = await signIn(ctx, emails[viewer], TEST_PASSWORD)
        token = await agent.token()
      }
      const res =
        row.method === 'GET'
          ? await agent.get(path)
          : await agent.post(path, { _csrf: token, probe: 'authorization matrix' })
      const where = `${row.method} ${path} as ${viewer}`
      expectOutcome(res, expected[viewer], where)
      expect(res.statusCode, where).toBeLessThan(500)
      if (res.statusCode === 403) expect($(res.body)('h1').text(), where).toMatch(/cannot see this page/)
      expectSecurityHeaders(res, viewer !== 'anonymous', where)
    }
  })

  it('walks every kind of strategy document in the registry', async () => {
    const { DOCUMENT_KINDS } = await import('../src/products/kinds/index.ts')
    for (const kind of DOCUMENT_KINDS) {
      const show = thing(fixtures, `/${kind.slug}`)
      for (const viewer of VIEWERS) {
        const expected = { show: signedIn(200)[viewer], edit: strategyEditors(200)[viewer] }
        expectOutcome(await agents[viewer].get(show), expected.show, `GET ${show} as ${viewer}`)
        expectOutcome(await agents[viewer].get(`${show}/edit`), expected.edit, `GET ${show}/edit as ${viewer}`)
        expectOutcome(await agents[viewer].get(`${show}/history`), expected.show, `GET ${show}/history as ${viewer}`)
      }
    }
  })

  it('logs each refusal as an authorization failure with who and where', async () => {
    const before = ctx.logs.length
    await agents.member.get('/admin/settings')
    const events = ctx.logs
      .slice(before)
      .map(line => JSON.parse(line) as Record<string, unknown>)
      .filter(e => e.event === 'authorization-failure')
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ route: '/admin/settings', method: 'GET', reason: 'ForbiddenError' })
    expect(typeof events[0]?.userId).toBe('string')
  })
})

describe('object-level access to suggestions', () => {
  let ctx: TestContext
  let admin: Agent
  let author: Agent
  let other: Agent
  let editor: Agent
  let suggestionUrl: string

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    author = await addPerson(ctx, admin, 'member', 'Ann Author')
    other = await addPerson(ctx, admin, 'member', 'Otto Other')
    editor = await addPerson(ctx, admin, 'editor', 'Eve Editor')
    const form = await author.get('/handbook/scrum/suggest')
    const res = await author.post('/handbook/scrum/suggest', {
      ...formFields(form.body, '/handbook/scrum/suggest'),
      body: 'A private draft of the scrum page.',
      reason: 'It is out of date',
    })
    expect(res.statusCode).toBe(303)
    suggestionUrl = String(res.headers.location)
  })
  afterAll(() => ctx.close())

  it('lets the author see their own suggestion', async () => {
    const res = await author.get(suggestionUrl)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('A private draft of the scrum page.')
  })

  it('refuses another member, without showing any of it', async () => {
    const res = await other.get(suggestionUrl)
    expect(res.statusCode).toBe(403)
    expect(res.body).not.toContain('A private draft')
    const mine = await other.get('/handbook/suggestions/mine')
    expect(mine.body).not.toContain(suggestionUrl)
  })

  it('refuses another member deciding it', async () => {
    const token = await author.token()
    const res = await author.post(`${suggestionUrl}/accept`, { _csrf: token, body: 'Accepted by me', pageVersion: '1' })
    expect(res.statusCode).toBe(403)
    const decline = await other.post(`${suggestionUrl}/decline`, { _csrf: await other.token(), reason: 'No' })
    expect(decline.statusCode).toBe(403)
  })

  it('lets editors and administrators review it', async () => {
    expect((await editor.get(suggestionUrl)).statusCode).toBe(200)
    expect((await admin.get(suggestionUrl)).statusCode).toBe(200)
  })

  it('answers 404 for a suggestion that does not exist, whoever asks', async () => {
    const missing = '/handbook/suggestions/00000000-0000-4000-8000-000000000000'
    expect((await other.get(missing)).statusCode).toBe(404)
    expect((await editor.get(missing)).statusCode).toBe(404)
  })
})

describe('object-level access to an associate’s records for their associated senior product manager', () => {
  let ctx: TestContext
  let senior: Agent
  let manager: Agent
  let plan: string
  let goal: string
  let pathwayPage: string
  let checkin: string

  beforeAll(async () => {
    ctx = await buildTestApp()
    const admin = await setUpInstallation(ctx)
    const associate = await addPersonWithId(ctx, admin, 'member', 'Ava Associate')
    const lineManager = await addPersonWithId(ctx, admin, 'member', 'Mel Manager')
    const associated = await addPersonWithId(ctx, admin, 'member', 'Sam Senior')
    manager = lineManager
    senior = associated
    const { people, development, pathway } = ctx.app.services
    const profile = (careerRole: string, more: { lineManagerId?: string; associateOfId?: string } = {}) => ({
      careerRole,
      lineManagerId: more.lineManagerId ?? null,
      associateOfId: more.associateOfId ?? null,
      businessArea: 'Digital',
      group: '',
      dateIntoRole: '2026-01-05',
      headOfProfession: false,
      oneToOneCadenceDays: 28,
    })
    await people.saveProfile(SYSTEM_ACTOR, lineManager.id, profile('senior-product-manager'), 0)
    await people.saveProfile(SYSTEM_ACTOR, associated.id, profile('senior-product-manager'), 0)
    const person = await people.saveProfile(
      SYSTEM_ACTOR,
      associate.id,
      profile('associate-product-manager', { lineManagerId: lineManager.id, associateOfId: associated.id }),
      0,
    )
    const added = await development.addGoal({ id: associate.id, name: associate.name }, person, {
      title: 'Run a show and tell',
      measure: 'The team has seen what we learned',
      dueOn: '2027-01-31',
      skills: [],
      status: 'not-started',
      sourceTitle: null,
      sourceUrl: null,
      version: null,
    })
    const viewer = await people.viewer({
      id: associate.id,
      name: associate.name,
      email: associate.email,
      role: 'member',
    })
    if (!viewer) throw new Error('No associate')
    const draft = await pathway.startCheckin(viewer, associate.id)
    const { skills } = await pathway.checkin(associate.id, draft.id)
    const ratings = Object.fromEntries(skills.map(s => [s.skill.slug, { level: 'working' as const, evidence: '' }]))
    await pathway.saveSelf(viewer, associate.id, draft.id, { ratings }, draft.version, true)
    plan = `/people/${associate.id}/plan`
    goal = `${plan}/goals/${added.id}`
    pathwayPage = `/people/${associate.id}/pathway`
    checkin = `/people/${associate.id}/check-ins/${draft.id}`
  })
  afterAll(() => ctx.close())

  const ask = async (agent: Agent, method: 'GET' | 'POST', path: string) =>
    method === 'GET'
      ? (await agent.get(path)).statusCode
      : (await agent.post(path, { _csrf: await agent.token(), probe: 'authorization matrix' })).statusCode

  it('lets them see and change the development plan, as the line manager does', async () => {
    const rows: [method: 'GET' | 'POST', path: string, status: number][] = [
      ['GET', plan, 200],
      ['GET', goal, 200],
      ['GET', `${plan}/goals/new`, 200],
      ['POST', `${plan}/goals/new`, 400],
      ['GET', `${goal}/edit`, 200],
      ['POST', `${goal}/edit`, 400],
      ['POST', `${goal}/notes`, 400],
    ]
    for (const [method, path, status] of rows) {
      expect(await ask(senior, method, path), `${method} ${path} as the associated senior`).toBe(status)
      expect(await ask(manager, method, path), `${method} ${path} as the line manager`).toBe(status)
    }
  })

  it('refuses them the pathway and every check-in, which the line manager sees', async () => {
    for (const path of [pathwayPage, checkin, `${checkin}/review`, `${checkin}/agree`])
      expect(await ask(senior, 'GET', path), `GET ${path}`).toBe(403)
    for (const path of [`${checkin}/review`, `${checkin}/agree`])
      expect(await ask(senior, 'POST', path), `POST ${path}`).toBe(403)
    expect(await ask(manager, 'GET', pathwayPage)).toBe(200)
    expect(await ask(manager, 'GET', checkin)).toBe(200)
  })
})

describe('the public handbook', () => {
  let ctx: TestContext
  let admin: Agent
  const anonymous = () => new Agent(ctx.app)

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  it('is closed to the public until an administrator opens it', async () => {
    const res = await anonymous().get('/handbook')
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fhandbook')
    const page = await anonymous().get('/handbook/scrum')
    expect(page.statusCode).toBe(303)
    expect(page.headers.location).toBe('/sign-in?returnTo=%2Fhandbook%2Fscrum')
    expect((await anonymous().get('/')).headers.location).toBe('/sign-in')
  })

  it('opens to the public when switched on in the settings, hiding who changed each page', async () => {
    const form = await admin.get('/admin/settings')
    const saved = await admin.post('/admin/settings', {
      ...formFields(form.body, '/admin/settings'),
      publicHandbook: 'on',
    })
    expect(saved.statusCode).toBe(303)

    const visitor = anonymous()
    const contents = await visitor.get('/handbook')
    expect(contents.statusCode).toBe(200)
    expect($(contents.body)('h1').text()).toBe('Handbook')

    const page = await visitor.get('/handbook/scrum')
    expect(page.statusCode).toBe(200)
    const lastChanged = $(page.body)('[data-testid="last-changed"]').text()
    expect(lastChanged).toContain('Last changed on')
    expect(lastChanged).not.toContain('Ada Admin')
    expect(page.body).not.toContain('Ada Admin')
    expect($(page.body)('a[href="/handbook/scrum/history"]').length).toBe(0)

    // Signed-in readers still see who changed it.
    const signedInPage = await admin.get('/handbook/scrum')
    expect($(signedInPage.body)('[data-testid="last-changed"]').text()).toContain('Ada Admin')

    // Opening the handbook opens nothing else.
    expect((await visitor.get('/handbook/scrum/history')).statusCode).toBe(303)
    expect((await visitor.get('/handbook/scrum/suggest')).statusCode).toBe(303)
    expect((await visitor.get('/')).statusCode).toBe(200)
  })
})
