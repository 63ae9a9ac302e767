// Prioritisation's domain: the options a team is choosing between, the four ways of scoring them,
// the criteria the team sets for weighted scoring, and the four classes of backlog work planned
// and done each quarter. The arithmetic lives here too, as pure functions, so the pages, the
// strategy summary and the tests all count the same way.

export const MOSCOW = ['must', 'should', 'could', 'wont'] as const
export type Moscow = (typeof MOSCOW)[number]
export const MOSCOW_LABELS: Record<Moscow, string> = {
  must: 'Must have',
  should: 'Should have',
  could: 'Could have',
  wont: 'Won’t have this time',
}

/** RICE impact: how much each person reached gains, on the usual scale. */
export const RICE_IMPACTS = ['3', '2', '1', '0.5', '0.25'] as const
export const RICE_IMPACT_LABELS: Record<(typeof RICE_IMPACTS)[number], string> = {
  '3': 'Massive (3)',
  '2': 'High (2)',
  '1': 'Medium (1)',
  '0.5': 'Low (0.5)',
  '0.25': 'Minimal (0.25)',
}

/** The four classes of backlog work a mature product needs in every quarter. */
export const WORK_CLASSES = ['support', 'features', 'debt', 'innovation'] as const
export type WorkClass = (typeof WORK_CLASSES)[number]
export const WORK_CLASS_LABELS: Record<WorkClass, string> = {
  support: 'Improved support',
  features: 'New features',
  debt: 'Reduction of technical debt',
  innovation: 'Innovation',
}

export const SCORE_MIN = 1
export const SCORE_MAX = 5

export interface Rice {
  reach: number
  impact: number
  /** A percentage, 0 to 100. */
  confidence: number
  /** Person-months, more than 0. */
  effort: number
}

export interface PriorityOption {
  id: string
  productId: string
  title: string
  description: string
  impact: number | null
  effort: number | null
  moscow: Moscow | null
  rice: Rice | null
  /** Scores against the team's criteria, by criterion id. */
  scores: Record<string, number>
  createdAt: string
  createdByName: string
  updatedAt: string
  updatedByName: string
  version: number
}

export interface Criterion {
  id: string
  name: string
  weight: number
}

/** A thing's weighted-scoring criteria; version 0 means none have been set. */
export interface CriteriaSet {
  criteria: Criterion[]
  version: number
  updatedAt: string | null
  updatedByName: string | null
}

/** Work planned and done in one quarter, by class (any set of classes: the portfolio has its own). */
export type BalanceCounts<C extends string> = Record<C, { planned: number; done: number }>
export type ClassCounts = BalanceCounts<WorkClass>

export interface BacklogQuarter {
  id: string
  productId: string
  /** A calendar quarter: 2026-Q4. */
  quarter: string
  counts: ClassCounts
  note: string
  updatedAt: string
  updatedByName: string
  version: number
}

/** What an option's details form gives. */
export interface OptionDetails {
  title: string
  description: string
}

export const METHODS = ['impact-effort', 'moscow', 'rice', 'weighted'] as const
export type Method = (typeof METHODS)[number]
export const METHOD_LABELS: Record<Method, string> = {
  'impact-effort': 'Impact and effort',
  moscow: 'MoSCoW',
  rice: 'RICE',
  weighted: 'Weighted scoring',
}

/** What one scoring form gives, by method. */
export type Scoring =
  | { method: 'impact-effort'; impact: number; effort: number }
  | { method: 'moscow'; moscow: Moscow }
  | { method: 'rice'; rice: Rice }
  | { method: 'weighted'; scores: Record<string, number> }

// ---- The arithmetic ----

/** RICE: reach × impact × confidence ÷ effort, with confidence as a fraction. */
export function riceScore(rice: Rice): number {
  return (rice.reach * rice.impact * (rice.confidence / 100)) / rice.effort
}

/** The weighted total: the sum of weight × score over the criteria the option has been scored on. */
export function weightedTotal(scores: Record<string, number>, criteria: readonly Criterion[]): number {
  return criteria.reduce((sum, c) => sum + c.weight * (scores[c.id] ?? 0), 0)
}

/** The most an option could score: every criterion at the top score. */
export function weightedMaximum(criteria: readonly Criterion[]): number {
  return criteria.reduce((sum, c) => sum + c.weight * SCORE_MAX, 0)
}

