// Who may follow an upstream handbook: the people who edit the handbook (editors and administrators).
import type { CurrentUser } from '../platform/auth/roles.ts'

const EDITORS = new Set(['editor', 'administrator'])

/** See upstream's changes, check for new ones, and take, keep or combine them. */
export const canFollowUpstream = (user: CurrentUser | null): boolean => user !== null && EDITORS.has(user.role)
