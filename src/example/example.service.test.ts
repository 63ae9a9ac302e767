// The worked example on both engines: loading makes about fifty people in a management tree, a
// dozen things with full strategies, check-ins at every stage and development plans; loading
// twice is refused; removing takes away every example record and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation, type TestServices } from '../../test/build-test-services.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { daysBetween } from '../platform/dates.ts'
import { BUNDLED_TERMS, termsOf } from '../framework/framework.terms.ts'
import { FRAMEWORK_2025 } from '../framework/framework.bundled.ts'
import { readPeopleCsv } from '../people/people.import.ts'
import { problemStatement } from '../products/kinds/problem-statement/problem-statement.kind.ts'
import {
  fitOf,
  valuePropositionCanvas,
} from '../products/kinds/value-proposition-canvas/value-proposition-canvas.kind.ts'
import { MIN_RESPONDENTS } from '../products/health/health.types.ts'
import { currentStarvedRuns } from '../products/prioritisation/prioritisation.types.ts'
import { reviewDue } from '../products/reviews/reviews.service.ts'
import { REVIEW_DUE_DAYS, REVIEW_PART_SLUGS } from '../products/reviews/reviews.types.ts'
import { objectiveProgress } from '../objectives/objectives.views.ts'
import { PORTFOLIO_CLASSES } from '../portfolio/portfolio.types.ts'
import { balanceView } from '../portfolio/portfolio.views.ts'
import { addQuarters } from '../products/prioritisation/prioritisation.types.ts'
import type { Product } from '../products/products.types.ts'
import { EXAMPLE_PEOPLE, EXAMPLE_THINGS } from './example.data.ts'
import { EXAMPLE_INSIGHT, EXAMPLE_OBJECTIVES } from './example.portfolio.data.ts'
import { ExampleRefusedError, examplePeopleCsv, exampleEmail, levelNear, roleOnPathway } from './example.service.ts'

/** Loading makes thousands of records through the services: on a busy machine it can take longer than a test's usual 30 seconds. */
const LOADING_TIMEOUT = 120_000

/** What every example service's strategy has: the five documents and the relational parts. */
const EVERY_SERVICE_HAS = [
  'businessModel',
  'problemStatement',
  'teamOnion',
  'valueProposition',
  'visionBoard',
  'metrics',
  'roadmap',
  'hypotheses',
  'prioritisation',
  'decisions',
  'reviews',
]

/** The tables of the relational parts of a strategy: all of a thing's rows go with it. */
const PART_TABLES = [
  'product_metrics',
  'product_measurements',
  'roadmap_items',
  'roadmap_item_events',
  'hypotheses',
  'priority_options',
  'priority_boards',
  'priority_criteria',
  'priority_scores',
  'backlog_quarters',
  'product_decisions',
  'strategy_reviews',
  'strategy_review_attendees',
  'strategy_review_parts',
  'strategy_review_decisions',
  'service_assessments',
  'health_rounds',
  'health_respondents',
  'health_tallies',
] as const

