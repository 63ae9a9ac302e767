import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../../test/dialects.ts'
import { buildPage, buildVersion, insertPage, insertSection, insertUser } from '../../../test/factories.ts'
import { newId } from '../../platform/ids.ts'
import { HandbookRepository } from '../handbook.repository.ts'
import type { Resource } from '../handbook.types.ts'

const repo = new HandbookRepository()
const AT = '2026-11-24T10:00:00.000Z'

describe.each(DIALECTS)('handbook pages repository on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
  })
  afterAll(() => testDb.destroy())

  describe('pages', () => {
    it('inserts a page and reads back every field', async () => {
      const section = await insertSection(db())
      const editor = await insertUser(db(), { role: 'editor' })
      const resources: Resource[] = [
        {
          kind: 'reading',
          title: 'The Scrum Guide',
          author: 'Ken Schwaber',
          format: 'Guide',
          length: '14 pages',
          url: 'https://scrumguides.org/',
        },
      ]
      const page = await insertPage(db(), {
        sectionId: section.id,
        slug: 'every-field',
        headings: [{ level: 2, id: 'section-roles', text: 'Roles' }],
        roles: ['product-manager'],
        skills: ['agile-and-lean-practices'],
        resources,
        updatedBy: editor.id,
        updatedByName: editor.name,
      })

      expect(await repo.pages.findPageBySlug(db(), 'every-field')).toEqual(page)
      expect(await repo.pages.findPageStamp(db(), 'every-field')).toEqual({
        id: page.id,
        version: 1,
        sectionId: section.id,
      })
      expect(await repo.pages.findPageBySlug(db(), 'no-such-page')).toBeNull()
      expect(await repo.pages.findPageStamp(db(), 'no-such-page')).toBeNull()
      expect(await repo.pages.slugExists(db(), 'every-field')).toBe(true)
      expect(await repo.pages.slugExists(db(), 'no-such-page')).toBe(false)
      expect((await repo.pages.listPages(db())).find(p => p.id === page.id)).toEqual(page)
      expect((await repo.pages.listPageSummaries(db())).find(p => p.id === page.id)).toEqual({
        id: page.id,
        slug: page.slug,
        sectionId: section.id,
        position: page.position,
        title: page.title,
        summary: page.summary,
        version: 1,
        updatedAt: page.updatedAt,
      })
    })

    it('refuses a second page with the same slug', async () => {
      const section = await insertSection(db())
      await insertPage(db(), { sectionId: section.id, slug: 'taken' })

      await expect(insertPage(db(), { sectionId: section.id, slug: 'taken' })).rejects.toThrow()
    })

    it('saves a new version only over the version expected', async () => {
      const section = await insertSection(db())
      const page = await insertPage(db(), { sectionId: section.id, title: 'Original' })
      const v2 = { ...page, title: 'Second', version: 2, updatedAt: '2026-11-24T11:00:00.000Z' }

      expect(await repo.pages.updatePage(db(), v2, 1)).toBe(true)
      expect(await repo.pages.updatePage(db(), { ...page, title: 'Stale', version: 2 }, 1)).toBe(false)

      expect(await repo.pages.findPageBySlug(db(), page.slug)).toEqual(v2)
    })

    it('never changes the slug or creation time on update', async () => {
      const section = await insertSection(db())
      const page = await insertPage(db(), { sectionId: section.id })

      await repo.pages.updatePage(
        db(),
        { ...page, slug: 'renamed', createdAt: '2000-01-01T00:00:00.000Z', version: 2 },
        1,
      )

      expect(await repo.pages.findPageBySlug(db(), 'renamed')).toBeNull()
      expect(await repo.pages.findPageBySlug(db(), page.slug)).toMatchObject({ version: 2, createdAt: page.createdAt })
    })

    it('moves a page to another section and position, and counts pages per section', async () => {
      const from = await insertSection(db())
      const to = await insertSection(db())
      const page = await insertPage(db(), { sectionId: from.id })
      await insertPage(db(), { sectionId: from.id })
      expect(await repo.pages.countPagesInSection(db(), from.id)).toBe(2)
      expect(await repo.pages.countPagesInSection(db(), to.id)).toBe(0)

      await repo.pages.setPagePlacement(db(), page.id, to.id, 7)

      expect(await repo.pages.findPageBySlug(db(), page.slug)).toMatchObject({ sectionId: to.id, position: 7 })
      expect(await repo.pages.countPagesInSection(db(), from.id)).toBe(1)
      expect(await repo.pages.countPagesInSection(db(), to.id)).toBe(1)
    })

    it('deletes a page with its tags, versions and suggestions', async () => {
      const section = await insertSection(db())
      const author = await insertUser(db())
      const page = await insertPage(db(), { sectionId: section.id, skills: ['coaching'] })
      await repo.versions.insertVersion(db(), buildVersion(page))
      const suggestionId = newId()
      await repo.suggestions.insertSuggestion(db(), {
        id: suggestionId,
        pageId: page.id,
        baseVersion: 1,
        title: page.title,
        summary: page.summary,
        body: 'Better',
        reason: '',
        createdAt: AT,
        createdBy: author.id,
      })

      await repo.pages.deletePage(db(), page.id)

      expect(await repo.pages.findPageBySlug(db(), page.slug)).toBeNull()
      expect(await repo.versions.listVersions(db(), page.id)).toEqual([])
      expect(await repo.suggestions.findSuggestion(db(), suggestionId)).toBeNull()
      expect((await repo.pages.pagesForSkills(db(), ['coaching'])).map(p => p.id)).not.toContain(page.id)
    })
  })

  describe('tags', () => {
    it('finds pages by skill, once per skill they are tagged with', async () => {
      const section = await insertSection(db())
      const resources: Resource[] = [
        { kind: 'training', title: 'Course', author: 'College', format: 'Course', length: '1 day', url: '' },
      ]
      const both = await insertPage(db(), {
        sectionId: section.id,
        title: 'Aa both skills',
        skills: ['teaching', 'mentoring', 'teaching'],
        roles: ['head-of-product'],
        resources,
      })
      const one = await insertPage(db(), { sectionId: section.id, title: 'Bb mentoring only', skills: ['mentoring'] })
      await insertPage(db(), { sectionId: section.id, title: 'Cc role only', roles: ['teaching'] })

      const found = await repo.pages.pagesForSkills(db(), ['teaching', 'mentoring'])

      expect(found.map(p => [p.title, p.skill]).sort()).toEqual(
        [
          ['Aa both skills', 'mentoring'],
          ['Aa both skills', 'teaching'],
          ['Bb mentoring only', 'mentoring'],
        ].sort(),
      )
      expect(found.find(p => p.id === both.id)?.resources).toEqual(resources)
      expect(found.map(p => p.title)).toEqual([...found.map(p => p.title)].sort())
      expect(await repo.pages.pagesForSkills(db(), [])).toEqual([])
      expect(await repo.pages.pagesForSkills(db(), ['facilitating'])).toEqual([])

      await repo.pages.updatePage(db(), { ...one, skills: ['facilitating'], version: 2 }, 1)
      expect((await repo.pages.pagesForSkills(db(), ['mentoring'])).map(p => p.id)).toEqual([both.id])
      expect((await repo.pages.pagesForSkills(db(), ['facilitating'])).map(p => p.id)).toEqual([one.id])
    })
  })

  describe('transactions', () => {
    it('rolls back every write of a failed transaction, search index included', async () => {
      const section = await insertSection(db())
      const page = buildPage({ sectionId: section.id, title: 'Rolled back zebracorn', skills: ['coaching'] })
      const revision = await repo.revision.revision(db())

      await expect(
        db()
          .transaction()
          .execute(async trx => {
            await repo.pages.insertPage(trx, page)
            await repo.versions.insertVersion(trx, buildVersion(page))
            await repo.revision.bumpRevision(trx)
            throw new Error('Something failed after the writes')
          }),
      ).rejects.toThrow('Something failed')

      expect(await repo.pages.findPageBySlug(db(), page.slug)).toBeNull()
      expect(await repo.versions.listVersions(db(), page.id)).toEqual([])
      expect(await repo.revision.revision(db())).toBe(revision)
      expect((await repo.pages.search(db(), ['zebracorn'], 10, 0)).total).toBe(0)
    })
  })
})
