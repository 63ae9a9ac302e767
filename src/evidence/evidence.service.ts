// Evidence packs for promotion. A person makes one pack for each role they are going for (usually
// the next one up): for each skill that role expects, the expected level, their agreed level from
// their latest agreed check-in (through the pathway), the gap, the check-in evidence they pick and
// one example in the STAR shape. They share it read-only with named people and can stop sharing.
//
// Packs are personal data: what is written never goes into the audit log or the logs; sharing and
// unsharing are audited by who and with whom only.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import { LEVELS, type Level } from '../framework/framework.bundled.ts'
import { activeRoles, expectedLevel } from '../framework/framework.document.ts'
import type { FrameworkVersion, VersionSkill } from '../framework/framework.types.ts'
import type { FrameworkVersions } from '../framework/framework.versions.ts'
import type { PathwayService, WrittenEvidence } from '../pathway/pathway.service.ts'
import { nextRole, roleNameIn, roleSkills } from '../pathway/pathway.service.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Person } from '../people/people.types.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Clock } from '../platform/clock.ts'
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import { canEditPack, canMakePack } from './evidence.policy.ts'
import type { EvidenceRepository } from './evidence.repository.ts'
import type { Pack, PackSkill, Share, SharedPack, SkillInput, StarExample } from './evidence.types.ts'

export type { Pack, PackSkill, Share, SharedPack, SkillInput, WrittenEvidence }

/** The most each part of a STAR example may hold. */
export const STAR_MAX = 1200

export const STAR_PARTS = [
  { name: 'situation', label: 'Situation', hint: 'Where were you, and what was going on?' },
  { name: 'task', label: 'Task', hint: 'What did you need to achieve, and why did it fall to you?' },
  { name: 'action', label: 'Action', hint: 'What did you do yourself? Say “I”, not “we”.' },
  { name: 'result', label: 'Result', hint: 'What changed because of it? Give numbers or feedback if you have them.' },
] as const

export type StarPart = (typeof STAR_PARTS)[number]['name']

/** The most STAR examples one skill holds: the first, and up to four more. */
export const MAX_EXAMPLES = 5

/** An example slot left empty on the form. */
export const blankExample = (e: StarExample): boolean => STAR_PARTS.every(p => e[p.name] === '')

/** The form's name of a part of an example: 'situation' for the first, 'situation-2' for the second. */
export const starFieldName = (part: StarPart, slot: number): string => (slot === 1 ? part : `${part}-${slot}`)

export interface RoleChoice {
  slug: string
  name: string
}

/** One skill of a pack as it is read: what the role expects, where the person is, what they chose. */
export interface PackSkillView {
  skill: { slug: string; name: string; gist: string }
  expected: Level | null
  agreed: Level | null
  /** How many levels the agreed level is below the expected one (0 when it meets it); null when either is missing. */
  gap: number | null
  /** What was saved for the skill; null before the first save. */
  saved: PackSkill | null
  /** The check-in evidence they picked, newest first (evidence no longer found is left out). */
  picked: WrittenEvidence[]
}

export interface PackView {
  pack: Pack
  owner: Pick<Person, 'id' | 'name'>
  roleName: string
  /** The role is still in the current framework (otherwise no skills can be listed). */
  roleCurrent: boolean
  frameworkVersion: number
  /** The person has an agreed check-in to take levels from. */
  hasAgreed: boolean
  skills: PackSkillView[]
}

