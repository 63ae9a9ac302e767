import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { OrganisationRepository } from './organisation.repository.ts'
import type { OrganisationChanges } from './organisation.types.ts'

const repo = new OrganisationRepository()
const AT = '2026-11-24T10:00:00.000Z'
const LATER = '2026-11-24T11:00:00.000Z'

const details: OrganisationChanges = {
  name: 'Department for Testing',
  logoText: 'DfT Digital',
  brandColour: '#1d70b8',
  pathwayShape: 'enterprise',
  phase: 'beta',
  feedbackUrl: null,
  publicHandbook: false,
}

describe.each(DIALECTS)('organisation repository on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
  })
  afterAll(() => testDb.destroy())

  it('has no organisation before set-up', async () => {
    expect(await repo.get(db())).toBeNull()
  })

  it('stores the organisation and reads it back at version 1', async () => {
    await repo.insert(db(), details, AT, null)

    expect(await repo.get(db())).toEqual({ ...details, version: 1, updatedAt: AT })
  })

  it('refuses a second organisation row', async () => {
    await expect(repo.insert(db(), { ...details, name: 'Another' }, AT, null)).rejects.toThrow()
    expect(await repo.get(db())).toMatchObject({ name: 'Department for Testing' })
  })

  it('saves changes at the current version and refuses a stale one', async () => {
    const admin = await insertUser(db(), { role: 'administrator' })
    const changes: OrganisationChanges = {
      ...details,
      name: 'Ministry of Examples',
      phase: 'alpha',
      feedbackUrl: 'https://example.gov.uk/feedback',
      publicHandbook: true,
    }

    expect(await repo.update(db(), changes, 1, LATER, admin.id)).toBe(true)
    expect(await repo.update(db(), { ...details, name: 'Stale write' }, 1, LATER, admin.id)).toBe(false)

    expect(await repo.get(db())).toEqual({ ...changes, version: 2, updatedAt: LATER })
  })
})
