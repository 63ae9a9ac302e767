// The leaders' view presenters: filters, sorting (ties by name), sortable headers that are plain
// links with aria-sort, flags linked to their cause, paging, and the CSV's columns; and the
// balance page's warnings, with the backlog's starved-run rule applied to the portfolio's classes.
import { describe, expect, it } from 'vitest'
import { readViewQuery } from './portfolio.schemas.ts'
import type { PortfolioQuarter, Scope, ThingFigures } from './portfolio.types.ts'
import { balanceView, flagsOf, leadersCsv, leadersView, selectRows, viewPath } from './portfolio.views.ts'

const thing = (name: string, o: Partial<ThingFigures> = {}): ThingFigures => ({
  id: `id-${name}`,
  name,
  kind: 'service',
  phase: 'beta',
  stage: 'growth',
  area: 'Licensing',
  group: 'Fishing',
  ownerName: null,
  roadmap: { now: 0, next: 0, later: 0, nextItems: [] },
  metrics: { onTarget: 0, offTarget: 0, noTarget: 0, unmeasured: 0 },
  hypotheses: { waiting: 0, overdue: 0 },
  starved: null,
  flags: { noProblemStatement: false, reviewDue: false, lastReviewOn: '2026-11-01', nounName: false },
  ...o,
})

const AREA: Scope = { level: 'area', area: 'Licensing and permits', group: null }
const things = [
  thing('Book a test', { phase: 'live', metrics: { onTarget: 1, offTarget: 2, noTarget: 0, unmeasured: 0 } }),
  thing('Apply for a permit', {
    phase: 'alpha',
    group: 'Boats',
    flags: { noProblemStatement: true, reviewDue: true, lastReviewOn: null, nounName: false },
  }),
  thing('Claim a refund', { starved: ['debt'], hypotheses: { waiting: 3, overdue: 1 } }),
]

