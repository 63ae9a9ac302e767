// The handbook's services on both engines, wired as src/app.ts wires it: real repositories, a real
// audit service, and a clock the tests move.
import { rejection } from '../../../test/assert.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation } from '../../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../../test/dialects.ts'
import { buildPageInput, insertSection, insertUser } from '../../../test/factories.ts'
import { AuditRepository } from '../../audit/audit.repository.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import { NotFoundError, ValidationError } from '../../platform/errors.ts'
import { HandbookRepository } from '../handbook.repository.ts'
import type { Section } from '../handbook.types.ts'
import { HandbookService } from '../handbook.service.ts'
import type { PageInput } from '../pages/pages.service.ts'

type Person = Actor & { id: string; name: string }

describe.each(DIALECTS)('handbook sections on %s', dialect => {
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
  let section: Section

  const input = (overrides: Partial<PageInput> = {}) => buildPageInput({ sectionId: section.id, ...overrides })
  const eventsFor = async (subjectId: string) =>
    (await new AuditRepository().list(testDb.db.kysely, {}, 100_000, 0)).events
      .filter(e => e.subjectId === subjectId)
      .map(e => e.action)

  beforeAll(async () => {
    repo = new HandbookRepository()
    const built = await buildTestServices({ dialect, clock, replace: { handbook: repo } })
    testDb = built.testDb
    const db = built.db
    ;({ handbook } = built.services)
    // Pages are tagged with the current framework's skills: the 2025 framework with leadership.
    await installOrganisation(built)
    editor = await insertUser(db, { name: 'Ed Editor', role: 'editor' })
    await insertUser(db, { name: 'Olu Other', role: 'editor' })
    await insertUser(db, { name: 'Mo Member', role: 'member' })
    section = await insertSection(db, { title: 'Ways of working', position: 1 })
  })
  afterAll(() => testDb.destroy())

  describe('ordering', () => {
    it('creates, renames, moves and deletes sections, refusing to delete one with pages', async () => {
      const first = await handbook.createSection(editor, { title: 'Section order one', summary: '' })
      const second = await handbook.createSection(editor, { title: 'Section order two', summary: 'Second.' })
      const duplicate = await handbook.createSection(editor, { title: 'Section order two', summary: '' })
      expect(duplicate.slug).toBe('section-order-two-2')
      const order = async () => (await handbook.sections()).map(s => s.slug).filter(s => s.startsWith('section-order-'))

      expect(await order()).toEqual(['section-order-one', 'section-order-two', 'section-order-two-2'])
      await handbook.reorderSection(editor, second.slug, 'up')
      expect(await order()).toEqual(['section-order-two', 'section-order-one', 'section-order-two-2'])
      await handbook.reorderSection(editor, second.slug, 'down')
      expect(await order()).toEqual(['section-order-one', 'section-order-two', 'section-order-two-2'])

      await handbook.updateSection(editor, first.slug, { title: 'Renamed section', summary: 'New summary.' })
      expect(await handbook.section(first.slug)).toMatchObject({ title: 'Renamed section', summary: 'New summary.' })

      await handbook.createPage(editor, { ...input({ title: 'Keeps section' }), sectionId: second.id })
      const error = await rejection(handbook.deleteSection(editor, second.slug))
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors).toHaveProperty('section')
      expect(await handbook.section(second.slug)).toMatchObject({ id: second.id })

      await handbook.deleteSection(editor, duplicate.slug)
      await expect(handbook.section(duplicate.slug)).rejects.toBeInstanceOf(NotFoundError)
      expect(await eventsFor(duplicate.id)).toEqual(['handbook.section-deleted', 'handbook.section-created'])
    })
  })
})
