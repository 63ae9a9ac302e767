// Who may do what with email. Administrators read what was sent and failed, and try failures again.
import type { CurrentUser } from '../platform/auth/roles.ts'

export const canReadEmailLog = (user: CurrentUser | null): boolean => user?.role === 'administrator'
export const canRetryEmail = (user: CurrentUser | null): boolean => user?.role === 'administrator'
