// The worked example on both engines: loading makes about fifty people in a management tree, a
// dozen things with full strategies, check-ins at every stage and development plans; loading
// twice is refused; removing takes away every example record and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation, type TestServices } from '../../test/build-test-services.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { BUNDLED_TERMS, termsOf } from '../framework/framework.terms.ts'
import { FRAMEWORK_2025 } from '../framework/framework.bundled.ts'
import { readPeopleCsv } from '../people/people.import.ts'
import { problemStatement } from '../products/kinds/problem-statement/problem-statement.kind.ts'
import {
  fitOf,
  valuePropositionCanvas,
} from '../products/kinds/value-proposition-canvas/value-proposition-canvas.kind.ts'
import { EXAMPLE_PEOPLE, EXAMPLE_THINGS } from './example.data.ts'
import { ExampleRefusedError, examplePeopleCsv, exampleEmail, levelNear, roleOnPathway } from './example.service.ts'

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
        expect(Object.keys(thing.strategy).sort(), thing.name).toEqual([
          'businessModel',
          'problemStatement',
          'teamOnion',
          'valueProposition',
          'visionBoard',
        ])
      }
    }
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
  let realThing: { id: string }

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
  })
  afterAll(() => t.close())

  it('is not loaded at first', async () => {
    expect(await t.services.example.status()).toEqual({ loaded: false, people: 0, things: {}, thingCount: 0 })
  })

  it('loads people, things with strategies, check-ins and plans, quickly', async () => {
    const { example, people, products, documents, pathway } = t.services
    const started = performance.now()
    const summary = await example.load(actor)
    const took = performance.now() - started
    if (dialect === 'sqlite') expect(took).toBeLessThan(2000)

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

  it('refuses to load twice', async () => {
    await expect(t.services.example.load(actor)).rejects.toThrow(ExampleRefusedError)
    await expect(t.services.example.load(actor)).rejects.toThrow(/already loaded/)
  })

  it('removes every example thing and person, and nothing else', async () => {
    const { example, people, products, documents, accounts } = t.services
    const removed = await example.remove(actor)
    expect(removed).toEqual({ people: 50, things: EXAMPLE_THINGS.length })
    expect(await example.status()).toEqual({ loaded: false, people: 0, things: {}, thingCount: 0 })
    expect((await people.list()).some(p => p.email.endsWith('@example.invalid'))).toBe(false)
    const left = await products.list({}, 1)
    expect(left.items.map(p => p.name)).toEqual(['Pay a parking fine'])
    expect((await documents.get(realThing.id, problemStatement)).version).toBe(1)
    expect((await accounts.get(realPerson.id)).name).toBe('Rhiannon Real')
    // Their check-ins, goals and history went with them.
    const leftovers = await Promise.all(
      ['checkins', 'checkin_ratings', 'goals', 'person_history', 'people', 'product_members', 'strategy_documents'].map(
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
    )
    expect(Object.fromEntries(leftovers)).toEqual({
      checkins: 0,
      checkin_ratings: 0,
      goals: 0,
      person_history: 0,
      people: 0,
      product_members: 0,
      strategy_documents: 1,
    })
    for (const action of ['product.example-removed', 'people.example-removed'])
      expect((await t.services.audit.list({ action }, 1)).total, action).toBe(1)
  })

  it('can be loaded again once removed', async () => {
    const summary = await t.services.example.load(actor)
    expect(summary.people).toBe(50)
    await t.services.example.remove(actor)
  })
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
