// The worked example: loads a fictional department (example.data.ts) into a new installation so a
// newcomer's first look shows Valuekit working, and removes it again in one step. It writes
// nothing itself: people come through the spreadsheet import, things and their strategies through
// the products capability, check-ins through the pathway as each person and their line manager
// would make them, and goals through development plans.
//
// Each service's strategy goes further: metrics with six months of measurements, a roadmap,
// hypotheses with results, options to prioritise, decisions, strategy reviews, and for some a
// service assessment and team health check rounds, each through its own service as the owner (or,
// for the health check, each person on the team) would make them.
//
// Above single things (example.portfolio.data.ts): the strategies of both areas and of the
// organisation, started and written by their leaders; this quarter's objectives at every level,
// each set by the person responsible, with the things' metrics as key results; insight and ideas
// added by the teams; the leadership team's balance of work over four quarters, recorded by the
// head of product; and one service's strategy published in the open by its owner, with one part
// held back, and feedback a visitor left on it waiting for moderation.
//
// How the example is told apart from real records: its things, and the strategies of areas and
// the organisation it starts, carry the products table's `example` flag, as do its objectives,
// balance quarters, insight and ideas (each table's own flag); its people have addresses at
// EXAMPLE_DOMAIN (example.invalid, reserved by RFC 2606, never a real mailbox) and no password.
// Removing it deletes exactly those, each through its own capability; everything the people had
// (profiles, history, check-ins, plans, 1:1s, places on teams) goes with their accounts through ON
// DELETE CASCADE, and every part of a thing's strategy (its publication too) goes with the thing.
// It never writes into a strategy of an area or the organisation someone has already started, and
// never over a quarter of the balance someone has already recorded.
import { EXAMPLE_DOMAIN, type AccountsService } from '../accounts/accounts.service.ts'
import type { DevelopmentService } from '../development/development.service.ts'
import type { InsightService } from '../insight/insight.service.ts'
import type { ObjectivesService } from '../objectives/objectives.service.ts'
import type { OpenService } from '../open/open.service.ts'
import type { PortfolioService } from '../portfolio/portfolio.service.ts'
import type { Level } from '../framework/framework.bundled.ts'
import type { FrameworkTerms } from '../framework/framework.terms.ts'
import type { OrganisationService } from '../organisation/organisation.service.ts'
import type { PathwayService } from '../pathway/pathway.service.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Person } from '../people/people.types.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Clock } from '../platform/clock.ts'
import { addDays, ukToday } from '../platform/dates.ts'
import { ConflictError } from '../platform/errors.ts'
import type { AssessmentsService } from '../products/assessments/assessments.service.ts'
import { emptyPoints, type PointRecord } from '../products/assessments/assessments.types.ts'
import type { DecisionsService } from '../products/decisions/decisions.service.ts'
import type { DecisionInput } from '../products/decisions/decisions.types.ts'
import type { DocumentsService } from '../products/documents.service.ts'
import type { HealthService } from '../products/health/health.service.ts'
import type { HypothesesService } from '../products/hypotheses/hypotheses.service.ts'
import type { MetricsService } from '../products/metrics/metrics.service.ts'
import { metricTemplate, type MetricDetails } from '../products/metrics/metrics.types.ts'
import type { PrioritisationService } from '../products/prioritisation/prioritisation.service.ts'
import { addQuarters, type Scoring } from '../products/prioritisation/prioritisation.types.ts'
import type { ReviewsService } from '../products/reviews/reviews.service.ts'
import type { RoadmapService } from '../products/roadmap/roadmap.service.ts'
import type { StrategyScope } from '../products/products.types.ts'
import { problemStatement } from '../products/kinds/problem-statement/problem-statement.kind.ts'
import { teamOnion, type TeamOnion } from '../products/kinds/team-onion/team-onion.kind.ts'
import {
  valuePropositionCanvas,
  type ValuePropositionCanvas,
} from '../products/kinds/value-proposition-canvas/value-proposition-canvas.kind.ts'
import { businessModelCanvas } from '../products/kinds/business-model-canvas/business-model-canvas.kind.ts'
import { visionBoard } from '../products/kinds/vision-board/vision-board.kind.ts'
import { wardleyMap } from '../products/kinds/wardley-map/wardley-map.kind.ts'
import type { ProductsService } from '../products/products.service.ts'
import type { Product, ProductKind } from '../products/products.types.ts'
import {
  AGREED_NOTES,
  EVIDENCE,
  EXAMPLE_PEOPLE,
  EXAMPLE_THINGS,
  MANAGER_NOTES,
  type CheckinStage,
  type ExampleAssessment,
  type ExampleDecision,
  type ExampleHealthRound,
  type ExampleHypothesis,
  type ExampleMetric,
  type ExamplePerson,
  type ExamplePrioritisation,
  type ExampleReview,
  type ExampleRoadmapItem,
  type ExampleStrategy,
  type OnionEntry,
} from './example.data.ts'
import {
  EXAMPLE_BALANCE,
  EXAMPLE_IDEAS,
  EXAMPLE_INSIGHT,
  EXAMPLE_OBJECTIVES,
  EXAMPLE_PUBLICATION,
  EXAMPLE_SCOPED_STRATEGIES,
  type ObjectivePlace,
  type ThingPart,
} from './example.portfolio.data.ts'

