// Who sees which parts of the home page. Everyone signed in has a task list of their own; the
// parts that show other people's work follow the owning capabilities' policies.
import { canManagePeople } from '../accounts/accounts.policy.ts'
import { canReviewSuggestions } from '../handbook/handbook.policy.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import { canSeeProfessionViews } from '../profession/profession.policy.ts'

/** The task list: anyone signed in, about themselves. */
export const canSeeHome = (v: Viewer | null): boolean => v !== null

/** The handbook's queue of suggested changes: its editors. */
export const canSeeSuggestionQueue = (v: Viewer): boolean => canReviewSuggestions(v.user)

/** The profession summary: leaders (their own area) and heads of profession. */
export const canSeeHomeProfession = (v: Viewer): boolean => canSeeProfessionViews(v)

/** Being led to add people when nobody has been added yet: administrators. */
export const canSeeNewInstallation = (v: Viewer): boolean => canManagePeople(v.user)
