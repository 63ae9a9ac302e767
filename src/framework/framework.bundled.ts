// The capability framework as bundled with Valuekit: two published versions of the UK government
// product manager roles, a leadership extension of our own design, and a mapping that carries
// assessments from the older skill list to the newer one. This is data only; the database holds
// each installation's own, editable copy, seeded from here.
//
// Role names, skill names, levels and expected levels are facts taken from the published
// frameworks (Open Government Licence v3.0). Every summary, gist and level descriptor is written
// afresh for Valuekit; none of the published wording is reused.

export const LEVELS = ['awareness', 'working', 'practitioner', 'expert'] as const
export type Level = (typeof LEVELS)[number]

export const LEVEL_NAMES: Record<Level, string> = {
  awareness: 'Awareness',
  working: 'Working',
  practitioner: 'Practitioner',
  expert: 'Expert',
}

export const LEVEL_SUMMARIES: Record<Level, string> = {
  awareness: 'You know what the skill is and can explain how your organisation uses it.',
  working: 'You use the skill in your own work and pick suitable tools and techniques, with support when you need it.',
  practitioner:
    'You use the skill on your own, help others learn it and decide which tools and techniques suit your setting.',
  expert: 'People across the organisation seek your advice on the skill, and you lead others in good practice.',
}

export type Shape = 'small' | 'medium' | 'enterprise'

export interface FrameworkRole {
  slug: string
  name: string
  /** The pathway shapes that use this role. */
  shapes: Shape[]
  summary: string
}

export interface FrameworkSkill {
  slug: string
  name: string
  group: 'core' | 'leadership'
  /** One sentence saying what the skill is about. */
  gist: string
  /** What each level of the skill looks like in practice; shown as a hint beside each level. */
  descriptors: Record<Level, string>
}

export interface FrameworkDocument {
  key: string
  name: string
  source: string
  licence: string
  roles: FrameworkRole[]
  skills: FrameworkSkill[]
  /** roleSlug → skillSlug → the level expected of someone in that role; null means not expected. */
  expectations: Record<string, Record<string, Level | null>>
}

const OGL = 'Open Government Licence v3.0'

const ROLES: readonly FrameworkRole[] = [
  {
    slug: 'associate-product-manager',
    name: 'Associate product manager',
    shapes: ['small', 'medium', 'enterprise'],
    summary:
      'A training role in which you learn the everyday craft, such as looking after a backlog, while working alongside a more senior product manager.',
  },
  {
    slug: 'product-manager',
    name: 'Product manager',
    shapes: ['small', 'medium', 'enterprise'],
    summary:
      'Owns the value of a feature of a public service, or sometimes a whole service, from the problem statement and vision through to the roadmap, measures and priorities.',
  },
  {
    slug: 'senior-product-manager',
    name: 'Senior product manager',
    shapes: ['medium', 'enterprise'],
    summary:
      'Sets the value strategy for a group of 2 to 5 related products or features while still working in delivery teams, and starts to take on leadership.',
  },
  {
    slug: 'lead-product-manager',
    name: 'Lead product manager',
    shapes: ['enterprise'],
    summary:
      "Leads product for one area of the business, setting value strategy for 3 to 10 delivery teams, working mostly with management teams and leading that area's product community.",
  },
  {
    slug: 'head-of-product',
    name: 'Head of product',
    shapes: ['small', 'medium', 'enterprise'],
    summary:
      'Leads the product management profession, including recruiting and developing its people, and influences value strategy across the whole organisation.',
  },
]

const ROLE_SLUGS = ROLES.map(role => role.slug)

const copyRoles = (): FrameworkRole[] => ROLES.map(role => ({ ...role, shapes: [...role.shapes] }))

/**
 * Turns a table written one row per skill (levels in role order: associate, product manager,
 * senior, lead, head) into roleSlug → skillSlug → level.
 */
function expectationsFromRows(
  rows: Record<string, readonly (Level | null)[]>,
): Record<string, Record<string, Level | null>> {
  const result: Record<string, Record<string, Level | null>> = {}
  ROLE_SLUGS.forEach((roleSlug, index) => {
    const forRole: Record<string, Level | null> = {}
    for (const [skillSlug, levels] of Object.entries(rows)) {
      const level = levels[index]
      if (level === undefined) throw new Error(`No expected level for ${skillSlug} in role ${roleSlug}`)
      forRole[skillSlug] = level
    }
    result[roleSlug] = forRole
  })
  return result
}