/** Every problem with a skill's form at once: each STAR part within its limit, picks from what was offered. */
export function skillProblems(input: SkillInput, offered: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {}
  const known = new Set(offered)
  if (input.picked.some(id => !known.has(id))) errors.picked = 'Choose evidence from your own check-ins'
  // An example is all four parts or none: half a story is no evidence.
  const examples: StarExample[] = [input, ...(input.more ?? []).slice(0, MAX_EXAMPLES - 1)]
  examples.forEach((example, i) => {
    const slot = i + 1
    const which = slot === 1 ? 'your example' : `example ${slot}`
    const started = !blankExample(example)
    for (const part of STAR_PARTS) {
      const field = starFieldName(part.name, slot)
      if (started && example[part.name] === '') errors[field] = `Enter the ${part.label.toLowerCase()} of ${which}`
      else if (example[part.name].length > STAR_MAX)
        errors[field] =
          `${part.label}${slot === 1 ? '' : ` of example ${slot}`} must be ${STAR_MAX.toLocaleString('en-GB')} characters or fewer`
    }
  })
  return errors
}

/** How far below the expected level the agreed one is: 0 when it meets or goes beyond it. */
export function levelGap(expected: Level | null, agreed: Level | null): number | null {
  if (!expected || !agreed) return null
  return Math.max(0, LEVELS.indexOf(expected) - LEVELS.indexOf(agreed))
}

const actorOf = (viewer: Viewer): Actor => ({ id: viewer.user.id, name: viewer.user.name })

