// Presenters for the roadmap: its columns with each item's move buttons, an item's page and its
// history, the item form's choices, and the roadmap's part of the strategy page and its export.
import { formatDate, formatDateTime } from '../../platform/dates.ts'
import type { FormErrors, FormValues } from '../../platform/forms.ts'
import type { Metric } from '../metrics/metrics.types.ts'
import { escapeMarkdownLine, type MarkdownSection } from '../strategy.markdown.ts'
import type { StrategyFlag, StrategyPart } from '../strategy.ts'
import {
  COLUMN_LABELS,
  COLUMNS,
  ITEM_STATUS_LABELS,
  type Board,
  type Column,
  type ItemStatus,
  type RoadmapEvent,
  type RoadmapItem,
} from './roadmap.types.ts'

export const roadmapHref = (productId: string, rest = '') => `/products/${productId}/roadmap${rest}`
export const itemHref = (productId: string, itemId: string, rest = '') => roadmapHref(productId, `/${itemId}${rest}`)

/** The buttons that move an item: up, down, and to each other column. */
export function moveButtons(item: RoadmapItem, index: number, count: number) {
  const buttons: { value: string; text: string }[] = []
  if (index > 0) buttons.push({ value: 'up', text: 'Move up' })
  if (index < count - 1) buttons.push({ value: 'down', text: 'Move down' })
  for (const c of COLUMNS) if (c !== item.column) buttons.push({ value: c, text: `Move to ${COLUMN_LABELS[c]}` })
  return buttons
}

/** The roadmap page: three columns in order, each item with its move forms, then done and dropped items. */
export function boardView(board: Board, productId: string) {
  return {
    columns: COLUMNS.map(c => {
      const items = board.columns[c]
      return {
        key: c,
        label: COLUMN_LABELS[c],
        count: items.length,
        items: items.map((item, index) => ({
          id: item.id,
          href: itemHref(productId, item.id),
          moveAction: itemHref(productId, item.id, '/move'),
          problem: item.problem,
          outcome: item.outcome,
          metricName: item.metricName,
          metricHref: item.metricId ? `/products/${productId}/metrics/${item.metricId}` : null,
          version: item.version,
          position: index + 1,
          moves: moveButtons(item, index, items.length),
        })),
      }
    }),
    closed: board.closed.map(item => ({
      href: itemHref(productId, item.id),
      problem: item.problem,
      status: ITEM_STATUS_LABELS[item.status],
      column: COLUMN_LABELS[item.column],
      when: formatDate(item.updatedAt),
    })),
  }
}

/** The item form's metric choices: none, or one of the thing's metrics. */
export function metricItems(metrics: readonly Metric[], chosen: string | undefined) {
  return [
    { value: '', text: 'No metric yet', selected: !chosen },
    ...metrics.map(m => ({ value: m.id, text: m.name, selected: m.id === chosen })),
  ]
}

export function itemValues(item: RoadmapItem): FormValues {
  return { problem: item.problem, outcome: item.outcome, metricId: item.metricId ?? '', version: String(item.version) }
}

export function itemFormView(values: FormValues, metrics: readonly Metric[], errors?: FormErrors) {
  const chosen = typeof values.column === 'string' ? values.column : ''
  return {
    values,
    errors,
    metricItems: metricItems(metrics, typeof values.metricId === 'string' ? values.metricId : undefined),
    columnItems: COLUMNS.map(c => ({ value: c, text: COLUMN_LABELS[c], checked: chosen === c })),
  }
}

/** The status form's choices: done or dropped for an open item; back on the roadmap otherwise. */
export function statusItems(status: ItemStatus, chosen: unknown) {
  const options: { value: ItemStatus; text: string }[] =
    status === 'open'
      ? [
          { value: 'done', text: 'Done: the outcome has been reached' },
          { value: 'dropped', text: 'Dropped: it is no longer worth solving' },
        ]
      : [{ value: 'open', text: 'Put it back on the roadmap' }]
  return options.map(o => ({ ...o, checked: chosen === o.value }))
}

/** An item's history for appHistoryList, newest first. */
export function historyItems(events: readonly RoadmapEvent[]) {
  return events.map(e => ({
    title: e.title,
    byline: `By ${e.recordedByName}`,
    datetime: e.recordedAt,
    dateText: formatDateTime(e.recordedAt),
    text: e.note,
  }))
}

/** The roadmap's part of the strategy page: how many items in each column, and what is in Now. */
export function roadmapPart(board: Board, productId: string): StrategyPart {
  const open = COLUMNS.reduce((n, c) => n + board.columns[c].length, 0)
  const all = [...COLUMNS.flatMap(c => board.columns[c]), ...board.closed]
  const latest = all.reduce<RoadmapItem | null>((a, i) => (!a || i.updatedAt > a.updatedAt ? i : a), null)
  return {
    slug: 'roadmap',
    name: 'Roadmap',
    purpose: 'The problems the team will solve now, next and later, each with the outcome it should bring.',
    href: roadmapHref(productId),
    empty: all.length === 0,
    lines: [
      COLUMNS.map(c => `${COLUMN_LABELS[c]}: ${board.columns[c].length}`).join(', '),
      ...board.columns.now.map(i => `Now: ${i.problem}`),
    ],
    notes: open === 0 && all.length > 0 ? ['Every item is done or dropped.'] : [],
    updatedAt: latest?.updatedAt ?? null,
    updatedByName: latest?.updatedByName ?? null,
  }
}

/** A flag for each open item with no metric to show its outcome. */
export function roadmapFlags(board: Board, productId: string): StrategyFlag[] {
  return itemsWithoutMetricFlags(
    COLUMNS.flatMap(c => board.columns[c]).filter(i => i.metricId === null),
    productId,
  )
}

/** The flags of open items with no metric, given in board order (now, next, later; by position). */
export function itemsWithoutMetricFlags(
  items: readonly { id: string; problem: string }[],
  productId: string,
): StrategyFlag[] {
  return items.map(i => ({
    text: `No metric on the roadmap item ‘${shorten(i.problem)}’`,
    href: itemHref(productId, i.id),
  }))
}

const shorten = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text)

/** The roadmap for the Markdown export. */
export function roadmapMarkdown(board: Board): MarkdownSection {
  const lines: string[] = []
  for (const c of COLUMNS) {
    lines.push(`### ${COLUMN_LABELS[c]}`, '')
    const items = board.columns[c]
    if (items.length === 0) lines.push('Nothing here.', '')
    for (const [n, i] of items.entries()) lines.push(...itemMarkdown(n + 1, i))
  }
  if (board.closed.length) {
    lines.push('### Done and dropped', '')
    for (const i of board.closed)
      lines.push(`- ${ITEM_STATUS_LABELS[i.status]}: ${escapeMarkdownLine(i.problem.replace(/\s*\n\s*/g, ' '))}`)
    lines.push('')
  }
  return { heading: 'Roadmap', lines }
}

function itemMarkdown(n: number, i: RoadmapItem): string[] {
  const one = (t: string) => t.replace(/\s*\n\s*/g, ' ')
  return [
    `${n}. **Problem:** ${one(i.problem)}`,
    `   **Outcome:** ${one(i.outcome)}`,
    `   **Metric:** ${i.metricName ? one(i.metricName) : 'none yet'}`,
    '',
  ]
}

export const columnLabel = (c: Column) => COLUMN_LABELS[c]
