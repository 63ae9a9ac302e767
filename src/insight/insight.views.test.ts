// Insight's presenters: the backlog's filters and page links, the form's date and choices, and the
// section a roadmap item's page shows.
import { describe, expect, it } from 'vitest'
import type { Insight } from './insight.types.ts'
import { backlogView, insightFormView, insightValues, kindItems, knowledgeSection } from './insight.views.ts'

const piece = (o: Partial<Insight> = {}): Insight => ({
  id: 'i1',
  title: 'Owners forget',
  kind: 'research',
  source: 'Interviews',
  observedOn: '2026-11-03',
  evidence: 'Four of six',
  origin: 'team',
  status: 'published',
  mergedIntoId: null,
  createdAt: '2026-11-04T10:00:00.000Z',
  createdById: 'u1',
  createdByName: 'Ida',
  updatedAt: '2026-11-04T10:00:00.000Z',
  updatedByName: 'Ida',
  version: 3,
  ...o,
})

describe('insight presenters', () => {
  it('keeps the filters in every page link of the backlog', () => {
    const view = backlogView(
      { items: [{ ...piece(), things: [{ productId: 'p1', productName: 'Boats' }] }], total: 45, page: 2, pages: 3 },
      { q: 'late letters', kind: 'support', productId: 'p1' },
      { thingName: 'Boats' },
    )
    expect(view.filtered).toBe(true)
    expect(view.rows[0]).toMatchObject({ href: '/insight/i1', things: 'Boats', fromPublic: false })
    expect(view.rows[0]?.meta).toBe('Research finding · 3 November 2026 · Interviews')
    expect(view.pagination?.previous?.href).toBe('/insight?q=late+letters&kind=support&product=p1')
    expect(view.pagination?.next?.href).toBe('/insight?q=late+letters&kind=support&product=p1&page=3')
    expect(view.kindItems.find(i => i.selected)?.value).toBe('support')
    expect(view.thing).toBe('Boats')
    expect(view.thingMatches).toBeNull()
  })

  it('finds things by part of their name, offering each when the words find several or none', () => {
    const page = { items: [], total: 0, page: 1, pages: 1 }
    const filter = { kind: 'support' as const, thing: 'boat' }
    const several = backlogView(page, filter, {
      matches: [
        { id: 'p1', name: 'Register a boat' },
        { id: 'p2', name: 'Renew a boat licence' },
      ],
    })
    expect(several.thing).toBe('boat')
    expect(several.filtered).toBe(true)
    expect(several.thingMatches?.things).toEqual([
      { name: 'Register a boat', href: '/insight?kind=support&product=p1' },
      { name: 'Renew a boat licence', href: '/insight?kind=support&product=p2' },
    ])
    expect(backlogView(page, filter, { matches: [] }).thingMatches).toEqual({ words: 'boat', things: [] })
    const one = backlogView({ ...page, total: 45, pages: 3 }, filter, {
      matches: [{ id: 'p1', name: 'Register a boat' }],
    })
    expect(one.thingMatches).toBeNull()
    expect(one.pagination?.next?.href).toBe('/insight?kind=support&thing=boat&page=2')
  })

  it('starts the date at today, then keeps what was typed', () => {
    expect(insightFormView({}, { today: '2026-11-24' }).observedOn).toEqual({ day: '24', month: '11', year: '2026' })
    const typed = { 'observedOn-day': '', 'observedOn-month': '', 'observedOn-year': '' }
    expect(insightFormView(typed, { today: '2026-11-24' }).observedOn).toEqual({ day: '', month: '', year: '' })
    expect(insightValues(piece())).toMatchObject({ 'observedOn-day': '3', 'observedOn-month': '11', version: '3' })
    expect(
      kindItems('analytics')
        .filter(k => k.checked)
        .map(k => k.value),
    ).toEqual(['analytics'])
    const problems = insightFormView(
      { itemId: 'r2' },
      { today: '2026-11-24', problems: [{ id: 'r2', problem: 'Late' }] },
    )
    expect(problems.itemItems.map(i => [i.value, i.selected])).toEqual([
      ['', false],
      ['r2', true],
    ])
  })

  it('answers what we know about a problem, with links to add more for those who may', () => {
    const empty = knowledgeSection({ insight: [], ideas: [] }, { productId: 'p1', itemId: 'r1', canAdd: false })
    expect(empty.heading).toBe('What do we know about this problem?')
    expect(empty.intro).toContain('No insight is tagged')
    expect(empty.actions).toEqual([])
    const known = knowledgeSection(
      { insight: [piece()], ideas: [{ id: 'd1', title: 'Text reminders', insightCount: 0 }] },
      { productId: 'p1', itemId: 'r1', canAdd: true },
    )
    expect(known.intro).toBe('1 piece of insight is tagged to this problem.')
    expect(known.groups[0]?.rows).toEqual([
      { text: 'Owners forget', href: '/insight/i1', meta: 'Research finding · 3 November 2026 · Interviews' },
    ])
    expect(known.groups[1]?.rows[0]).toEqual({
      text: 'Text reminders',
      href: '/insight/ideas/d1',
      meta: 'No insight behind it yet',
    })
    expect(known.actions.map(a => a.href)).toEqual([
      '/insight?product=p1&item=r1',
      '/insight/new?product=p1&item=r1',
      '/insight/ideas/new?item=r1',
    ])
  })
})
