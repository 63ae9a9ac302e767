// The handbook's services on both engines, wired as src/app.ts wires it: real repositories, a real
// audit service, and a clock the tests move.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation } from '../../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../../test/dialects.ts'
import { insertSection, insertUser } from '../../../test/factories.ts'
import type { AuditService } from '../../audit/audit.service.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import { HandbookRepository } from '../handbook.repository.ts'
import { HandbookService } from '../handbook.service.ts'

type Person = Actor & { id: string; name: string }

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
  let testDb: TestDb
  let handbook: HandbookService
  let audit: AuditService
  let repo: HandbookRepository
  let now = new Date('2026-11-24T10:00:00.000Z')
  // Every reading of the clock is a millisecond later, so events are in a known order.
  const clock = () => {
    now = new Date(now.getTime() + 1)
    return new Date(now)
  }
  let editor: Person

  beforeAll(async () => {
    repo = new HandbookRepository()
    const built = await buildTestServices({ dialect, clock, replace: { handbook: repo } })
    testDb = built.testDb
    const db = built.db
    ;({ audit, handbook } = built.services)
    // Pages are tagged with the current framework's skills: the 2025 framework with leadership.
    await installOrganisation(built)
    editor = await insertUser(db, { name: 'Ed Editor', role: 'editor' })
    await insertUser(db, { name: 'Olu Other', role: 'editor' })
    await insertUser(db, { name: 'Mo Member', role: 'member' })
    await insertSection(db, { title: 'Ways of working', position: 1 })
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