// ---------------------------------------------------------------------------------------------
// 2025: Government Digital and Data capability framework, product manager roles
// ---------------------------------------------------------------------------------------------

const SKILLS_2025: FrameworkSkill[] = [
  {
    slug: 'agile-and-lean-practices',
    name: 'Agile and Lean practices',
    group: 'core',
    gist: 'Helps teams deliver in small steps, test ideas early and keep improving based on feedback and data.',
    descriptors: {
      awareness:
        'You can explain why teams deliver in small increments and learn from feedback. You know the team routines you take part in, such as sprint planning and retrospectives, and what each one is for.',
      working:
        'You work in short cycles with your team, release small changes and adjust the plan when feedback or data shows something new. With support, you pick methods that fit, such as Scrum or Kanban.',
      practitioner:
        'You help teams set up ways of working that suit them and change them when they stop helping. You coach others to test ideas cheaply, for example with a prototype of a new online form before anyone builds it.',
      expert:
        'Teams across the organisation ask you how to work in agile and lean ways. You lead changes to how delivery and governance fit together, such as lighter assurance for services that release often.',
    },
  },
  {
    slug: 'applying-user-centred-insights',
    name: 'Applying user-centred insights',
    group: 'core',
    gist: 'Understands what users need and the problems they face, and bases decisions on that evidence.',
    descriptors: {
      awareness:
        'You can explain why decisions should start from evidence about users. You know who uses your service and you observe user research sessions when invited.',
      working:
        'You work with user researchers and designers to learn what users need, and use what you learn to shape the backlog. You can point to the evidence behind each priority.',
      practitioner:
        'You make sure evidence about users drives decisions across the product, even when other pressures compete. You help others frame research questions and weigh evidence, such as call centre data and usability tests.',
      expert:
        'You are known across the organisation for putting users at the centre of decisions. You shape how teams gather and use insight, and you challenge senior plans that lack evidence of a real user need.',
    },
  },
  {
    slug: 'creating-value-for-money',
    name: 'Creating value for money',
    group: 'core',
    gist: 'Weighs the return on public money against the value a product brings to users and the organisation.',
    descriptors: {
      awareness:
        'You understand that public money must be spent well and can explain how your product is funded. You know what a business case is and why it matters.',
      working:
        "You estimate the costs and benefits of your team's work and use them when setting priorities. With help from finance colleagues, you track spending against the budget.",
      practitioner:
        'You build the case for investing in a product, weighing cost against value to users and the organisation. You help others measure benefits, such as caseworker time saved by moving a paper process online.',
      expert:
        'Senior leaders across the organisation ask your advice on getting value from digital spending. You shape how funding decisions are made, for example moving from funding projects to funding long-lived teams.',
    },
  },
  {
    slug: 'life-cycle-management',
    name: 'Life cycle management',
    group: 'core',
    gist: "Knows what work belongs in each phase of a product's life and decides when it is ready to move on.",
    descriptors: {
      awareness:
        'You know the phases a government service goes through, from discovery to live and retirement. You can explain what each phase is for.',
      working:
        "You plan and run the work for your product's current phase, with support. You gather what is needed to move on, such as evidence for a service assessment.",
      practitioner:
        'You decide what each phase needs for the product in front of you and when the team should move on or stop. You help others plan phases, including running a live service and retiring an old one safely.',
      expert:
        'You are a trusted adviser on product life cycles across the organisation. You shape how phases, spending controls and assessments fit together, and you lead decisions to close services that no longer give value.',
    },
  },
  {
    slug: 'managing-product-outcomes',
    name: 'Managing product outcomes',
    group: 'core',
    gist: 'Agrees measures of success with the team and makes sure the product delivers value in line with its vision and goals.',
    descriptors: {
      awareness:
        'You understand the difference between outputs and outcomes. You can explain the measures your product uses, such as completion rate or cost per transaction.',
      working:
        "You agree measures of success with your team and link them to the product's goals. You check the data regularly and use it to change what the team works on next.",
      practitioner:
        'You set up outcome measures for a product from the start and make sure the team acts on them. You help others choose measures that show real value rather than just activity.',
      expert:
        'You lead how the organisation defines and tracks product outcomes. Senior leaders ask whether investments are paying off, and you shape reporting so it shows outcomes across services.',
    },
  },
  {
    slug: 'product-leadership',
    name: 'Product leadership',
    group: 'core',
    gist: 'Champions a product-led way of working and builds a product community that can grow and support itself.',
    descriptors: {
      awareness:
        "You can explain what a product-led approach means and why it helps. You take part in your organisation's product community, for example by going to its meet-ups.",
      working:
        'You promote product thinking in your own team and with the people you work with. You share what you learn at community events and support newer colleagues.',
      practitioner:
        'You spread product thinking beyond your own team and help others grow as product managers. You organise community activity, such as peer reviews of roadmaps, and help recruit new product people.',
      expert:
        'You are recognised as a leader of product management across the organisation and beyond. You build a community that keeps going without you and shape how the profession runs, including its standards and career paths.',
    },
  },
  {
    slug: 'product-management',
    name: 'Product management',
    group: 'core',
    gist: 'Makes sure products deliver outcomes by framing problems, balancing user and business needs and setting priorities.',
    descriptors: {
      awareness:
        'You know what a product manager does and how the role fits in a multidisciplinary team. You can explain terms such as backlog, user story and minimum viable product.',
      working:
        'You look after a backlog, write user stories with acceptance criteria and set priorities with your team. With support, you frame problems clearly and balance user needs against business needs.',
      practitioner:
        'You own the problem, vision and priorities for a product and make hard trade-offs on your own. You help others frame problems, for example deciding what goes into the first release of a benefit claim service.',
      expert:
        'You are a recognised authority on product management across the organisation. You set the standard for how products are run, advise on the hardest product decisions and lead others in good practice.',
    },
  },
  {
    slug: 'stakeholder-relationship-management',
    name: 'Stakeholder relationship management',
    group: 'core',
    gist: 'Builds trust with the people who have a stake in a product and manages their expectations through clear, regular communication.',
    descriptors: {
      awareness:
        'You know who the main stakeholders for your product are and why they matter. You can explain how clear, regular communication builds trust.',
      working:
        "You keep stakeholders up to date with your team's work, for example through show and tells. You listen to their concerns and manage expectations, with support when views conflict.",
      practitioner:
        'You build lasting relationships with stakeholders, including senior and external ones, and handle conflicting views on your own. You help others plan how to involve stakeholders and how to say no with evidence.',
      expert:
        'Senior stakeholders across the organisation and in other departments trust your judgement. You lead how the organisation works with stakeholders on digital change and settle difficult disagreements at the top.',
    },
  },
  {
    slug: 'strategic-ownership',
    name: 'Strategic ownership',
    group: 'core',
    gist: "Looks at the whole picture, then creates and owns a complete plan for meeting the organisation's objectives.",
    descriptors: {
      awareness:
        "You understand how your product's goals connect to your organisation's wider strategy. You can explain your product's vision and roadmap.",
      working:
        'You help shape the vision and roadmap for your product and turn them into clear goals for the team. With support, you check that the plan still fits what the organisation is trying to achieve.',
      practitioner:
        'You create and own the strategy and roadmap for a product or group of products from end to end. You help others link their plans to wider goals and spot dependencies between teams.',
      expert:
        'You shape strategy across the organisation and bring senior leaders with you. People turn to you when plans span many services, such as joining up how people report a change in their circumstances.',
    },
  },
]

