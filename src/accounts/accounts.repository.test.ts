import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { buildUser, insertUser } from '../../test/factories.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import { hashToken, newId, newToken } from '../platform/ids.ts'
import { AccountsRepository } from './accounts.repository.ts'

const repo = new AccountsRepository()
const AT = '2026-11-24T10:00:00.000Z'
const LATER = '2026-11-24T11:00:00.000Z'

describe.each(DIALECTS)('accounts repository on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
  })
  afterAll(() => testDb.destroy())

  describe('users', () => {
    it('stores the email in lower case and finds it whatever the case typed', async () => {
      const user = buildUser({ email: 'Grace.Hopper@Example.GOV.UK', name: 'Grace Hopper', role: 'editor' })
      await repo.insert(db(), user)

      const found = await repo.findByEmail(db(), 'GRACE.HOPPER@example.gov.uk')

      expect(found).toEqual({
        ...user,
        email: 'grace.hopper@example.gov.uk',
        failedSignIns: 0,
        lockedUntil: null,
        version: 1,
      })
      expect(await repo.findById(db(), user.id)).toEqual(found)
      expect(await repo.findByEmail(db(), 'nobody@example.gov.uk')).toBeNull()
      expect(await repo.findById(db(), newId())).toBeNull()
    })

    it('refuses a second account with the same email, as a unique violation', async () => {
      await insertUser(db(), { email: 'twin@example.gov.uk' })

      const error = await repo.insert(db(), buildUser({ email: 'TWIN@example.gov.uk' })).catch((e: unknown) => e)

      expect(error).toBeInstanceOf(Error)
      expect(isUniqueViolation(error)).toBe(true)
      expect(isUniqueViolation(new Error('something else'))).toBe(false)
    })

    it('updates details only when the version is current, bumping it', async () => {
      const user = await insertUser(db(), { name: 'Before' })

      const saved = await repo.updateDetails(
        db(),
        user.id,
        { name: 'After', role: 'leader', status: 'active' },
        1,
        LATER,
      )
      const stale = await repo.updateDetails(
        db(),
        user.id,
        { name: 'Stale', role: 'administrator', status: 'disabled' },
        1,
        LATER,
      )

      expect(saved).toBe(true)
      expect(stale).toBe(false)
      expect(await repo.findById(db(), user.id)).toMatchObject({
        name: 'After',
        role: 'leader',
        status: 'active',
        version: 2,
        updatedAt: LATER,
      })
    })

    it('keeps, replaces and forgets the wrong-password count of an account and address', async () => {
      const key = 'a'.repeat(64)
      expect(await repo.findThrottle(db(), key)).toBeNull()
      await repo.saveThrottle(db(), { key, failures: 1, lastFailedAt: '2026-11-24T10:00:00.000Z', pausedUntil: null })
      const paused = { key, failures: 6, lastFailedAt: '2026-11-24T10:05:00.000Z', pausedUntil: LATER }
      await repo.saveThrottle(db(), paused)
      expect(await repo.findThrottle(db(), key)).toEqual(paused)

      await repo.deleteThrottlesBefore(db(), '2026-11-24T10:05:00.000Z')
      expect(await repo.findThrottle(db(), key)).toEqual(paused)
      await repo.deleteThrottlesBefore(db(), '2026-11-24T10:06:00.000Z')
      expect(await repo.findThrottle(db(), key)).toBeNull()

      await repo.saveThrottle(db(), paused)
      await repo.deleteThrottle(db(), key)
      expect(await repo.findThrottle(db(), key)).toBeNull()
    })

    it('setting a password activates on request and bumps the version', async () => {
      const user = await insertUser(db(), { status: 'invited' })

      await repo.setPassword(db(), user.id, 'hash-1', LATER, true)

      expect(await repo.findById(db(), user.id)).toMatchObject({
        passwordHash: 'hash-1',
        status: 'active',
        failedSignIns: 0,
        lockedUntil: null,
        version: 2,
      })
      await repo.replaceHash(db(), user.id, 'hash-2')
      expect(await repo.findById(db(), user.id)).toMatchObject({ passwordHash: 'hash-2', version: 2 })
    })

    it('counts administrators, optionally by status', async () => {
      const before = await repo.countAdministrators(db())
      const activeBefore = await repo.countAdministrators(db(), 'active')
      await insertUser(db(), { role: 'administrator', status: 'active' })
      await insertUser(db(), { role: 'administrator', status: 'disabled' })

      expect(await repo.countAdministrators(db())).toBe(before + 2)
      expect(await repo.countAdministrators(db(), 'active')).toBe(activeBefore + 1)
    })

    it('lists people by name', async () => {
      await insertUser(db(), { name: 'Zz Last' })
      await insertUser(db(), { name: 'Aa First' })

      const names = (await repo.list(db())).map(u => u.name)

      expect(names.indexOf('Aa First')).toBeGreaterThanOrEqual(0)
      expect(names.indexOf('Aa First')).toBeLessThan(names.indexOf('Zz Last'))
    })
  })

  describe('one-time tokens', () => {
    it('finds a token only for its purpose and uses it once', async () => {
      const user = await insertUser(db())
      const id = hashToken(newToken())
      await repo.insertToken(db(), { id, purpose: 'set-password', userId: user.id, createdAt: AT, expiresAt: LATER })

      expect(await repo.findToken(db(), id, 'setup')).toBeNull()
      expect(await repo.findToken(db(), id, 'set-password')).toEqual({
        id,
        purpose: 'set-password',
        userId: user.id,
        expiresAt: LATER,
        usedAt: null,
      })

      expect(await repo.useToken(db(), id, LATER)).toBe(true)
      expect(await repo.useToken(db(), id, LATER)).toBe(false)
      expect(await repo.findToken(db(), id, 'set-password')).toMatchObject({ usedAt: LATER })
    })

    it('revokes the unused tokens of one purpose for one person only', async () => {
      const alice = await insertUser(db())
      const bob = await insertUser(db())
      const a = hashToken(newToken())
      const b = hashToken(newToken())
      const setup = hashToken(newToken())
      await repo.insertToken(db(), {
        id: a,
        purpose: 'set-password',
        userId: alice.id,
        createdAt: AT,
        expiresAt: LATER,
      })
      await repo.insertToken(db(), { id: b, purpose: 'set-password', userId: bob.id, createdAt: AT, expiresAt: LATER })
      await repo.insertToken(db(), { id: setup, purpose: 'setup', userId: null, createdAt: AT, expiresAt: LATER })

      await repo.revokeTokens(db(), 'set-password', alice.id, LATER)

      expect(await repo.useToken(db(), a, LATER)).toBe(false)
      expect(await repo.useToken(db(), b, LATER)).toBe(true)

      await repo.revokeTokens(db(), 'setup', null, LATER)
      expect(await repo.useToken(db(), setup, LATER)).toBe(false)
    })
  })
})
