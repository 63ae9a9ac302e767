// The worked example above single things: how its department's leaders and teams use objectives
// and key results, the insight backlog, the leadership team's balance of work, the strategies of
// its two areas and of the organisation, and working in the open. Plain data, as example.data.ts
// is: people, things, metrics and roadmap items are named by their keys there, and dates are
// days before the day the example is loaded. example.service.ts writes each part through its
// capability's own service, as the person named would.
import type { InsightKind } from '../insight/insight.types.ts'
import type { PortfolioCounts } from '../portfolio/portfolio.types.ts'
import type { Column } from '../products/roadmap/roadmap.types.ts'
import { EXAMPLE_AREAS, type ExampleMetric } from './example.data.ts'

const LICENSING = EXAMPLE_AREAS[0]
const GRANTS = EXAMPLE_AREAS[1]

/** A metric or a roadmap item of one of the example's things, by their keys. */
export interface ThingPart {
  readonly thing: string
  readonly key: string
}

// ---- Objectives and key results ------------------------------------------------------------------

/** Whom an objective is for: the organisation, an area, a group in an area, or a thing (by key). */
export type ObjectivePlace =
  | { readonly level: 'organisation' }
  | { readonly level: 'area'; readonly area: string }
  | { readonly level: 'group'; readonly area: string; readonly group: string }
  | { readonly level: 'thing'; readonly thing: string }

/** An objective for the quarter the example is loaded in. */
export interface ExampleObjective {
  readonly key: string
  readonly place: ObjectivePlace
  /** Who set it: the person responsible at its level. */
  readonly by: string
  /** The objective one level up it supports, by key (set before this one). */
  readonly supports: string | null
  readonly title: string
  /** What success looks like. */
  readonly description: string
  /** Metrics of things in its place, whose measurements show its progress. */
  readonly keyResults: readonly ThingPart[]
  /** Open roadmap items of things in its place that serve it. */
  readonly items: readonly ThingPart[]
}

