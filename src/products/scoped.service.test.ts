// Strategy records of areas and the organisation, on both engines: one per area and one for the
// organisation however often (or however many at once) they are opened, only for areas that
// exist, audited when started, never counted, listed or linked as things, with the strategy
// service's flags and parts fitting a strategy that is not a thing's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation, type TestServices } from '../../test/build-test-services.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { NotFoundError } from '../platform/errors.ts'
import { documentKind } from './kinds/index.ts'
import type { NewProduct } from './products.types.ts'
import { strategyFlags, strategyParts } from './strategy.ts'

const thing: NewProduct = {
  kind: 'service',
  name: 'Fishing licences',
  purpose: 'Anglers get a licence online',
  ownerId: null,
  team: '',
  group: 'Outdoors',
  area: 'Licensing',
  parentId: null,
  uses: [],
  phase: 'alpha',
  stage: 'introduction',
}

describe.each(DIALECTS)('strategies of areas and the organisation on %s', dialect => {
  let t: TestServices
  let actor: { id: string; name: string }

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    actor = await installOrganisation(t)
    await t.services.products.create(actor, thing)
  })
  afterAll(() => t.close())

  it('starts one record per area and one for the organisation, even when opened at once', async () => {
    const { products } = t.services
    const [a, b] = await Promise.all([
      products.strategyFor(actor, { scope: 'area', area: 'Licensing' }),
      products.strategyFor(actor, { scope: 'area', area: 'Licensing' }),
    ])
    expect(a.id).toBe(b.id)
    expect(a).toMatchObject({
      scope: 'area',
      area: 'Licensing',
      name: 'Strategy for the Licensing area',
      ownerId: null,
    })
    const org = await products.strategyFor(actor, { scope: 'organisation' })
    expect(org).toMatchObject({ scope: 'organisation', area: '' })
    expect((await products.strategyFor(actor, { scope: 'organisation' })).id).toBe(org.id)
    expect(await t.services.audit.lastChange('product', a.id)).not.toBe(
      await t.services.audit.lastChange('product', 'x'),
    )
  })

  it('refuses an area nobody is in and no thing names', async () => {
    await expect(t.services.products.strategyFor(actor, { scope: 'area', area: 'Atlantis' })).rejects.toBeInstanceOf(
      NotFoundError,
    )
  })

  it('keeps strategy records out of everything that lists, counts or links things', async () => {
    const { products } = t.services
    const area = await products.strategyFor(actor, { scope: 'area', area: 'Licensing' })
    await expect(products.get(area.id)).rejects.toBeInstanceOf(NotFoundError)
    expect((await products.subject(area.id)).id).toBe(area.id)
    const page = await products.list({}, 1)
    expect(page.items.map(p => p.name)).toEqual(['Fishing licences'])
    expect(page.total).toBe(1)
    expect((await products.outline()).map(p => p.name)).toEqual(['Fishing licences'])
    expect((await products.outline({ area: 'Licensing' })).map(p => p.name)).toEqual(['Fishing licences'])
    expect(await products.places()).toEqual([{ area: 'Licensing', group: 'Outdoors' }])
    const choices = await products.formChoices()
    expect([...choices.services, ...choices.usable].map(l => l.id)).not.toContain(area.id)
    // Named where its roadmap items are named (insight tags problems by id).
    expect((await products.names([area.id])).get(area.id)).toBe('Strategy for the Licensing area')
    const figures = await t.services.portfolio.figures({ level: 'organisation', area: null, group: null })
    expect(figures.map(f => f.name)).toEqual(['Fishing licences'])
    expect((await t.services.portfolio.places()).reduce((n, p) => n + p.things, 0)).toBe(1)
  })

  it('moves the strategy page’s key when a document is written, and gives flags that fit an area', async () => {
    const { products, documents, strategy } = t.services
    const area = await products.strategyFor(actor, { scope: 'area', area: 'Licensing' })
    const before = await products.strategyVersion(area)
    const problem = documentKind('problem-statement')
    if (!problem) throw new Error('No problem statement kind')
    await documents.save(
      actor,
      area,
      problem,
      { problem: 'Licences are sold in four different ways', who: '', impact: '', evidence: '' },
      0,
    )
    const fresh = await products.subject(area.id)
    expect(await products.strategyVersion(fresh)).not.toBe(before)
    const overview = await strategy.overview(fresh)
    const flags = strategyFlags(fresh, overview).map(f => f.text)
    expect(flags).not.toContain('The name starts with a noun')
    expect(flags).not.toContain('There is no problem statement yet')
    const slugs = strategyParts(fresh, overview).map(p => p.slug)
    expect(slugs).toContain('problem-statement')
    expect(slugs).toContain('roadmap')
    // The objectives set at the area's level, not a thing's; no service assessments.
    expect(slugs).toContain('objectives')
    expect(slugs).not.toContain('assessments')
  })
})
