// The objectives service on both engines: objectives at each level, key results only from the
// metrics in scope, one level up only, history and audit (a thing's against the thing, so its
// strategy page's key changes), a stale save refused, a removal all-or-nothing, and the standings
// products' services give for key results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../test/build-test-services.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import { StaleVersionError, ValidationError } from '../platform/errors.ts'
import type { Metric } from '../products/metrics/metrics.types.ts'
import type { Product } from '../products/products.types.ts'
import { ObjectivesRepository } from './objectives.repository.ts'
import type { NamedScope } from './objectives.types.ts'

describe.each(DIALECTS)('objectives on %s', dialect => {
  let t: TestServices
  let renew: Product
  let grants: Product
  let completion: Metric
  let calls: Metric
  let grantsMetric: Metric
  let itemId: string
  const Q = '2026-Q4'
  const thingScope = (p: Product): NamedScope => ({
    level: 'thing',
    area: p.area,
    group: p.group,
    productId: p.id,
    name: p.name,
  })
  const areaScope: NamedScope = { level: 'area', area: 'Licensing', group: '', productId: null, name: 'Licensing' }
  const orgScope: NamedScope = { level: 'organisation', area: '', group: '', productId: null, name: 'The organisation' }

  beforeAll(async () => {
    // A clock that moves on a second each time it is read, so history has an order.
    let tick = 0
    t = await buildTestServices({
      dialect,
      clock: () => new Date(Date.parse('2026-12-07T10:00:00.000Z') + 1000 * tick++),
    })
    const { products, metrics, roadmap } = t.services
    const add = (name: string, area: string, group: string) =>
      products.create(SYSTEM_ACTOR, {
        kind: 'service',
        name,
        purpose: 'For the tests',
        ownerId: null,
        team: '',
        group,
        area,
        parentId: null,
        uses: [],
        phase: 'beta',
        stage: 'growth',
      })
    renew = await add('Renew a licence', 'Licensing', '')
    grants = await add('Apply for a grant', 'Grants', 'Farming')
    const metricOf = (p: Product, name: string, direction: 'higher' | 'lower', baseline: number, target: number) =>
      metrics.create(SYSTEM_ACTOR, p, {
        name,
        definition: '',
        unit: '%',
        direction,
        baseline,
        target,
        targetDate: null,
      })
    completion = await metricOf(renew, 'Completion rate', 'higher', 60, 80)
    calls = await metricOf(renew, 'Calls per renewal', 'lower', 20, 10)
    grantsMetric = await metricOf(grants, 'Digital take-up', 'higher', 40, 60)
    await metrics.addMeasurements(SYSTEM_ACTOR, renew, completion, [
      { measuredOn: '2026-10-01', value: 62, note: '' },
      { measuredOn: '2026-11-01', value: 70, note: '' },
    ])
    itemId = (
      await roadmap.add(SYSTEM_ACTOR, renew, { column: 'now', problem: 'Payment fails', outcome: '', metricId: null })
    ).id
  })
  afterAll(() => t?.close())

  it('gives each metric’s first and latest measurement through the metrics service', async () => {
    const standings = await t.services.metrics.standings([completion.id, calls.id, 'unknown'])
    const byId = new Map(standings.map(s => [s.metric.id, s]))
    expect(byId.get(completion.id)?.first?.value).toBe(62)
    expect(byId.get(completion.id)?.latest?.value).toBe(70)
    expect(byId.get(calls.id)?.latest).toBeNull()
    expect(byId.has('unknown')).toBe(false)
  })

  it('offers only the metrics and roadmap items of the things in scope', async () => {
    const { objectives } = t.services
    const forThing = await objectives.choices(thingScope(renew), Q)
    expect(forThing.metrics.map(m => m.metric.name).sort()).toEqual(['Calls per renewal', 'Completion rate'])
    expect(forThing.items.map(i => i.item.id)).toEqual([itemId])
    expect(forThing.parentScope?.level).toBe('area')
    const forOrg = await objectives.choices(orgScope, Q)
    expect(forOrg.metrics).toHaveLength(3)
    expect(forOrg.parentScope).toBeNull()
    await expect(
      objectives.create(SYSTEM_ACTOR, thingScope(renew), Q, {
        title: 'Borrowed metric',
        description: '',
        parentId: null,
        metricIds: [grantsMetric.id],
        itemIds: [],
      }),
    ).rejects.toBeInstanceOf(ValidationError)
  })

  it('sets objectives a level apart, keeps history, and audits a thing’s against the thing', async () => {
    const { objectives, audit, products } = t.services
    const before = await products.strategyVersion(renew)
    const area = await objectives.create(SYSTEM_ACTOR, areaScope, Q, {
      title: 'Licences are quick',
      description: '',
      parentId: null,
      metricIds: [completion.id],
      itemIds: [],
    })
    const thing = await objectives.create(SYSTEM_ACTOR, thingScope(renew), Q, {
      title: 'Renew online',
      description: 'Without calling',
      parentId: area.id,
      metricIds: [completion.id, calls.id],
      itemIds: [itemId],
    })
    expect(thing).toMatchObject({ level: 'thing', area: 'Licensing', productId: renew.id, parentId: area.id })
    expect(thing.metricIds).toEqual([completion.id, calls.id])
    expect(await products.strategyVersion(renew)).not.toBe(before)
    const { events } = await audit.list({ action: 'objective.set' }, 1)
    expect(events.find(e => e.subjectId === renew.id)?.subjectType).toBe('product')
    expect(events.find(e => e.subjectId === area.id)?.subjectType).toBe('objective')

    // An objective may support only one a level up, in the same quarter.
    await expect(
      objectives.create(SYSTEM_ACTOR, orgScope, Q, {
        title: 'Supports downwards',
        description: '',
        parentId: thing.id,
        metricIds: [completion.id],
        itemIds: [],
      }),
    ).rejects.toBeInstanceOf(ValidationError)

    await objectives.update(SYSTEM_ACTOR, thing, { ...thing, title: 'Renew online first', metricIds: [calls.id] }, 1)
    const detail = await objectives.detail(thing.id)
    expect(detail.objective.title).toBe('Renew online first')
    expect(detail.parent?.id).toBe(area.id)
    expect(detail.history.map(h => h.title)).toEqual(['Changed the title and the key results', 'Set the objective'])
    expect(detail.history[0]?.note).toContain('The title was: Renew online')
    expect(detail.history[0]?.note).toContain('Removed key results: Completion rate')
    expect(detail.items.map(i => i.thingName)).toEqual(['Renew a licence'])

    await expect(objectives.update(SYSTEM_ACTOR, thing, { ...thing, title: 'Too late' }, 1)).rejects.toBeInstanceOf(
      StaleVersionError,
    )

    const set = await objectives.quarter(Q)
    expect(set.objectives.map(o => o.title).sort()).toEqual(['Licences are quick', 'Renew online first'])
    expect(set.standings.get(completion.id)?.latest?.value).toBe(70)
    expect(set.thingNames.get(renew.id)).toBe('Renew a licence')
  })

  it('removes an objective all or nothing, leaving those that supported it', async () => {
    const { objectives } = t.services
    const area = (await objectives.quarter(Q)).objectives.find(o => o.level === 'area')
    if (!area) throw new Error('No area objective')
    await objectives.delete(SYSTEM_ACTOR, area)
    await expect(objectives.get(area.id)).rejects.toThrow('No such objective')
    const child = (await objectives.forThing(renew.id)).objectives[0]
    expect(child?.parentId).toBeNull()
    expect(child?.version).toBe(3)
    expect((await objectives.detail(child?.id ?? '')).history[0]?.title).toBe('No longer supports an objective')
  })
})

