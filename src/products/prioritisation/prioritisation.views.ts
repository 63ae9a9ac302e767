// Presenters for prioritisation: the impact/effort matrix (points placed for a server-rendered SVG,
// and the same data as a table), MoSCoW groups, RICE and weighted rankings, the backlog's balance
// per quarter with starved classes, the scoring forms' choices, and the strategy page's summary.
import type { FormValues } from '../../platform/forms.ts'
import type { StrategyFlag, StrategyPart } from '../strategy.ts'
import {
  MOSCOW,
  MOSCOW_LABELS,
  QUADRANT_HINTS,
  QUADRANT_LABELS,
  RICE_IMPACT_LABELS,
  RICE_IMPACTS,
  WORK_CLASS_LABELS,
  WORK_CLASSES,
  currentStarvedRuns,
  isStarved,
  quadrantOf,
  quarterLabel,
  riceScore,
  starvedRuns,
  weightedMaximum,
  weightedTotal,
  type BacklogQuarter,
  type BalanceQuarter,
  type Criterion,
  type Method,
  type PriorityOption,
  type Quadrant,
  type StarvedRun,
  type WorkClass,
} from './prioritisation.types.ts'

export const prioritisationHref = (productId: string, rest = '') => `/products/${productId}/prioritisation${rest}`
export const optionHref = (productId: string, optionId: string, rest = '') =>
  prioritisationHref(productId, `/options/${optionId}${rest}`)

/** The pages of prioritisation, for the sub-navigation. */
export function prioritisationNav(productId: string, current: string) {
  const items: [string, string][] = [
    ['', 'Options'],
    ['/impact-effort', 'Impact and effort'],
    ['/moscow', 'MoSCoW'],
    ['/rice', 'RICE'],
    ['/weighted', 'Weighted scoring'],
    ['/balance', 'Backlog balance'],
  ]
  return items.map(([rest, text]) => ({
    text,
    href: prioritisationHref(productId, rest),
    active: rest === current,
  }))
}

// One formatter per number of decimal places: toLocaleString with options builds a new one per call.
const FORMATS = new Map<number, Intl.NumberFormat>()
const number = (n: number, digits = 1) => {
  let format = FORMATS.get(digits)
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 })
    FORMATS.set(digits, format)
  }
  return format.format(n)
}

// ---- The impact/effort matrix ----

/** The matrix's drawing: a 640 × 480 box, the plot inside it, and a cell per score of 1 to 5. */
export const MATRIX = {
  width: 640,
  height: 480,
  left: 80,
  top: 20,
  plotWidth: 540,
  plotHeight: 380,
} as const
const CELL_W = MATRIX.plotWidth / 5
const CELL_H = MATRIX.plotHeight / 5

/** Where the centre of a cell is: effort runs left to right, impact bottom to top. */
export function cellCentre(impact: number, effort: number): { x: number; y: number } {
  return {
    x: MATRIX.left + (effort - 0.5) * CELL_W,
    y: MATRIX.top + (5.5 - impact) * CELL_H,
  }
}

/** The impact and effort a point on the matrix stands for (the inverse of cellCentre and its offsets). */
export function scoresAt(x: number, y: number): { impact: number; effort: number } {
  return {
    effort: Math.round((x - MATRIX.left) / CELL_W + 0.5),
    impact: Math.round(5.5 - (y - MATRIX.top) / CELL_H),
  }
}

export interface MatrixPoint {
  number: number
  title: string
  impact: number
  effort: number
  quadrant: Quadrant
  quadrantLabel: string
  x: number
  y: number
  href: string
}

