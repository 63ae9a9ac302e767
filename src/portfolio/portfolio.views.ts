// Presenters for the portfolio: a leaders' view (filter, sort and page the rows; every figure
// linked to the part of the thing's strategy it comes from; sortable column headers that are
// plain links), its CSV, and the leadership team's balance of work by quarter.
import { csvDocument } from '../platform/csv.ts'
import { formatDate } from '../platform/dates.ts'
import { pagination } from '../platform/pagination.ts'
import {
  WORK_CLASS_LABELS,
  currentStarvedRuns,
  isStarved,
  quarterLabel,
  starvedRuns,
  type StarvedRun,
} from '../products/prioritisation/prioritisation.types.ts'
import {
  PHASES,
  PHASE_LABELS,
  PRODUCT_KINDS,
  PRODUCT_KIND_LABELS,
  STAGES,
  STAGE_LABELS,
} from '../products/products.types.ts'
import { REVIEW_DUE_DAYS } from '../products/reviews/reviews.types.ts'
import { SHOWS, readViewQuery, type Order, type Show, type Sort, type ViewQuery } from './portfolio.schemas.ts'
import {
  PORTFOLIO_CLASSES,
  PORTFOLIO_CLASS_LABELS,
  type PortfolioClass,
  type PortfolioQuarter,
  type Scope,
  type ThingFigures,
} from './portfolio.types.ts'

export const PAGE_SIZE = 50

const thingHref = (id: string, rest = '') => `/products/${id}${rest}`

/** The address of a view: /portfolio/organisation, /portfolio/areas/<area>, /portfolio/areas/<area>/groups/<group>. */
export function viewPath(scope: Scope): string {
  if (scope.level === 'organisation') return '/portfolio/organisation'
  const area = `/portfolio/areas/${encodeURIComponent(scope.area ?? '')}`
  return scope.level === 'area' ? area : `${area}/groups/${encodeURIComponent(scope.group ?? '')}`
}

export function viewTitle(scope: Scope): string {
  if (scope.level === 'organisation') return 'The organisation’s portfolio'
  return scope.level === 'area'
    ? `${scope.area ?? ''}: the area’s portfolio`
    : `${scope.group ?? ''}: the group’s portfolio`
}

/** The health flags of one thing, each with where its cause is. */
export function flagsOf(t: ThingFigures): { text: string; href: string }[] {
  const flags: { text: string; href: string }[] = []
  if (t.flags.noProblemStatement)
    flags.push({ text: 'No problem statement', href: thingHref(t.id, '/problem-statement') })
  if (t.flags.reviewDue)
    flags.push({
      text: t.flags.lastReviewOn ? `No review in ${REVIEW_DUE_DAYS} days` : 'Never reviewed',
      href: thingHref(t.id, '/reviews'),
    })
  if (t.flags.nounName) flags.push({ text: 'Name starts with a noun', href: thingHref(t.id, '#name-guidance') })
  return flags
}

const flagCount = (t: ThingFigures) => flagsOf(t).length

function matches(t: ThingFigures, q: ViewQuery, show: Show): boolean {
  if (q.kind && t.kind !== q.kind) return false
  if (q.phase && t.phase !== q.phase) return false
  if (q.stage && t.stage !== q.stage) return false
  if (q.area && t.area !== q.area) return false
  if (q.group && t.group !== q.group) return false
  switch (show) {
    case 'flagged':
      return flagCount(t) > 0
    case 'off-target':
      return t.metrics.offTarget > 0
    case 'starved':
      return (t.starved?.length ?? 0) > 0
    case 'overdue':
      return t.hypotheses.overdue > 0
    default:
      return true
  }
}

const SORT_VALUE: Record<Sort, (t: ThingFigures) => number | string> = {
  name: t => t.name.toLowerCase(),
  phase: t => PHASES.indexOf(t.phase),
  stage: t => STAGES.indexOf(t.stage),
  next: t => t.roadmap.next,
  'off-target': t => t.metrics.offTarget,
  waiting: t => t.hypotheses.waiting,
  starved: t => t.starved?.length ?? -1,
  flags: flagCount,
}

