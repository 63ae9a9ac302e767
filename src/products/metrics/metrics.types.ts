// A thing's metrics: what it measures, which way is better, where it started, where it should get
// to, and its measurements over time. Other parts (the roadmap, hypotheses, the portfolio later)
// import these types and the metrics service.

export const DIRECTIONS = ['higher', 'lower'] as const
export type Direction = (typeof DIRECTIONS)[number]
export const DIRECTION_LABELS: Record<Direction, string> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
}

export interface Metric {
  id: string
  productId: string
  name: string
  definition: string
  unit: string
  direction: Direction
  baseline: number | null
  target: number | null
  targetDate: string | null
  createdAt: string
  createdByName: string
  updatedAt: string
  updatedByName: string
  version: number
}

/** What the metric form gives the service. */
export interface MetricDetails {
  name: string
  definition: string
  unit: string
  direction: Direction
  baseline: number | null
  target: number | null
  targetDate: string | null
}

export interface Measurement {
  id: string
  metricId: string
  measuredOn: string
  value: number
  note: string
  recordedAt: string
  recordedByName: string
}

/** A measurement as entered or pasted. */
export interface NewMeasurement {
  measuredOn: string
  value: number
  note: string
}

/** Whether the latest measurement meets the target, in the metric's direction. */
export type TargetStatus = 'on-target' | 'off-target' | 'no-target' | 'no-measurements'

/** A metric with its latest measurement and where that leaves it. */
export interface MetricSummary {
  metric: Metric
  latest: Measurement | null
  status: TargetStatus
}

/** A metric with its first and latest measurements: where it started and where it is now. */
export interface MetricStanding {
  metric: Metric
  first: Measurement | null
  latest: Measurement | null
}

/** A starting point for a metric: GOV.UK's four standard KPIs. */
export interface MetricTemplate {
  slug: string
  name: string
  definition: string
  unit: string
  direction: Direction
}

export const METRIC_TEMPLATES: readonly MetricTemplate[] = [
  {
    slug: 'cost-per-transaction',
    name: 'Cost per transaction',
    definition:
      'The average cost of one completed transaction: what the service cost to run in the period, across every channel, divided by the transactions completed in it.',
    unit: '£',
    direction: 'lower',
  },
  {
    slug: 'user-satisfaction',
    name: 'User satisfaction',
    definition:
      'The share of people who said they were satisfied or very satisfied with the service when asked at the end of it.',
    unit: '%',
    direction: 'higher',
  },
  {
    slug: 'completion-rate',
    name: 'Completion rate',
    definition:
      'The share of transactions that people started and finished, leaving out those stopped for reasons the service could not help with.',
    unit: '%',
    direction: 'higher',
  },
  {
    slug: 'digital-take-up',
    name: 'Digital take-up',
    definition: 'The share of all completed transactions, across every channel, that people completed online.',
    unit: '%',
    direction: 'higher',
  },
]

export const metricTemplate = (slug: string | undefined): MetricTemplate | undefined =>
  METRIC_TEMPLATES.find(t => t.slug === slug)
