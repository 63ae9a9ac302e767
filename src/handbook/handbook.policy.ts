// Who may do what with the handbook. Pure functions of the person (and, for reading, whether
// the organisation has made the handbook public).
import type { CurrentUser } from '../platform/auth/roles.ts'

const EDITORS = new Set(['editor', 'administrator'])

export const canReadHandbook = (user: CurrentUser | null, publicHandbook: boolean): boolean =>
  user !== null || publicHandbook
export const canEditHandbook = (user: CurrentUser | null): boolean => user !== null && EDITORS.has(user.role)
export const canSuggestChange = (user: CurrentUser | null): boolean => user !== null
export const canReviewSuggestions = (user: CurrentUser | null): boolean => canEditHandbook(user)
export const canSeeHistory = (user: CurrentUser | null): boolean => user !== null
/** The suggester, and the people who review suggestions, can see a suggestion. */
export const canSeeSuggestion = (user: CurrentUser | null, suggestion: { createdBy: string }): boolean =>
  user !== null && (user.id === suggestion.createdBy || canReviewSuggestions(user))
/** Names of the people who changed pages are not shown to the public. */
export const canSeeAuthors = (user: CurrentUser | null): boolean => user !== null
