// Who may choose reminder emails: everyone signed in, for themselves only (the page has no id).
import type { CurrentUser } from '../platform/auth/roles.ts'

export const canChooseReminders = (user: CurrentUser | null): boolean => user !== null
