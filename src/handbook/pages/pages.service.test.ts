// The handbook's services on both engines, wired as src/app.ts wires it: real repositories, a real
// audit service, and a clock the tests move.
import { rejection } from '../../../test/assert.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { servicesOn } from '../../../test/build-test-services.ts'
import { DIALECTS } from '../../../test/dialects.ts'
import { handbookWorld, type HandbookWorld } from '../../../test/handbook-world.ts'
import { insertSection } from '../../../test/factories.ts'
import { AuditRepository, type AuditEvent } from '../../audit/audit.repository.ts'
import type { DbExecutor } from '../../db/connect.ts'
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import type { Page } from '../handbook.types.ts'

/** An audit log whose every write fails, to prove a change and its audit event stand or fall together. */
class BrokenAuditRepository extends AuditRepository {
  override async insert(_db: DbExecutor, _event: AuditEvent): Promise<unknown> {
    throw new Error('The audit log is unavailable')
  }
}

describe.each(DIALECTS)('handbook pages on %s', dialect => {
  let { testDb, handbook, repo, editor, other, section, input, auditCount, versionCount, eventsFor, clock, tick } =
    {} as HandbookWorld
  beforeAll(async () => {
    ;({ testDb, handbook, repo, editor, other, section, input, auditCount, versionCount, eventsFor, clock, tick } =
      await handbookWorld(dialect))
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
  })
})
