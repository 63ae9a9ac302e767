// The handbook's services on both engines, wired as src/app.ts wires it: real repositories, a real
// audit service, and a clock the tests move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation } from '../../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../../test/dialects.ts'
import { buildPageInput, insertSection, insertUser } from '../../../test/factories.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import { NotFoundError, StaleVersionError } from '../../platform/errors.ts'
import { HandbookRepository } from '../handbook.repository.ts'
import type { Section } from '../handbook.types.ts'
import { HandbookService } from '../handbook.service.ts'
import type { PageInput } from '../pages/pages.service.ts'

type Person = Actor & { id: string; name: string }

describe.each(DIALECTS)('handbook page history on %s', dialect => {
  let testDb: TestDb
  let handbook: HandbookService
  let repo: HandbookRepository
  let now = new Date('2026-11-24T10:00:00.000Z')
  // Every reading of the clock is a millisecond later, so events are in a known order.
  const clock = () => {
    now = new Date(now.getTime() + 1)
    return new Date(now)
  }
  let editor: Person
  let other: Person
  let section: Section

  const input = (overrides: Partial<PageInput> = {}) => buildPageInput({ sectionId: section.id, ...overrides })

  beforeAll(async () => {
    repo = new HandbookRepository()
    const built = await buildTestServices({ dialect, clock, replace: { handbook: repo } })
    testDb = built.testDb
    const db = built.db
    ;({ handbook } = built.services)
    // Pages are tagged with the current framework's skills: the 2025 framework with leadership.
    await installOrganisation(built)
    editor = await insertUser(db, { name: 'Ed Editor', role: 'editor' })
    other = await insertUser(db, { name: 'Olu Other', role: 'editor' })
    await insertUser(db, { name: 'Mo Member', role: 'member' })
    section = await insertSection(db, { title: 'Ways of working', position: 1 })
  })
  afterAll(() => testDb.destroy())

  describe('history', () => {
    it('restores an old version as the newest, keeping everything in between', async () => {
      const page = await handbook.createPage(editor, input({ title: 'Restorable', body: 'One', skills: ['coaching'] }))
      await handbook.updatePage(editor, page.slug, input({ title: 'Restorable v2', body: 'Two' }), 1)
      await handbook.updatePage(editor, page.slug, input({ title: 'Restorable v3', body: 'Three' }), 2)

      const restored = await handbook.restore(other, page.slug, 1, 3)

      expect(restored).toMatchObject({ version: 4, title: 'Restorable', body: 'One', skills: ['coaching'] })
      const { versions } = await handbook.history(page.slug)
      expect(versions.map(v => [v.version, v.title, v.changeNote])).toEqual([
        [4, 'Restorable', 'Restored version 1'],
        [3, 'Restorable v3', ''],
        [2, 'Restorable v2', ''],
        [1, 'Restorable', 'Created the page'],
      ])
      await expect(handbook.restore(other, page.slug, 2, 3)).rejects.toBeInstanceOf(StaleVersionError)
      await expect(handbook.restore(other, page.slug, 99, 4)).rejects.toBeInstanceOf(NotFoundError)
    })

    it('compares two versions line by line', async () => {
      const page = await handbook.createPage(
        editor,
        input({ title: 'Compare me', summary: 'Old summary', body: 'Line one\nLine two\nLine three' }),
      )
      await handbook.updatePage(
        editor,
        page.slug,
        input({ title: 'Compare me now', summary: 'Old summary', body: 'Line one\nLine 2\nLine three\nLine four' }),
        1,
      )

      const diff = await handbook.compare(page.slug, 1, 2)

      expect(diff.body).toEqual([
        { kind: 'same', text: 'Line one' },
        { kind: 'removed', text: 'Line two' },
        { kind: 'added', text: 'Line 2' },
        { kind: 'same', text: 'Line three' },
        { kind: 'added', text: 'Line four' },
      ])
      expect(diff.title.filter(d => d.kind === 'added').map(d => d.text.trim())).toEqual(['now'])
      expect(diff.summary).toEqual([{ kind: 'same', text: 'Old summary' }])
      await expect(handbook.compare(page.slug, 1, 5)).rejects.toBeInstanceOf(NotFoundError)
    })
  })
})
