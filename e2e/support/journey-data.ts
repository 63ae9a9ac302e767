// The `js` and `no-js` projects run the same journeys against one server and one database, one
// after the other. Each journey that changes something works on pages of its own in each
// project, so neither run sees the other's changes. Slugs are those of the starter handbook
// (content/handbook).
export interface JourneyData {
  /** A page two editors change at the same time. */
  readonly conflictPage: { slug: string; title: string }
  /** A page a member suggests a change to, which an editor accepts. */
  readonly acceptedPage: { slug: string; title: string }
  /** A page a member suggests a change to, which an editor declines. */
  readonly declinedPage: { slug: string; title: string }
  /** A page two people suggest different changes to, in the same paragraph. */
  readonly twoSuggestionsPage: { slug: string; title: string }
  /** A page an editor names an owner for, and readers say whether it was useful. */
  readonly ownedPage: { slug: string; title: string; section: string }
  /** Makes the names of imported files, sections and pages unique to the project. */
  readonly suffix: string
  /** The people of the career pathway journeys (e2e/pathway), added through the People pages. */
  readonly pathway: PathwayData
  /** The portfolio journey (e2e/portfolio.spec.ts): an area's lead, the area, and a thing in it. */
  readonly portfolio: PortfolioData
  /** The area strategy journey (e2e/strategy-scale.spec.ts): an area's lead and a head of product. */
  readonly strategyScale: StrategyScaleData
}

export interface StrategyScaleData {
  /** A leader (account role Leader) of the area: the pathway shape has no lead product manager role. */
  readonly lead: ProfessionPerson
  /** A head of product in another area, who reads the area's strategy. */
  readonly head: ProfessionPerson
  readonly area: string
}

export interface PortfolioData {
  /** A leader (account role Leader) of the area, who reads the area's view. */
  readonly lead: ProfessionPerson
  readonly area: string
  /** A service in the area with no problem statement yet: the red flag the lead follows. */
  readonly thing: string
}

/** Someone added to the profession by an administrator for the career pathway journeys. */
export interface ProfessionPerson {
  /** Names the file their signed-in browser state is kept in. */
  readonly key: string
  readonly name: string
  readonly email: string
  readonly password: string
  /** The label of their account role on the Add a person page. */
  readonly accountRole: 'Member' | 'Leader'
  /** The label of their career role on their profile page. */
  readonly careerRole: string
  readonly businessArea: string
  /** The key of their line manager, if they have one. */
  readonly lineManager?: string
  readonly headOfProfession?: boolean
}

export interface PathwayData {
  /** A senior product manager who line manages the report. */
  readonly manager: ProfessionPerson
  /** A product manager: their first check-in, development plan and 1:1. */
  readonly report: ProfessionPerson
  /** A head of profession, who proposes a change to the framework and moves people across. */
  readonly head: ProfessionPerson
  /** A leader of another business area, who must not see the report's 1:1s. */
  readonly otherLeader: ProfessionPerson
  /** The expected level a head of profession proposes to change. */
  readonly proposal: { role: string; skill: string; from: string; to: string }
  /** The people a CSV import adds, with the business area they go in. */
  readonly imported: { area: string; names: readonly [string, string, string] }
  /** A handbook page the head of profession owns, whose readers' answers come to their home page. */
  readonly headsPage: { slug: string; title: string }
}

const person = (
  key: string,
  name: string,
  details: Omit<ProfessionPerson, 'key' | 'name' | 'email' | 'password'>,
): ProfessionPerson => ({
  key,
  name,
  email: `${name.toLowerCase().replace(/\s+/g, '.')}@example.gov.uk`,
  password: `lantern ${key} orchard pebble`,
  ...details,
})

function pathwayPeople(names: {
  manager: string
  report: string
  head: string
  otherLeader: string
  area: string
  otherArea: string
}): Pick<PathwayData, 'manager' | 'report' | 'head' | 'otherLeader'> {
  return {
    manager: person('manager', names.manager, {
      accountRole: 'Member',
      careerRole: 'Senior product manager',
      businessArea: names.area,
    }),
    report: person('report', names.report, {
      accountRole: 'Member',
      careerRole: 'Product manager',
      businessArea: names.area,
      lineManager: 'manager',
    }),
    head: person('head', names.head, {
      accountRole: 'Member',
      careerRole: 'Head of product',
      businessArea: names.otherArea,
      headOfProfession: true,
    }),
    otherLeader: person('other-leader', names.otherLeader, {
      accountRole: 'Leader',
      careerRole: 'Senior product manager',
      businessArea: names.otherArea,
    }),
  }
}

