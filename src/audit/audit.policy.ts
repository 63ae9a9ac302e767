import type { CurrentUser } from '../platform/auth/roles.ts'

export const canReadAuditLog = (user: CurrentUser | null): boolean => user?.role === 'administrator'