// Levels in role order: associate, product manager, senior, lead, head of product.
const EXPECTATIONS_2025 = expectationsFromRows({
  'agile-and-lean-practices': ['working', 'practitioner', 'practitioner', 'expert', 'expert'],
  'applying-user-centred-insights': ['working', 'practitioner', 'practitioner', 'expert', 'expert'],
  'creating-value-for-money': ['awareness', 'working', 'practitioner', 'practitioner', 'expert'],
  'life-cycle-management': ['awareness', 'working', 'practitioner', 'expert', 'expert'],
  'managing-product-outcomes': ['awareness', 'working', 'practitioner', 'practitioner', 'expert'],
  'product-leadership': ['awareness', 'working', 'practitioner', 'practitioner', 'expert'],
  'product-management': ['working', 'practitioner', 'expert', 'expert', 'expert'],
  'stakeholder-relationship-management': ['working', 'practitioner', 'practitioner', 'expert', 'expert'],
  'strategic-ownership': ['awareness', 'working', 'practitioner', 'expert', 'expert'],
})

/** The default framework: the product manager roles as revised on 28 February 2025. */
export const FRAMEWORK_2025: FrameworkDocument = {
  key: 'ddat-2025',
  name: 'Government Digital and Data capability framework, product manager roles',
  source: 'https://ddat-capability-framework.service.gov.uk/',
  licence: OGL,
  roles: copyRoles(),
  skills: SKILLS_2025,
  expectations: EXPECTATIONS_2025,
}

