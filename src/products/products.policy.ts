// Who may do what with the catalogue and each thing's strategy. Strategy is open by default inside
// the organisation: every signed-in person reads every thing's strategy. Changing it is for the
// people responsible for the thing:
// - its owner, and the people in the core team of its team onion;
// - the senior product manager of its group (a senior product manager in that area and group);
// - the lead of its area (a lead product manager in that area, or a leader whose area it is);
// - heads of product (the head of product role, or a head of profession) and administrators.
// An area's own strategy is changed by the lead of that area, heads of product and administrators;
// the organisation's by heads of product and administrators. Neither is ever removed.
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Product, ProductMember, ProductScope } from './products.types.ts'

export const SENIOR_PRODUCT_MANAGER = 'senior-product-manager'
export const LEAD_PRODUCT_MANAGER = 'lead-product-manager'
export const HEAD_OF_PRODUCT = 'head-of-product'

type Subject = Pick<Product, 'ownerId' | 'group' | 'area'> & { scope?: ProductScope }

const isAdmin = (v: Viewer) => v.user.role === 'administrator'
const isHeadOfProduct = (v: Viewer) => v.headOfProfession || v.careerRole === HEAD_OF_PRODUCT
const inArea = (v: Viewer, p: Subject) => p.area !== '' && v.businessArea === p.area
const leadsArea = (v: Viewer, p: Subject) =>
  inArea(v, p) && (v.careerRole === LEAD_PRODUCT_MANAGER || v.user.role === 'leader')
const leadsGroup = (v: Viewer, p: Subject) =>
  inArea(v, p) && p.group !== '' && v.group === p.group && v.careerRole === SENIOR_PRODUCT_MANAGER
const inCoreTeam = (v: Viewer, members: readonly ProductMember[]) =>
  members.some(m => m.personId === v.user.id && m.layer === 'core')

/** The catalogue and every strategy page: everyone signed in. */
export const canSeeProducts = (v: Viewer | null): boolean => v !== null

/** Adding a thing to the catalogue: people in the profession, leaders and administrators. */
export const canAddProduct = (v: Viewer | null): boolean =>
  v !== null && (v.hasProfile || isAdmin(v) || v.user.role === 'leader' || v.headOfProfession)

/** Changing an area's or the organisation's own strategy. */
export const canEditScopedStrategy = (v: Viewer | null, p: Subject): boolean =>
  v !== null && (isAdmin(v) || isHeadOfProduct(v) || (p.scope === 'area' && leadsArea(v, p)))

/** Changing a thing's details, phase, stage and strategy (or an area's or the organisation's strategy). */
export const canEditStrategy = (v: Viewer | null, p: Subject, members: readonly ProductMember[]): boolean =>
  p.scope !== undefined && p.scope !== 'thing'
    ? canEditScopedStrategy(v, p)
    : v !== null &&
      (isAdmin(v) ||
        isHeadOfProduct(v) ||
        (p.ownerId !== null && v.user.id === p.ownerId) ||
        inCoreTeam(v, members) ||
        leadsGroup(v, p) ||
        leadsArea(v, p))

/** Removing a thing from the catalogue: its area's lead, heads of product and administrators. */
export const canDeleteProduct = (v: Viewer | null, p: Subject): boolean =>
  v !== null && (p.scope ?? 'thing') === 'thing' && (isAdmin(v) || isHeadOfProduct(v) || leadsArea(v, p))

/** Loading or removing the worked example: administrators. */
export const canManageExample = (v: Viewer | null): boolean => v !== null && isAdmin(v)

/**
 * Answering a thing's team health check: the people on its team onion, in any layer. They are
 * the people who work with the team and can say how it is doing; anyone else would dilute the
 * answers, and answering is anonymous, so nobody else could be filtered out afterwards.
 */
export const canAnswerHealthCheck = (v: Viewer | null, members: readonly ProductMember[]): boolean =>
  v !== null && members.some(m => m.personId === v.user.id)
