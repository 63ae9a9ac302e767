// The four roles of Valuekit. Policies decide what each may do; templates get can-flags, never
// role names.
export const ROLES = ['member', 'editor', 'leader', 'administrator'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  member: 'Member',
  editor: 'Editor',
  leader: 'Leader',
  administrator: 'Administrator',
}

export const ROLE_HINTS: Record<Role, string> = {
  member: 'Reads the handbook and suggests changes to it.',
  editor: 'Edits the handbook and reviews suggested changes.',
  leader: 'Sees the profession as a whole, as well as what members see.',
  administrator: 'Runs the installation: settings, people and the audit log, and edits the handbook.',
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}

export interface CurrentUser {
  readonly id: string
  readonly name: string
  readonly email: string
  readonly role: Role
}

/** Who did something, for the audit log and for version credits. */
export interface Actor {
  readonly id: string | null
  readonly name: string
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'Valuekit' }
