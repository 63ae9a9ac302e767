// Presenters for metrics: values as people read them, whether a metric is on target, the metric
// form's choices, and a line chart's geometry with the same figures as a table. Pure functions:
// the chart is drawn by the template from what chartView gives, on the server, as SVG.
import { daysBetween, formatDate } from '../../platform/dates.ts'
import { datePartsOf, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { markdownText, type MarkdownSection } from '../strategy.markdown.ts'
import type { StrategyPart } from '../strategy.ts'
import {
  DIRECTION_LABELS,
  DIRECTIONS,
  type Measurement,
  type Metric,
  type MetricSummary,
  type MetricTemplate,
  type TargetStatus,
} from './metrics.types.ts'

export const metricsHref = (productId: string, rest = '') => `/products/${productId}/metrics${rest}`
export const metricHref = (productId: string, metricId: string, rest = '') =>
  metricsHref(productId, `/${metricId}${rest}`)

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 })

/** A value with its unit: £4.35, 82%, 12 days, or the bare number when there is no unit. */
export function formatValue(value: number | null, unit: string): string {
  if (value === null) return 'Not set'
  const n = NUMBER.format(value)
  const u = unit.trim()
  if (u === '') return n
  if (u === '%') return `${n}%`
  if (/^[£$€]$/.test(u)) return value < 0 ? `-${u}${NUMBER.format(-value)}` : `${u}${n}`
  return `${n} ${u}`
}

export const STATUS_LABELS: Record<TargetStatus, string> = {
  'on-target': 'On target',
  'off-target': 'Off target',
  'no-target': 'No target set',
  'no-measurements': 'Not measured yet',
}
const STATUS_CLASSES: Record<TargetStatus, string> = {
  'on-target': 'govuk-tag--green',
  'off-target': 'govuk-tag--red',
  'no-target': 'govuk-tag--grey',
  'no-measurements': 'govuk-tag--grey',
}

/** A tag for where a metric stands: the words say it, the colour only repeats them. */
export const statusTag = (status: TargetStatus) => ({ text: STATUS_LABELS[status], classes: STATUS_CLASSES[status] })

/** The target as a sentence part: "85% by 31 March 2027". */
export function targetText(metric: Pick<Metric, 'target' | 'targetDate' | 'unit'>): string {
  if (metric.target === null) return 'No target set'
  const by = metric.targetDate ? ` by ${formatDate(metric.targetDate)}` : ''
  return `${formatValue(metric.target, metric.unit)}${by}`
}

/** One row of the list of metrics. */
export function metricRow(summary: MetricSummary, productId: string) {
  const { metric, latest, status } = summary
  return {
    href: metricHref(productId, metric.id),
    name: metric.name,
    direction: DIRECTION_LABELS[metric.direction],
    latest: latest ? formatValue(latest.value, metric.unit) : 'None yet',
    latestDate: latest ? formatDate(latest.measuredOn) : '',
    target: targetText(metric),
    status: statusTag(status),
  }
}

/** Form values for a saved metric, or a template's, or nothing. */
export function metricValues(metric?: Metric | MetricTemplate): FormValues {
  if (!metric) return { direction: 'higher' }
  const base = { name: metric.name, definition: metric.definition, unit: metric.unit, direction: metric.direction }
  if (!('id' in metric)) return base
  const parts = datePartsOf(metric.targetDate)
  return {
    ...base,
    baseline: metric.baseline === null ? '' : String(metric.baseline),
    target: metric.target === null ? '' : String(metric.target),
    'targetDate-day': parts.day,
    'targetDate-month': parts.month,
    'targetDate-year': parts.year,
    version: String(metric.version),
  }
}

/** The metric form: what was typed, the direction radios and the date boxes. */
export function metricFormView(values: FormValues, errors?: FormErrors) {
  const v = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '')
  return {
    values,
    errors,
    directionItems: DIRECTIONS.map(d => ({ value: d, text: DIRECTION_LABELS[d], checked: v('direction') === d })),
    targetDate: { day: v('targetDate-day'), month: v('targetDate-month'), year: v('targetDate-year') },
  }
}

// ---- The chart ----------------------------------------------------------------------------------

export const CHART = { width: 640, height: 320, left: 72, right: 128, top: 24, bottom: 56 } as const

const SHORT_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})
const shortDate = (iso: string) => SHORT_DATE.format(new Date(`${iso}T00:00:00.000Z`))
const round = (n: number) => Math.round(n * 10) / 10

