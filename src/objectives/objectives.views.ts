// Presenters for objectives: how far each key result has come from its baseline towards its
// target (in the metric's direction), an objective's progress, a quarter's tree of objectives
// with each level's progress, the objective form's choices, and the strategy page's part. Pure
// functions, unit-tested.
import { formatDate, formatDateTime } from '../platform/dates.ts'
import type { FormErrors, FormValues } from '../platform/forms.ts'
import { targetStatus } from '../products/metrics/metrics.service.ts'
import type { MetricStanding, TargetStatus } from '../products/metrics/metrics.types.ts'
import { DIRECTION_LABELS } from '../products/metrics/metrics.types.ts'
import { formatValue, metricHref, statusTag } from '../products/metrics/metrics.views.ts'
import { quarterLabel } from '../products/prioritisation/prioritisation.types.ts'
import { COLUMN_LABELS } from '../products/roadmap/roadmap.types.ts'
import type { StrategyPart } from '../products/strategy.ts'
import type { ObjectiveChoices, ObjectiveDetail, ObjectiveSet } from './objectives.service.ts'
import { LEVEL_LABELS, LEVELS, placeName, type Level, type Objective, type ObjectiveEvent } from './objectives.types.ts'

export const objectivesHref = (quarter?: string) => `/objectives${quarter ? `?quarter=${quarter}` : ''}`
export const objectiveHref = (id: string, rest = '') => `/objectives/${id}${rest}`
export const thingObjectivesHref = (productId: string) => `/objectives/things/${productId}`

// ---- Progress ----------------------------------------------------------------------------------

/** Where a key result stands: read from its metric, never typed. */
export interface KeyResultProgress {
  /** Where it started: the metric's baseline, or its first measurement when it has none. */
  baseline: number | null
  baselineFrom: 'metric' | 'first-measurement' | null
  latest: number | null
  latestOn: string | null
  target: number | null
  /** From 0 (at or worse than the baseline) to 1 (at or past the target); null when it cannot be told. */
  progress: number | null
  /** Whether it has moved the right way since the baseline. */
  movement: 'better' | 'worse' | 'same' | null
  status: TargetStatus
}

const clamp = (n: number) => Math.min(1, Math.max(0, n))

/**
 * How far a metric has come from its baseline towards its target, in its direction: for "higher
 * is better", (latest − baseline) / (target − baseline); for "lower is better" the same with the
 * signs turned, so falling counts as progress. With no target or no measurement there is nothing
 * to tell (null). A target that is no better than the baseline counts as done once it is met.
 */
export function keyResultProgress(standing: MetricStanding): KeyResultProgress {
  const { metric, first, latest } = standing
  const baseline = metric.baseline ?? first?.value ?? null
  const baselineFrom = metric.baseline !== null ? 'metric' : first ? 'first-measurement' : null
  const status = targetStatus(metric, latest)
  const sign = metric.direction === 'higher' ? 1 : -1
  const base: KeyResultProgress = {
    baseline,
    baselineFrom,
    latest: latest?.value ?? null,
    latestOn: latest?.measuredOn ?? null,
    target: metric.target,
    progress: null,
    movement: null,
    status,
  }
  if (latest === null || baseline === null) return base
  const moved = sign * (latest.value - baseline)
  const movement = moved > 0 ? 'better' : moved < 0 ? 'worse' : 'same'
  if (metric.target === null) return { ...base, movement }
  const gain = sign * (metric.target - baseline)
  const progress = gain <= 0 ? (status === 'on-target' ? 1 : 0) : clamp(moved / gain)
  return { ...base, movement, progress }
}

/** An objective's progress: the mean of its key results that can be told, and how many can. */
export function objectiveProgress(
  metricIds: readonly string[],
  standings: ReadonlyMap<string, MetricStanding>,
): { progress: number | null; measured: number; total: number } {
  const known = metricIds
    .map(id => standings.get(id))
    .filter((s): s is MetricStanding => s !== undefined)
    .map(s => keyResultProgress(s).progress)
    .filter((p): p is number => p !== null)
  const progress = known.length ? known.reduce((a, b) => a + b, 0) / known.length : null
  return { progress, measured: known.length, total: metricIds.length }
}

/** A share as a whole percentage: 0.456 is "46%". */
export const percent = (p: number | null): string => (p === null ? 'Not known yet' : `${Math.round(p * 100)}%`)

/** A bar for a share, drawn by the template as SVG: its width on a scale of 100. */
const bar = (p: number | null) => (p === null ? null : { width: Math.round(p * 100) })

