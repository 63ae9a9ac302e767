// Check-ins and a person's pathway. A check-in goes draft → submitted (by the person) → reviewed
// (their line manager's own view) → agreed (a level per skill, with notes). It is always read
// against the framework version it was made in. A person's current levels are the agreed levels
// of their latest agreed check-in in the current version; their pathway compares those with what
// their role and the next one expect, and suggests handbook pages and resources for each gap.
//
// Assessments are personal data: evidence and notes never go into the audit log or the logs.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { LEVEL_NAMES, type Level, type Shape } from '../framework/framework.bundled.ts'
import { activeRoles, activeSkills, expectedLevel } from '../framework/framework.document.ts'
import type { FrameworkVersion, VersionDocument, VersionRole, VersionSkill } from '../framework/framework.types.ts'
import type {
  AgreedCheckin,
  AgreedRating,
  CarriedCheckin,
  CarriedRating,
  CheckinLedger,
} from '../framework/framework.types.ts'
import type { FrameworkVersions } from '../framework/framework.versions.ts'
import type { HandbookService } from '../handbook/handbook.service.ts'
import { canReviewCheckin, canSeePersonalRecord } from '../people/people.policy.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Person } from '../people/people.types.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Clock } from '../platform/clock.ts'
import { ConflictError, ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import type { RadarInput } from './pathway.radar.ts'
import { levelValue } from './pathway.radar.ts'
import { isCheckinOverdue, overdueBefore } from './pathway.rules.ts'
import type {
  Checkin,
  CheckinStatus,
  OverduePerson,
  PathwayRepository,
  PeopleScope,
  Rating,
  TeamMember,
  WaitingCheckin,
  Who,
} from './pathway.repository.ts'

export type { Checkin, CheckinStatus, OverduePerson, PeopleScope, Rating, WaitingCheckin, Who }

export const EVIDENCE_MAX = 2000

/** Evidence a person wrote for one skill in one of their check-ins. */
export interface WrittenEvidence {
  checkinId: string
  /** When the check-in was sent to their line manager. */
  writtenAt: string
  skillSlug: string
  text: string
}
export const NOTE_MAX = 2000

export const STATUS_LABELS: Record<CheckinStatus, string> = {
  draft: 'Draft',
  submitted: 'Waiting for line manager',
  reviewed: 'Waiting for agreement',
  agreed: 'Agreed',
}

export const NO_PROFILE_MESSAGE = 'Ask a leader to add you to the profession first'

/** The skills a role is assessed on: active skills with an expected level for it, in framework order. */
export function roleSkills(doc: VersionDocument, roleSlug: string): VersionSkill[] {
  const skills = activeSkills(doc)
  const expected = skills.filter(s => expectedLevel(doc, roleSlug, s.slug) !== null)
  return expected.length > 0 ? expected : skills
}

/** The role after this one in the organisation's pathway, or null at the top (or off the pathway). */
export function nextRole(doc: VersionDocument, shape: Shape, roleSlug: string): VersionRole | null {
  const roles = activeRoles(doc, shape)
  const index = roles.findIndex(r => r.slug === roleSlug)
  return index < 0 ? null : (roles[index + 1] ?? null)
}

export const roleNameIn = (doc: VersionDocument, slug: string): string =>
  doc.roles.find(r => r.slug === slug)?.name ?? slug

/** Every skill of the document in its order (retired ones too): for reading old check-ins. */
function skillOrder(doc: VersionDocument): VersionSkill[] {
  const active = activeSkills(doc)
  return [...active, ...doc.skills.filter(s => s.retired)]
}

export interface CheckinSkill {
  skill: { slug: string; name: string; gist: string; descriptors: Record<Level, string> | null; retired: boolean }
  expected: Level | null
  rating: Rating
  /** The person and their line manager gave different levels. */
  differs: boolean
}

export interface CheckinDetail {
  checkin: Checkin
  person: Person
  /** The framework version the check-in was made against, whichever is current now. */
  version: FrameworkVersion
  isCurrentVersion: boolean
  roleName: string
  skills: CheckinSkill[]
}

export interface SelfInput {
  ratings: Record<string, { level: Level | null; evidence: string }>
}

export interface ReviewInput {
  ratings: Record<string, { level: Level | null; note: string }>
}

export interface AgreeInput {
  ratings: Record<string, { level: Level | null; note: string }>
  note: string
}

/** The check-in has moved on to a stage where this part can no longer be changed. */
export class CheckinStageError extends ConflictError {}

class StaleCheckin extends Error {}

export interface PathwayRow {
  skill: { slug: string; name: string }
  self: Level | null
  agreed: Level | null
  expectedCurrent: Level | null
  expectedNext: Level | null
}

export interface Suggestion {
  title: string
  href: string
  summary: string
  planHref: string
}

export interface ResourceSuggestion {
  kind: 'reading' | 'training'
  title: string
  author: string
  format: string
  length: string
  url: string
  planHref: string
}

export interface Gap {
  skill: { slug: string; name: string }
  agreed: Level | null
  expected: Level
  size: number
  pages: Suggestion[]
  resources: ResourceSuggestion[]
}

export interface HistoryRow {
  checkin: Checkin
  date: string
  roleName: string
  /** For agreed check-ins: skills at or above the level their role expected then, of how many. */
  met: { count: number; of: number } | null
}

export type PathwayView =
  | { hasProfile: false; person: Person }
  | {
      hasProfile: true
      person: Person
      version: FrameworkVersion
      role: { slug: string; name: string; inPathway: boolean }
      next: { slug: string; name: string } | null
      rows: PathwayRow[]
      radars: RadarInput[]
      /** Against the next role, or the current one at the top of the pathway. */
      gapsFor: { slug: string; name: string }
      gaps: Gap[]
      history: HistoryRow[]
      open: Checkin | null
      lastAgreedAt: string | null
      overdue: boolean
      hasAgreed: boolean
      hasSelf: boolean
    }

export interface TeamView {
  members: (TeamMember & { roleName: string; waiting: boolean; overdue: boolean })[]
  waiting: WaitingCheckin[]
  overdue: (OverduePerson & { roleName: string })[]
}

/** Link to a new goal in the person's development plan, prefilled from a suggestion. */
export function planHref(
  personId: string,
  o: { skill: string; title: string; sourceTitle: string; sourceUrl: string },
) {
  const query = new URLSearchParams({
    skill: o.skill,
    title: o.title.slice(0, 150),
    sourceTitle: o.sourceTitle.slice(0, 200),
    sourceUrl: o.sourceUrl,
  })
  return `/people/${personId}/plan/goals/new?${query.toString()}`
}

const SUGGESTIONS_PER_SKILL = 3

// ---- What each stage of a check-in requires ---------------------------------------------------
// Pure, so the pages can show every problem at once: what the form reader finds (text too long)
// together with what the stage requires (a level for every skill).

/** The person's own levels: evidence within length, and on submitting a level for every skill. */
export function selfProblems(detail: CheckinDetail, input: SelfInput, submit: boolean): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const { skill } of detail.skills) {
    const given = input.ratings[skill.slug]
    if (submit && !given?.level) errors[`level-${skill.slug}`] = `Select your level for ${skill.name}`
    if ((given?.evidence.length ?? 0) > EVIDENCE_MAX)
      errors[`evidence-${skill.slug}`] = `Evidence for ${skill.name} must be 2,000 characters or fewer`
  }
  if (submit && !detail.person.lineManagerId && Object.keys(errors).length === 0)
    errors.form =
      'You do not have a line manager in Valuekit yet. Save your draft and ask a leader to add your line manager'
  return errors
}

