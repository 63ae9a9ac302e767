// The worked example: a fictional department's product people and the things they look after,
// written once, here, as plain data. Nothing is random: loading it twice on two installations
// gives the same people, teams, strategies and check-in levels (only ids and dates, which follow
// today, differ). example.service.ts turns it into records through the other capabilities'
// services.
//
// Each thing's strategy is one object literal (`strategy`), with a property per kind of document.
// A new part of the strategy (a roadmap, metrics, hypotheses…) is a new optional property on
// ExampleStrategy and a few lines in the service that saves it.

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
  readonly teamOnion?: {
    core: readonly OnionEntry[]
    collaborators: readonly OnionEntry[]
    supporters: readonly OnionEntry[]
  }
}

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
    },
  },
]
