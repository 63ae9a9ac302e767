// Who sees the profession views, and how much of the profession. The rules live with the other
// pathway rules in people.policy.ts: heads of profession see every business area; leaders see
// their own business area only (a leader without one sees nobody); nobody else sees these views.
import { canSeeProfessionViews, professionScope } from '../people/people.policy.ts'
import type { Viewer } from '../platform/auth/viewer.ts'

export { canSeeProfessionViews, professionScope }

/** The capability view, its CSV download and the pathway view. */
export const canSeeCapability = (v: Viewer | null): boolean => canSeeProfessionViews(v)
export const canDownloadCapability = (v: Viewer | null): boolean => canSeeProfessionViews(v)
export const canSeeRoleMovement = (v: Viewer | null): boolean => canSeeProfessionViews(v)

/** The business area the viewer's views are limited to; null for every area. */
export function areaScope(v: Viewer): string | null {
  return professionScope(v).businessArea
}

/** Heads of profession choose a business area; a leader's views stay in their own. */
export const canChooseArea = (v: Viewer): boolean => canSeeProfessionViews(v) && areaScope(v) === null
