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

/** Editors name the owner and review date of pages and sections, and see what is overdue. */
export const canManageOwners = (user: CurrentUser | null): boolean => canEditHandbook(user)
/** Anyone who may read the handbook may say whether a page was useful. */
export const canGiveFeedback = (user: CurrentUser | null, publicHandbook: boolean): boolean =>
  canReadHandbook(user, publicHandbook)
/** Every signed-in person has a feedback queue: answers about the pages they own. */
export const canSeeFeedbackQueue = (user: CurrentUser | null): boolean => user !== null
/** Editors see every answer, and any team's queue. */
export const canSeeAllFeedback = (user: CurrentUser | null): boolean => canEditHandbook(user)
/** The page's owner, and editors, deal with its answers and see how useful it has been. */
export const canDealWithFeedback = (user: CurrentUser | null, page: { ownerUserId: string | null }): boolean =>
  user !== null && (canEditHandbook(user) || (page.ownerUserId !== null && page.ownerUserId === user.id))
export const canSeeUsefulness = canDealWithFeedback

/** Editors import a handbook from a zip in the browser, and upload images for pages. */
export const canImportHandbook = (user: CurrentUser | null): boolean => canEditHandbook(user)
export const canUploadImages = (user: CurrentUser | null): boolean => canEditHandbook(user)

/** Marking a page or section reviewed: its editors, and the person who owns it (even if no editor). */
export const canMarkReviewed = (user: CurrentUser | null, stewardship: { ownerUserId: string | null }): boolean =>
  canEditHandbook(user) || (user !== null && stewardship.ownerUserId === user.id)
