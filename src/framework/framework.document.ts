// A framework version's document: the bundled frameworks a new installation starts from, and
// reading roles, skills and expected levels out of any version.
import {
  FRAMEWORK_2017,
  FRAMEWORK_2025,
  LEVEL_NAMES,
  withLeadership,
  type FrameworkDocument,
  type Level,
  type Shape,
} from './framework.bundled.ts'
import type { VersionDocument, VersionRole, VersionSkill } from './framework.types.ts'

// ---- The bundled versions -----------------------------------------------------------------------

export const BASES = ['2025', '2017'] as const
export type Base = (typeof BASES)[number]

export interface SeedChoice {
  readonly base: Base
  readonly leadership: boolean
}

export const BUNDLED: Record<Base, FrameworkDocument> = { '2025': FRAMEWORK_2025, '2017': FRAMEWORK_2017 }
/** Bundled frameworks from oldest to newest: an installation only ever moves forward. */
export const BUNDLED_ORDER: readonly string[] = [FRAMEWORK_2017.key, FRAMEWORK_2025.key]

/** A fresh, unshared copy of a bundled framework, with the leadership capabilities if asked. */
export function bundledDocument(choice: SeedChoice): VersionDocument {
  const base = BUNDLED[choice.base]
  return structuredClone(choice.leadership ? withLeadership(base) : base)
}

// ---- Reading a document -------------------------------------------------------------------------

/** Roles still in use, in pathway order; with a shape, only the roles that shape uses. */
export function activeRoles(doc: VersionDocument, shape?: Shape): VersionRole[] {
  return doc.roles.filter(role => !role.retired && (shape === undefined || role.shapes.includes(shape)))
}

/** Skills still assessed, core skills first, each group in document order. */
export function activeSkills(doc: VersionDocument): VersionSkill[] {
  const active = doc.skills.filter(skill => !skill.retired)
  return [...active.filter(s => s.group === 'core'), ...active.filter(s => s.group === 'leadership')]
}

export function expectedLevel(doc: VersionDocument, roleSlug: string, skillSlug: string): Level | null {
  return doc.expectations[roleSlug]?.[skillSlug] ?? null
}

export const hasLeadership = (doc: VersionDocument): boolean =>
  doc.skills.some(skill => skill.group === 'leadership' && !skill.retired)

export const levelLabel = (level: Level | null | undefined): string => (level ? LEVEL_NAMES[level] : 'Not expected')

export const findSkill = (doc: VersionDocument, slug: string) => doc.skills.find(skill => skill.slug === slug)
export const findRole = (doc: VersionDocument, slug: string) => doc.roles.find(role => role.slug === slug)
export const skillName = (doc: VersionDocument, slug: string) => findSkill(doc, slug)?.name ?? slug
export const roleName = (doc: VersionDocument, slug: string) => findRole(doc, slug)?.name ?? slug

export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}
