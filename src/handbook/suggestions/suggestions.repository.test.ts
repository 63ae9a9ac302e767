import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../../test/dialects.ts'
import { insertPage, insertSection, insertUser } from '../../../test/factories.ts'
import { newId } from '../../platform/ids.ts'
import { HandbookRepository } from '../handbook.repository.ts'

const repo = new HandbookRepository()

describe.each(DIALECTS)('handbook suggestions repository on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
  })
  afterAll(() => testDb.destroy())

  describe('suggestions', () => {
    it('lists suggestions by status, author and page, and decides each once', async () => {
      const section = await insertSection(db())
      const page = await insertPage(db(), { sectionId: section.id, title: 'Suggested page' })
      const other = await insertPage(db(), { sectionId: section.id })
      const mo = await insertUser(db(), { name: 'Mo Member' })
      const sue = await insertUser(db(), { name: 'Sue Suggester' })
      const editor = await insertUser(db(), { name: 'Ed Editor', role: 'editor' })
      const suggest = async (pageId: string, createdBy: string, createdAt: string) => {
        const id = newId()
        await repo.suggestions.insertSuggestion(db(), {
          id,
          pageId,
          baseVersion: 1,
          title: 'New title',
          summary: 'New summary',
          body: `Suggested at ${createdAt}`,
          reason: 'It was out of date',
          createdAt,
          createdBy,
        })
        return id
      }
      const early = await suggest(page.id, mo.id, '2026-11-24T10:01:00.000Z')
      const middle = await suggest(other.id, sue.id, '2026-11-24T10:02:00.000Z')
      const late = await suggest(page.id, mo.id, '2026-11-24T10:03:00.000Z')

      expect(await repo.suggestions.findSuggestion(db(), early)).toEqual({
        id: early,
        pageId: page.id,
        pageSlug: page.slug,
        pageTitle: 'Suggested page',
        baseVersion: 1,
        title: 'New title',
        summary: 'New summary',
        body: 'Suggested at 2026-11-24T10:01:00.000Z',
        reason: 'It was out of date',
        status: 'open',
        createdAt: '2026-11-24T10:01:00.000Z',
        createdBy: mo.id,
        createdByName: 'Mo Member',
        decidedAt: null,
        decidedBy: null,
        decidedByName: null,
        decisionNote: null,
        resultingVersion: null,
      })
      expect(await repo.suggestions.findSuggestion(db(), newId())).toBeNull()
      // Open suggestions oldest first (a queue); anything else newest first.
      expect((await repo.suggestions.listSuggestions(db(), { status: 'open' })).map(s => s.id)).toEqual([
        early,
        middle,
        late,
      ])
      expect((await repo.suggestions.listSuggestions(db(), { authorId: mo.id })).map(s => s.id)).toEqual([late, early])
      expect((await repo.suggestions.listSuggestions(db(), { pageId: other.id })).map(s => s.id)).toEqual([middle])

      const decision = { at: '2026-11-24T11:00:00.000Z', by: editor.id, resultingVersion: null }
      expect(
        await repo.suggestions.decideSuggestion(db(), early, {
          ...decision,
          status: 'declined',
          note: 'Already covered',
        }),
      ).toBe(true)
      expect(
        await repo.suggestions.decideSuggestion(db(), early, { ...decision, status: 'accepted', note: null }),
      ).toBe(false)
      expect(
        await repo.suggestions.decideSuggestion(db(), middle, {
          ...decision,
          status: 'accepted',
          note: null,
          resultingVersion: 2,
        }),
      ).toBe(true)

      expect(await repo.suggestions.findSuggestion(db(), early)).toMatchObject({
        status: 'declined',
        decidedAt: '2026-11-24T11:00:00.000Z',
        decidedBy: editor.id,
        decidedByName: 'Ed Editor',
        decisionNote: 'Already covered',
        resultingVersion: null,
      })
      expect(await repo.suggestions.findSuggestion(db(), middle)).toMatchObject({
        status: 'accepted',
        resultingVersion: 2,
      })
      expect((await repo.suggestions.listSuggestions(db(), { status: 'open' })).map(s => s.id)).toEqual([late])
      expect((await repo.suggestions.listSuggestions(db(), { status: 'declined' })).map(s => s.id)).toEqual([early])
      expect(
        (await repo.suggestions.listSuggestions(db(), { status: 'accepted', authorId: sue.id })).map(s => s.id),
      ).toEqual([middle])
      expect(await repo.suggestions.listSuggestions(db(), { status: 'accepted', authorId: mo.id })).toEqual([])
    })
  })
})
