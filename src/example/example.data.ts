// The worked example: a fictional department's product people and the things they look after,
// written once, here, as plain data. Nothing is random: loading it twice on two installations
// gives the same people, teams, strategies and check-in levels (only ids and dates, which follow
// today, differ). example.service.ts turns it into records through the other capabilities'
// services.
//
// Each thing's strategy is one object literal (`strategy`), with a property per kind of document
// and per relational part (metrics, roadmap, hypotheses, prioritisation, decisions, reviews, an
// assessment and the team health check). A new part of the strategy is a new optional property on
// ExampleStrategy and a few lines in the service that saves it. Dates are given in days from the
// day the example is loaded, so measurements, reviews and decisions always look recent.
import type { AssessmentStage, PointStatus } from '../products/assessments/assessments.types.ts'
import type { Confidence, Outcome } from '../products/decisions/decisions.types.ts'
import type { HealthAnswers } from '../products/health/health.types.ts'
import type { Result } from '../products/hypotheses/hypotheses.types.ts'
import type { Direction } from '../products/metrics/metrics.types.ts'
import type { ClassCounts, Moscow, Rice } from '../products/prioritisation/prioritisation.types.ts'
import type { REVIEW_PARTS } from '../products/reviews/reviews.types.ts'
import type { Column, Decision as ItemDecision } from '../products/roadmap/roadmap.types.ts'

/** The career roles of the bundled framework, most junior first. */
export type ExampleRole =
  | 'associate-product-manager'
  | 'product-manager'
  | 'senior-product-manager'
  | 'lead-product-manager'
  | 'head-of-product'

/**
 * How far each person's latest check-in has gone: drafted, sent to their line manager, given the
 * line manager's view, or agreed. Null: they have not started one.
 */
export type CheckinStage = 'draft' | 'submitted' | 'reviewed' | 'agreed'

export interface ExampleGoal {
  readonly title: string
  readonly measure: string
  /** Due this many days from the day the example is loaded. */
  readonly dueInDays: number
  /** Skills it is linked to, by slug: those the current framework does not have are left out. */
  readonly skills: readonly string[]
  readonly status: 'not-started' | 'in-progress' | 'done'
}

export interface ExamplePerson {
  /** How the rest of the example names them. */
  readonly key: string
  readonly name: string
  /** Their career role; if the installation's pathway shape has no such role, the nearest one below. */
  readonly role: ExampleRole
  readonly area: string
  readonly group: string
  /** Their line manager's key. */
  readonly manager: string | null
  /** For associates: the senior product manager they are associated with. */
  readonly associateOf?: string
  /** How long ago they moved into their role. */
  readonly monthsInRole: number
  /** Leaders see their own area's people and the profession views. */
  readonly account: 'member' | 'leader'
  readonly checkin: CheckinStage | null
  readonly goals?: readonly ExampleGoal[]
}

export const EXAMPLE_AREAS = ['Licensing and permits', 'Grants and support'] as const
const LICENSING = EXAMPLE_AREAS[0]
const GRANTS = EXAMPLE_AREAS[1]

const TRADING = 'Trading and premises'
const ENVIRONMENT = 'Environmental permits'
const FOOD = 'Food safety'
const COMMUNITY = 'Community grants'
const HOUSEHOLD = 'Household support'
const BUSINESS = 'Business support'

type Row = [
  key: string,
  name: string,
  role: ExampleRole,
  area: string,
  group: string,
  manager: string | null,
  monthsInRole: number,
  checkin: CheckinStage | null,
  associateOf?: string,
]

const HEAD = 'head-of-product'
const LEAD = 'lead-product-manager'
const SENIOR = 'senior-product-manager'
const PM = 'product-manager'
const APM = 'associate-product-manager'

// One head of product; a lead product manager for each area; a senior product manager for each
// group; product managers reporting to their group's senior; associates reporting to a product
// manager and associated with their group's senior.
const ROWS: readonly Row[] = [
  ['nadia', 'Nadia Okafor', HEAD, '', '', null, 30, null],

  ['tom', 'Tom Hargreaves', LEAD, LICENSING, '', 'nadia', 26, 'agreed'],
  ['fiona', 'Fiona MacLeod', LEAD, GRANTS, '', 'nadia', 17, 'agreed'],

  ['aisha', 'Aisha Rahman', SENIOR, LICENSING, TRADING, 'tom', 22, 'agreed'],
  ['gareth', 'Gareth Lloyd', SENIOR, LICENSING, ENVIRONMENT, 'tom', 40, 'agreed'],
  ['meilin', 'Mei Lin Chen', SENIOR, LICENSING, FOOD, 'tom', 9, 'submitted'],
  ['daniel', 'Daniel Osei', SENIOR, GRANTS, COMMUNITY, 'fiona', 14, 'agreed'],
  ['sophie', 'Sophie Turner', SENIOR, GRANTS, HOUSEHOLD, 'fiona', 31, 'agreed'],
  ['rajesh', 'Rajesh Patel', SENIOR, GRANTS, BUSINESS, 'fiona', 6, 'reviewed'],

  ['ellie', 'Ellie Watson', PM, LICENSING, TRADING, 'aisha', 19, 'agreed'],
  ['marcus', 'Marcus Bell', PM, LICENSING, TRADING, 'aisha', 8, 'agreed'],
  ['hannah', 'Hannah Price', PM, LICENSING, TRADING, 'aisha', 4, 'submitted'],
  ['isabel', 'Isabel Costa', PM, LICENSING, TRADING, 'aisha', 27, null],
  ['owen', 'Owen Jenkins', PM, LICENSING, ENVIRONMENT, 'gareth', 12, 'agreed'],
  ['zara', 'Zara Ahmed', PM, LICENSING, ENVIRONMENT, 'gareth', 3, 'draft'],
  ['liam', 'Liam Doherty', PM, LICENSING, ENVIRONMENT, 'gareth', 33, 'agreed'],
  ['grace', 'Grace Adeyemi', PM, LICENSING, FOOD, 'meilin', 21, 'agreed'],
  ['callum', 'Callum Fraser', PM, LICENSING, FOOD, 'meilin', 10, 'reviewed'],
  ['priya', 'Priya Nair', PM, LICENSING, FOOD, 'meilin', 15, 'agreed'],
  ['ben', 'Ben Whitaker', PM, LICENSING, FOOD, 'meilin', 5, 'submitted'],
  ['chloe', 'Chloe Evans', PM, GRANTS, COMMUNITY, 'daniel', 11, 'agreed'],
  ['samuel', 'Samuel Mensah', PM, GRANTS, COMMUNITY, 'daniel', 24, 'agreed'],
  ['kirsty', 'Kirsty Campbell', PM, GRANTS, COMMUNITY, 'daniel', 7, 'draft'],
  ['ravi', 'Ravi Sharma', PM, GRANTS, COMMUNITY, 'daniel', 36, null],
  ['lucy', 'Lucy Morgan', PM, GRANTS, HOUSEHOLD, 'sophie', 16, 'agreed'],
  ['jamal', 'Jamal Hussain', PM, GRANTS, HOUSEHOLD, 'sophie', 9, 'submitted'],
  ['emma', 'Emma Walsh', PM, GRANTS, HOUSEHOLD, 'sophie', 2, 'draft'],
  ['harry', 'Harry Lewis', PM, GRANTS, HOUSEHOLD, 'sophie', 20, 'reviewed'],
  ['ryan', "Ryan O'Connor", PM, GRANTS, BUSINESS, 'rajesh', 13, 'agreed'],
  ['nia', 'Nia Williams', PM, GRANTS, BUSINESS, 'rajesh', 29, null],
  ['adam', 'Adam Kowalski', PM, GRANTS, BUSINESS, 'rajesh', 18, 'submitted'],

  ['freya', 'Freya Scott', APM, LICENSING, TRADING, 'ellie', 8, 'agreed', 'aisha'],
  ['kwame', 'Kwame Asante', APM, LICENSING, TRADING, 'marcus', 4, 'submitted', 'aisha'],
  ['olivia', 'Olivia Hart', APM, LICENSING, TRADING, 'hannah', 1, null, 'aisha'],
  ['jack', 'Jack Morris', APM, LICENSING, ENVIRONMENT, 'owen', 7, 'agreed', 'gareth'],
  ['amira', 'Amira Haddad', APM, LICENSING, ENVIRONMENT, 'zara', 2, 'draft', 'gareth'],
  ['dylan', 'Dylan Rees', APM, LICENSING, ENVIRONMENT, 'liam', 5, null, 'gareth'],
  ['sana', 'Sana Malik', APM, LICENSING, FOOD, 'grace', 9, 'agreed', 'meilin'],
  ['tomasz', 'Tomasz Nowak', APM, LICENSING, FOOD, 'callum', 3, 'submitted', 'meilin'],
  ['ruby', 'Ruby Clarke', APM, LICENSING, FOOD, 'priya', 6, 'agreed', 'meilin'],
  ['ethan', 'Ethan Brooks', APM, LICENSING, FOOD, 'ben', 1, null, 'meilin'],
  ['leah', 'Leah Goldberg', APM, GRANTS, COMMUNITY, 'chloe', 8, 'agreed', 'daniel'],
  ['yusuf', 'Yusuf Ali', APM, GRANTS, COMMUNITY, 'samuel', 4, 'submitted', 'daniel'],
  ['megan', 'Megan Hughes', APM, GRANTS, COMMUNITY, 'kirsty', 2, 'draft', 'daniel'],
  ['ciara', 'Ciara Byrne', APM, GRANTS, HOUSEHOLD, 'lucy', 6, 'agreed', 'sophie'],
  ['noah', 'Noah Grant', APM, GRANTS, HOUSEHOLD, 'jamal', 3, null, 'sophie'],
  ['aaliyah', 'Aaliyah Johnson', APM, GRANTS, HOUSEHOLD, 'emma', 5, 'submitted', 'sophie'],
  ['finn', 'Finn Murray', APM, GRANTS, BUSINESS, 'ryan', 7, 'agreed', 'rajesh'],
  ['imogen', 'Imogen Shaw', APM, GRANTS, BUSINESS, 'nia', 1, null, 'rajesh'],
  ['arjun', 'Arjun Mehta', APM, GRANTS, BUSINESS, 'adam', 4, 'draft', 'rajesh'],
]

