// The capability framework as versioned data. Each version is an immutable document (roles,
// skills, the four levels, a descriptor for every skill at every level, expected levels). Heads
// of profession change it through proposals that another head of profession or an administrator
// reviews; an approved proposal becomes the next version. Moving to a newer version carries
// people's agreed levels across through a skill mapping the reviewer checks first. Nothing is
// ever deleted: retired roles and skills stay in the document, and old check-ins keep pointing at
// the version they were made against.
import type { AuditService } from '../audit/audit.service.ts'
import type { EmailService } from '../email/email.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { isUniqueViolation } from '../db/dialect.ts'
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
  type Level,
  type Shape,
} from './framework.bundled.ts'
import { canMigrateFramework, canProposeFrameworkChange, canReviewFrameworkProposal } from './framework.policy.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import {
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
  VersionSummary,
} from './framework.types.ts'
import type { FrameworkTerms } from './framework.terms.ts'
import type { FrameworkVersions } from './framework.versions.ts'

import {
  BASES,
  BUNDLED,
  BUNDLED_ORDER,
  activeRoles,
  activeSkills,
  bundledDocument,
  hasLeadership,
  listText,
  skillName,
  type SeedChoice,
} from './framework.document.ts'
import {
  applyChange,
  changeProblems,
  diffChange,
  summariseChange,
  movedOnProblem,
  FrameworkMovedOnError,
  ProposalNoLongerAppliesError,
  type ProposalReview,
} from './framework.changes.ts'
import {
  keepsSkillsMeaning,
  targetKey,
  type ApprovedVersion,
  type MigrationChoice,
  type MigrationPlan,
  type MigrationResult,
  type MigrationTarget,
} from './framework.migration.ts'

export type { OpenProposal, Proposal, ProposalChange }

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
    /** Tells whoever proposed a change what was decided. */
    private readonly email: Pick<EmailService, 'enqueue'>,
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
        await this.tellProposer(trx, viewer, proposal, 'approved')
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
      await this.tellProposer(trx, viewer, proposal, 'rejected')
    })
  }

  /** The person who proposed a change hears what was decided (the email outbox), unless it is gone. */
  private async tellProposer(trx: DbExecutor, viewer: Viewer, proposal: Proposal, outcome: 'approved' | 'rejected') {
    if (!proposal.proposedBy) return
    await this.email.enqueue(trx, viewer.user, {
      kind: 'proposal-outcome',
      recipient: { id: proposal.proposedBy, name: proposal.proposedByName },
      outcome,
      proposalId: proposal.id,
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
