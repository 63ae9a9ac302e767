// The catalogue and documents services on both engines: links and their rules, moves kept with
// their reasons, search that treats wildcards as text, documents versioned with conflicts, and
// the team onion keeping the thing's team in step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation, type TestServices } from '../../test/build-test-services.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { StaleVersionError, ValidationError } from '../platform/errors.ts'
import { documentKind } from './kinds/index.ts'
import type { NewProduct } from './products.types.ts'

const base: NewProduct = {
  kind: 'service',
  name: 'Apply for a fishing licence',
  purpose: 'Anglers get a licence online',
  ownerId: null,
  team: 'Rod and line',
  group: 'Outdoors',
  area: 'Licensing',
  parentId: null,
  uses: [],
  phase: 'alpha',
  stage: 'introduction',
}

describe.each(DIALECTS)('products on %s', dialect => {
  let t: TestServices
  let actor: { id: string; name: string }

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    actor = await installOrganisation(t)
  })
  afterAll(() => t.close())

  it('links a feature to its service and a service to what it uses', async () => {
    const { products } = t.services
    const service = await products.create(actor, base)
    const data = await products.create(actor, {
      ...base,
      kind: 'data',
      name: 'Licence record',
      phase: 'live',
      stage: 'maturity',
    })
    await expect(
      products.create(actor, { ...base, kind: 'feature', name: 'Pay for a licence', parentId: data.id }),
    ).rejects.toThrow(ValidationError)
    const feature = await products.create(actor, {
      ...base,
      kind: 'feature',
      name: 'Pay for a licence',
      parentId: service.id,
    })
    expect(feature.parentName).toBe(service.name)
    await products.update(actor, service, { ...base, uses: [data.id] }, service.version)
    const links = await products.links(service.id)
    expect(links.uses.map(l => l.name)).toEqual(['Licence record'])
    expect(links.features.map(l => l.name)).toEqual(['Pay for a licence'])
    expect((await products.links(data.id)).usedBy.map(l => l.name)).toEqual([service.name])
    // Only services and features use things.
    await expect(
      products.update(actor, data, { ...base, kind: 'data', uses: [data.id] }, data.version),
    ).rejects.toThrow(ValidationError)
  })

  it('keeps every move of phase and stage with its date and reason, and refuses a stale one', async () => {
    const { products } = t.services
    const p = await products.create(actor, { ...base, name: 'Register a boat' })
    await products.move(
      actor,
      p,
      { axis: 'phase', to: 'beta', movedOn: '2026-10-01', reason: 'Passed alpha' },
      p.version,
    )
    await expect(
      products.move(actor, p, { axis: 'stage', to: 'growth', movedOn: '2026-10-02', reason: 'Late' }, p.version),
    ).rejects.toThrow(StaleVersionError)
    const moved = await products.get(p.id)
    expect(moved.phase).toBe('beta')
    const moves = await products.moves(p.id)
    expect(moves.find(m => m.from !== null)).toMatchObject({
      axis: 'phase',
      from: 'alpha',
      to: 'beta',
      reason: 'Passed alpha',
      movedOn: '2026-10-01',
    })
    expect(moves.filter(m => m.from === null)).toHaveLength(2)
  })

  it('searches names word by word, with % and _ as plain text', async () => {
    const { products } = t.services
    await products.create(actor, { ...base, name: 'Get 100% of your refund' })
    await products.create(actor, { ...base, name: 'Get a refund_fast' })
    expect((await products.list({ q: '100%' }, 1)).items.map(p => p.name)).toEqual(['Get 100% of your refund'])
    expect((await products.list({ q: 'refund_' }, 1)).items.map(p => p.name)).toEqual(['Get a refund_fast'])
    expect((await products.list({ q: 'GET refund' }, 1)).total).toBe(2)
    expect((await products.list({ kind: 'data' }, 1)).items.every(p => p.kind === 'data')).toBe(true)
  })

  it('saves documents as versions, detects a lost race, and restores', async () => {
    const { products, documents } = t.services
    const p = await products.create(actor, { ...base, name: 'Renew a rod licence' })
    const kind = documentKind('problem-statement')
    if (!kind) throw new Error('no kind')
    const content = (problem: string) => ({ problem, who: '', impact: '', evidence: '' })
    expect(await documents.save(actor, p, kind, content('First'), 0)).toBe(1)
    expect(await documents.save(actor, p, kind, content('Second'), 1, 'Reworded')).toBe(2)
    const err = await documents.save(actor, p, kind, content('Late'), 1).catch(e => e)
    expect(err).toBeInstanceOf(StaleVersionError)
    expect((err as StaleVersionError<{ version: number }>).latest.version).toBe(2)
    const creating = await documents.save(actor, p, kind, content('Also first'), 0).catch(e => e)
    expect(creating).toBeInstanceOf(StaleVersionError)
    expect(await documents.restore(actor, p, kind, 1, 2)).toBe(3)
    expect((await documents.get(p.id, kind)).content).toMatchObject({ problem: 'First' })
    const versions = await documents.versions(p.id, kind)
    expect(versions.map(v => v.version)).toEqual([3, 2, 1])
    expect(versions[0]?.note).toBe('Restored version 1')
    const compared = await documents.compare(p.id, kind, 1, 2)
    expect(compared.sections.find(s => s.changed)?.heading).toBe('What is the problem?')
  })

  it('keeps the team in step with the core of the team onion', async () => {
    const { products, documents } = t.services
    const p = await products.create(actor, { ...base, name: 'Report a pollution incident' })
    const person = await insertUser(t.db, { name: 'Cora Core' })
    const onion = documentKind('team-onion')
    if (!onion) throw new Error('no kind')
    const member = { id: 'a', personId: person.id, name: person.name, role: '' }
    await documents.save(actor, p, onion, { core: [member], collaborators: [], supporters: [] }, 0)
    expect(await products.members(p.id)).toEqual([{ personId: person.id, layer: 'core' }])
    await documents.save(actor, p, onion, { core: [], collaborators: [], supporters: [member] }, 1)
    expect(await products.members(p.id)).toEqual([{ personId: person.id, layer: 'supporters' }])
  })

  it('removes a thing with its strategy, leaving its features unlinked', async () => {
    const { products, documents } = t.services
    const p = await products.create(actor, { ...base, name: 'Book a river permit' })
    const f = await products.create(actor, { ...base, kind: 'feature', name: 'Choose a river', parentId: p.id })
    const kind = documentKind('vision-board')
    if (!kind) throw new Error('no kind')
    await documents.save(
      actor,
      p,
      kind,
      { vision: 'Fish anywhere', targetGroup: '', needs: '', product: '', businessGoals: '' },
      0,
    )
    await products.delete(actor, p)
    expect((await products.get(f.id)).parentId).toBeNull()
    expect((await documents.get(p.id, kind)).version).toBe(0)
  })
})
