// The capability framework as versioned data. Each version is an immutable document (roles,
// skills, the four levels, a descriptor for every skill at every level, expected levels). Heads
// of profession change it through proposals that another head of profession or an administrator
// reviews; an approved proposal becomes the next version. Moving to a newer version carries
// people's agreed levels across through a skill mapping the reviewer checks first. Nothing is
// ever deleted: retired roles and skills stay in the document, and old check-ins keep pointing at
// the version they were made against.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import { slugify } from '../handbook/handbook.service.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import {
  FRAMEWORK_2017,
  FRAMEWORK_2025,
  LEVEL_NAMES,
  LEVELS,
  MAPPING_2017_TO_2025,
  withLeadership,
  type FrameworkDocument,
  type Level,
  type Shape,
} from './framework.bundled.ts'
import { canMigrateFramework, canProposeFrameworkChange, canReviewFrameworkProposal } from './framework.policy.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import {
  SHAPES,
  type FrameworkRepository,
  type OpenProposal,
  type Proposal,
  type ProposalChange,
} from './framework.repository.ts'
import type {
  AgreedCheckin,
  AgreedRating,
  CarriedCheckin,
  CarriedRating,
  CheckinLedger,
  FrameworkVersion,
  MigrationRecord,
  SkillMapping,
  VersionDocument,
  VersionRole,
  VersionSkill,
  VersionSummary,
} from './framework.types.ts'
import type { FrameworkTerms } from './framework.terms.ts'
import type { FrameworkVersions } from './framework.versions.ts'

export type { OpenProposal, Proposal, ProposalChange }

// ---- The bundled versions -----------------------------------------------------------------------

export const BASES = ['2025', '2017'] as const
export type Base = (typeof BASES)[number]

export interface SeedChoice {
  readonly base: Base
  readonly leadership: boolean
}

const BUNDLED: Record<Base, FrameworkDocument> = { '2025': FRAMEWORK_2025, '2017': FRAMEWORK_2017 }
/** Bundled frameworks from oldest to newest: an installation only ever moves forward. */
const BUNDLED_ORDER: readonly string[] = [FRAMEWORK_2017.key, FRAMEWORK_2025.key]

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

const findSkill = (doc: VersionDocument, slug: string) => doc.skills.find(skill => skill.slug === slug)
const findRole = (doc: VersionDocument, slug: string) => doc.roles.find(role => role.slug === slug)
const skillName = (doc: VersionDocument, slug: string) => findSkill(doc, slug)?.name ?? slug
const roleName = (doc: VersionDocument, slug: string) => findRole(doc, slug)?.name ?? slug

