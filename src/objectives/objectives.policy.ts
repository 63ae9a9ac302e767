// Who may do what with objectives. Everyone signed in reads every objective. Setting, changing and
// removing one is for the people responsible at its level, as for a thing's strategy
// (products.policy.ts decides that, so the two never drift apart):
// - a thing's: its owner and core team, the senior product manager of its group, the lead of its
//   area, heads of product and administrators;
// - a group's: its senior product manager, the lead of its area, heads of product, administrators;
// - an area's: its lead, heads of product and administrators;
// - the organisation's: heads of product and administrators.
import type { Viewer } from '../platform/auth/viewer.ts'
import { canEditStrategy } from '../products/products.policy.ts'
import type { Product, ProductMember } from '../products/products.types.ts'
import type { Scope } from './objectives.types.ts'

/** Every objective and the quarter's page: everyone signed in. */
export const canSeeObjectives = (v: Viewer | null): boolean => v !== null

/**
 * Setting objectives for a scope (and changing or removing them). For a thing's, pass the thing
 * and its team; for the other levels there is no owner or team, so only the leaders of the place
 * (products.policy's group and area rules), heads of product and administrators qualify.
 */
export function canSetObjectives(
  v: Viewer | null,
  scope: Scope,
  thing: { product: Pick<Product, 'ownerId' | 'group' | 'area'>; members: readonly ProductMember[] } | null,
): boolean {
  if (scope.level === 'thing') return thing !== null && canEditStrategy(v, thing.product, thing.members)
  const place = {
    ownerId: null,
    area: scope.level === 'organisation' ? '' : scope.area,
    group: scope.level === 'group' ? scope.group : '',
  }
  return canEditStrategy(v, place, [])
}
