// The handbook's services on both engines, wired as src/app.ts wires it: real repositories, a real
// audit service, and a clock the tests move.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS } from '../../../test/dialects.ts'
import { handbookWorld, type HandbookWorld } from '../../../test/handbook-world.ts'

const folders: string[] = []
afterAll(async () => {
  await Promise.all(folders.map(folder => rm(folder, { recursive: true, force: true })))
})

async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), content)
  }
}

describe.each(DIALECTS)('handbook import on %s', dialect => {
  let { testDb, handbook, audit, editor } = {} as HandbookWorld
  beforeAll(async () => {
    ;({ testDb, handbook, audit, editor } = await handbookWorld(dialect))
  })
  afterAll(() => testDb.destroy())

  describe('importing', () => {
    it('creates pages, then reports them unchanged, then updated when a file changes', async () => {
      const root = await mkdtemp(path.join(os.tmpdir(), 'valuekit-import-'))
      folders.push(root)
      await writeTree(root, {
        '01-imported/_section.yml': 'title: Imported section\norder: 1\nsummary: From a folder.\n',
        '01-imported/01-first-import.md':
          '---\ntitle: First import\norder: 1\nskills: [teaching]\n---\n\nThe first page.\n',
        '01-imported/02-second-import.md':
          '---\ntitle: Second import\norder: 2\n---\n\nThe second page links to [the first](01-first-import.md).\n',
      })

      const first = await handbook.importResult(editor, await handbook.readFolder(root))

      expect(first).toMatchObject({ sectionsCreated: 1, pagesCreated: 2, pagesUpdated: 0, pagesUnchanged: 0 })
      expect(first.problems.filter(p => p.severity === 'error')).toEqual([])
      const second = await handbook.page('second-import')
      expect(second.bodyHtml).toContain('href="/handbook/first-import"')
      expect(await handbook.section('imported')).toMatchObject({ title: 'Imported section' })
      expect((await handbook.pagesForSkills(['teaching'])).map(p => p.slug)).toContain('first-import')

      const again = await handbook.importResult(editor, await handbook.readFolder(root))
      expect(again).toMatchObject({ sectionsCreated: 0, pagesCreated: 0, pagesUpdated: 0, pagesUnchanged: 2 })

      await writeTree(root, {
        '01-imported/01-first-import.md':
          '---\ntitle: First import\norder: 1\nskills: [teaching]\n---\n\nThe first page, changed.\n',
      })
      const changed = await handbook.importResult(editor, await handbook.readFolder(root))

      expect(changed).toMatchObject({ sectionsCreated: 0, pagesCreated: 0, pagesUpdated: 1, pagesUnchanged: 1 })
      expect(await handbook.page('first-import')).toMatchObject({ version: 2, body: 'The first page, changed.' })
      expect((await handbook.history('first-import')).versions.map(v => v.changeNote)).toEqual(['Imported', 'Imported'])
      expect((await handbook.search('changed', 1)).results.map(r => r.slug)).toContain('first-import')
      const imports = (await audit.list({ action: 'handbook.imported' }, 1)).events.map(e => e.summary)
      expect(imports).toEqual([
        expect.stringContaining('0 pages created, 1 updated, 1 unchanged'),
        expect.stringContaining('0 pages created, 0 updated, 2 unchanged'),
        expect.stringContaining('2 pages created, 0 updated, 0 unchanged'),
      ])
    })
  })
})