/** A step of 1, 2 or 5 times a power of ten, near span / 4. */
function niceStep(span: number): number {
  const raw = span / 4
  const power = 10 ** Math.floor(Math.log10(raw))
  const m = raw / power
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power
}

export interface ChartPoint {
  x: number
  y: number
  date: string
  value: number
}

export interface ChartView {
  width: number
  height: number
  title: string
  desc: string
  plot: { left: number; right: number; top: number; bottom: number }
  points: ChartPoint[]
  path: string
  xTicks: { x: number; label: string }[]
  yTicks: { y: number; label: string }[]
  baseline: { y: number; label: string; labelY: number } | null
  target: { y: number; label: string; labelY: number } | null
  xLabel: string
  yLabel: string
  /** The value axis: the bottom and top of the scale. */
  scale: { min: number; max: number }
}

/**
 * The geometry of a line chart of a metric's measurements (oldest first), with its baseline and
 * target as labelled lines. Dates are placed in proportion to the days between them. Null when
 * there is nothing to draw.
 */
export function chartView(metric: Metric, measurements: readonly Measurement[]): ChartView | null {
  if (measurements.length === 0) return null
  const sorted = [...measurements].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn))
  const first = sorted[0] as Measurement
  const last = sorted[sorted.length - 1] as Measurement
  const plot = {
    left: CHART.left,
    right: CHART.width - CHART.right,
    top: CHART.top,
    bottom: CHART.height - CHART.bottom,
  }
  const span = daysBetween(first.measuredOn, last.measuredOn)
  const xFor = (date: string) =>
    span === 0
      ? (plot.left + plot.right) / 2
      : plot.left + (daysBetween(first.measuredOn, date) / span) * (plot.right - plot.left)

  const figures = [
    ...sorted.map(m => m.value),
    ...(metric.baseline === null ? [] : [metric.baseline]),
    ...(metric.target === null ? [] : [metric.target]),
  ]
  let lo = Math.min(...figures)
  let hi = Math.max(...figures)
  if (lo === hi) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1
    lo -= pad
    hi += pad
  }
  const step = niceStep(hi - lo)
  const min = Math.floor(lo / step) * step
  const max = Math.ceil(hi / step) * step
  const yFor = (v: number) => plot.top + ((max - v) / (max - min)) * (plot.bottom - plot.top)

  const points = sorted.map(m => ({
    x: round(xFor(m.measuredOn)),
    y: round(yFor(m.value)),
    date: m.measuredOn,
    value: m.value,
  }))
  const yTicks: ChartView['yTicks'] = []
  for (let i = 0; min + i * step <= max + step / 1000 && i <= 20; i++) {
    const v = Number((min + i * step).toPrecision(12))
    yTicks.push({ y: round(yFor(v)), label: formatValue(v, metric.unit) })
  }
  // At most four dates on the time axis: the first, the last and evenly between.
  const count = Math.min(sorted.length, 4)
  const picked =
    count === 1
      ? [first]
      : Array.from(
          { length: count },
          (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (count - 1))] as Measurement,
        )
  const xTicks = [
    ...new Map(
      picked.map(m => [m.measuredOn, { x: round(xFor(m.measuredOn)), label: shortDate(m.measuredOn) }]),
    ).values(),
  ]

  let baseline =
    metric.baseline === null
      ? null
      : { y: round(yFor(metric.baseline)), label: `Baseline ${formatValue(metric.baseline, metric.unit)}`, labelY: 0 }
  let target =
    metric.target === null
      ? null
      : { y: round(yFor(metric.target)), label: `Target ${formatValue(metric.target, metric.unit)}`, labelY: 0 }
  if (baseline) baseline = { ...baseline, labelY: baseline.y + 4 }
  if (target) target = { ...target, labelY: target.y + 4 }
  // Keep the two labels apart when the lines are close.
  if (baseline && target && Math.abs(baseline.labelY - target.labelY) < 14) {
    const upper = target.y <= baseline.y ? target : baseline
    const lower = upper === target ? baseline : target
    upper.labelY = Math.min(upper.labelY, lower.labelY) - 7
    lower.labelY = upper.labelY + 14
  }

  const unit = metric.unit.trim()
  const latestText = formatValue(last.value, metric.unit)
  const against = [
    metric.target === null ? '' : `a target of ${formatValue(metric.target, metric.unit)}`,
    metric.baseline === null ? '' : `a baseline of ${formatValue(metric.baseline, metric.unit)}`,
  ].filter(Boolean)
  const desc = [
    sorted.length === 1
      ? `One measurement, on ${formatDate(first.measuredOn)}: ${latestText}.`
      : `${sorted.length} measurements from ${formatDate(first.measuredOn)} to ${formatDate(last.measuredOn)}. The latest is ${latestText}.`,
    against.length ? `The chart marks ${against.join(' and ')} with labelled lines.` : '',
    'The table after the chart has the same figures.',
  ]
    .filter(Boolean)
    .join(' ')

  return {
    width: CHART.width,
    height: CHART.height,
    title: `${metric.name} over time`,
    desc,
    plot,
    points,
    path: points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' '),
    xTicks,
    yTicks,
    baseline,
    target,
    xLabel: 'Date measured',
    yLabel: unit ? `${metric.name} (${unit})` : metric.name,
    scale: { min, max },
  }
}