/** The line manager's view: a level for every skill, notes within length. */
export function reviewProblems(detail: CheckinDetail, input: ReviewInput): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const { skill } of detail.skills) {
    const given = input.ratings[skill.slug]
    if (!given?.level)
      errors[`level-${skill.slug}`] = `Select your view of ${detail.person.name}'s level for ${skill.name}`
    if ((given?.note.length ?? 0) > NOTE_MAX)
      errors[`note-${skill.slug}`] = `Your note on ${skill.name} must be 2,000 characters or fewer`
  }
  return errors
}

/** The agreement: an agreed level for every skill, notes within length. */
export function agreeProblems(detail: CheckinDetail, input: AgreeInput): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const { skill } of detail.skills) {
    const given = input.ratings[skill.slug]
    if (!given?.level) errors[`level-${skill.slug}`] = `Select the agreed level for ${skill.name}`
    if ((given?.note.length ?? 0) > NOTE_MAX)
      errors[`note-${skill.slug}`] = `The note on ${skill.name} must be 2,000 characters or fewer`
  }
  if (input.note.length > NOTE_MAX) errors.note = 'The overall note must be 2,000 characters or fewer'
  return errors
}

export class PathwayService implements CheckinLedger {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: PathwayRepository,
    /** The framework's versions (its lower half: the pathway reads versions, never proposals). */
    private readonly framework: Pick<FrameworkVersions, 'current' | 'versionById' | 'shape' | 'lineage'>,
    private readonly people: PeopleService,
    private readonly handbook: HandbookService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- The framework's migrations carry agreed levels across (CheckinLedger) -------------------

