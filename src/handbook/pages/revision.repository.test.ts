import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../../test/dialects.ts'
import { HandbookRepository } from '../handbook.repository.ts'

const repo = new HandbookRepository()

describe.each(DIALECTS)('handbook revision on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
  })
  afterAll(() => testDb.destroy())

  describe('revision', () => {
    it('goes up by one on each bump', async () => {
      const before = await repo.revision.revision(db())
      expect(before).toBeGreaterThanOrEqual(1)

      await repo.revision.bumpRevision(db())
      await repo.revision.bumpRevision(db())

      expect(await repo.revision.revision(db())).toBe(before + 2)
    })

    it("is remembered for a moment, so another instance's bump is seen a moment later, and its own at once", async () => {
      const fresh = new HandbookRepository()
      const bumpElsewhere = () =>
        db()
          .updateTable('handbook_state')
          .set(eb => ({ revision: eb('revision', '+', 1) }))
          .where('id', '=', 'handbook')
          .execute()
      const before = await fresh.revision.revision(db())
      await bumpElsewhere()
      expect(await fresh.revision.revision(db())).toBe(before)

      await db()
        .transaction()
        .execute(trx => fresh.revision.bumpRevision(trx))
      expect(await fresh.revision.revision(db())).toBe(before + 2)
      // Soon after its own change it keeps asking the database: the change may commit later.
      await bumpElsewhere()
      expect(await fresh.revision.revision(db())).toBe(before + 3)
    })
  })
})
