// Who may load and remove the worked example: administrators, who run the installation.
import type { CurrentUser } from '../platform/auth/roles.ts'

export const canManageExample = (user: CurrentUser | null): boolean => user?.role === 'administrator'
