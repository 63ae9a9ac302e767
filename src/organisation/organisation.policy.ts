import type { CurrentUser } from '../platform/auth/roles.ts'

export const canManageSettings = (user: CurrentUser | null): boolean => user?.role === 'administrator'
