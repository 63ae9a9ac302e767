// The evidence repository on both engines: packs unique per person and role, skills saved only
// at the version they were read at, shares added once and listed with names, and everything
// removed with the pack or the account.
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDb, DIALECTS, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import { newId } from '../platform/ids.ts'
import { EvidenceRepository } from './evidence.repository.ts'

const repo = new EvidenceRepository()
const star = { situation: 'S', task: 'T', action: 'A', result: 'R' }

describe.each(DIALECTS)('evidence repository on %s', dialect => {
  let testDb: TestDb | undefined
  afterEach(async () => {
    await testDb?.destroy()
    testDb = undefined
  })

  async function setUp() {
    testDb = await createTestDb(dialect)
    const db = testDb.db.kysely
    const owner = await insertUser(db, { name: 'Olu Owner' })
    const reader = await insertUser(db, { name: 'Rae Reader' })
    const other = await insertUser(db, { name: 'Abe Another' })
    const pack = {
      id: newId(),
      personId: owner.id,
      roleSlug: 'senior-product-manager',
      createdAt: '2026-12-01T09:00:00.000Z',
      updatedAt: '2026-12-01T09:00:00.000Z',
    }
    await repo.insertPack(db, pack)
    return { db, owner, reader, other, pack }
  }

  it('keeps one pack per person and role', async () => {
    const { db, owner, pack } = await setUp()
    expect(await repo.find(db, pack.id)).toEqual(pack)
    expect(await repo.findFor(db, owner.id, 'senior-product-manager')).toEqual(pack)
    let error: unknown
    try {
      await repo.insertPack(db, { ...pack, id: newId() })
    } catch (err) {
      error = err
    }
    expect(isUniqueViolation(error)).toBe(true)
    const lead = { ...pack, id: newId(), roleSlug: 'lead-product-manager', updatedAt: '2026-12-02T09:00:00.000Z' }
    await repo.insertPack(db, lead)
    expect((await repo.listFor(db, owner.id)).map(p => p.roleSlug)).toEqual([
      'lead-product-manager',
      'senior-product-manager',
    ])
  })

  it('saves a skill only at the version it was read at, and moves the pack’s date on', async () => {
    const { db, pack } = await setUp()
    await repo.insertSkill(
      db,
      { id: newId(), packId: pack.id, skillSlug: 'product-management', at: '2026-12-02T09:00:00.000Z' },
      { picked: ['c1'], ...star },
    )
    const first = await repo.skill(db, pack.id, 'product-management')
    expect(first).toMatchObject({ picked: ['c1'], ...star, version: 1 })
    const saved = await repo.updateSkill(
      db,
      first?.id ?? '',
      1,
      { picked: [], ...star, result: 'Better' },
      '2026-12-03T09:00:00.000Z',
    )
    expect(saved).toMatchObject({ picked: [], result: 'Better', version: 2 })
    expect(
      await repo.updateSkill(db, first?.id ?? '', 1, { picked: [], ...star }, '2026-12-04T09:00:00.000Z'),
    ).toBeUndefined()
    await repo.touchPack(db, pack.id, '2026-12-03T09:00:00.000Z')
    expect((await repo.find(db, pack.id))?.updatedAt).toBe('2026-12-03T09:00:00.000Z')
    expect((await repo.skills(db, pack.id)).map(s => s.result)).toEqual(['Better'])
  })

  it('shares a pack once with each person, lists who by name, and stops', async () => {
    const { db, pack, reader, other } = await setUp()
    expect(await repo.addShare(db, pack.id, reader.id, '2026-12-02T09:00:00.000Z')).toBe(true)
    expect(await repo.addShare(db, pack.id, reader.id, '2026-12-03T09:00:00.000Z')).toBe(false)
    expect(await repo.addShare(db, pack.id, other.id, '2026-12-04T09:00:00.000Z')).toBe(true)
    expect((await repo.shares(db, pack.id)).map(s => [s.name, s.sharedAt])).toEqual([
      ['Abe Another', '2026-12-04T09:00:00.000Z'],
      ['Rae Reader', '2026-12-02T09:00:00.000Z'],
    ])
    expect(await repo.isSharedWith(db, pack.id, reader.id)).toBe(true)
    expect(await repo.sharedWith(db, reader.id)).toEqual([
      { ...pack, ownerName: 'Olu Owner', sharedAt: '2026-12-02T09:00:00.000Z' },
    ])
    expect(await repo.removeShare(db, pack.id, reader.id)).toBe(true)
    expect(await repo.removeShare(db, pack.id, reader.id)).toBe(false)
    expect(await repo.isSharedWith(db, pack.id, reader.id)).toBe(false)
    expect(await repo.sharedWith(db, reader.id)).toEqual([])
  })

  it('goes with the account of its person', async () => {
    const { db, pack, owner, reader } = await setUp()
    await repo.addShare(db, pack.id, reader.id, '2026-12-02T09:00:00.000Z')
    await repo.insertSkill(
      db,
      { id: newId(), packId: pack.id, skillSlug: 'x', at: pack.createdAt },
      { picked: [], ...star },
    )
    await db.deleteFrom('users').where('id', '=', owner.id).execute()
    expect(await repo.find(db, pack.id)).toBeNull()
    expect(await repo.skills(db, pack.id)).toEqual([])
    expect(await repo.sharedWith(db, reader.id)).toEqual([])
  })
})