  countLatestAgreedAgainst(db: DbExecutor, versionId: string): Promise<number> {
    return this.repo.countLatestAgreedAgainst(db, versionId)
  }

  latestAgreedCountsByVersion(db: DbExecutor): Promise<Map<string, number>> {
    return this.repo.latestAgreedCountsByVersion(db)
  }

  /** Each person's latest agreed check-in made against the version, with its agreed levels. */
  async latestAgreedAgainst(
    db: DbExecutor,
    versionId: string,
  ): Promise<{ checkins: AgreedCheckin[]; ratings: AgreedRating[] }> {
    const checkins = await this.repo.latestAgreedCheckins(db, versionId)
    const ratings = await this.repo.latestAgreedRatings(db, versionId)
    return { checkins, ratings }
  }

  /** Stores carried-over check-ins (already agreed) in the caller's transaction. */
  async recordCarriedOver(db: DbExecutor, checkins: CarriedCheckin[], ratings: CarriedRating[]): Promise<void> {
    await this.repo.insertCarriedCheckins(db, checkins)
    await this.repo.insertCarriedRatings(db, ratings)
  }

  // ---- Levels, for this page and for others --------------------------------------------------

  /**
   * The person's current levels: skill → agreed level from their latest agreed check-in (of
   * either kind) made against the current framework version or an earlier one of its line (see
   * FrameworkVersions.lineage). Empty if they have none.
   */
  async currentLevels(personId: string): Promise<Map<string, Level>> {
    const lineage = await this.framework.lineage()
    return (await this.repo.latestAgreedLevels(this.db, lineage, [personId])).get(personId) ?? new Map()
  }

  /**
   * Current levels of many people at once (listed ids, or everyone in an area, group or role):
   * person id → skill → level. People with no agreed check-in in the current version are absent.
   */
  async currentLevelsFor(who: Who): Promise<Map<string, Map<string, Level>>> {
    return this.repo.latestAgreedLevels(this.db, await this.framework.lineage(), who)
  }

  /** Person id → when their last check-in was agreed (of any version or kind). */
  lastAgreedFor(who: Who): Promise<Map<string, string>> {
    return this.repo.lastAgreedAt(this.db, who)
  }

  // ---- Reading a check-in --------------------------------------------------------------------

  /** A check-in of this person, read against the framework version it was made in. */
  async checkin(personId: string, checkinId: string): Promise<CheckinDetail> {
    const checkin = await this.repo.find(this.db, checkinId)
    if (!checkin || checkin.personId !== personId) throw new NotFoundError('No such check-in')
    const [person, version, ratings, current] = await Promise.all([
      this.people.get(personId),
      this.framework.versionById(checkin.frameworkVersionId),
      this.repo.ratings(this.db, checkinId),
      this.framework.current(),
    ])
    return this.detail(checkin, person, version, ratings, current.id)
  }

