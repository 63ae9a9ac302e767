// The handbook's services on both engines, wired as src/app.ts wires it: real repositories, a real
// audit service, and a clock the tests move.
import { rejection } from '../../../test/assert.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/dialects.ts'
import { handbookWorld, type HandbookWorld } from '../../../test/handbook-world.ts'
import { NotFoundError, ValidationError } from '../../platform/errors.ts'

describe.each(DIALECTS)('handbook sections on %s', dialect => {
  let { testDb, handbook, editor, input, eventsFor } = {} as HandbookWorld
  beforeAll(async () => {
    ;({ testDb, handbook, editor, input, eventsFor } = await handbookWorld(dialect))
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