function listText(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

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
function movedOnProblem(base: VersionDocument, current: VersionDocument, change: ProposalChange): string | null {
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

// ---- Moving between versions --------------------------------------------------------------------

/**
 * Where a migration goes: to a bundled framework (a new current version, carrying from the current
 * one), or into the current version from an older one (after proposals have changed the framework).
 */
export type MigrationTarget = { kind: 'bundled'; base: Base } | { kind: 'version'; from: number }

export const targetKey = (t: MigrationTarget): string =>
  t.kind === 'bundled' ? `bundled-${t.base}` : `version-${t.from}`

export function parseTargetKey(key: string): MigrationTarget | null {
  if (key === 'bundled-2025') return { kind: 'bundled', base: '2025' }
  if (key === 'bundled-2017') return { kind: 'bundled', base: '2017' }
  const match = /^version-(\d{1,6})$/.exec(key)
  return match ? { kind: 'version', from: Number(match[1]) } : null
}

export interface MigrationChoice {
  key: string
  title: string
  hint: string
}

export interface MigrationRow {
  skill: VersionSkill
  suggested: string | null
  selected: string | null
}

export interface MigrationPlan {
  key: string
  currentNumber: number
  from: VersionSummary & { document: VersionDocument }
  to: { number: number; name: string; isNew: boolean; document: VersionDocument }
  rows: MigrationRow[]
  targetSkills: VersionSkill[]
  /** People whose latest agreed check-in was made against the version carried from. */
  peopleToCarry: number
  /** Old skills that carry into nothing. */
  withoutSuccessor: VersionSkill[]
  /** Target skills that nothing carries into. */
  withoutSource: VersionSkill[]
}

/** An approved proposal's new version, and what happened to people's agreed levels. */
export interface ApprovedVersion extends FrameworkVersion {
  /** People whose agreed levels were carried into the new version as they were. */
  peopleCarried: number
  /**
   * When the change retires a skill people hold a level in: the version their levels are still
   * in, to carry from once someone has chosen where the retired skill's levels go. Otherwise null.
   */
  mappingFrom: number | null
}

/** Whether a change leaves every skill that stays meaning what it meant, so levels carry as they are. */
export const keepsSkillsMeaning = (change: ProposalChange): boolean => change.kind !== 'retire-skill'

export interface MigrationResult {
  versionNumber: number
  /** Carried from this version number. */
  fromNumber: number
  /** Whether the move made a new version (a bundled framework), or carried into the current one. */
  newVersion: boolean
  peopleCarried: number
}

const levelRank = (level: Level) => LEVELS.indexOf(level)

/** A message that starts a sentence, made to follow a colon. Names of skills keep their capital. */
function lowerFirst(message: string | null): string | null {
  if (!message) return null
  return /^(Select|Enter|Say|Describe|Choose|The|There|A|You)\b/.test(message)
    ? message.charAt(0).toLowerCase() + message.slice(1)
    : message
}

// ---- The service --------------------------------------------------------------------------------

export class FrameworkService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: FrameworkRepository,
    /** The versions themselves: the lower half of the framework, which people and the pathway use. */
    private readonly store: FrameworkVersions,
    /** Who holds a role, so a role people still hold is not retired. */
    private readonly people: Pick<PeopleService, 'list'>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** The pathway's check-ins, which a migration reads and carries across. */
    private readonly ledger: CheckinLedger,
  ) {}

  /** The current version (see FrameworkVersions.current). */
  current(): Promise<FrameworkVersion> {
    return this.store.current()
  }

  /** Stores version 1 from a bundled framework, inside the caller's transaction. */
  seed(trx: DbExecutor, actor: Actor, choice: SeedChoice): Promise<void> {
    return this.store.seed(trx, actor, choice)
  }

  /** The current version's roles and skills, as people, the handbook and the pathway use them. */
  terms(): Promise<FrameworkTerms> {
    return this.store.terms()
  }

  /** The pathway shape the organisation uses, which decides the roles shown. */
  shape(): Promise<Shape> {
    return this.store.shape()
  }

  versions(): Promise<VersionSummary[]> {
    return this.store.versions()
  }

  version(number: number): Promise<FrameworkVersion> {
    return this.store.version(number)
  }

  /** The version a check-in was made against. */
  versionById(id: string): Promise<FrameworkVersion> {
    return this.store.versionById(id)
  }

  migrations(): Promise<MigrationRecord[]> {
    return this.repo.listMigrations(this.db)
  }

  // ---- Proposals ----

  proposals(): Promise<Proposal[]> {
    return this.repo.listProposals(this.db)
  }

  openProposalCount(): Promise<number> {
    return this.repo.countOpenProposals(this.db)
  }

  /** Open proposals the viewer may review (made by someone else), oldest first; none if they review none. */
  async proposalsToReview(viewer: Viewer, limit = 10): Promise<OpenProposal[]> {
    if (!canReviewFrameworkProposal(viewer, { proposedBy: '' })) return []
    return this.repo.openProposalsNotBy(this.db, viewer.user.id, limit)
  }

  async proposal(id: string): Promise<Proposal> {
    const found = await this.repo.findProposal(this.db, id)
    if (!found) throw new NotFoundError('No such proposal')
    return found
  }

  private async peopleInRoleProblem(change: ProposalChange): Promise<string | null> {
    if (change.kind !== 'retire-role') return null
    const holders = (await this.people.list({ careerRole: change.payload.role, withProfileOnly: true })).length
    if (holders === 0) return null
    return `${holders === 1 ? '1 person holds' : `${holders} people hold`} this role. Move ${holders === 1 ? 'them' : 'them all'} to another role before you retire it`
  }

  /** Proposes a change to the current version; checked against it, field by field. */
  async propose(viewer: Viewer, change: ProposalChange, reason: string): Promise<Proposal> {
    if (!canProposeFrameworkChange(viewer)) throw new ForbiddenError('Only heads of profession propose changes')
    const actor = { id: viewer.user.id, name: viewer.user.name }
    const current = await this.current()
    const problems = changeProblems(current.document, change)
    const inRole = await this.peopleInRoleProblem(change)
    if (inRole && !problems.role) problems.role = inRole
    if (!reason.trim()) problems.reason = 'Say why you propose this change'
    if (Object.keys(problems).length) throw new ValidationError(problems)
    const id = newId()
    const summary = summariseChange(current.document, change)
    await this.db.transaction().execute(async trx => {
      await this.repo.insertProposal(trx, {
        id,
        baseVersionId: current.id,
        change,
        summary,
        reason,
        proposedAt: this.clock().toISOString(),
        proposedBy: actor.id,
        proposedByName: actor.name,
      })
      await this.audit.record(trx, actor, {
        action: 'framework.proposed',
        subjectType: 'framework-proposal',
        subjectId: id,
        summary: `Proposed a change to framework version ${current.number}: ${summary}`,
      })
    })
    return this.proposal(id)
  }

  /**
   * A proposal with what it changes. An open one is compared with the current version (what
   * approving it would do now); a decided one with the version it was decided against.
   */
  async review(id: string): Promise<ProposalReview> {
    const proposal = await this.proposal(id)
    if (proposal.status === 'open') {
      const current = await this.current()
      const problem = await this.applyProblem(proposal, current)
      const against = problem ? await this.versionById(proposal.baseVersionId) : current
      return { proposal, lines: diffChange(against.document, proposal.change), againstNumber: against.number, problem }
    }
    const before =
      proposal.status === 'approved' && proposal.resultingVersionNumber !== null
        ? await this.repo.findByNumber(this.db, proposal.resultingVersionNumber - 1)
        : null
    const against = before ?? (await this.versionById(proposal.baseVersionId))
    return {
      proposal,
      lines: diffChange(against.document, proposal.change),
      againstNumber: against.number,
      problem: null,
    }
  }

  /** Why the proposal cannot be applied to this version, or null when it can. */
  private async applyProblem(
    proposal: Proposal,
    current: FrameworkVersion,
    db: DbExecutor = this.db,
    checkPeople = true,
  ): Promise<string | null> {
    if (proposal.baseVersionId !== current.id) {
      const base = await this.repo.findById(db, proposal.baseVersionId)
      const moved = base ? movedOnProblem(base.document, current.document, proposal.change) : null
      if (moved) return moved
    }
    const problems = Object.values(changeProblems(current.document, proposal.change))
    if (checkPeople) {
      const inRole = await this.peopleInRoleProblem(proposal.change)
      if (inRole) problems.push(inRole)
    }
    return lowerFirst(problems[0] ?? null)
  }

  /**
   * Approves a proposal: its change is made to the current version, which becomes version n+1.
   * Refused for the person who proposed it, and when it no longer applies cleanly. When the change
   * leaves every remaining skill meaning what it did (anything but retiring a skill), everyone's
   * latest agreed levels in version n are carried into version n+1 in the same transaction, skill
   * for skill. Retiring a skill people hold a level in needs someone to say where those levels go:
   * the result names the version to carry from (see planMigration).
   */
  async approve(viewer: Viewer, id: string, note: string, expectedCurrentNumber?: number): Promise<ApprovedVersion> {
    const resultId = newId()
    let peopleCarried = 0
    let mappingFrom: number | null = null
    const at = this.clock().toISOString()
    // People are looked up before the transaction: on SQLite, other services cannot read while
    // this one holds the only connection.
    const before = await this.proposal(id)
    const inRole = before.status === 'open' ? await this.peopleInRoleProblem(before.change) : null
    await this.db
      .transaction()
      .execute(async trx => {
        const proposal = await this.repo.findProposal(trx, id)
        if (!proposal) throw new NotFoundError('No such proposal')
        if (!canReviewFrameworkProposal(viewer, proposal))
          throw new ForbiddenError(
            viewer.user.id === proposal.proposedBy
              ? 'Someone else must review a proposal you made'
              : 'Only heads of profession and administrators review proposals',
          )
        if (proposal.status !== 'open') throw new ConflictError('This proposal has already been decided')
        const current = await this.repo.findCurrent(trx)
        if (!current) throw new NotFoundError('The framework has no current version')
        if (expectedCurrentNumber !== undefined && current.number !== expectedCurrentNumber)
          throw new FrameworkMovedOnError(current.number)
        const problem = (await this.applyProblem(proposal, current, trx, false)) ?? lowerFirst(inRole)
        if (problem) throw new ProposalNoLongerAppliesError(current.number, problem)
        const document = applyChange(current.document, proposal.change)
        const number = (await this.repo.maxNumber(trx)) + 1
        await this.repo.supersedeCurrent(trx)
        await this.repo.insertVersion(trx, {
          id: resultId,
          number,
          name: current.name,
          status: 'current',
          note: proposal.summary,
          createdAt: at,
          createdBy: proposal.proposedBy,
          createdByName: proposal.proposedByName,
          approvedByName: viewer.user.name,
          document,
        })
        const decided = await this.repo.decideProposal(trx, id, {
          status: 'approved',
          at,
          by: viewer.user.id,
          byName: viewer.user.name,
          note: note.trim(),
          resultingVersionId: resultId,
        })
        if (!decided) throw new ConflictError('This proposal has already been decided')
        await this.audit.record(trx, viewer.user, {
          action: 'framework.approved',
          subjectType: 'framework-proposal',
          subjectId: id,
          summary: `Approved "${proposal.summary}", proposed by ${proposal.proposedByName}: now framework version ${number}`,
        })
        const { checkins, ratings } = await this.ledger.latestAgreedAgainst(trx, current.id)
        if (checkins.length === 0) return
        if (!keepsSkillsMeaning(proposal.change)) {
          mappingFrom = current.number
          return
        }
        const kept = new Set(activeSkills(document).map(s => s.slug))
        const mapping: SkillMapping = Object.fromEntries(
          activeSkills(current.document).map(s => [s.slug, kept.has(s.slug) ? s.slug : null]),
        )
        const { carried, carriedRatings } = this.carry(current, document, resultId, checkins, ratings, mapping, at)
        await this.ledger.recordCarriedOver(trx, carried, carriedRatings)
        await this.repo.insertMigration(trx, {
          id: newId(),
          fromVersionId: current.id,
          toVersionId: resultId,
          mapping,
          peopleCarried: carried.length,
          appliedAt: at,
          appliedBy: viewer.user.id,
          appliedByName: viewer.user.name,
        })
        await this.audit.record(trx, viewer.user, {
          action: 'framework.migrated',
          subjectType: 'framework',
          subjectId: resultId,
          summary: `Carried ${carried.length === 1 ? "1 person's" : `${carried.length} people's`} agreed levels from framework version ${current.number} to version ${number} on approval, skill for skill`,
        })
        peopleCarried = carried.length
      })
      .catch(err => {
        if (isUniqueViolation(err))
          throw new ConflictError('The framework changed while this was being approved. Try again')
        throw err
      })
    return { ...(await this.versionById(resultId)), peopleCarried, mappingFrom }
  }

  /** Rejects a proposal; the person who proposed it sees the note. */
  async reject(viewer: Viewer, id: string, note: string): Promise<void> {
    if (!note.trim()) throw new ValidationError({ note: 'Say why you are rejecting this proposal' })
    await this.db.transaction().execute(async trx => {
      const proposal = await this.repo.findProposal(trx, id)
      if (!proposal) throw new NotFoundError('No such proposal')
      if (!canReviewFrameworkProposal(viewer, proposal))
        throw new ForbiddenError('Someone else must review this proposal')
      const decided = await this.repo.decideProposal(trx, id, {
        status: 'rejected',
        at: this.clock().toISOString(),
        by: viewer.user.id,
        byName: viewer.user.name,
        note: note.trim(),
        resultingVersionId: null,
      })
      if (!decided) throw new ConflictError('This proposal has already been decided')
      await this.audit.record(trx, viewer.user, {
        action: 'framework.rejected',
        subjectType: 'framework-proposal',
        subjectId: id,
        summary: `Rejected "${proposal.summary}", proposed by ${proposal.proposedByName}`,
      })
    })
  }

  // ---- Migrations ----

  /** The moves on offer: newer bundled frameworks, and older versions people were assessed against. */
  async migrationChoices(): Promise<MigrationChoice[]> {
    const current = await this.current()
    const choices: MigrationChoice[] = []
    const rank = BUNDLED_ORDER.indexOf(current.document.key)
    for (const base of BASES) {
      const doc = BUNDLED[base]
      if (BUNDLED_ORDER.indexOf(doc.key) > rank) {
        choices.push({
          key: targetKey({ kind: 'bundled', base }),
          title: `Move to the ${base} framework`,
          hint: `${doc.name}. It becomes version ${current.number + 1}${hasLeadership(current.document) ? ', with the leadership capabilities kept' : ''}, and people's agreed levels in version ${current.number} are carried across.`,
        })
      }
    }
    const counts = await this.ledger.latestAgreedCountsByVersion(this.db)
    for (const version of await this.versions()) {
      const people = counts.get(version.id) ?? 0
      if (version.number >= current.number || people === 0) continue
      choices.push({
        key: targetKey({ kind: 'version', from: version.number }),
        title: `Carry agreed levels from version ${version.number} into version ${current.number}`,
        hint: `${people === 1 ? "1 person's" : `${people} people's`} latest agreed check-in was made against version ${version.number}.`,
      })
    }
    return choices
  }

  private async resolveTarget(db: DbExecutor, target: MigrationTarget) {
    const current = await this.repo.findCurrent(db)
    if (!current) throw new NotFoundError('The framework has no current version')
    if (target.kind === 'bundled') {
      if (BUNDLED_ORDER.indexOf(BUNDLED[target.base].key) <= BUNDLED_ORDER.indexOf(current.document.key))
        throw new NotFoundError('The framework can only move to a newer bundled version')
      const document = bundledDocument({ base: target.base, leadership: hasLeadership(current.document) })
      return { current, from: current, to: { number: current.number + 1, name: document.name, isNew: true, document } }
    }
    const from = await this.repo.findByNumber(db, target.from)
    if (!from || from.number >= current.number) throw new NotFoundError('No older version with that number')
    return {
      current,
      from,
      to: { number: current.number, name: current.name, isNew: false, document: current.document },
    }
  }

  private suggestMapping(from: VersionDocument, to: VersionDocument): SkillMapping {
    const targets = new Set(activeSkills(to).map(s => s.slug))
    const viaBundled = from.key === FRAMEWORK_2017.key && to.key === FRAMEWORK_2025.key
    const mapping: SkillMapping = {}
    for (const skill of activeSkills(from)) {
      const bundled = viaBundled ? MAPPING_2017_TO_2025[skill.slug]?.find(slug => targets.has(slug)) : undefined
      mapping[skill.slug] = bundled ?? (targets.has(skill.slug) ? skill.slug : null)
    }
    return mapping
  }

  /** The plan for a move, with the suggested mapping (or the reviewer's, when given) and counts. */
  async planMigration(target: MigrationTarget, chosen?: SkillMapping): Promise<MigrationPlan> {
    const { current, from, to } = await this.resolveTarget(this.db, target)
    const suggested = this.suggestMapping(from.document, to.document)
    const targetSkills = activeSkills(to.document)
    const rows = activeSkills(from.document).map(skill => {
      const pick = chosen && skill.slug in chosen ? (chosen[skill.slug] ?? null) : (suggested[skill.slug] ?? null)
      return { skill, suggested: suggested[skill.slug] ?? null, selected: pick }
    })
    const used = new Set(rows.map(r => r.selected))
    return {
      key: targetKey(target),
      currentNumber: current.number,
      from,
      to,
      rows,
      targetSkills,
      peopleToCarry: await this.ledger.countLatestAgreedAgainst(this.db, from.id),
      withoutSuccessor: rows.filter(r => r.selected === null).map(r => r.skill),
      withoutSource: targetSkills.filter(s => !used.has(s.slug)),
    }
  }

  /**
   * Moves to the target and carries across the agreed levels of everyone whose latest agreed
   * check-in was made against the version moved from. One transaction; nothing is changed or
   * deleted, and the old check-ins keep their version. Refused if the current version is no
   * longer the one the reviewer saw.
   */
  async applyMigration(
    viewer: Viewer,
    target: MigrationTarget,
    mapping: SkillMapping,
    expectedCurrentNumber: number,
  ): Promise<MigrationResult> {
    if (!canMigrateFramework(viewer))
      throw new ForbiddenError('Only heads of profession and administrators move the framework')
    const at = this.clock().toISOString()
    const actor = { id: viewer.user.id, name: viewer.user.name }
    return this.db
      .transaction()
      .execute(async trx => {
        const stamp = await this.repo.findCurrent(trx)
        if (stamp && stamp.number !== expectedCurrentNumber)
          throw new ConflictError(
            `The framework changed while you were reviewing the move: it is now at version ${stamp.number}. Review the move again`,
          )
        const { current, from, to } = await this.resolveTarget(trx, target)
        const clean = this.checkMapping(from.document, to.document, mapping)
        const { checkins, ratings } = await this.ledger.latestAgreedAgainst(trx, from.id)
        if (!to.isNew && checkins.length === 0)
          throw new ValidationError({
            target: `Nobody's latest agreed check-in was made against version ${from.number}, so there is nothing to carry across`,
          })

        let toId = current.id
        if (to.isNew) {
          toId = newId()
          await this.repo.supersedeCurrent(trx)
          await this.repo.insertVersion(trx, {
            id: toId,
            number: (await this.repo.maxNumber(trx)) + 1,
            name: to.name,
            status: 'current',
            note: `Moved to ${to.name}`,
            createdAt: at,
            createdBy: actor.id,
            createdByName: actor.name,
            approvedByName: null,
            document: to.document,
          })
        }

        const { carried, carriedRatings } = this.carry(from, to.document, toId, checkins, ratings, clean, at)
        await this.ledger.recordCarriedOver(trx, carried, carriedRatings)
        await this.repo.insertMigration(trx, {
          id: newId(),
          fromVersionId: from.id,
          toVersionId: toId,
          mapping: clean,
          peopleCarried: carried.length,
          appliedAt: at,
          appliedBy: actor.id,
          appliedByName: actor.name,
        })
        await this.audit.record(trx, actor, {
          action: 'framework.migrated',
          subjectType: 'framework',
          subjectId: toId,
          summary: `Carried ${carried.length === 1 ? "1 person's" : `${carried.length} people's`} agreed levels from framework version ${from.number} to version ${to.number}${to.isNew ? ` (${to.name})` : ''}`,
        })
        return {
          versionNumber: to.number,
          fromNumber: from.number,
          newVersion: to.isNew,
          peopleCarried: carried.length,
        }
      })
      .catch(err => {
        if (isUniqueViolation(err))
          throw new ConflictError('The framework changed while the move was being applied. Review it again')
        throw err
      })
  }

  /** Every active old skill maps to an active target skill or to nothing; anything else is refused. */
  private checkMapping(from: VersionDocument, to: VersionDocument, mapping: SkillMapping): SkillMapping {
    const targets = new Set(activeSkills(to).map(s => s.slug))
    const clean: SkillMapping = {}
    const problems: Record<string, string> = {}
    for (const skill of activeSkills(from)) {
      if (!Object.hasOwn(mapping, skill.slug)) {
        problems[`map-${skill.slug}`] = `Select where ${skill.name} goes, or that it is not carried across`
        continue
      }
      const value = mapping[skill.slug] ?? null
      if (value !== null && !targets.has(value))
        problems[`map-${skill.slug}`] = `Select where ${skill.name} goes from the list`
      clean[skill.slug] = value
    }
    if (Object.keys(problems).length) throw new ValidationError(problems)
    return clean
  }

  /** The new check-ins and ratings: for each target skill, the highest agreed level of its sources. */
  private carry(
    from: FrameworkVersion,
    to: VersionDocument,
    toId: string,
    checkins: AgreedCheckin[],
    ratings: AgreedRating[],
    mapping: SkillMapping,
    at: string,
  ): { carried: CarriedCheckin[]; carriedRatings: CarriedRating[] } {
    const byCheckin = new Map<string, Map<string, Level>>()
    for (const r of ratings) {
      const levels = byCheckin.get(r.checkinId) ?? new Map<string, Level>()
      levels.set(r.skillSlug, r.agreedLevel)
      byCheckin.set(r.checkinId, levels)
    }
    const sourcesOf = new Map<string, string[]>()
    for (const [oldSlug, newSlug] of Object.entries(mapping))
      if (newSlug) sourcesOf.set(newSlug, [...(sourcesOf.get(newSlug) ?? []), oldSlug])
    const liveRoles = new Set(activeRoles(to).map(r => r.slug))
    const targetSkills = activeSkills(to)

    const carried: CarriedCheckin[] = []
    const carriedRatings: CarriedRating[] = []
    for (const checkin of checkins) {
      const id = newId()
      const roleSlug = liveRoles.has(checkin.roleSlug) ? checkin.roleSlug : (checkin.profileRole ?? checkin.roleSlug)
      carried.push({
        id,
        personId: checkin.personId,
        frameworkVersionId: toId,
        roleSlug,
        managerId: checkin.managerId,
        at,
        note: `Carried across from framework version ${from.number}`,
        carriedFromId: checkin.id,
      })
      const levels = byCheckin.get(checkin.id)
      if (!levels) continue
      for (const skill of targetSkills) {
        const sources = (sourcesOf.get(skill.slug) ?? []).filter(slug => levels.has(slug))
        let best: Level | null = null
        for (const slug of sources) {
          const level = levels.get(slug)
          if (level && (best === null || levelRank(level) > levelRank(best))) best = level
        }
        if (!best) continue
        const names = sources.map(
          slug => `${skillName(from.document, slug)} (${LEVEL_NAMES[levels.get(slug) ?? best]})`,
        )
        const agreedNote =
          sources.length > 1
            ? `Carried across from ${listText(names)} in framework version ${from.number}: the highest agreed level is kept`
            : sources[0] === skill.slug
              ? `Carried across from framework version ${from.number}`
              : `Carried across from ${skillName(from.document, sources[0] ?? '')} in framework version ${from.number}`
        carriedRatings.push({ checkinId: id, skillSlug: skill.slug, agreedLevel: best, agreedNote })
      }
    }
    return { carried, carriedRatings }
  }
}
