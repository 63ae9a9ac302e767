import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../../test/dialects.ts'
import { buildVersion, insertPage, insertSection, insertUser } from '../../../test/factories.ts'
import { HandbookRepository } from '../handbook.repository.ts'

const repo = new HandbookRepository()

describe.each(DIALECTS)('handbook versions repository on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
  })
  afterAll(() => testDb.destroy())

  describe('versions', () => {
    it('lists versions newest first without their bodies, and finds one with its body', async () => {
      const section = await insertSection(db())
      const author = await insertUser(db())
      const page = await insertPage(db(), { sectionId: section.id, body: 'First body' })
      const v1 = buildVersion(page, { changeNote: 'Created the page' })
      const v2 = buildVersion(
        { ...page, version: 2, body: 'Second body', roles: ['product-manager'] },
        { createdBy: author.id, createdByName: author.name, changeNote: 'Tidied up' },
      )
      await repo.versions.insertVersion(db(), v1)
      await repo.versions.insertVersion(db(), v2)

      const listed = await repo.versions.listVersions(db(), page.id)

      expect(listed.map(v => v.version)).toEqual([2, 1])
      expect(listed[0]).toEqual({ ...v2, body: undefined })
      expect(listed[0]).not.toHaveProperty('body')
      expect(await repo.versions.findVersion(db(), page.id, 1)).toEqual(v1)
      expect(await repo.versions.findVersion(db(), page.id, 2)).toEqual(v2)
      expect(await repo.versions.findVersion(db(), page.id, 3)).toBeNull()
    })

    it('refuses two versions with the same number', async () => {
      const section = await insertSection(db())
      const page = await insertPage(db(), { sectionId: section.id })
      await repo.versions.insertVersion(db(), buildVersion(page))

      await expect(repo.versions.insertVersion(db(), buildVersion(page))).rejects.toThrow()
    })
  })
})
