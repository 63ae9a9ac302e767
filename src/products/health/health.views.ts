// Presenters for the team health check: the form, each round's state, the results as a table and
// as a server-rendered SVG chart of the trend (the same numbers), and the strategy page's part.
import { formatDate } from '../../platform/dates.ts'
import type { FormErrors, FormValues } from '../../platform/forms.ts'
import type { StrategyPart } from '../strategy.ts'
import {
  DYSFUNCTIONS,
  DYSFUNCTION_INFO,
  MIN_RESPONDENTS,
  SCORES,
  SCORE_LABELS,
  type Dysfunction,
  type HealthRound,
  type RoundResults,
} from './health.types.ts'

export const healthHref = (productId: string, rest = '') => `/products/${productId}/health${rest}`

const people = (n: number) => (n === 1 ? '1 person' : `${n} people`)
const score = (n: number) => n.toFixed(1)

/** The questions, with what was chosen and any problem. */
export function answerFormView(values: FormValues, errors?: FormErrors) {
  return DYSFUNCTIONS.map(d => ({
    name: d,
    statement: DYSFUNCTION_INFO[d].statement,
    dysfunction: DYSFUNCTION_INFO[d].name,
    items: SCORES.map(s => ({ value: String(s), text: `${s}: ${SCORE_LABELS[s]}`, checked: values[d] === String(s) })),
    error: errors?.fields[d],
  }))
}

/** What a round's line says: open, hidden, or its results. */
export function roundStatus(round: HealthRound): string {
  if (round.status === 'open')
    return `Open since ${formatDate(round.openedAt)}: ${people(round.respondents)} answered so far`
  if (round.respondents < MIN_RESPONDENTS)
    return `Closed ${formatDate(round.closedAt)}: ${people(round.respondents)} answered, fewer than ${MIN_RESPONDENTS}, so the results are not shown`
  return `Closed ${formatDate(round.closedAt)}: ${people(round.respondents)} answered`
}

/** The rounds with results, oldest first: the trend. */
const withResults = (rounds: readonly RoundResults[]) =>
  rounds
    .filter((r): r is RoundResults & { averages: Record<Dysfunction, number> } => r.averages !== null)
    .sort((a, b) => a.round.number - b.round.number)

/** The trend as a GOV.UK table: a row per round with results, a column per dysfunction. */
export function trendTable(rounds: readonly RoundResults[]) {
  const shown = withResults(rounds)
  if (shown.length === 0) return null
  return {
    head: [{ text: 'Round' }, ...DYSFUNCTIONS.map(d => ({ text: DYSFUNCTION_INFO[d].name, format: 'numeric' }))],
    rows: shown.map(r => [
      { text: `Round ${r.round.number} (${people(r.round.respondents)})` },
      ...DYSFUNCTIONS.map(d => ({ text: score(r.averages[d]), format: 'numeric' })),
    ]),
  }
}

/**
 * The trend as an SVG: one small chart per dysfunction, a point per round on a scale of 1 to 5,
 * each point labelled with its score, so nothing depends on colour. The table beside it holds the
 * same numbers.
 */
export function trendChart(rounds: readonly RoundResults[]) {
  const shown = withResults(rounds)
  if (shown.length === 0) return null
  // Each dysfunction's name sits above its own strip, so the chart stays narrow enough to read
  // on a phone: the strip runs from 1 (its bottom line) to 5 (its top line).
  const left = 30
  const plotWidth = 360
  const rowHeight = 84
  const top = 26
  const width = left + plotWidth + 30
  const height = top + rowHeight * DYSFUNCTIONS.length
  const x = (i: number) => left + (shown.length === 1 ? plotWidth / 2 : (i * plotWidth) / Math.max(1, shown.length - 1))
  const rows = DYSFUNCTIONS.map((d, row) => {
    const y0 = top + row * rowHeight
    const y = (value: number) => y0 + 72 - ((value - 1) / 4) * 40
    const points = shown.map((r, i) => ({
      x: x(i),
      y: y(r.averages[d]),
      label: score(r.averages[d]),
      labelY: y(r.averages[d]) - 9,
    }))
    return {
      name: DYSFUNCTION_INFO[d].name,
      labelY: y0 + 16,
      baseline: { y: y0 + 72, top: y0 + 32 },
      line: points.map(p => `${p.x},${p.y}`).join(' '),
      points,
    }
  })
  const description = DYSFUNCTIONS.map(
    d => `${DYSFUNCTION_INFO[d].name}: ${shown.map(r => `round ${r.round.number} ${score(r.averages[d])}`).join(', ')}`,
  ).join('. ')
  return {
    width,
    height,
    left,
    right: left + plotWidth,
    rows,
    rounds: shown.map((r, i) => ({ x: x(i), label: `Round ${r.round.number}` })),
    title: 'Average score for each dysfunction, round by round, on a scale of 1 to 5',
    description: `${description}.`,
  }
}

/** The health check's page: the open round, the form, each round and the results. */
export function healthView(productId: string, rounds: readonly RoundResults[]) {
  const latest = withResults(rounds).at(-1)
  return {
    rounds: rounds.map(r => ({
      number: r.round.number,
      status: roundStatus(r.round),
      open: r.round.status === 'open',
    })),
    latest: latest
      ? {
          number: latest.round.number,
          respondents: people(latest.round.respondents),
          rows: DYSFUNCTIONS.map(d => ({
            key: { text: DYSFUNCTION_INFO[d].name },
            value: { text: `${score(latest.averages[d])} out of 5` },
          })),
          lowest: lowest(latest.averages),
        }
      : null,
    table: trendTable(rounds),
    chart: trendChart(rounds),
    href: healthHref(productId),
  }
}

function lowest(averages: Record<Dysfunction, number>): string {
  const d = [...DYSFUNCTIONS].sort((a, b) => averages[a] - averages[b])[0] ?? 'trust'
  return `${DYSFUNCTION_INFO[d].name} scored lowest (${score(averages[d])}).${d === 'trust' ? '' : ' Trust is the base the others build on, so check it too.'}`
}

/** The health check's part of the strategy page. */
export function healthPart(productId: string, rounds: readonly RoundResults[]): StrategyPart {
  const latest = withResults(rounds).at(-1)
  const open = rounds.find(r => r.round.status === 'open')?.round
  const notes: string[] = []
  if (open) notes.push(`Round ${open.number} is open: ${people(open.respondents)} answered so far.`)
  if (latest) notes.push(lowest(latest.averages))
  return {
    slug: 'health',
    name: 'Team health check',
    purpose: 'Ask the team, anonymously, how it is doing on the five dysfunctions of a team.',
    href: healthHref(productId),
    empty: rounds.length === 0,
    lines: latest
      ? [
          `Round ${latest.round.number}, ${people(latest.round.respondents)}: ${DYSFUNCTIONS.map(d => `${DYSFUNCTION_INFO[d].short.toLowerCase()} ${score(latest.averages[d])}`).join(', ')}`,
        ]
      : ['No results to show yet.'],
    notes,
    updatedAt: rounds[0]?.round.closedAt ?? rounds[0]?.round.openedAt ?? null,
    updatedByName: null,
  }
}
