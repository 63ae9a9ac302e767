// Proposed changes to the framework: what is wrong with one, a sentence that sums it up, the
// lines it changes, and the document it makes. Pure functions over a version's document.
import { slugify } from '../platform/slug.ts'
import { ConflictError } from '../platform/errors.ts'
import { LEVEL_NAMES, LEVELS, type Shape } from './framework.bundled.ts'
import { SHAPES, type Proposal, type ProposalChange } from './framework.repository.ts'
import type { VersionDocument } from './framework.types.ts'
import {
  activeRoles,
  activeSkills,
  expectedLevel,
  findRole,
  findSkill,
  levelLabel,
  listText,
  roleName,
  skillName,
} from './framework.document.ts'

const SHAPE_NAMES: Record<Shape, string> = { small: 'small', medium: 'medium', enterprise: 'enterprise' }

// ---- Proposed changes: checks, summaries, diffs and applying them -------------------------------

export const PROPOSAL_KIND_NAMES: Record<ProposalChange['kind'], string> = {
  descriptor: 'Change a level descriptor',
  expectation: 'Change an expected level',
  'add-skill': 'Add a skill',
  'retire-skill': 'Retire a skill',
  'add-role': 'Add a role',
  'retire-role': 'Retire a role',
}

export interface DiffLine {
  what: string
  before: string
  after: string
}

function activeSkillProblem(doc: VersionDocument, slug: string): string | null {
  const skill = findSkill(doc, slug)
  if (!skill) return 'Select a skill from the list'
  if (skill.retired) return `${skill.name} has been retired`
  return null
}

function activeRoleProblem(doc: VersionDocument, slug: string): string | null {
  const role = findRole(doc, slug)
  if (!role) return 'Select a role from the list'
  if (role.retired) return `${role.name} has been retired`
  return null
}

/**
 * What is wrong with a change against a document, by form field; empty when it applies. These
 * are the rules of the domain; the form's own checks (lengths, required fields) come first.
 */
export function changeProblems(doc: VersionDocument, change: ProposalChange): Record<string, string> {
  const problems: Record<string, string> = {}
  const add = (field: string, message: string | null) => {
    if (message && !(field in problems)) problems[field] = message
  }
  switch (change.kind) {
    case 'descriptor': {
      const { skill, level, text } = change.payload
      add('skill', activeSkillProblem(doc, skill))
      if (!text.trim()) add('text', 'Enter the new descriptor')
      const current = findSkill(doc, skill)?.descriptors[level]
      if (current !== undefined && current === text)
        add('text', 'The descriptor is the same as it is now. Change the text, or cancel')
      break
    }
    case 'expectation': {
      const { role, skill, level } = change.payload
      add('role', activeRoleProblem(doc, role))
      add('skill', activeSkillProblem(doc, skill))
      if (!('role' in problems) && !('skill' in problems) && expectedLevel(doc, role, skill) === level)
        add(
          'level',
          level
            ? `${LEVEL_NAMES[level]} is already the expected level of ${skillName(doc, skill)} for ${roleName(doc, role)}. Choose a different level`
            : `${skillName(doc, skill)} is already not expected of ${roleName(doc, role)}. Choose a level`,
        )
      break
    }
    case 'add-skill': {
      const { name, gist, descriptors, expectations } = change.payload
      const slug = slugify(name)
      if (!name.trim()) add('name', 'Enter the name of the skill')
      else if (!/[a-z0-9]/i.test(name)) add('name', 'The name of the skill must contain letters or numbers')
      else {
        const existing = findSkill(doc, slug)
        if (existing)
          add(
            'name',
            existing.retired
              ? `A retired skill is called ${existing.name}. Choose a different name`
              : `There is already a skill called ${existing.name}. Choose a different name`,
          )
      }
      if (!gist.trim()) add('gist', 'Say in one sentence what the skill is about')
      for (const level of LEVELS)
        if (!descriptors[level].trim())
          add(`descriptors-${level}`, `Describe what the ${LEVEL_NAMES[level].toLowerCase()} level looks like`)
      for (const roleSlug of Object.keys(expectations))
        if (activeRoleProblem(doc, roleSlug)) add(`expectations-${roleSlug}`, 'Choose levels for roles in the list')
      break
    }
    case 'retire-skill': {
      const { skill } = change.payload
      add('skill', activeSkillProblem(doc, skill))
      if (!('skill' in problems) && activeSkills(doc).length <= 1)
        add('skill', 'You cannot retire the only skill left in the framework')
      break
    }
    case 'add-role': {
      const { name, after, shapes, summary, expectations } = change.payload
      const slug = slugify(name)
      if (!name.trim()) add('name', 'Enter the name of the role')
      else if (!/[a-z0-9]/i.test(name)) add('name', 'The name of the role must contain letters or numbers')
      else {
        const existing = findRole(doc, slug)
        if (existing)
          add(
            'name',
            existing.retired
              ? `A retired role is called ${existing.name}. Choose a different name`
              : `There is already a role called ${existing.name}. Choose a different name`,
          )
      }
      if (after !== '' && activeRoleProblem(doc, after)) add('after', 'Select a role from the list')
      if (shapes.length === 0) add('shapes', 'Select at least one shape of pathway that uses the role')
      if (!summary.trim()) add('summary', 'Say briefly what someone in this role does')
      for (const skillSlug of Object.keys(expectations))
        if (activeSkillProblem(doc, skillSlug)) add(`expectations-${skillSlug}`, 'Choose levels for skills in the list')
      break
    }
    case 'retire-role': {
      const { role } = change.payload
      add('role', activeRoleProblem(doc, role))
      const target = findRole(doc, role)
      if (!('role' in problems) && target) {
        const orphaned = target.shapes.filter(shape => activeRoles(doc, shape).length <= 1)
        if (orphaned.length)
          add(
            'role',
            `${target.name} is the only role left in the ${listText(orphaned.map(s => SHAPE_NAMES[s]))} pathway, so it cannot be retired`,
          )
      }
      break
    }
  }
  return problems
}

