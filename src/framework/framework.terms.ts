// The words of the framework that other capabilities use: the career roles people can hold and
// the skills handbook pages are tagged with, both taken from the current framework version, and
// the name of any role or skill Valuekit has ever known. People, the handbook and the pathway
// read these instead of a fixed list, so a role or skill added by a proposal can be used at once.
import {
  FRAMEWORK_2017,
  FRAMEWORK_2025,
  LEADERSHIP_EXTENSION,
  MAPPING_2017_TO_2025,
  withLeadership,
  type Shape,
} from './framework.bundled.ts'
import type { VersionDocument } from './framework.types.ts'

export interface TermRole {
  readonly slug: string
  readonly name: string
}

export interface TermSkill {
  readonly slug: string
  readonly name: string
  readonly group: 'core' | 'leadership'
}

export interface FrameworkTerms {
  /** The framework version these terms come from. */
  readonly version: number
  /** The roles people can hold now: the pathway shape's roles that are not retired, junior first. */
  readonly roles: readonly TermRole[]
  /**
   * Every role the framework has had, retired ones too, junior first: what decides whether a
   * change of role is a promotion.
   */
  readonly roleOrder: readonly string[]
  /** The skills assessed now, core skills first. */
  readonly skills: readonly TermSkill[]
  /** A role's name, from this version, else from any bundled framework, else its slug. */
  roleName(slug: string): string
  /** A skill's name, from this version, else from any bundled framework, else its slug. */
  skillName(slug: string): string
}

// Slugs never change their meaning: proposals add and retire roles and skills but never rename
// one or reuse a slug, so a name found in any bundled framework is still right.
const bundledRoleNames = new Map<string, string>()
const bundledSkillNames = new Map<string, string>()
for (const doc of [FRAMEWORK_2025, FRAMEWORK_2017]) {
  for (const role of doc.roles) if (!bundledRoleNames.has(role.slug)) bundledRoleNames.set(role.slug, role.name)
  for (const skill of doc.skills) if (!bundledSkillNames.has(skill.slug)) bundledSkillNames.set(skill.slug, skill.name)
}
for (const skill of LEADERSHIP_EXTENSION.skills) bundledSkillNames.set(skill.slug, skill.name)

/** A role's name from the bundled frameworks, else its slug. */
export const bundledRoleName = (slug: string): string => bundledRoleNames.get(slug) ?? slug

/** A skill's name from the bundled frameworks, else its slug. */
export const bundledSkillName = (slug: string): string => bundledSkillNames.get(slug) ?? slug

/** The terms of one framework document, for an organisation with the given pathway shape. */
export function termsOf(version: number, doc: VersionDocument, shape: Shape): FrameworkTerms {
  const isActive = (entry: { retired?: boolean }) => !entry.retired
  const roles = doc.roles
    .filter(role => isActive(role) && role.shapes.includes(shape))
    .map(role => ({ slug: role.slug, name: role.name }))
  const active = doc.skills.filter(isActive)
  const skills = [...active.filter(s => s.group === 'core'), ...active.filter(s => s.group === 'leadership')].map(
    skill => ({ slug: skill.slug, name: skill.name, group: skill.group }),
  )
  const roleNames = new Map(doc.roles.map(role => [role.slug, role.name]))
  const skillNames = new Map(doc.skills.map(skill => [skill.slug, skill.name]))
  return {
    version,
    roles,
    roleOrder: doc.roles.map(role => role.slug),
    skills,
    roleName: slug => roleNames.get(slug) ?? bundledRoleName(slug),
    skillName: slug => skillNames.get(slug) ?? bundledSkillName(slug),
  }
}

/**
 * The terms of the bundled 2025 framework with the leadership capabilities, for the largest
 * pathway shape: what tests, the benchmark and tools without a database work with.
 */
export const BUNDLED_TERMS: FrameworkTerms = termsOf(0, withLeadership(FRAMEWORK_2025), 'enterprise')

/**
 * The skills of these terms that stand for a skill of a bundled framework: the skill itself if the
 * terms have it, else the skills the suggested mapping between the 2017 and 2025 frameworks links
 * it with (either way round). Empty when nothing matches.
 */
export function equivalentSkills(slug: string, terms: FrameworkTerms): string[] {
  const known = new Set(terms.skills.map(skill => skill.slug))
  if (known.has(slug)) return [slug]
  const later = MAPPING_2017_TO_2025[slug] ?? []
  const earlier = Object.entries(MAPPING_2017_TO_2025)
    .filter(([, targets]) => targets.includes(slug))
    .map(([source]) => source)
  return [...later, ...earlier].filter(candidate => known.has(candidate))
}

/**
 * Where people and the handbook get the current terms from: a port those lower capabilities use,
 * implemented by FrameworkVersions and handed to them by buildServices (src/services.ts).
 */
export interface TermsSource {
  terms(): Promise<FrameworkTerms>
}