// ---------------------------------------------------------------------------------------------
// 2017: Product and service management community version
// ---------------------------------------------------------------------------------------------

const SKILLS_2017: FrameworkSkill[] = [
  {
    slug: 'ddat-perspective',
    name: 'DDaT perspective',
    group: 'core',
    gist: 'Understands how digital, data and technology professions and government standards shape a product.',
    descriptors: {
      awareness:
        'You know the main digital, data and technology roles and what each brings to a team. You know the government Service Standard exists and why.',
      working:
        'You work well with the other professions in your team, such as developers and designers, and apply the Service Standard to your product. You understand how technology choices affect it.',
      practitioner:
        'You bring a rounded digital view to product decisions and help others understand the roles and standards involved. You notice when a technology or data choice puts outcomes for users at risk.',
      expert:
        'You are a leading voice on digital, data and technology practice across the organisation. You help shape standards and guide others on how digital ways of working fit in government.',
    },
  },
  {
    slug: 'financial-ownership',
    name: 'Financial ownership',
    group: 'core',
    gist: "Takes responsibility for a product's budget and makes sure money goes where it adds most value.",
    descriptors: {
      awareness:
        'You know how your product is funded and who controls the budget. You can explain the main costs of running a team and a service.',
      working:
        "You track your team's spending and forecast costs, with help from finance colleagues. You take cost into account when setting priorities.",
      practitioner:
        'You own the budget for a product, make the case for funding and report on spending. You help others see the link between cost and value, for example the cost of each transaction.',
      expert:
        'Senior leaders across the organisation ask your advice on funding digital products. You shape how budgets are set and challenged so that money follows value.',
    },
  },
  {
    slug: 'lifecycle-perspective',
    name: 'Lifecycle perspective',
    group: 'core',
    gist: 'Understands how a product moves through its phases, from discovery to retirement, and plans the work in each.',
    descriptors: {
      awareness:
        'You can name the phases of a service from discovery to retirement and say what happens in each. You know that a product keeps changing after it goes live.',
      working:
        "You plan and deliver the work for your product's current phase, with support. You help prepare for assessments and take part in supporting the live service.",
      practitioner:
        'You plan a product across all its phases, including running it live, handling incidents and retiring it. You help others judge when a product is ready to move on.',
      expert:
        'You are the adviser the organisation turns to on managing products through their whole life. You shape how phases and governance work together across many services.',
    },
  },
  {
    slug: 'problem-ownership',
    name: 'Problem ownership',
    group: 'core',
    gist: 'Finds, sorts and ranks problems, gets to their causes and puts fixes in place.',
    descriptors: {
      awareness:
        'You understand why a team should agree the problem before choosing a solution. You can describe the problem your product is trying to solve.',
      working:
        'You spot problems in your product, record what causes them and help the team put fixes in place. You rank problems by how much they affect users.',
      practitioner:
        'You lead teams through complex problems, separating causes from symptoms and choosing the right fix. You teach others to write clear problem statements, for example on why people give up on a form.',
      expert:
        'You are known across the organisation for untangling hard problems that many teams share. You lead others in framing problems well and advise on issues that cut across services.',
    },
  },
  {
    slug: 'product-ownership',
    name: 'Product ownership',
    group: 'core',
    gist: 'Turns user needs into things the team can build and decides what to build first.',
    descriptors: {
      awareness:
        'You know what a product owner does from day to day. You can explain what a backlog, a user story and a minimum viable product are.',
      working:
        'You look after the backlog, write user stories with acceptance criteria and set priorities with your team. You work closely with specialists such as designers and developers.',
      practitioner:
        'You define the minimum viable product and make trade-offs about scope on your own. You help others run backlogs well and choose techniques that fit their team.',
      expert:
        'You are a recognised adviser on product ownership across the organisation. You lead good practice and help set standards that other product teams follow.',
    },
  },
  {
    slug: 'strategy-ownership',
    name: 'Strategy ownership',
    group: 'core',
    gist: 'Sets an ambitious vision and strategy focused on outcomes and turns it into goals others can get behind.',
    descriptors: {
      awareness:
        'You can explain the vision and strategy for your product. You understand why outcomes matter more than any particular solution.',
      working:
        'You help write the vision and strategy for your product and turn them into ranked goals. You explain them to your team and stakeholders.',
      practitioner:
        'You set the vision and strategy for a product or group of products and bring stakeholders with you. You help others shape strategies that focus on outcomes.',
      expert:
        'You shape strategy across the organisation, and senior leaders trust you to set direction. You lead others in turning ambitious visions into clear goals.',
    },
  },
  {
    slug: 'understanding-constraints',
    name: 'Understanding constraints',
    group: 'core',
    gist: 'Understands the policy, legal, technical and operational limits a product works within and finds ways through them.',
    descriptors: {
      awareness:
        'You know that products work within limits such as policy, law, budget and old technology. You can name the main constraints on your product.',
      working:
        "You find and record the constraints on your team's work and plan around them, with support. You know who to ask about policy or legal questions.",
      practitioner:
        'You work through constraints on your own and challenge them where they harm users. You help others tell real limits from assumed ones, such as a rule that turns out to be habit rather than law.',
      expert:
        'You advise across the organisation on dealing with constraints on digital services. You work with policy and legal leaders to change the ones that stand in the way of good services.',
    },
  },
  {
    slug: 'user-focus',
    name: 'User focus',
    group: 'core',
    gist: 'Knows who the users are and what they need, based on evidence, and puts them first when priorities compete.',
    descriptors: {
      awareness:
        "You understand why services must meet users' needs. You know who your product's users are and have watched user research.",
      working:
        'You use evidence from research to understand users and turn their needs into work for the team. You keep users in mind when balancing other demands.',
      practitioner:
        'You make sure user needs drive decisions on your product, even under pressure. You help others plan research and act on what it shows.',
      expert:
        'You are known across the organisation as a champion for users. You shape how teams put user needs first and challenge decisions that ignore them.',
    },
  },
  {
    slug: 'working-with-agility',
    name: 'Working with agility',
    group: 'core',
    gist: 'Works in an agile way, adapting to change, taking sensible risks and learning quickly.',
    descriptors: {
      awareness:
        'You can explain the values behind agile working and why teams work in short cycles. You know the practices your team uses.',
      working:
        "You work in short cycles, adapt to change and keep your team aware of its goals and each other's work. With support, you choose suitable agile practices.",
      practitioner:
        'You help teams adopt ways of working that fit them and take sensible risks. You coach others and change practices when they stop working.',
      expert:
        'You lead agile practice across the organisation, and others seek your advice on it. You help leaders and governance adapt to delivering in small steps.',
    },
  },
]

