// The handbook service on both engines, wired as src/app.ts wires it: real repositories, a real
// audit service, and a clock the tests move.
import { rejection } from '../../test/assert.ts'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation, servicesOn } from '../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../test/dialects.ts'
import { buildPageInput, insertSection, insertUser } from '../../test/factories.ts'
import { AuditRepository, type AuditEvent } from '../audit/audit.repository.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { Actor } from '../platform/auth/roles.ts'
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { HandbookRepository } from './handbook.repository.ts'
import type { Page, Section } from './handbook.types.ts'
import { HandbookService, type PageInput } from './handbook.service.ts'

type Person = Actor & { id: string; name: string }

/** An audit log whose every write fails, to prove a change and its audit event stand or fall together. */
class BrokenAuditRepository extends AuditRepository {
  override async insert(_db: DbExecutor, _event: AuditEvent): Promise<unknown> {
    throw new Error('The audit log is unavailable')
  }
}

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

describe.each(DIALECTS)('handbook service on %s', dialect => {
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
  const tick = () => {
    now = new Date(now.getTime() + 60_000)
  }
  let editor: Person
  let other: Person
  let member: Person
  let section: Section

  const input = (overrides: Partial<PageInput> = {}) => buildPageInput({ sectionId: section.id, ...overrides })
  const auditCount = async () => (await audit.list({}, 1)).total
  const versionCount = async (slug: string) => (await handbook.history(slug)).versions.length
  const eventsFor = async (subjectId: string) =>
    (await new AuditRepository().list(testDb.db.kysely, {}, 100_000, 0)).events
      .filter(e => e.subjectId === subjectId)
      .map(e => e.action)

  beforeAll(async () => {
    repo = new HandbookRepository()
    const built = await buildTestServices({ dialect, clock, replace: { handbook: repo } })
    testDb = built.testDb
    const db = built.db
    ;({ audit, handbook } = built.services)
    // Pages are tagged with the current framework's skills: the 2025 framework with leadership.
    await installOrganisation(built)
    editor = await insertUser(db, { name: 'Ed Editor', role: 'editor' })
    other = await insertUser(db, { name: 'Olu Other', role: 'editor' })
    member = await insertUser(db, { name: 'Mo Member', role: 'member' })
    section = await insertSection(db, { title: 'Ways of working', position: 1 })
  })
  afterAll(() => testDb.destroy())

  describe('creating pages', () => {
    it('makes the slug from the title and records version 1 and an audit event', async () => {
      const revision = await handbook.revision()

      const page = await handbook.createPage(
        editor,
        input({ title: 'Working with Stakeholders!', body: '## Who they are\n\nPeople with a say.' }),
      )

      expect(page).toMatchObject({
        slug: 'working-with-stakeholders',
        version: 1,
        updatedBy: editor.id,
        updatedByName: 'Ed Editor',
      })
      expect(page.headings).toEqual([{ level: 2, id: 'section-who-they-are', text: 'Who they are' }])
      expect(page.bodyHtml).toContain('<h2')
      expect(await handbook.page('working-with-stakeholders')).toEqual(page)
      const { versions } = await handbook.history(page.slug)
      expect(versions.map(v => [v.version, v.changeNote, v.createdByName])).toEqual([
        [1, 'Created the page', 'Ed Editor'],
      ])
      expect(await eventsFor(page.id)).toEqual(['handbook.page-created'])
      expect(await handbook.revision()).toBe(revision + 1)
    })

    it('gives a reserved slug a suffix, and a repeated title a number', async () => {
      const search = await handbook.createPage(editor, input({ title: 'Search' }))
      const again = await handbook.createPage(editor, input({ title: 'Search' }))
      const first = await handbook.createPage(editor, input({ title: 'Discovery' }))
      const second = await handbook.createPage(editor, input({ title: 'Discovery' }))
      const third = await handbook.createPage(editor, input({ title: 'discovery' }))

      expect([search.slug, again.slug]).toEqual(['search-page', 'search-page-2'])
      expect([first.slug, second.slug, third.slug]).toEqual(['discovery', 'discovery-2', 'discovery-3'])
    })

    it('refuses a section that does not exist', async () => {
      const error = await rejection(handbook.createPage(editor, { ...input(), sectionId: 'no-such-section' }))

      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors).toHaveProperty('sectionId')
    })

    it('refuses a link to a handbook page that does not exist, writing nothing', async () => {
      const audits = await auditCount()
      const revision = await handbook.revision()

      const error = await rejection(
        handbook.createPage(editor, input({ title: 'Linked', body: 'See [the missing page](/handbook/not-a-page).' })),
      )

      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors.body).toContain('/handbook/not-a-page')
      await expect(handbook.page('linked')).rejects.toBeInstanceOf(NotFoundError)
      expect(await auditCount()).toBe(audits)
      expect(await handbook.revision()).toBe(revision)
    })

    it('accepts links to pages that exist', async () => {
      const target = await handbook.createPage(editor, input({ title: 'Link target' }))

      const page = await handbook.createPage(
        editor,
        input({
          title: 'Links out',
          body: `See [the target](/handbook/${target.slug}#part) and [GOV.UK](https://www.gov.uk).`,
        }),
      )

      expect(page.bodyHtml).toContain(`href="/handbook/${target.slug}#section-part"`)
      expect(page.bodyHtml).toContain('href="https://www.gov.uk"')
    })
  })

  describe('updating pages', () => {
    it('saves a new version and keeps the history', async () => {
      const page = await handbook.createPage(editor, input({ title: 'Kanban', body: 'Version one.' }))
      tick()

      const saved = await handbook.updatePage(
        other,
        page.slug,
        input({
          title: 'Kanban boards',
          body: 'Version two.',
          changeNote: 'Renamed',
          skills: ['agile-and-lean-practices'],
        }),
        1,
      )

      expect(saved).toMatchObject({
        id: page.id,
        slug: page.slug,
        version: 2,
        title: 'Kanban boards',
        body: 'Version two.',
        updatedByName: 'Olu Other',
        createdAt: page.createdAt,
      })
      expect(saved.updatedAt > page.updatedAt).toBe(true)
      expect(await handbook.page(page.slug)).toEqual(saved)
      const { versions } = await handbook.history(page.slug)
      expect(versions.map(v => [v.version, v.title, v.changeNote, v.createdByName])).toEqual([
        [2, 'Kanban boards', 'Renamed', 'Olu Other'],
        [1, 'Kanban', 'Created the page', 'Ed Editor'],
      ])
      expect((await handbook.version(page.slug, 1)).version.body).toBe('Version one.')
      expect((await handbook.version(page.slug, 2)).version.meta.skills).toEqual(['agile-and-lean-practices'])
      expect((await handbook.pagesForSkills(['agile-and-lean-practices'])).map(p => p.id)).toContain(page.id)
      expect(await eventsFor(page.id)).toEqual(['handbook.page-updated', 'handbook.page-created'])
    })

    it('suggests pages for skills from the current handbook, the same again and a changed one at once', async () => {
      const page = await handbook.createPage(editor, input({ title: 'Coaching circles', skills: ['coaching'] }))
      const first = await handbook.pagesForSkills(['coaching'])
      expect(first.map(p => p.id)).toContain(page.id)
      expect(await handbook.pagesForSkills(['coaching'])).toEqual(first)

      tick()
      await handbook.updatePage(editor, page.slug, input({ title: 'Coaching circles', skills: ['mentoring'] }), 1)
      expect((await handbook.pagesForSkills(['coaching'])).map(p => p.id)).not.toContain(page.id)
      expect((await handbook.pagesForSkills(['mentoring', 'mentoring'])).map(p => p.id)).toContain(page.id)
    })

    it('refuses a save based on an old version, carrying the latest page and writing nothing', async () => {
      const page = await handbook.createPage(editor, input({ title: 'Stale saves', body: 'First.' }))
      const latest = await handbook.updatePage(other, page.slug, input({ title: 'Stale saves', body: 'Second.' }), 1)
      const audits = await auditCount()
      const revision = await handbook.revision()

      const error = await rejection(
        handbook.updatePage(editor, page.slug, input({ title: 'Stale saves', body: 'My edit.' }), 1),
      )

      expect(error).toBeInstanceOf(StaleVersionError)
      expect(error).toBeInstanceOf(ConflictError)
      expect((error as StaleVersionError<Page>).latest).toEqual(latest)
      expect(await handbook.page(page.slug)).toEqual(latest)
      expect(await versionCount(page.slug)).toBe(2)
      expect(await auditCount()).toBe(audits)
      expect(await handbook.revision()).toBe(revision)
    })

    it('refuses a broken link and leaves the page, history, audit log and search as they were', async () => {
      const page = await handbook.createPage(editor, input({ title: 'Unbroken', body: 'Original quokka text.' }))
      const audits = await auditCount()
      const revision = await handbook.revision()

      const error = await rejection(
        handbook.updatePage(
          editor,
          page.slug,
          input({ title: 'Broken', body: 'New wombat text with [a link](/handbook/nowhere-at-all).' }),
          1,
        ),
      )

      expect(error).toBeInstanceOf(ValidationError)
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(['body'])
      expect(await handbook.page(page.slug)).toEqual(page)
      expect(await versionCount(page.slug)).toBe(1)
      expect(await auditCount()).toBe(audits)
      expect(await handbook.revision()).toBe(revision)
      expect((await handbook.search('wombat', 1)).total).toBe(0)
      expect((await handbook.search('quokka', 1)).results.map(r => r.slug)).toEqual([page.slug])
    })

    it('moves a page to the end of another section', async () => {
      const elsewhere = await insertSection(testDb.db.kysely, { title: 'Elsewhere' })
      await handbook.createPage(editor, { ...input(), sectionId: elsewhere.id })
      const page = await handbook.createPage(editor, input({ title: 'Moving page' }))

      const moved = await handbook.updatePage(
        editor,
        page.slug,
        { ...input({ title: 'Moving page' }), sectionId: elsewhere.id },
        1,
      )

      expect(moved).toMatchObject({ sectionId: elsewhere.id, position: 2 })
      const contents = await handbook.contents()
      expect(contents.sections.find(s => s.id === elsewhere.id)?.pages.map(p => p.slug)).toContain(page.slug)
      expect(contents.sections.find(s => s.id === section.id)?.pages.map(p => p.slug)).not.toContain(page.slug)
    })

    it('lets exactly one of two editors who opened the same version save at the same time', async () => {
      const page = await handbook.createPage(editor, input({ title: 'Pair', body: 'Start' }))

      const results = await Promise.allSettled([
        handbook.updatePage(editor, page.slug, input({ title: 'Pair', body: 'Mine' }), 1),
        handbook.updatePage(other, page.slug, input({ title: 'Pair', body: 'Theirs' }), 1),
      ])

      const won = results.filter(r => r.status === 'fulfilled')
      const lost = results.filter(r => r.status === 'rejected')
      expect(won).toHaveLength(1)
      expect(lost).toHaveLength(1)
      const reason: unknown = lost[0]?.status === 'rejected' ? lost[0].reason : undefined
      expect(reason).toBeInstanceOf(StaleVersionError)
      const saved = await handbook.page(page.slug)
      expect(saved.version).toBe(2)
      expect(['Mine', 'Theirs']).toContain(saved.body)
      expect(await versionCount(page.slug)).toBe(2)
    })

    it('keeps every save when 10 editors save one page 5 times each, retrying on conflict', async () => {
      const page = await handbook.createPage(editor, input({ title: 'Busy page', body: 'Start' }))
      const writers = 10
      const rounds = 5
      let saves = 0
      let conflicts = 0

      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let r = 0; r < rounds; r++) {
            for (let attempt = 0; ; attempt++) {
              if (attempt > 200) throw new Error(`Writer ${w} could not save round ${r}`)
              const current = await handbook.page(page.slug)
              try {
                await handbook.updatePage(
                  editor,
                  page.slug,
                  input({ title: 'Busy page', body: `${current.body}\nwriter ${w} round ${r}` }),
                  current.version,
                )
                saves++
                break
              } catch (error) {
                if (!(error instanceof StaleVersionError)) throw error
                conflicts++
              }
            }
          }
        }),
      )

      const final = await handbook.page(page.slug)
      expect(saves).toBe(writers * rounds)
      expect(final.version).toBe(1 + saves)
      const lines = final.body.split('\n')
      expect(lines).toHaveLength(1 + saves)
      for (let w = 0; w < writers; w++)
        for (let r = 0; r < rounds; r++) expect(lines).toContain(`writer ${w} round ${r}`)
      const { versions } = await handbook.history(page.slug)
      expect(versions.map(v => v.version)).toEqual(Array.from({ length: 1 + saves }, (_, i) => 1 + saves - i))
      expect((await eventsFor(page.id)).filter(a => a === 'handbook.page-updated')).toHaveLength(saves)
      // Writers did race (how often depends on scheduling), and every race was caught.
      expect(conflicts).toBeGreaterThan(0)
    })

    it('writes nothing when the audit event cannot be written', async () => {
      const broken = servicesOn(testDb, {
        clock,
        replace: { handbook: repo, audit: new BrokenAuditRepository() },
      }).handbook
      const page = await handbook.createPage(editor, input({ title: 'Audited', body: 'Original platypus text.' }))
      const revision = await handbook.revision()

      await expect(
        broken.updatePage(editor, page.slug, input({ title: 'Audited', body: 'New echidna text.' }), 1),
      ).rejects.toThrow('audit log is unavailable')
      await expect(broken.createPage(editor, input({ title: 'Never created' }))).rejects.toThrow()
      await expect(broken.deletePage(editor, page.slug, 1)).rejects.toThrow()

      expect(await handbook.page(page.slug)).toEqual(page)
      expect(await versionCount(page.slug)).toBe(1)
      await expect(handbook.page('never-created')).rejects.toBeInstanceOf(NotFoundError)
      expect(await handbook.revision()).toBe(revision)
      expect((await handbook.search('echidna', 1)).total).toBe(0)
      expect((await handbook.search('platypus', 1)).total).toBe(1)
    })

    it('deletes a page only at the version the editor saw', async () => {
      const page = await handbook.createPage(editor, input({ title: 'To delete' }))
      await handbook.updatePage(editor, page.slug, input({ title: 'To delete' }), 1)

      await expect(handbook.deletePage(editor, page.slug, 1)).rejects.toBeInstanceOf(StaleVersionError)
      const deleted = await handbook.deletePage(editor, page.slug, 2)

      expect(deleted.id).toBe(page.id)
      await expect(handbook.page(page.slug)).rejects.toBeInstanceOf(NotFoundError)
      expect(await eventsFor(page.id)).toContain('handbook.page-deleted')
    })
  })

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

  describe('ordering', () => {
    it('moves pages up and down within their section', async () => {
      const own = await insertSection(testDb.db.kysely, { title: 'Ordering pages' })
      const [a, b, c] = [
        await handbook.createPage(editor, { ...input({ title: 'Order A' }), sectionId: own.id }),
        await handbook.createPage(editor, { ...input({ title: 'Order B' }), sectionId: own.id }),
        await handbook.createPage(editor, { ...input({ title: 'Order C' }), sectionId: own.id }),
      ]
      const order = async () =>
        (await handbook.contents()).sections.find(s => s.id === own.id)?.pages.map(p => p.title) ?? []
      expect(await order()).toEqual(['Order A', 'Order B', 'Order C'])

      await handbook.reorderPage(editor, c.slug, 'up')
      expect(await order()).toEqual(['Order A', 'Order C', 'Order B'])

      await handbook.reorderPage(editor, a.slug, 'down')
      expect(await order()).toEqual(['Order C', 'Order A', 'Order B'])

      const revision = await handbook.revision()
      await handbook.reorderPage(editor, c.slug, 'up')
      await handbook.reorderPage(editor, b.slug, 'down')
      expect(await order()).toEqual(['Order C', 'Order A', 'Order B'])
      expect(await handbook.revision()).toBe(revision)
      expect(await eventsFor(c.id)).toContain('handbook.page-reordered')

      const inContext = await handbook.pageInContext(a.slug)
      expect([inContext.previous?.title, inContext.next?.title]).toEqual(['Order C', 'Order B'])
      await expect(handbook.reorderPage(editor, 'no-such-page', 'up')).rejects.toBeInstanceOf(NotFoundError)
    })

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

  describe('suggestions', () => {
    const body10 = Array.from({ length: 10 }, (_, i) => `Line ${i + 1}`).join('\n')
    const replaceLine = (text: string, n: number, by: string) =>
      text
        .split('\n')
        .map((line, i) => (i === n - 1 ? by : line))
        .join('\n')

    const newPage = (title: string) => handbook.createPage(editor, input({ title, summary: 'Summary', body: body10 }))
    const suggestOn = (page: Page, body: string, reason = 'Clearer') =>
      handbook.suggest(member, page.slug, { title: page.title, summary: page.summary, body, reason }, page.version)

    it('refuses a suggestion that changes nothing', async () => {
      const page = await newPage('Suggest nothing')
      const audits = await auditCount()

      const error = await rejection(suggestOn(page, page.body))

      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors).toHaveProperty('body')
      expect(await handbook.suggestionsBy(member.id)).not.toContainEqual(expect.objectContaining({ pageId: page.id }))
      expect(await auditCount()).toBe(audits)
    })

    it('proposes the suggestion as it is when the page has not changed', async () => {
      const page = await newPage('Suggest unchanged')
      const suggestion = await suggestOn(page, replaceLine(body10, 2, 'Line two, improved'))

      const review = await handbook.review(suggestion.id)

      expect(review.pageChangedSince).toBe(false)
      expect(review.proposedBody).toBe(suggestion.body)
      expect(review.diff.filter(d => d.kind !== 'same')).toEqual([
        { kind: 'removed', text: 'Line 2' },
        { kind: 'added', text: 'Line two, improved' },
      ])
      expect(await eventsFor(suggestion.id)).toEqual(['handbook.suggestion-made'])
      expect((await handbook.openSuggestions()).map(s => s.id)).toContain(suggestion.id)
    })

    it('combines the suggestion with changes made elsewhere in the page since', async () => {
      const page = await newPage('Suggest merged')
      const suggestion = await suggestOn(page, replaceLine(body10, 2, 'Line two, suggested'))
      await handbook.updatePage(
        editor,
        page.slug,
        input({ title: page.title, summary: page.summary, body: replaceLine(body10, 9, 'Line nine, edited') }),
        1,
      )

      const review = await handbook.review(suggestion.id)

      expect(review.pageChangedSince).toBe(true)
      expect(review.proposedBody).toContain('Line two, suggested')
      expect(review.proposedBody).toContain('Line nine, edited')
      expect(review.proposedBody?.split('\n')).toHaveLength(10)
    })

    it('cannot combine changes to the same lines', async () => {
      const page = await newPage('Suggest clash')
      const suggestion = await suggestOn(page, replaceLine(body10, 5, 'Line five, suggested'))
      await handbook.updatePage(
        editor,
        page.slug,
        input({ title: page.title, summary: page.summary, body: replaceLine(body10, 5, 'Line five, edited') }),
        1,
      )

      const review = await handbook.review(suggestion.id)

      expect(review.pageChangedSince).toBe(true)
      expect(review.proposedBody).toBeNull()
    })

    it('keeps an accepted change when a second suggestion changed the same paragraph (issue 10)', async () => {
      const page = await newPage('Two suggestions')
      const first = await suggestOn(page, replaceLine(body10, 4, 'Line four, first suggestion'))
      const second = await suggestOn(page, replaceLine(body10, 4, 'Line four, second suggestion'))
      const accepted = await handbook.acceptSuggestion(editor, first.id, first.body, page.version)

      const review = await handbook.review(second.id)

      // The combine-by-hand box holds both versions between markers, never the second alone.
      expect(review.conflicts).toBe(1)
      expect(review.proposedBody).toBeNull()
      expect(review.mergedBody.split('\n').slice(3, 8)).toEqual([
        '<<<<<<< The page now',
        'Line four, first suggestion',
        '=======',
        'Line four, second suggestion',
        '>>>>>>> The suggestion',
      ])
      // Saving the markers is refused; so is text that drops the accepted line, unless the editor says so.
      const withMarkers = await rejection(
        handbook.acceptSuggestion(editor, second.id, review.mergedBody, accepted.version),
      )
      expect((withMarkers as ValidationError).fieldErrors.body).toContain('conflict markers')
      const undoing = await rejection(handbook.acceptSuggestion(editor, second.id, second.body, accepted.version))
      expect((undoing as ValidationError).fieldErrors.body).toContain('Line four, first suggestion')
      expect((await handbook.page(page.slug)).version).toBe(accepted.version)

      const both = replaceLine(body10, 4, 'Line four, first suggestion, then the second')
      const saved = await handbook.acceptSuggestion(editor, second.id, both, accepted.version)
      expect(saved.body).toBe(both)
    })

    it('lets an editor undo a later change when they say they mean it', async () => {
      const page = await newPage('Undo on purpose')
      const first = await suggestOn(page, replaceLine(body10, 6, 'Line six, first'))
      const second = await suggestOn(page, replaceLine(body10, 6, 'Line six, second'))
      const accepted = await handbook.acceptSuggestion(editor, first.id, first.body, page.version)
      const saved = await handbook.acceptSuggestion(editor, second.id, second.body, accepted.version, {
        undoLaterChanges: true,
      })
      expect(saved.body).toBe(second.body)
    })

    it('accepts a suggestion as a new version credited to the person who suggested it', async () => {
      const page = await newPage('Suggest accepted')
      const suggestion = await suggestOn(page, replaceLine(body10, 3, 'Line three, better'))
      const review = await handbook.review(suggestion.id)

      const saved = await handbook.acceptSuggestion(editor, suggestion.id, review.proposedBody ?? '', page.version)

      expect(saved).toMatchObject({
        version: 2,
        body: suggestion.body,
        updatedBy: member.id,
        updatedByName: 'Mo Member',
      })
      const latest = (await handbook.history(page.slug)).versions[0]
      expect(latest).toMatchObject({
        version: 2,
        createdBy: member.id,
        createdByName: 'Mo Member',
        suggestionId: suggestion.id,
      })
      expect(latest?.changeNote).toContain('Mo Member')
      expect(latest?.changeNote).toContain('Ed Editor')
      expect(await handbook.suggestion(suggestion.id)).toMatchObject({
        status: 'accepted',
        decidedBy: editor.id,
        decidedByName: 'Ed Editor',
        resultingVersion: 2,
      })
      expect(await eventsFor(suggestion.id)).toEqual(['handbook.suggestion-accepted', 'handbook.suggestion-made'])
      expect(await eventsFor(page.id)).toEqual(['handbook.page-updated', 'handbook.page-created'])

      const audits = await auditCount()
      await expect(handbook.acceptSuggestion(editor, suggestion.id, suggestion.body, 2)).rejects.toBeInstanceOf(
        ConflictError,
      )
      expect(await handbook.page(page.slug)).toMatchObject({ version: 2 })
      expect(await auditCount()).toBe(audits)
    })

    it('records the reason when a suggestion is declined, and decides it only once', async () => {
      const page = await newPage('Suggest declined')
      const suggestion = await suggestOn(page, replaceLine(body10, 4, 'Line four, declined'))

      await handbook.declineSuggestion(other, suggestion.id, 'We cover this on another page')

      expect(await handbook.suggestion(suggestion.id)).toMatchObject({
        status: 'declined',
        decisionNote: 'We cover this on another page',
        decidedByName: 'Olu Other',
        resultingVersion: null,
      })
      expect(await handbook.page(page.slug)).toMatchObject({ version: 1, body: body10 })
      await expect(handbook.declineSuggestion(editor, suggestion.id, 'Again')).rejects.toBeInstanceOf(ConflictError)
      await expect(handbook.acceptSuggestion(editor, suggestion.id, suggestion.body, 1)).rejects.toBeInstanceOf(
        ConflictError,
      )
      expect(await handbook.page(page.slug)).toMatchObject({ version: 1, body: body10 })
      expect(await eventsFor(suggestion.id)).toEqual(['handbook.suggestion-declined', 'handbook.suggestion-made'])
      expect((await handbook.openSuggestions()).map(s => s.id)).not.toContain(suggestion.id)
      expect((await handbook.suggestionsBy(member.id)).map(s => s.id)).toContain(suggestion.id)
    })

    it('lets only one of an accept and a decline made at the same time take effect', async () => {
      const page = await newPage('Suggest race')
      const suggestion = await suggestOn(page, replaceLine(body10, 6, 'Line six, raced'))

      const [accepted, declined] = await Promise.allSettled([
        handbook.acceptSuggestion(editor, suggestion.id, suggestion.body, 1),
        handbook.declineSuggestion(other, suggestion.id, 'Not needed'),
      ])

      expect([accepted.status, declined.status].filter(s => s === 'fulfilled')).toHaveLength(1)
      const decided = await handbook.suggestion(suggestion.id)
      const current = await handbook.page(page.slug)
      if (decided.status === 'accepted') {
        expect(current).toMatchObject({ version: 2, body: suggestion.body })
      } else {
        expect(decided.status).toBe('declined')
        expect(current).toMatchObject({ version: 1, body: body10 })
        expect(await versionCount(page.slug)).toBe(1)
        expect(await eventsFor(page.id)).toEqual(['handbook.page-created'])
      }
    })
  })

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
