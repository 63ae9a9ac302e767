// Builds the handbook the benchmark loads: a fresh, migrated database (SQLite in a data folder, or
// a schema of its own in PostgreSQL), set up through the services like a first run (which loads the
// 40-page starter handbook), then topped up with generated pages to the total asked for.
//
// Generated pages read like real handbook pages: 300 to 1,500 words of sentences built from a word
// list, headings, lists, links to other pages and a few resources, spread over about 10 sections.
// Words are drawn with a Zipf-like skew (a few very common, many rare), so search terms hit anything
// from almost every page to a handful. A seeded generator makes every run produce the same handbook.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { connect, type Db } from '../src/db/connect.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { BUNDLED_TERMS } from '../src/framework/framework.terms.ts'

const ROLE_SLUGS = BUNDLED_TERMS.roleOrder
const SKILL_SLUGS = BUNDLED_TERMS.skills.map(skill => skill.slug)
import type {
  ImportedPage,
  ImportedResource,
  ImportedSection,
  ImportResult,
} from '../src/handbook/import/import.types.ts'
import { pageSlug } from '../src/handbook/pages/page-rules.ts'
import { hashToken } from '../src/platform/ids.ts'

export interface GenerateOptions {
  /** Folder for the SQLite file (and anything else the server keeps). */
  readonly dataDir: string
  /** postgres://… to use PostgreSQL instead of SQLite: a new schema is made in it. */
  readonly postgresUrl?: string
  readonly totalPages?: number
  readonly seed?: number
  readonly sessionSecret: string
  /** Search terms to count the hits of, to show how widely they spread. */
  readonly searchTerms?: readonly string[]
  readonly onProgress?: (message: string) => void
}

export interface GeneratedHandbook {
  readonly adminEmail: string
  readonly adminPassword: string
  /** What the server needs in DATABASE_URL; undefined for SQLite in the data folder. */
  readonly databaseUrl: string | undefined
  /** Every page's slug, starter pages first, in no particular reading order. */
  readonly slugs: readonly string[]
  /** Slugs of the generated pages only. */
  readonly generatedSlugs: readonly string[]
  /** A generated page of median length: the one page the benchmark loads over and over. */
  readonly typicalSlug: string
  /** How many pages each search term finds, when terms were given. */
  readonly hitsPerTerm: Record<string, number>
  readonly pageCount: number
  readonly sectionCount: number
  readonly wordCount: number
  readonly seconds: number
  /** Removes what only a data folder cannot: the PostgreSQL schema. */
  drop(): Promise<void>
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: small, fast and good enough to make text. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

class Picker {
  constructor(readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }

  chance(p: number): boolean {
    return this.random() < p
  }

  one<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)]
    if (item === undefined) throw new Error('Cannot pick from an empty list')
    return item
  }

  some<T>(items: readonly T[], count: number): T[] {
    const pool = [...items]
    const out: T[] = []
    while (out.length < count && pool.length > 0) out.push(...pool.splice(Math.floor(this.random() * pool.length), 1))
    return out
  }
}

/** Picks from a list where the item at rank r is drawn in proportion to 1 / (r + 1): Zipf's law. */
class ZipfList {
  private readonly cumulative: number[] = []
  private readonly total: number
  constructor(readonly words: readonly string[]) {
    let sum = 0
    for (let r = 0; r < words.length; r++) {
      sum += 1 / (r + 1)
      this.cumulative.push(sum)
    }
    this.total = sum
  }

  pick(random: () => number): string {
    const target = random() * this.total
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.cumulative[mid] ?? 0) < target) lo = mid + 1
      else hi = mid
    }
    return this.words[lo] ?? this.words[0] ?? ''
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The word list. Order matters: earlier words are drawn more often.

/** A comma-separated list of words or phrases. */
const words = (text: string): string[] =>
  text
    .split(',')
    .map(w => w.trim())
    .filter(Boolean)

