// The viewer: the signed-in person with their place in the profession, resolved once per request
// into `request.viewer` (platform/http/plugin.ts) and read by policies, handlers and templates.
// Platform defines the port; the people capability, which owns profiles, implements it.
import { ForbiddenError } from '../errors.ts'
import type { CurrentUser } from './roles.ts'

/** What the service knows of the signed-in person's profile (all empty when they have none). */
export interface ViewerProfile {
  /** They are in the profession: they have a pathway. */
  readonly hasProfile: boolean
  readonly businessArea: string | null
  /** Their group within the area (the things a senior product manager looks after). */
  readonly group: string | null
  /** Their career role's slug, such as 'senior-product-manager'. */
  readonly careerRole: string | null
  readonly headOfProfession: boolean
  readonly lineManagerId: string | null
  /** Someone has them as their line manager: they have a team. */
  readonly managesSomeone: boolean
}

export interface Viewer extends ViewerProfile {
  readonly user: CurrentUser
}

/** Resolves the signed-in person's profile: one indexed query (people.service.ts implements it). */
export interface ViewerSource {
  viewer(user: CurrentUser): Promise<Viewer | null>
  /** The same viewer without waiting, when it is known without a query; undefined otherwise. */
  rememberedViewer(user: CurrentUser): Viewer | undefined
}

/** The viewer of a signed-in request; anyone else is refused (the 403 page). */
export function requireViewer(request: { readonly viewer: Viewer | null }): Viewer {
  if (!request.viewer) throw new ForbiddenError('Not signed in')
  return request.viewer
}
