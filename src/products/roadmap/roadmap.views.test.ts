// The roadmap presenters: each item's move buttons, the columns in order, the strategy page's
// summary and its flag for items with no metric, and the export.
import { describe, expect, it } from 'vitest'
import { arrange } from './roadmap.service.ts'
import type { RoadmapItem } from './roadmap.types.ts'
import { boardView, moveButtons, roadmapFlags, roadmapMarkdown, roadmapPart } from './roadmap.views.ts'

let n = 0
const item = (overrides: Partial<RoadmapItem> = {}): RoadmapItem => ({
  id: `i${++n}`,
  productId: 'p1',
  column: 'next',
  position: n,
  problem: `Problem ${n}`,
  outcome: 'Better',
  metricId: 'm1',
  metricName: 'Completion rate',
  status: 'open',
  createdAt: '2026-11-01T10:00:00.000Z',
  createdByName: 'Rae',
  updatedAt: `2026-11-0${Math.min(n, 9)}T10:00:00.000Z`,
  updatedByName: 'Rae',
  version: 1,
  ...overrides,
})

describe('roadmap presenters', () => {
  it('offers only the moves an item can make', () => {
    const one = item({ column: 'now' })
    expect(moveButtons(one, 0, 1).map(b => b.text)).toEqual(['Move to Next', 'Move to Later'])
    expect(moveButtons(one, 1, 3).map(b => b.value)).toEqual(['up', 'down', 'next', 'later'])
    expect(moveButtons(item({ column: 'later' }), 2, 3).map(b => b.text)).toEqual([
      'Move up',
      'Move to Now',
      'Move to Next',
    ])
  })

  it('lays out the columns in order with done and dropped items apart', () => {
    const items = [
      item({ column: 'later', problem: 'L' }),
      item({ column: 'now', position: 5, problem: 'N2' }),
      item({ column: 'now', position: 1, problem: 'N1' }),
      item({ status: 'dropped', problem: 'D' }),
    ]
    const view = boardView(arrange(items), 'p1')
    expect(view.columns.map(c => [c.label, c.items.map(i => i.problem)])).toEqual([
      ['Now', ['N1', 'N2']],
      ['Next', []],
      ['Later', ['L']],
    ])
    expect(view.columns[0]?.items[0]?.moveAction).toMatch(/^\/products\/p1\/roadmap\/i\d+\/move$/)
    expect(view.closed.map(c => [c.problem, c.status])).toEqual([['D', 'Dropped']])
  })

  it('sums up the roadmap and flags each open item without a metric', () => {
    const board = arrange([
      item({ column: 'now', problem: 'Fix payments' }),
      item({ column: 'next', metricId: null, metricName: null, problem: 'Find out why people call' }),
      item({ column: 'later', metricId: null, status: 'dropped' }),
    ])
    const part = roadmapPart(board, 'p1')
    expect(part.lines).toEqual(['Now: 1, Next: 1, Later: 0', 'Now: Fix payments'])
    const flags = roadmapFlags(board, 'p1')
    expect(flags).toHaveLength(1)
    expect(flags[0]?.text).toBe('No metric on the roadmap item ‘Find out why people call’')
    expect(flags[0]?.href).toMatch(/^\/products\/p1\/roadmap\/i\d+$/)
    const md = roadmapMarkdown(board).lines.join('\n')
    expect(md).toContain('### Now\n\n1. **Problem:** Fix payments')
    expect(md).toContain('**Metric:** none yet')
    expect(md).toContain('- Dropped: ')
  })
})
