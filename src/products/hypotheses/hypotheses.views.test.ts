// The hypotheses presenters: the statement as one sentence pair, its state, the strategy page's
// counts and its flag for a hypothesis past its date.
import { describe, expect, it } from 'vitest'
import type { Hypothesis } from './hypotheses.types.ts'
import {
  hypothesesFlags,
  hypothesesMarkdown,
  hypothesesPart,
  hypothesesView,
  statement,
  stateTag,
} from './hypotheses.views.ts'

const TODAY = '2026-11-24'
const hypothesis = (overrides: Partial<Hypothesis> = {}): Hypothesis => ({
  id: 'h1',
  productId: 'p1',
  change: 'a reminder by text',
  audience: 'people renewing',
  outcome: 'cut late renewals',
  metricId: 'm1',
  metricName: 'On-time renewals',
  metricUnit: '%',
  target: 90,
  byDate: '2027-01-31',
  roadmapItemId: null,
  roadmapItemProblem: null,
  result: null,
  evidence: '',
  decision: null,
  resultAt: null,
  resultByName: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  createdByName: 'Hal',
  updatedAt: '2026-11-01T10:00:00.000Z',
  version: 1,
  ...overrides,
})

describe('hypotheses presenters', () => {
  it('writes the hypothesis as the team would say it', () => {
    expect(statement(hypothesis())).toEqual({
      belief: 'We believe a reminder by text for people renewing will cut late renewals.',
      measure: 'We will know when On-time renewals reaches 90% by 31 January 2027.',
    })
  })

  it('tells open, past its date and each result apart in words', () => {
    expect(stateTag(hypothesis(), TODAY).text).toBe('Open')
    expect(stateTag(hypothesis({ byDate: '2026-11-01' }), TODAY).text).toBe('Open, past its date')
    expect(stateTag(hypothesis({ result: 'inconclusive' }), TODAY).text).toBe('Inconclusive')
  })

  it('counts them for the strategy page and flags one past its date', () => {
    const list = [
      hypothesis({ id: 'a', byDate: '2026-11-01', change: 'a shorter form' }),
      hypothesis({ id: 'b', result: 'passed', resultAt: '2026-11-02T10:00:00.000Z' }),
      hypothesis({
        id: 'c',
        result: 'failed',
        evidence: 'No change',
        decision: 'drop',
        resultAt: '2026-11-03T10:00:00.000Z',
      }),
    ]
    expect(hypothesesPart(list, 'p1', TODAY).lines).toEqual(['Open: 1', 'Passed: 1', 'Failed: 1'])
    expect(hypothesesPart(list, 'p1', TODAY).notes).toEqual(['1 open hypothesis is past its date.'])
    expect(hypothesesFlags(list, 'p1', TODAY)).toEqual([
      {
        text: 'A hypothesis is past its date of 1 November 2026 with no result: a shorter form',
        href: '/products/p1/hypotheses/a',
      },
    ])
    expect(hypothesesView(list, 'p1', TODAY).decided.map(h => h.id)).toEqual(['c', 'b'])
    const md = hypothesesMarkdown(list).lines.join('\n')
    expect(md).toContain('Decision on the roadmap item: drop it.')
  })
})