export const QUADRANTS = ['quick-win', 'big-bet', 'fill-in', 'money-pit'] as const
export type Quadrant = (typeof QUADRANTS)[number]
export const QUADRANT_LABELS: Record<Quadrant, string> = {
  'quick-win': 'Quick win',
  'big-bet': 'Big bet',
  'fill-in': 'Fill-in',
  'money-pit': 'Money pit',
}
export const QUADRANT_HINTS: Record<Quadrant, string> = {
  'quick-win': 'High impact for little effort: worth doing soon.',
  'big-bet': 'High impact for a lot of effort: plan it and test the guess early.',
  'fill-in': 'Low impact for little effort: do it when there is time.',
  'money-pit': 'Low impact for a lot of effort: question it, and be ready to say no.',
}

/** A score of 3 or more counts as high, for impact and for effort alike. */
export const HIGH_FROM = 3

export function quadrantOf(impact: number, effort: number): Quadrant {
  const high = impact >= HIGH_FROM
  const hard = effort >= HIGH_FROM
  return high ? (hard ? 'big-bet' : 'quick-win') : hard ? 'money-pit' : 'fill-in'
}

// ---- Quarters ----

const QUARTER = /^(\d{4})-Q([1-4])$/

export function isQuarter(text: string): boolean {
  return QUARTER.test(text)
}

/** The calendar quarter a date (YYYY-MM-DD) falls in: 2026-11-24 is 2026-Q4. */
export function quarterOf(date: string): string {
  const year = date.slice(0, 4)
  const month = Number(date.slice(5, 7))
  return `${year}-Q${Math.ceil(month / 3)}`
}

/** The quarter a number of quarters after another (negative goes back): 2027-Q1 minus 1 is 2026-Q4. */
export function addQuarters(quarter: string, n: number): string {
  const m = QUARTER.exec(quarter)
  if (!m) throw new Error(`Not a quarter: ${quarter}`)
  const index = Number(m[1]) * 4 + (Number(m[2]) - 1) + n
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

/** A quarter in words: "2026 Q4 (October to December)". */
export function quarterLabel(quarter: string, withMonths = false): string {
  const m = QUARTER.exec(quarter)
  if (!m) return quarter
  const months = ['January to March', 'April to June', 'July to September', 'October to December']
  return withMonths ? `${m[1]} Q${m[2]} (${months[Number(m[2]) - 1]})` : `${m[1]} Q${m[2]}`
}

/** A class is starved in a quarter when none of it was planned, or none of it was done. */
export function isStarved<C extends string>(counts: BalanceCounts<C>, workClass: C): boolean {
  return counts[workClass].planned === 0 || counts[workClass].done === 0
}

export interface StarvedRun<C extends string = WorkClass> {
  workClass: C
  /** The two quarters in a row, earlier first. */
  quarters: [string, string]
}

/** A quarter of balance records, for any set of classes. */
export interface BalanceQuarter<C extends string> {
  quarter: string
  counts: BalanceCounts<C>
}

/**
 * Every time a class was starved in two quarters running: both quarters recorded, one straight
 * after the other (2026-Q4 then 2027-Q1 counts; a gap between them does not). Latest first.
 * `classes` are the classes counted: the backlog's four unless another set is given (the
 * portfolio's quadrant uses the same rule over its own four).
 */
export function starvedRuns<C extends string = WorkClass>(
  quarters: readonly BalanceQuarter<C>[],
  classes: readonly C[] = WORK_CLASSES as readonly string[] as readonly C[],
): StarvedRun<C>[] {
  const byQuarter = new Map(quarters.map(q => [q.quarter, q]))
  const runs: StarvedRun<C>[] = []
  const sorted = [...byQuarter.keys()].sort().reverse()
  for (const later of sorted) {
    const earlier = addQuarters(later, -1)
    const a = byQuarter.get(earlier)
    const b = byQuarter.get(later)
    if (!a || !b) continue
    for (const workClass of classes)
      if (isStarved(a.counts, workClass) && isStarved(b.counts, workClass))
        runs.push({ workClass, quarters: [earlier, later] })
  }
  return runs
}

/** The runs that end in the latest quarter recorded: what needs attention now. */
export function currentStarvedRuns<C extends string = WorkClass>(
  quarters: readonly BalanceQuarter<C>[],
  classes: readonly C[] = WORK_CLASSES as readonly string[] as readonly C[],
): StarvedRun<C>[] {
  const latest = quarters
    .map(q => q.quarter)
    .sort()
    .at(-1)
  return latest ? starvedRuns(quarters, classes).filter(r => r.quarters[1] === latest) : []
}

/** The classes starved in one quarter's counts, in the order given. */
export function starvedClasses<C extends string>(counts: BalanceCounts<C>, classes: readonly C[]): C[] {
  return classes.filter(c => isStarved(counts, c))
}
