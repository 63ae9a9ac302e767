import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { buildPage, buildVersion, insertPage, insertSection, insertUser } from '../../test/factories.ts'
import { newId } from '../platform/ids.ts'
import { HandbookRepository, type Resource } from './handbook.repository.ts'

const repo = new HandbookRepository()
const AT = '2026-11-24T10:00:00.000Z'

describe.each(DIALECTS)('handbook repository on %s', dialect => {
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

      expect(await repo.findSectionBySlug(db(), 'first')).toEqual(first)
      expect(await repo.findSectionById(db(), second.id)).toEqual(second)
      expect(await repo.findSectionBySlug(db(), 'missing')).toBeNull()
      expect(await repo.findSectionById(db(), newId())).toBeNull()
      const slugs = (await repo.listSections(db())).map(s => s.slug)
      expect(slugs.indexOf('first')).toBeLessThan(slugs.indexOf('second'))

      await repo.updateSection(db(), first.id, { title: 'The first', summary: 'Now changed.' }, AT)
      await repo.setSectionPosition(db(), first.id, 903)
      expect(await repo.findSectionById(db(), first.id)).toEqual({
        ...first,
        title: 'The first',
        summary: 'Now changed.',
        position: 903,
      })
      const reordered = (await repo.listSections(db())).map(s => s.slug)
      expect(reordered.indexOf('second')).toBeLessThan(reordered.indexOf('first'))

      await repo.deleteSection(db(), first.id)
      expect(await repo.findSectionById(db(), first.id)).toBeNull()
    })

    it('refuses to delete a section that still has pages', async () => {
      const section = await insertSection(db())
      await insertPage(db(), { sectionId: section.id })

      await expect(repo.deleteSection(db(), section.id)).rejects.toThrow()
      expect(await repo.findSectionById(db(), section.id)).toEqual(section)
    })
  })

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

      expect(await repo.findPageBySlug(db(), 'every-field')).toEqual(page)
      expect(await repo.findPageStamp(db(), 'every-field')).toEqual({ id: page.id, version: 1, sectionId: section.id })
      expect(await repo.findPageBySlug(db(), 'no-such-page')).toBeNull()
      expect(await repo.findPageStamp(db(), 'no-such-page')).toBeNull()
      expect(await repo.slugExists(db(), 'every-field')).toBe(true)
      expect(await repo.slugExists(db(), 'no-such-page')).toBe(false)
      expect((await repo.listPages(db())).find(p => p.id === page.id)).toEqual(page)
      expect((await repo.listPageSummaries(db())).find(p => p.id === page.id)).toEqual({
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

      expect(await repo.updatePage(db(), v2, 1)).toBe(true)
      expect(await repo.updatePage(db(), { ...page, title: 'Stale', version: 2 }, 1)).toBe(false)

      expect(await repo.findPageBySlug(db(), page.slug)).toEqual(v2)
    })

    it('never changes the slug or creation time on update', async () => {
      const section = await insertSection(db())
      const page = await insertPage(db(), { sectionId: section.id })

      await repo.updatePage(db(), { ...page, slug: 'renamed', createdAt: '2000-01-01T00:00:00.000Z', version: 2 }, 1)

      expect(await repo.findPageBySlug(db(), 'renamed')).toBeNull()
      expect(await repo.findPageBySlug(db(), page.slug)).toMatchObject({ version: 2, createdAt: page.createdAt })
    })

    it('moves a page to another section and position, and counts pages per section', async () => {
      const from = await insertSection(db())
      const to = await insertSection(db())
      const page = await insertPage(db(), { sectionId: from.id })
      await insertPage(db(), { sectionId: from.id })
      expect(await repo.countPagesInSection(db(), from.id)).toBe(2)
      expect(await repo.countPagesInSection(db(), to.id)).toBe(0)

      await repo.setPagePlacement(db(), page.id, to.id, 7)

      expect(await repo.findPageBySlug(db(), page.slug)).toMatchObject({ sectionId: to.id, position: 7 })
      expect(await repo.countPagesInSection(db(), from.id)).toBe(1)
      expect(await repo.countPagesInSection(db(), to.id)).toBe(1)
    })

    it('deletes a page with its tags, versions and suggestions', async () => {
      const section = await insertSection(db())
      const author = await insertUser(db())
      const page = await insertPage(db(), { sectionId: section.id, skills: ['coaching'] })
      await repo.insertVersion(db(), buildVersion(page))
      const suggestionId = newId()
      await repo.insertSuggestion(db(), {
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

      await repo.deletePage(db(), page.id)

      expect(await repo.findPageBySlug(db(), page.slug)).toBeNull()
      expect(await repo.listVersions(db(), page.id)).toEqual([])
      expect(await repo.findSuggestion(db(), suggestionId)).toBeNull()
      expect((await repo.pagesForSkills(db(), ['coaching'])).map(p => p.id)).not.toContain(page.id)
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

      const found = await repo.pagesForSkills(db(), ['teaching', 'mentoring'])

      expect(found.map(p => [p.title, p.skill]).sort()).toEqual(
        [
          ['Aa both skills', 'mentoring'],
          ['Aa both skills', 'teaching'],
          ['Bb mentoring only', 'mentoring'],
        ].sort(),
      )
      expect(found.find(p => p.id === both.id)?.resources).toEqual(resources)
      expect(found.map(p => p.title)).toEqual([...found.map(p => p.title)].sort())
      expect(await repo.pagesForSkills(db(), [])).toEqual([])
      expect(await repo.pagesForSkills(db(), ['facilitating'])).toEqual([])

      await repo.updatePage(db(), { ...one, skills: ['facilitating'], version: 2 }, 1)
      expect((await repo.pagesForSkills(db(), ['mentoring'])).map(p => p.id)).toEqual([both.id])
      expect((await repo.pagesForSkills(db(), ['facilitating'])).map(p => p.id)).toEqual([one.id])
    })
  })

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
      await repo.insertVersion(db(), v1)
      await repo.insertVersion(db(), v2)

      const listed = await repo.listVersions(db(), page.id)

      expect(listed.map(v => v.version)).toEqual([2, 1])
      expect(listed[0]).toEqual({ ...v2, body: undefined })
      expect(listed[0]).not.toHaveProperty('body')
      expect(await repo.findVersion(db(), page.id, 1)).toEqual(v1)
      expect(await repo.findVersion(db(), page.id, 2)).toEqual(v2)
      expect(await repo.findVersion(db(), page.id, 3)).toBeNull()
    })

    it('refuses two versions with the same number', async () => {
      const section = await insertSection(db())
      const page = await insertPage(db(), { sectionId: section.id })
      await repo.insertVersion(db(), buildVersion(page))

      await expect(repo.insertVersion(db(), buildVersion(page))).rejects.toThrow()
    })
  })

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
        await repo.insertSuggestion(db(), {
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

      expect(await repo.findSuggestion(db(), early)).toEqual({
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
      expect(await repo.findSuggestion(db(), newId())).toBeNull()
      // Open suggestions oldest first (a queue); anything else newest first.
      expect((await repo.listSuggestions(db(), { status: 'open' })).map(s => s.id)).toEqual([early, middle, late])
      expect((await repo.listSuggestions(db(), { authorId: mo.id })).map(s => s.id)).toEqual([late, early])
      expect((await repo.listSuggestions(db(), { pageId: other.id })).map(s => s.id)).toEqual([middle])

      const decision = { at: '2026-11-24T11:00:00.000Z', by: editor.id, resultingVersion: null }
      expect(
        await repo.decideSuggestion(db(), early, { ...decision, status: 'declined', note: 'Already covered' }),
      ).toBe(true)
      expect(await repo.decideSuggestion(db(), early, { ...decision, status: 'accepted', note: null })).toBe(false)
      expect(
        await repo.decideSuggestion(db(), middle, { ...decision, status: 'accepted', note: null, resultingVersion: 2 }),
      ).toBe(true)

      expect(await repo.findSuggestion(db(), early)).toMatchObject({
        status: 'declined',
        decidedAt: '2026-11-24T11:00:00.000Z',
        decidedBy: editor.id,
        decidedByName: 'Ed Editor',
        decisionNote: 'Already covered',
        resultingVersion: null,
      })
      expect(await repo.findSuggestion(db(), middle)).toMatchObject({ status: 'accepted', resultingVersion: 2 })
      expect((await repo.listSuggestions(db(), { status: 'open' })).map(s => s.id)).toEqual([late])
      expect((await repo.listSuggestions(db(), { status: 'declined' })).map(s => s.id)).toEqual([early])
      expect((await repo.listSuggestions(db(), { status: 'accepted', authorId: sue.id })).map(s => s.id)).toEqual([
        middle,
      ])
      expect(await repo.listSuggestions(db(), { status: 'accepted', authorId: mo.id })).toEqual([])
    })
  })

  describe('revision', () => {
    it('goes up by one on each bump', async () => {
      const before = await repo.revision(db())
      expect(before).toBeGreaterThanOrEqual(1)

      await repo.bumpRevision(db())
      await repo.bumpRevision(db())

      expect(await repo.revision(db())).toBe(before + 2)
    })

    it("is remembered for a moment, so another instance's bump is seen a moment later, and its own at once", async () => {
      const fresh = new HandbookRepository()
      const bumpElsewhere = () =>
        db()
          .updateTable('handbook_state')
          .set(eb => ({ revision: eb('revision', '+', 1) }))
          .where('id', '=', 'handbook')
          .execute()
      const before = await fresh.revision(db())
      await bumpElsewhere()
      expect(await fresh.revision(db())).toBe(before)

      await db()
        .transaction()
        .execute(trx => fresh.bumpRevision(trx))
      expect(await fresh.revision(db())).toBe(before + 2)
      // Soon after its own change it keeps asking the database: the change may commit later.
      await bumpElsewhere()
      expect(await fresh.revision(db())).toBe(before + 3)
    })
  })

  describe('transactions', () => {
    it('rolls back every write of a failed transaction, search index included', async () => {
      const section = await insertSection(db())
      const page = buildPage({ sectionId: section.id, title: 'Rolled back zebracorn', skills: ['coaching'] })
      const revision = await repo.revision(db())

      await expect(
        db()
          .transaction()
          .execute(async trx => {
            await repo.insertPage(trx, page)
            await repo.insertVersion(trx, buildVersion(page))
            await repo.bumpRevision(trx)
            throw new Error('Something failed after the writes')
          }),
      ).rejects.toThrow('Something failed')

      expect(await repo.findPageBySlug(db(), page.slug)).toBeNull()
      expect(await repo.listVersions(db(), page.id)).toEqual([])
      expect(await repo.revision(db())).toBe(revision)
      expect((await repo.search(db(), ['zebracorn'], 10, 0)).total).toBe(0)
    })
  })
})