const NOUNS = new ZipfList(
  words(`
  team, service, user, product, problem, decision, outcome, goal, change, plan, need, idea, risk, question,
  manager, organisation, policy, process, feature, release, meeting, department, system, stakeholder, roadmap,
  strategy, priority, value, budget, colleague, workshop, hypothesis, experiment, prototype, backlog, sprint,
  metric, measure, target, evidence, insight, journey, content, assumption, benefit, cost, delivery, discovery,
  assessment, standard, principle, mission, vision, leader, designer, developer, researcher, analyst, architect,
  minister, supplier, contract, licence, application, form, payment, claim, appointment, citizen, business,
  community, practice, skill, role, career, pathway, mentor, coach, retrospective, standup, demo, showcase,
  dashboard, survey, interview, persona, scenario, constraint, dependency, milestone, deadline, governance,
  board, sponsor, owner, accessibility, inclusion, performance, reliability, security, privacy, data, platform,
  component, pattern, guidance, manual, toolkit, template, framework, model, canvas, map, timeline, forecast,
  spend, procurement, tender, framework agreement, business case, funding, portfolio, programme, project,
  legacy, migration, integration, interface, channel, contact centre, caseworker, backlog item, story, epic,
  estimate, velocity, capacity, throughput, bottleneck, handover, incident, outage, support, feedback,
  complaint, satisfaction, completion, uptake, adoption, retention, conversion, funnel, baseline, benchmark,
  indicator, objective, key result, trade-off, opportunity, appetite, bet, pilot, rollout, alpha, beta, live,
  retirement, audit, regulation, legislation, consultation, parliament, treasury, spending review, ethics,
  algorithm, automation, triage, eligibility, entitlement, notification, reminder, renewal, archive, taxonomy,
  glossary, onboarding, apprenticeship, secondment, facilitation, negotiation, escalation, workaround,
  spreadsheet, whiteboard
`),
)

/** The long tail: names and jargon that only some pages use, most of them rarely. */
const RARE_NOUNS = new ZipfList(
  words(`
  kanban, service assessment, user need, spend control, okr, north star, wardley map, jobs to be done, moscow,
  lean canvas, cohort, a/b test, screen reader, welsh translation, postcode lookup, passport, driving licence,
  pension, tax return, visa, flood warning, fishing licence, court booking, prison visit, school admission,
  hospital referral, farm grant, student loan, council tax, parking permit, api, content management system, case
  management system, crm, kpi, gantt chart, prince2, raci chart, heuristic review, card sort, tree test, diary
  study, usability lab, design crit, sprint goal, definition of done, burn-up chart, cycle time, lead time,
  error budget, service level, uptime, latency, cookie banner, captcha, identity check, one-time code, paper
  form, phone line, caseload, green book, five case model, outline business case, full business case, digital
  marketplace, g-cloud, statement of work, exit plan, vendor lock-in, open standard, open source, technology
  code of practice, data protection impact assessment, privacy notice, equality impact assessment, select
  committee, freedom of information request, press office, permanent secretary, director general, deputy
  director, senior responsible owner, programme board, design authority, architecture review, penetration test,
  threat model, incident review, post-mortem, runbook, on-call rota, assisted digital, digital inclusion, plain
  english, readability, braille, easy read, british sign language, mobile phone, tablet, broadband, library,
  jobcentre, call script, webchat, chatbot, machine learning, large language model, data pipeline, data
  warehouse, spreadsheet macro, mainframe, cobol, microservice, monolith, feature flag, canary release,
  blue-green deployment, rollback, hotfix, code review, pull request, pair programming, mob session, hackathon,
  away day, lunch and learn, show and tell, weeknote, blog post, podcast, conference talk, job description,
  promotion panel, competency, capability framework, learning budget, shadowing, buddy, sabbatical, flexible
  working, wellbeing, burnout, psychological safety, xenial, zeitgeist
`),
)

