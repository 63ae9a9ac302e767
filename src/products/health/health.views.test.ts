// The health check presenters: the questions as answered, each round's state, the trend as a
// table and an SVG with the same numbers, and the strategy page's part.
import { describe, expect, it } from 'vitest'
import type { HealthRound, RoundResults } from './health.types.ts'
import { answerFormView, healthPart, healthView, roundStatus, trendChart, trendTable } from './health.views.ts'

const round = (o: Partial<HealthRound>): HealthRound => ({
  id: 'r',
  productId: 'p1',
  number: 1,
  status: 'closed',
  openedAt: '2026-11-01T10:00:00.000Z',
  openedByName: 'Lia',
  closedAt: '2026-11-10T10:00:00.000Z',
  respondents: 4,
  ...o,
})
const averages = (trust: number) => ({ trust, conflict: 2.5, commitment: 3, accountability: 3.5, results: 4 })
const rounds: RoundResults[] = [
  { round: round({ id: 'r3', number: 3, status: 'open', closedAt: null, respondents: 2 }), averages: null },
  { round: round({ id: 'r2', number: 2, respondents: 5 }), averages: averages(3.2) },
  { round: round({ id: 'r1', number: 1 }), averages: averages(1.5) },
]

describe('health check presenters', () => {
  it('show the five statements with what was chosen and any problem', () => {
    const qs = answerFormView({ trust: '4' }, { list: [], fields: { conflict: { text: 'Choose' } } })
    expect(qs.map(q => q.name)).toEqual(['trust', 'conflict', 'commitment', 'accountability', 'results'])
    expect(qs[0]?.items.find(i => i.checked)?.text).toBe('4: Agree')
    expect(qs[1]?.error).toEqual({ text: 'Choose' })
    expect(qs[0]?.dysfunction).toBe('Absence of trust')
  })

  it('say where each round is, and why results are hidden', () => {
    expect(roundStatus(round({ status: 'open', respondents: 1 }))).toBe(
      'Open since 1 November 2026: 1 person answered so far',
    )
    expect(roundStatus(round({ respondents: 2 }))).toContain('fewer than 3, so the results are not shown')
    expect(roundStatus(round({}))).toBe('Closed 10 November 2026: 4 people answered')
  })

  it('give the trend oldest first as a table and a chart with the same numbers', () => {
    const table = trendTable(rounds)
    expect(table?.rows.map(r => r[0]?.text)).toEqual(['Round 1 (4 people)', 'Round 2 (5 people)'])
    expect(table?.rows[1]?.[1]?.text).toBe('3.2')
    const chart = trendChart(rounds)
    expect(chart?.rows).toHaveLength(5)
    expect(chart?.rows[0]?.points.map(p => p.label)).toEqual(['1.5', '3.2'])
    // A higher score sits higher on the chart.
    const [low, high] = chart?.rows[0]?.points ?? []
    expect((high?.y ?? 0) < (low?.y ?? 0)).toBe(true)
    expect(chart?.description).toContain('Absence of trust: round 1 1.5, round 2 3.2')
    expect(trendTable([rounds[0] as RoundResults])).toBeNull()
    expect(trendChart([])).toBeNull()
  })

  it('show the latest results with the lowest score, and the part for the strategy page', () => {
    const view = healthView('p1', rounds)
    expect(view.latest?.number).toBe(2)
    expect(view.latest?.lowest).toBe(
      'Fear of conflict scored lowest (2.5). Trust is the base the others build on, so check it too.',
    )
    const part = healthPart('p1', rounds)
    expect(part.lines).toEqual([
      'Round 2, 5 people: trust 3.2, conflict 2.5, commitment 3.0, accountability 3.5, results 4.0',
    ])
    expect(part.notes[0]).toBe('Round 3 is open: 2 people answered so far.')
    expect(healthPart('p1', [])).toMatchObject({ empty: true, lines: ['No results to show yet.'] })
  })
})
