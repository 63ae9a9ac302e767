// Objectives and key results: what the organisation, an area, a group or a thing means to achieve
// in a quarter, each measured by key results (metrics of things, whose measurements show progress:
// never typed twice) and served by roadmap items. An objective may support one objective a level
// up, so a quarter's objectives form a tree from the organisation down to the things.

export const LEVELS = ['organisation', 'area', 'group', 'thing'] as const
export type Level = (typeof LEVELS)[number]
export const LEVEL_LABELS: Record<Level, string> = {
  organisation: 'Organisation',
  area: 'Area',
  group: 'Group',
  thing: 'Thing',
}

/** Whom an objective is for: the organisation, an area, a group within an area, or a thing. */
export interface Scope {
  level: Level
  /** '' for the organisation. */
  area: string
  /** '' unless a group's or a thing's. */
  group: string
  /** The thing of a thing's objective. */
  productId: string | null
}

/** A scope with what its pages call it. */
export interface NamedScope extends Scope {
  /** "The organisation", "Licensing and permits", "Renewals (Licensing and permits)", a thing's name. */
  name: string
}

export interface Objective extends Scope {
  id: string
  /** A calendar quarter: 2026-Q4. */
  quarter: string
  parentId: string | null
  title: string
  description: string
  /** The key results' metrics, in order. */
  metricIds: string[]
  /** The roadmap items that serve it. */
  itemIds: string[]
  createdAt: string
  createdByName: string
  updatedAt: string
  updatedByName: string
  version: number
}

/** What the objective form gives the service. */
export interface ObjectiveInput {
  title: string
  description: string
  parentId: string | null
  metricIds: string[]
  itemIds: string[]
}

/** One change of an objective, kept for its history. */
export interface ObjectiveEvent {
  id: string
  objectiveId: string
  title: string
  note: string
  recordedAt: string
  recordedByName: string
}

/**
 * The level an objective of this scope supports: a thing's group (or its area when it has no group,
 * or the organisation when it has neither), a group's area, an area's organisation. Null for the
 * organisation, which supports nothing above it.
 */
export function parentScope(scope: Scope): Scope | null {
  const org: Scope = { level: 'organisation', area: '', group: '', productId: null }
  const area: Scope = { level: 'area', area: scope.area, group: '', productId: null }
  switch (scope.level) {
    case 'organisation':
      return null
    case 'area':
      return org
    case 'group':
      return scope.area ? area : org
    case 'thing':
      if (scope.group) return { level: 'group', area: scope.area, group: scope.group, productId: null }
      return scope.area ? area : org
  }
}

/** Whether two scopes are the same place. */
export const sameScope = (a: Scope, b: Scope): boolean =>
  a.level === b.level && a.area === b.area && a.group === b.group && a.productId === b.productId

/** The name of a scope that is not a thing's. */
export function placeName(scope: Omit<Scope, 'productId'>): string {
  if (scope.level === 'organisation') return 'The organisation'
  if (scope.level === 'group') return scope.area ? `${scope.group} (${scope.area})` : scope.group
  return scope.area
}
