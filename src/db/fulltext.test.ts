// Full-text search over handbook pages, through the repository and service that use it: FTS5 on
// SQLite, a weighted tsvector on PostgreSQL. Both must rank, match prefixes, AND words, mark hits
// and shrug off anything typed into the search box.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation } from '../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../test/dialects.ts'
import { buildPageInput, insertSection, insertUser } from '../../test/factories.ts'
import { HandbookRepository } from '../handbook/handbook.repository.ts'
import type { Section } from '../handbook/handbook.types.ts'
import { SEARCH_PAGE_SIZE } from '../handbook/pages/pages.service.ts'
import type { HandbookService } from '../handbook/handbook.service.ts'
import type { Actor } from '../platform/auth/roles.ts'
import { HIT_END, HIT_START, searchTerms } from './dialect.ts'

const clock = () => new Date('2026-11-24T10:00:00.000Z')

describe.each(DIALECTS)('handbook search on %s', dialect => {
  let testDb: TestDb
  let handbook: HandbookService
  let repo: HandbookRepository
  let editor: Actor
  let section: Section

  const create = (title: string, body: string, summary = '') =>
    handbook.createPage(editor, buildPageInput({ sectionId: section.id, title, summary, body }))
  const titles = async (query: string) => (await handbook.search(query, 1)).results.map(r => r.title)

  beforeAll(async () => {
    repo = new HandbookRepository()
    const built = await buildTestServices({ dialect, clock, replace: { handbook: repo } })
    testDb = built.testDb
    const db = built.db
    handbook = built.services.handbook
    await installOrganisation(built)
    editor = await insertUser(db, { name: 'Ed Editor', role: 'editor' })
    section = await insertSection(db, { title: 'Ways of working' })

    await create(
      'Roadmaps',
      'A plan that shows what the team will work on. Keep it short and share it with the people who use it.',
    )
    await create(
      'Working in the open',
      'Publish your plans. A public roadmap helps other teams and the people who use the service.',
    )
    await create(
      'Prioritisation',
      'Decide what to do first by weighing value against effort, then say what you will not do.',
    )
    await create('User research', 'Talk to the people who use the service, often, before you decide what to build.')
    await create('Research operations', 'Recruiting participants and storing findings safely. No users were harmed.')
    await create(
      'Safe pages',
      'Never paste <script>alert("x")</script> & other markup into a roadmap: it shows as text.',
    )
  })
  afterAll(() => testDb.destroy())

  it('ranks a page with the word in its title above one with it only in the text', async () => {
    const found = await titles('roadmap')

    expect(found[0]).toBe('Roadmaps')
    expect(found).toContain('Working in the open')
  })

  it('counts every result', async () => {
    const result = await handbook.search('roadmap', 1)

    expect(result.total).toBe(3)
    expect(result.results).toHaveLength(3)
    expect(result.pages).toBe(1)
    expect(new Set(result.results.map(r => r.sectionTitle))).toEqual(new Set(['Ways of working']))
  })

  it('treats the last word as a prefix', async () => {
    expect(await titles('prior')).toEqual(['Prioritisation'])
    expect(await titles('prioritisation')).toEqual(['Prioritisation'])
  })

  it('finds only pages with every word', async () => {
    expect(await titles('people service')).toEqual(expect.arrayContaining(['Working in the open', 'User research']))
    expect((await titles('people service')).sort()).toEqual(['User research', 'Working in the open'])
    expect(await titles('research recruiting')).toEqual(['Research operations'])
    expect(await titles('roadmap effort')).toEqual([])
  })

  it('marks hits in the snippet', async () => {
    const [hit] = (await repo.pages.search(testDb.db.kysely, searchTerms('weighing'), 10, 0)).hits

    expect(hit?.title).toBe('Prioritisation')
    expect(hit?.snippet).toContain(`${HIT_START}weighing${HIT_END}`)
  })

  it('escapes the page text in the snippet and marks the hits with <mark>', async () => {
    const result = await handbook.search('markup', 1)

    expect(result.results.map(r => r.title)).toEqual(['Safe pages'])
    const html = result.results[0]?.snippetHtml ?? ''
    expect(html).toContain('&lt;script&gt;')
    expect(html).toContain('<mark>markup</mark>')
    expect(html).toContain('&amp;')
    expect(html).not.toContain('<script')
    expect(html).not.toContain(HIT_START)
    expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/)
  })

  it('finds and shows words written inside angle brackets', async () => {
    await create('Keyboard shortcuts', 'Press <Enter> to send the form, or <Esc> to close the dialog.')

    const result = await handbook.search('enter', 1)

    expect(result.results.map(r => r.title)).toEqual(['Keyboard shortcuts'])
    expect(result.results[0]?.snippetHtml).toContain('Press &lt;<mark>Enter</mark>&gt; to send')
    expect(await titles('esc')).toEqual(['Keyboard shortcuts'])
  })

  it('does not let page text fake a hit mark', async () => {
    await create('Private characters', `Odd ${HIT_START}text${HIT_END} and ${HIT_START} alone, about a dodecahedron.`)

    const html = (await handbook.search('dodecahedron', 1)).results[0]?.snippetHtml ?? ''

    expect(html).toContain('<mark>dodecahedron</mark>')
    expect(html.match(/<mark>/g)).toHaveLength(1)
    expect(html.match(/<\/mark>/g)).toHaveLength(1)
  })

  it('finds nothing for nonsense', async () => {
    const result = await handbook.search('xqzvbnwk', 1)

    expect(result).toMatchObject({ total: 0, results: [], pages: 1 })
  })

  it('finds nothing, without an error, for a query of punctuation alone', async () => {
    for (const query of ['', '   ', '!!!', '?*&|', '—…', '"\'`', '-- ;']) {
      const result = await handbook.search(query, 1)
      expect(result.terms).toEqual([])
      expect(result.total).toBe(0)
      expect(result.results).toEqual([])
    }
  })

  it('never fails on input that looks like query syntax or SQL', async () => {
    const everything = (await handbook.contents()).sections.flatMap(s => s.pages).length
    const inputs = [
      "' OR 1=1 --",
      "roadmap' OR '1'='1",
      '"',
      '"roadmap',
      'road*',
      '*',
      'NEAR(',
      'NEAR(roadmap plan)',
      'roadmap:*',
      ':*',
      '&|!',
      'roadmap & !plan | (team',
      'roadmap <-> plan',
      'title:roadmap',
      '^roadmap',
      'roadmap AND OR NOT',
      '); drop table handbook_pages; --',
      '\\',
      '\u0000roadmap',
      'x² ½ ①',
      'café naïve',
      '中文 搜索',
      '🙂 emoji',
      'a'.repeat(5000),
      Array.from({ length: 50 }, (_, i) => `word${i}`).join(' '),
    ]
    for (const query of inputs) {
      const result = await handbook.search(query, 1)
      expect(result.total, query).toBeGreaterThanOrEqual(0)
      expect(result.total, query).toBeLessThan(everything)
    }
    expect(await titles("roadmap' OR '1'='1")).toEqual([])
    expect(await titles('"roadmap')).toContain('Roadmaps')
    expect(await titles('NEAR(roadmap plan)')).toEqual([])
    expect(await titles('\u0000roadmap')).toContain('Roadmaps')
  })

  it('pages through many results with a total that counts them all', async () => {
    for (let n = 1; n <= SEARCH_PAGE_SIZE + 5; n++)
      await create(`Meeting ${String(n).padStart(2, '0')}`, 'How to run a daily huddle well.')

    const first = await handbook.search('huddle', 1)
    const second = await handbook.search('huddle', 2)
    const beyond = await handbook.search('huddle', 99)

    expect([first.total, second.total]).toEqual([SEARCH_PAGE_SIZE + 5, SEARCH_PAGE_SIZE + 5])
    expect([first.pages, second.pages]).toEqual([2, 2])
    expect(first.results).toHaveLength(SEARCH_PAGE_SIZE)
    expect(second.results).toHaveLength(5)
    const seen = [...first.results, ...second.results].map(r => r.title)
    expect(new Set(seen).size).toBe(SEARCH_PAGE_SIZE + 5)
    expect(seen.every(title => title.startsWith('Meeting '))).toBe(true)
    expect(beyond.results).toEqual([])
  })

  it('follows edits and deletions of pages', async () => {
    const page = await create('Retrospectives', 'Hold a kaleidoscope session at the end of each sprint.')
    expect(await titles('kaleidoscope')).toEqual(['Retrospectives'])

    const saved = await handbook.updatePage(
      editor,
      page.slug,
      buildPageInput({ sectionId: section.id, title: 'Team retrospectives', body: 'Use a starfish exercise instead.' }),
      page.version,
    )

    expect(await titles('kaleidoscope')).toEqual([])
    expect(await titles('starfish')).toEqual(['Team retrospectives'])
    expect(await titles('team retro')).toEqual(['Team retrospectives'])

    await handbook.deletePage(editor, saved.slug, saved.version)

    expect(await titles('starfish')).toEqual([])
    expect(await titles('retrospectives')).toEqual([])
  })
})