/** The rows a query asks for, in its order; ties by name so the order never wobbles. */
export function selectRows(things: readonly ThingFigures[], q: ViewQuery): ThingFigures[] {
  const value = SORT_VALUE[q.sort]
  const sign = q.order === 'asc' ? 1 : -1
  const byName = (a: ThingFigures, b: ThingFigures) =>
    a.name.toLowerCase() < b.name.toLowerCase()
      ? -1
      : a.name.toLowerCase() > b.name.toLowerCase()
        ? 1
        : a.id < b.id
          ? -1
          : 1
  return things
    .filter(t => matches(t, q, q.show))
    .map(t => ({ t, v: value(t) }))
    .sort((a, b) => (a.v < b.v ? -sign : a.v > b.v ? sign : byName(a.t, b.t)))
    .map(x => x.t)
}

/** The query string of a view, leaving out what is as it would be anyway. */
export function queryString(q: ViewQuery, change: Partial<ViewQuery> = {}): string {
  const all = { ...q, ...change }
  const params = new URLSearchParams()
  const put = (name: string, value: string | number | null) => {
    if (value !== null && value !== '') params.set(name, String(value))
  }
  put('sort', all.sort)
  put('order', all.order)
  if (all.show !== 'all') put('show', all.show)
  put('kind', all.kind)
  put('phase', all.phase)
  put('stage', all.stage)
  put('area', all.area)
  put('group', all.group)
  if (all.page > 1) put('page', all.page)
  const text = params.toString()
  return text ? `?${text}` : ''
}

const COLUMNS: { sort: Sort; text: string; first: Order }[] = [
  { sort: 'name', text: 'Thing', first: 'asc' },
  { sort: 'phase', text: 'Phase and stage', first: 'asc' },
  { sort: 'next', text: 'Next on the roadmap', first: 'desc' },
  { sort: 'off-target', text: 'Metrics', first: 'desc' },
  { sort: 'waiting', text: 'Hypotheses waiting', first: 'desc' },
  { sort: 'starved', text: 'Starved this quarter', first: 'desc' },
  { sort: 'flags', text: 'Health flags', first: 'desc' },
]

const SHOW_LABELS: Record<Show, string> = {
  all: 'Every thing',
  flagged: 'With a health flag',
  'off-target': 'With a metric off target',
  starved: 'With a class of work starved this quarter',
  overdue: 'With a hypothesis past its date',
}