/** A one-line description of the change, for lists, the version history and the audit log. */
export function summariseChange(doc: VersionDocument, change: ProposalChange): string {
  switch (change.kind) {
    case 'descriptor':
      return `Change the ${LEVEL_NAMES[change.payload.level].toLowerCase()} descriptor of ${skillName(doc, change.payload.skill)}`
    case 'expectation':
      return `Change the expected level of ${skillName(doc, change.payload.skill)} for ${roleName(doc, change.payload.role)} to ${levelLabel(change.payload.level).toLowerCase()}`
    case 'add-skill':
      return `Add the skill ${change.payload.name.trim()}`
    case 'retire-skill':
      return `Retire the skill ${skillName(doc, change.payload.skill)}`
    case 'add-role':
      return `Add the role ${change.payload.name.trim()}`
    case 'retire-role':
      return `Retire the role ${roleName(doc, change.payload.role)}`
  }
}

/** What the change does to the document, as lines of "what", "before" and "after". */
export function diffChange(doc: VersionDocument, change: ProposalChange): DiffLine[] {
  switch (change.kind) {
    case 'descriptor': {
      const { skill, level, text } = change.payload
      return [
        {
          what: `${skillName(doc, skill)}: ${LEVEL_NAMES[level].toLowerCase()} level`,
          before: findSkill(doc, skill)?.descriptors[level] ?? '',
          after: text,
        },
      ]
    }
    case 'expectation': {
      const { role, skill, level } = change.payload
      return [
        {
          what: `Expected level of ${skillName(doc, skill)} for ${roleName(doc, role)}`,
          before: levelLabel(expectedLevel(doc, role, skill)),
          after: levelLabel(level),
        },
      ]
    }
    case 'add-skill': {
      const p = change.payload
      return [
        { what: 'New skill', before: '', after: p.name.trim() },
        { what: 'Group', before: '', after: p.group === 'core' ? 'Core skill' : 'Leadership capability' },
        { what: 'What the skill is about', before: '', after: p.gist },
        ...LEVELS.map(level => ({ what: `${LEVEL_NAMES[level]} level`, before: '', after: p.descriptors[level] })),
        ...activeRoles(doc).map(role => ({
          what: `Expected level for ${role.name}`,
          before: '',
          after: levelLabel(p.expectations[role.slug] ?? null),
        })),
      ]
    }
    case 'retire-skill': {
      const skill = findSkill(doc, change.payload.skill)
      return [
        {
          what: `Skill: ${skill?.name ?? change.payload.skill}`,
          before: 'Assessed in check-ins',
          after: 'Retired: no longer assessed. Check-ins made before keep it and can still be read',
        },
      ]
    }
    case 'add-role': {
      const p = change.payload
      return [
        { what: 'New role', before: '', after: p.name.trim() },
        { what: 'Place in the pathway', before: '', after: p.after ? `After ${roleName(doc, p.after)}` : 'First' },
        {
          what: 'Pathway shapes that use it',
          before: '',
          after: listText(SHAPES.filter(s => p.shapes.includes(s)).map(s => SHAPE_NAMES[s])),
        },
        { what: 'Summary', before: '', after: p.summary },
        ...activeSkills(doc).map(skill => ({
          what: `Expected level of ${skill.name}`,
          before: '',
          after: levelLabel(p.expectations[skill.slug] ?? null),
        })),
      ]
    }
    case 'retire-role': {
      const role = findRole(doc, change.payload.role)
      return [
        {
          what: `Role: ${role?.name ?? change.payload.role}`,
          before: 'In the career pathway',
          after: 'Retired: no longer offered. Check-ins made before keep it and can still be read',
        },
      ]
    }
  }
}