// Levels in role order: associate, product manager, senior, lead, head of product.
const EXPECTATIONS_2017 = expectationsFromRows({
  'ddat-perspective': ['awareness', 'working', 'practitioner', 'expert', 'expert'],
  'financial-ownership': ['awareness', 'practitioner', 'practitioner', 'practitioner', 'practitioner'],
  'lifecycle-perspective': ['awareness', 'working', 'practitioner', 'expert', 'expert'],
  'problem-ownership': ['working', 'practitioner', 'expert', 'expert', 'expert'],
  'product-ownership': ['awareness', 'practitioner', 'expert', 'expert', 'expert'],
  'strategy-ownership': ['working', 'practitioner', 'practitioner', 'expert', 'expert'],
  'understanding-constraints': ['awareness', 'working', 'practitioner', 'expert', 'expert'],
  'user-focus': ['working', 'practitioner', 'practitioner', 'practitioner', 'expert'],
  'working-with-agility': ['awareness', 'working', 'expert', 'expert', 'expert'],
})

/** The earlier framework, kept so an installation can start from it and move to 2025 later. */
export const FRAMEWORK_2017: FrameworkDocument = {
  key: 'ddat-2017',
  name: 'Product and service management community version (2017)',
  source: 'https://github.com/alphagov/ddat-pathway-product-service-manager',
  licence: OGL,
  roles: copyRoles(),
  skills: SKILLS_2017,
  expectations: EXPECTATIONS_2017,
}