/** Loading or removing was refused: the message says why, in words for the page or terminal. */
export class ExampleRefusedError extends ConflictError {
  override readonly name = 'ExampleRefusedError'
}

/** What the example made above single things, counted. */
export interface WiderCounts {
  readonly objectives: number
  readonly insight: number
  readonly ideas: number
  /** Quarters of the leadership team's balance of work. */
  readonly quarters: number
  /** Strategies of areas and the organisation. */
  readonly strategies: number
}

export interface ExampleStatus extends WiderCounts {
  /** Some of the example is here (people, things or anything else it made). */
  readonly loaded: boolean
  readonly people: number
  readonly things: Partial<Record<ProductKind, number>>
  readonly thingCount: number
}

export interface LoadSummary extends WiderCounts {
  readonly people: number
  readonly things: number
  readonly documents: number
  readonly checkins: Record<CheckinStage, number>
  readonly goals: number
  /** Services published in the open. */
  readonly published: number
}

export interface RemoveSummary extends WiderCounts {
  readonly people: number
  readonly things: number
}

/** The services of what the example shows above single things, which it loads through. */
export interface WiderServices {
  readonly objectives: ObjectivesService
  readonly insight: InsightService
  readonly portfolio: PortfolioService
  readonly open: OpenService
}

/** The example's things as loaded, with their metrics and roadmap items by `thing/key`. */
interface LoadedThings {
  readonly things: Map<string, Product>
  readonly metrics: Map<string, string>
  readonly items: Map<string, string>
  readonly documents: number
}

const partKey = (p: ThingPart) => `${p.thing}/${p.key}`

/** The services of the relational parts of a thing's strategy, which the example loads through. */
export interface StrategyPartServices {
  readonly metrics: MetricsService
  readonly roadmap: RoadmapService
  readonly hypotheses: HypothesesService
  readonly prioritisation: PrioritisationService
  readonly decisions: DecisionsService
  readonly reviews: ReviewsService
  readonly assessments: AssessmentsService
  readonly health: HealthService
}

/** The metric's details: a GOV.UK KPI's from its template, or the team's own. */
export function metricDetails(m: ExampleMetric, targetDate: string | null): MetricDetails {
  const numbers = { baseline: m.baseline, target: m.target, targetDate }
  if ('kpi' in m) {
    const template = metricTemplate(m.kpi)
    if (!template) throw new Error(`No metric template called ${m.kpi}`)
    const { name, definition, unit, direction } = template
    return { name, definition, unit, direction, ...numbers }
  }
  return { name: m.name, definition: m.definition, unit: m.unit, direction: m.direction, ...numbers }
}

/** Monthly measurements, oldest first, dated back from a few days before today. */
export function monthlyMeasurements(m: Pick<ExampleMetric, 'monthly' | 'note'>, today: string) {
  const last = m.monthly.length - 1
  return m.monthly.map((value, i) => ({
    measuredOn: addDays(today, -((last - i) * 30 + 3)),
    value,
    note: i === last ? (m.note ?? '') : '',
  }))
}

/** A key the example uses, looked up; the data test keeps these from failing. */
function named<T>(map: ReadonlyMap<string, T>, key: string, what: string): T {
  const found = map.get(key)
  if (found === undefined) throw new Error(`The example names no ${what} called ${key}`)
  return found
}

const LEVEL_ORDER: readonly Level[] = ['awareness', 'working', 'practitioner', 'expert']
const STAGE_ORDER: readonly CheckinStage[] = ['draft', 'submitted', 'reviewed', 'agreed']
const SENIOR = 'senior-product-manager'
const ASSOCIATE = 'associate-product-manager'

/** The email address an example person gets: first.last at the reserved example domain. */
export function exampleEmail(name: string): string {
  const local = name
    .toLowerCase()
    .replace(/[^a-z\s]/g, '')
    .trim()
    .split(/\s+/)
    .join('.')
  return `${local}@${EXAMPLE_DOMAIN}`
}

/**
 * The role someone gets on this installation: the example's role if the pathway has it, else the
 * most senior role it has below it (a small pathway has no senior or lead product managers), else
 * its most junior role.
 */