const DATA: Record<string, JourneyData> = {
  js: {
    conflictPage: { slug: 'scrum', title: 'Scrum' },
    acceptedPage: { slug: 'roadmaps', title: 'Roadmaps' },
    declinedPage: { slug: 'saying-no', title: 'Saying no' },
    twoSuggestionsPage: { slug: 'problems-before-solutions', title: 'Problems before solutions' },
    ownedPage: { slug: 'lean-startup', title: 'Lean Startup', section: 'product-manager' },
    suffix: 'js',
    pathway: {
      ...pathwayPeople({
        manager: 'Marcus Webb',
        report: 'Rosa Quinn',
        head: 'Helen Ashby',
        otherLeader: 'Leo Grant',
        area: 'Benefits',
        otherArea: 'Housing',
      }),
      proposal: {
        role: 'Associate product manager',
        skill: 'Stakeholder relationship management',
        from: 'Working',
        to: 'Practitioner',
      },
      imported: { area: 'Farming', names: ['Ada Brook', 'Ben Carr', 'Cleo Dunn'] },
      headsPage: { slug: 'communities-of-practice', title: 'Communities of practice' },
    },
    portfolio: {
      lead: person('area-lead', 'Lorna Hale', {
        accountRole: 'Leader',
        careerRole: 'Senior product manager',
        businessArea: 'Waterways',
      }),
      area: 'Waterways',
      thing: 'Book a mooring',
    },
    strategyScale: {
      lead: person('scale-lead', 'Nadia Brook', {
        accountRole: 'Leader',
        careerRole: 'Senior product manager',
        businessArea: 'Coastguard',
      }),
      head: person('scale-head', 'Grace Holt', {
        accountRole: 'Member',
        careerRole: 'Head of product',
        businessArea: 'Central office',
      }),
      area: 'Coastguard',
    },
  },
  'no-js': {
    conflictPage: { slug: 'working-with-agility', title: 'Working with agility' },
    acceptedPage: { slug: 'prioritisation', title: 'Prioritisation' },
    declinedPage: { slug: 'accessibility', title: 'Accessibility' },
    twoSuggestionsPage: { slug: 'problem-solution-fit', title: 'Problem-solution fit' },
    ownedPage: { slug: 'continuous-delivery', title: 'Continuous delivery', section: 'product-manager' },
    suffix: 'no-js',
    pathway: {
      ...pathwayPeople({
        manager: 'Tom Fenwick',
        report: 'Nia Okafor',
        head: 'Priya Rao',
        otherLeader: 'Sara Lind',
        area: 'Pensions',
        otherArea: 'Transport',
      }),
      proposal: {
        role: 'Associate product manager',
        skill: 'Agile and Lean practices',
        from: 'Working',
        to: 'Practitioner',
      },
      imported: { area: 'Fisheries', names: ['Dev Ellis', 'Eve Frost', 'Finn Gale'] },
      headsPage: { slug: 'mission-command', title: 'Mission command' },
    },
    portfolio: {
      lead: person('area-lead', 'Omar Pike', {
        accountRole: 'Leader',
        careerRole: 'Senior product manager',
        businessArea: 'Forestry',
      }),
      area: 'Forestry',
      thing: 'Report a fallen tree',
    },
    strategyScale: {
      lead: person('scale-lead', 'Owen Marsh', {
        accountRole: 'Leader',
        careerRole: 'Senior product manager',
        businessArea: 'Lighthouses',
      }),
      head: person('scale-head', 'Iris Vale', {
        accountRole: 'Member',
        careerRole: 'Head of product',
        businessArea: 'Head office',
      }),
      area: 'Lighthouses',
    },
  },
}

export function journeyDataFor(projectName: string): JourneyData {
  const data = DATA[projectName]
  if (!data) throw new Error(`No journey data for the project ${projectName}`)
  return data
}
