// The metrics presenters: values with their units, and a chart whose points, scale and labelled
// lines agree with the table of the same figures.
import { describe, expect, it } from 'vitest'
import type { Measurement, Metric } from './metrics.types.ts'
import { CHART, chartView, formatValue, measurementRows, metricsMarkdown, metricsPart } from './metrics.views.ts'

const metric = (overrides: Partial<Metric> = {}): Metric => ({
  id: 'm1',
  productId: 'p1',
  name: 'User satisfaction',
  definition: 'Satisfied or very satisfied',
  unit: '%',
  direction: 'higher',
  baseline: 70,
  target: 85,
  targetDate: '2027-03-31',
  createdAt: '2026-11-01T10:00:00.000Z',
  createdByName: 'Tess',
  updatedAt: '2026-11-01T10:00:00.000Z',
  updatedByName: 'Tess',
  version: 1,
  ...overrides,
})
const measured = (measuredOn: string, value: number, note = ''): Measurement => ({
  id: measuredOn,
  metricId: 'm1',
  measuredOn,
  value,
  note,
  recordedAt: '2026-11-24T10:00:00.000Z',
  recordedByName: 'Tess',
})

describe('formatValue', () => {
  it('puts the unit where people expect it', () => {
    expect(formatValue(82, '%')).toBe('82%')
    expect(formatValue(4.35, '£')).toBe('£4.35')
    expect(formatValue(-2, '£')).toBe('-£2')
    expect(formatValue(1234.5, 'days')).toBe('1,234.5 days')
    expect(formatValue(3, '')).toBe('3')
    expect(formatValue(null, '%')).toBe('Not set')
  })
})

describe('chartView', () => {
  const data = [
    measured('2026-10-31', 78),
    measured('2026-08-31', 72),
    measured('2026-09-30', 75),
    measured('2026-11-30', 81),
  ]

  it('plots the table’s figures, oldest first, in proportion to the days between them', () => {
    const chart = chartView(metric(), data)
    expect(chart).not.toBeNull()
    if (!chart) return
    const rows = measurementRows(metric(), data)
    expect(chart.points.map(p => [p.date, p.value])).toEqual(rows.map(r => [r.date, r.value]))
    expect(rows.map(r => r.valueText)).toEqual(['72%', '75%', '78%', '81%'])
    // Each point's height reads back as its value on the scale.
    const { min, max } = chart.scale
    const valueAt = (y: number) => max - ((y - chart.plot.top) / (chart.plot.bottom - chart.plot.top)) * (max - min)
    for (const p of chart.points) expect(valueAt(p.y)).toBeCloseTo(p.value, 0)
    // The first and last dates sit at the ends of the time axis; the others by days elapsed.
    expect(chart.points[0]?.x).toBe(CHART.left)
    expect(chart.points.at(-1)?.x).toBe(CHART.width - CHART.right)
    const span = chart.plot.right - chart.plot.left
    expect(chart.points[1]?.x).toBeCloseTo(chart.plot.left + (30 / 91) * span, 0)
    expect(chart.path.startsWith(`M${chart.points[0]?.x} ${chart.points[0]?.y}`)).toBe(true)
    expect(chart.path.match(/L/g)).toHaveLength(3)
  })

  it('takes in the baseline and the target, and labels both in words', () => {
    const chart = chartView(metric(), data)
    if (!chart) throw new Error('No chart')
    expect(chart.scale.min).toBeLessThanOrEqual(70)
    expect(chart.scale.max).toBeGreaterThanOrEqual(85)
    expect(chart.baseline?.label).toBe('Baseline 70%')
    expect(chart.target?.label).toBe('Target 85%')
    expect(chart.target && chart.baseline && chart.target.y < chart.baseline.y).toBe(true)
    expect(chart.yTicks.map(t => t.label)).toContain('80%')
    expect(chart.yLabel).toBe('User satisfaction (%)')
    expect(chart.desc).toBe(
      '4 measurements from 31 August 2026 to 30 November 2026. The latest is 81%. The chart marks a target of 85% and a baseline of 70% with labelled lines. The table after the chart has the same figures.',
    )
  })

  it('keeps the labels of close lines apart, and copes with one measurement and no lines', () => {
    const close = chartView(metric({ baseline: 80, target: 80.5 }), data)
    if (!close?.baseline || !close.target) throw new Error('No lines')
    expect(Math.abs(close.baseline.labelY - close.target.labelY)).toBeGreaterThanOrEqual(14)
    const single = chartView(metric({ baseline: null, target: null }), [measured('2026-11-30', 5)])
    expect(single?.points).toEqual([
      { x: (CHART.left + CHART.width - CHART.right) / 2, y: expect.any(Number), date: '2026-11-30', value: 5 },
    ])
    expect(single?.baseline).toBeNull()
    expect(single?.target).toBeNull()
    expect(single?.desc).toContain('One measurement, on 30 November 2026: 5%.')
    expect(chartView(metric(), [])).toBeNull()
  })
})

describe('the metrics part of the strategy', () => {
  it('gives each metric’s latest value and where it stands, and exports the figures', () => {
    const summary = { metric: metric(), latest: measured('2026-11-30', 81), status: 'off-target' as const }
    expect(metricsPart([summary], 'p1').lines).toEqual(['User satisfaction: 81% (off target)'])
    expect(metricsPart([], 'p1').empty).toBe(true)
    const md = metricsMarkdown([{ summary, measurements: [measured('2026-11-30', 81, 'New | survey')] }])
    expect(md.lines).toContain('| 2026-11-30 | 81% | New \\| survey |')
    expect(md.lines).toContain('- **Target:** 85% by 31 March 2027')
  })
})