  private detail(
    checkin: Checkin,
    person: Person,
    version: FrameworkVersion,
    ratings: Rating[],
    currentId: string,
  ): CheckinDetail {
    const doc = version.document
    const bySlug = new Map(ratings.map(r => [r.skillSlug, r]))
    const ordered = skillOrder(doc).filter(s => bySlug.has(s.slug))
    const known = new Set(ordered.map(s => s.slug))
    const skills: CheckinSkill[] = ordered.map(s => {
      const rating = bySlug.get(s.slug) as Rating
      return {
        skill: { slug: s.slug, name: s.name, gist: s.gist, descriptors: s.descriptors, retired: Boolean(s.retired) },
        expected: expectedLevel(doc, checkin.roleSlug, s.slug),
        rating,
        differs: rating.selfLevel !== rating.managerLevel,
      }
    })
    // A rating for a skill the document does not know (it should not happen) is still shown.
    for (const rating of ratings.filter(r => !known.has(r.skillSlug)))
      skills.push({
        skill: { slug: rating.skillSlug, name: rating.skillSlug, gist: '', descriptors: null, retired: true },
        expected: null,
        rating,
        differs: rating.selfLevel !== rating.managerLevel,
      })
    return {
      checkin,
      person,
      version,
      isCurrentVersion: version.id === currentId,
      roleName: roleNameIn(doc, checkin.roleSlug),
      skills,
    }
  }

  /** The person's check-in still under way (draft, submitted or reviewed), if any. */
  openCheckin(personId: string): Promise<Checkin | null> {
    return this.repo.findOpen(this.db, personId)
  }

  // ---- The person's part -----------------------------------------------------------------------

  /**
   * Starts a draft check-in for the person against the current framework version and their
   * career role, or returns the draft they already have. Refused while an earlier check-in is
   * still with their line manager.
   */
  async startCheckin(viewer: Viewer, personId: string): Promise<Checkin> {
    const person = await this.people.get(personId)
    if (viewer.user.id !== person.id) throw new ForbiddenError('Only the person starts their own check-in')
    if (!person.hasProfile || !person.careerRole) throw new ValidationError({ start: NO_PROFILE_MESSAGE })
    const current = await this.framework.current()
    const role = current.document.roles.find(r => r.slug === person.careerRole)
    if (!role || role.retired)
      throw new ValidationError({
        start: 'Your career role is not in the current framework. Ask a leader to update your career role first',
      })
    const skills = roleSkills(current.document, role.slug)
    const id = newId()
    const at = this.clock().toISOString()
    return this.db.transaction().execute(async trx => {
      const open = await this.repo.findOpen(trx, person.id)
      if (open?.status === 'draft') return open
      if (open)
        throw new ValidationError({
          start:
            'Your line manager has not finished your last check-in yet. You can start a new one once you have agreed your levels',
        })
      await this.repo.insertDraft(
        trx,
        {
          id,
          personId: person.id,
          frameworkVersionId: current.id,
          roleSlug: role.slug,
          managerId: person.lineManagerId,
          createdAt: at,
        },
        skills.map(s => s.slug),
      )
      const created = await this.repo.find(trx, id)
      if (!created) throw new Error('The check-in could not be started')
      return created
    })
  }

  /**
   * Saves the person's own levels and evidence. A draft saves whatever is there; submitting needs
   * a level for every skill and a line manager to send it to, and then the person can no longer
   * change it.
   */
  async saveSelf(
    viewer: Viewer,
    personId: string,
    checkinId: string,
    input: SelfInput,
    expectedVersion: number,
    submit: boolean,
  ): Promise<CheckinDetail> {
    const detail = await this.checkin(personId, checkinId)
    const { person, checkin } = detail
    if (viewer.user.id !== person.id) throw new ForbiddenError('Only the person assesses themselves')
    if (checkin.status !== 'draft') throw new CheckinStageError('You have already submitted this check-in')
    const errors = selfProblems(detail, input, submit)
    if (Object.keys(errors).length) throw new ValidationError(errors)

    const at = this.clock().toISOString()
    return this.saving(personId, checkinId, () =>
      this.db.transaction().execute(async trx => {
        const moved = await this.repo.advance(
          trx,
          checkin.id,
          expectedVersion,
          ['draft'],
          submit ? { status: 'submitted', submittedAt: at, managerId: person.lineManagerId } : {},
        )
        if (!moved) await this.refuseStale(trx, checkin.id, ['draft'], 'You have already submitted this check-in')
        await this.repo.saveSelfRatings(
          trx,
          checkin.id,
          detail.skills.map(({ skill }) => ({
            skillSlug: skill.slug,
            level: input.ratings[skill.slug]?.level ?? null,
            evidence: input.ratings[skill.slug]?.evidence ?? '',
          })),
        )
        if (submit)
          await this.audit.record(trx, viewer.user, {
            action: 'checkin.submitted',
            subjectType: 'checkin',
            subjectId: checkin.id,
            summary: `Submitted a check-in to ${person.lineManagerName ?? 'their line manager'} for review`,
          })
      }),
    )
  }

