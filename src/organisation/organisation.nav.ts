// The administration hub's navigation item. The hub (/admin) links to the settings, the people's
// accounts and the audit log, so it is shown to whoever may use any of the three.
import { canManagePeople } from '../accounts/accounts.policy.ts'
import { canReadAuditLog } from '../audit/audit.policy.ts'
import type { Nav } from '../platform/http/navigation.ts'
import { canManageSettings } from './organisation.policy.ts'

export const nav: Nav = viewer => {
  const user = viewer?.user ?? null
  return canManageSettings(user) || canManagePeople(user) || canReadAuditLog(user)
    ? [{ key: 'admin', text: 'Administration', href: '/admin' }]
    : []
}