/** Nouns that mean several things at once and read oddly in the plural get their plural here. */
const PLURALS: Record<string, string> = {
  evidence: 'evidence',
  data: 'data',
  content: 'content',
  feedback: 'feedback',
  guidance: 'guidance',
  governance: 'governance',
  accessibility: 'accessibility',
  inclusion: 'inclusion',
  security: 'security',
  privacy: 'privacy',
  procurement: 'procurement',
  funding: 'funding',
  legislation: 'legislation',
  delivery: 'delivery',
  discovery: 'discoveries',
  spend: 'spend',
  support: 'support',
  ethics: 'ethics',
  automation: 'automation',
  triage: 'triage',
  facilitation: 'facilitation',
  onboarding: 'onboarding',
  velocity: 'velocity',
  capacity: 'capacity',
  throughput: 'throughput',
  satisfaction: 'satisfaction',
  adoption: 'adoption',
  retention: 'retention',
  conversion: 'conversion',
  alpha: 'alphas',
  beta: 'betas',
  live: 'live services',
  treasury: 'treasury',
  parliament: 'parliament',
  regulation: 'regulation',
}

function plural(noun: string): string {
  const fixed = PLURALS[noun]
  if (fixed) return fixed
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`
  if (/(s|x|ch|sh)$/.test(noun)) return `${noun}es`
  return `${noun}s`
}

const VERBS = new ZipfList(
  words(`
  make, test, understand, agree, change, build, measure, share, review, plan, deliver, improve, explain,
  prioritise, learn from, decide on, check, support, challenge, describe, design, fund, publish, release,
  retire, simplify, question, track, estimate, negotiate, document, map, sketch, validate, assess, compare,
  reduce, increase, protect, align, hand over, escalate, coach, mentor, facilitate, procure, iterate on,
  prototype, research, observe, interview, survey, monitor, automate, migrate, integrate, refine, scope, frame,
  present
`),
)

function thirdPerson(verb: string): string {
  const [head = verb, ...rest] = verb.split(' ')
  const conjugated = /[^aeiou]y$/.test(head)
    ? `${head.slice(0, -1)}ies`
    : /(s|x|ch|sh|o)$/.test(head)
      ? `${head}es`
      : `${head}s`
  return [conjugated, ...rest].join(' ')
}

function gerund(verb: string): string {
  const [head = verb, ...rest] = verb.split(' ')
  const ing =
    head.endsWith('e') && !head.endsWith('ee')
      ? `${head.slice(0, -1)}ing`
      : /^(plan|map)$/.test(head)
        ? `${head}${head.slice(-1)}ing`
        : `${head}ing`
  return [ing, ...rest].join(' ')
}

const ADJECTIVES = new ZipfList(
  words(`
  good, small, clear, new, useful, simple, important, shared, early, public, digital, honest, realistic,
  measurable, accessible, inclusive, safe, quick, careful, common, specific, difficult, expensive, cheap, risky,
  strategic, operational, technical, legal, commercial, financial, political, local, national, cross-government,
  user-centred, evidence-based, iterative, incremental, sustainable, resilient, ambitious, modest, visible,
  hidden, urgent, minimum viable, end-to-end, multidisciplinary, agile, lean, open, transparent, consistent,
  reusable, outdated
`),
)

const ADVERBS = [
  'early',
  'often',
  'carefully',
  'openly',
  'regularly',
  'together',
  'quickly',
  'honestly',
  'in small steps',
  'with users',
  'before committing money',
  'every sprint',
  'at each assessment',
]

const OPENERS = [
  'In practice,',
  'Most of the time,',
  'In government,',
  'For a new team,',
  'At scale,',
  'In alpha,',
  'In beta,',
  'Once a service is live,',
  'During discovery,',
  'As a rule,',
  'In our experience,',
  'Where money is tight,',
]

// ---------------------------------------------------------------------------------------------------------------
// Sections: the five starter sections plus five more.

interface SectionPlan {
  slug: string
  title: string
  summary: string
  /** Words this section's pages use more than others. */
  topics: string[]
}

const STARTER_SECTIONS: SectionPlan[] = [
  { slug: 'about', title: '', summary: '', topics: ['handbook', 'contribution', 'licence', 'editor'] },
  {
    slug: 'product-management-in-government',
    title: '',
    summary: '',
    topics: ['service', 'value', 'citizen', 'department', 'policy', 'standard'],
  },
  {
    slug: 'associate-product-manager',
    title: '',
    summary: '',
    topics: ['scrum', 'sprint', 'backlog', 'standup', 'toolkit', 'mentor'],
  },
  {
    slug: 'product-manager',
    title: '',
    summary: '',
    topics: ['roadmap', 'prioritisation', 'hypothesis', 'metric', 'strategy', 'experiment'],
  },
  {
    slug: 'product-leadership',
    title: '',
    summary: '',
    topics: ['leadership', 'portfolio', 'coaching', 'community', 'transformation', 'mission'],
  },
]

const NEW_SECTIONS: SectionPlan[] = [
  {
    slug: 'service-delivery',
    title: 'Service delivery',
    summary: 'Running a service from alpha to live and retirement: releases, support, incidents and assessments.',
    topics: ['assessment', 'release', 'incident', 'support', 'alpha', 'beta', 'live', 'rollout'],
  },
  {
    slug: 'user-research-and-design',
    title: 'User research and design',
    summary: 'Working with researchers and designers to understand needs and test ideas with the people who use them.',
    topics: ['research', 'interview', 'persona', 'prototype', 'journey', 'usability', 'accessibility'],
  },
  {
    slug: 'data-and-measurement',
    title: 'Data and measurement',
    summary: 'Choosing measures, building baselines and using performance data to make decisions.',
    topics: ['metric', 'baseline', 'dashboard', 'indicator', 'analytics', 'completion', 'conversion'],
  },
  {
    slug: 'funding-and-commercial',
    title: 'Funding and commercial',
    summary: 'Business cases, spend controls, procurement and working with suppliers.',
    topics: ['budget', 'procurement', 'supplier', 'contract', 'tender', 'treasury', 'funding'],
  },
  {
    slug: 'ways-of-working',
    title: 'Ways of working',
    summary: 'Rituals, roles and habits of multidisciplinary teams: planning, retrospectives and hand-overs.',
    topics: ['retrospective', 'standup', 'workshop', 'facilitation', 'kanban', 'handover', 'onboarding'],
  },
]

const RESOURCE_POOL: ImportedResource[] = [
  {
    kind: 'reading',
    title: 'Service Manual',
    author: 'Government Digital Service',
    format: 'Guide',
    length: '',
    url: 'https://www.gov.uk/service-manual',
  },
  {
    kind: 'reading',
    title: 'Service Standard',
    author: 'Government Digital Service',
    format: 'Guide',
    length: '',
    url: 'https://www.gov.uk/service-manual/service-standard',
  },
  {
    kind: 'reading',
    title: 'Inspired',
    author: 'Marty Cagan',
    format: 'Book',
    length: '368 pages',
    url: 'https://www.svpg.com/books/inspired-how-to-create-tech-products-customers-love-2nd-edition/',
  },
  {
    kind: 'reading',
    title: 'Escaping the Build Trap',
    author: 'Melissa Perri',
    format: 'Book',
    length: '200 pages',
    url: 'https://melissaperri.com/book',
  },
  {
    kind: 'reading',
    title: 'Continuous Discovery Habits',
    author: 'Teresa Torres',
    format: 'Book',
    length: '244 pages',
    url: 'https://www.producttalk.org/continuous-discovery-habits/',
  },
  {
    kind: 'reading',
    title: 'The Green Book',
    author: 'HM Treasury',
    format: 'Guide',
    length: '',
    url: 'https://www.gov.uk/government/publications/the-green-book-appraisal-and-evaluation-in-central-government',
  },
  {
    kind: 'training',
    title: 'Agile for product managers',
    author: 'Government Campus',
    format: 'Course',
    length: '2 days',
    url: 'https://www.gov.uk/government/organisations/government-campus',
  },
  {
    kind: 'training',
    title: 'Introduction to user research',
    author: 'Government Digital Service',
    format: 'Course',
    length: '1 day',
    url: 'https://www.gov.uk/service-manual/user-research',
  },
  {
    kind: 'training',
    title: 'Writing a business case',
    author: 'HM Treasury',
    format: 'Course',
    length: 'Half a day',
    url: 'https://www.gov.uk/government/publications/the-green-book-appraisal-and-evaluation-in-central-government',
  },
]

const SERVICE_MANUAL_LINKS = [
  ['the Service Standard', 'https://www.gov.uk/service-manual/service-standard'],
  ['agile delivery in the Service Manual', 'https://www.gov.uk/service-manual/agile-delivery'],
  ['how the discovery phase works', 'https://www.gov.uk/service-manual/agile-delivery/how-the-discovery-phase-works'],
  ['making your service accessible', 'https://www.gov.uk/service-manual/helping-people-to-use-your-service'],
  ['measuring success', 'https://www.gov.uk/service-manual/measuring-success'],
] as const

// ---------------------------------------------------------------------------------------------------------------
// Text

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a')

class Writer {
  constructor(
    private readonly pick: Picker,
    private readonly topics: readonly string[],
  ) {}

  noun(): string {
    // Some nouns come from the section's topics, so sections read differently, and a few from the
    // long tail of jargon, so some words appear on only a handful of pages.
    const r = this.pick.random()
    if (r < 0.15) return this.pick.one(this.topics)
    if (r < 0.19) return RARE_NOUNS.pick(this.pick.random)
    return NOUNS.pick(this.pick.random)
  }

  verb(): string {
    return VERBS.pick(this.pick.random)
  }

  adjective(): string {
    return ADJECTIVES.pick(this.pick.random)
  }

  /** 'a clear plan', 'the team', 'your users'. */
  phrase(): string {
    const noun = this.noun()
    const adjective = this.pick.chance(0.4) ? `${this.adjective()} ` : ''
    switch (this.pick.int(0, 4)) {
      case 0:
        return `${article(adjective || noun)} ${adjective}${noun}`
      case 1:
        return `the ${adjective}${noun}`
      case 2:
        return `your ${adjective}${plural(noun)}`
      case 3:
        return `${adjective}${plural(noun)}`
      default:
        return `the ${noun}'s ${plural(this.noun())}`
    }
  }

  sentence(): string {
    const p = this.pick
    let text: string
    switch (p.int(0, 11)) {
      case 0:
        text = `the ${this.adjective()} ${this.noun()} ${thirdPerson(this.verb())} ${this.phrase()} ${p.one(ADVERBS)}`
        break
      case 1:
        text = `teams that ${this.verb()} ${this.phrase()} ${p.one(ADVERBS)} tend to ${this.verb()} ${this.phrase()}`
        break
      case 2:
        text = `when you ${this.verb()} ${this.phrase()}, ${this.verb()} ${this.phrase()} first`
        break
      case 3:
        text = `${plural(this.noun())} ${this.verb()} ${this.phrase()} because ${this.phrase()} ${thirdPerson(this.verb())} ${this.phrase()}`
        break
      case 4:
        text = `it helps to ${this.verb()} ${this.phrase()} before you ${this.verb()} ${this.phrase()}`
        break
      case 5:
        text = `ask ${this.phrase()} how ${this.phrase()} ${thirdPerson(this.verb())} ${this.phrase()}`
        break
      case 6: {
        const adjective = this.adjective()
        text = `${article(adjective)} ${adjective} ${this.noun()} is one that ${thirdPerson(this.verb())} ${this.phrase()} ${p.one(ADVERBS)}`
        break
      }
      case 7:
        text = `${gerund(this.verb())} ${this.phrase()} is not the same as ${gerund(this.verb())} ${this.phrase()}`
        break
      case 8:
        text = `you are responsible for ${gerund(this.verb())} ${this.phrase()}, not for ${gerund(this.verb())} ${this.phrase()}`
        break
      case 9:
        text = `if ${this.phrase()} cannot ${this.verb()} ${this.phrase()}, ${this.verb()} ${this.phrase()} instead`
        break
      case 10:
        text = `${this.phrase()} and ${this.phrase()} should ${this.verb()} ${this.phrase()} together`
        break
      default:
        text = `do not ${this.verb()} ${this.phrase()} until you ${this.verb()} ${this.phrase()}`
    }
    if (p.chance(0.12)) return `${p.one(OPENERS)} ${text}.`
    return `${capitalise(text)}.`
  }

  heading(): string {
    const p = this.pick
    switch (p.int(0, 8)) {
      case 0:
        return `Why ${plural(this.noun())} matter`
      case 1:
        return `How to ${this.verb()} ${this.phrase()}`
      case 2:
        return capitalise(`${this.adjective()} ${plural(this.noun())}`)
      case 3:
        return `Working with ${plural(this.noun())}`
      case 4:
        return `When to ${this.verb()} the ${this.noun()}`
      case 5:
        return `What a good ${this.noun()} looks like`
      case 6:
        return capitalise(`${gerund(this.verb())} ${this.phrase()}`)
      case 7:
        return `Common problems with ${plural(this.noun())}`
      default:
        return `${capitalise(this.noun())} and ${this.noun()}`
    }
  }

  title(): string {
    const p = this.pick
    switch (p.int(0, 6)) {
      case 0:
        return capitalise(`${gerund(this.verb())} ${this.phrase()}`)
      case 1:
        return `How to ${this.verb()} ${this.phrase()}`
      case 2:
        return capitalise(`${this.adjective()} ${plural(this.noun())}`)
      case 3:
        return capitalise(`${plural(this.noun())} for ${plural(this.noun())}`)
      case 4:
        return `Understanding ${plural(this.noun())}`
      case 5:
        return capitalise(`${this.noun()} and ${this.noun()}`)
      default:
        return capitalise(
          `${this.adjective()} ${this.noun()} ${p.one(['in practice', 'at scale', 'in government', 'for new teams', 'in alpha', 'in beta'])}`,
        )
    }
  }
}