export function matrixView(options: readonly PriorityOption[], productId: string) {
  const scored = options.filter(o => o.impact !== null && o.effort !== null)
  const inCell = new Map<string, number>()
  const points: MatrixPoint[] = scored.map((o, i) => {
    const impact = o.impact ?? 0
    const effort = o.effort ?? 0
    const key = `${impact}-${effort}`
    const slot = (inCell.get(key) ?? 0) % 9
    inCell.set(key, slot + 1)
    const centre = cellCentre(impact, effort)
    const quadrant = quadrantOf(impact, effort)
    return {
      number: i + 1,
      title: o.title,
      impact,
      effort,
      quadrant,
      quadrantLabel: QUADRANT_LABELS[quadrant],
      // Several options in one cell sit side by side, three to a row, inside the cell.
      x: Math.round(centre.x + ((slot % 3) - 1) * 28),
      y: Math.round(centre.y + (Math.floor(slot / 3) - 1) * 22),
      href: optionHref(productId, o.id, '/impact-effort'),
    }
  })
  const midX = MATRIX.left + 2 * CELL_W
  const midY = MATRIX.top + 3 * CELL_H
  const right = MATRIX.left + MATRIX.plotWidth
  const bottom = MATRIX.top + MATRIX.plotHeight
  const quadrants = [
    { key: 'quick-win', text: 'Quick wins', x: MATRIX.left + 8, y: MATRIX.top + 18, anchor: 'start' },
    { key: 'big-bet', text: 'Big bets', x: right - 8, y: MATRIX.top + 18, anchor: 'end' },
    { key: 'fill-in', text: 'Fill-ins', x: MATRIX.left + 8, y: bottom - 8, anchor: 'start' },
    { key: 'money-pit', text: 'Money pits', x: right - 8, y: bottom - 8, anchor: 'end' },
  ]
  const counts = Object.fromEntries(
    (['quick-win', 'big-bet', 'fill-in', 'money-pit'] as const).map(q => [q, points.filter(p => p.quadrant === q)]),
  ) as Record<Quadrant, MatrixPoint[]>
  const desc =
    points.length === 0
      ? 'No options have been scored for impact and effort yet.'
      : `${points.length === 1 ? '1 option' : `${points.length} options`} placed by effort (across, 1 to 5) and impact (up, 1 to 5). ` +
        (['quick-win', 'big-bet', 'fill-in', 'money-pit'] as const)
          .map(q => `${QUADRANT_LABELS[q]}s: ${counts[q].length ? counts[q].map(p => p.title).join(', ') : 'none'}.`)
          .join(' ') +
        ' The table after the chart gives the same scores.'
  return {
    matrix: MATRIX,
    points,
    quadrants,
    ticks: [1, 2, 3, 4, 5].map(n => ({ n, x: cellCentre(1, n).x, y: cellCentre(n, 1).y })),
    lines: { midX, midY, right, bottom },
    desc,
    tableRows: points,
    quadrantHints: (['quick-win', 'big-bet', 'fill-in', 'money-pit'] as const).map(q => ({
      name: QUADRANT_LABELS[q],
      hint: QUADRANT_HINTS[q],
    })),
    unscored: options
      .filter(o => o.impact === null || o.effort === null)
      .map(o => ({ title: o.title, href: optionHref(productId, o.id, '/impact-effort') })),
  }
}

// ---- MoSCoW ----

export function moscowView(options: readonly PriorityOption[], productId: string) {
  return {
    groups: MOSCOW.map(m => ({
      key: m,
      heading: MOSCOW_LABELS[m],
      options: options
        .filter(o => o.moscow === m)
        .map(o => ({ title: o.title, description: o.description, href: optionHref(productId, o.id, '/moscow') })),
    })),
    unsorted: options
      .filter(o => o.moscow === null)
      .map(o => ({ title: o.title, href: optionHref(productId, o.id, '/moscow') })),
  }
}

// ---- RICE ----

export interface RiceRow {
  rank: number
  title: string
  reach: string
  impact: string
  confidence: string
  effort: string
  score: number
  scoreText: string
  href: string
}