export class EvidenceService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: EvidenceRepository,
    private readonly framework: Pick<FrameworkVersions, 'current' | 'shape'>,
    private readonly pathway: Pick<PathwayService, 'currentLevels' | 'writtenEvidence'>,
    private readonly people: Pick<PeopleService, 'get' | 'findByEmail'>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---- Which role ----------------------------------------------------------------------------

  /** The roles of the organisation's pathway a pack can be for, and the one after the viewer's own. */
  async roleChoices(viewer: Viewer): Promise<{ roles: RoleChoice[]; suggested: string | null }> {
    const [current, shape] = await Promise.all([this.framework.current(), this.framework.shape()])
    const roles = activeRoles(current.document, shape).map(r => ({ slug: r.slug, name: r.name }))
    const next = viewer.careerRole ? nextRole(current.document, shape, viewer.careerRole) : null
    return { roles, suggested: next?.slug ?? null }
  }

  /** Starts a pack for the role, or gives the one the viewer already has for it. */
  async create(viewer: Viewer, roleSlug: string): Promise<{ pack: Pack; created: boolean }> {
    if (!canMakePack(viewer)) throw new ForbiddenError('Only people in the profession make evidence packs')
    const { roles } = await this.roleChoices(viewer)
    if (!roles.some(r => r.slug === roleSlug)) throw new ValidationError({ role: 'Select the role you are going for' })
    const existing = await this.repo.findFor(this.db, viewer.user.id, roleSlug)
    if (existing) return { pack: existing, created: false }
    const at = this.clock().toISOString()
    const pack: Pack = { id: newId(), personId: viewer.user.id, roleSlug, createdAt: at, updatedAt: at }
    try {
      await this.repo.insertPack(this.db, pack)
    } catch (err) {
      // Made in another tab a moment ago: that one is the pack.
      const made = isUniqueViolation(err) ? await this.repo.findFor(this.db, viewer.user.id, roleSlug) : null
      if (made) return { pack: made, created: false }
      throw err
    }
    return { pack, created: true }
  }

  // ---- Reading -------------------------------------------------------------------------------

  /** The viewer's own packs and the packs shared with them, each with its role's name. */
  async list(
    viewer: Viewer,
  ): Promise<{ own: (Pack & { roleName: string })[]; shared: (SharedPack & { roleName: string })[] }> {
    const [own, shared, current] = await Promise.all([
      this.repo.listFor(this.db, viewer.user.id),
      this.repo.sharedWith(this.db, viewer.user.id),
      this.framework.current(),
    ])
    const named = <P extends Pack>(p: P) => ({ ...p, roleName: roleNameIn(current.document, p.roleSlug) })
    return { own: own.map(named), shared: shared.map(named) }
  }

  /** A pack and whether it is shared with this person: what its policy needs. Nothing personal yet. */
  async find(packId: string, viewerId: string): Promise<{ pack: Pack; sharedWithViewer: boolean }> {
    const pack = await this.repo.find(this.db, packId)
    if (!pack) throw new NotFoundError('No such evidence pack')
    const sharedWithViewer = pack.personId !== viewerId && (await this.repo.isSharedWith(this.db, pack.id, viewerId))
    return { pack, sharedWithViewer }
  }

  /** The whole pack as it is read: call only once the policy allows the viewer to read it. */
  async view(pack: Pack): Promise<PackView> {
    const [owner, current, levels, written, saved] = await Promise.all([
      this.people.get(pack.personId),
      this.framework.current(),
      this.pathway.currentLevels(pack.personId),
      this.pathway.writtenEvidence(pack.personId),
      this.repo.skills(this.db, pack.id),
    ])
    const role = current.document.roles.find(r => r.slug === pack.roleSlug && !r.retired)
    const savedBySkill = new Map(saved.map(s => [s.skillSlug, s]))
    const skills = role ? roleSkills(current.document, role.slug) : []
    return {
      pack,
      owner: { id: owner.id, name: owner.name },
      roleName: roleNameIn(current.document, pack.roleSlug),
      roleCurrent: role !== undefined,
      frameworkVersion: current.number,
      hasAgreed: levels.size > 0,
      skills: skills.map(skill =>
        this.skillView(
          current,
          pack,
          skill,
          levels.get(skill.slug) ?? null,
          savedBySkill.get(skill.slug) ?? null,
          written,
        ),
      ),
    }
  }

  private skillView(
    current: FrameworkVersion,
    pack: Pack,
    skill: VersionSkill,
    agreed: Level | null,
    saved: PackSkill | null,
    written: readonly WrittenEvidence[],
  ): PackSkillView {
    const expected = expectedLevel(current.document, pack.roleSlug, skill.slug)
    const pickedIds = new Set(saved?.picked ?? [])
    return {
      skill: { slug: skill.slug, name: skill.name, gist: skill.gist },
      expected,
      agreed,
      gap: levelGap(expected, agreed),
      saved,
      picked: written.filter(w => w.skillSlug === skill.slug && pickedIds.has(w.checkinId)),
    }
  }

  /** One skill of the pack with the check-in evidence the person can pick from; 404 for a skill the role does not expect. */
  async skillForm(
    pack: Pack,
    skillSlug: string,
  ): Promise<{ view: PackView; skill: PackSkillView; offered: WrittenEvidence[] }> {
    const view = await this.view(pack)
    const skill = view.skills.find(s => s.skill.slug === skillSlug)
    if (!skill) throw new NotFoundError('That skill is not part of this pack')
    const offered = (await this.pathway.writtenEvidence(pack.personId)).filter(w => w.skillSlug === skillSlug)
    return { view, skill, offered }
  }

  // ---- Changing ------------------------------------------------------------------------------

  /**
   * Saves what the person picked and wrote for one skill, if nobody saved it since the form was
   * opened at expectedVersion (0: never saved). Throws ValidationError with every problem at once,
   * or StaleVersionError<PackSkillView> with the skill as it is now.
   */
  async saveSkill(
    viewer: Viewer,
    pack: Pack,
    skillSlug: string,
    input: SkillInput,
    expectedVersion: number,
  ): Promise<PackSkill> {
    if (!canEditPack(viewer, pack)) throw new ForbiddenError('Only the person changes their evidence pack')
    const { skill, offered } = await this.skillForm(pack, skillSlug)
    const errors = skillProblems(
      input,
      offered.map(o => o.checkinId),
    )
    if (Object.keys(errors).length) throw new ValidationError(errors)
    // Empty slots are left out; the rest keep their order.
    input = { ...input, more: (input.more ?? []).filter(e => !blankExample(e)).slice(0, MAX_EXAMPLES - 1) }
    const at = this.clock().toISOString()
    const stale = async () => {
      const latest = (await this.skillForm(pack, skillSlug)).skill
      return new StaleVersionError(latest, 'This part of the pack was changed since you opened it')
    }
    let saved: PackSkill | undefined
    try {
      saved = await this.db.transaction().execute(async trx => {
        let row: PackSkill | undefined
        if (expectedVersion === 0) {
          const id = newId()
          await this.repo.insertSkill(trx, { id, packId: pack.id, skillSlug, at }, input)
          row = (await this.repo.skill(trx, pack.id, skillSlug)) ?? undefined
        } else if (skill.saved) {
          row = await this.repo.updateSkill(trx, skill.saved.id, expectedVersion, input, at)
        }
        if (row) await this.repo.touchPack(trx, pack.id, at)
        return row
      })
    } catch (err) {
      if (isUniqueViolation(err)) throw await stale()
      throw err
    }
    if (!saved) throw await stale()
    return saved
  }

  /**
   * Deletes the pack, the evidence chosen and written in it, and whom it was shared with, at once.
   * The audit log says a pack was deleted, never for which role or what it held.
   */
  async remove(viewer: Viewer, pack: Pack): Promise<void> {
    if (!canEditPack(viewer, pack)) throw new ForbiddenError('Only the person deletes their evidence pack')
    await this.db.transaction().execute(async trx => {
      if (await this.repo.deletePack(trx, pack.id))
        await this.audit.record(trx, actorOf(viewer), {
          action: 'evidence.deleted',
          subjectType: 'evidence-pack',
          subjectId: pack.id,
          summary: 'Deleted an evidence pack',
        })
    })
  }

  /** Who the pack is shared with: for its person only. */
  async shares(viewer: Viewer, pack: Pack): Promise<Share[]> {
    if (!canEditPack(viewer, pack)) throw new ForbiddenError('Only the person sees who reads their evidence pack')
    return this.repo.shares(this.db, pack.id)
  }

  /** Shares the pack, read-only, with the person with this email address. */
  async share(viewer: Viewer, pack: Pack, email: string): Promise<{ person: Person; added: boolean }> {
    if (!canEditPack(viewer, pack)) throw new ForbiddenError('Only the person shares their evidence pack')
    const address = email.trim()
    if (address === '') throw new ValidationError({ email: 'Enter the email address of the person to share it with' })
    const person = await this.people.findByEmail(address)
    if (!person || person.accountStatus === 'disabled')
      throw new ValidationError({ email: 'There is nobody with that email address in Valuekit' })
    if (person.id === pack.personId)
      throw new ValidationError({ email: 'This is your own evidence pack: enter someone else’s email address' })
    const at = this.clock().toISOString()
    const added = await this.db.transaction().execute(async trx => {
      const added = await this.repo.addShare(trx, pack.id, person.id, at)
      if (added)
        await this.audit.record(trx, actorOf(viewer), {
          action: 'evidence.shared',
          subjectType: 'evidence-pack',
          subjectId: pack.id,
          summary: `Shared an evidence pack with ${person.name}`,
        })
      return added
    })
    return { person, added }
  }

  /** Stops sharing the pack with the person. */
  async unshare(viewer: Viewer, pack: Pack, personId: string): Promise<{ name: string } | null> {
    if (!canEditPack(viewer, pack)) throw new ForbiddenError('Only the person shares their evidence pack')
    const share = (await this.repo.shares(this.db, pack.id)).find(s => s.personId === personId)
    if (!share) return null
    await this.db.transaction().execute(async trx => {
      if (await this.repo.removeShare(trx, pack.id, personId))
        await this.audit.record(trx, actorOf(viewer), {
          action: 'evidence.unshared',
          subjectType: 'evidence-pack',
          subjectId: pack.id,
          summary: `Stopped sharing an evidence pack with ${share.name}`,
        })
    })
    return { name: share.name }
  }
}
