// A thing's roadmap: Now / Next / Later, each item a problem to solve with its intended outcome
// and the metric that will show it. Promises to solve problems, not features to deliver.
import type { Viewer } from '../../platform/auth/viewer.ts'
import type { Product } from '../products.types.ts'

export const COLUMNS = ['now', 'next', 'later'] as const
export type Column = (typeof COLUMNS)[number]
export const COLUMN_LABELS: Record<Column, string> = { now: 'Now', next: 'Next', later: 'Later' }

export const ITEM_STATUSES = ['open', 'done', 'dropped'] as const
export type ItemStatus = (typeof ITEM_STATUSES)[number]
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  open: 'On the roadmap',
  done: 'Done',
  dropped: 'Dropped',
}

/** A move: up or down within its column, or to the end of another column. */
export const MOVES = ['up', 'down', ...COLUMNS] as const
export type Move = (typeof MOVES)[number]

/** What a hypothesis's result decides about the item it belongs to. */
export const DECISIONS = ['keep', 'change', 'drop'] as const
export type Decision = (typeof DECISIONS)[number]
export const DECISION_LABELS: Record<Decision, string> = {
  keep: 'Keep it as it is',
  change: 'Change it',
  drop: 'Drop it',
}

export interface RoadmapItem {
  id: string
  productId: string
  column: Column
  position: number
  problem: string
  outcome: string
  metricId: string | null
  metricName: string | null
  status: ItemStatus
  createdAt: string
  createdByName: string
  updatedAt: string
  updatedByName: string
  version: number
}

/** What the item form gives the service. */
export interface ItemDetails {
  problem: string
  outcome: string
  metricId: string | null
}

export interface NewItem extends ItemDetails {
  column: Column
}

export const EVENT_KINDS = ['added', 'changed', 'moved', 'done', 'dropped', 'reopened', 'decision'] as const
export type EventKind = (typeof EVENT_KINDS)[number]

/** One change or move of an item, kept for its history. */
export interface RoadmapEvent {
  id: string
  itemId: string
  kind: EventKind
  title: string
  note: string
  recordedAt: string
  recordedByName: string
}

/** A roadmap as its page shows it: the open items of each column in order, then the closed ones. */
export interface Board {
  columns: Record<Column, RoadmapItem[]>
  closed: RoadmapItem[]
}

/**
 * A section another capability adds to a roadmap item's page, such as what is known about the
 * problem: a heading, an introduction, groups of links, and actions for the viewer. Products
 * renders it and knows nothing of where it comes from.
 */
export interface ItemSection {
  /** Names the section in the page: its heading's id and test id. */
  key: string
  heading: string
  intro: string
  groups: {
    heading: string
    /** Shown when the group has no rows. */
    empty: string
    rows: { text: string; href: string; meta: string }[]
  }[]
  actions: { text: string; href: string }[]
}

/**
 * The port through which other capabilities add sections to a roadmap item's page: given the
 * viewer, the thing and the item, a section or null. The composition root (services.ts) lists
 * them; the roadmap's routes ask each one.
 */
export type ItemSectionSource = (viewer: Viewer, product: Product, item: RoadmapItem) => Promise<ItemSection | null>