export function riceView(options: readonly PriorityOption[], productId: string) {
  const ranked = options
    .filter(o => o.rice !== null)
    .map(o => ({ o, score: o.rice ? riceScore(o.rice) : 0 }))
    .sort((a, b) => b.score - a.score || a.o.title.localeCompare(b.o.title))
  const rows: RiceRow[] = ranked.map(({ o, score }, i) => ({
    rank: i + 1,
    title: o.title,
    reach: number(o.rice?.reach ?? 0, 0),
    impact: number(o.rice?.impact ?? 0, 2),
    confidence: `${o.rice?.confidence ?? 0}%`,
    effort: number(o.rice?.effort ?? 0, 2),
    score,
    scoreText: number(score),
    href: optionHref(productId, o.id, '/rice'),
  }))
  return {
    rows,
    unscored: options
      .filter(o => o.rice === null)
      .map(o => ({ title: o.title, href: optionHref(productId, o.id, '/rice') })),
  }
}

// ---- Weighted scoring ----

export function weightedView(options: readonly PriorityOption[], criteria: readonly Criterion[], productId: string) {
  const complete = (o: PriorityOption) => criteria.length > 0 && criteria.every(c => o.scores[c.id] !== undefined)
  const ranked = options
    .filter(complete)
    .map(o => ({ o, total: weightedTotal(o.scores, criteria) }))
    .sort((a, b) => b.total - a.total || a.o.title.localeCompare(b.o.title))
  return {
    criteria: criteria.map(c => ({ name: c.name, weight: c.weight })),
    maximum: weightedMaximum(criteria),
    rows: ranked.map(({ o, total }, i) => ({
      rank: i + 1,
      title: o.title,
      scores: criteria.map(c => String(o.scores[c.id] ?? '')),
      total,
      href: optionHref(productId, o.id, '/weighted'),
    })),
    unscored: options
      .filter(o => !complete(o))
      .map(o => ({ title: o.title, href: optionHref(productId, o.id, '/weighted') })),
  }
}

// ---- The options list ----

export function optionsView(options: readonly PriorityOption[], criteria: readonly Criterion[], productId: string) {
  const scoredAll = criteria.length > 0
  return options.map(o => ({
    id: o.id,
    title: o.title,
    description: o.description,
    impactEffort:
      o.impact !== null && o.effort !== null
        ? `Impact ${o.impact}, effort ${o.effort}: ${QUADRANT_LABELS[quadrantOf(o.impact, o.effort)].toLowerCase()}`
        : 'Not scored',
    moscow: o.moscow ? MOSCOW_LABELS[o.moscow] : 'Not sorted',
    rice: o.rice ? number(riceScore(o.rice)) : 'Not scored',
    weighted:
      scoredAll && criteria.every(c => o.scores[c.id] !== undefined)
        ? `${weightedTotal(o.scores, criteria)} of ${weightedMaximum(criteria)}`
        : 'Not scored',
    editHref: optionHref(productId, o.id, '/edit'),
    removeHref: optionHref(productId, o.id, '/remove'),
    decideHref: `/products/${productId}/decisions/new?option=${o.id}`,
  }))
}

// ---- Scoring forms ----

const scoreItems = (chosen: unknown, low: string, high: string) =>
  ['1', '2', '3', '4', '5'].map(v => ({
    value: v,
    text: v === '1' ? `1 – ${low}` : v === '5' ? `5 – ${high}` : v,
    checked: chosen === v,
  }))

/** What a scoring form shows: its questions with what was typed (or is saved) chosen. */
export function scoringFormView(method: Method, values: FormValues, criteria: readonly Criterion[]) {
  return {
    impactItems: scoreItems(values.impact, 'very little', 'a great deal'),
    effortItems: scoreItems(values.effort, 'very little', 'a great deal'),
    moscowItems: MOSCOW.map(m => ({ value: m, text: MOSCOW_LABELS[m], checked: values.moscow === m })),
    riceImpactItems: RICE_IMPACTS.map(v => ({
      value: v,
      text: RICE_IMPACT_LABELS[v],
      checked: values.riceImpact === v,
    })),
    criteria: criteria.map(c => ({
      id: c.id,
      name: c.name,
      weight: c.weight,
      items: scoreItems(values[`score-${c.id}`], 'poorly', 'very well'),
    })),
    method,
  }
}

