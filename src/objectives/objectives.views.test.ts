// The objectives' presenters: progress from baseline to target in either direction, with missing
// baselines, targets and measurements; an objective's mean; a quarter's tree and its levels.
import { describe, expect, it } from 'vitest'
import type { Measurement, Metric, MetricStanding } from '../products/metrics/metrics.types.ts'
import type { Objective } from './objectives.types.ts'
import {
  LISTED,
  keyResultProgress,
  keyResultRow,
  narrowChoices,
  objectiveProgress,
  objectivesPart,
  quarterTree,
} from './objectives.views.ts'

const metric = (over: Partial<Metric> = {}): Metric => ({
  id: 'm1',
  productId: 'p1',
  name: 'Completion rate',
  definition: '',
  unit: '%',
  direction: 'higher',
  baseline: 60,
  target: 80,
  targetDate: null,
  createdAt: '2026-10-01T09:00:00.000Z',
  createdByName: 'Ann',
  updatedAt: '2026-10-01T09:00:00.000Z',
  updatedByName: 'Ann',
  version: 1,
  ...over,
})
const measured = (value: number, measuredOn = '2026-11-01'): Measurement => ({
  id: `x${value}`,
  metricId: 'm1',
  measuredOn,
  value,
  note: '',
  recordedAt: `${measuredOn}T09:00:00.000Z`,
  recordedByName: 'Ann',
})
const standing = (m: Partial<Metric>, latest: number | null, first: number | null = latest): MetricStanding => ({
  metric: metric(m),
  first: first === null ? null : measured(first, '2026-10-01'),
  latest: latest === null ? null : measured(latest),
})

describe('keyResultProgress', () => {
  it('measures higher-is-better from the baseline towards the target', () => {
    const p = keyResultProgress(standing({}, 70))
    expect(p.progress).toBe(0.5)
    expect(p.movement).toBe('better')
    expect(p.status).toBe('off-target')
  })

  it('counts a fall as progress when lower is better', () => {
    const p = keyResultProgress(standing({ direction: 'lower', baseline: 10, target: 5, unit: '£' }, 7))
    expect(p.progress).toBeCloseTo(0.6)
    expect(p.movement).toBe('better')
    const worse = keyResultProgress(standing({ direction: 'lower', baseline: 10, target: 5 }, 12))
    expect(worse.progress).toBe(0)
    expect(worse.movement).toBe('worse')
    const met = keyResultProgress(standing({ direction: 'lower', baseline: 10, target: 5 }, 4))
    expect(met.progress).toBe(1)
    expect(met.status).toBe('on-target')
  })

  it('keeps progress between none and all of the way', () => {
    expect(keyResultProgress(standing({}, 50)).progress).toBe(0)
    expect(keyResultProgress(standing({}, 95)).progress).toBe(1)
  })

  it('tells nothing without a measurement or a target', () => {
    const none = keyResultProgress(standing({}, null))
    expect(none.progress).toBeNull()
    expect(none.status).toBe('no-measurements')
    const noTarget = keyResultProgress(standing({ target: null }, 70))
    expect(noTarget.progress).toBeNull()
    expect(noTarget.movement).toBe('better')
    expect(noTarget.status).toBe('no-target')
  })

  it('starts from the first measurement when the metric has no baseline', () => {
    const p = keyResultProgress(standing({ baseline: null }, 70, 60))
    expect(p.baseline).toBe(60)
    expect(p.baselineFrom).toBe('first-measurement')
    expect(p.progress).toBe(0.5)
    const one = keyResultProgress(standing({ baseline: null }, 60, 60))
    expect(one.progress).toBe(0)
    expect(one.movement).toBe('same')
  })

  it('counts a target no better than the baseline as done once it is met', () => {
    expect(keyResultProgress(standing({ baseline: 80, target: 80 }, 80)).progress).toBe(1)
    expect(keyResultProgress(standing({ baseline: 80, target: 75 }, 70)).progress).toBe(0)
  })
})

describe('keyResultRow', () => {
  it('states the key result from the metric, in its direction and unit', () => {
    const row = keyResultRow(standing({ direction: 'lower', baseline: 4.5, target: 3, unit: '£' }, 3.75), 'Renew')
    expect(row.statement).toBe('Lower Completion rate from £4.5 to £3')
    expect(row.latest).toBe('£3.75 on 1 November 2026')
    expect(row.progress).toBe('50%')
    expect(row.bar).toEqual({ width: 50 })
    expect(row.thingName).toBe('Renew')
    const unmeasured = keyResultRow(standing({ baseline: null }, null), '')
    expect(unmeasured.latest).toBe('Not measured yet')
    expect(unmeasured.baseline).toBe('Not set')
    expect(unmeasured.progress).toBe('Not known yet')
    expect(unmeasured.bar).toBeNull()
  })
})

