import type { CurrentUser } from '../platform/auth/roles.ts'

export const canManagePeople = (user: CurrentUser | null): boolean => user?.role === 'administrator'
export const canManageOwnAccount = (user: CurrentUser | null): boolean => user !== null
