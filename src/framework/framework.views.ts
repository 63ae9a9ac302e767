// The framework pages' presenters: the framework as a table of roles and skills, one skill's
// levels and expectations, and the choices of level the proposal forms offer.
import { NotFoundError } from '../platform/errors.ts'
import { LEVEL_NAMES, LEVEL_SUMMARIES, LEVELS, type Shape } from './framework.bundled.ts'
import type { ProposalKind } from './framework.repository.ts'
import { NOT_EXPECTED } from './framework.schemas.ts'
import { activeRoles, activeSkills, expectedLevel, levelLabel } from './framework.document.ts'
import type { VersionDocument, VersionSkill } from './framework.types.ts'

/** What each kind of proposal changes, as the hint under its choice. */
export const KIND_HINTS: Record<ProposalKind, string> = {
  descriptor: 'Rewrite what one level of a skill looks like in practice.',
  expectation: 'Change the level of a skill expected of someone in a role.',
  'add-skill': 'A new skill, with a descriptor for each level and the level expected in each role.',
  'retire-skill': 'Stop assessing a skill. Check-ins made before keep it.',
  'add-role': 'A new role in the career pathway, with the level of each skill expected in it.',
  'retire-role': 'Stop offering a role. Check-ins made before keep it.',
}

export const SHAPE_LABELS: Record<Shape, string> = { small: 'Small', medium: 'Medium', enterprise: 'Enterprise' }

/** The framework as the pages show it: roles of the pathway shape across, skills down. */
export function frameworkView(doc: VersionDocument, shape: Shape, skillHref: (slug: string) => string) {
  const roles = activeRoles(doc, shape)
  const row = (skill: VersionSkill) => ({
    skill,
    href: skillHref(skill.slug),
    levels: roles.map(role => levelLabel(expectedLevel(doc, role.slug, skill.slug))),
  })
  const skills = activeSkills(doc)
  return {
    roles,
    groups: [
      { title: 'Core skills', rows: skills.filter(s => s.group === 'core').map(row) },
      { title: 'Leadership capabilities', rows: skills.filter(s => s.group === 'leadership').map(row) },
    ].filter(g => g.rows.length > 0),
    retiredSkills: doc.skills.filter(s => s.retired).map(s => ({ skill: s, href: skillHref(s.slug) })),
    retiredRoles: doc.roles.filter(r => r.retired),
  }
}

/** The five levels, each with its name and what it means. */
export const levelsView = () =>
  LEVELS.map(level => ({ level, name: LEVEL_NAMES[level], summary: LEVEL_SUMMARIES[level] }))

/** One skill: what each level looks like, and the level each role of the pathway shape expects. */
export function skillView(doc: VersionDocument, shape: Shape, slug: string) {
  const skill = doc.skills.find(s => s.slug === slug)
  if (!skill) throw new NotFoundError('No such skill')
  return {
    skill,
    descriptors: LEVELS.map(level => ({ level, name: LEVEL_NAMES[level], text: skill.descriptors[level] })),
    expectations: activeRoles(doc, shape).map(role => ({
      role,
      level: expectedLevel(doc, role.slug, skill.slug),
      label: levelLabel(expectedLevel(doc, role.slug, skill.slug)),
    })),
  }
}

/** Radios for a level, with "Not expected" first when a role need not have the skill. */
export const levelItems = (selected: unknown, withNone: boolean) => [
  ...(withNone ? [{ value: NOT_EXPECTED, text: 'Not expected', checked: selected === NOT_EXPECTED }] : []),
  ...LEVELS.map(level => ({
    value: level,
    text: LEVEL_NAMES[level],
    hint: { text: LEVEL_SUMMARIES[level] },
    checked: selected === level,
  })),
]

/** A drop-down of levels, "Not expected" first and chosen when nothing is. */
export const levelOptions = (selected: unknown) => [
  { value: NOT_EXPECTED, text: 'Not expected', selected: selected === NOT_EXPECTED || !selected },
  ...LEVELS.map(level => ({ value: level, text: LEVEL_NAMES[level], selected: selected === level })),
]