describe('objectiveProgress', () => {
  it('is the mean of the key results that can be told', () => {
    const standings = new Map([
      ['a', { ...standing({}, 70), metric: metric({ id: 'a' }) }],
      ['b', { ...standing({}, 80), metric: metric({ id: 'b' }) }],
      ['c', { ...standing({}, null), metric: metric({ id: 'c' }) }],
    ])
    expect(objectiveProgress(['a', 'b', 'c'], standings)).toEqual({ progress: 0.75, measured: 2, total: 3 })
    expect(objectiveProgress(['c'], standings)).toEqual({ progress: null, measured: 0, total: 1 })
    expect(objectiveProgress(['gone'], standings)).toEqual({ progress: null, measured: 0, total: 1 })
  })
})

const objective = (over: Partial<Objective>): Objective => ({
  id: 'o',
  quarter: '2026-Q4',
  level: 'thing',
  area: 'Licensing',
  group: 'Renewals',
  productId: 'p1',
  parentId: null,
  title: 'An objective',
  description: '',
  metricIds: ['m1'],
  itemIds: [],
  createdAt: '2026-10-01T09:00:00.000Z',
  createdByName: 'Ann',
  updatedAt: '2026-10-01T09:00:00.000Z',
  updatedByName: 'Ann',
  version: 1,
  ...over,
})

describe('quarterTree', () => {
  const standings = new Map([['m1', standing({}, 70)]])
  const thingNames = new Map([['p1', 'Renew a licence']])

  it('puts each objective under the one it supports, highest level first, and averages each level', () => {
    const set = {
      objectives: [
        objective({ id: 't', title: 'Thing', parentId: 'g' }),
        objective({ id: 'g', level: 'group', productId: null, title: 'Group', parentId: 'a' }),
        objective({ id: 'a', level: 'area', group: '', productId: null, title: 'Area', metricIds: [] }),
        objective({ id: 'loose', title: 'On its own' }),
      ],
      standings,
      thingNames,
    }
    const { roots, levels } = quarterTree(set)
    expect(roots.map(r => r.title)).toEqual(['Area', 'On its own'])
    expect(roots[0]?.children[0]?.title).toBe('Group')
    expect(roots[0]?.children[0]?.children[0]?.title).toBe('Thing')
    expect(roots[0]?.children[0]?.children[0]?.scopeName).toBe('Renew a licence')
    expect(roots[0]?.progress).toBe('Not known yet')
    expect(levels.map(l => [l.label, l.count, l.progress])).toEqual([
      ['Organisation', 0, 'Not known yet'],
      ['Area', 1, 'Not known yet'],
      ['Group', 1, '50%'],
      ['Thing', 2, '50%'],
    ])
    expect(levels[1]?.note).toBe('1 objective, 1 not measured yet')
  })

  it('starts a branch for an objective whose parent is in another quarter', () => {
    const { roots } = quarterTree({
      objectives: [objective({ id: 't', parentId: 'elsewhere' })],
      standings,
      thingNames,
    })
    expect(roots).toHaveLength(1)
  })
})

describe('objectivesPart', () => {
  it('summarises this quarter’s objectives for the strategy page', () => {
    const set = {
      objectives: [objective({ title: 'Now' }), objective({ id: 'old', quarter: '2026-Q3', title: 'Before' })],
      standings: new Map([['m1', standing({}, 70)]]),
      thingNames: new Map(),
    }
    const of = { who: 'the area', href: '/objectives?quarter=2026-Q4' }
    const part = objectivesPart('2026-Q4', set, of)
    expect(part.lines).toEqual(['Now: 50% of the way'])
    expect(part.href).toBe('/objectives?quarter=2026-Q4')
    expect(part.purpose).toBe('What the area means to achieve in 2026 Q4, measured by metrics.')
    expect(objectivesPart('2027-Q1', set, of).empty).toBe(true)
  })
})

describe('narrowChoices', () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `Metric ${i + 1}`)
  const by = (find: string, chosen: string[] = []) => ({
    chosen: (t: string) => chosen.includes(t),
    words: (t: string) => [t],
    find,
  })

  it('lists every choice when there are few', () => {
    expect(narrowChoices(names(LISTED), by(''))).toEqual({ shown: names(LISTED), total: LISTED, matching: null })
  })

  it('lists only the chosen until a search, then the chosen and the first matches', () => {
    const all = names(100)
    expect(narrowChoices(all, by('', ['Metric 7'])).shown).toEqual(['Metric 7'])
    const found = narrowChoices(all, by('metric 1', ['Metric 7']))
    // Metric 1, 10 to 19 and 100 match: 12, none chosen.
    expect(found.matching).toBe(12)
    expect(found.shown[0]).toBe('Metric 7')
    expect(found.shown).toHaveLength(13)
    expect(narrowChoices(all, by('metric')).shown).toHaveLength(LISTED)
  })
})