describe('the example data', () => {
  it('has about fifty people with a believable spread of roles, in one management tree', () => {
    const count = (role: string) => EXAMPLE_PEOPLE.filter(p => p.role === role).length
    expect(EXAMPLE_PEOPLE.length).toBe(50)
    expect(count('head-of-product')).toBe(1)
    expect(count('lead-product-manager')).toBe(2)
    expect(count('senior-product-manager')).toBe(6)
    expect(count('product-manager')).toBeGreaterThanOrEqual(18)
    expect(count('associate-product-manager')).toBeGreaterThanOrEqual(15)
    const keys = new Set(EXAMPLE_PEOPLE.map(p => p.key))
    expect(keys.size).toBe(EXAMPLE_PEOPLE.length)
    expect(new Set(EXAMPLE_PEOPLE.map(p => exampleEmail(p.name))).size).toBe(EXAMPLE_PEOPLE.length)
    // Everyone but the head reaches the head through their line managers.
    const byKey = new Map(EXAMPLE_PEOPLE.map(p => [p.key, p]))
    for (const p of EXAMPLE_PEOPLE) {
      let at = p
      for (let hops = 0; at.manager !== null; hops++) {
        expect(hops, p.name).toBeLessThan(6)
        const next = byKey.get(at.manager)
        expect(next, `${at.name}'s manager`).toBeDefined()
        if (!next) break
        at = next
      }
      expect(at.role).toBe('head-of-product')
      if (p.role === 'associate-product-manager')
        expect(byKey.get(p.associateOf ?? '')?.role).toBe('senior-product-manager')
    }
  })

  it('has a dozen things, at different phases and stages, whose onions and links name real keys', () => {
    expect(EXAMPLE_THINGS.length).toBeGreaterThanOrEqual(12)
    expect(new Set(EXAMPLE_THINGS.map(t => t.phase)).size).toBe(5)
    expect(new Set(EXAMPLE_THINGS.map(t => t.stage)).size).toBe(4)
    const people = new Set(EXAMPLE_PEOPLE.map(p => p.key))
    const seen = new Set<string>()
    for (const thing of EXAMPLE_THINGS) {
      expect(people.has(thing.owner), thing.name).toBe(true)
      for (const used of [...(thing.uses ?? []), ...(thing.parent ? [thing.parent] : [])])
        expect(seen.has(used), `${thing.name} uses ${used}`).toBe(true)
      seen.add(thing.key)
      const onion = thing.strategy.teamOnion
      if (onion) {
        const named = [...onion.core, ...onion.collaborators, ...onion.supporters].flatMap(e =>
          'person' in e ? [e.person] : [],
        )
        expect(new Set(named).size, `${thing.name}: nobody twice`).toBe(named.length)
        for (const key of named) expect(people.has(key), key).toBe(true)
      }
      if (thing.kind === 'service') {
        expect(Object.keys(thing.strategy), thing.name).toEqual(expect.arrayContaining(EVERY_SERVICE_HAS))
      }
    }
  })

  it('gives every service a whole strategy whose parts name each other by real keys', () => {
    const people = new Set(EXAMPLE_PEOPLE.map(p => p.key))
    const reviewParts = new Set(REVIEW_PART_SLUGS)
    for (const thing of EXAMPLE_THINGS.filter(t => t.kind === 'service')) {
      const s = thing.strategy
      const at = (what: string) => `${thing.name}: ${what}`
      const metrics = new Set((s.metrics ?? []).map(m => m.key))
      const items = new Set((s.roadmap ?? []).map(i => i.key))
      const options = new Set((s.prioritisation?.options ?? []).map(o => o.key))
      expect(metrics.size, at('metrics')).toBeGreaterThanOrEqual(3)
      for (const m of s.metrics ?? [])
        expect(m.monthly.length, at(`${m.key} over six months`)).toBeGreaterThanOrEqual(7)
      expect(items.size, at('roadmap')).toBeGreaterThanOrEqual(4)
      for (const item of s.roadmap ?? []) if (item.metric) expect(metrics.has(item.metric), at(item.key)).toBe(true)
      expect(
        s.hypotheses?.some(h => h.result),
        at('a hypothesis with a result'),
      ).toBe(true)
      for (const h of s.hypotheses ?? []) {
        expect(metrics.has(h.metric), at(h.change)).toBe(true)
        if (h.item) expect(items.has(h.item), at(h.change)).toBe(true)
        // A result on an item decides about it; an item dropped by a result is not closed again.
        if (h.result && h.item) expect(h.result.decision, at(h.change)).not.toBeNull()
        if (h.result?.decision === 'drop')
          expect(s.roadmap?.find(i => i.key === h.item)?.closed, at(h.change)).toBeUndefined()
      }
      const criteria = s.prioritisation?.criteria ?? []
      expect(options.size, at('options')).toBeGreaterThanOrEqual(3)
      for (const o of s.prioritisation?.options ?? []) {
        expect(o.scores, at(o.title)).toHaveLength(criteria.length)
        for (const n of [o.impact, o.effort, ...o.scores]) expect(n >= 1 && n <= 5, at(o.title)).toBe(true)
      }
      expect(s.prioritisation?.quarters.length, at('quarters')).toBeGreaterThanOrEqual(2)
      const decisions = new Map<string, { daysAgo: number }>()
      for (const d of s.decisions ?? []) {
        if (d.option) expect(options.has(d.option), at(d.title)).toBe(true)
        if (d.revisits) {
          const earlier = decisions.get(d.revisits.decision)
          expect(earlier, at(d.title)).toBeDefined()
          expect(d.daysAgo, at(d.title)).toBeLessThanOrEqual(earlier?.daysAgo ?? 0)
        }
        decisions.set(d.key, d)
      }
      expect(decisions.size, at('decisions')).toBeGreaterThan(0)
      expect(s.reviews?.length, at('reviews')).toBeGreaterThan(0)
      for (const r of s.reviews ?? []) {
        for (const key of r.attendees) expect(people.has(key), at(key)).toBe(true)
        for (const part of r.parts) expect(reviewParts.has(part), at(part)).toBe(true)
        for (const link of r.decisions) expect(decisions.has(link.decision), at(link.decision)).toBe(true)
      }
      // Only people on the team onion may answer its health check, once a round.
      const onion = s.teamOnion
      const team = new Set(
        onion
          ? [...onion.core, ...onion.collaborators, ...onion.supporters].flatMap(e => ('person' in e ? [e.person] : []))
          : [],
      )
      for (const round of s.health ?? []) {
        const who = round.answers.map(a => a.person)
        expect(new Set(who).size, at('health')).toBe(who.length)
        for (const key of who) expect(team.has(key), at(`${key} on the team`)).toBe(true)
      }
      // An assessment's evidence is a part this service has.
      const has = new Set([
        ...(s.problemStatement ? ['problem-statement'] : []),
        ...(s.valueProposition ? ['value-proposition-canvas'] : []),
        ...(s.businessModel ? ['business-model-canvas'] : []),
        ...(s.visionBoard ? ['vision-board'] : []),
        ...(s.teamOnion ? ['team-onion'] : []),
        'roadmap',
        'metrics',
        'hypotheses',
        ...((s.health ?? []).some(r => !r.open && r.answers.length >= 3) ? ['health'] : []),
      ])
      for (const point of s.assessment?.points ?? [])
        for (const slug of point.evidence) expect(has.has(slug), at(slug)).toBe(true)
    }
  })

  it('shows an area lead a believable mix across its services', () => {
    const services = EXAMPLE_THINGS.filter(t => t.kind === 'service')
    // The four GOV.UK KPIs, each on at least two services.
    for (const kpi of ['cost-per-transaction', 'user-satisfaction', 'completion-rate', 'digital-take-up'])
      expect(
        services.filter(t => t.strategy.metrics?.some(m => 'kpi' in m && m.kpi === kpi)).length,
        kpi,
      ).toBeGreaterThanOrEqual(2)
    // Some metrics on target and some off, by their latest measurement.
    const statuses = services.flatMap(t =>
      (t.strategy.metrics ?? []).map(m => {
        const latest = m.monthly.at(-1) ?? 0
        const direction = 'kpi' in m ? (m.kpi === 'cost-per-transaction' ? 'lower' : 'higher') : m.direction
        return m.target === null
          ? 'none'
          : (direction === 'higher' ? latest >= m.target : latest <= m.target)
            ? 'on'
            : 'off'
      }),
    )
    expect(statuses.filter(x => x === 'on').length).toBeGreaterThanOrEqual(5)
    expect(statuses.filter(x => x === 'off').length).toBeGreaterThanOrEqual(5)
    // A hypothesis that failed, with its roadmap item dropped.
    expect(
      services.some(t =>
        t.strategy.hypotheses?.some(h => h.result?.result === 'failed' && h.result.decision === 'drop'),
      ),
    ).toBe(true)
    // A reasoned "no", revisited later.
    expect(
      services.some(t => {
        const noes = new Set((t.strategy.decisions ?? []).filter(d => d.outcome === 'no').map(d => d.key))
        return t.strategy.decisions?.some(d => d.revisits && noes.has(d.revisits.decision))
      }),
    ).toBe(true)
    // A service not reviewed for longer than a review is due.
    const lastReview = (t: (typeof services)[number]) => Math.min(...(t.strategy.reviews ?? []).map(r => r.daysAgo))
    expect(services.filter(t => lastReview(t) > REVIEW_DUE_DAYS).map(t => t.name)).toEqual([
      'Get help with home heating costs',
    ])
    // A service in alpha with its end of alpha assessment partly done.
    const alpha = services.find(t => t.phase === 'alpha' && t.strategy.assessment?.stage === 'end-of-alpha')
    const done = alpha?.strategy.assessment?.points.length ?? 0
    expect(done).toBeGreaterThan(0)
    expect(done).toBeLessThan(14)
    // A closed health check round with results.
    expect(services.some(t => t.strategy.health?.some(r => !r.open && r.answers.length >= MIN_RESPONDENTS))).toBe(true)
  })

  it('writes a spreadsheet the import reads without a problem, on every pathway shape', () => {
    for (const shape of ['small', 'medium', 'enterprise'] as const) {
      const terms = termsOf(1, FRAMEWORK_2025, shape)
      const read = readPeopleCsv(examplePeopleCsv(terms, '2026-11-24'), { terms, today: '2026-11-24' })
      expect(read.errors, shape).toEqual([])
      expect(read.rows).toHaveLength(EXAMPLE_PEOPLE.length)
      expect(read.rows.every(r => r.email.endsWith('@example.invalid'))).toBe(true)
    }
  })

  it('gives a role the pathway lacks the nearest one below it', () => {
    const small = termsOf(1, FRAMEWORK_2025, 'small')
    expect(roleOnPathway('lead-product-manager', small)).toBe('product-manager')
    expect(roleOnPathway('senior-product-manager', small)).toBe('product-manager')
    expect(roleOnPathway('head-of-product', small)).toBe('head-of-product')
    expect(roleOnPathway('lead-product-manager', BUNDLED_TERMS)).toBe('lead-product-manager')
  })

  it('chooses levels near the expected one, the same way every time', () => {
    expect(levelNear('working', 0)).toBe('working')
    expect(levelNear('working', 2)).toBe('practitioner')
    expect(levelNear('working', 4)).toBe('awareness')
    expect(levelNear('expert', 2)).toBe('expert')
    expect(levelNear('awareness', 4)).toBe('awareness')
  })
})