/** Development plans: a few goals for some of the people, in the words they might use. */
const GOALS: Readonly<Record<string, readonly ExampleGoal[]>> = {
  freya: [
    {
      title: 'Run a sprint review on my own',
      measure: 'Ellie watches one review and gives me feedback afterwards',
      dueInDays: 45,
      skills: ['agile-and-lean-practices', 'working-with-agility'],
      status: 'in-progress',
    },
    {
      title: 'Write the problem statement for licence renewals',
      measure: 'The team agrees it at the next strategy meeting',
      dueInDays: 90,
      skills: ['product-management', 'problem-ownership'],
      status: 'not-started',
    },
  ],
  kwame: [
    {
      title: 'Sit in on five user research sessions',
      measure: 'I can tell the team three things we learned that surprised us',
      dueInDays: 60,
      skills: ['applying-user-centred-insights', 'user-focus'],
      status: 'in-progress',
    },
  ],
  jack: [
    {
      title: 'Spend two weeks with the permits casework team',
      measure: 'A short write-up of what slows caseworkers down, shared with the team',
      dueInDays: 30,
      skills: ['applying-user-centred-insights', 'user-focus'],
      status: 'done',
    },
  ],
  sana: [
    {
      title: 'Own the backlog for inspection bookings for a quarter',
      measure: 'Every item in the next three sprints has acceptance criteria the team understands',
      dueInDays: 100,
      skills: ['product-management', 'product-ownership'],
      status: 'in-progress',
    },
  ],
  leah: [
    {
      title: 'Learn how grant funding is approved',
      measure: 'I can explain the approval route to a new joiner without notes',
      dueInDays: 75,
      skills: ['creating-value-for-money', 'financial-ownership'],
      status: 'not-started',
    },
  ],
  ciara: [
    {
      title: 'Help plan the retirement of the heating costs service',
      measure: 'A list of who still uses it and where each group will go instead',
      dueInDays: 50,
      skills: ['life-cycle-management', 'lifecycle-perspective'],
      status: 'in-progress',
    },
  ],
  hannah: [
    {
      title: 'Take licence renewals through an alpha assessment',
      measure: 'The service passes, or we know exactly what to fix',
      dueInDays: 120,
      skills: ['life-cycle-management', 'lifecycle-perspective'],
      status: 'in-progress',
    },
  ],
  zara: [
    {
      title: 'Map who we depend on for river works permits',
      measure: 'A stakeholder map the team and the Environment Agency both recognise',
      dueInDays: 40,
      skills: ['stakeholder-relationship-management', 'understanding-constraints'],
      status: 'not-started',
    },
  ],
  kirsty: [
    {
      title: 'Set up the measures for the eligibility checker',
      measure: 'Completion rate and drop-off by question on a dashboard the team looks at weekly',
      dueInDays: 35,
      skills: ['managing-product-outcomes', 'product-ownership'],
      status: 'in-progress',
    },
  ],
  meilin: [
    {
      title: 'Coach two product managers through their first roadmap',
      measure: 'Both roadmaps are shown at a show and tell',
      dueInDays: 150,
      skills: ['coaching', 'product-leadership', 'strategy-ownership'],
      status: 'not-started',
    },
  ],
  rajesh: [
    {
      title: 'Agree a shared strategy for the business support group',
      measure: 'One vision for the group that all three product managers use',
      dueInDays: 110,
      skills: ['strategic-ownership', 'strategy-ownership', 'business-strategy'],
      status: 'in-progress',
    },
  ],
}

export const EXAMPLE_PEOPLE: readonly ExamplePerson[] = ROWS.map(
  ([key, name, role, area, group, manager, monthsInRole, checkin, associateOf]) => ({
    key,
    name,
    role,
    area,
    group,
    manager,
    monthsInRole,
    checkin,
    account: role === HEAD || role === LEAD ? 'leader' : 'member',
    ...(associateOf ? { associateOf } : {}),
    ...(GOALS[key] ? { goals: GOALS[key] } : {}),
  }),
)

// ---- Words for check-ins -------------------------------------------------------------------------

/** What people wrote as evidence, used in turn (deterministically) across skills and people. */
export const EVIDENCE: readonly string[] = [
  'Led the team through three rounds of research and changed our priorities because of what we heard.',
  'Wrote and refreshed our problem statement, and used it to say no to two requests that did not fit.',
  'Ran our quarterly strategy meeting and kept a record of what we decided and why.',
  'Worked with finance to show what the service costs per application, and where we could save.',
  'Kept the backlog in order and made sure every item said what problem it solved.',
  'Brought policy, operations and the supplier together to agree a date for the next release.',
  'Set up measures for completion rate and user satisfaction and reported them each month.',
  'Helped an associate product manager plan their first sprint review.',
]

/** What line managers wrote beside their view of a skill. */
export const MANAGER_NOTES: readonly string[] = [
  'Good examples. I would like to see this across more than one team.',
  'Agreed. This was clear in the way you handled the last assessment.',
  'You are close to the next level: keep taking the lead in meetings with policy.',
  'Strong, and others in the group now ask for your help with it.',
  'Try to show the effect on users, not only what you did.',
]

/** What the line manager and the person agreed overall. */
export const AGREED_NOTES: readonly string[] = [
  'We agreed to focus on stakeholder work before the next check-in.',
  'A strong year. We talked about stepping up to lead the group’s strategy meeting.',
  'We agreed a rotation into another area would round out your experience.',
  'Good progress. Next, take a feature through an assessment on your own.',
]

// ---- The things and their strategies --------------------------------------------------------------

export type ExampleKind = 'service' | 'feature' | 'capability' | 'technology' | 'data'
export type ExamplePhase = 'discovery' | 'alpha' | 'beta' | 'live' | 'retirement'
export type ExampleStage = 'introduction' | 'growth' | 'maturity' | 'decline'

/** Someone on a team onion: an example person (by key), or a team or person outside Valuekit. */
export type OnionEntry =
  { readonly person: string; readonly role: string } | { readonly name: string; readonly role: string }

export interface ExampleStrategy {
  readonly problemStatement?: { problem: string; who: string; impact: string; evidence: string }
  /** Pains and gains by key; each reliever and creator names the keys it answers. */
  readonly valueProposition?: {
    jobs: readonly string[]
    pains: Readonly<Record<string, string>>
    gains: Readonly<Record<string, string>>
    products: readonly string[]
    relievers: readonly { text: string; answers: readonly string[] }[]
    creators: readonly { text: string; answers: readonly string[] }[]
  }
  readonly businessModel?: {
    partners: string
    activities: string
    resources: string
    propositions: string
    relationships: string
    channels: string
    segments: string
    costs: string
    value: string
  }
  readonly visionBoard?: { vision: string; targetGroup: string; needs: string; product: string; businessGoals: string }
  /** A Wardley map of the value chain, in the text of Online Wardley Maps. */
  readonly wardleyMap?: string
  readonly teamOnion?: {
    core: readonly OnionEntry[]
    collaborators: readonly OnionEntry[]
    supporters: readonly OnionEntry[]
  }
  readonly metrics?: readonly ExampleMetric[]
  /** In the order the items were added: each column keeps this order. */
  readonly roadmap?: readonly ExampleRoadmapItem[]
  readonly hypotheses?: readonly ExampleHypothesis[]
  readonly prioritisation?: ExamplePrioritisation
  /** Oldest first: a revisit comes after the decision it revisits. */
  readonly decisions?: readonly ExampleDecision[]
  /** Oldest first. */
  readonly reviews?: readonly ExampleReview[]
  readonly assessment?: ExampleAssessment
  /** Rounds of the team health check, oldest first. */
  readonly health?: readonly ExampleHealthRound[]
}

/** One of GOV.UK's four standard KPIs, by its template: the name, definition, unit and direction come from it. */
export type Kpi = 'cost-per-transaction' | 'user-satisfaction' | 'completion-rate' | 'digital-take-up'

/** A metric: a GOV.UK KPI, or one of the team's own. */
export type ExampleMetric = {
  /** How the roadmap and hypotheses name it. */
  readonly key: string
  readonly baseline: number | null
  readonly target: number | null
  /** The target is due this many days after the day the example is loaded. */
  readonly targetInDays: number | null
  /** One measurement a month, oldest first; the last is from a few days before the example is loaded. */
  readonly monthly: readonly number[]
  /** A note on the latest measurement. */
  readonly note?: string
} & (
  | { readonly kpi: Kpi }
  | { readonly name: string; readonly definition: string; readonly unit: string; readonly direction: Direction }
)

export interface ExampleRoadmapItem {
  readonly key: string
  readonly column: Column
  /** Added to this column first and moved later, so its history shows the move. */
  readonly movedFrom?: Column
  readonly problem: string
  readonly outcome: string
  /** The metric that will show the outcome, by key; null leaves it unmeasured (and flagged). */
  readonly metric: string | null
  /** Closed by the team with a note. An item dropped after its hypothesis failed is closed by the result instead. */
  readonly closed?: { readonly status: 'done' | 'dropped'; readonly note: string }
}

/** "We believe <change> for <audience> will <outcome>. We will know when <metric> reaches <target> by <date>." */
export interface ExampleHypothesis {
  readonly change: string
  readonly audience: string
  readonly outcome: string
  /** The metric, by key. */
  readonly metric: string
  readonly target: number
  /** Due this many days after the day the example is loaded: negative is in the past. */
  readonly dueInDays: number
  /** The roadmap item it tests, by key. */
  readonly item: string | null
  /** The result, with the decision on the item when it tests one. */
  readonly result?: {
    readonly result: Result
    readonly evidence: string
    readonly decision: ItemDecision | null
    readonly decisionNote: string
  }
}

/** An option the team is choosing between, scored all four ways. */
export interface ExampleOption {
  readonly key: string
  readonly title: string
  readonly description: string
  /** From 1 to 5. */
  readonly impact: number
  readonly effort: number
  readonly moscow: Moscow
  readonly rice: Rice
  /** Scores from 1 to 5 against the criteria, in their order. */
  readonly scores: readonly number[]
}

export interface ExamplePrioritisation {
  /** The weighted-scoring criteria, with weights from 1 to 100. */
  readonly criteria: readonly { readonly name: string; readonly weight: number }[]
  readonly options: readonly ExampleOption[]
  /** The backlog work of recent quarters, oldest first; the last is the quarter the example is loaded in. */
  readonly quarters: readonly { readonly counts: ClassCounts; readonly note: string }[]
}

export interface ExampleDecision {
  /** How reviews and revisits name it. */
  readonly key: string
  readonly title: string
  readonly proposal: string
  readonly assumptions: string
  readonly confidence: Confidence
  readonly expectedValue: string
  readonly outcome: Outcome
  readonly reasoning: string
  /** Decided this many days before the example is loaded. */
  readonly daysAgo: number
  /** The prioritisation option it is about, by key. */
  readonly option?: string
  /** A later look at an earlier decision (by key), saying what has changed since. */
  readonly revisits?: { readonly decision: string; readonly whatChanged: string }
}

export type ReviewPart = (typeof REVIEW_PARTS)[number]['slug']

export interface ExampleReview {
  /** Held this many days before the example is loaded. */
  readonly daysAgo: number
  /** Example people who came, by key. */
  readonly attendees: readonly string[]
  /** Others who came, one a line. */
  readonly others: string
  readonly parts: readonly ReviewPart[]
  readonly notes: string
  /** Decisions (by key) taken at it, with what each changed. */
  readonly decisions: readonly { readonly decision: string; readonly changed: string }[]
}

/** A service assessment being prepared for: the first points of the Service Standard, as far as the team has got. */
export interface ExampleAssessment {
  readonly stage: AssessmentStage
  /** Held this many days after the day the example is loaded. */
  readonly inDays: number | null
  /** In the Standard's order; points after these are not started. Evidence names parts of the strategy by slug. */
  readonly points: readonly {
    readonly status: PointStatus
    readonly notes: string
    readonly evidence: readonly string[]
  }[]
}

/** A round of the team health check: each answer is from someone on the team onion (by key). */
export interface ExampleHealthRound {
  readonly answers: readonly { readonly person: string; readonly scores: HealthAnswers }[]
  /** Left open for more answers; otherwise closed once everyone listed has answered. */
  readonly open?: boolean
}

/** A quarter's backlog work: [planned, done] for each class of work. */
const quarter = (
  support: [number, number],
  features: [number, number],
  debt: [number, number],
  innovation: [number, number],
  note: string,
): { counts: ClassCounts; note: string } => {
  const c = ([planned, done]: [number, number]) => ({ planned, done })
  return { counts: { support: c(support), features: c(features), debt: c(debt), innovation: c(innovation) }, note }
}