/** The words beside a progress figure: how many key results it is read from. */
function progressNote(measured: number, total: number): string {
  if (total === 0) return 'No key results'
  if (measured === 0) return total === 1 ? 'Its key result is not measured yet' : 'No key result is measured yet'
  if (measured === total) return total === 1 ? 'From its key result' : `From all ${total} key results`
  return `From ${measured} of ${total} key results (the others are not measured yet or have no target)`
}

/** One key result as a row: the metric, its thing, where it started, where it is, the target and how far. */
export function keyResultRow(standing: MetricStanding, thingName: string) {
  const { metric } = standing
  const p = keyResultProgress(standing)
  const direction = metric.direction === 'higher' ? 'Raise' : 'Lower'
  const statement =
    p.target === null
      ? `${metric.name}: no target set yet`
      : p.baseline === null
        ? `${direction} ${metric.name} to ${formatValue(p.target, metric.unit)}`
        : `${direction} ${metric.name} from ${formatValue(p.baseline, metric.unit)} to ${formatValue(p.target, metric.unit)}`
  return {
    id: metric.id,
    name: metric.name,
    statement,
    thingName,
    href: metricHref(metric.productId, metric.id),
    direction: DIRECTION_LABELS[metric.direction],
    baseline:
      p.baseline === null
        ? 'Not set'
        : `${formatValue(p.baseline, metric.unit)}${p.baselineFrom === 'first-measurement' ? ' (first measurement)' : ''}`,
    latest:
      p.latest === null ? 'Not measured yet' : `${formatValue(p.latest, metric.unit)} on ${formatDate(p.latestOn)}`,
    target: p.target === null ? 'Not set' : formatValue(p.target, metric.unit),
    progress: percent(p.progress),
    bar: bar(p.progress),
    movement:
      p.movement === 'worse' ? 'Worse than the baseline' : p.movement === 'better' ? 'Better than the baseline' : '',
    status: statusTag(p.status),
  }
}

// ---- Scopes ------------------------------------------------------------------------------------

/** What an objective is for, in words. */
export function scopeText(
  o: Pick<Objective, 'level' | 'area' | 'group' | 'productId'>,
  thingNames: ReadonlyMap<string, string>,
) {
  const name = o.level === 'thing' ? (thingNames.get(o.productId ?? '') ?? 'A thing') : placeName(o)
  return { level: LEVEL_LABELS[o.level], name }
}

/** An objective as a line: its title, scope, quarter and progress. */
export function objectiveCard(o: Objective, set: Pick<ObjectiveSet, 'standings' | 'thingNames'>) {
  const p = objectiveProgress(o.metricIds, set.standings)
  const scope = scopeText(o, set.thingNames)
  return {
    id: o.id,
    href: objectiveHref(o.id),
    title: o.title,
    level: scope.level,
    scopeName: scope.name,
    quarter: quarterLabel(o.quarter),
    progress: percent(p.progress),
    bar: bar(p.progress),
    note: progressNote(p.measured, p.total),
  }
}

// ---- A quarter's tree --------------------------------------------------------------------------

export interface TreeNode extends ReturnType<typeof objectiveCard> {
  children: TreeNode[]
}

/**
 * A quarter's objectives as a tree: each objective under the one it supports. Objectives that
 * support none (or one in another quarter) start their own branch, highest level first. Each
 * level's progress is the mean of its objectives' progress that can be told.
 */
export function quarterTree(set: ObjectiveSet) {
  const rank = (l: Level) => LEVELS.indexOf(l)
  const ids = new Set(set.objectives.map(o => o.id))
  const byParent = new Map<string, Objective[]>()
  const roots: Objective[] = []
  for (const o of set.objectives) {
    if (o.parentId && ids.has(o.parentId)) byParent.set(o.parentId, [...(byParent.get(o.parentId) ?? []), o])
    else roots.push(o)
  }
  const order = (a: Objective, b: Objective) =>
    rank(a.level) - rank(b.level) ||
    scopeText(a, set.thingNames).name.localeCompare(scopeText(b, set.thingNames).name) ||
    a.title.localeCompare(b.title)
  const seen = new Set<string>()
  const node = (o: Objective): TreeNode => {
    seen.add(o.id)
    return {
      ...objectiveCard(o, set),
      children: (byParent.get(o.id) ?? [])
        .filter(c => !seen.has(c.id))
        .sort(order)
        .map(node),
    }
  }
  const levels = LEVELS.map(level => {
    const at = set.objectives.filter(o => o.level === level)
    const known = at
      .map(o => objectiveProgress(o.metricIds, set.standings).progress)
      .filter((p): p is number => p !== null)
    const progress = known.length ? known.reduce((a, b) => a + b, 0) / known.length : null
    return {
      level,
      label: LEVEL_LABELS[level],
      count: at.length,
      progress: percent(progress),
      bar: bar(progress),
      note:
        at.length === 0
          ? 'No objectives'
          : `${at.length === 1 ? '1 objective' : `${at.length} objectives`}${known.length < at.length ? `, ${at.length - known.length} not measured yet` : ''}`,
    }
  })
  return { roots: roots.sort(order).map(node), levels }
}