/** Organisation first, then each level down, so each names one set before it. */
export const EXAMPLE_OBJECTIVES: readonly ExampleObjective[] = [
  {
    key: 'org',
    place: { level: 'organisation' },
    by: 'nadia',
    supports: null,
    title: 'People get what they need from us online, first time',
    description:
      'More of the people who apply for a licence, a permit or a grant finish online, without phoning us or having their application sent back.',
    keyResults: [
      { thing: 'street-trading', key: 'completion' },
      { thing: 'food-business', key: 'take-up' },
      { thing: 'business-support', key: 'completion' },
      { thing: 'energy-grant', key: 'eligible' },
    ],
    items: [],
  },
  {
    key: 'licensing',
    place: { level: 'area', area: LICENSING },
    by: 'tom',
    supports: 'org',
    title: 'Licences and permits are easy to get right first time',
    description:
      'Applicants know what they need before they start, and can see where their application has got to without calling us.',
    keyResults: [
      { thing: 'street-trading', key: 'chasers' },
      { thing: 'food-business', key: 'before-opening' },
      { thing: 'river-works', key: 'answered' },
    ],
    items: [
      { thing: 'street-trading', key: 'where' },
      { thing: 'food-business', key: 'open-first' },
    ],
  },
  {
    key: 'grants',
    place: { level: 'area', area: GRANTS },
    by: 'fiona',
    supports: 'org',
    title: 'Help reaches the people and groups who need it most',
    description:
      'Groups new to our grants apply and succeed, and households leaving the heating scheme are passed on to the help that replaces it.',
    keyResults: [
      { thing: 'energy-grant', key: 'new-groups' },
      { thing: 'heating', key: 'referred' },
      { thing: 'business-support', key: 'bookings' },
    ],
    items: [
      { thing: 'energy-grant', key: 'eligibility' },
      { thing: 'heating', key: 'charities' },
    ],
  },
  {
    key: 'trading',
    place: { level: 'group', area: LICENSING, group: 'Trading and premises' },
    by: 'aisha',
    supports: 'licensing',
    title: 'Street traders get their licence without chasing us',
    description: 'Fewer calls asking about progress, and more traders finishing online the first time they try.',
    keyResults: [
      { thing: 'street-trading', key: 'chasers' },
      { thing: 'street-trading', key: 'completion' },
    ],
    items: [{ thing: 'street-trading', key: 'payment' }],
  },
  {
    key: 'food',
    place: { level: 'group', area: LICENSING, group: 'Food safety' },
    by: 'meilin',
    supports: 'licensing',
    title: 'Every food business registers before it opens',
    description: 'New businesses hear about registration while they plan, not from an inspector after they open.',
    keyResults: [
      { thing: 'food-business', key: 'before-opening' },
      { thing: 'food-business', key: 'take-up' },
    ],
    items: [],
  },
  {
    key: 'community',
    place: { level: 'group', area: GRANTS, group: 'Community grants' },
    by: 'daniel',
    supports: 'grants',
    title: 'Volunteer groups can apply without expert help',
    description: 'A group with no energy expertise can tell if it may apply and finish the form on its own.',
    keyResults: [
      { thing: 'energy-grant', key: 'minutes' },
      { thing: 'energy-grant', key: 'new-groups' },
    ],
    items: [],
  },
  {
    key: 'business',
    place: { level: 'group', area: GRANTS, group: 'Business support' },
    by: 'rajesh',
    supports: 'grants',
    title: 'Business owners find and use the support on offer',
    description: 'Owners book advice when it suits them and come back when new schemes open.',
    keyResults: [
      { thing: 'business-support', key: 'bookings' },
      { thing: 'business-support', key: 'return' },
    ],
    items: [],
  },
  {
    key: 'trading-progress',
    place: { level: 'thing', thing: 'street-trading' },
    by: 'ellie',
    supports: 'trading',
    title: 'Traders can see where their application has got to',
    description: 'Traders are told what happens next and when, so they have no reason to phone and ask.',
    keyResults: [
      { thing: 'street-trading', key: 'chasers' },
      { thing: 'street-trading', key: 'satisfaction' },
    ],
    items: [
      { thing: 'street-trading', key: 'where' },
      { thing: 'street-trading', key: 'payment' },
    ],
  },
  {
    key: 'food-before',
    place: { level: 'thing', thing: 'food-business' },
    by: 'grace',
    supports: 'food',
    title: 'New food businesses know to register before they open',
    description: 'Registration reaches people while they plan their business, including those who bake at home.',
    keyResults: [
      { thing: 'food-business', key: 'before-opening' },
      { thing: 'food-business', key: 'completion' },
    ],
    items: [
      { thing: 'food-business', key: 'open-first' },
      { thing: 'food-business', key: 'home' },
    ],
  },
  {
    key: 'energy-evening',
    place: { level: 'thing', thing: 'energy-grant' },
    by: 'chloe',
    supports: 'community',
    title: 'A volunteer can finish the application in one evening',
    description: 'The form asks only what we need, in words a volunteer understands, and says early on who can apply.',
    keyResults: [
      { thing: 'energy-grant', key: 'minutes' },
      { thing: 'energy-grant', key: 'eligible' },
    ],
    items: [
      { thing: 'energy-grant', key: 'length' },
      { thing: 'energy-grant', key: 'eligibility' },
    ],
  },
  {
    key: 'business-hours',
    place: { level: 'thing', thing: 'business-support' },
    by: 'ryan',
    supports: 'business',
    title: 'Owners can book an adviser when it suits them',
    description: 'Advice is bookable in the evenings, and owners come back to see new schemes.',
    keyResults: [
      { thing: 'business-support', key: 'bookings' },
      { thing: 'business-support', key: 'return' },
    ],
    items: [{ thing: 'business-support', key: 'hours' }],
  },
]

// ---- Insight and ideas ---------------------------------------------------------------------------

/** A tag: a thing (by key), and a problem on its roadmap (an item's key) when it is about one. */
export interface InsightTag {
  readonly thing: string
  readonly item?: string
}

export interface ExampleInsight {
  readonly key: string
  /** Who added it to the backlog. */
  readonly by: string
  readonly kind: InsightKind
  readonly title: string
  readonly source: string
  /** Observed this many days before the example is loaded. */
  readonly daysAgo: number
  readonly evidence: string
  readonly tags: readonly InsightTag[]
}