/** The document with the change made; the document passed in is not changed. */
export function applyChange(source: VersionDocument, change: ProposalChange): VersionDocument {
  const doc = structuredClone(source) as VersionDocument
  switch (change.kind) {
    case 'descriptor': {
      const skill = findSkill(doc, change.payload.skill)
      if (skill) skill.descriptors[change.payload.level] = change.payload.text
      break
    }
    case 'expectation': {
      const { role, skill, level } = change.payload
      doc.expectations[role] = { ...(doc.expectations[role] ?? {}), [skill]: level }
      break
    }
    case 'add-skill': {
      const p = change.payload
      const slug = slugify(p.name)
      doc.skills.push({
        slug,
        name: p.name.trim(),
        group: p.group,
        gist: p.gist,
        descriptors: { ...p.descriptors },
      })
      for (const role of doc.roles)
        doc.expectations[role.slug] = {
          ...(doc.expectations[role.slug] ?? {}),
          [slug]: role.retired ? null : (p.expectations[role.slug] ?? null),
        }
      break
    }
    case 'retire-skill': {
      const skill = findSkill(doc, change.payload.skill)
      if (skill) skill.retired = true
      break
    }
    case 'add-role': {
      const p = change.payload
      const slug = slugify(p.name)
      const index = p.after ? doc.roles.findIndex(role => role.slug === p.after) + 1 : 0
      doc.roles.splice(index, 0, { slug, name: p.name.trim(), shapes: [...p.shapes], summary: p.summary })
      doc.expectations[slug] = Object.fromEntries(
        doc.skills.map(skill => [skill.slug, skill.retired ? null : (p.expectations[skill.slug] ?? null)]),
      )
      break
    }
    case 'retire-role': {
      const role = findRole(doc, change.payload.role)
      if (role) role.retired = true
      break
    }
  }
  return doc
}

/**
 * Whether a change made against one version still means the same thing against a later one: an
 * edit of a descriptor or expected level that someone else has changed in between does not.
 */
export function movedOnProblem(base: VersionDocument, current: VersionDocument, change: ProposalChange): string | null {
  if (change.kind === 'descriptor') {
    const { skill, level } = change.payload
    if (findSkill(base, skill)?.descriptors[level] !== findSkill(current, skill)?.descriptors[level])
      return `the ${LEVEL_NAMES[level].toLowerCase()} descriptor of ${skillName(current, skill)} has been changed since this was proposed`
  }
  if (change.kind === 'expectation') {
    const { role, skill } = change.payload
    if (expectedLevel(base, role, skill) !== expectedLevel(current, role, skill))
      return `the expected level of ${skillName(current, skill)} for ${roleName(current, role)} has been changed since this was proposed`
  }
  return null
}

/** An open proposal that cannot be applied to the current version as it stands. */
export class ProposalNoLongerAppliesError extends ConflictError {
  constructor(
    readonly currentNumber: number,
    readonly problem: string,
  ) {
    super(
      `This proposal cannot be applied to the current framework (version ${currentNumber}): ${problem}. Reject it, and propose the change again if it is still needed`,
    )
  }
}

/** The current version is not the one the reviewer saw. */
export class FrameworkMovedOnError extends ConflictError {
  constructor(readonly currentNumber: number) {
    super(
      `The framework changed while you were reviewing this proposal: it is now at version ${currentNumber}. Check the changes below again before you decide`,
    )
  }
}

export interface ProposalReview {
  proposal: Proposal
  lines: DiffLine[]
  /** The version the lines compare against. */
  againstNumber: number
  /** For an open proposal: why approving it would be refused now, if it would. */
  problem: string | null
}