/** The quarters the quarter page offers: the one shown, the two before it and the two after. */
export function quarterLinks(quarter: string, current: string, shift: (q: string, n: number) => string) {
  return [-2, -1, 0, 1, 2].map(n => {
    const q = shift(quarter, n)
    return { quarter: q, text: quarterLabel(q), href: objectivesHref(q), here: n === 0, current: q === current }
  })
}

// ---- The objective's page ----------------------------------------------------------------------

export function historyItems(events: readonly ObjectiveEvent[]) {
  return events.map(e => ({
    title: e.title,
    byline: `by ${e.recordedByName}`,
    datetime: e.recordedAt,
    dateText: formatDateTime(e.recordedAt),
    ...(e.note ? { text: e.note } : {}),
  }))
}

export function objectiveView(d: ObjectiveDetail) {
  const { objective, standings, thingNames } = d
  const set = { standings, thingNames }
  const p = objectiveProgress(objective.metricIds, standings)
  return {
    objective,
    scope: { level: LEVEL_LABELS[d.scope.level], name: d.scope.name },
    scopeHref: d.scope.productId ? thingObjectivesHref(d.scope.productId) : objectivesHref(objective.quarter),
    quarter: quarterLabel(objective.quarter, true),
    quarterHref: objectivesHref(objective.quarter),
    progress: percent(p.progress),
    bar: bar(p.progress),
    progressNote: progressNote(p.measured, p.total),
    keyResults: objective.metricIds
      .map(id => standings.get(id))
      .filter((s): s is MetricStanding => s !== undefined)
      .map(s => keyResultRow(s, thingNames.get(s.metric.productId) ?? '')),
    parent: d.parent ? objectiveCard(d.parent, set) : null,
    children: d.children.map(c => objectiveCard(c, set)),
    items: d.items.map(({ item, thingName }) => ({
      problem: item.problem,
      thingName,
      href: `/products/${item.productId}/roadmap/${item.id}`,
      when: item.status === 'open' ? COLUMN_LABELS[item.column] : item.status === 'done' ? 'Done' : 'Dropped',
    })),
    history: historyItems(d.history),
  }
}

// ---- The form ----------------------------------------------------------------------------------

/** Form values for a saved objective. */
export function objectiveValues(o: Objective): FormValues {
  return {
    title: o.title,
    description: o.description,
    parentId: o.parentId ?? 'none',
    metricIds: o.metricIds,
    itemIds: o.itemIds,
    version: String(o.version),
  }
}

const listOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []

/**
 * How many metrics, and how many roadmap items, the form lists before it asks for a search: an
 * objective of an area or of the organisation can draw on thousands of each, more than anyone can
 * read (or a browser render) as checkboxes.
 */
export const LISTED = 40

/**
 * What a list of choices shows: all of them when there are few; otherwise the ones chosen and the
 * first LISTED that match what was searched for (none until something is), with counts to say so.
 */
export function narrowChoices<T>(
  all: readonly T[],
  o: { chosen: (t: T) => boolean; words: (t: T) => string[]; find: string },
): { shown: T[]; total: number; matching: number | null } {
  if (all.length <= LISTED) return { shown: [...all], total: all.length, matching: null }
  const needle = o.find.trim().toLowerCase()
  const matches = needle ? all.filter(t => !o.chosen(t) && o.words(t).some(w => w.toLowerCase().includes(needle))) : []
  return {
    shown: [...all.filter(o.chosen), ...matches.slice(0, LISTED)],
    total: all.length,
    matching: needle ? matches.length : null,
  }
}

const number = (n: number) => n.toLocaleString('en-GB')

/** The words under a long list: how many there are, and what the search found. */
function narrowedNote(
  list: { total: number; matching: number | null },
  kind: { one: string; many: string },
  find: string,
): string | null {
  if (list.matching === null && list.total <= LISTED) return null
  const all = `There are ${number(list.total)} ${kind.many} to choose from.`
  if (list.matching === null) return `${all} Search above to list some of them.`
  if (list.matching === 0) return `${all} No other ${kind.one} matches ‘${find.trim()}’.`
  const found = list.matching === 1 ? `1 ${kind.one} matches` : `${number(list.matching)} ${kind.many} match`
  return list.matching > LISTED
    ? `${all} ${found} ‘${find.trim()}’: here are the first ${LISTED}. Search for more of a name to narrow them.`
    : `${all} ${found} ‘${find.trim()}’.`
}