// ---------------------------------------------------------------------------------------------
// Leadership extension: the capabilities that grow from senior product manager upwards
// ---------------------------------------------------------------------------------------------

const LEADERSHIP_SKILLS: FrameworkSkill[] = [
  {
    slug: 'business-strategy',
    name: 'Business strategy',
    group: 'leadership',
    gist: 'Uses strategy and management frameworks, such as Lean Startup and flow-based ways of managing work, to set direction.',
    descriptors: {
      awareness:
        'You know common strategy and management frameworks, such as Lean Startup. You can explain how they might apply to public services.',
      working:
        'With support, you use a strategy framework to set direction for your group of products. For example, you run small experiments to test a new service idea before committing funding.',
      practitioner:
        'You choose and apply the strategy frameworks that fit your area of the business. You help other leaders use them, for example by mapping how work flows between teams to find delays.',
      expert:
        'You are a trusted adviser on business strategy across the organisation. You lead how it uses frameworks such as Lean Enterprise to decide where to invest and what to stop.',
    },
  },
  {
    slug: 'digital-transformation',
    name: 'Digital transformation',
    group: 'leadership',
    gist: 'Leads and enables change to how an organisation works, including its culture and structure, by looking at the whole system.',
    descriptors: {
      awareness:
        'You understand that digital transformation means changing culture and ways of working, not just technology. You can explain the change your organisation is going through.',
      working:
        'You support a change in your own area, such as moving a team from short projects to a long-lived product team. You use change management techniques with support.',
      practitioner:
        'You lead change across several teams, looking at the whole system rather than one part of it. You help others plan and run change, and adapt your approach to the local culture.',
      expert:
        'You are recognised across the organisation as an adviser on transformation. You lead change to its culture, structures and ways of working, and others follow your example.',
    },
  },
  {
    slug: 'teaching',
    name: 'Teaching',
    group: 'leadership',
    gist: 'Shares knowledge and skills in a way that helps others learn and apply them.',
    descriptors: {
      awareness:
        'You know that teaching others is part of growing as a product leader. You can explain a topic you know well to a colleague.',
      working:
        'You run learning sessions for your team or community, such as a workshop on writing user stories. You plan what people should learn and check they have understood it.',
      practitioner:
        'You design and deliver learning for product managers across your area and adapt it to different audiences. You help others become confident teachers.',
      expert:
        'You shape how the organisation builds product skills, for example through an induction course for new product managers. Others seek your advice on learning and development.',
    },
  },
  {
    slug: 'mentoring',
    name: 'Mentoring',
    group: 'leadership',
    gist: 'Guides others by sharing your own experience and advice so they can grow.',
    descriptors: {
      awareness:
        'You understand how mentoring differs from coaching and line management. You know how to find a mentor in your organisation.',
      working:
        'You mentor one or two colleagues, such as an associate product manager, sharing your experience and advice. You meet them regularly and help them set goals.',
      practitioner:
        'You mentor several people at different stages of their careers and help them build their own networks. You support others to become good mentors.',
      expert:
        'You lead mentoring across the profession, for example by running a mentoring scheme. Senior people across the organisation ask you to mentor them.',
    },
  },
  {
    slug: 'coaching',
    name: 'Coaching',
    group: 'leadership',
    gist: 'Helps people find their own answers by asking questions and listening, without telling them what to do.',
    descriptors: {
      awareness:
        'You understand that coaching helps people find their own answers rather than giving them advice. You can explain when coaching is useful.',
      working:
        'You hold coaching conversations with colleagues, asking open questions and listening closely. With support from a more experienced coach, you hold back from giving the answer.',
      practitioner:
        'You coach people and teams with confidence, choosing an approach that suits the person and situation. You help others develop their coaching skills.',
      expert:
        'You are a recognised coach across the organisation and coach senior leaders. You lead how coaching is used to develop product people.',
    },
  },
  {
    slug: 'facilitating',
    name: 'Facilitating',
    group: 'leadership',
    gist: 'Guides a group through a process as a neutral host so the group reaches its own outcome.',
    descriptors: {
      awareness:
        'You understand that a facilitator looks after the process while the group owns the content. You know common formats such as retrospectives.',
      working:
        'You plan and run sessions for your team, such as retrospectives or prioritisation workshops. You keep discussion on track and make sure everyone is heard.',
      practitioner:
        'You facilitate groups that disagree, such as senior stakeholders agreeing priorities. You choose formats that fit the group and help others learn to facilitate.',
      expert:
        'You are known across the organisation for facilitating difficult, high-stakes sessions. You lead facilitation practice and help leadership teams make decisions together.',
    },
  },
]

