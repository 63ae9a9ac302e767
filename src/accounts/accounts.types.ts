// The accounts capability's domain types, for other capabilities to import instead of its
// repository.
import type { Role } from '../platform/auth/roles.ts'

export type UserStatus = 'invited' | 'active' | 'disabled'

/** An account another capability creates in bulk, before anyone has been sent a link. */
export interface InvitedAccount {
  id: string
  email: string
  name: string
  role: Role
}

export interface User {
  id: string
  email: string
  name: string
  role: Role
  status: UserStatus
  passwordHash: string | null
  failedSignIns: number
  lockedUntil: string | null
  createdAt: string
  updatedAt: string
  version: number
}

export interface OneTimeToken {
  id: string
  purpose: string
  userId: string | null
  expiresAt: string
  usedAt: string | null
}