export const EXAMPLE_INSIGHT: readonly ExampleInsight[] = [
  {
    key: 'trader-next',
    by: 'ellie',
    kind: 'research',
    title: 'Traders phone because nothing tells them what happens after they apply',
    source: 'Usability testing, round 4 (6 traders)',
    daysAgo: 40,
    evidence:
      'Five of the six traders we watched said they would phone the office after applying. None could find anything on the confirmation page or in the email about how long a decision takes or what comes next.',
    tags: [{ thing: 'street-trading', item: 'where' }],
  },
  {
    key: 'trader-calls',
    by: 'freya',
    kind: 'support',
    title: 'Most calls to the licensing team ask where an application has got to',
    source: 'Licensing team call log, last 12 weeks',
    daysAgo: 20,
    evidence:
      'Of 1,140 calls logged, 730 (64%) asked about the progress of an application. Most came in the second week after applying, when traders expected a decision.',
    tags: [{ thing: 'street-trading', item: 'where' }],
  },
  {
    key: 'card-fails',
    by: 'isabel',
    kind: 'analytics',
    title: 'Card payments fail most often on older Android phones',
    source: 'Payment provider’s error reports, last month',
    daysAgo: 25,
    evidence:
      '9% of card payments from Android 9 and older failed at the bank’s security check, against 1% on newer phones. Most of those traders tried again from another device; about one in five gave up.',
    tags: [{ thing: 'street-trading', item: 'payment' }, { thing: 'payments' }],
  },
  {
    key: 'pitch-first',
    by: 'ellie',
    kind: 'feedback',
    title: 'Traders want to see which pitches are free before they pay',
    source: 'Feedback link on the application form',
    daysAgo: 60,
    evidence:
      '23 comments in three months asked to see free pitches on a map first. One trader wrote: “I paid, then got a pitch I can’t use on market days.”',
    tags: [{ thing: 'street-trading', item: 'pitches' }],
  },
  {
    key: 'home-bakers',
    by: 'sana',
    kind: 'research',
    title: 'Home bakers stop at the questions about premises',
    source: 'Interviews with 8 home-based food businesses',
    daysAgo: 50,
    evidence:
      'Six of the eight said the premises section made them think the form was not meant for them. Two stopped and phoned us; one opened without registering.',
    tags: [{ thing: 'food-business', item: 'home' }],
  },
  {
    key: 'opened-first',
    by: 'grace',
    kind: 'analytics',
    title: 'A third of registrations come in after the business has opened',
    source: 'Answers on the registration form, last six months',
    daysAgo: 10,
    evidence:
      '34% of businesses gave an opening date earlier than the day they registered. Most were takeaways and market stalls, and most said they found out from an inspector.',
    tags: [{ thing: 'food-business', item: 'open-first' }],
  },
  {
    key: 'volunteer-calls',
    by: 'chloe',
    kind: 'support',
    title: 'Volunteers call for help with the technical questions on the energy grant form',
    source: 'Grants helpline, October',
    daysAgo: 30,
    evidence:
      '41 of the 57 calls about the community energy grant were about the technical section (expected output, connection to the grid). Nearly all callers were volunteers with no background in energy.',
    tags: [{ thing: 'energy-grant', item: 'length' }],
  },
  {
    key: 'too-late',
    by: 'samuel',
    kind: 'research',
    title: 'Groups find out they cannot apply only at the end of the form',
    source: 'Diary study with 5 community groups',
    daysAgo: 70,
    evidence:
      'Three of the five groups learned on the last page that their building lease was too short to qualify. Each had spent more than two hours on the form by then.',
    tags: [{ thing: 'energy-grant', item: 'eligibility' }, { thing: 'eligibility' }],
  },
  {
    key: 'supplier-cash',
    by: 'chloe',
    kind: 'feedback',
    title: 'Groups worry about paying installers before the grant arrives',
    source: 'End of project survey',
    daysAgo: 90,
    evidence:
      'Nine of the 14 groups that finished a project said paying installers up front was their biggest worry. Two nearly pulled out because of it.',
    tags: [{ thing: 'energy-grant', item: 'cashflow' }],
  },
  {
    key: 'charity-calls',
    by: 'lucy',
    kind: 'support',
    title: 'Advice charities ask us who can get help from the national scheme',
    source: 'Calls from partner organisations, last four weeks',
    daysAgo: 15,
    evidence:
      'Advice charities called 18 times in four weeks to check who qualifies for the national heating scheme now that ours is closing. Each call took a caseworker about 20 minutes.',
    tags: [{ thing: 'heating', item: 'charities' }],
  },
  {
    key: 'evening-visits',
    by: 'ryan',
    kind: 'analytics',
    title: 'Most visits to the booking page come in the evening, when nothing can be booked',
    source: 'Booking page analytics, last 90 days',
    daysAgo: 12,
    evidence:
      '62% of visits to the adviser booking page are between 6pm and 10pm, when there are no slots. Half of those visitors leave without booking anything.',
    tags: [{ thing: 'business-support', item: 'hours' }],
  },
  {
    key: 'forget-us',
    by: 'ryan',
    kind: 'research',
    title: 'Owners do not know new schemes are added each month',
    source: 'Follow-up interviews with 10 business owners',
    daysAgo: 35,
    evidence:
      'Only two of the ten had been back since their first search. Eight did not know that new schemes are listed every month; three had since missed one they could have used.',
    tags: [{ thing: 'business-support' }],
  },
  {
    key: 'river-guidance',
    by: 'jack',
    kind: 'feedback',
    title: 'Builders say our river permit guidance is written for planners',
    source: 'Comments on the guidance page',
    daysAgo: 45,
    evidence:
      '17 comments in two months said the guidance did not answer whether their job needs a permit. One builder wrote: “I read it twice and still don’t know if I need one.”',
    tags: [{ thing: 'river-works', item: 'guidance' }],
  },
]