/**
 * Searches nobody has made before: single words and pairs drawn from the whole word list, in a
 * shuffled order, none repeated. Loading these keeps every search new to any cache of results.
 */
export function distinctQueries(count: number, seed = 7): string[] {
  const pick = new Picker(seededRandom(seed))
  const vocabulary = [...new Set([...NOUNS.words, ...RARE_NOUNS.words, ...ADJECTIVES.words])]
  const seen = new Set<string>()
  const out: string[] = []
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const first = pick.one(vocabulary)
    const query = pick.chance(0.2) ? first : `${first} ${pick.one(vocabulary)}`
    if (seen.has(query)) continue
    seen.add(query)
    out.push(query)
  }
  return out
}

interface LinkTarget {
  slug: string
  title: string
}

const countWords = (text: string) => (text.match(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu) ?? []).length

/** One page's Markdown: 300 to 1,500 words under headings, with lists, links and the odd quote. */
function pageBody(writer: Writer, pick: Picker, targets: readonly LinkTarget[], wordTarget: number): string {
  const blocks: string[] = []
  let words = 0
  const add = (block: string) => {
    blocks.push(block)
    words += countWords(block)
  }
  const paragraph = (sentences: number) => {
    const parts: string[] = []
    for (let i = 0; i < sentences; i++) parts.push(writer.sentence())
    if (pick.chance(0.35)) {
      const target = pick.one(targets)
      parts.splice(
        pick.int(0, parts.length),
        0,
        `${pick.one(['Read', 'See', 'There is more in'])} [${target.title}](/handbook/${target.slug}).`,
      )
    }
    if (pick.chance(0.05)) {
      const [text, url] = pick.one(SERVICE_MANUAL_LINKS)
      parts.push(`The Service Manual explains [${text}](${url}).`)
    }
    if (pick.chance(0.1)) {
      const i = pick.int(0, parts.length - 1)
      parts[i] = `**${parts[i] ?? ''}**`
    }
    return parts.join(' ')
  }

  add(paragraph(pick.int(2, 4)))
  while (words < wordTarget) {
    add(`## ${writer.heading()}`)
    const blocksInPart = pick.int(2, 5)
    for (let b = 0; b < blocksInPart && words < wordTarget; b++) {
      const kind = pick.random()
      if (kind < 0.62) {
        add(paragraph(pick.int(2, 6)))
      } else if (kind < 0.8) {
        const items = Array.from({ length: pick.int(3, 6) }, () => writer.phrase())
        add(`${writer.sentence().replace(/\.$/, ':')}\n\n${items.map(i => `- ${i}`).join('\n')}`)
      } else if (kind < 0.9) {
        const steps = Array.from({ length: pick.int(3, 5) }, () => writer.sentence())
        add(steps.map((s, i) => `${i + 1}. ${s}`).join('\n'))
      } else if (kind < 0.96) {
        add(`### ${writer.heading()}\n\n${paragraph(pick.int(2, 4))}`)
      } else {
        add(`> ${writer.sentence()}`)
      }
    }
  }
  if (pick.chance(0.5)) {
    const related = pick.some(targets, pick.int(2, 4))
    add(`## Related pages\n\n${related.map(t => `- [${t.title}](/handbook/${t.slug})`).join('\n')}`)
  }
  return `${blocks.join('\n\n')}\n`
}