describe.each(DIALECTS)('the worked example on %s', dialect => {
  let t: TestServices
  let actor: { id: string; name: string }
  let realPerson: { id: string }
  let realThing: Product
  /** One real record of each kind the example also makes, beside it: removing the example keeps them. */
  const real = { objective: '', insight: '', idea: '', quarter: '', area: '' }

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    actor = await installOrganisation(t)
    realPerson = await insertUser(t.db, { name: 'Rhiannon Real', email: 'rhiannon@example.gov.uk' })
    realThing = await t.services.products.create(actor, {
      kind: 'service',
      name: 'Pay a parking fine',
      purpose: 'Drivers pay a fine online',
      ownerId: null,
      team: 'Parking',
      group: 'Streets',
      area: 'Transport',
      parentId: null,
      uses: [],
      phase: 'live',
      stage: 'maturity',
    })
    await t.services.documents.save(
      actor,
      { id: realThing.id, name: 'Pay a parking fine' },
      problemStatement,
      {
        problem: 'Fines are paid late',
        who: '',
        impact: '',
        evidence: '',
      },
      0,
    )
    const { metrics, objectives, insight, portfolio, open, products } = t.services
    const metric = await metrics.create(actor, realThing, {
      name: 'Fines paid on time',
      definition: 'Fines paid within 14 days, as a share of fines issued',
      unit: '%',
      direction: 'higher',
      baseline: 60,
      target: 80,
      targetDate: null,
    })
    const org = await objectives.resolveScope({ level: 'organisation' })
    real.objective = (
      await objectives.create(actor, org, objectives.currentQuarter(), {
        title: 'Drivers pay on time',
        description: '',
        parentId: null,
        metricIds: [metric.id],
        itemIds: [],
      })
    ).id
    const evidence = {
      title: 'Drivers miss the letter',
      kind: 'support' as const,
      source: 'Parking calls',
      observedOn: metrics.today(),
      evidence: 'Many said the letter came late.',
    }
    real.insight = await insight.add(actor, evidence, [{ productId: realThing.id, itemId: null }])
    real.idea = await insight.addIdea(actor, { title: 'Send a text', description: '', itemId: null }, [real.insight])
    // A quarter the example would record: it is left as the leadership team recorded it.
    real.quarter = addQuarters(portfolio.currentQuarter(), -3)
    const one = { planned: 1, done: 1 }
    await portfolio.saveQuarter(
      actor,
      real.quarter,
      { counts: { relationships: one, products: one, dysfunction: one, innovation: one }, note: 'Ours' },
      0,
    )
    real.area = (await products.strategyFor(actor, { scope: 'area', area: 'Transport' })).id
    await open.publish(actor, realThing, new Map(), 0)
  })
  afterAll(() => t.close())

  const nothingWider = { objectives: 0, insight: 0, ideas: 0, quarters: 0, strategies: 0 }

  /** Rows in each table named. */
  const rows = async (tables: readonly string[]) =>
    Object.fromEntries(
      await Promise.all(
        tables.map(
          async table =>
            [
              table,
              Number(
                (
                  await t.db
                    .selectFrom(table as 'goals')
                    .select(eb => eb.fn.countAll().as('n'))
                    .executeTakeFirstOrThrow()
                ).n,
              ),
            ] as const,
        ),
      ),
    )

  it('is not loaded at first', async () => {
    expect(await t.services.example.status()).toEqual({
      loaded: false,
      people: 0,
      things: {},
      thingCount: 0,
      ...nothingWider,
    })
  })

  // How long it takes is the benchmark's to measure (bench/products.ts loads it), not a test's.
  it('loads people, things with strategies, check-ins and plans', { timeout: LOADING_TIMEOUT }, async () => {
    const { example, people, products, documents, pathway } = t.services
    const summary = await example.load(actor)

    expect(summary.people).toBe(50)
    expect(summary.things).toBe(EXAMPLE_THINGS.length)
    expect(summary.documents).toBeGreaterThanOrEqual(40)
    expect(summary.checkins.agreed).toBeGreaterThanOrEqual(15)
    expect(summary.checkins.submitted).toBeGreaterThan(0)
    expect(summary.checkins.draft).toBeGreaterThan(0)
    expect(summary.goals).toBeGreaterThan(5)

    const status = await example.status()
    expect(status).toMatchObject({ loaded: true, people: 50, thingCount: EXAMPLE_THINGS.length })
    expect(status.things).toMatchObject({ service: 6, feature: 4, capability: 1, technology: 1, data: 1 })

    // The people: invited accounts with profiles, in a tree, in two areas.
    const all = (await people.list({ withProfileOnly: true })).filter(p => p.email.endsWith('@example.invalid'))
    expect(all).toHaveLength(50)
    expect(all.every(p => p.accountStatus === 'invited')).toBe(true)
    expect(new Set(all.map(p => p.businessArea).filter(Boolean))).toEqual(
      new Set(['Licensing and permits', 'Grants and support']),
    )
    expect(all.filter(p => p.lineManagerId === null).map(p => p.name)).toEqual(['Nadia Okafor'])
    const freya = all.find(p => p.name === 'Freya Scott')
    expect(freya).toMatchObject({ lineManagerName: 'Ellie Watson', associateOfName: 'Aisha Rahman' })

    // Agreed levels exist.
    const ellie = all.find(p => p.name === 'Ellie Watson')
    expect((await pathway.currentLevels(ellie?.id ?? '')).size).toBeGreaterThan(0)
    expect((await pathway.openCheckin(all.find(p => p.name === 'Hannah Price')?.id ?? ''))?.status).toBe('submitted')

    // The things: marked as examples, with owners, links and documents.
    const page = await products.list({ q: 'street trading' }, 1)
    const service = page.items.find(p => p.name === 'Apply for a street trading licence')
    expect(service).toMatchObject({ example: true, ownerName: 'Ellie Watson', phase: 'beta', stage: 'growth' })
    const links = await products.links(service?.id ?? '')
    expect(links.features.map(f => f.name).sort()).toEqual(['Pay the licence fee', 'Renew a street trading licence'])
    expect(links.uses.map(u => u.name).sort()).toEqual(['Online payments', 'Registered business address'])
    const canvas = await documents.get(service?.id ?? '', valuePropositionCanvas)
    const fit = fitOf(canvas.content)
    expect(fit.painsAnswered).toBe(fit.pains.length)
    expect(fit.unlinked).toEqual([])
    const members = await products.members(service?.id ?? '')
    expect(members.filter(m => m.layer === 'core').map(m => m.personId)).toContain(ellie?.id)
  })

  it('gives every service a whole strategy, through the parts’ own services', async () => {
    const { products, metrics, roadmap, hypotheses, prioritisation, decisions, reviews, assessments, health } =
      t.services
    const today = metrics.today()
    const services = (await products.list({ kind: 'service' }, 1)).items.filter(p => p.example)
    expect(services).toHaveLength(6)
    const byName = new Map(services.map(p => [p.name, p]))
    const idOf = (name: string) => byName.get(name)?.id ?? ''

    for (const service of services) {
      const at = (what: string) => `${service.name}: ${what}`
      const board = await roadmap.board(service.id)
      expect(Object.values(board.columns).flat().length, at('open items')).toBeGreaterThan(0)
      const summaries = await metrics.summaries(service.id)
      expect(summaries.length, at('metrics')).toBeGreaterThanOrEqual(3)
      for (const { metric } of summaries) {
        const measured = (await metrics.measurements(metric.id)).map(m => m.measuredOn).sort()
        expect(measured.length, at(metric.name)).toBeGreaterThanOrEqual(7)
        // About six months up to a few days ago.
        expect(daysBetween(measured[0] ?? today, today), at(metric.name)).toBeGreaterThanOrEqual(170)
        expect(daysBetween(measured.at(-1) ?? '', today), at(metric.name)).toBeLessThan(10)
      }
      const tests = await hypotheses.list(service.id)
      expect(
        tests.some(h => h.result !== null),
        at('a hypothesis with a result'),
      ).toBe(true)
      expect((await prioritisation.options(service.id)).length, at('options')).toBeGreaterThanOrEqual(3)
      expect((await decisions.list(service.id)).length, at('decisions')).toBeGreaterThan(0)
      expect((await reviews.list(service.id)).length, at('reviews')).toBeGreaterThan(0)
    }

    // The street trading service: KPIs on and off target, a passed hypothesis kept, every way of
    // scoring an option, a reasoned no revisited, and reviews with the decisions taken at them.
    const trading = idOf('Apply for a street trading licence')
    const kpis = await metrics.summaries(trading)
    expect(kpis.map(k => k.metric.name)).toEqual(
      expect.arrayContaining(['Cost per transaction', 'User satisfaction', 'Completion rate', 'Digital take-up']),
    )
    expect(new Set(kpis.map(k => k.status))).toEqual(new Set(['on-target', 'off-target']))
    const board = await roadmap.board(trading)
    expect(board.columns.now.map(i => i.problem)).toContain('Card payments fail for some traders who use older phones.')
    expect(board.closed.map(i => i.status)).toEqual(['done'])
    const moved = board.columns.now.find(i => i.problem.startsWith('Card payments'))
    expect((await roadmap.history(moved?.id ?? '')).map(e => e.title)).toContain('Moved from Next to Now')
    const passed = (await hypotheses.list(trading)).find(h => h.result === 'passed')
    expect(passed).toMatchObject({ decision: 'keep', metricName: 'Chaser calls a week' })
    const options = await prioritisation.board(trading)
    expect(options.criteria.criteria).toHaveLength(3)
    for (const o of options.options) {
      expect(o.impact, o.title).not.toBeNull()
      expect(o.moscow, o.title).not.toBeNull()
      expect(o.rice, o.title).not.toBeNull()
      expect(Object.keys(o.scores), o.title).toHaveLength(3)
    }
    expect(options.quarters).toHaveLength(3)
    expect(options.quarters.map(q => q.quarter)).toContain(prioritisation.currentQuarter())
    const chosen = (await decisions.list(trading)).filter(d => d.optionTitle === 'Traders choose their own pitch')
    const no = chosen.find(d => d.outcome === 'no')
    expect(no?.revisitedById).toBe(chosen.find(d => d.outcome === 'yes')?.id)
    const tradingReviews = await reviews.list(trading)
    expect(tradingReviews.map(r => r.decisionCount)).toEqual([2, 1])
    expect((await reviews.get(trading, tradingReviews[0]?.id ?? '')).attendees.map(a => a.name)).toContain(
      'Ellie Watson',
    )

    // Business support: a hypothesis that failed, and its roadmap item dropped.
    const support = idOf('Find business support near you')
    const failed = (await hypotheses.list(support)).find(h => h.result === 'failed')
    expect(failed?.decision).toBe('drop')
    expect((await roadmap.get(support, failed?.roadmapItemId ?? '')).status).toBe('dropped')

    // Home heating costs: no review for more than 90 days, so its flag shows.
    const heating = idOf('Get help with home heating costs')
    expect(reviewDue(await reviews.lastHeldOn(heating), today).due).toBe(true)
    for (const other of services.filter(p => p.id !== heating))
      expect(reviewDue(await reviews.lastHeldOn(other.id), today).due, other.name).toBe(false)

    // Register a food business: trying new ideas squeezed out two quarters running, and only there.
    const starved = await Promise.all(
      services.map(
        async p => [p.name, currentStarvedRuns(await prioritisation.quarters(p.id)).map(r => r.workClass)] as const,
      ),
    )
    expect(starved.filter(([, runs]) => runs.length > 0)).toEqual([['Register a food business', ['innovation']]])

    // The community energy grant, in alpha: an end of alpha assessment partly done, and a closed
    // health check round with results, then a round still open.
    const energy = idOf('Apply for a community energy grant')
    const [assessment] = await assessments.list(energy)
    expect(assessment?.stage).toBe('end-of-alpha')
    const statuses = assessment?.points.map(p => p.status) ?? []
    expect(statuses).toContain('met')
    expect(statuses).toContain('partly-met')
    expect(statuses).toContain('not-started')
    expect(assessment?.points[5]?.evidence).toEqual(['team-onion', 'health'])
    const rounds = await health.results(energy)
    const closed = rounds.find(r => r.round.status === 'closed')
    expect(closed?.round.respondents).toBe(4)
    expect(closed?.averages).toMatchObject({ trust: 4, accountability: 2.8 })
    expect(rounds.find(r => r.round.status === 'open')?.averages).toBeNull()

    // Every part's tables have rows.
    for (const [table, n] of Object.entries(await rows(PART_TABLES))) expect(n, table).toBeGreaterThan(0)
  })

  it('sets this quarter’s objectives at every level, whose progress shows from the measurements', async () => {
    const { objectives, products } = t.services
    const set = await objectives.quarter(objectives.currentQuarter())
    const mine = set.objectives.filter(o => o.id !== real.objective)
    expect(mine).toHaveLength(EXAMPLE_OBJECTIVES.length)
    const levels = mine.map(o => o.level)
    expect(levels.filter(l => l === 'organisation')).toHaveLength(1)
    expect(levels.filter(l => l === 'area')).toHaveLength(2)
    expect(levels.filter(l => l === 'group').length).toBeGreaterThanOrEqual(2)
    expect(levels.filter(l => l === 'thing').length).toBeGreaterThanOrEqual(3)
    // Each supports the one a level up, up to the organisation's.
    const byId = new Map(mine.map(o => [o.id, o]))
    const org = mine.find(o => o.level === 'organisation')
    for (const o of mine) {
      if (o.level === 'organisation') {
        expect(o.parentId).toBeNull()
        continue
      }
      let at = o
      for (let hops = 0; at.parentId !== null && hops < 4; hops++) at = byId.get(at.parentId) ?? at
      expect(at.id, o.title).toBe(org?.id)
    }
    // Key results are the services' own metrics, measured: every objective shows progress.
    for (const o of mine) {
      expect(o.metricIds.length, o.title).toBeGreaterThan(0)
      for (const id of o.metricIds) expect(set.standings.get(id)?.latest, o.title).not.toBeNull()
      const { progress, measured, total } = objectiveProgress(o.metricIds, set.standings)
      expect(measured, o.title).toBe(total)
      expect(progress, o.title).not.toBeNull()
    }
    // Roadmap items serve the area's and the services' objectives.
    expect(mine.filter(o => o.itemIds.length > 0).length).toBeGreaterThanOrEqual(4)
    const trading = (await products.list({ q: 'street trading' }, 1)).items.find(
      p => p.name === 'Apply for a street trading licence',
    )
    expect((await objectives.forThing(trading?.id ?? '')).objectives.map(o => o.title)).toEqual([
      'Traders can see where their application has got to',
    ])
  })

  it('adds insight of every kind, tagged to problems on roadmaps, and ideas built on it', async () => {
    const { insight, products, roadmap } = t.services
    const backlog = await insight.backlog({}, 1)
    const mine = backlog.items.filter(i => i.id !== real.insight)
    expect(mine).toHaveLength(EXAMPLE_INSIGHT.length)
    expect(new Set(mine.map(i => i.kind))).toEqual(new Set(['research', 'feedback', 'support', 'analytics']))
    for (const i of mine) {
      expect(i.source, i.title).not.toBe('')
      expect(i.evidence, i.title).not.toBe('')
      expect(i.things.length, i.title).toBeGreaterThan(0)
    }
    // "What do we know about this problem?" on a roadmap item.
    const trading = (await products.list({ q: 'street trading' }, 1)).items.find(
      p => p.name === 'Apply for a street trading licence',
    )
    const where = (await roadmap.board(trading?.id ?? '')).columns.now.find(i =>
      i.problem.startsWith('Traders do not know where'),
    )
    const known = await insight.aboutProblem(where?.id ?? '')
    expect(known.insight.map(i => i.kind).sort()).toEqual(['research', 'support'])
    expect(known.ideas).toEqual([
      expect.objectContaining({ title: 'Tell traders what happens next, and when', insightCount: 2 }),
    ])
    const ideas = (await insight.ideas(1)).items.filter(i => i.id !== real.idea)
    expect(ideas).toHaveLength(3)
    for (const idea of ideas) {
      expect(idea.insight.length, idea.title).toBeGreaterThan(0)
      expect(idea.problem, idea.title).not.toBeNull()
    }
  })

  it('records the leadership team’s balance, with a class starved, and leaves a quarter already recorded', async () => {
    const { portfolio } = t.services
    const current = portfolio.currentQuarter()
    const quarters = await portfolio.quarters()
    expect(quarters.map(q => q.quarter)).toEqual([0, 1, 2, 3].map(n => addQuarters(current, -n)))
    expect(quarters.find(q => q.quarter === real.quarter)?.note).toBe('Ours')
    const view = balanceView(quarters, current)
    expect(view.currentRecorded).toBe(true)
    expect(view.warnings.length).toBeGreaterThan(0)
    expect(view.warnings.every(w => w.startsWith('Organisational innovation'))).toBe(true)
    expect(view.quarters[0]?.cells.filter(c => c.run).map(c => c.label)).toEqual(['Organisational innovation'])
    expect(PORTFOLIO_CLASSES).toContain('innovation')
  })

  it('starts the strategies of both areas and the organisation, with a problem statement and a roadmap', async () => {
    const { products, documents, roadmap } = t.services
    for (const which of [
      { scope: 'organisation' as const },
      { scope: 'area' as const, area: 'Licensing and permits' },
      { scope: 'area' as const, area: 'Grants and support' },
    ]) {
      const record = await products.findStrategy(which)
      expect(record?.example, JSON.stringify(which)).toBe(true)
      expect((await documents.get(record?.id ?? '', problemStatement)).version).toBe(1)
      const board = await roadmap.board(record?.id ?? '')
      expect(Object.values(board.columns).flat().length).toBeGreaterThanOrEqual(3)
    }
    // The real area's strategy is untouched.
    expect((await documents.get(real.area, problemStatement)).version).toBe(0)
  })

  it('publishes a service in the open with a part held back and why, and holds a visitor’s feedback', async () => {
    const { open, insight } = t.services
    const pages = await open.publicPages()
    const page = pages.find(p => p.snapshot.content.name === 'Apply for a street trading licence')
    expect(page?.snapshot.withheld).toEqual([
      expect.objectContaining({
        label: 'Business model canvas: Cost structure',
        reason: expect.stringMatching(/commercially sensitive/),
      }),
      ...['Core team', 'Collaborators', 'Supporters'].map(layer =>
        expect.objectContaining({ label: `Team onion: ${layer}`, reason: expect.stringMatching(/names colleagues/) }),
      ),
    ])
    // Nobody on the team is named in public.
    expect(JSON.stringify(page?.snapshot.content)).not.toContain('Ellie')
    const groups = page?.snapshot.content.groups.map(g => g.name) ?? []
    expect(groups).toEqual(expect.arrayContaining(['Problem statement', 'Roadmap']))
    expect((await open.page(page?.slug ?? '')).snapshot.number).toBe(1)
    const held = await insight.moderationQueue()
    expect(held).toEqual([
      expect.objectContaining({
        origin: 'public',
        productName: 'Apply for a street trading licence',
        problem: 'Traders do not know where their application has got to, so they phone the office to ask.',
      }),
    ])
  })

  it('refuses to load twice', async () => {
    await expect(t.services.example.load(actor)).rejects.toThrow(ExampleRefusedError)
    await expect(t.services.example.load(actor)).rejects.toThrow(/already loaded/)
  })

  it('removes every example thing and person, and nothing else', async () => {
    const { example, people, products, documents, accounts, insight, objectives, portfolio, open } = t.services
    // Real insight tagged to an example thing loses only that tag.
    const trading = (await products.list({ q: 'street trading' }, 1)).items.find(
      p => p.name === 'Apply for a street trading licence',
    )
    const beside = await insight.add(
      actor,
      { title: 'A real finding', kind: 'research', source: 'Our own', observedOn: '2026-11-01', evidence: 'Seen' },
      [
        { productId: trading?.id ?? '', itemId: null },
        { productId: realThing.id, itemId: null },
      ],
    )
    // A quarter the example recorded becomes the leadership team's once someone saves it.
    const current = portfolio.currentQuarter()
    const { record } = await portfolio.quarter(current)
    if (!record) throw new Error('The example recorded no current quarter')
    await portfolio.saveQuarter(
      actor,
      current,
      { counts: record.counts, note: 'Checked by the real team' },
      record.version,
    )
    const removed = await example.remove(actor)
    expect(removed).toEqual({
      people: 50,
      things: EXAMPLE_THINGS.length,
      objectives: EXAMPLE_OBJECTIVES.length,
      insight: EXAMPLE_INSIGHT.length + 1,
      ideas: 3,
      quarters: 2,
      strategies: 3,
    })
    expect(await example.status()).toEqual({ loaded: false, people: 0, things: {}, thingCount: 0, ...nothingWider })
    // The real objective, insight, idea, quarter, area strategy and publication stay.
    expect((await objectives.quarter(objectives.currentQuarter())).objectives.map(o => o.id)).toEqual([real.objective])
    expect((await insight.backlog({}, 1)).items.map(i => i.id).sort()).toEqual([real.insight, beside].sort())
    expect((await insight.get(beside)).things.map(x => x.productName)).toEqual(['Pay a parking fine'])
    expect((await insight.ideas(1)).items.map(i => i.id)).toEqual([real.idea])
    expect(await insight.moderationQueue()).toEqual([])
    expect((await portfolio.quarters()).map(q => q.quarter)).toEqual([current, real.quarter])
    expect(await products.findStrategy({ scope: 'organisation' })).toBeUndefined()
    expect((await products.findStrategy({ scope: 'area', area: 'Transport' }))?.id).toBe(real.area)
    expect((await open.publicPages()).map(p => p.snapshot.content.name)).toEqual(['Pay a parking fine'])
    expect((await people.list()).some(p => p.email.endsWith('@example.invalid'))).toBe(false)
    const left = await products.list({}, 1)
    expect(left.items.map(p => p.name)).toEqual(['Pay a parking fine'])
    expect((await documents.get(realThing.id, problemStatement)).version).toBe(1)
    expect((await accounts.get(realPerson.id)).name).toBe('Rhiannon Real')
    // Their check-ins, goals and history went with them.
    expect(
      await rows([
        'checkins',
        'checkin_ratings',
        'goals',
        'person_history',
        'people',
        'product_members',
        'strategy_documents',
      ]),
    ).toEqual({
      checkins: 0,
      checkin_ratings: 0,
      goals: 0,
      person_history: 0,
      people: 0,
      product_members: 0,
      strategy_documents: 1,
    })
    // So did every part of their things' strategies (the real thing's one metric stays).
    expect(await rows(PART_TABLES)).toEqual(
      Object.fromEntries(PART_TABLES.map(table => [table, table === 'product_metrics' ? 1 : 0])),
    )
    for (const action of [
      'product.example-removed',
      'people.example-removed',
      'objective.example-removed',
      'insight.example-removed',
      'portfolio.example-removed',
    ])
      expect((await t.services.audit.list({ action }, 1)).total, action).toBe(1)
  })

  it(
    'can be loaded again once removed, leaving a strategy someone has started alone',
    { timeout: LOADING_TIMEOUT },
    async () => {
      const { example, products, documents } = t.services
      const theirs = await products.strategyFor(actor, { scope: 'organisation' })
      const summary = await example.load(actor)
      // Two quarters are the leadership team's own now: the example records only the other two.
      expect(summary).toMatchObject({ people: 50, strategies: 2, quarters: 2, published: 1 })
      expect((await documents.get(theirs.id, problemStatement)).version).toBe(0)
      await example.remove(actor)
      expect((await products.findStrategy({ scope: 'organisation' }))?.id).toBe(theirs.id)
      expect((await example.status()).loaded).toBe(false)
    },
  )
})

describe('the worked example before set-up', () => {
  it('is refused with a clear message', async () => {
    const t = await buildTestServices()
    try {
      await expect(t.services.example.load({ id: null, name: 'Someone' })).rejects.toThrow(
        'Set Valuekit up before loading the worked example',
      )
    } finally {
      await t.close()
    }
  })
})