  /**
   * After a refused update, inside the transaction: the stage has moved on, or someone saved a
   * newer version (reported outside the transaction by saving(), as other services cannot read
   * while a SQLite transaction holds the connection).
   */
  private async refuseStale(
    db: DbExecutor,
    checkinId: string,
    stages: readonly CheckinStatus[],
    movedOn: string,
  ): Promise<never> {
    const now = await this.repo.find(db, checkinId)
    if (!now) throw new NotFoundError('No such check-in')
    if (!stages.includes(now.status)) throw new CheckinStageError(movedOn)
    throw new StaleCheckin()
  }

  /** Runs a save; a stale version becomes a StaleVersionError<CheckinDetail>: the check-in as it is now. */
  private async saving(personId: string, checkinId: string, save: () => Promise<void>): Promise<CheckinDetail> {
    try {
      await save()
    } catch (err) {
      if (err instanceof StaleCheckin)
        throw new StaleVersionError(
          await this.checkin(personId, checkinId),
          'This check-in was changed since you opened it',
        )
      throw err
    }
    return this.checkin(personId, checkinId)
  }

  // ---- The line manager's part ---------------------------------------------------------------

  /** The line manager's own view: a level and a note for each skill. */
  async saveReview(
    viewer: Viewer,
    personId: string,
    checkinId: string,
    input: ReviewInput,
    expectedVersion: number,
  ): Promise<CheckinDetail> {
    const detail = await this.checkin(personId, checkinId)
    const { person, checkin } = detail
    if (!canReviewCheckin(viewer, person)) throw new ForbiddenError('Only the line manager reviews a check-in')
    const stages: CheckinStatus[] = ['submitted', 'reviewed']
    if (!stages.includes(checkin.status)) throw new CheckinStageError(this.stageMessage(checkin.status))
    const errors = reviewProblems(detail, input)
    if (Object.keys(errors).length) throw new ValidationError(errors)

    const at = this.clock().toISOString()
    return this.saving(personId, checkinId, () =>
      this.db.transaction().execute(async trx => {
        const moved = await this.repo.advance(trx, checkin.id, expectedVersion, stages, {
          status: 'reviewed',
          reviewedAt: at,
          managerId: viewer.user.id,
        })
        if (!moved) await this.refuseStale(trx, checkin.id, stages, 'This check-in has already been agreed')
        await this.repo.saveManagerRatings(
          trx,
          checkin.id,
          detail.skills.map(({ skill }) => ({
            skillSlug: skill.slug,
            level: input.ratings[skill.slug]?.level ?? 'awareness',
            note: input.ratings[skill.slug]?.note ?? '',
          })),
        )
        await this.audit.record(trx, viewer.user, {
          action: 'checkin.reviewed',
          subjectType: 'checkin',
          subjectId: checkin.id,
          summary: `Gave a line manager's view of ${person.name}'s check-in`,
        })
      }),
    )
  }