export function roleOnPathway(wanted: string, terms: Pick<FrameworkTerms, 'roles' | 'roleOrder'>): string {
  const available = terms.roles.map(r => r.slug)
  if (available.includes(wanted)) return wanted
  const rank = (slug: string) => terms.roleOrder.indexOf(slug)
  const below = available.filter(slug => rank(slug) >= 0 && rank(slug) <= rank(wanted))
  return below.sort((a, b) => rank(b) - rank(a))[0] ?? available[0] ?? wanted
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/**
 * The example's people as the spreadsheet import reads them. An associate is associated with
 * their group's senior product manager, or with the head of product when the pathway has no
 * senior role (so the senior was given a more junior one).
 */
export function examplePeopleCsv(terms: Pick<FrameworkTerms, 'roles' | 'roleOrder'>, today: string): string {
  const byKey = new Map(EXAMPLE_PEOPLE.map(p => [p.key, p]))
  const emailOf = (key: string | null | undefined) => {
    const person = key ? byKey.get(key) : undefined
    return person ? exampleEmail(person.name) : ''
  }
  const roleOf = (p: ExamplePerson) => roleOnPathway(p.role, terms)
  const seniorFrom = terms.roleOrder.indexOf(SENIOR)
  const seniorEnough = (p: ExamplePerson | undefined) =>
    p !== undefined && terms.roleOrder.indexOf(roleOf(p)) >= seniorFrom
  const head = EXAMPLE_PEOPLE.find(p => p.manager === null)
  const lines = ['name,email,career_role,line_manager_email,associate_of_email,business_area,group,date_into_role,role']
  for (const p of EXAMPLE_PEOPLE) {
    const role = roleOf(p)
    let associate = ''
    if (role === ASSOCIATE) {
      const senior = byKey.get(p.associateOf ?? '')
      associate = emailOf(seniorEnough(senior) ? senior?.key : head?.key)
    }
    const since = addDays(today, -Math.round(p.monthsInRole * 30.4))
    lines.push(
      [p.name, emailOf(p.key), role, emailOf(p.manager), associate, p.area, p.group, since, p.account]
        .map(csvCell)
        .join(','),
    )
  }
  return `${lines.join('\n')}\n`
}

/** A level near the one expected, chosen by a seed: mostly as expected, sometimes one either side. */
export function levelNear(expected: Level | null, seed: number): Level {
  const base = expected ? LEVEL_ORDER.indexOf(expected) : 1
  const shift = [0, 0, 1, 0, -1][seed % 5] ?? 0
  return LEVEL_ORDER[Math.min(LEVEL_ORDER.length - 1, Math.max(0, base + shift))] ?? 'working'
}

/** The value proposition canvas as the products capability stores it: pains and gains get ids from their keys. */
export function canvasContent(data: NonNullable<ExampleStrategy['valueProposition']>): ValuePropositionCanvas {
  const items = (prefix: string, texts: readonly string[]) =>
    texts.map((text, n) => ({ id: `${prefix}-${n + 1}`, text }))
  const keyed = (prefix: string, texts: Readonly<Record<string, string>>) =>
    Object.entries(texts).map(([key, text]) => ({ id: `${prefix}-${key}`, text }))
  const answering = (prefix: string, target: string, list: readonly { text: string; answers: readonly string[] }[]) =>
    list.map((item, n) => ({
      id: `${prefix}-${n + 1}`,
      text: item.text,
      answers: item.answers.map(key => `${target}-${key}`),
    }))
  return {
    jobs: items('job', data.jobs),
    pains: keyed('pain', data.pains),
    gains: keyed('gain', data.gains),
    products: items('product', data.products),
    relievers: answering('reliever', 'pain', data.relievers),
    creators: answering('creator', 'gain', data.creators),
  }
}

/** The team onion as stored: example people by their accounts, anyone else by name. */
export function onionContent(
  data: NonNullable<ExampleStrategy['teamOnion']>,
  people: ReadonlyMap<string, { id: string; name: string }>,
): TeamOnion {
  const layer = (name: string, entries: readonly OnionEntry[]) =>
    entries.map((entry, n) => {
      const person = 'person' in entry ? people.get(entry.person) : undefined
      if ('person' in entry && !person) throw new Error(`The example names nobody called ${entry.person}`)
      return {
        id: `${name}-${n + 1}`,
        personId: person?.id ?? null,
        name: person?.name ?? ('name' in entry ? entry.name : ''),
        role: entry.role,
      }
    })
  return {
    core: layer('core', data.core),
    collaborators: layer('collaborators', data.collaborators),
    supporters: layer('supporters', data.supporters),
  }
}

export class ExampleService {
  constructor(
    private readonly organisation: OrganisationService,
    private readonly accounts: AccountsService,
    private readonly people: PeopleService,
    private readonly pathway: PathwayService,
    private readonly development: DevelopmentService,
    private readonly products: ProductsService,
    private readonly documents: DocumentsService,
    private readonly parts: StrategyPartServices,
    private readonly wider: WiderServices,
    private readonly clock: Clock,
  ) {}

  /** Whether the example is loaded, and how much of it there is. */
  async status(): Promise<ExampleStatus> {
    const [people, things, objectives, { insight, ideas }, quarters, strategies] = await Promise.all([
      this.accounts.countExampleAccounts(),
      this.products.exampleCounts(),
      this.wider.objectives.countExample(),
      this.wider.insight.countExample(),
      this.wider.portfolio.countExample(),
      this.products.exampleStrategies(),
    ])
    const thingCount = Object.values(things).reduce((sum, n) => sum + n, 0)
    const loaded = people + thingCount + objectives + insight + ideas + quarters + strategies > 0
    return { loaded, people, things, thingCount, objectives, insight, ideas, quarters, strategies }
  }

  /**
   * Loads the example, with the actor as the one who imported the people and added the things.
   * Refused before set-up and while any of it is already loaded. If something fails part way,
   * what was loaded is removed again and the error is passed on.
   */
  async load(actor: Actor): Promise<LoadSummary> {
    if (!(await this.organisation.get()))
      throw new ExampleRefusedError('Set Valuekit up before loading the worked example')
    if ((await this.status()).loaded)
      throw new ExampleRefusedError(
        'The worked example is already loaded. Remove it first if you want to load it again',
      )
    const terms = await this.people.careerRoles()
    const today = ukToday(this.clock)
    const imported = await this.people.importPeople(actor, examplePeopleCsv(terms, today), {
      canSetAccountRoles: true,
      importerId: actor.id,
    })
    if (!imported.applied) {
      const first = imported.plan.problem ?? imported.plan.errors[0]?.message ?? 'no people to import'
      throw new ExampleRefusedError(`The worked example’s people could not be added: ${first}`)
    }
    try {
      const people = await this.examplePeople()
      const loaded = await this.addThings(actor, people, today)
      const checkins = await this.addCheckins(people)
      const goals = await this.addGoals(people, terms, today)
      const strategies = await this.addScopedStrategies(people, today)
      const objectives = await this.addObjectives(people, loaded)
      const { insight, ideas } = await this.addInsight(people, loaded, today)
      const quarters = await this.addBalance(people)
      const published = await this.publish(people, loaded)
      return {
        people: people.size,
        things: loaded.things.size,
        documents: loaded.documents,
        checkins,
        goals,
        objectives,
        insight,
        ideas,
        quarters,
        strategies,
        published,
      }
    } catch (err) {
      await this.remove(actor)
      throw err
    }
  }

  /**
   * Removes everything the example made, each through its own capability; real records stay.
   * Insight and objectives go before the things their tags and key results name.
   */
  async remove(actor: Actor): Promise<RemoveSummary> {
    const { insight, ideas } = await this.wider.insight.removeExample(actor)
    const objectives = await this.wider.objectives.removeExample(actor)
    const quarters = await this.wider.portfolio.removeExample(actor)
    const strategies = await this.products.exampleStrategies()
    const things = await this.products.removeExample(actor)
    const people = await this.accounts.removeExampleAccounts(actor)
    return { people, things, objectives, insight, ideas, quarters, strategies }
  }

  /** The example's people as loaded, by their key in the data. */
  private async examplePeople(): Promise<Map<string, Person>> {
    const byEmail = new Map(
      (await this.people.list({ withProfileOnly: true }))
        .filter(p => p.email.endsWith(`@${EXAMPLE_DOMAIN}`))
        .map(p => [p.email, p]),
    )
    const people = new Map<string, Person>()
    for (const p of EXAMPLE_PEOPLE) {
      const person = byEmail.get(exampleEmail(p.name))
      if (!person) throw new Error(`${p.name} was not added`)
      people.set(p.key, person)
    }
    return people
  }

  private async addThings(actor: Actor, people: Map<string, Person>, today: string): Promise<LoadedThings> {
    const ids = new Map<string, string>()
    const loaded: LoadedThings = { things: new Map(), metrics: new Map(), items: new Map(), documents: 0 }
    const idOf = (key: string) => {
      const id = ids.get(key)
      if (!id) throw new Error(`The example uses ${key} before adding it`)
      return id
    }
    let documents = 0
    for (const thing of EXAMPLE_THINGS) {
      const owner = people.get(thing.owner)
      if (!owner) throw new Error(`The example names nobody called ${thing.owner}`)
      const product = await this.products.create(actor, {
        kind: thing.kind,
        name: thing.name,
        purpose: thing.purpose,
        ownerId: owner.id,
        team: thing.team,
        group: thing.group,
        area: thing.area,
        parentId: thing.parent ? idOf(thing.parent) : null,
        uses: (thing.uses ?? []).map(idOf),
        phase: thing.phase,
        stage: thing.stage,
        example: true,
      })
      ids.set(thing.key, product.id)
      loaded.things.set(thing.key, product)
      // The owner wrote the strategy: its history says so.
      const author = { id: owner.id, name: owner.name }
      documents += await this.saveStrategy(author, product, thing.strategy, people)
      const { metrics, items } = await this.saveParts(author, product, thing.strategy, people, today)
      for (const [key, id] of metrics) loaded.metrics.set(partKey({ thing: thing.key, key }), id)
      for (const [key, id] of items) loaded.items.set(partKey({ thing: thing.key, key }), id)
    }
    return { ...loaded, documents }
  }

  /**
   * The relational parts of a strategy, in an order that lets each name the ones before it:
   * metrics, then the roadmap (items name metrics), hypotheses (name both, and their results
   * decide about items), options, decisions (name options and earlier decisions), reviews (name
   * decisions and people), the health check, and last the assessment (its evidence must exist).
   */
  private async saveParts(
    author: Actor,
    product: Product,
    strategy: ExampleStrategy,
    people: Map<string, Person>,
    today: string,
  ): Promise<{ metrics: Map<string, string>; items: Map<string, string> }> {
    const metrics = await this.addMetrics(author, product, strategy.metrics ?? [], today)
    const items = await this.addRoadmap(author, product, strategy.roadmap ?? [], metrics)
    await this.addHypotheses(author, product, strategy.hypotheses ?? [], metrics, items, today)
    await this.closeItems(author, product, strategy.roadmap ?? [], items)
    const options = strategy.prioritisation
      ? await this.addPrioritisation(author, product, strategy.prioritisation)
      : new Map<string, string>()
    const decisions = await this.addDecisions(author, product, strategy.decisions ?? [], options, today)
    await this.addReviews(author, product, strategy.reviews ?? [], decisions, people, today)
    await this.addHealth(author, product, strategy.health ?? [], people)
    if (strategy.assessment) await this.addAssessment(author, product, strategy.assessment, today)
    return { metrics, items }
  }

  private async addMetrics(
    author: Actor,
    product: Product,
    list: readonly ExampleMetric[],
    today: string,
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>()
    for (const m of list) {
      const targetDate = m.targetInDays === null ? null : addDays(today, m.targetInDays)
      const metric = await this.parts.metrics.create(author, product, metricDetails(m, targetDate))
      await this.parts.metrics.addMeasurements(author, product, metric, monthlyMeasurements(m, today))
      ids.set(m.key, metric.id)
    }
    return ids
  }

  /** Items in the order given; one added elsewhere first is then moved, so its history shows it. */
  private async addRoadmap(
    author: Actor,
    product: Product,
    list: readonly ExampleRoadmapItem[],
    metrics: ReadonlyMap<string, string>,
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>()
    for (const item of list) {
      const added = await this.parts.roadmap.add(author, product, {
        column: item.movedFrom ?? item.column,
        problem: item.problem,
        outcome: item.outcome,
        metricId: item.metric === null ? null : named(metrics, item.metric, 'metric'),
      })
      if (item.movedFrom) await this.parts.roadmap.move(author, product, added, item.column, added.version)
      ids.set(item.key, added.id)
    }
    return ids
  }

  private async addHypotheses(
    author: Actor,
    product: Product,
    list: readonly ExampleHypothesis[],
    metrics: ReadonlyMap<string, string>,
    items: ReadonlyMap<string, string>,
    today: string,
  ): Promise<void> {
    for (const h of list) {
      const created = await this.parts.hypotheses.create(author, product, {
        change: h.change,
        audience: h.audience,
        outcome: h.outcome,
        metricId: named(metrics, h.metric, 'metric'),
        target: h.target,
        byDate: addDays(today, h.dueInDays),
        roadmapItemId: h.item === null ? null : named(items, h.item, 'roadmap item'),
      })
      if (h.result) await this.parts.hypotheses.recordResult(author, product, created, { ...h.result }, created.version)
    }
  }

  /** Items the team marked done or dropped themselves, with their notes. */
  private async closeItems(
    author: Actor,
    product: Product,
    list: readonly ExampleRoadmapItem[],
    items: ReadonlyMap<string, string>,
  ): Promise<void> {
    for (const item of list) {
      if (!item.closed) continue
      const current = await this.parts.roadmap.get(product.id, named(items, item.key, 'roadmap item'))
      await this.parts.roadmap.setStatus(
        author,
        product,
        current,
        item.closed.status,
        item.closed.note,
        current.version,
      )
    }
  }

  /** The criteria, each option scored all four ways, and the backlog's balance up to this quarter. */
  private async addPrioritisation(
    author: Actor,
    product: Product,
    plan: ExamplePrioritisation,
  ): Promise<Map<string, string>> {
    const { prioritisation } = this.parts
    if (plan.criteria.length > 0)
      await prioritisation.saveCriteria(
        author,
        product,
        plan.criteria.map(c => ({ id: null, name: c.name, weight: c.weight })),
        0,
      )
    const criterionIds = new Map((await prioritisation.criteria(product.id)).criteria.map(c => [c.name, c.id]))
    const ids = new Map<string, string>()
    for (const o of plan.options) {
      const id = await prioritisation.addOption(author, product, { title: o.title, description: o.description })
      const option = await prioritisation.option(product.id, id)
      const scores = Object.fromEntries(
        plan.criteria.map((c, i) => [named(criterionIds, c.name, 'criterion'), o.scores[i] ?? 0]),
      )
      const scorings: Scoring[] = [
        { method: 'impact-effort', impact: o.impact, effort: o.effort },
        { method: 'moscow', moscow: o.moscow },
        { method: 'rice', rice: { ...o.rice } },
        ...(plan.criteria.length > 0 ? [{ method: 'weighted' as const, scores }] : []),
      ]
      // Each scoring is a versioned save that moves the option on by one version.
      for (const [n, scoring] of scorings.entries())
        await prioritisation.score(author, product, option, scoring, option.version + n)
      ids.set(o.key, id)
    }
    const current = prioritisation.currentQuarter()
    const last = plan.quarters.length - 1
    for (const [i, q] of plan.quarters.entries())
      await prioritisation.saveQuarter(author, product, addQuarters(current, i - last), { ...q }, 0)
    return ids
  }

  /** Decisions oldest first; a revisit names the earlier decision and says what has changed. */
  private async addDecisions(
    author: Actor,
    product: Product,
    list: readonly ExampleDecision[],
    options: ReadonlyMap<string, string>,
    today: string,
  ): Promise<Map<string, string>> {
    const { decisions } = this.parts
    const ids = new Map<string, string>()
    for (const d of list) {
      const input: DecisionInput = {
        title: d.title,
        proposal: d.proposal,
        assumptions: d.assumptions,
        confidence: d.confidence,
        expectedValue: d.expectedValue,
        outcome: d.outcome,
        reasoning: d.reasoning,
        decidedOn: addDays(today, -d.daysAgo),
        optionId: d.option ? named(options, d.option, 'option') : null,
      }
      const id = d.revisits
        ? await decisions.revisit(
            author,
            product,
            await decisions.get(product.id, named(ids, d.revisits.decision, 'decision')),
            { ...input, whatChanged: d.revisits.whatChanged },
          )
        : await decisions.create(author, product, input)
      ids.set(d.key, id)
    }
    return ids
  }

  private async addReviews(
    author: Actor,
    product: Product,
    list: readonly ExampleReview[],
    decisions: ReadonlyMap<string, string>,
    people: ReadonlyMap<string, Person>,
    today: string,
  ): Promise<void> {
    const { reviews } = this.parts
    for (const r of list) {
      const id = await reviews.create(author, product, {
        heldOn: addDays(today, -r.daysAgo),
        attendeeIds: r.attendees.map(key => named(people, key, 'person').id),
        others: r.others,
        parts: [...r.parts],
        notes: r.notes,
      })
      if (r.decisions.length === 0) continue
      const review = await reviews.get(product.id, id)
      for (const link of r.decisions)
        await reviews.link(author, product, review, named(decisions, link.decision, 'decision'), link.changed)
    }
  }

  /** Rounds of the team health check: opened by the owner, answered by each person, then closed. */
  private async addHealth(
    author: Actor,
    product: Product,
    rounds: readonly ExampleHealthRound[],
    people: ReadonlyMap<string, Person>,
  ): Promise<void> {
    const { health } = this.parts
    for (const r of rounds) {
      const round = await health.open(author, product)
      for (const answer of r.answers) {
        const person = named(people, answer.person, 'person')
        await health.answer({ id: person.id, name: person.name }, product, round, { ...answer.scores })
      }
      if (!r.open) await health.close(author, product, await health.round(product.id, round.id))
    }
  }

  /** An assessment started, then its checklist saved as far as the team has got. */
  private async addAssessment(author: Actor, product: Product, data: ExampleAssessment, today: string): Promise<void> {
    const { assessments } = this.parts
    const started = await assessments.create(author, product, {
      stage: data.stage,
      assessOn: data.inDays === null ? null : addDays(today, data.inDays),
    })
    const points: PointRecord[] = emptyPoints().map((blank, i) => {
      const given = data.points[i]
      return given ? { status: given.status, notes: given.notes, evidence: [...given.evidence] } : blank
    })
    await assessments.update(
      author,
      product,
      started,
      { stage: started.stage, assessOn: started.assessOn, points },
      started.version,
    )
  }

  /** Saves each part of a thing's strategy the example has; returns how many documents. */
  private async saveStrategy(
    author: Actor,
    subject: { id: string; name: string },
    strategy: ExampleStrategy,
    people: Map<string, Person>,
  ): Promise<number> {
    const note = 'Written for the worked example'
    const parts: (() => Promise<number>)[] = []
    const {
      problemStatement: problem,
      valueProposition,
      businessModel,
      visionBoard: vision,
      teamOnion: onion,
      wardleyMap: map,
    } = strategy
    if (problem) parts.push(() => this.documents.save(author, subject, problemStatement, { ...problem }, 0, note))
    if (valueProposition)
      parts.push(() =>
        this.documents.save(author, subject, valuePropositionCanvas, canvasContent(valueProposition), 0, note),
      )
    if (businessModel)
      parts.push(() => this.documents.save(author, subject, businessModelCanvas, { ...businessModel }, 0, note))
    if (vision) parts.push(() => this.documents.save(author, subject, visionBoard, { ...vision }, 0, note))
    if (onion) parts.push(() => this.documents.save(author, subject, teamOnion, onionContent(onion, people), 0, note))
    const mapRead = map ? wardleyMap.text?.parse(map, wardleyMap.empty) : undefined
    if (mapRead && !mapRead.ok)
      throw new Error(`The example's Wardley map does not read: ${mapRead.problems.join('; ')}`)
    if (mapRead?.ok) {
      const content = mapRead.content
      parts.push(() => this.documents.save(author, subject, wardleyMap, content, 0, note))
    }
    // One after another: each save is a transaction, and SQLite has one connection.
    for (const part of parts) await part()
    return parts.length
  }

  /** The example person with this key, as the actor their records name. */
  private author(people: ReadonlyMap<string, Person>, key: string): Actor {
    const person = named(people, key, 'person')
    return { id: person.id, name: person.name }
  }

  /**
   * The strategies of each area and of the organisation, started and written by their leaders: a
   * problem statement, their own metrics and the problems on their roadmaps. One somebody has
   * already started is theirs, and left alone. Returns how many were started.
   */
  private async addScopedStrategies(people: ReadonlyMap<string, Person>, today: string): Promise<number> {
    let started = 0
    for (const s of EXAMPLE_SCOPED_STRATEGIES) {
      const which: StrategyScope = s.area === null ? { scope: 'organisation' } : { scope: 'area', area: s.area }
      if (await this.products.findStrategy(which)) continue
      const author = this.author(people, s.by)
      const record = await this.products.strategyFor(author, which, { example: true })
      await this.documents.save(
        author,
        record,
        problemStatement,
        { ...s.problemStatement },
        0,
        'Written for the worked example',
      )
      const metrics = await this.addMetrics(author, record, s.metrics, today)
      for (const item of s.roadmap)
        await this.parts.roadmap.add(author, record, {
          column: item.column,
          problem: item.problem,
          outcome: item.outcome,
          metricId: item.metric === null ? null : named(metrics, item.metric, 'metric'),
        })
      started++
    }
    return started
  }

  /**
   * This quarter's objectives, from the organisation's down to the things', each set by the person
   * responsible, supporting the one above it, with the things' metrics as key results and their
   * open roadmap items serving it.
   */
  private async addObjectives(people: ReadonlyMap<string, Person>, loaded: LoadedThings): Promise<number> {
    const { objectives } = this.wider
    const quarter = objectives.currentQuarter()
    const ids = new Map<string, string>()
    const request = (place: ObjectivePlace) =>
      place.level === 'thing' ? { level: place.level, productId: named(loaded.things, place.thing, 'thing').id } : place
    for (const o of EXAMPLE_OBJECTIVES) {
      const scope = await objectives.resolveScope(request(o.place))
      const created = await objectives.create(
        this.author(people, o.by),
        scope,
        quarter,
        {
          title: o.title,
          description: o.description,
          parentId: o.supports === null ? null : named(ids, o.supports, 'objective'),
          metricIds: o.keyResults.map(k => named(loaded.metrics, partKey(k), 'metric')),
          itemIds: o.items.map(i => named(loaded.items, partKey(i), 'roadmap item')),
        },
        { example: true },
      )
      ids.set(o.key, created.id)
    }
    return ids.size
  }

  /** Insight added to the backlog by the people who found it, tagged to things and problems; then ideas. */
  private async addInsight(
    people: ReadonlyMap<string, Person>,
    loaded: LoadedThings,
    today: string,
  ): Promise<{ insight: number; ideas: number }> {
    const { insight } = this.wider
    const ids = new Map<string, string>()
    for (const i of EXAMPLE_INSIGHT) {
      const tags = i.tags.map(t => ({
        productId: named(loaded.things, t.thing, 'thing').id,
        itemId: t.item ? named(loaded.items, partKey({ thing: t.thing, key: t.item }), 'roadmap item') : null,
      }))
      const input = {
        title: i.title,
        kind: i.kind,
        source: i.source,
        observedOn: addDays(today, -i.daysAgo),
        evidence: i.evidence,
      }
      ids.set(i.key, await insight.add(this.author(people, i.by), input, tags, { example: true }))
    }
    for (const idea of EXAMPLE_IDEAS)
      await insight.addIdea(
        this.author(people, idea.by),
        {
          title: idea.title,
          description: idea.description,
          itemId: named(loaded.items, partKey(idea.problem), 'roadmap item'),
        },
        idea.insight.map(key => named(ids, key, 'insight')),
        { example: true },
      )
    return { insight: ids.size, ideas: EXAMPLE_IDEAS.length }
  }

  /** The leadership team's work over the last quarters, recorded by the head of product; a quarter already recorded is left alone. */
  private async addBalance(people: ReadonlyMap<string, Person>): Promise<number> {
    const { portfolio } = this.wider
    const head = EXAMPLE_PEOPLE.find(p => p.manager === null)
    if (!head) throw new Error('The example has no head of product')
    const author = this.author(people, head.key)
    const current = portfolio.currentQuarter()
    let recorded = 0
    for (const q of EXAMPLE_BALANCE) {
      const quarter = addQuarters(current, -q.quartersAgo)
      if ((await portfolio.quarter(quarter)).record) continue
      await portfolio.saveQuarter(author, quarter, { counts: q.counts, note: q.note }, 0, { example: true })
      recorded++
    }
    return recorded
  }

  /**
   * One service's strategy published in the open by its owner, with parts held back and why; then
   * feedback a visitor leaves on its public page, held for moderation. Returns how many were published.
   */
  private async publish(people: ReadonlyMap<string, Person>, loaded: LoadedThings): Promise<number> {
    const { open } = this.wider
    const data = EXAMPLE_PUBLICATION
    const thing = EXAMPLE_THINGS.find(t => t.key === data.thing)
    if (!thing) throw new Error(`The example names no thing called ${data.thing}`)
    const product = named(loaded.things, data.thing, 'thing')
    const fields = await open.fields(product)
    const withhold = new Map(
      data.withhold.map(w => {
        const field = fields.find(f => f.group === w.document && f.heading === w.heading)
        if (!field) throw new Error(`${thing.name} has no part ${w.document}: ${w.heading} to hold back`)
        return [field.key, w.reason] as const
      }),
    )
    await open.publish(this.author(people, thing.owner), product, withhold, 0, fields)
    const publication = await open.publication(product.id)
    if (!publication) throw new Error(`${thing.name} was not published`)
    await open.leaveFeedback(
      publication.slug,
      {
        text: data.feedback.text,
        about: named(loaded.items, partKey({ thing: data.thing, key: data.feedback.about }), 'roadmap item'),
      },
      { example: true },
    )
    return 1
  }

  /**
   * Check-ins as people would make them: each person rates themselves near their role's expected
   * levels and submits; line managers give their view and agree levels where the data says so.
   */
  private async addCheckins(people: Map<string, Person>): Promise<Record<CheckinStage, number>> {
    const counts: Record<CheckinStage, number> = { draft: 0, submitted: 0, reviewed: 0, agreed: 0 }
    const viewers = new Map<string, Viewer>()
    const viewerOf = async (person: Person): Promise<Viewer> => {
      const known = viewers.get(person.id)
      if (known) return known
      const viewer = await this.people.viewer({
        id: person.id,
        name: person.name,
        email: person.email,
        role: person.accountRole === 'leader' ? 'leader' : 'member',
      })
      if (!viewer) throw new Error(`No viewer for ${person.name}`)
      viewers.set(person.id, viewer)
      return viewer
    }
    for (const [i, p] of EXAMPLE_PEOPLE.entries()) {
      const person = people.get(p.key)
      if (!p.checkin || !person) continue
      const reach = STAGE_ORDER.indexOf(p.checkin)
      const self = await viewerOf(person)
      const started = await this.pathway.startCheckin(self, person.id)
      const blank = await this.pathway.checkin(person.id, started.id)
      const submit = reach >= 1
      const selfLevels = blank.skills.map(({ skill, expected }, j) => ({
        slug: skill.slug,
        level: levelNear(expected, i + j * 3),
      }))
      let detail = await this.pathway.saveSelf(
        self,
        person.id,
        started.id,
        {
          ratings: Object.fromEntries(
            selfLevels.map(({ slug, level }, j) => [
              slug,
              submit || j % 2 === 0
                ? { level, evidence: EVIDENCE[(i + j) % EVIDENCE.length] ?? '' }
                : { level: null, evidence: '' },
            ]),
          ),
        },
        started.version,
        submit,
      )
      if (reach >= 2) {
        const managerPerson = [...people.values()].find(m => m.id === person.lineManagerId)
        if (!managerPerson) throw new Error(`${person.name} has no line manager in the example`)
        const manager = await viewerOf(managerPerson)
        const managerLevels = selfLevels.map(({ slug, level }, j) => ({
          slug,
          level: (i + j) % 4 === 0 ? levelNear(level, 4) : level,
          note: (i + j) % 3 === 0 ? (MANAGER_NOTES[(i + j) % MANAGER_NOTES.length] ?? '') : '',
        }))
        detail = await this.pathway.saveReview(
          manager,
          person.id,
          started.id,
          { ratings: Object.fromEntries(managerLevels.map(({ slug, level, note }) => [slug, { level, note }])) },
          detail.checkin.version,
        )
        if (reach >= 3)
          await this.pathway.agree(
            manager,
            person.id,
            started.id,
            {
              ratings: Object.fromEntries(managerLevels.map(({ slug, level }) => [slug, { level, note: '' }])),
              note: AGREED_NOTES[i % AGREED_NOTES.length] ?? '',
            },
            detail.checkin.version,
          )
      }
      counts[p.checkin]++
    }
    return counts
  }

  /** Development plans: each goal added by the person, then moved on to where the data says it is. */
  private async addGoals(people: Map<string, Person>, terms: FrameworkTerms, today: string): Promise<number> {
    const known = new Set(terms.skills.map(s => s.slug))
    let count = 0
    for (const p of EXAMPLE_PEOPLE) {
      const person = people.get(p.key)
      if (!person || !p.goals) continue
      const actor = { id: person.id, name: person.name }
      for (const goal of p.goals) {
        const form = {
          title: goal.title,
          measure: goal.measure,
          dueOn: addDays(today, goal.dueInDays),
          skills: goal.skills.filter(slug => known.has(slug)),
          status: 'not-started' as const,
          sourceTitle: null,
          sourceUrl: null,
          version: null,
        }
        const added = await this.development.addGoal(actor, person, form)
        if (goal.status !== 'not-started')
          await this.development.changeGoal(
            actor,
            person,
            added.id,
            { ...form, status: goal.status, version: added.version },
            added.version,
          )
        count++
      }
    }
    return count
  }
}