/** Word counts: most pages short or medium, a few long (300 to 1,500). */
function wordTarget(pick: Picker): number {
  const r = pick.random()
  return Math.round(300 + 1200 * r * r)
}

// ---------------------------------------------------------------------------------------------------------------
// Building the handbook

export async function generateHandbook(options: GenerateOptions): Promise<GeneratedHandbook> {
  const started = Date.now()
  const totalPages = options.totalPages ?? 1000
  const pick = new Picker(seededRandom(options.seed ?? 20261124))
  const say = options.onProgress ?? (() => undefined)

  let databaseUrl: string | undefined
  let schema: string | undefined
  if (options.postgresUrl) {
    schema = `bench_${randomBytes(6).toString('hex')}`
    const client = new pg.Client({ connectionString: options.postgresUrl })
    await client.connect()
    await client.query(`create schema ${schema}`)
    await client.end()
    const url = new URL(options.postgresUrl)
    url.searchParams.set('options', `-c search_path=${schema}`)
    databaseUrl = url.toString()
  }
  const drop = async () => {
    if (!options.postgresUrl || !schema) return
    const client = new pg.Client({ connectionString: options.postgresUrl })
    await client.connect()
    await client.query(`drop schema if exists ${schema} cascade`)
    await client.end()
  }

  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: options.sessionSecret,
    DATA_DIR: options.dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  })
  let db: Db | undefined
  try {
    db = connect(config.database)
    await migrateToLatest(db)
    const app = await buildApp({ config, db, logger: false })
    try {
      const adminEmail = 'bench.admin@example.gov.uk'
      const adminPassword = `bench ${randomBytes(12).toString('base64url')} handbook`
      const token = await app.services.setup.issueSetupToken()
      if (!token) throw new Error('The new database says it is already set up')
      const admin = await app.services.setup.complete(hashToken(token), {
        organisationName: 'Department for Benchmarks',
        logoText: 'DfB Digital',
        brandColour: '#1d70b8',
        pathwayShape: 'enterprise',
        adminName: 'Bench Administrator',
        adminEmail,
        password: adminPassword,
        confirmPassword: adminPassword,
      })
      const { handbook } = app.services
      const starter = await handbook.contents()
      const starterPages = starter.sections.flatMap(s => s.pages)
      say(`Set up with the starter handbook: ${starterPages.length} pages in ${starter.sections.length} sections`)

      const plans = [
        ...STARTER_SECTIONS.filter(plan => starter.sections.some(s => s.slug === plan.slug)),
        ...NEW_SECTIONS,
      ]
      const sections: ImportedSection[] = NEW_SECTIONS.map((s, i) => ({
        slug: s.slug,
        title: s.title,
        summary: s.summary,
        order: 100 + i,
      }))

      // Titles and slugs first, so every page can link to any other.
      const toMake = Math.max(0, totalPages - starterPages.length)
      const used = new Set(starterPages.map(p => p.slug))
      const planned: { slug: string; title: string; plan: SectionPlan }[] = []
      for (let i = 0; i < toMake; i++) {
        const plan = plans[i % plans.length] ?? NEW_SECTIONS[0]
        if (!plan) throw new Error('No sections to put pages in')
        const writer = new Writer(pick, plan.topics)
        let title = writer.title()
        for (let n = 2; used.has(pageSlug(title)); n++) title = `${writer.title()}${n > 4 ? ` (part ${n})` : ''}`
        const slug = pageSlug(title)
        used.add(slug)
        planned.push({ slug, title, plan })
      }
      const targets: LinkTarget[] = [...starterPages.map(p => ({ slug: p.slug, title: p.title })), ...planned]

      let wordCount = 0
      const wordsPerPage: { slug: string; words: number }[] = []
      const pages: ImportedPage[] = planned.map(({ slug, title, plan }, i) => {
        const writer = new Writer(pick, plan.topics)
        const body = pageBody(writer, pick, targets, wordTarget(pick))
        const words = countWords(body)
        wordCount += words
        wordsPerPage.push({ slug, words })
        const resources = pick.some(RESOURCE_POOL, pick.chance(0.4) ? 0 : pick.int(1, 4))
        return {
          slug,
          sectionSlug: plan.slug,
          title,
          summary: writer.sentence().slice(0, 280),
          order: 1000 + i,
          body,
          roles: pick.some(ROLE_SLUGS, pick.int(1, 3)),
          skills: pick.some(SKILL_SLUGS, pick.int(1, 3)),
          resources,
          sourcePath: `generated/${plan.slug}/${slug}.md`,
          sourceKey: `generated:${plan.slug}/${slug}.md`,
          url: null,
        }
      })
      const result: ImportResult = { site: 'plain', siteUrl: null, sections, pages, images: [], problems: [] }
      say(`Generated ${pages.length} pages (${wordCount.toLocaleString('en-GB')} words); importing them`)
      const report = await handbook.importResult({ id: admin.id, name: admin.name }, result)
      const errors = report.problems.filter(p => p.severity === 'error')
      if (errors.length > 0 || report.pagesCreated !== pages.length) {
        throw new Error(
          `The import created ${report.pagesCreated} of ${pages.length} pages: ${errors
            .slice(0, 3)
            .map(e => `${e.file}: ${e.message}`)
            .join('; ')}`,
        )
      }
      const final = await handbook.contents()
      const slugs = final.sections.flatMap(s => s.pages.map(p => p.slug))
      const bySize = [...wordsPerPage].sort((a, b) => a.words - b.words)
      const typicalSlug = bySize[Math.floor(bySize.length / 2)]?.slug ?? slugs[0] ?? ''
      const hitsPerTerm: Record<string, number> = {}
      for (const term of options.searchTerms ?? []) hitsPerTerm[term] = (await handbook.search(term, 1)).total
      return {
        adminEmail,
        adminPassword,
        databaseUrl,
        slugs,
        generatedSlugs: planned.map(p => p.slug),
        typicalSlug,
        hitsPerTerm,
        pageCount: slugs.length,
        sectionCount: final.sections.length,
        wordCount,
        seconds: (Date.now() - started) / 1000,
        drop,
      }
    } finally {
      await app.close()
    }
  } catch (error) {
    await drop().catch(() => undefined)
    throw error
  } finally {
    await db?.close()
  }
}