  /** Records the agreed level of each skill, with notes, and closes the check-in. */
  async agree(
    viewer: Viewer,
    personId: string,
    checkinId: string,
    input: AgreeInput,
    expectedVersion: number,
  ): Promise<CheckinDetail> {
    const detail = await this.checkin(personId, checkinId)
    const { person, checkin } = detail
    if (!canReviewCheckin(viewer, person)) throw new ForbiddenError('Only the line manager records agreed levels')
    if (checkin.status !== 'reviewed') throw new CheckinStageError(this.stageMessage(checkin.status))
    const errors = agreeProblems(detail, input)
    if (Object.keys(errors).length) throw new ValidationError(errors)

    const at = this.clock().toISOString()
    return this.saving(personId, checkinId, () =>
      this.db.transaction().execute(async trx => {
        const moved = await this.repo.advance(trx, checkin.id, expectedVersion, ['reviewed'], {
          status: 'agreed',
          agreedAt: at,
          agreedNote: input.note,
          managerId: viewer.user.id,
        })
        if (!moved) await this.refuseStale(trx, checkin.id, ['reviewed'], 'This check-in has already been agreed')
        await this.repo.saveAgreedRatings(
          trx,
          checkin.id,
          detail.skills.map(({ skill }) => ({
            skillSlug: skill.slug,
            level: input.ratings[skill.slug]?.level ?? 'awareness',
            note: input.ratings[skill.slug]?.note ?? '',
          })),
        )
        await this.audit.record(trx, viewer.user, {
          action: 'checkin.agreed',
          subjectType: 'checkin',
          subjectId: checkin.id,
          summary: `Recorded the agreed levels of ${person.name}'s check-in`,
        })
      }),
    )
  }

  private stageMessage(status: CheckinStatus): string {
    switch (status) {
      case 'draft':
        return 'This check-in has not been submitted yet'
      case 'submitted':
        return 'Give your own view of each skill before you record the agreed levels'
      case 'reviewed':
        return 'This check-in is waiting for the agreed levels'
      case 'agreed':
        return 'This check-in has already been agreed'
    }
  }

  // ---- A person's pathway ----------------------------------------------------------------------