describe('leaders’ view presenters', () => {
  it('sorts by health flags first by default, ties by name', () => {
    expect(selectRows(things, readViewQuery({})).map(t => t.name)).toEqual([
      'Apply for a permit',
      'Book a test',
      'Claim a refund',
    ])
    expect(selectRows(things, readViewQuery({ sort: 'phase', order: 'desc' })).map(t => t.phase)).toEqual([
      'live',
      'beta',
      'alpha',
    ])
    expect(selectRows(things, readViewQuery({ show: 'starved' })).map(t => t.name)).toEqual(['Claim a refund'])
    expect(selectRows(things, readViewQuery({ group: 'Boats' })).map(t => t.name)).toEqual(['Apply for a permit'])
  })

  it('links each flag to its cause', () => {
    expect(flagsOf(things[1] as ThingFigures)).toEqual([
      { text: 'No problem statement', href: '/products/id-Apply for a permit/problem-statement' },
      { text: 'Never reviewed', href: '/products/id-Apply for a permit/reviews' },
    ])
  })

  it('builds headers that sort by link, with aria-sort on the current one', () => {
    const view = leadersView(things, AREA, readViewQuery({ sort: 'name', order: 'asc' }), '2026-Q4')
    expect(viewPath(AREA)).toBe('/portfolio/areas/Licensing%20and%20permits')
    const name = view.headers.find(h => h.text === 'Thing')
    expect(name?.ariaSort).toBe('ascending')
    expect(name?.href).toBe('/portfolio/areas/Licensing%20and%20permits?sort=name&order=desc')
    expect(view.headers.find(h => h.text === 'Metrics')?.ariaSort).toBe('none')
    expect(view.csvHref).toBe('/portfolio/areas/Licensing%20and%20permits/export.csv?sort=name&order=asc')
    expect(view.filters.area).toBeNull()
    // Each count links to the view showing just the things it counts.
    expect(view.summary).toEqual([
      {
        text: '1 with a health flag',
        href: '/portfolio/areas/Licensing%20and%20permits?sort=flags&order=desc&show=flagged',
        testId: 'summary-flagged',
      },
      {
        text: '1 with a metric off target',
        href: '/portfolio/areas/Licensing%20and%20permits?sort=flags&order=desc&show=off-target',
        testId: 'summary-off-target',
      },
      {
        text: '1 with a hypothesis past its date',
        href: '/portfolio/areas/Licensing%20and%20permits?sort=flags&order=desc&show=overdue',
        testId: 'summary-overdue',
      },
      {
        text: '1 with a class of backlog work starved this quarter',
        href: '/portfolio/areas/Licensing%20and%20permits?sort=flags&order=desc&show=starved',
        testId: 'summary-starved',
      },
    ])
    expect(view.rows[1]?.metrics.text).toBe('1 on target, 2 off target')
    expect(view.pagination).toBeNull()
  })

  it('writes counts of a thousand or more with a comma, in the summary and the heading', () => {
    const many = Array.from({ length: 1234 }, (_, i) =>
      thing(`Thing ${String(i).padStart(4, '0')}`, { hypotheses: { waiting: 1, overdue: 1 } }),
    )
    const view = leadersView(many, AREA, readViewQuery({}), '2026-Q4')
    expect(view.showCount).toBe('1,234 things')
    expect(view.summary.find(s => s.testId === 'summary-overdue')?.text).toBe('1,234 with a hypothesis past its date')
  })

  it('pages long views 50 rows at a time', () => {
    const many = Array.from({ length: 120 }, (_, i) => thing(`Thing ${String(i).padStart(3, '0')}`))
    const view = leadersView(many, AREA, readViewQuery({ sort: 'name', page: '3' }), '2026-Q4')
    expect(view.rows).toHaveLength(20)
    expect(view.rows[0]?.name).toBe('Thing 100')
    expect(view.pagination?.previous?.href).toContain('page=2')
  })

  it('writes a CSV row per thing, formulas guarded', () => {
    const csv = leadersCsv([thing('=SUM(A1)')], readViewQuery({}), 'https://valuekit.example/')
    const [header, row] = csv.replace('\uFEFF', '').split('\r\n')
    expect(header?.split(',')).toHaveLength(21)
    expect(row).toMatch(/^'=SUM\(A1\),Service,Licensing,Fishing/)
    expect(row).toContain('Not recorded')
    expect(row).toContain('https://valuekit.example/products/id-=SUM(A1)')
  })
})

describe('portfolio balance presenter', () => {
  const quarter = (q: string, dysfunction: { planned: number; done: number }): PortfolioQuarter => ({
    id: q,
    quarter: q,
    counts: {
      relationships: { planned: 1, done: 1 },
      products: { planned: 2, done: 2 },
      dysfunction,
      innovation: { planned: 1, done: 1 },
    },
    note: '',
    updatedAt: '2026-11-24T10:00:00.000Z',
    updatedByName: 'Hana Head',
    version: 1,
  })

  it('warns of a class starved this quarter, and of one starved two quarters running', () => {
    const view = balanceView(
      [quarter('2026-Q4', { planned: 2, done: 0 }), quarter('2026-Q3', { planned: 0, done: 0 })],
      '2026-Q4',
    )
    expect(view.warnings).toEqual([
      'Reduction of organisational dysfunction is starved in 2026 Q4: none of it is done yet',
      'Reduction of organisational dysfunction was starved in 2026 Q3 and 2026 Q4: none was planned or none was done in either quarter',
    ])
    expect(view.quarters[0]?.cells[2]).toMatchObject({ starved: true, run: true })
    expect(view.quarters[0]?.cells[0]).toMatchObject({ starved: false, run: false })
  })

  it('says when this quarter is not recorded', () => {
    const view = balanceView([quarter('2026-Q3', { planned: 1, done: 1 })], '2026-Q4')
    expect(view.currentRecorded).toBe(false)
    expect(view.warnings).toEqual([])
  })
})