/** The measurements as a table, in the chart's order: oldest first. */
export function measurementRows(metric: Metric, measurements: readonly Measurement[]) {
  return [...measurements]
    .sort((a, b) => a.measuredOn.localeCompare(b.measuredOn))
    .map(m => ({
      date: m.measuredOn,
      dateText: formatDate(m.measuredOn),
      value: m.value,
      valueText: formatValue(m.value, metric.unit),
      note: m.note,
    }))
}

/** The metric page's facts. */
export function metricFacts(metric: Metric, latest: Measurement | null, status: TargetStatus) {
  return {
    direction: DIRECTION_LABELS[metric.direction],
    unit: metric.unit || 'None',
    baseline: formatValue(metric.baseline, metric.unit),
    target: targetText(metric),
    latest: latest ? `${formatValue(latest.value, metric.unit)} on ${formatDate(latest.measuredOn)}` : 'None yet',
    status: statusTag(status),
  }
}

// ---- The strategy page and its export -----------------------------------------------------------

/** The metrics' part of the strategy page: each with its latest value and whether it is on target. */
export function metricsPart(summaries: readonly MetricSummary[], productId: string): StrategyPart {
  const latest = summaries.reduce<Metric | null>(
    (a, s) => (!a || s.metric.updatedAt > a.updatedAt ? s.metric : a),
    null,
  )
  return {
    slug: 'metrics',
    name: 'Metrics',
    purpose:
      'What shows whether the thing is doing what it is for, with a baseline, a target and measurements over time.',
    href: metricsHref(productId),
    empty: summaries.length === 0,
    lines: summaries.map(
      s =>
        `${s.metric.name}: ${s.latest ? formatValue(s.latest.value, s.metric.unit) : 'not measured yet'} (${STATUS_LABELS[s.status].toLowerCase()})`,
    ),
    notes: [],
    updatedAt: latest?.updatedAt ?? null,
    updatedByName: latest?.updatedByName ?? null,
  }
}

/** The metrics for the Markdown export: each with its facts and its measurements as a table. */
export function metricsMarkdown(
  list: readonly { summary: MetricSummary; measurements: readonly Measurement[] }[],
): MarkdownSection {
  const one = (t: string) => t.replace(/\s*\n\s*/g, ' ')
  const cell = (t: string) => one(t).replace(/\|/g, '\\|')
  const lines: string[] = []
  if (list.length === 0) lines.push('None yet.', '')
  for (const { summary, measurements } of list) {
    const { metric, latest, status } = summary
    lines.push(
      `### ${one(metric.name)}`,
      '',
      markdownText(metric.definition),
      '',
      `- **Which way is better:** ${DIRECTION_LABELS[metric.direction]}`,
      `- **Baseline:** ${formatValue(metric.baseline, metric.unit)}`,
      `- **Target:** ${targetText(metric)}`,
      `- **Latest:** ${latest ? `${formatValue(latest.value, metric.unit)} on ${formatDate(latest.measuredOn)}` : 'none yet'} (${STATUS_LABELS[status].toLowerCase()})`,
      '',
    )
    if (measurements.length) {
      lines.push('| Date | Value | Note |', '| --- | ---: | --- |')
      for (const m of measurements)
        lines.push(`| ${m.measuredOn} | ${cell(formatValue(m.value, metric.unit))} | ${cell(m.note)} |`)
      lines.push('')
    }
  }
  return { heading: 'Metrics', lines }
}