  async pathway(viewer: Viewer, personId: string): Promise<PathwayView> {
    const person = await this.people.get(personId)
    if (!canSeePersonalRecord(viewer, person)) throw new ForbiddenError('Not allowed')
    if (!person.hasProfile || !person.careerRole) return { hasProfile: false, person }
    const self = viewer.user.id === person.id

    const [version, shape, lineage] = await Promise.all([
      this.framework.current(),
      this.framework.shape(),
      this.framework.lineage(),
    ])
    const doc = version.document
    const roleSlug = person.careerRole
    const next = nextRole(doc, shape, roleSlug)
    const inPathway = activeRoles(doc, shape).some(r => r.slug === roleSlug)

    const [agreedId, selfId, checkins, open, lastAgreed] = await Promise.all([
      this.repo.latestAgreedId(this.db, lineage, person.id),
      this.repo.latestSubmittedId(this.db, lineage, person.id),
      this.repo.listForPerson(this.db, person.id),
      this.repo.findOpen(this.db, person.id),
      this.repo.lastAgreedAt(this.db, [person.id]),
    ])
    const shown = self ? checkins : checkins.filter(c => c.status !== 'draft')
    const ratings = await this.repo.ratingsOf(this.db, [
      ...new Set([...shown.map(c => c.id), ...(agreedId ? [agreedId] : []), ...(selfId ? [selfId] : [])]),
    ])
    const agreed = new Map<string, Level>()
    for (const r of agreedId ? (ratings.get(agreedId) ?? []) : [])
      if (r.agreedLevel) agreed.set(r.skillSlug, r.agreedLevel)
    const selfLevels = new Map<string, Level>()
    for (const r of selfId ? (ratings.get(selfId) ?? []) : []) if (r.selfLevel) selfLevels.set(r.skillSlug, r.selfLevel)

    const currentSkills = roleSkills(doc, roleSlug)
    const nextSkills = next ? roleSkills(doc, next.slug) : []
    const inTable = new Set([...currentSkills, ...nextSkills].map(s => s.slug))
    const rows: PathwayRow[] = activeSkills(doc)
      .filter(s => inTable.has(s.slug))
      .map(s => ({
        skill: { slug: s.slug, name: s.name },
        self: selfLevels.get(s.slug) ?? null,
        agreed: agreed.get(s.slug) ?? null,
        expectedCurrent: expectedLevel(doc, roleSlug, s.slug),
        expectedNext: next ? expectedLevel(doc, next.slug, s.slug) : null,
      }))

    const roleName = roleNameIn(doc, roleSlug)
    const radar = (id: string, forRole: string, name: string, skills: VersionSkill[], title: string): RadarInput => ({
      id,
      title,
      axes: skills.map(s => s.name),
      series: [
        { key: 'self', label: 'Self-assessed', levels: skills.map(s => selfLevels.get(s.slug) ?? null) },
        { key: 'agreed', label: 'Agreed', levels: skills.map(s => agreed.get(s.slug) ?? null) },
        {
          key: 'expected',
          label: `Expected for ${name.toLowerCase()}`,
          levels: skills.map(s => expectedLevel(doc, forRole, s.slug)),
        },
      ],
    })
    const whose = self ? 'Your' : `${person.name}'s`
    const radars = [
      radar('radar-current', roleSlug, roleName, currentSkills, `${whose} levels against ${roleName.toLowerCase()}`),
      ...(next
        ? [radar('radar-next', next.slug, next.name, nextSkills, `${whose} levels against ${next.name.toLowerCase()}`)]
        : []),
    ]

    const target = next ?? { slug: roleSlug, name: roleName }
    const gaps = await this.gaps(person.id, doc, target.slug, next ? nextSkills : currentSkills, agreed)

    const versionsById = new Map<string, FrameworkVersion>([[version.id, version]])
    for (const id of new Set(shown.map(c => c.frameworkVersionId)))
      if (!versionsById.has(id)) versionsById.set(id, await this.framework.versionById(id))
    const history: HistoryRow[] = shown.map(c => {
      const d = (versionsById.get(c.frameworkVersionId) ?? version).document
      let met: HistoryRow['met'] = null
      if (c.status === 'agreed') {
        const list = (ratings.get(c.id) ?? []).filter(r => expectedLevel(d, c.roleSlug, r.skillSlug) !== null)
        met = {
          of: list.length,
          count: list.filter(r => levelValue(r.agreedLevel) >= levelValue(expectedLevel(d, c.roleSlug, r.skillSlug)))
            .length,
        }
      }
      return { checkin: c, date: c.agreedAt ?? c.submittedAt ?? c.createdAt, roleName: roleNameIn(d, c.roleSlug), met }
    })

    const lastAgreedAt = lastAgreed.get(person.id) ?? null
    return {
      hasProfile: true,
      person,
      version,
      role: { slug: roleSlug, name: roleName, inPathway },
      next: next ? { slug: next.slug, name: next.name } : null,
      rows,
      radars,
      gapsFor: target,
      gaps,
      history,
      open: open && (self || open.status !== 'draft') ? open : null,
      lastAgreedAt,
      overdue: isCheckinOverdue(lastAgreedAt, this.clock()),
      hasAgreed: agreed.size > 0,
      hasSelf: selfLevels.size > 0,
    }
  }

