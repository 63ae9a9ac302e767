import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../../test/dialects.ts'
import { insertPage, insertSection } from '../../../test/factories.ts'
import { newId } from '../../platform/ids.ts'
import { HandbookRepository } from '../handbook.repository.ts'

const repo = new HandbookRepository()
const AT = '2026-11-24T10:00:00.000Z'

describe.each(DIALECTS)('handbook sections repository on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
  })
  afterAll(() => testDb.destroy())

  describe('sections', () => {
    it('inserts, finds, lists in position order, updates, moves and deletes a section', async () => {
      const second = await insertSection(db(), { slug: 'second', title: 'Second', position: 902 })
      const first = await insertSection(db(), { slug: 'first', title: 'First', summary: 'Comes first.', position: 901 })

      expect(await repo.sections.findSectionBySlug(db(), 'first')).toEqual(first)
      expect(await repo.sections.findSectionById(db(), second.id)).toEqual(second)
      expect(await repo.sections.findSectionBySlug(db(), 'missing')).toBeNull()
      expect(await repo.sections.findSectionById(db(), newId())).toBeNull()
      const slugs = (await repo.sections.listSections(db())).map(s => s.slug)
      expect(slugs.indexOf('first')).toBeLessThan(slugs.indexOf('second'))

      await repo.sections.updateSection(db(), first.id, { title: 'The first', summary: 'Now changed.' }, AT)
      await repo.sections.setSectionPosition(db(), first.id, 903)
      expect(await repo.sections.findSectionById(db(), first.id)).toEqual({
        ...first,
        title: 'The first',
        summary: 'Now changed.',
        position: 903,
      })
      const reordered = (await repo.sections.listSections(db())).map(s => s.slug)
      expect(reordered.indexOf('second')).toBeLessThan(reordered.indexOf('first'))

      await repo.sections.deleteSection(db(), first.id)
      expect(await repo.sections.findSectionById(db(), first.id)).toBeNull()
    })

    it('refuses to delete a section that still has pages', async () => {
      const section = await insertSection(db())
      await insertPage(db(), { sectionId: section.id })

      await expect(repo.sections.deleteSection(db(), section.id)).rejects.toThrow()
      expect(await repo.sections.findSectionById(db(), section.id)).toEqual(section)
    })
  })
})
