import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../../test/dialects.ts'
import { insertUser } from '../../../test/factories.ts'
import { hashToken, newToken } from '../ids.ts'
import { SessionRepository } from './session.repository.ts'

const AT = '2026-11-24T10:00:00.000Z'
const sessionId = () => hashToken(newToken())

describe.each(DIALECTS)('session repository on %s', dialect => {
  let testDb: TestDb
  let repo: SessionRepository

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
    repo = new SessionRepository(testDb.db.kysely)
  })
  afterAll(() => testDb.destroy())

  it('finds a signed-in session with its user', async () => {
    const user = await insertUser(testDb.db.kysely, { name: 'Sam Session', role: 'editor' })
    const id = sessionId()
    await repo.insert({ id, userId: user.id, createdAt: AT, data: '{"csrf":"x"}' })

    expect(await repo.find(id)).toEqual({
      id,
      userId: user.id,
      createdAt: AT,
      lastSeenAt: AT,
      data: '{"csrf":"x"}',
      user: { id: user.id, name: 'Sam Session', email: user.email, role: 'editor', status: 'active' },
    })
  })

  it('finds an anonymous session with no user, and nothing for an unknown id', async () => {
    const id = sessionId()
    await repo.insert({ id, userId: null, createdAt: AT, data: '{}' })

    expect(await repo.find(id)).toMatchObject({ id, userId: null, user: null })
    expect(await repo.find(sessionId())).toBeNull()
  })

  it('updates the data and when it was last seen', async () => {
    const id = sessionId()
    await repo.insert({ id, userId: null, createdAt: AT, data: '{}' })

    await repo.updateData(id, '{"flash":"Saved"}', '2026-11-24T10:05:00.000Z')
    expect(await repo.find(id)).toMatchObject({ data: '{"flash":"Saved"}', lastSeenAt: '2026-11-24T10:05:00.000Z' })

    await repo.touch(id, '2026-11-24T10:09:00.000Z')
    expect(await repo.find(id)).toMatchObject({
      data: '{"flash":"Saved"}',
      createdAt: AT,
      lastSeenAt: '2026-11-24T10:09:00.000Z',
    })

    await repo.delete(id)
    expect(await repo.find(id)).toBeNull()
  })

  it("deletes a user's sessions except the one kept, leaving other people's alone", async () => {
    const user = await insertUser(testDb.db.kysely)
    const other = await insertUser(testDb.db.kysely)
    const [keep, drop1, drop2, theirs] = [sessionId(), sessionId(), sessionId(), sessionId()]
    for (const id of [keep, drop1, drop2]) await repo.insert({ id, userId: user.id, createdAt: AT, data: '{}' })
    await repo.insert({ id: theirs, userId: other.id, createdAt: AT, data: '{}' })

    expect(await repo.deleteForUser(user.id, keep)).toBe(2)

    expect(await repo.find(keep)).not.toBeNull()
    expect(await repo.find(drop1)).toBeNull()
    expect(await repo.find(drop2)).toBeNull()
    expect(await repo.find(theirs)).not.toBeNull()

    expect(await repo.deleteForUser(user.id)).toBe(1)
    expect(await repo.find(keep)).toBeNull()
  })

  it('deletes sessions idle since before the cut-off', async () => {
    const stale = sessionId()
    const fresh = sessionId()
    const edge = sessionId()
    await repo.insert({ id: stale, userId: null, createdAt: '2020-01-01T09:00:00.000Z', data: '{}' })
    await repo.insert({ id: edge, userId: null, createdAt: '2020-01-01T10:00:00.000Z', data: '{}' })
    await repo.insert({ id: fresh, userId: null, createdAt: '2020-01-01T08:00:00.000Z', data: '{}' })
    await repo.touch(fresh, '2020-01-01T11:00:00.000Z')

    const deleted = await repo.deleteIdleSince('2020-01-01T10:00:00.000Z')

    expect(deleted).toBe(1)
    expect(await repo.find(stale)).toBeNull()
    expect(await repo.find(edge)).not.toBeNull()
    expect(await repo.find(fresh)).not.toBeNull()
  })

  describe('remembering reads for a moment', () => {
    // Changes the row behind the repository's back, as another instance would.
    const changeElsewhere = (id: string, data: string) =>
      testDb.db.kysely.updateTable('sessions').set({ data }).where('id', '=', id).execute()

    it("remembers a read, so another instance's change is seen only once the moment has passed", async () => {
      const cached = new SessionRepository(testDb.db.kysely, { cacheMs: 150 })
      const id = sessionId()
      await cached.insert({ id, userId: null, createdAt: AT, data: '{"a":1}' })
      expect(await cached.find(id)).toMatchObject({ data: '{"a":1}' })

      await changeElsewhere(id, '{"a":2}')
      expect(await cached.find(id)).toMatchObject({ data: '{"a":1}' })
      await new Promise(resolve => setTimeout(resolve, 200))
      expect(await cached.find(id)).toMatchObject({ data: '{"a":2}' })
    })

    it('reads the database every time when told to remember nothing', async () => {
      const uncached = new SessionRepository(testDb.db.kysely, { cacheMs: 0 })
      const id = sessionId()
      await uncached.insert({ id, userId: null, createdAt: AT, data: '{"a":1}' })
      expect(await uncached.find(id)).toMatchObject({ data: '{"a":1}' })
      await changeElsewhere(id, '{"a":2}')
      expect(await uncached.find(id)).toMatchObject({ data: '{"a":2}' })
    })

    it("sees its own writes at once: new data, a touch, a sign-out and ending all of a person's sessions", async () => {
      const cached = new SessionRepository(testDb.db.kysely, { cacheMs: 60_000 })
      const user = await insertUser(testDb.db.kysely)
      const [id, other] = [sessionId(), sessionId()]
      await cached.insert({ id, userId: user.id, createdAt: AT, data: '{}' })
      await cached.insert({ id: other, userId: user.id, createdAt: AT, data: '{}' })
      expect(await cached.find(id)).toMatchObject({ data: '{}', lastSeenAt: AT })
      expect(await cached.find(other)).not.toBeNull()

      await cached.updateData(id, '{"flash":[]}', '2026-11-24T10:01:00.000Z')
      expect(await cached.find(id)).toMatchObject({ data: '{"flash":[]}', lastSeenAt: '2026-11-24T10:01:00.000Z' })
      await cached.touch(id, '2026-11-24T10:02:00.000Z')
      expect(await cached.find(id)).toMatchObject({ lastSeenAt: '2026-11-24T10:02:00.000Z' })
      await cached.delete(id)
      expect(await cached.find(id)).toBeNull()

      expect(await cached.deleteForUser(user.id)).toBe(1)
      expect(await cached.find(other)).toBeNull()
    })

    it('does not keep a read that a write overtook', async () => {
      const cached = new SessionRepository(testDb.db.kysely, { cacheMs: 60_000 })
      const id = sessionId()
      await cached.insert({ id, userId: null, createdAt: AT, data: '{}' })
      const reading = cached.find(id)
      const deleting = cached.delete(id)
      await Promise.all([reading, deleting])
      expect(await cached.find(id)).toBeNull()
    })

    it('hands out copies, so changing one does not change the next read', async () => {
      const cached = new SessionRepository(testDb.db.kysely, { cacheMs: 60_000 })
      const user = await insertUser(testDb.db.kysely, { name: 'Cary Copy' })
      const id = sessionId()
      await cached.insert({ id, userId: user.id, createdAt: AT, data: '{}' })
      const first = await cached.find(id)
      if (!first?.user) throw new Error('expected a signed-in session')
      first.data = '{"changed":true}'
      first.user.name = 'Someone else'
      expect(await cached.find(id)).toMatchObject({ data: '{}', user: { name: 'Cary Copy' } })
    })
  })
})