const number = (n: number) => n.toLocaleString('en-GB')
const plural = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`

/** The view as it opens: every thing, sorted by health flags. */
const NO_FILTER: ViewQuery = readViewQuery({})

function rowView(t: ThingFigures, scope: Scope) {
  const m = t.metrics
  const metricParts = [
    ...(m.onTarget ? [`${m.onTarget} on target`] : []),
    ...(m.offTarget ? [`${m.offTarget} off target`] : []),
    ...(m.unmeasured ? [`${m.unmeasured} not measured`] : []),
    ...(m.noTarget ? [`${m.noTarget} with no target`] : []),
  ]
  return {
    id: t.id,
    name: t.name,
    href: thingHref(t.id),
    kind: PRODUCT_KIND_LABELS[t.kind],
    place:
      scope.level === 'organisation'
        ? [t.area, t.group].filter(Boolean).join(', ')
        : scope.level === 'area'
          ? t.group
          : '',
    phase: PHASE_LABELS[t.phase],
    stage: STAGE_LABELS[t.stage],
    roadmap: {
      href: thingHref(t.id, '/roadmap'),
      items: t.roadmap.nextItems.map(i => ({ text: i.problem, href: thingHref(t.id, `/roadmap/${i.id}`) })),
      more: Math.max(0, t.roadmap.next - t.roadmap.nextItems.length),
      summary: `Now ${t.roadmap.now}, next ${t.roadmap.next}, later ${t.roadmap.later}`,
    },
    metrics: {
      href: thingHref(t.id, '/metrics'),
      text: metricParts.length ? metricParts.join(', ') : 'No metrics',
      offTarget: m.offTarget,
    },
    hypotheses: {
      href: thingHref(t.id, '/hypotheses'),
      text: t.hypotheses.waiting
        ? `${t.hypotheses.waiting} waiting${t.hypotheses.overdue ? `, ${t.hypotheses.overdue} past ${t.hypotheses.overdue === 1 ? 'its' : 'their'} date` : ''}`
        : 'None waiting',
      overdue: t.hypotheses.overdue,
    },
    starved: {
      href: thingHref(t.id, '/prioritisation/balance'),
      recorded: t.starved !== null,
      classes: (t.starved ?? []).map(c => WORK_CLASS_LABELS[c]),
    },
    flags: flagsOf(t),
  }
}

/** A leaders' view: its filters, sortable headers, the page of rows and the links to export and page. */
export function leadersView(
  things: readonly ThingFigures[],
  scope: Scope,
  q: ViewQuery,
  quarter: string,
  links: { areas?: { text: string; href: string }[]; groups?: { text: string; href: string }[] } = {},
) {
  const path = viewPath(scope)
  const rows = selectRows(things, q)
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE))
  const page = Math.min(q.page, pages)
  const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  const options = (values: readonly string[], labels: Record<string, string>, chosen: string | null, any: string) => [
    { value: '', text: any, selected: chosen === null },
    ...values.map(v => ({ value: v, text: labels[v] ?? v, selected: v === chosen })),
  ]
  const areas = [...new Set(things.map(t => t.area).filter(Boolean))].sort()
  const groups = [
    ...new Set(
      things
        .filter(t => !q.area || t.area === q.area)
        .map(t => t.group)
        .filter(Boolean),
    ),
  ].sort()
  const same = (values: string[]) => Object.fromEntries(values.map(v => [v, v]))
  const filtered =
    q.show !== 'all' || q.kind !== null || q.phase !== null || q.stage !== null || q.area !== null || q.group !== null
  const count = (pred: (t: ThingFigures) => boolean) => things.filter(pred).length
  return {
    title: viewTitle(scope),
    path,
    csvHref: `${path}/export.csv${queryString(q, { page: 1 })}`,
    clearHref: path,
    filtered,
    quarter: quarterLabel(quarter),
    total: things.length,
    matching: rows.length,
    // Each count over the whole view, linked to the rows it counts (the view showing only them).
    summary: (
      [
        ['flagged', 'with a health flag'],
        ['off-target', 'with a metric off target'],
        ['overdue', 'with a hypothesis past its date'],
        ['starved', 'with a class of backlog work starved this quarter'],
      ] as const
    ).map(([show, text]) => ({
      text: `${number(count(t => matches(t, NO_FILTER, show)))} ${text}`,
      href: `${path}${queryString({ ...NO_FILTER, show })}`,
      testId: `summary-${show}`,
    })),
    hidden: { sort: q.sort, order: q.order },
    filters: {
      show: SHOWS.map(s => ({ value: s, text: SHOW_LABELS[s], selected: s === q.show })),
      kind: options(PRODUCT_KINDS, PRODUCT_KIND_LABELS, q.kind, 'Any kind'),
      phase: options(PHASES, PHASE_LABELS, q.phase, 'Any phase'),
      stage: options(STAGES, STAGE_LABELS, q.stage, 'Any stage'),
      area: scope.level === 'organisation' ? options(areas, same(areas), q.area, 'Every area') : null,
      // Across the organisation, groups are offered once an area is chosen: a group's name is only
      // unique within its area.
      group:
        scope.level === 'area' || (scope.level === 'organisation' && q.area !== null)
          ? options(groups, same(groups), q.group, 'Every group')
          : null,
    },
    headers: COLUMNS.map(c => {
      const current = q.sort === c.sort
      const next: Order = current ? (q.order === 'asc' ? 'desc' : 'asc') : c.first
      return {
        text: c.text,
        href: `${path}${queryString(q, { sort: c.sort, order: next, page: 1 })}`,
        ariaSort: current ? (q.order === 'asc' ? 'ascending' : 'descending') : 'none',
      }
    }),
    rows: shown.map(t => rowView(t, scope)),
    pagination: pagination({
      page,
      pages,
      href: n => `${path}${queryString(q, { page: n })}`,
      landmarkLabel: 'Pages of things',
    }),
    areaLinks: links.areas ?? [],
    groupLinks: links.groups ?? [],
    showCount: plural(rows.length, 'thing', 'things'),
  }
}

/** Every row the query matches, as a spreadsheet: one line per thing, every figure in its own column. */
export function leadersCsv(things: readonly ThingFigures[], q: ViewQuery, baseUrl: string): string {
  const rows = selectRows(things, q)
  const header = [
    'Thing',
    'Kind',
    'Area',
    'Group',
    'Owner',
    'Phase',
    'Stage',
    'Roadmap items in Now',
    'Roadmap items in Next',
    'Roadmap items in Later',
    'Next on the roadmap',
    'Metrics on target',
    'Metrics off target',
    'Metrics not measured',
    'Metrics with no target',
    'Hypotheses waiting',
    'Hypotheses past their date',
    'Classes of work starved this quarter',
    'Health flags',
    'Last strategy review',
    'Strategy page',
  ]
  const origin = baseUrl.replace(/\/$/, '')
  return csvDocument(
    header,
    rows.map(t => [
      t.name,
      PRODUCT_KIND_LABELS[t.kind],
      t.area,
      t.group,
      t.ownerName ?? '',
      PHASE_LABELS[t.phase],
      STAGE_LABELS[t.stage],
      t.roadmap.now,
      t.roadmap.next,
      t.roadmap.later,
      t.roadmap.nextItems.map(i => i.problem).join('; '),
      t.metrics.onTarget,
      t.metrics.offTarget,
      t.metrics.unmeasured,
      t.metrics.noTarget,
      t.hypotheses.waiting,
      t.hypotheses.overdue,
      t.starved === null ? 'Not recorded' : t.starved.map(c => WORK_CLASS_LABELS[c]).join('; ') || 'None',
      flagsOf(t)
        .map(f => f.text)
        .join('; ') || 'None',
      t.flags.lastReviewOn ?? 'Never',
      `${origin}${thingHref(t.id)}`,
    ]),
  )
}

export function csvFilename(scope: Scope, today: string): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
  const name =
    scope.level === 'organisation' ? 'organisation' : slug(`${scope.area ?? ''} ${scope.group ?? ''}`) || 'area'
  return `portfolio-${name}-${today}.csv`
}

// ---- The leadership team's balance ----

export function portfolioStarvedText(run: StarvedRun<PortfolioClass>): string {
  return `${PORTFOLIO_CLASS_LABELS[run.workClass]} was starved in ${quarterLabel(run.quarters[0])} and ${quarterLabel(run.quarters[1])}: none was planned or none was done in either quarter`
}

export const balanceHref = (quarter = '') => `/portfolio/balance${quarter ? `/${quarter}` : ''}`

/** The balance page: every quarter recorded, starved classes marked, and warnings for what is starved now. */
export function balanceView(quarters: readonly PortfolioQuarter[], currentQuarter: string) {
  const runs = starvedRuns(quarters, PORTFOLIO_CLASSES)
  const current = quarters.find(q => q.quarter === currentQuarter)
  const inRun = (quarter: string, c: PortfolioClass) =>
    runs.some(r => r.workClass === c && r.quarters.includes(quarter))
  const starvedNow = current ? PORTFOLIO_CLASSES.filter(c => isStarved(current.counts, c)) : []
  return {
    classes: PORTFOLIO_CLASSES.map(c => PORTFOLIO_CLASS_LABELS[c]),
    quarters: quarters.map(q => ({
      quarter: q.quarter,
      label: quarterLabel(q.quarter),
      href: balanceHref(q.quarter),
      note: q.note,
      updated: `${formatDate(q.updatedAt.slice(0, 10))} by ${q.updatedByName}`,
      cells: PORTFOLIO_CLASSES.map(c => ({
        label: PORTFOLIO_CLASS_LABELS[c],
        planned: q.counts[c].planned,
        done: q.counts[c].done,
        starved: isStarved(q.counts, c),
        run: inRun(q.quarter, c),
      })),
    })),
    warnings: [
      ...starvedNow.map(
        c =>
          `${PORTFOLIO_CLASS_LABELS[c]} is starved in ${quarterLabel(currentQuarter)}: ${
            current && current.counts[c].planned === 0 ? 'none of it is planned' : 'none of it is done yet'
          }`,
      ),
      ...currentStarvedRuns(quarters, PORTFOLIO_CLASSES).map(portfolioStarvedText),
    ],
    currentRecorded: current !== undefined,
    currentLabel: quarterLabel(currentQuarter),
  }
}