/** The objective form: what was typed, and the choices with the chosen ones checked. */
export function objectiveFormView(values: FormValues, choices: ObjectiveChoices, errors?: FormErrors) {
  const parentId = typeof values.parentId === 'string' ? values.parentId : ''
  const metricIds = listOf(values.metricIds)
  const itemIds = listOf(values.itemIds)
  const find = typeof values.find === 'string' ? values.find.slice(0, 200) : ''
  const metrics = narrowChoices(choices.metrics, {
    chosen: m => metricIds.includes(m.metric.id),
    words: m => [m.metric.name, m.thingName],
    find,
  })
  const items = narrowChoices(choices.items, {
    chosen: i => itemIds.includes(i.item.id),
    words: i => [i.item.problem, i.thingName],
    find,
  })
  const searchable = choices.metrics.length > LISTED || choices.items.length > LISTED
  return {
    values,
    errors,
    find: searchable ? { value: find } : null,
    metricsNote: narrowedNote(metrics, { one: 'metric', many: 'metrics' }, find),
    itemsNote: narrowedNote(items, { one: 'roadmap item', many: 'roadmap items' }, find),
    parentLevel: choices.parentScope ? choices.parentScope.name : null,
    parentItems: choices.parents.length
      ? [
          ...choices.parents.map(p => ({ value: p.id, text: p.title, checked: parentId === p.id })),
          { divider: 'or' },
          { value: 'none', text: 'None of these', checked: parentId === 'none' },
        ]
      : [],
    metricItems: metrics.shown.map(({ metric, thingName }) => ({
      value: metric.id,
      text: metric.name,
      hint: {
        text: [
          thingName,
          DIRECTION_LABELS[metric.direction],
          metric.target === null ? 'no target set yet' : `target ${formatValue(metric.target, metric.unit)}`,
        ]
          .filter(Boolean)
          .join(' · '),
      },
      checked: metricIds.includes(metric.id),
    })),
    roadmapItems: items.shown.map(({ item, thingName }) => ({
      value: item.id,
      text: item.problem,
      hint: {
        text: [thingName, item.status === 'open' ? COLUMN_LABELS[item.column] : item.status]
          .filter(Boolean)
          .join(' · '),
      },
      checked: itemIds.includes(item.id),
    })),
  }
}

/**
 * What the other person saved, for the form that lost the race: every field the form has, so
 * nothing they changed (key results or the objective it supports included) goes unseen.
 */
export function objectiveConflict(latest: Objective, choices: ObjectiveChoices) {
  const metricName = (id: string) => choices.metrics.find(m => m.metric.id === id)?.metric.name ?? 'A metric'
  const itemName = (id: string) => choices.items.find(i => i.item.id === id)?.item.problem ?? 'A roadmap item'
  const parent = latest.parentId ? choices.parents.find(p => p.id === latest.parentId) : undefined
  return {
    updatedByName: latest.updatedByName,
    updatedAt: latest.updatedAt,
    rows: [
      { key: { text: 'Their objective' }, value: { text: latest.title } },
      { key: { text: 'Why it matters' }, value: { text: latest.description || 'Not said' } },
      {
        key: { text: 'Supports' },
        value: { text: latest.parentId ? (parent?.title ?? 'An objective one level up') : 'None' },
      },
      { key: { text: 'Key results' }, value: { text: latest.metricIds.map(metricName).join(', ') || 'None' } },
      { key: { text: 'Roadmap items' }, value: { text: latest.itemIds.map(itemName).join(', ') || 'None' } },
    ],
  }
}

// ---- The strategy page's part ------------------------------------------------------------------

/** A thing's objectives for the strategy page: this quarter's, each with its progress. */
export function objectivesPart(
  quarter: string,
  set: ObjectiveSet,
  of: { /** "the thing", "the area", "the organisation" */ who: string; href: string },
): StrategyPart {
  const now = set.objectives.filter(o => o.quarter === quarter)
  const latest = now.reduce<Objective | null>((a, o) => (!a || o.updatedAt > a.updatedAt ? o : a), null)
  return {
    slug: 'objectives',
    name: 'Objectives and key results',
    purpose: `What ${of.who} means to achieve in ${quarterLabel(quarter)}, measured by metrics.`,
    href: of.href,
    empty: now.length === 0,
    lines: now.map(o => {
      const p = objectiveProgress(o.metricIds, set.standings)
      return `${o.title}: ${p.progress === null ? 'not measured yet' : `${percent(p.progress)} of the way`}`
    }),
    notes: [],
    updatedAt: latest?.updatedAt ?? null,
    updatedByName: latest?.updatedByName ?? null,
  }
}