export interface ExampleIdea {
  readonly by: string
  readonly title: string
  readonly description: string
  /** The problem on a roadmap it would solve. */
  readonly problem: ThingPart
  /** The insight behind it, by key. */
  readonly insight: readonly string[]
}

export const EXAMPLE_IDEAS: readonly ExampleIdea[] = [
  {
    by: 'ellie',
    title: 'Tell traders what happens next, and when',
    description:
      'Put the usual decision time and the next step on the confirmation page and in the email, and send a short message when a licensing officer picks the application up.',
    problem: { thing: 'street-trading', key: 'where' },
    insight: ['trader-next', 'trader-calls'],
  },
  {
    by: 'chloe',
    title: 'Ask the questions that rule a group out first',
    description:
      'Start the form with the few questions that decide whether a group can apply (lease length, kind of building, where it is), so nobody fills in the rest for nothing.',
    problem: { thing: 'energy-grant', key: 'eligibility' },
    insight: ['too-late', 'volunteer-calls'],
  },
  {
    by: 'ryan',
    title: 'Evening calls with an adviser',
    description:
      'Offer video calls from 6pm to 9pm on two evenings a week, run with the partner advice service, and open them for booking online.',
    problem: { thing: 'business-support', key: 'hours' },
    insight: ['evening-visits'],
  },
]

// ---- The leadership team's balance of work -------------------------------------------------------

/** A quarter of the leadership team's work: `quartersAgo` 0 is the quarter the example is loaded in. */
export interface ExampleBalanceQuarter {
  readonly quartersAgo: number
  readonly counts: PortfolioCounts
  readonly note: string
}

/** Recorded by the head of product, oldest first. Organisational innovation is starved in the last two. */
export const EXAMPLE_BALANCE: readonly ExampleBalanceQuarter[] = [
  {
    quartersAgo: 3,
    counts: {
      relationships: { planned: 3, done: 3 },
      products: { planned: 4, done: 3 },
      dysfunction: { planned: 2, done: 1 },
      innovation: { planned: 2, done: 1 },
    },
    note: 'Started a monthly show and tell with licensing officers, and tried a shared library of user research.',
  },
  {
    quartersAgo: 2,
    counts: {
      relationships: { planned: 3, done: 2 },
      products: { planned: 5, done: 4 },
      dysfunction: { planned: 3, done: 2 },
      innovation: { planned: 1, done: 1 },
    },
    note: 'Agreed one way of writing problem statements across both areas.',
  },
  {
    quartersAgo: 1,
    counts: {
      relationships: { planned: 2, done: 2 },
      products: { planned: 5, done: 5 },
      dysfunction: { planned: 3, done: 3 },
      innovation: { planned: 1, done: 0 },
    },
    note: 'The research library trial stalled when the person running it moved to help close the heating scheme.',
  },
  {
    quartersAgo: 0,
    counts: {
      relationships: { planned: 2, done: 1 },
      products: { planned: 6, done: 4 },
      dysfunction: { planned: 2, done: 1 },
      innovation: { planned: 0, done: 0 },
    },
    note: 'Closing the heating scheme has taken our spare time. We need to plan some innovation for next quarter.',
  },
]

