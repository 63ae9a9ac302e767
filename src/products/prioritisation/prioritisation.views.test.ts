// Prioritisation's presenters: every point on the impact/effort matrix stands where the table's
// scores say, options sharing a cell stay inside it, and the rankings and summaries count right.
import { describe, expect, it } from 'vitest'
import type { PriorityOption } from './prioritisation.types.ts'
import {
  MATRIX,
  balanceView,
  cellCentre,
  matrixView,
  moscowView,
  prioritisationFlags,
  prioritisationPart,
  riceView,
  scoresAt,
  topOptions,
  weightedView,
} from './prioritisation.views.ts'

let n = 0
const option = (over: Partial<PriorityOption> = {}): PriorityOption => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  productId: 'p',
  title: `Option ${n}`,
  description: '',
  impact: null,
  effort: null,
  moscow: null,
  rice: null,
  scores: {},
  createdAt: '2026-11-24T10:00:00.000Z',
  createdByName: 'Ann',
  updatedAt: '2026-11-24T10:00:00.000Z',
  updatedByName: 'Ann',
  version: 1,
  ...over,
})

describe('the impact/effort matrix', () => {
  const options = [
    option({ title: 'Quick', impact: 5, effort: 1 }),
    option({ title: 'Big', impact: 4, effort: 5 }),
    option({ title: 'Small', impact: 1, effort: 2 }),
    option({ title: 'Pit', impact: 2, effort: 4 }),
    option({ title: 'Unscored' }),
    // Four options in one cell.
    ...[1, 2, 3, 4].map(i => option({ title: `Crowd ${i}`, impact: 3, effort: 3 })),
  ]
  const view = matrixView(options, 'p')

  it('places every point where its row in the table says', () => {
    expect(view.points).toHaveLength(8)
    expect(view.tableRows).toEqual(view.points)
    for (const p of view.points) {
      expect(scoresAt(p.x, p.y), p.title).toEqual({ impact: p.impact, effort: p.effort })
      expect(p.x).toBeGreaterThan(MATRIX.left)
      expect(p.x).toBeLessThan(MATRIX.left + MATRIX.plotWidth)
      expect(p.y).toBeGreaterThan(MATRIX.top)
      expect(p.y).toBeLessThan(MATRIX.top + MATRIX.plotHeight)
    }
    expect(view.points.map(p => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('puts high impact at the top and high effort on the right, in the named quarters', () => {
    const at = (title: string) => view.points.find(p => p.title === title)
    expect(at('Quick')?.quadrantLabel).toBe('Quick win')
    expect(at('Big')?.quadrantLabel).toBe('Big bet')
    expect(at('Small')?.quadrantLabel).toBe('Fill-in')
    expect(at('Pit')?.quadrantLabel).toBe('Money pit')
    expect(at('Quick')?.y ?? 0).toBeLessThan(at('Small')?.y ?? 0)
    expect(at('Quick')?.x ?? 0).toBeLessThan(at('Big')?.x ?? 0)
    // The dividing lines sit between 2 and 3 on each axis.
    expect(view.lines.midX).toBe((cellCentre(1, 2).x + cellCentre(1, 3).x) / 2)
    expect(view.lines.midY).toBe((cellCentre(2, 1).y + cellCentre(3, 1).y) / 2)
    expect(view.quadrants.map(q => q.text)).toEqual(['Quick wins', 'Big bets', 'Fill-ins', 'Money pits'])
  })

  it('keeps options that share a cell apart', () => {
    const crowd = view.points.filter(p => p.title.startsWith('Crowd'))
    expect(new Set(crowd.map(p => `${p.x},${p.y}`)).size).toBe(4)
  })

  it('describes the chart in words and lists what is not scored', () => {
    expect(view.desc).toContain('8 options')
    expect(view.desc).toContain('Quick wins: Quick.')
    expect(view.desc).toContain('Money pits: Pit.')
    expect(view.unscored.map(o => o.title)).toEqual(['Unscored'])
    expect(matrixView([], 'p').desc).toBe('No options have been scored for impact and effort yet.')
  })
})

describe('the rankings', () => {
  const a = option({ title: 'A', moscow: 'must', rice: { reach: 100, impact: 2, confidence: 50, effort: 4 } })
  const b = option({ title: 'B', moscow: 'wont', rice: { reach: 200, impact: 3, confidence: 100, effort: 2 } })
  const c = option({ title: 'C' })
  const criteria = [
    { id: 'v', name: 'Value', weight: 2 },
    { id: 'r', name: 'Risk', weight: 1 },
  ]

  it('ranks by RICE score, highest first', () => {
    const rows = riceView([a, b, c], 'p').rows
    expect(rows.map(r => [r.title, r.scoreText])).toEqual([
      ['B', '300'],
      ['A', '25'],
    ])
    expect(riceView([a, b, c], 'p').unscored.map(o => o.title)).toEqual(['C'])
  })

  it('ranks by weighted total, leaving out options not scored on every criterion', () => {
    const scored: PriorityOption[] = [
      { ...a, scores: { v: 3, r: 5 } },
      { ...b, scores: { v: 5, r: 1 } },
      { ...c, scores: { v: 5 } },
    ]
    const view = weightedView(scored, criteria, 'p')
    // A tie is broken by title.
    expect(view.rows.map(r => [r.title, r.total])).toEqual([
      ['A', 11],
      ['B', 11],
    ])
    expect(view.maximum).toBe(15)
    expect(view.unscored.map(o => o.title)).toEqual(['C'])
  })

  it('groups MoSCoW in order, with what is not sorted', () => {
    const view = moscowView([a, b, c], 'p')
    expect(view.groups.map(g => [g.heading, g.options.map(o => o.title)])).toEqual([
      ['Must have', ['A']],
      ['Should have', []],
      ['Could have', []],
      ['Won’t have this time', ['B']],
    ])
    expect(view.unsorted.map(o => o.title)).toEqual(['C'])
  })

  it('summarises the top option by each method used, and nothing for methods not used', () => {
    expect(topOptions([a, b], [])).toEqual(['Must have: A', 'Top by RICE: B (score 300)'])
    const quick = option({ title: 'Q', impact: 4, effort: 1 })
    expect(topOptions([quick], [])).toEqual(['Quick wins on impact and effort: Q'])
    expect(prioritisationPart('p', { options: [], criteria: [], quarters: [] }).empty).toBe(true)
  })
})

describe('the backlog balance', () => {
  const quarter = (q: string, debtDone: number) => ({
    id: q,
    productId: 'p',
    quarter: q,
    counts: {
      support: { planned: 1, done: 1 },
      features: { planned: 1, done: 1 },
      debt: { planned: 1, done: debtDone },
      innovation: { planned: 1, done: 1 },
    },
    note: '',
    updatedAt: '2026-11-24T10:00:00.000Z',
    updatedByName: 'Ann',
    version: 1,
  })

  it('marks starved cells and warns about a run ending in the latest quarter', () => {
    const view = balanceView([quarter('2027-Q1', 0), quarter('2026-Q4', 0), quarter('2026-Q3', 1)], '2027-Q1', 'p')
    expect(view.warnings).toEqual([
      'Reduction of technical debt was starved in 2026 Q4 and 2027 Q1: none was planned or none was done in either quarter',
    ])
    expect(view.quarters[0]?.cells[2]).toMatchObject({ starved: true, run: true })
    expect(view.quarters[2]?.cells[2]).toMatchObject({ starved: false, run: false })
    expect(prioritisationFlags('p', [quarter('2027-Q1', 0), quarter('2026-Q4', 0)])).toEqual([
      {
        text: 'A class of work has been starved two quarters running: reduction of technical debt',
        href: '/products/p/prioritisation/balance',
      },
    ])
    expect(prioritisationFlags('p', [quarter('2027-Q1', 1), quarter('2026-Q4', 0)])).toEqual([])
  })
})
