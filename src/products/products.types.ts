// The products capability's domain types: the things in the common language and their strategy.
// Other capabilities (the portfolio, later) import these and the products service, never the
// repositories.

export const PRODUCT_KINDS = ['service', 'feature', 'capability', 'technology', 'data'] as const
export type ProductKind = (typeof PRODUCT_KINDS)[number]

export const PRODUCT_KIND_LABELS: Record<ProductKind, string> = {
  service: 'Service',
  feature: 'Feature',
  capability: 'Capability',
  technology: 'Technology',
  data: 'Data',
}

export const PRODUCT_KIND_HINTS: Record<ProductKind, string> = {
  service: 'Helps someone do something that needs doing, such as ‘Learn to drive’. Name it with a verb.',
  feature: 'One part of a service, such as ‘Book a test’. It is not a service on its own.',
  capability: 'The people, tools and capacity to do a task, such as appointment booking.',
  technology: 'A system, product, tool or application that is built, kept or bought.',
  data: 'Information that services make or use, such as a National Insurance number.',
}

/** The kinds a service can use. */
export const USED_KINDS: readonly ProductKind[] = ['capability', 'technology', 'data']

export const PHASES = ['discovery', 'alpha', 'beta', 'live', 'retirement'] as const
export type Phase = (typeof PHASES)[number]
export const PHASE_LABELS: Record<Phase, string> = {
  discovery: 'Discovery',
  alpha: 'Alpha',
  beta: 'Beta',
  live: 'Live',
  retirement: 'Retirement',
}

export const STAGES = ['introduction', 'growth', 'maturity', 'decline'] as const
export type Stage = (typeof STAGES)[number]
export const STAGE_LABELS: Record<Stage, string> = {
  introduction: 'Introduction',
  growth: 'Growth',
  maturity: 'Maturity',
  decline: 'Decline',
}

export type MoveAxis = 'phase' | 'stage'

/**
 * What a strategy is about: a thing in the catalogue, an area of the organisation, or the whole
 * organisation. Areas and the organisation keep their strategy as a record of their own (kept out
 * of everything that lists or counts things), so every part of a strategy works for them alike.
 */
export const PRODUCT_SCOPES = ['thing', 'area', 'organisation'] as const
export type ProductScope = (typeof PRODUCT_SCOPES)[number]

/** Which larger strategy: one area's (by its name) or the organisation's. */
export type StrategyScope = { scope: 'area'; area: string } | { scope: 'organisation' }

/** The friendly address of an area's or the organisation's strategy (it leads to the strategy page). */
export const scopedStrategyHref = (which: StrategyScope): string =>
  which.scope === 'area' ? `/strategy/areas/${encodeURIComponent(which.area)}` : '/strategy/organisation'

/** What a strategy page is called: the thing's name, or whose strategy it is. */
export function strategyTitle(p: Pick<Product, 'scope' | 'name' | 'area'>): string {
  if (p.scope === 'area') return `Strategy for the ${p.area} area`
  if (p.scope === 'organisation') return 'Strategy for the organisation'
  return p.name
}

/** A thing as its pages show it. */
export interface Product {
  id: string
  kind: ProductKind
  name: string
  purpose: string
  ownerId: string | null
  ownerName: string | null
  team: string
  group: string
  area: string
  /** The service a feature belongs to. */
  parentId: string | null
  parentName: string | null
  phase: Phase
  stage: Stage
  example: boolean
  /** 'thing' for the catalogue; 'area' or 'organisation' for their strategy records. */
  scope: ProductScope
  createdAt: string
  createdByName: string
  updatedAt: string
  version: number
}

/** A thing linked to another: the service a feature belongs to, what a service uses. */
export interface ProductLink {
  id: string
  kind: ProductKind
  name: string
  phase: Phase
}

/** A move of phase or stage, with its date and reason. */
export interface ProductMove {
  id: string
  productId: string
  axis: MoveAxis
  from: string | null
  to: string
  movedOn: string
  reason: string
  recordedAt: string
  recordedByName: string
}

/** What the catalogue can be narrowed to. Every field is optional. */
export interface ProductFilter {
  kind?: ProductKind
  phase?: Phase
  area?: string
  ownerId?: string
  /** Words the name must contain. */
  q?: string
}

export interface ProductPage {
  items: Product[]
  total: number
}

/** What the form for a thing's details gives the service. */
export interface ProductDetails {
  kind: ProductKind
  name: string
  purpose: string
  ownerId: string | null
  team: string
  group: string
  area: string
  parentId: string | null
  uses: string[]
}

/** A new thing: its details and where it starts. */
export interface NewProduct extends ProductDetails {
  phase: Phase
  stage: Stage
  example?: boolean
}

/** A move of phase or stage, as asked for. */
export interface MoveRequest {
  axis: MoveAxis
  to: string
  movedOn: string
  reason: string
}

/** The layers of a team onion, from the inside out. */
export const TEAM_LAYERS = ['core', 'collaborators', 'supporters'] as const
export type TeamLayer = (typeof TEAM_LAYERS)[number]

/** A person in Valuekit on a thing's team. */
export interface ProductMember {
  personId: string
  layer: TeamLayer
}

/** The filter choices the catalogue offers: what is in use. */
export interface CatalogueChoices {
  areas: string[]
  groups: string[]
  owners: { id: string; name: string }[]
}

/** A thing in brief, for other capabilities' lists and choices (objectives). */
export interface ProductOutline {
  id: string
  kind: ProductKind
  name: string
  area: string
  group: string
}

/** Where things sit: an area and a group within it (either may be empty). */
export interface ProductPlace {
  area: string
  group: string
}