// ---- Strategies of the areas and the organisation ------------------------------------------------

export interface ScopedRoadmapItem {
  readonly column: Column
  readonly problem: string
  readonly outcome: string
  /** The strategy's own metric that will show the outcome, by key; null leaves it unmeasured (and flagged). */
  readonly metric: string | null
}

/** The strategy of an area (named) or of the organisation (area null), written by its leader. */
export interface ExampleScopedStrategy {
  readonly area: string | null
  readonly by: string
  readonly problemStatement: { problem: string; who: string; impact: string; evidence: string }
  readonly metrics: readonly ExampleMetric[]
  readonly roadmap: readonly ScopedRoadmapItem[]
}

export const EXAMPLE_SCOPED_STRATEGIES: readonly ExampleScopedStrategy[] = [
  {
    area: null,
    by: 'nadia',
    problemStatement: {
      problem:
        'Our services are built and measured team by team, so we cannot see which ones most need help, and good ideas stay in the team that had them.',
      who: 'The leadership team, the two area leads, and in the end everyone who applies to us for a licence, a permit or a grant.',
      impact:
        'Money and people go where the loudest request is, not where users struggle most. The same problems are solved twice in different areas.',
      evidence:
        'Only four of our six services report the four GOV.UK measures. Last year two teams each paid for research into how businesses find us.',
    },
    metrics: [
      {
        key: 'reporting',
        name: 'Services reporting the four GOV.UK measures',
        definition: 'Live and beta services that published all four measures for the last month',
        unit: 'services',
        direction: 'higher',
        baseline: 2,
        target: 6,
        targetInDays: 180,
        monthly: [2, 2, 3, 3, 4, 4, 4],
      },
      {
        key: 'reused',
        name: 'Research reused across areas',
        definition: 'Pieces of user research used by a team in the other area, each quarter',
        unit: 'pieces',
        direction: 'higher',
        baseline: 0,
        target: 6,
        targetInDays: 270,
        monthly: [0, 0, 1, 1, 1, 2, 2],
      },
    ],
    roadmap: [
      {
        column: 'now',
        problem: 'Services measure different things, so leaders cannot compare how they are doing.',
        outcome: 'Every live service reports the four GOV.UK measures each month.',
        metric: 'reporting',
      },
      {
        column: 'now',
        problem: 'Product managers in the two areas rarely learn from each other’s research.',
        outcome: 'Research is kept in one place and reused across areas.',
        metric: 'reused',
      },
      {
        column: 'next',
        problem: 'New product managers take months to learn how we work.',
        outcome: 'A new starter runs their first strategy review within three months.',
        metric: null,
      },
      {
        column: 'later',
        problem: 'We make little time to try new ways of working.',
        outcome: 'One small experiment in how we work each quarter, with what we learned written down.',
        metric: null,
      },
    ],
  },
  {
    area: LICENSING,
    by: 'tom',
    problemStatement: {
      problem:
        'Businesses deal with us several times for different licences and permits, and each service asks for the same things in a different way.',
      who: 'Around 6,000 businesses a year, most of them small: traders, food businesses and builders.',
      impact:
        'Applications come back for missing details, officers re-key the same information, and businesses see us as slow and hard to deal with.',
      evidence:
        'One in five applications is returned at least once. Half of the businesses we licence hold two or more of our licences.',
    },
    metrics: [
      {
        key: 'returned',
        name: 'Applications returned at least once',
        definition:
          'Licence and permit applications sent back to the applicant for something missing, as a share of all',
        unit: '%',
        direction: 'lower',
        baseline: 21,
        target: 10,
        targetInDays: 240,
        monthly: [21, 20, 20, 18, 17, 16, 15],
      },
      {
        key: 'retyped',
        name: 'Details typed again',
        definition: 'Applications from businesses we already hold details for, where the details were typed again',
        unit: '%',
        direction: 'lower',
        baseline: 100,
        target: 20,
        targetInDays: 365,
        monthly: [100, 100, 100, 96, 92, 90, 88],
      },
    ],
    roadmap: [
      {
        column: 'now',
        problem: 'Businesses type the same details each time they apply for a licence.',
        outcome: 'A business gives its details once across our licensing services.',
        metric: 'retyped',
      },
      {
        column: 'now',
        problem: 'Too many applications come back because something is missing.',
        outcome: 'Fewer than one in ten applications is returned.',
        metric: 'returned',
      },
      {
        column: 'next',
        problem: 'Inspectors and case officers keep different records of the same premises.',
        outcome: 'One record of each premises that both can see.',
        metric: 'retyped',
      },
      {
        column: 'later',
        problem: 'People find out they need a permit only when they are told to stop work.',
        outcome: 'Most people hear about permits while they are planning their work.',
        metric: null,
      },
    ],
  },
  {
    area: GRANTS,
    by: 'fiona',
    problemStatement: {
      problem:
        'Our grants and support reach the groups and households who already know about them, not always those who need them most.',
      who: 'Community groups, households on low incomes and small businesses across the county.',
      impact:
        'Money goes unspent in some schemes while people who qualify go without, and the closure of the heating scheme risks leaving some households with nothing.',
      evidence:
        'Four in five grant applications come from groups that have applied before. The heating scheme has 3,200 past claimants to pass on to the national scheme.',
    },
    metrics: [
      {
        key: 'first-time',
        name: 'Applications from first-time applicants',
        definition:
          'Grant applications from groups and households that have not applied to us before, as a share of all',
        unit: '%',
        direction: 'higher',
        baseline: 20,
        target: 40,
        targetInDays: 300,
        monthly: [19, 21, 22, 24, 27, 29, 31],
      },
    ],
    roadmap: [
      {
        column: 'now',
        problem: 'Community groups do not know which of our grants fit them.',
        outcome: 'More first-time applicants, across more of the county.',
        metric: 'first-time',
      },
      {
        column: 'now',
        problem: 'Households leaving the heating scheme may fall through the gap.',
        outcome: 'Every eligible past claimant is referred to the national scheme.',
        metric: null,
      },
      {
        column: 'next',
        problem: 'Each grant runs its own process, so staff cannot cover for each other.',
        outcome: 'One way of handling applications that every grant uses.',
        metric: null,
      },
      {
        column: 'later',
        problem: 'We do not know what difference our grants make a year later.',
        outcome: 'A simple follow-up a year on for every grant we give.',
        metric: null,
      },
    ],
  },
]

// ---- Working in the open -------------------------------------------------------------------------

/** A service's strategy published by its owner, with parts held back and why, and feedback left on it. */
export interface ExamplePublication {
  readonly thing: string
  /** Parts held back, by the document they are in and their heading there. */
  readonly withhold: readonly { readonly document: string; readonly heading: string; readonly reason: string }[]
  /** Feedback a visitor leaves on the public page, held for moderation: about a problem on its roadmap. */
  readonly feedback: { readonly text: string; readonly about: string }
}

export const EXAMPLE_PUBLICATION: ExamplePublication = {
  thing: 'street-trading',
  withhold: [
    {
      document: 'Business model canvas',
      heading: 'Cost structure',
      reason:
        'Held back while we agree a new contract with our payment supplier: the costs are commercially sensitive until it is signed.',
    },
    ...(['Core team', 'Collaborators', 'Supporters'] as const).map(heading => ({
      document: 'Team onion',
      heading,
      reason: 'It names colleagues, and we publish names only with their agreement.',
    })),
  ],
  feedback: {
    about: 'where',
    text: 'I applied three weeks ago and still do not know if I can trade at the Christmas market. A text when it is decided would save me ringing every few days.',
  },
}