/** The form's starting values: what is saved for the option. */
export function scoringValues(option: PriorityOption): FormValues {
  const values: FormValues = { version: String(option.version) }
  if (option.impact !== null) values.impact = String(option.impact)
  if (option.effort !== null) values.effort = String(option.effort)
  if (option.moscow) values.moscow = option.moscow
  if (option.rice) {
    values.reach = String(option.rice.reach)
    values.riceImpact = String(option.rice.impact)
    values.confidence = String(option.rice.confidence)
    values.riceEffort = String(option.rice.effort)
  }
  for (const [id, score] of Object.entries(option.scores)) values[`score-${id}`] = String(score)
  return values
}

/** The criteria form's rows: the saved or typed rows, and three empty ones to add to. */
export function criteriaRows(values: FormValues, saved: readonly Criterion[] | null) {
  const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '')
  const rows: { id: string; name: string; weight: string }[] = saved
    ? saved.map(c => ({ id: c.id, name: c.name, weight: String(c.weight) }))
    : []
  if (!saved)
    for (let i = 0; i < 13; i++) {
      const row = {
        id: text(`criteria-${i}-id`),
        name: text(`criteria-${i}-name`),
        weight: text(`criteria-${i}-weight`),
      }
      if (row.name || row.weight) rows.push(row)
    }
  const blanks = Math.max(0, Math.min(3, 13 - rows.length))
  for (let i = 0; i < blanks; i++) rows.push({ id: '', name: '', weight: '' })
  return rows.map((r, index) => ({ ...r, index }))
}

// ---- The backlog's balance ----

export function balanceView(quarters: readonly BacklogQuarter[], currentQuarter: string, productId: string) {
  const runs = starvedRuns(quarters)
  const current = currentStarvedRuns(quarters)
  const inRun = (quarter: string, workClass: string) =>
    runs.some(r => r.workClass === workClass && r.quarters.includes(quarter))
  return {
    classes: WORK_CLASSES.map(c => WORK_CLASS_LABELS[c]),
    quarters: quarters.map(q => ({
      quarter: q.quarter,
      label: quarterLabel(q.quarter),
      href: prioritisationHref(productId, `/balance/${q.quarter}`),
      note: q.note,
      updatedAt: q.updatedAt,
      updatedByName: q.updatedByName,
      cells: WORK_CLASSES.map(c => ({
        label: WORK_CLASS_LABELS[c],
        planned: q.counts[c].planned,
        done: q.counts[c].done,
        starved: isStarved(q.counts, c),
        run: inRun(q.quarter, c),
      })),
    })),
    warnings: current.map(starvedText),
    earlierRuns: runs.filter(r => !current.includes(r)).map(starvedText),
    currentQuarter,
    currentLabel: quarterLabel(currentQuarter),
    currentHref: prioritisationHref(productId, `/balance/${currentQuarter}`),
  }
}

export function starvedText(run: StarvedRun): string {
  return `${WORK_CLASS_LABELS[run.workClass]} was starved in ${quarterLabel(run.quarters[0])} and ${quarterLabel(run.quarters[1])}: none was planned or none was done in either quarter`
}

// ---- The strategy page ----

/** The top option by each method that has been used. */
export function topOptions(options: readonly PriorityOption[], criteria: readonly Criterion[]): string[] {
  const lines: string[] = []
  const byImpact = options
    .filter(o => o.impact !== null && o.effort !== null)
    .map(o => ({ o, q: quadrantOf(o.impact ?? 0, o.effort ?? 0) }))
  const quick = byImpact
    .filter(x => x.q === 'quick-win')
    .sort((a, b) => (b.o.impact ?? 0) - (a.o.impact ?? 0) || (a.o.effort ?? 0) - (b.o.effort ?? 0))
  if (byImpact.length > 0)
    lines.push(
      quick.length > 0
        ? `Quick wins on impact and effort: ${quick
            .slice(0, 3)
            .map(x => x.o.title)
            .join(', ')}`
        : 'Impact and effort: no quick wins yet',
    )
  const musts = options.filter(o => o.moscow === 'must')
  if (options.some(o => o.moscow !== null))
    lines.push(`Must have: ${musts.length ? musts.map(o => o.title).join(', ') : 'nothing yet'}`)
  const rice = riceView(options, '').rows
  if (rice[0]) lines.push(`Top by RICE: ${rice[0].title} (score ${rice[0].scoreText})`)
  const weighted = weightedView(options, criteria, '').rows
  if (weighted[0])
    lines.push(`Top by weighted score: ${weighted[0].title} (${weighted[0].total} of ${weightedMaximum(criteria)})`)
  return lines
}