  /** Skills below what the role expects, biggest gap first, each with handbook suggestions. */
  private async gaps(
    personId: string,
    doc: VersionDocument,
    roleSlug: string,
    skills: VersionSkill[],
    agreed: Map<string, Level>,
  ): Promise<Gap[]> {
    const found: Omit<Gap, 'pages' | 'resources'>[] = []
    skills.forEach(s => {
      const expected = expectedLevel(doc, roleSlug, s.slug)
      if (!expected) return
      const size = levelValue(expected) - levelValue(agreed.get(s.slug))
      if (size > 0)
        found.push({ skill: { slug: s.slug, name: s.name }, agreed: agreed.get(s.slug) ?? null, expected, size })
    })
    found.sort((a, b) => b.size - a.size)
    if (found.length === 0) return []
    const pages = await this.handbook.pagesForSkills(found.map(g => g.skill.slug))
    return found.map(g => {
      const tagged = pages.filter(p => p.skill === g.skill.slug)
      const seen = new Set<string>()
      const resources: ResourceSuggestion[] = []
      for (const page of tagged)
        for (const r of page.resources) {
          if (resources.length >= SUGGESTIONS_PER_SKILL || seen.has(r.url) || !/^https?:\/\//.test(r.url)) continue
          seen.add(r.url)
          resources.push({
            kind: r.kind,
            title: r.title,
            author: r.author,
            format: r.format,
            length: r.length,
            url: r.url,
            planHref: planHref(personId, {
              skill: g.skill.slug,
              title: `${r.kind === 'training' ? 'Take' : 'Read'} ${r.title}`,
              sourceTitle: r.title,
              sourceUrl: r.url,
            }),
          })
        }
      return {
        ...g,
        pages: tagged.slice(0, SUGGESTIONS_PER_SKILL).map(p => ({
          title: p.title,
          summary: p.summary,
          href: `/handbook/${p.slug}`,
          planHref: planHref(personId, {
            skill: g.skill.slug,
            title: `Read ${p.title}`,
            sourceTitle: p.title,
            sourceUrl: `/handbook/${p.slug}`,
          }),
        })),
        resources,
      }
    })
  }

  // ---- What needs someone (the home page's task list) ------------------------------------------

  /**
   * The person's own check-in, for their task list: the one under way (if any), when their last
   * was agreed and whether they are overdue one. Two index look-ups.
   */
  async ownCheckinState(
    personId: string,
  ): Promise<{ open: Checkin | null; lastAgreedAt: string | null; overdue: boolean }> {
    const [open, last] = await Promise.all([this.repo.findOpen(this.db, personId), this.lastAgreedFor([personId])])
    const lastAgreedAt = last.get(personId) ?? null
    return { open, lastAgreedAt, overdue: isCheckinOverdue(lastAgreedAt, this.clock()) }
  }

  /** Check-ins of the manager's line reports waiting for them: submitted (to review) or reviewed (to agree). */
  waitingFor(managerId: string): Promise<WaitingCheckin[]> {
    return this.repo.waitingFor(this.db, managerId)
  }

  /** The manager's line reports overdue a check-in: never agreed first, then the longest ago. */
  overdueReports(managerId: string): Promise<OverduePerson[]> {
    return this.repo.overdueReports(this.db, managerId, overdueBefore(this.clock()))
  }

  // ---- A line manager's team -----------------------------------------------------------------

  /** The viewer's line reports, what waits for them, and who is overdue; null if nobody reports to them. */
  async team(viewer: Viewer): Promise<TeamView | null> {
    const managerId = viewer.user.id
    if ((await this.repo.countReports(this.db, managerId)) === 0) return null
    const now = this.clock()
    const [members, waiting, overdue, current] = await Promise.all([
      this.repo.team(this.db, managerId),
      this.repo.waitingFor(this.db, managerId),
      this.repo.overdueReports(this.db, managerId, overdueBefore(now)),
      this.framework.current(),
    ])
    const roleName = (slug: string) => roleNameIn(current.document, slug)
    const waitingIds = new Set(waiting.map(w => w.personId))
    const overdueIds = new Set(overdue.map(o => o.personId))
    return {
      members: members.map(m => ({
        ...m,
        roleName: roleName(m.careerRole),
        waiting: waitingIds.has(m.personId),
        overdue: overdueIds.has(m.personId),
      })),
      waiting,
      overdue: overdue.map(o => ({ ...o, roleName: roleName(o.careerRole) })),
    }
  }

  // ---- Evidence the person wrote, for their evidence pack (src/evidence) ----------------------

  /**
   * What the person wrote as evidence in their own check-ins once sent (submitted or later; never
   * a draft, which still changes, nor a carried-over copy), newest first: one entry per check-in
   * and skill with text. It asks no policy: the evidence capability shows it only to the person and
   * to whoever they share their pack with.
   */
  async writtenEvidence(personId: string): Promise<WrittenEvidence[]> {
    const checkins = (await this.repo.listForPerson(this.db, personId)).filter(
      c => c.kind === 'check-in' && c.status !== 'draft',
    )
    const ratings = await this.repo.ratingsOf(
      this.db,
      checkins.map(c => c.id),
    )
    return checkins.flatMap(c =>
      (ratings.get(c.id) ?? [])
        .filter(r => r.selfEvidence.trim() !== '')
        .map(r => ({
          checkinId: c.id,
          writtenAt: c.submittedAt ?? c.createdAt,
          skillSlug: r.skillSlug,
          text: r.selfEvidence,
        })),
    )
  }
}

export const levelName = (level: Level | null | undefined): string => (level ? LEVEL_NAMES[level] : 'None')
