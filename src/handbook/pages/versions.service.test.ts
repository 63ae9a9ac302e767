// The handbook's services on both engines, wired as src/app.ts wires it: real repositories, a real
// audit service, and a clock the tests move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/dialects.ts'
import { handbookWorld, type HandbookWorld } from '../../../test/handbook-world.ts'
import { NotFoundError, StaleVersionError } from '../../platform/errors.ts'

describe.each(DIALECTS)('handbook page history on %s', dialect => {
  let { testDb, handbook, editor, other, input } = {} as HandbookWorld
  beforeAll(async () => {
    ;({ testDb, handbook, editor, other, input } = await handbookWorld(dialect))
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