/** One person's health check answers, from 1 (strongly disagree) to 5 (strongly agree). */
const scores = (
  trust: number,
  conflict: number,
  commitment: number,
  accountability: number,
  results: number,
): HealthAnswers => ({ trust, conflict, commitment, accountability, results })

export interface ExampleThing {
  readonly key: string
  readonly kind: ExampleKind
  readonly name: string
  readonly purpose: string
  /** The owner's key: a product manager. */
  readonly owner: string
  readonly team: string
  readonly area: string
  readonly group: string
  /** For a feature: the service it belongs to. */
  readonly parent?: string
  /** For services and features: the capabilities, technology and data they use. */
  readonly uses?: readonly string[]
  readonly phase: ExamplePhase
  readonly stage: ExampleStage
  readonly strategy: ExampleStrategy
}

/**
 * The things, in the order they are created: what is used before what uses it, and services
 * before their features.
 */
export const EXAMPLE_THINGS: readonly ExampleThing[] = [
  // ---- Capabilities, technology and data ----
  {
    key: 'payments',
    kind: 'capability',
    name: 'Online payments',
    purpose: 'Lets any of our services take a card payment and give a receipt, without building its own.',
    owner: 'isabel',
    team: 'Payments',
    area: LICENSING,
    group: TRADING,
    phase: 'live',
    stage: 'maturity',
    strategy: {
      problemStatement: {
        problem:
          'Each service used to take payments its own way, so fixes and security checks were done several times.',
        who: 'The five service teams that charge fees, and the finance team who reconcile the money.',
        impact: 'Duplicate work, slower changes, and refunds that took weeks to trace.',
        evidence: 'Finance logged 140 hours a month reconciling payments from three different systems.',
      },
      visionBoard: {
        vision: 'Taking a payment is something a service team never has to think about.',
        targetGroup: 'Service teams that charge fees; the finance team.',
        needs: 'Take a card payment in a few lines of work\nSee every payment and refund in one place',
        product: 'One shared payment step, with receipts and refunds\nA daily report for finance',
        businessGoals: 'Cut reconciliation time by half\nNo service builds its own payment code',
      },
      teamOnion: {
        core: [
          { person: 'isabel', role: 'Product manager' },
          { name: 'Payments developers', role: 'Two developers and a tester' },
        ],
        collaborators: [{ name: 'Finance operations', role: 'Reconciliation and refunds' }],
        supporters: [{ person: 'aisha', role: 'Senior product manager for the group' }],
      },
    },
  },
  {
    key: 'casework',
    kind: 'technology',
    name: 'Grants case management system',
    purpose: 'Where caseworkers record, check and decide grant applications.',
    owner: 'nia',
    team: 'Casework platform',
    area: GRANTS,
    group: BUSINESS,
    phase: 'live',
    stage: 'decline',
    strategy: {
      problemStatement: {
        problem: 'The case management system is out of support next year and is hard to change.',
        who: 'Around 120 caseworkers, and every grant service that sends them applications.',
        impact: 'Every change to a grant scheme takes months, and the supplier charges for each one.',
        evidence: 'Eleven change requests last year; the average took 14 weeks.',
      },
      visionBoard: {
        vision: 'Caseworkers spend their time on decisions, not on the system.',
        targetGroup: 'Caseworkers and team leaders in grants.',
        needs: 'Find an application quickly\nSee what is missing at a glance',
        product: 'A replacement chosen with caseworkers, moved to in stages',
        businessGoals: 'Leave the old contract before it ends\nHalve the cost of changing a scheme',
      },
      teamOnion: {
        core: [{ person: 'nia', role: 'Product manager' }],
        collaborators: [
          { name: 'Technical architecture', role: 'Options for the replacement' },
          { name: 'Commercial team', role: 'The contract' },
        ],
        supporters: [{ person: 'rajesh', role: 'Senior product manager for the group' }],
      },
    },
  },
  {
    key: 'address',
    kind: 'data',
    name: 'Registered business address',
    purpose: 'The address a business trades from, checked once and shared with every service that needs it.',
    owner: 'priya',
    team: 'Business data',
    area: LICENSING,
    group: FOOD,
    phase: 'beta',
    stage: 'growth',
    strategy: {
      problemStatement: {
        problem: 'Businesses give us their address again for every licence and registration, and the copies disagree.',
        who: 'Business owners, and the inspectors who visit them.',
        impact: 'Inspectors go to the wrong place, and letters are returned.',
        evidence: 'One in twelve inspection visits last year found the address out of date.',
      },
      teamOnion: {
        core: [{ person: 'priya', role: 'Product manager' }],
        collaborators: [{ name: 'Data protection officer', role: 'How the data may be shared' }],
        supporters: [{ person: 'meilin', role: 'Senior product manager for the group' }],
      },
    },
  },

  // ---- Licensing and permits ----
  {
    key: 'street-trading',
    kind: 'service',
    name: 'Apply for a street trading licence',
    purpose: 'Market traders and food vans get permission to trade on a street or in a market.',
    owner: 'ellie',
    team: 'Street trading',
    area: LICENSING,
    group: TRADING,
    uses: ['payments', 'address'],
    phase: 'beta',
    stage: 'growth',
    strategy: {
      problemStatement: {
        problem:
          'Traders cannot tell which pitches are free or how long a licence will take, so many apply late or twice.',
        who: 'About 3,000 market traders and mobile food sellers a year, many applying from a phone.',
        impact: 'Traders lose income while they wait; staff spend a third of their time answering chasers.',
        evidence: 'Call logs, 18 interviews with traders, and the paper form’s 40% error rate.',
      },
      valueProposition: {
        jobs: ['Find somewhere to trade', 'Get permission before a market day', 'Keep trading legally'],
        pains: {
          unknownPitches: 'Not knowing which pitches are free',
          waiting: 'Waiting weeks with no news',
          errors: 'Forms sent back for small mistakes',
          payment: 'Paying by cheque or in person',
        },
        gains: {
          certainty: 'Knowing the date a decision will be made',
          reuse: 'Not typing the same details again next year',
        },
        products: ['Online application', 'Map of free pitches', 'Progress updates by text'],
        relievers: [
          { text: 'A live map shows free pitches before you apply', answers: ['unknownPitches'] },
          { text: 'Text updates at every step', answers: ['waiting'] },
          { text: 'Questions check answers as you go', answers: ['errors'] },
          { text: 'Pay online by card', answers: ['payment'] },
        ],
        creators: [{ text: 'A decision date given when you apply', answers: ['certainty'] }],
      },
      businessModel: {
        partners: 'Market operators\nHighways team\nEnvironmental health',
        activities: 'Checking applications\nAllocating pitches\nInspections',
        resources: 'Licensing officers\nPitch register\nOnline payments',
        propositions: 'A licence in days, not weeks, with no trips to the office',
        relationships: 'Self-service online, with a named officer for problems',
        channels: 'Online, mostly on phones\nPhone line for help',
        segments: 'Market traders\nMobile food sellers\nOne-off event stalls',
        costs: 'Four licensing officers\nHosting and support',
        value: 'Fees cover the cost of running the scheme; faster decisions keep markets full',
      },
      visionBoard: {
        vision: 'Anyone who wants to trade on our streets can get permission in days, from their phone.',
        targetGroup: 'Market traders, mobile food sellers and event stallholders.',
        needs: 'Know what pitches are free\nKnow when they will hear\nPay without a visit',
        product: 'An online application with a pitch map\nUpdates by text\nCard payments',
        businessGoals: 'Decide 90% of applications within 10 working days\nCut chaser calls by half',
      },
      teamOnion: {
        core: [
          { person: 'ellie', role: 'Product manager' },
          { person: 'freya', role: 'Associate product manager' },
          { name: 'Delivery team', role: 'Delivery manager, two developers, a designer and a researcher' },
        ],
        collaborators: [
          { person: 'isabel', role: 'Online payments' },
          { name: 'Licensing policy', role: 'The rules the licence follows' },
        ],
        supporters: [
          { person: 'aisha', role: 'Senior product manager for the group' },
          { person: 'tom', role: 'Lead product manager for the area' },
        ],
      },
      metrics: [
        {
          key: 'cost',
          kpi: 'cost-per-transaction',
          baseline: 38,
          target: 22,
          targetInDays: 180,
          monthly: [37.6, 36.1, 34.5, 32.2, 29.9, 28.1, 26.4],
        },
        {
          key: 'satisfaction',
          kpi: 'user-satisfaction',
          baseline: 61,
          target: 80,
          targetInDays: 120,
          monthly: [62, 64, 67, 70, 74, 79, 82],
          note: 'Above target for the first time, a month after text updates reached every applicant.',
        },
        {
          key: 'completion',
          kpi: 'completion-rate',
          baseline: 58,
          target: 85,
          targetInDays: 150,
          monthly: [59, 62, 66, 71, 74, 77, 79],
        },
        {
          key: 'take-up',
          kpi: 'digital-take-up',
          baseline: 35,
          target: 80,
          targetInDays: 240,
          monthly: [41, 47, 53, 58, 64, 69, 73],
        },
        {
          key: 'chasers',
          name: 'Chaser calls a week',
          definition: 'Calls and emails to the licensing office asking where an application has got to, over a week.',
          unit: 'calls',
          direction: 'lower',
          baseline: 120,
          target: 80,
          targetInDays: 60,
          monthly: [121, 117, 109, 97, 84, 73, 66],
        },
      ],
      roadmap: [
        {
          key: 'documents',
          column: 'now',
          problem: 'Applicants upload the wrong documents, so their forms come back to them.',
          outcome: 'Forms are right the first time they are sent.',
          metric: 'completion',
          closed: { status: 'done', note: 'Uploads are now checked as they are added. Returned forms have halved.' },
        },
        {
          key: 'where',
          column: 'now',
          problem: 'Traders do not know where their application has got to, so they phone the office to ask.',
          outcome: 'Traders hear from us at every step and no longer need to chase.',
          metric: 'chasers',
        },
        {
          key: 'payment',
          column: 'now',
          movedFrom: 'next',
          problem: 'Card payments fail for some traders who use older phones.',
          outcome: 'Everyone who starts to pay can finish.',
          metric: 'completion',
        },
        {
          key: 'pitches',
          column: 'next',
          problem: 'Traders cannot see which pitches are free before they apply.',
          outcome: 'Traders only apply for pitches they know are free.',
          metric: 'completion',
        },
        {
          key: 'paper',
          column: 'next',
          problem: 'A quarter of traders still apply on paper because nobody told them there is another way.',
          outcome: 'Most traders apply online without needing help.',
          metric: 'take-up',
        },
        {
          key: 'events',
          column: 'later',
          problem: 'Stallholders at one-off events need a licence for a single day, and the full form is too much.',
          outcome: 'A one-day licence can be had in an afternoon.',
          metric: null,
        },
      ],
      hypotheses: [
        {
          change: 'sending a text at each step of an application',
          audience: 'traders who apply online',
          outcome: 'cut the calls asking where an application has got to',
          metric: 'chasers',
          target: 80,
          dueInDays: -30,
          item: 'where',
          result: {
            result: 'passed',
            evidence:
              'Chaser calls fell from 109 to 73 a week over three months. In a survey of 60 traders, most said they no longer needed to call.',
            decision: 'keep',
            decisionNote: 'Keep it. Next we add the date of the decision to the first text.',
          },
        },
        {
          change: 'showing a map of free pitches before the form starts',
          audience: 'traders looking for a new pitch',
          outcome: 'mean fewer applications for pitches that are already taken',
          metric: 'completion',
          target: 85,
          dueInDays: 75,
          item: 'pitches',
        },
      ],
      prioritisation: {
        criteria: [
          { name: 'Value to traders', weight: 5 },
          { name: 'Fewer calls to the office', weight: 3 },
          { name: 'Ease of building', weight: 2 },
        ],
        options: [
          {
            key: 'map',
            title: 'Map of free pitches',
            description: 'Show which pitches are free on each market day, before a trader applies.',
            impact: 4,
            effort: 4,
            moscow: 'must',
            rice: { reach: 700, impact: 2, confidence: 80, effort: 3 },
            scores: [5, 3, 2],
          },
          {
            key: 'one-day',
            title: 'One-day event licence',
            description: 'A short form for a stall at a single event.',
            impact: 3,
            effort: 2,
            moscow: 'should',
            rice: { reach: 250, impact: 1, confidence: 50, effort: 1.5 },
            scores: [3, 2, 4],
          },
          {
            key: 'choose',
            title: 'Traders choose their own pitch',
            description: 'Traders pick a free pitch on the map, and it is held for them while we decide.',
            impact: 4,
            effort: 5,
            moscow: 'could',
            rice: { reach: 600, impact: 2, confidence: 50, effort: 6 },
            scores: [4, 2, 1],
          },
          {
            key: 'bank',
            title: 'Pay by bank transfer',
            description: 'Take bank transfers as well as cards.',
            impact: 2,
            effort: 3,
            moscow: 'wont',
            rice: { reach: 80, impact: 0.5, confidence: 50, effort: 2 },
            scores: [1, 1, 2],
          },
        ],
        quarters: [
          quarter([4, 4], [6, 5], [2, 2], [1, 1], 'Checking uploads took most of the quarter.'),
          quarter([3, 3], [5, 4], [2, 1], [1, 0], 'The pitch map prototype moved to the next quarter.'),
          quarter([3, 2], [5, 2], [2, 1], [1, 1], 'Half way through the quarter.'),
        ],
      },
      decisions: [
        {
          key: 'choose-no',
          title: 'Let traders choose their own pitch',
          proposal: 'Traders pick a free pitch on the map, and we hold it for them while we decide.',
          assumptions:
            'Market operators will let us hold pitches.\nTraders would rather choose a pitch than be given one.',
          confidence: 'low',
          expectedValue: 'Fewer disputes about pitches, and fewer applications turned down.',
          outcome: 'no',
          reasoning:
            'Market operators give out pitches themselves and will not let us hold them. Building this now would promise traders something we cannot keep.',
          daysAgo: 150,
          option: 'choose',
        },
        {
          key: 'choose-yes',
          title: 'Let traders choose their own pitch at the two largest markets',
          proposal:
            'Traders at the two largest markets pick a free pitch on the map, held for two days while we decide.',
          assumptions: 'The operators keep sending their plans each week.\nTwo days is long enough to decide.',
          confidence: 'medium',
          expectedValue: 'Fewer disputes at the two busiest markets, and a test of whether to go further.',
          outcome: 'yes',
          reasoning: 'A held pitch is now a promise we can keep, and starting with two markets limits the risk.',
          daysAgo: 40,
          option: 'choose',
          revisits: {
            decision: 'choose-no',
            whatChanged:
              'The two largest market operators agreed to send us their pitch plans every week, and traders asked for this in every round of research.',
          },
        },
        {
          key: 'paper-not-yet',
          title: 'Stop taking paper applications',
          proposal: 'Take applications online only, with help by phone for anyone who needs it.',
          assumptions: 'Traders who apply on paper could apply online with a little help.',
          confidence: 'medium',
          expectedValue: 'Less typing for officers, and faster decisions for everyone.',
          outcome: 'not-yet',
          reasoning:
            'A quarter of traders still apply on paper. We will look again when digital take-up passes 80% and the phone help has been tested.',
          daysAgo: 40,
        },
      ],
      reviews: [
        {
          daysAgo: 150,
          attendees: ['ellie', 'freya', 'aisha', 'isabel'],
          others: 'Licensing policy lead',
          parts: ['problem-statement', 'value-proposition-canvas', 'roadmap', 'prioritisation'],
          notes:
            'Checked the problem statement against the latest call logs: still right. Looked at choosing pitches and said no for now.',
          decisions: [
            {
              decision: 'choose-no',
              changed: 'Choosing a pitch stayed off the roadmap; the map of free pitches stays on it.',
            },
          ],
        },
        {
          daysAgo: 40,
          attendees: ['ellie', 'freya', 'aisha', 'tom'],
          others: 'Delivery manager\nUser researcher',
          parts: ['roadmap', 'metrics', 'decisions', 'backlog-balance'],
          notes:
            'Satisfaction is nearly at target; completion and cost are improving but not there yet. Went back to choosing pitches now the operators have agreed to share their plans.',
          decisions: [
            {
              decision: 'choose-yes',
              changed: 'Choosing a pitch joins the map of free pitches in Next, at two markets first.',
            },
            { decision: 'paper-not-yet', changed: 'Nothing yet: paper applications stay until take-up passes 80%.' },
          ],
        },
      ],
      health: [
        {
          answers: [
            { person: 'ellie', scores: scores(4, 3, 4, 3, 5) },
            { person: 'freya', scores: scores(4, 2, 4, 3, 4) },
            { person: 'isabel', scores: scores(3, 3, 3, 2, 4) },
          ],
        },
      ],
    },
  },
  {
    key: 'licence-fee',
    kind: 'feature',
    name: 'Pay the licence fee',
    purpose: 'Traders pay for their licence by card as part of applying.',
    owner: 'marcus',
    team: 'Street trading',
    area: LICENSING,
    group: TRADING,
    parent: 'street-trading',
    uses: ['payments'],
    phase: 'live',
    stage: 'maturity',
    strategy: {
      problemStatement: {
        problem: 'Traders had to post a cheque or visit the office, which held up every licence by days.',
        who: 'Every applicant for a street trading licence.',
        impact: 'A week added to each application, and cheques lost in the post.',
        evidence: 'Payment was the longest single wait in the old process.',
      },
      valueProposition: {
        jobs: ['Pay for the licence'],
        pains: { travel: 'Travelling to the office to pay', lost: 'Payments going missing' },
        gains: { receipt: 'A receipt straight away' },
        products: ['Card payment during the application'],
        relievers: [
          { text: 'Pay by card on the last page', answers: ['travel'] },
          { text: 'Payments matched to applications automatically', answers: ['lost'] },
        ],
        creators: [{ text: 'An emailed receipt', answers: ['receipt'] }],
      },
      visionBoard: {
        vision: 'Paying is the quickest part of applying.',
        targetGroup: 'Street trading applicants.',
        needs: 'Pay by card\nGet a receipt',
        product: 'A payment step using the shared online payments',
        businessGoals: 'No cheques by the end of the year',
      },
      teamOnion: {
        core: [
          { person: 'marcus', role: 'Product manager' },
          { person: 'kwame', role: 'Associate product manager' },
        ],
        collaborators: [{ person: 'isabel', role: 'Online payments' }],
        supporters: [{ person: 'ellie', role: 'Owns the service' }],
      },
    },
  },
  {
    key: 'renewals',
    kind: 'feature',
    name: 'Renew a street trading licence',
    purpose: 'Traders renew each year without filling the whole form in again.',
    owner: 'hannah',
    team: 'Street trading',
    area: LICENSING,
    group: TRADING,
    parent: 'street-trading',
    phase: 'alpha',
    stage: 'introduction',
    strategy: {
      problemStatement: {
        problem: 'Traders fill in a full application every year even when nothing has changed.',
        who: 'About 2,200 traders who renew each year.',
        impact: 'Renewals take as long as new licences, and some traders lapse without meaning to.',
        evidence: 'One in six licences lapsed last year; most of those traders reapplied within a month.',
      },
      valueProposition: {
        jobs: ['Keep my licence going'],
        pains: {
          retyping: 'Typing everything in again',
          forgetting: 'Forgetting the renewal date',
          surprise: 'Not knowing if the fee has changed',
        },
        gains: { quick: 'Renewing in a couple of minutes' },
        products: ['Renewal reminder', 'Renewal with details filled in'],
        relievers: [
          { text: 'Last year’s details are filled in', answers: ['retyping'] },
          { text: 'Reminders a month and a week before', answers: ['forgetting'] },
        ],
        creators: [{ text: 'Confirm and pay in three steps', answers: ['quick'] }],
      },
      visionBoard: {
        vision: 'Nobody loses their pitch because renewing was a chore.',
        targetGroup: 'Traders with a licence.',
        needs: 'A reminder\nA quick way to confirm nothing changed',
        product: 'Reminders and a short renewal journey',
        businessGoals: 'Fewer lapsed licences\nLess officer time on renewals',
      },
      teamOnion: {
        core: [
          { person: 'hannah', role: 'Product manager' },
          { person: 'olivia', role: 'Associate product manager' },
        ],
        collaborators: [{ name: 'User research', role: 'Testing the prototype with traders' }],
        supporters: [{ person: 'ellie', role: 'Owns the service' }],
      },
    },
  },
  {
    key: 'river-works',
    kind: 'service',
    name: 'Get permission to work near a river',
    purpose: 'Builders and landowners find out if they need a permit for work by a river, and get one.',
    owner: 'owen',
    team: 'River works',
    area: LICENSING,
    group: ENVIRONMENT,
    phase: 'discovery',
    stage: 'introduction',
    strategy: {
      problemStatement: {
        problem: 'People doing work near a river often do not know they need a permit until they are told to stop.',
        who: 'Builders, farmers and homeowners; perhaps 5,000 pieces of work a year, most never reported.',
        impact: 'Flood risk from unchecked work, and costly stop notices for people who meant no harm.',
        evidence: 'Enforcement records, and early interviews with 9 builders and 4 farmers.',
      },
      valueProposition: {
        jobs: ['Finish the work on time', 'Stay within the law'],
        pains: {
          unaware: 'Not knowing a permit is needed',
          jargon: 'Guidance written for engineers',
          delay: 'Work stopped while waiting',
        },
        gains: { early: 'Knowing before work starts' },
        products: ['A check for whether you need a permit'],
        relievers: [
          { text: 'Answer a few questions to find out if you need one', answers: ['unaware'] },
          { text: 'Guidance in plain words', answers: ['jargon'] },
        ],
        creators: [{ text: 'Advice given at planning stage', answers: ['early'] }],
      },
      businessModel: {
        partners: 'Environment Agency\nLocal planning authorities\nTrade bodies for builders',
        activities: 'Assessing flood risk\nAdvising before work starts',
        resources: 'Flood risk engineers\nRiver maps',
        propositions: 'Know early whether you need a permit, and get one without stopping work',
        relationships: 'Advice line; self-service check',
        channels: 'Online check\nPlanning portals\nBuilders’ merchants',
        segments: 'Builders\nFarmers\nHomeowners',
        costs: 'Engineers’ time\nThe online check',
        value: 'Fewer floods caused by unchecked work; funded from the flood defence budget',
      },
      visionBoard: {
        vision: 'Everyone working near a river knows the rules before they dig.',
        targetGroup: 'Builders, farmers and homeowners near rivers.',
        needs: 'Find out early\nUnderstand what to do',
        product: 'To be decided: discovery is testing the problem first',
        businessGoals: 'Fewer stop notices\nLess flood damage from unpermitted work',
      },
      teamOnion: {
        core: [
          { person: 'owen', role: 'Product manager' },
          { person: 'jack', role: 'Associate product manager' },
          { person: 'zara', role: 'Product manager, stakeholders' },
        ],
        collaborators: [{ name: 'Flood risk engineers', role: 'Expert advice' }],
        supporters: [{ person: 'gareth', role: 'Senior product manager for the group' }],
      },
      metrics: [
        {
          key: 'knew',
          name: 'People who knew they needed a permit',
          definition:
            'Of the people we spoke to or stopped, the share who knew before they started that the work needed a permit.',
          unit: '%',
          direction: 'higher',
          baseline: 30,
          target: 60,
          targetInDays: 365,
          monthly: [29, 31, 30, 33, 36, 38, 41],
        },
        {
          key: 'stops',
          name: 'Stop notices a month',
          definition: 'Stop notices served on work near a river that had no permit, in a calendar month.',
          unit: 'notices',
          direction: 'lower',
          baseline: 14,
          target: 6,
          targetInDays: 365,
          monthly: [14, 15, 13, 14, 12, 11, 10],
        },
        {
          key: 'answered',
          name: 'Enquiries answered within 5 days',
          definition: 'The share of questions about river works that the advice line answered within 5 working days.',
          unit: '%',
          direction: 'higher',
          baseline: 55,
          target: 80,
          targetInDays: 90,
          monthly: [56, 58, 63, 70, 76, 81, 84],
          note: 'An engineer now sits with the advice line two mornings a week.',
        },
      ],
      roadmap: [
        {
          key: 'hear',
          column: 'now',
          problem: 'We do not know where people first hear that work near a river might need a permit.',
          outcome: 'We know the three places that reach most people before they start.',
          metric: 'knew',
        },
        {
          key: 'leaflets',
          column: 'now',
          problem: 'Builders do not see our guidance until an inspector turns up.',
          outcome: 'Builders hear about permits when they buy materials.',
          metric: 'knew',
        },
        {
          key: 'guidance',
          column: 'next',
          problem: 'People cannot tell from our guidance whether their work needs a permit.',
          outcome: 'People can tell in a few minutes whether they need one.',
          metric: 'knew',
        },
        {
          key: 'slow',
          column: 'later',
          movedFrom: 'next',
          problem: 'A permit can take eight weeks, so people start work without one.',
          outcome: 'Simple work gets a decision within two weeks.',
          metric: 'stops',
        },
      ],
      hypotheses: [
        {
          change: 'putting leaflets about river permits on the counters of builders’ merchants',
          audience: 'small builders',
          outcome: 'mean more of them know about permits before they start',
          metric: 'knew',
          target: 45,
          dueInDays: -14,
          item: 'leaflets',
          result: {
            result: 'inconclusive',
            evidence:
              'Awareness rose from 33% to 38%, but an article in a trade magazine came out in the same month, so we cannot tell which made the difference.',
            decision: 'change',
            decisionNote: 'Try again with a code on the leaflet, so we can tell who came from it.',
          },
        },
        {
          change: 'adding a question about rivers to the planning application checker',
          audience: 'householders applying for planning permission near a river',
          outcome: 'tell them about permits before they start work',
          metric: 'knew',
          target: 50,
          dueInDays: 60,
          item: 'hear',
        },
      ],
      prioritisation: {
        criteria: [
          { name: 'Reduces flood risk', weight: 5 },
          { name: 'What we learn from it', weight: 4 },
        ],
        options: [
          {
            key: 'planning',
            title: 'Question in the planning checker',
            description: 'Ask about rivers when people check whether they need planning permission.',
            impact: 4,
            effort: 2,
            moscow: 'must',
            rice: { reach: 1200, impact: 1, confidence: 60, effort: 1 },
            scores: [4, 5],
          },
          {
            key: 'checker',
            title: 'Our own permit checker',
            description: 'An online check that says whether a piece of work needs a permit.',
            impact: 5,
            effort: 5,
            moscow: 'could',
            rice: { reach: 3000, impact: 2, confidence: 30, effort: 8 },
            scores: [4, 3],
          },
          {
            key: 'farm-visits',
            title: 'Talks at farmers’ markets',
            description: 'An engineer explains the rules at four farmers’ markets a year.',
            impact: 2,
            effort: 2,
            moscow: 'should',
            rice: { reach: 200, impact: 1, confidence: 70, effort: 0.5 },
            scores: [2, 4],
          },
        ],
        quarters: [
          quarter([1, 1], [0, 0], [0, 0], [3, 3], 'Discovery: research and small tests, no service to support yet.'),
          quarter(
            [1, 1],
            [1, 1],
            [1, 1],
            [4, 2],
            'The leaflet test ran; the planning checker question is being built.',
          ),
        ],
      },
      decisions: [
        {
          key: 'checker-not-yet',
          title: 'Build our own permit checker',
          proposal: 'Build an online check that tells people whether their work needs a permit.',
          assumptions: 'People look for guidance before they start.\nThe rules can be turned into a few questions.',
          confidence: 'low',
          expectedValue: 'Far fewer people starting work without a permit.',
          outcome: 'not-yet',
          reasoning:
            'Research so far says most people never look for guidance at all. We first need to learn where to reach them.',
          daysAgo: 20,
          option: 'checker',
        },
      ],
      reviews: [
        {
          daysAgo: 20,
          attendees: ['owen', 'jack', 'zara', 'gareth'],
          others: 'Flood risk engineer',
          parts: ['problem-statement', 'vision-board', 'roadmap', 'prioritisation'],
          notes:
            'The problem holds up. The vision board says what the product will be is still open, and that is right for discovery.',
          decisions: [
            {
              decision: 'checker-not-yet',
              changed: 'Finding where people hear about permits moved to the top of Now.',
            },
          ],
        },
      ],
    },
  },
  {
    key: 'food-business',
    kind: 'service',
    name: 'Register a food business',
    purpose: 'Anyone starting to sell or make food registers it with us before they open.',
    owner: 'grace',
    team: 'Food registration',
    area: LICENSING,
    group: FOOD,
    uses: ['address', 'casework'],
    phase: 'live',
    stage: 'maturity',
    strategy: {
      problemStatement: {
        problem: 'New food businesses register late or not at all, so their first inspection comes too late.',
        who: 'About 4,000 new food businesses a year, from home bakers to restaurants.',
        impact: 'Food safety risks go unseen for months.',
        evidence: 'A third of businesses first inspected last year had been trading for over six months.',
      },
      valueProposition: {
        jobs: ['Open on time', 'Sell food safely'],
        pains: {
          unsure: 'Not sure whether registration applies to them',
          slow: 'Not hearing back',
          jargon: 'Terms they do not understand',
        },
        gains: { advice: 'Tips for passing the first inspection' },
        products: ['Online registration', 'Start-up guidance'],
        relievers: [
          { text: 'A short check says whether you must register', answers: ['unsure'] },
          { text: 'Instant confirmation with a reference', answers: ['slow'] },
        ],
        creators: [{ text: 'A checklist for the first inspection', answers: ['advice'] }],
      },
      businessModel: {
        partners: 'Food Standards Agency\nBusiness support advisers',
        activities: 'Registering businesses\nPlanning inspections',
        resources: 'Inspectors\nRegistered business address data',
        propositions: 'Register in ten minutes and know what your first inspection will look for',
        relationships: 'Self-service, then a named inspector',
        channels: 'Online\nPhone for those who need help',
        segments: 'Home food businesses\nCafés and restaurants\nManufacturers',
        costs: 'Inspectors’ time\nHosting',
        value: 'Safer food; funded by the council’s food safety budget',
      },
      visionBoard: {
        vision: 'Every food business is known to us before it serves its first customer.',
        targetGroup: 'People starting a food business.',
        needs: 'Know the rules\nRegister quickly\nPrepare for inspection',
        product: 'Online registration with guidance\nInspection booking',
        businessGoals: 'Register 95% of businesses before they open\nFirst inspection within 28 days',
      },
      teamOnion: {
        core: [
          { person: 'grace', role: 'Product manager' },
          { person: 'sana', role: 'Associate product manager' },
        ],
        collaborators: [
          { person: 'priya', role: 'Registered business address' },
          { name: 'Environmental health', role: 'Inspection rules' },
        ],
        supporters: [{ person: 'meilin', role: 'Senior product manager for the group' }],
      },
      metrics: [
        {
          key: 'cost',
          kpi: 'cost-per-transaction',
          baseline: 9.5,
          target: 6,
          targetInDays: 90,
          monthly: [8.4, 8.1, 7.6, 7.1, 6.6, 6.1, 5.8],
        },
        {
          key: 'satisfaction',
          kpi: 'user-satisfaction',
          baseline: 78,
          target: 85,
          targetInDays: 90,
          monthly: [80, 81, 82, 84, 84, 86, 87],
        },
        {
          key: 'completion',
          kpi: 'completion-rate',
          baseline: 82,
          target: 90,
          targetInDays: 120,
          monthly: [83, 84, 85, 85, 86, 86, 87],
          note: 'Home bakers still drop out at the question about premises.',
        },
        {
          key: 'take-up',
          kpi: 'digital-take-up',
          baseline: 71,
          target: 90,
          targetInDays: 60,
          monthly: [77, 79, 81, 84, 86, 89, 91],
        },
        {
          key: 'before-opening',
          name: 'Businesses registered before opening',
          definition:
            'Of the businesses registered in the month, the share that registered at least 28 days before they started trading.',
          unit: '%',
          direction: 'higher',
          baseline: 62,
          target: 95,
          targetInDays: 365,
          monthly: [64, 66, 68, 70, 72, 74, 75],
        },
      ],
      roadmap: [
        {
          key: 'confirmation',
          column: 'now',
          problem: 'Businesses waited days for a letter to confirm they had registered.',
          outcome: 'Businesses get a reference as soon as they register.',
          metric: 'satisfaction',
          closed: { status: 'done', note: 'Confirmation by email went live; letters are sent only on request.' },
        },
        {
          key: 'open-first',
          column: 'now',
          problem: 'Businesses open before registering because they do not know they must.',
          outcome: 'Businesses register well before they open.',
          metric: 'before-opening',
        },
        {
          key: 'home',
          column: 'next',
          problem: 'Home bakers find the form asks about premises they do not have.',
          outcome: 'People working from home finish the form without getting stuck.',
          metric: 'completion',
        },
        {
          key: 'reuse',
          column: 'later',
          problem: 'Businesses type the same details again when they apply for a licence.',
          outcome: 'Details given once are offered again when they apply for anything else.',
          metric: 'take-up',
        },
      ],
      hypotheses: [
        {
          change: 'a short check that says whether you must register',
          audience: 'people thinking about selling food',
          outcome: 'mean more businesses register before they open',
          metric: 'before-opening',
          target: 72,
          dueInDays: -45,
          item: 'open-first',
          result: {
            result: 'passed',
            evidence:
              'Businesses registered before opening rose from 66% to 72% in the three months after the check went live.',
            decision: 'keep',
            decisionNote: 'Keep the check, and link to it from the business support search.',
          },
        },
        {
          change: 'a version of the form for people working from home',
          audience: 'home bakers and caterers',
          outcome: 'mean fewer of them stop at the premises questions',
          metric: 'completion',
          target: 89,
          dueInDays: -10,
          item: 'home',
        },
      ],
      prioritisation: {
        criteria: [
          { name: 'Food safety', weight: 5 },
          { name: 'Value to businesses', weight: 3 },
          { name: 'Cost to run', weight: 2 },
        ],
        options: [
          {
            key: 'home-form',
            title: 'Form for home businesses',
            description: 'Leave out the questions about premises for people working from home.',
            impact: 3,
            effort: 2,
            moscow: 'must',
            rice: { reach: 900, impact: 1, confidence: 80, effort: 1 },
            scores: [3, 4, 4],
          },
          {
            key: 'reminder',
            title: 'Reminder to book the first inspection',
            description: 'Remind newly registered businesses to book their first inspection.',
            impact: 4,
            effort: 1,
            moscow: 'should',
            rice: { reach: 1000, impact: 2, confidence: 70, effort: 0.5 },
            scores: [4, 3, 5],
          },
          {
            key: 'fee',
            title: 'Charge a fee for registering',
            description: 'Ask businesses to pay a small fee to register.',
            impact: 1,
            effort: 3,
            moscow: 'wont',
            rice: { reach: 4000, impact: 0.25, confidence: 20, effort: 2 },
            scores: [1, 1, 3],
          },
        ],
        quarters: [
          quarter([5, 5], [3, 3], [3, 2], [1, 1], 'A steady quarter.'),
          quarter([6, 6], [3, 3], [3, 3], [0, 0], 'Support took the time we had set aside for trying new ideas.'),
          quarter([6, 4], [3, 1], [2, 1], [1, 0], 'The idea for this quarter has not been started.'),
        ],
      },
      decisions: [
        {
          key: 'fee-no',
          title: 'Charge a fee for registering',
          proposal: 'Charge new food businesses a small fee to register, to pay for the service.',
          assumptions: 'Businesses would pay a small fee.\nThe fee would cover the cost of running the service.',
          confidence: 'low',
          expectedValue: 'The service pays for itself.',
          outcome: 'no',
          reasoning:
            'Registering must be free by law, and any fee would put people off registering at all, which is the opposite of what we want.',
          daysAgo: 100,
          option: 'fee',
        },
        {
          key: 'reminder-yes',
          title: 'Remind businesses to book their first inspection',
          proposal: 'Send a reminder a week after registering, with a link to book an inspection.',
          assumptions: 'Businesses forget to book, rather than choose not to.',
          confidence: 'high',
          expectedValue: 'More first inspections within 28 days of opening.',
          outcome: 'yes',
          reasoning: 'Cheap to build, and inspection records show most late inspections were never booked at all.',
          daysAgo: 50,
          option: 'reminder',
        },
      ],
      reviews: [
        {
          daysAgo: 100,
          attendees: ['grace', 'sana', 'meilin', 'priya'],
          others: 'Environmental health manager',
          parts: ['business-model-canvas', 'prioritisation', 'decisions'],
          notes: 'Looked at how the service is paid for. A fee is not an option.',
          decisions: [
            { decision: 'fee-no', changed: 'The business model canvas says plainly that registering is free.' },
          ],
        },
        {
          daysAgo: 50,
          attendees: ['grace', 'sana', 'callum'],
          others: '',
          parts: ['roadmap', 'metrics', 'backlog-balance'],
          notes:
            'Most measures are on target; registering before opening is not, and trying new ideas has been squeezed out by support work.',
          decisions: [{ decision: 'reminder-yes', changed: 'The inspection reminder went to the top of Next.' }],
        },
      ],
    },
  },
  {
    key: 'inspections',
    kind: 'feature',
    name: 'Book a hygiene inspection',
    purpose: 'Food businesses choose a time for their inspection instead of waiting for a letter.',
    owner: 'callum',
    team: 'Food registration',
    area: LICENSING,
    group: FOOD,
    parent: 'food-business',
    uses: ['casework'],
    phase: 'beta',
    stage: 'growth',
    strategy: {
      problemStatement: {
        problem: 'Inspections are set by letter, and a quarter of visits find nobody there.',
        who: 'Food businesses and the inspectors who visit them.',
        impact: 'Wasted visits, and a backlog of uninspected businesses.',
        evidence: 'Inspection records for the past two years.',
      },
      valueProposition: {
        jobs: ['Get the inspection done'],
        pains: { clash: 'The date clashes with busy times', wasted: 'Inspectors arriving to a closed door' },
        gains: { control: 'Choosing a time that suits' },
        products: ['Online booking of inspection slots'],
        relievers: [{ text: 'Choose from open slots', answers: ['clash', 'wasted'] }],
        creators: [{ text: 'Move your slot up to two days before', answers: ['control'] }],
      },
      visionBoard: {
        vision: 'Every inspector visit finds the business ready.',
        targetGroup: 'Registered food businesses.',
        needs: 'A convenient time\nA reminder',
        product: 'Slot booking with reminders',
        businessGoals: 'Cut wasted visits to under 5%',
      },
      teamOnion: {
        core: [
          { person: 'callum', role: 'Product manager' },
          { person: 'tomasz', role: 'Associate product manager' },
        ],
        collaborators: [{ name: 'Inspection team leaders', role: 'How slots are set' }],
        supporters: [{ person: 'grace', role: 'Owns the service' }],
      },
    },
  },

  // ---- Grants and support ----
  {
    key: 'energy-grant',
    kind: 'service',
    name: 'Apply for a community energy grant',
    purpose: 'Community groups get money to set up local energy schemes, such as shared solar panels.',
    owner: 'chloe',
    team: 'Community energy',
    area: GRANTS,
    group: COMMUNITY,
    uses: ['casework'],
    phase: 'alpha',
    stage: 'introduction',
    strategy: {
      problemStatement: {
        problem: 'Small community groups find the grant too hard to apply for, so most money goes to a few large ones.',
        who: 'Volunteer-run community groups, usually without a paid bid writer.',
        impact: 'The scheme misses the places it was meant for.',
        evidence: 'Last round, 70% of the money went to 8 organisations; 20 interviews with groups that gave up.',
      },
      valueProposition: {
        jobs: ['Fund a local energy project', 'Show the community it is worth it'],
        pains: {
          length: 'A 40-page application',
          eligibility: 'Finding out at the end that they cannot apply',
          jargon: 'Technical terms volunteers do not know',
          cashflow: 'Paying suppliers before the grant arrives',
        },
        gains: { help: 'Someone to ask', staged: 'Money in stages as the project goes' },
        products: ['Shorter application', 'Eligibility check', 'Grant adviser'],
        relievers: [
          { text: 'An application in plain words, a third of the length', answers: ['length', 'jargon'] },
          { text: 'Check eligibility first', answers: ['eligibility'] },
        ],
        creators: [
          { text: 'A named adviser for each group', answers: ['help'] },
          { text: 'Payments at each milestone', answers: ['staged'] },
        ],
      },
      businessModel: {
        partners: 'Community energy networks\nDistribution network operators',
        activities: 'Assessing applications\nAdvising groups\nMonitoring projects',
        resources: 'Grant fund\nAdvisers\nCase management system',
        propositions: 'Money and advice to get a community energy scheme going',
        relationships: 'A named adviser from first contact to final report',
        channels: 'Online application\nEvents with community networks',
        segments: 'Volunteer groups\nSchools and village halls\nHousing co-operatives',
        costs: 'Grant fund\nTwo advisers\nAssessment panel',
        value: 'Lower local energy bills and carbon; funded by the net zero programme',
      },
      visionBoard: {
        vision: 'Any community that wants its own energy scheme can get one started.',
        targetGroup: 'Volunteer-led community groups.',
        needs: 'Know if they can apply\nApply without a bid writer\nGet help when stuck',
        product: 'Eligibility check\nShort application\nAdviser support',
        businessGoals: 'Half of grants to groups that have never had one\n40 new schemes in two years',
      },
      wardleyMap: [
        'title Community energy grants',
        'anchor Community group [0.95, 0.55]',
        'component Apply for a grant online [0.82, 0.45]',
        'component Eligibility checker [0.66, 0.22]',
        'component Grant decisions [0.6, 0.35] (inertia)',
        'component Case management [0.42, 0.5]',
        'component Payments [0.35, 0.72] (buy)',
        'component Identity checks [0.3, 0.62]',
        'component Cloud hosting [0.1, 0.92]',
        'Community group->Apply for a grant online',
        'Apply for a grant online->Eligibility checker',
        'Apply for a grant online->Grant decisions',
        'Grant decisions->Case management',
        'Grant decisions->Payments',
        'Apply for a grant online->Identity checks',
        'Case management->Cloud hosting',
        'Eligibility checker->Cloud hosting',
        'evolve Eligibility checker 0.45',
        'evolve Case management 0.7',
      ].join('\n'),
      teamOnion: {
        core: [
          { person: 'chloe', role: 'Product manager' },
          { person: 'leah', role: 'Associate product manager' },
          { person: 'kirsty', role: 'Product manager, measures' },
        ],
        collaborators: [
          { person: 'nia', role: 'Case management system' },
          { name: 'Grant policy team', role: 'Scheme rules' },
        ],
        supporters: [
          { person: 'daniel', role: 'Senior product manager for the group' },
          { person: 'fiona', role: 'Lead product manager for the area' },
        ],
      },
      metrics: [
        {
          key: 'new-groups',
          name: 'Applications from groups new to the scheme',
          definition:
            'The share of applications, in the prototype and then the pilot, from groups that have never had a grant.',
          unit: '%',
          direction: 'higher',
          baseline: 20,
          target: 50,
          targetInDays: 300,
          monthly: [20, 22, 25, 29, 33, 38, 41],
        },
        {
          key: 'minutes',
          name: 'Time to finish the application',
          definition: 'The median time volunteers in research sessions took to finish the prototype application.',
          unit: 'minutes',
          direction: 'lower',
          baseline: 240,
          target: 90,
          targetInDays: 60,
          monthly: [235, 210, 180, 150, 120, 100, 85],
          note: 'The shorter application, with questions in plain words.',
        },
        {
          key: 'eligible',
          name: 'Eligible applications',
          definition: 'The share of applications that meet the scheme’s rules when they are first assessed.',
          unit: '%',
          direction: 'higher',
          baseline: 75,
          target: 95,
          targetInDays: 180,
          monthly: [76, 78, 81, 85, 88, 90, 92],
        },
      ],
      roadmap: [
        {
          key: 'length',
          column: 'now',
          problem: 'The application is too long and too technical for volunteers.',
          outcome: 'A volunteer can apply in one sitting, without help.',
          metric: 'minutes',
        },
        {
          key: 'eligibility',
          column: 'now',
          problem: 'Groups find out at the end that they were never able to apply.',
          outcome: 'Groups know before they start whether they can apply.',
          metric: 'eligible',
        },
        {
          key: 'cashflow',
          column: 'next',
          problem: 'Groups run out of money paying suppliers before the grant arrives.',
          outcome: 'Groups are paid as each stage of the project is done.',
          metric: 'new-groups',
        },
        {
          key: 'sharing',
          column: 'later',
          problem: 'Groups that have run a scheme have no easy way to help those starting one.',
          outcome: 'New groups learn from groups that have done it.',
          metric: 'new-groups',
        },
      ],
      hypotheses: [
        {
          change: 'an application a third of the length, in plain words',
          audience: 'volunteer-run community groups',
          outcome: 'let volunteers finish without a bid writer',
          metric: 'minutes',
          target: 90,
          dueInDays: -7,
          item: 'length',
          result: {
            result: 'passed',
            evidence:
              'In the last round of research, 10 of 12 volunteers finished without help, with a median time of 85 minutes.',
            decision: 'keep',
            decisionNote: 'Keep the short form for beta, and test it with groups who have never applied for anything.',
          },
        },
        {
          change: 'paying grants at each milestone instead of at the end',
          audience: 'groups with little money of their own',
          outcome: 'mean more groups new to the scheme apply',
          metric: 'new-groups',
          target: 45,
          dueInDays: 120,
          item: 'cashflow',
        },
      ],
      prioritisation: {
        criteria: [
          { name: 'Reaches groups new to the scheme', weight: 5 },
          { name: 'Carbon saved', weight: 3 },
          { name: 'Ease of building', weight: 2 },
        ],
        options: [
          {
            key: 'short-form',
            title: 'Shorter application',
            description: 'An application a third of the length, in plain words.',
            impact: 5,
            effort: 3,
            moscow: 'must',
            rice: { reach: 150, impact: 3, confidence: 80, effort: 3 },
            scores: [5, 2, 3],
          },
          {
            key: 'milestones',
            title: 'Payments at each milestone',
            description: 'Pay part of the grant as each stage of a project is done.',
            impact: 4,
            effort: 4,
            moscow: 'should',
            rice: { reach: 100, impact: 2, confidence: 50, effort: 4 },
            scores: [4, 3, 2],
          },
          {
            key: 'adviser',
            title: 'A named adviser for each group',
            description: 'One adviser stays with a group from first contact to final report.',
            impact: 4,
            effort: 2,
            moscow: 'should',
            rice: { reach: 120, impact: 2, confidence: 70, effort: 2 },
            scores: [4, 2, 4],
          },
        ],
        quarters: [
          quarter([0, 0], [4, 3], [0, 0], [3, 3], 'Alpha: prototypes only, nothing to support yet.'),
          quarter([1, 1], [4, 2], [1, 1], [2, 1], 'Getting ready for the end of alpha assessment.'),
        ],
      },
      decisions: [
        {
          key: 'stages',
          title: 'Pay grants in stages',
          proposal: 'Pay part of each grant at the start and the rest as each milestone is reached.',
          assumptions:
            'Cash flow, not the application, stops many small groups.\nThe finance team can make more, smaller payments.',
          confidence: 'medium',
          expectedValue: 'More small groups able to take on a project.',
          outcome: 'yes',
          reasoning: 'Eight of the 20 groups that gave up said they could not pay suppliers up front.',
          daysAgo: 14,
          option: 'milestones',
        },
      ],
      reviews: [
        {
          daysAgo: 14,
          attendees: ['chloe', 'leah', 'kirsty', 'daniel', 'nia'],
          others: 'Grant policy lead',
          parts: ['value-proposition-canvas', 'roadmap', 'metrics', 'prioritisation'],
          notes: 'The short form works. Getting ready for the end of alpha: accessibility testing is the biggest gap.',
          decisions: [{ decision: 'stages', changed: 'Payments at each milestone moved into Next, ahead of sharing.' }],
        },
      ],
      health: [
        {
          answers: [
            { person: 'chloe', scores: scores(4, 3, 4, 3, 5) },
            { person: 'leah', scores: scores(4, 2, 4, 3, 4) },
            { person: 'kirsty', scores: scores(5, 3, 3, 2, 4) },
            { person: 'nia', scores: scores(3, 3, 4, 3, 4) },
          ],
        },
        { open: true, answers: [{ person: 'leah', scores: scores(4, 3, 4, 3, 4) }] },
      ],
      assessment: {
        stage: 'end-of-alpha',
        inDays: 35,
        points: [
          {
            status: 'met',
            notes: 'Interviews with 20 groups, including 8 that gave up, and the prototype tested with 12 volunteers.',
            evidence: ['problem-statement', 'value-proposition-canvas'],
          },
          {
            status: 'partly-met',
            notes:
              'The journey is mapped up to the first payment. Reporting at the end of a project is not designed yet.',
            evidence: ['vision-board', 'roadmap'],
          },
          {
            status: 'partly-met',
            notes: 'Advisers give the same answers as the online check; the paper form still asks different questions.',
            evidence: [],
          },
          {
            status: 'met',
            notes: 'Most volunteers finished the prototype without help, in under 90 minutes.',
            evidence: ['metrics', 'hypotheses'],
          },
          {
            status: 'not-met',
            notes: 'No testing yet with disabled volunteers or with screen readers. Booked for the next two sprints.',
            evidence: [],
          },
          {
            status: 'met',
            notes: 'Product, delivery, design, research and development, with policy at every sprint review.',
            evidence: ['team-onion', 'health'],
          },
          {
            status: 'met',
            notes: 'Two-week sprints. The roadmap changed twice after research.',
            evidence: ['roadmap'],
          },
          {
            status: 'partly-met',
            notes: 'The team is funded for one year after launch; after that is not agreed.',
            evidence: ['business-model-canvas'],
          },
        ],
      },
    },
  },
  {
    key: 'eligibility',
    kind: 'feature',
    name: 'Check if your group can apply',
    purpose: 'A few questions tell a group whether it can apply before it starts.',
    owner: 'samuel',
    team: 'Community energy',
    area: GRANTS,
    group: COMMUNITY,
    parent: 'energy-grant',
    phase: 'beta',
    stage: 'growth',
    strategy: {
      problemStatement: {
        problem: 'Groups spend days on an application only to be told they were never eligible.',
        who: 'Community groups thinking of applying.',
        impact: 'Wasted volunteer time, and ineligible applications for the team to turn down.',
        evidence: 'A quarter of applications in the last round were ineligible.',
      },
      valueProposition: {
        jobs: ['Decide whether to apply'],
        pains: { wasted: 'Wasting days on an application', unclear: 'Rules that are hard to follow' },
        gains: { confidence: 'Applying knowing they qualify' },
        products: ['Eligibility questions'],
        relievers: [{ text: 'Six questions, with an answer straight away', answers: ['wasted', 'unclear'] }],
        creators: [{ text: 'A summary to keep with the application', answers: ['confidence'] }],
      },
      visionBoard: {
        vision: 'Nobody starts an application they cannot finish.',
        targetGroup: 'Community groups.',
        needs: 'A quick answer',
        product: 'A short set of questions with a clear answer',
        businessGoals: 'Ineligible applications under 5%',
      },
      teamOnion: {
        core: [
          { person: 'samuel', role: 'Product manager' },
          { person: 'yusuf', role: 'Associate product manager' },
        ],
        collaborators: [{ name: 'Grant policy team', role: 'The rules' }],
        supporters: [{ person: 'chloe', role: 'Owns the service' }],
      },
    },
  },
  {
    key: 'heating',
    kind: 'service',
    name: 'Get help with home heating costs',
    purpose: 'Households on low incomes got a one-off payment towards heating; the scheme is closing.',
    owner: 'lucy',
    team: 'Household support',
    area: GRANTS,
    group: HOUSEHOLD,
    phase: 'retirement',
    stage: 'decline',
    strategy: {
      problemStatement: {
        problem:
          'The scheme’s funding ends in March, but some households still rely on it and do not know what comes next.',
        who: 'About 6,000 households who claimed last winter.',
        impact: 'People left without help in the coldest months if the move is handled badly.',
        evidence: 'Claims data, and calls from advice charities asking what will replace it.',
      },
      valueProposition: {
        jobs: ['Keep the home warm', 'Find other help'],
        pains: { cliff: 'Help stopping without warning', where: 'Not knowing where else to go' },
        gains: { handover: 'Being passed to the right scheme' },
        products: ['Closure notices', 'Signposting to other support'],
        relievers: [
          { text: 'Letters and texts three months before it closes', answers: ['cliff'] },
          { text: 'A page listing other help, checked with advice charities', answers: ['where'] },
        ],
        creators: [{ text: 'Referrals to the national scheme for those eligible', answers: ['handover'] }],
      },
      businessModel: {
        partners: 'Advice charities\nEnergy suppliers',
        activities: 'Paying the last claims\nTelling claimants what comes next',
        resources: 'Claims records\nSupport line',
        propositions: 'A safe, well-signposted end to the scheme',
        relationships: 'Letters, texts and a support line',
        channels: 'Post\nText\nAdvice charities',
        segments: 'Past claimants\nAdvice workers',
        costs: 'Final payments\nCommunications',
        value: 'No household left without knowing where to turn; funding ends in March',
      },
      visionBoard: {
        vision: 'The scheme closes without anyone falling through the gap.',
        targetGroup: 'Households who claimed.',
        needs: 'Warning\nSomewhere else to go',
        product: 'Closure communications and signposting',
        businessGoals: 'Every past claimant contacted\nThe service switched off by April',
      },
      teamOnion: {
        core: [
          { person: 'lucy', role: 'Product manager' },
          { person: 'ciara', role: 'Associate product manager' },
        ],
        collaborators: [{ name: 'Communications team', role: 'Letters and texts' }],
        supporters: [{ person: 'sophie', role: 'Senior product manager for the group' }],
      },
      metrics: [
        {
          key: 'contacted',
          name: 'Past claimants told about the closure',
          definition:
            'The share of last winter’s claimants we have reached by letter, text or phone about the closure.',
          unit: '%',
          direction: 'higher',
          baseline: 0,
          target: 100,
          targetInDays: 90,
          monthly: [0, 8, 22, 45, 70, 88, 94],
          note: 'The rest have no phone or email on record: letters go out this month.',
        },
        {
          key: 'calls',
          name: 'Calls to the support line a week',
          definition: 'Calls to the heating costs support line, over a week.',
          unit: 'calls',
          direction: 'lower',
          baseline: 400,
          target: 150,
          targetInDays: 120,
          monthly: [390, 410, 380, 330, 260, 200, 170],
        },
        {
          key: 'referred',
          name: 'Eligible households referred to the national scheme',
          definition:
            'Of the past claimants who can get help from the national scheme, the share we have referred to it.',
          unit: '%',
          direction: 'higher',
          baseline: 0,
          target: 80,
          targetInDays: 90,
          monthly: [0, 0, 12, 30, 52, 71, 83],
        },
      ],
      roadmap: [
        {
          key: 'told',
          column: 'now',
          problem: 'Claimants were not told the scheme was closing.',
          outcome: 'Every past claimant hears about the closure three months before it happens.',
          metric: 'contacted',
          closed: { status: 'done', note: 'Texts and emails have gone to everyone we can reach that way.' },
        },
        {
          key: 'no-contact',
          column: 'now',
          problem: 'Some past claimants have no phone or email on record.',
          outcome: 'They hear about the closure by letter or through an advice charity.',
          metric: 'contacted',
        },
        {
          key: 'charities',
          column: 'now',
          movedFrom: 'next',
          problem: 'Advice charities are not sure who can get help from the national scheme.',
          outcome: 'Advice workers can tell people in one call what they can get instead.',
          metric: 'calls',
        },
        {
          key: 'records',
          column: 'later',
          problem: 'Claims records must be kept for a time after closure and then deleted safely.',
          outcome: 'Records are kept as long as the law asks, and no longer.',
          metric: 'referred',
        },
      ],
      hypotheses: [
        {
          change: 'sending a text before the letter',
          audience: 'past claimants with a mobile number',
          outcome: 'mean fewer calls to the support line after the letter arrives',
          metric: 'calls',
          target: 250,
          dueInDays: -60,
          item: 'told',
          result: {
            result: 'passed',
            evidence:
              'Calls in the fortnight after the letters fell to 260 a week, against 410 after last year’s letters alone.',
            decision: 'keep',
            decisionNote: 'Keep it for the final reminder too.',
          },
        },
      ],
      prioritisation: {
        criteria: [
          { name: 'Nobody left without help', weight: 5 },
          { name: 'Cost', weight: 2 },
        ],
        options: [
          {
            key: 'letters',
            title: 'Letters to claimants with no phone or email',
            description: 'Write to everyone we cannot reach any other way.',
            impact: 4,
            effort: 1,
            moscow: 'must',
            rice: { reach: 900, impact: 2, confidence: 90, effort: 0.5 },
            scores: [5, 3],
          },
          {
            key: 'briefing',
            title: 'Briefing for advice charities',
            description: 'A one-page guide to what replaces the scheme, checked with the charities.',
            impact: 3,
            effort: 1,
            moscow: 'must',
            rice: { reach: 2000, impact: 1, confidence: 80, effort: 0.5 },
            scores: [4, 5],
          },
          {
            key: 'extend',
            title: 'Keep the scheme for one more winter',
            description: 'Pay one more round of claims from reserves.',
            impact: 4,
            effort: 5,
            moscow: 'wont',
            rice: { reach: 6000, impact: 1, confidence: 30, effort: 12 },
            scores: [5, 1],
          },
        ],
        quarters: [
          quarter(
            [6, 6],
            [1, 1],
            [1, 1],
            [1, 1],
            'Closing the scheme: support first, and one test of texts before letters.',
          ),
          quarter([7, 5], [0, 0], [1, 0], [0, 0], 'Support and communications only, as planned for a closing service.'),
        ],
      },
      decisions: [
        {
          key: 'extend-no',
          title: 'Keep the scheme for one more winter',
          proposal: 'Pay one more round of claims from reserves while the national scheme settles in.',
          assumptions: 'Reserves could cover it.\nThe national scheme will not help everyone who claimed.',
          confidence: 'low',
          expectedValue: 'No household loses help this winter.',
          outcome: 'no',
          reasoning:
            'The national scheme helps nine in ten of last winter’s claimants. Reserves are better spent on helping the rest find other support.',
          daysAgo: 130,
          option: 'extend',
        },
      ],
      reviews: [
        {
          daysAgo: 130,
          attendees: ['lucy', 'ciara', 'sophie'],
          others: 'Communications lead\nAdvice charity representative',
          parts: ['problem-statement', 'roadmap', 'decisions'],
          notes: 'Agreed the plan for closing, and said no to another winter.',
          decisions: [
            { decision: 'extend-no', changed: 'The roadmap is about closing well, not about keeping the scheme.' },
          ],
        },
      ],
    },
  },
  {
    key: 'business-support',
    kind: 'service',
    name: 'Find business support near you',
    purpose: 'Small businesses find advice, training and funding they can use, in one place.',
    owner: 'ryan',
    team: 'Business support',
    area: GRANTS,
    group: BUSINESS,
    uses: ['address'],
    phase: 'live',
    stage: 'maturity',
    strategy: {
      problemStatement: {
        problem: 'Support for small businesses is spread across dozens of websites, so owners give up looking.',
        who: 'Around 20,000 small businesses in the area, most with fewer than ten staff.',
        impact: 'Support schemes are under-used while businesses struggle.',
        evidence: 'Survey of 400 business owners; scheme take-up figures.',
      },
      valueProposition: {
        jobs: ['Grow the business', 'Solve a problem quickly'],
        pains: { scattered: 'Support spread over many websites', irrelevant: 'Schemes that turn out not to apply' },
        gains: { local: 'An adviser nearby' },
        products: ['Search of support by need and place'],
        relievers: [
          { text: 'One search across every scheme', answers: ['scattered'] },
          { text: 'Filters for size, sector and place', answers: ['irrelevant'] },
        ],
        creators: [{ text: 'Book a local adviser', answers: ['local'] }],
      },
      businessModel: {
        partners: 'Chambers of commerce\nGrowth hub\nBanks',
        activities: 'Keeping the list of schemes current\nMatching businesses to advisers',
        resources: 'Scheme listings\nAdviser network',
        propositions: 'Every kind of help for a small business, found in minutes',
        relationships: 'Self-service, with advisers for deeper help',
        channels: 'Online\nPartner websites',
        segments: 'New businesses\nGrowing firms\nBusinesses in difficulty',
        costs: 'Content team\nHosting',
        value: 'Higher take-up of support; funded by economic development',
      },
      visionBoard: {
        vision: 'Every small business owner knows where to get help.',
        targetGroup: 'Small business owners.',
        needs: 'Find help that fits\nTalk to someone local',
        product: 'Search, filters and adviser booking',
        businessGoals: 'Double adviser bookings\nMore schemes fully used',
      },
      teamOnion: {
        core: [
          { person: 'ryan', role: 'Product manager' },
          { person: 'finn', role: 'Associate product manager' },
          { person: 'adam', role: 'Product manager, content' },
        ],
        collaborators: [{ name: 'Growth hub', role: 'Adviser network' }],
        supporters: [{ person: 'rajesh', role: 'Senior product manager for the group' }],
      },
      metrics: [
        {
          key: 'cost',
          kpi: 'cost-per-transaction',
          baseline: 14,
          target: 10,
          targetInDays: 60,
          monthly: [13.8, 13.1, 12.4, 11.6, 10.9, 10.2, 9.7],
        },
        {
          key: 'satisfaction',
          kpi: 'user-satisfaction',
          baseline: 70,
          target: 80,
          targetInDays: 90,
          monthly: [71, 72, 74, 73, 76, 78, 79],
        },
        {
          key: 'completion',
          kpi: 'completion-rate',
          baseline: 55,
          target: 70,
          targetInDays: 120,
          monthly: [56, 58, 61, 64, 66, 69, 72],
        },
        {
          key: 'bookings',
          name: 'Adviser bookings a month',
          definition: 'Appointments with a local adviser booked through the service, in a calendar month.',
          unit: 'bookings',
          direction: 'higher',
          baseline: 120,
          target: 240,
          targetInDays: 180,
          monthly: [125, 138, 150, 171, 185, 204, 219],
        },
        {
          key: 'return',
          name: 'Owners who come back within three months',
          definition: 'The share of owners who search again within three months of their first search.',
          unit: '%',
          direction: 'higher',
          baseline: 12,
          target: 20,
          targetInDays: 30,
          monthly: [12, 12, 13, 12, 13, 13, 13],
        },
      ],
      roadmap: [
        {
          key: 'place',
          column: 'now',
          problem: 'Search results were not filtered by where a business is.',
          outcome: 'Owners see only the support they can get where they are.',
          metric: 'completion',
          closed: { status: 'done', note: 'Filters by place went live and completion rose by 5 points.' },
        },
        {
          key: 'come-back',
          column: 'now',
          problem: 'Owners do not come back after their first search, so they miss new schemes.',
          outcome: 'Owners return when a new scheme could help them.',
          metric: 'return',
        },
        {
          key: 'hours',
          column: 'now',
          problem: 'Owners cannot book an adviser outside office hours, when most of them have time.',
          outcome: 'Owners book an adviser at any time of day.',
          metric: 'bookings',
        },
        {
          key: 'stale',
          column: 'next',
          problem: 'Scheme listings go out of date, so owners apply for help that has ended.',
          outcome: 'Every listing is checked at least once a quarter.',
          metric: 'satisfaction',
        },
        {
          key: 'used',
          column: 'later',
          problem: 'Owners cannot tell which schemes they have already used.',
          outcome: 'Owners see what they have had and what they could try next.',
          metric: 'completion',
        },
      ],
      hypotheses: [
        {
          change: 'a monthly email of new schemes',
          audience: 'owners who leave their email address after a search',
          outcome: 'bring them back to search again',
          metric: 'return',
          target: 20,
          dueInDays: -35,
          item: 'come-back',
          result: {
            result: 'failed',
            evidence:
              'Over three months, 1,900 owners signed up. Only 6% of them came back, no more than owners who got no email, and many emails were never opened.',
            decision: 'drop',
            decisionNote:
              'Drop it. Owners come back when they have a problem, not when we write to them. We will look at links from partners instead.',
          },
        },
        {
          change: 'booking an adviser online, at any time',
          audience: 'owners who work during office hours',
          outcome: 'mean more bookings',
          metric: 'bookings',
          target: 240,
          dueInDays: 45,
          item: 'hours',
        },
      ],
      prioritisation: {
        criteria: [
          { name: 'Value to business owners', weight: 5 },
          { name: 'Fits our partners’ plans', weight: 2 },
          { name: 'Ease of building', weight: 3 },
        ],
        options: [
          {
            key: 'booking',
            title: 'Book an adviser online',
            description: 'Owners choose a time with a local adviser without phoning.',
            impact: 4,
            effort: 3,
            moscow: 'must',
            rice: { reach: 2500, impact: 2, confidence: 80, effort: 3 },
            scores: [5, 4, 3],
          },
          {
            key: 'chatbot',
            title: 'A chatbot to answer questions',
            description: 'Answer common questions about schemes in a chat window.',
            impact: 2,
            effort: 4,
            moscow: 'wont',
            rice: { reach: 4000, impact: 0.5, confidence: 30, effort: 5 },
            scores: [2, 2, 1],
          },
          {
            key: 'checks',
            title: 'Quarterly checks of every listing',
            description: 'Ask each scheme to confirm its listing every quarter, and hide those that do not.',
            impact: 3,
            effort: 2,
            moscow: 'should',
            rice: { reach: 6000, impact: 0.5, confidence: 80, effort: 1 },
            scores: [3, 5, 4],
          },
          {
            key: 'email',
            title: 'Monthly email of new schemes',
            description: 'Email owners who ask for it when new schemes open.',
            impact: 2,
            effort: 1,
            moscow: 'could',
            rice: { reach: 1900, impact: 0.5, confidence: 50, effort: 0.5 },
            scores: [2, 3, 5],
          },
        ],
        quarters: [
          quarter([3, 3], [4, 4], [2, 2], [1, 1], 'Filters by place went live.'),
          quarter([3, 3], [4, 3], [2, 2], [1, 1], 'The email test ran all quarter.'),
          quarter([3, 1], [4, 2], [2, 1], [1, 0], 'Online booking is being built.'),
        ],
      },
      decisions: [
        {
          key: 'chatbot-no',
          title: 'Add a chatbot to answer questions',
          proposal: 'Answer common questions about schemes in a chat window on every page.',
          assumptions: 'Owners have questions the pages do not answer.\nA chatbot could answer them well.',
          confidence: 'low',
          expectedValue: 'Fewer calls to advisers about simple questions.',
          outcome: 'no',
          reasoning:
            'Search logs show owners struggle to find the right scheme, not to understand it. Better listings come first.',
          daysAgo: 80,
          option: 'chatbot',
        },
        {
          key: 'email-stop',
          title: 'Stop the monthly email of new schemes',
          proposal: 'Stop sending the monthly email, and tell the people who signed up.',
          assumptions: 'The test was long enough to show whether it works.',
          confidence: 'high',
          expectedValue: 'Time back for online booking, which owners ask for.',
          outcome: 'yes',
          reasoning: 'The email brought back no more owners than sending nothing at all.',
          daysAgo: 25,
          option: 'email',
        },
      ],
      reviews: [
        {
          daysAgo: 80,
          attendees: ['ryan', 'finn', 'adam', 'rajesh'],
          others: 'Growth hub manager',
          parts: ['value-proposition-canvas', 'prioritisation', 'decisions'],
          notes: 'Went through the options for the next two quarters.',
          decisions: [
            { decision: 'chatbot-no', changed: 'The chatbot stays off the roadmap; listings checks move up.' },
          ],
        },
        {
          daysAgo: 25,
          attendees: ['ryan', 'finn', 'adam'],
          others: '',
          parts: ['roadmap', 'metrics', 'decisions'],
          notes: 'The email test failed. Cost and completion are on target; bookings and return visits are not.',
          decisions: [{ decision: 'email-stop', changed: 'Bringing owners back was dropped from Now.' }],
        },
      ],
    },
  },
]