describe.each(DIALECTS)('the objectives repository on %s', dialect => {
  let t: TestServices
  const repo = new ObjectivesRepository()
  afterAll(() => t?.close())

  it('keeps key results in order, replaces links on a versioned save, and filters by scope', async () => {
    t = await buildTestServices({ dialect })
    const { products, metrics } = t.services
    const p = await products.create(SYSTEM_ACTOR, {
      kind: 'service',
      name: 'Pay a fine',
      purpose: 'x',
      ownerId: null,
      team: '',
      group: 'Fines',
      area: 'Courts',
      parentId: null,
      uses: [],
      phase: 'live',
      stage: 'maturity',
    })
    const m = await Promise.all(
      ['A', 'B', 'C'].map(name =>
        metrics.create(SYSTEM_ACTOR, p, {
          name,
          definition: '',
          unit: '',
          direction: 'higher',
          baseline: null,
          target: null,
          targetDate: null,
        }),
      ),
    )
    const ids = m.map(x => x.id)
    const db = t.db
    const scope = { level: 'group' as const, area: 'Courts', group: 'Fines', productId: null }
    const input = { title: 'T', description: '', parentId: null, metricIds: [ids[2] ?? '', ids[0] ?? ''], itemIds: [] }
    await repo.insert(db, { id: 'o1', quarter: '2027-Q1', scope, input, at: '2026-12-01T00:00:00.000Z', byName: 'A' })
    expect((await repo.find(db, 'o1'))?.metricIds).toEqual([ids[2], ids[0]])
    expect(
      await repo.update(db, 'o1', { ...input, metricIds: [ids[1] ?? ''] }, 1, '2026-12-02T00:00:00.000Z', 'B'),
    ).toBe(true)
    expect(await repo.update(db, 'o1', input, 1, '2026-12-02T00:00:00.000Z', 'B')).toBe(false)
    const found = await repo.find(db, 'o1')
    expect(found).toMatchObject({ version: 2, metricIds: [ids[1]], updatedByName: 'B', group: 'Fines' })
    expect(await repo.list(db, { scope })).toHaveLength(1)
    expect(await repo.list(db, { scope: { ...scope, group: 'Other' } })).toHaveLength(0)
    expect(await repo.list(db, { quarter: '2026-Q4' })).toHaveLength(0)
    // A metric removed with its thing takes its key results with it.
    await products.delete(SYSTEM_ACTOR, p)
    expect((await repo.find(db, 'o1'))?.metricIds).toEqual([])
  })
})
