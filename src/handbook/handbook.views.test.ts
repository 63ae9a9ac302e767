import { describe, expect, it } from 'vitest'
import { buildPage, buildSection } from '../../test/factories.ts'
import { BUNDLED_TERMS } from '../framework/framework.terms.ts'
import type { Page, Suggestion } from './handbook.types.ts'
import type { SuggestionReview } from './suggestions/suggestions.service.ts'
import {
  pageFormView,
  pageView,
  printView,
  printableBody,
  resourceRows,
  roleItems,
  searchView,
  skillItems,
  suggestionView,
} from './handbook.views.ts'

const section = buildSection({ id: 'section-1', title: 'Ways of working' })
const reading = {
  kind: 'reading' as const,
  title: 'Inspired',
  author: 'Marty Cagan',
  format: 'Book',
  length: '',
  url: '',
}
const training = {
  kind: 'training' as const,
  title: 'Roadmaps',
  author: '',
  format: 'Course',
  length: '2 days',
  url: '',
}
const page = buildPage({
  sectionId: section.id,
  title: 'Discovery',
  roles: ['product-manager'],
  skills: ['user-focus'],
  resources: [reading, training],
})
const nobody = { edit: false, suggest: false, history: false, authors: false }

describe('handbook presenters', () => {
  it('shows a page with its tags by name, its resources by kind, and links to its neighbours', () => {
    const view = pageView(
      BUNDLED_TERMS,
      { page, section, previous: { slug: 'intro', title: 'Introduction' }, next: null },
      nobody,
    )
    expect(view.pageTitle).toBe('Discovery')
    expect(view.pager).toEqual({ previous: { href: '/handbook/intro', labelText: 'Introduction' }, next: undefined })
    expect(view.tags.roles).toEqual([{ slug: 'product-manager', name: 'Product manager' }])
    expect(view.tags.skills).toEqual([{ slug: 'user-focus', name: BUNDLED_TERMS.skillName('user-focus') }])
    expect(view.reading).toEqual([reading])
    expect(view.training).toEqual([training])
    expect(view.can).toBe(nobody)
  })

  it('has no pager for a page on its own', () => {
    expect(pageView(BUNDLED_TERMS, { page, section, previous: null, next: null }, nobody).pager).toBeNull()
  })

  it('titles the search page by its query and links every page of results', () => {
    expect(searchView('', null)).toEqual({
      pageTitle: 'Search the handbook',
      query: '',
      result: null,
      pagination: null,
    })
    const view = searchView('road maps', { page: 2, pages: 3 })
    expect(view.pageTitle).toBe('Search results for ‘road maps’')
    expect(view.pagination?.items.map(i => i.href)).toEqual([
      '/handbook/search?q=road+maps&page=1',
      '/handbook/search?q=road+maps&page=2',
      '/handbook/search?q=road+maps&page=3',
    ])
    expect(searchView('x', { page: 1, pages: 1 }).pagination).toBeNull()
  })

  it('offers every current role and keeps a retired one the page still has', () => {
    const items = roleItems(BUNDLED_TERMS, ['product-manager', 'retired-role'])
    expect(items.filter(i => i.checked).map(i => i.value)).toEqual(['product-manager', 'retired-role'])
    expect(items).toHaveLength(BUNDLED_TERMS.roles.length + 1)
    expect(items.at(-1)?.text).toBe('retired-role')
  })

  it('splits skills into core and leadership, keeping unknown ones with the core skills', () => {
    const core = skillItems(BUNDLED_TERMS, ['unknown-skill'], 'core')
    const leadership = skillItems(BUNDLED_TERMS, ['unknown-skill'], 'leadership')
    expect(core.at(-1)).toEqual({ value: 'unknown-skill', text: 'unknown-skill', checked: true })
    expect(leadership.some(i => i.value === 'unknown-skill')).toBe(false)
    expect(core.length + leadership.length).toBe(BUNDLED_TERMS.skills.length + 1)
  })

  it('adds two blank resource rows numbered after the highest row', () => {
    const rows = resourceRows([{ ...reading, index: 4 }])
    expect(rows.map(r => r.index)).toEqual([4, 5, 6])
    expect(rows[1]).toMatchObject({ kind: 'reading', title: '', url: '' })
  })

  it('builds the page form with the chosen section selected', () => {
    const sections = [section, buildSection({ id: 'section-2', title: 'Tools' })]
    const view = pageFormView(BUNDLED_TERMS, sections, {
      mode: 'edit',
      page,
      values: { title: 'Discovery' },
      input: { roles: [], skills: [], resources: [], sectionId: 'section-2' },
    })
    expect(view.pageTitle).toBe('Edit Discovery')
    expect(view.sectionItems.filter(i => i.selected).map(i => i.text)).toEqual(['Tools'])
    expect(view.resourceRows).toHaveLength(2)
    expect(
      pageFormView(BUNDLED_TERMS, sections, {
        ...view,
        mode: 'new',
        input: { roles: [], skills: [], resources: [], sectionId: '' },
      }).pageTitle,
    ).toBe('New page')
  })

  it('lets a reviewer decide an open suggestion only, and offers the combined text to accept', () => {
    const suggestion = { pageTitle: 'Discovery', body: 'Their text', status: 'open' } as Suggestion
    const review: SuggestionReview = {
      suggestion,
      page,
      proposedBody: 'Combined text',
      mergedBody: 'Combined text',
      conflicts: 0,
      pageChangedSince: false,
      diff: [],
    }
    expect(suggestionView(review, true)).toMatchObject({
      pageTitle: 'Suggested change to Discovery',
      acceptBody: 'Combined text',
      can: { review: true },
    })
    // When both changed the same lines, the box holds both versions with markers, never theirs alone.
    const clash = {
      ...review,
      proposedBody: null,
      mergedBody: '<<<<<<< The page now\nOurs\n=======\nTheirs\n>>>>>>> The suggestion',
      conflicts: 1,
    }
    expect(suggestionView(clash, true).acceptBody).toBe(clash.mergedBody)
    expect(suggestionView(review, true, { whole: true }).toggleHref).toMatch(/#changes$/)
    expect(suggestionView(review, false).can.review).toBe(false)
    expect(suggestionView({ ...review, suggestion: { ...suggestion, status: 'accepted' } }, true).can.review).toBe(
      false,
    )
  })
})

describe('printable documents', () => {
  const basics = buildSection({ id: 's1', slug: 'basics', title: 'Basics' })
  const pageOf = (slug: string, bodyHtml: string, updatedAt: string): Page => ({
    ...buildPage({ id: slug, slug, title: slug, sectionId: 's1' }),
    bodyHtml,
    updatedAt,
  })

  it('makes ids unique to each page and links to pages in the document point within it', () => {
    expect(
      printableBody(
        '<h2 id="section-intro">Intro</h2><a href="#section-intro">up</a> <a href="/handbook/two">two</a> <a href="/handbook/two#section-x">x</a> <a href="/handbook/elsewhere">out</a>',
        'one',
        new Set(['one', 'two']),
      ),
    ).toBe(
      '<h2 id="p-one--section-intro">Intro</h2><a href="#p-one--section-intro">up</a> <a href="#page-two">two</a> <a href="#p-two--section-x">x</a> <a href="/handbook/elsewhere">out</a>',
    )
  })

  it('leaves out empty sections and counts pages and the latest change', () => {
    const view = printView(
      [
        {
          section: basics,
          pages: [pageOf('one', '<p>1</p>', '2026-01-02T00:00:00Z'), pageOf('two', '', '2026-03-01T00:00:00Z')],
        },
        { section: { ...basics, id: 's2', slug: 'empty' }, pages: [] },
      ],
      { whole: true, title: 'Handbook', crumbs: [] },
    )
    expect(view.parts).toHaveLength(1)
    expect(view.pageCount).toBe(2)
    expect(view.lastChanged).toBe('2026-03-01T00:00:00Z')
    expect(view.pageTitle).toBe('Handbook: printable version')
  })
})