// The source gives no expected levels for these capabilities, only that they grow from senior
// product manager upwards. This progression is Valuekit's own design and every installation can
// change it.
const LEADERSHIP_PROGRESSION: readonly (Level | null)[] = [null, null, 'working', 'practitioner', 'expert']

/** The six leadership capabilities, with the levels Valuekit suggests for each role. */
export const LEADERSHIP_EXTENSION: {
  skills: FrameworkSkill[]
  expectations: Record<string, Record<string, Level | null>>
} = {
  skills: LEADERSHIP_SKILLS,
  expectations: expectationsFromRows(
    Object.fromEntries(LEADERSHIP_SKILLS.map(skill => [skill.slug, LEADERSHIP_PROGRESSION])),
  ),
}

// ---------------------------------------------------------------------------------------------
// Moving from 2017 to 2025
// ---------------------------------------------------------------------------------------------

/**
 * Which 2025 skill or skills each 2017 skill carries into when an installation moves version.
 * This is Valuekit's suggestion, not an official mapping.
 */
export const MAPPING_2017_TO_2025: Record<string, string[]> = {
  'working-with-agility': ['agile-and-lean-practices'],
  'lifecycle-perspective': ['life-cycle-management'],
  'user-focus': ['applying-user-centred-insights'],
  'financial-ownership': ['creating-value-for-money'],
  'strategy-ownership': ['strategic-ownership'],
  'product-ownership': ['product-management'],
  'problem-ownership': ['product-management'],
  // These two have no successor in the 2025 skill list, so assessments of them are not carried
  // across.
  'ddat-perspective': [],
  'understanding-constraints': [],
}

/**
 * Returns a copy of the document with the six leadership capabilities added, and their expected
 * levels for each of its roles. Skills the document already has are left as they are, so calling
 * this twice changes nothing. The document passed in is not changed.
 */
export function withLeadership(doc: FrameworkDocument): FrameworkDocument {
  const existing = new Set(doc.skills.map(skill => skill.slug))
  const added = LEADERSHIP_EXTENSION.skills.filter(skill => !existing.has(skill.slug))

  const expectations: Record<string, Record<string, Level | null>> = {}
  for (const [roleSlug, levels] of Object.entries(doc.expectations)) expectations[roleSlug] = { ...levels }
  for (const role of doc.roles) {
    const forRole = expectations[role.slug] ?? {}
    for (const skill of added) forRole[skill.slug] = LEADERSHIP_EXTENSION.expectations[role.slug]?.[skill.slug] ?? null
    expectations[role.slug] = forRole
  }

  return {
    ...doc,
    roles: doc.roles.map(role => ({ ...role, shapes: [...role.shapes] })),
    skills: [
      ...doc.skills.map(skill => ({ ...skill, descriptors: { ...skill.descriptors } })),
      ...added.map(skill => ({ ...skill, descriptors: { ...skill.descriptors } })),
    ],
    expectations,
  }
}