export function prioritisationPart(
  productId: string,
  board: { options: readonly PriorityOption[]; criteria: readonly Criterion[]; quarters: readonly BacklogQuarter[] },
): StrategyPart {
  const { options, criteria, quarters } = board
  const lines = topOptions(options, criteria)
  const notes: string[] = []
  if (options.length > 0)
    notes.push(
      `${options.length === 1 ? '1 option' : `${options.length} options`} to choose between${lines.length === 0 ? ', not scored yet' : ''}`,
    )
  const latest = quarters[0]
  if (latest) {
    const done = WORK_CLASSES.map(c => `${WORK_CLASS_LABELS[c].toLowerCase()} ${latest.counts[c].done}`).join(', ')
    notes.push(`Backlog work done in ${quarterLabel(latest.quarter)}: ${done}`)
  }
  const updated = [
    ...options.map(o => ({ at: o.updatedAt, by: o.updatedByName })),
    ...quarters.map(q => ({ at: q.updatedAt, by: q.updatedByName })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0]
  return {
    slug: 'prioritisation',
    name: 'Prioritisation',
    purpose:
      'The options in front of the team, scored for impact and effort, MoSCoW, RICE or the team’s own criteria, and the balance of backlog work each quarter.',
    href: prioritisationHref(productId),
    empty: options.length === 0 && quarters.length === 0,
    lines,
    notes,
    updatedAt: updated?.at ?? null,
    updatedByName: updated?.by ?? null,
  }
}

export function prioritisationFlags(productId: string, quarters: readonly BalanceQuarter<WorkClass>[]): StrategyFlag[] {
  return currentStarvedRuns(quarters).map(run => ({
    text: `A class of work has been starved two quarters running: ${WORK_CLASS_LABELS[run.workClass].toLowerCase()}`,
    href: prioritisationHref(productId, '/balance'),
  }))
}

/** Prioritisation as Markdown lines (text people typed is escaped by the caller's `text`). */
export function prioritisationMarkdown(
  board: { options: readonly PriorityOption[]; criteria: readonly Criterion[]; quarters: readonly BacklogQuarter[] },
  text: (t: string) => string,
): string[] {
  const { options, criteria, quarters } = board
  const out: string[] = []
  if (options.length === 0) out.push('No options recorded yet.')
  for (const row of optionsView(options, criteria, '')) {
    out.push(`### ${text(row.title)}`, '')
    if (row.description) out.push(text(row.description), '')
    out.push(
      `- **Impact and effort:** ${row.impactEffort}`,
      `- **MoSCoW:** ${row.moscow}`,
      `- **RICE score:** ${row.rice}`,
      `- **Weighted score:** ${row.weighted}`,
      '',
    )
  }
  if (criteria.length > 0)
    out.push(`Weighted-scoring criteria: ${criteria.map(c => `${text(c.name)} (weight ${c.weight})`).join(', ')}.`, '')
  if (quarters.length > 0) {
    out.push('### Backlog balance', '', `| Quarter | ${WORK_CLASSES.map(c => WORK_CLASS_LABELS[c]).join(' | ')} |`)
    out.push(`| --- | ${WORK_CLASSES.map(() => '---').join(' | ')} |`)
    for (const q of quarters)
      out.push(
        `| ${quarterLabel(q.quarter)} | ${WORK_CLASSES.map(c => `${q.counts[c].planned} planned, ${q.counts[c].done} done`).join(' | ')} |`,
      )
    out.push('')
    for (const run of currentStarvedRuns(quarters)) out.push(`Warning: ${starvedText(run)}.`)
  }
  return out
}
