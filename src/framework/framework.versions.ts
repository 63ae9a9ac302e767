// The framework's versions as the rest of Valuekit reads them: the current version (seeded on
// first use), any older one, the organisation's pathway shape and the terms (roles and skills)
// taken from them. This is the lower half of the framework capability: it needs only its own
// repository, the organisation and the audit log, so people, the handbook, the pathway and
// development can all be built on it. The upper half, FrameworkService (proposals and
// migrations), needs people and the pathway in turn; splitting the two is what keeps the service
// graph free of construction cycles.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { OrganisationService } from '../organisation/organisation.service.ts'
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { NotFoundError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import type { Shape } from './framework.bundled.ts'
import type { FrameworkRepository } from './framework.repository.ts'
import { bundledDocument, type SeedChoice } from './framework.document.ts'
import { termsOf, type FrameworkTerms, type TermsSource } from './framework.terms.ts'
import type { FrameworkVersion, VersionSkill, VersionSummary } from './framework.types.ts'

export class FrameworkVersions implements TermsSource {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: FrameworkRepository,
    private readonly organisation: Pick<OrganisationService, 'get'>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The current version. An installation set up before the framework existed gets the bundled
   * 2025 framework as version 1 the first time anyone asks.
   */
  async current(): Promise<FrameworkVersion> {
    const found = await this.repo.findCurrent(this.db)
    if (found) return found
    if (!(await this.organisation.get())) throw new NotFoundError('Valuekit is not set up yet')
    try {
      await this.db.transaction().execute(trx => this.seed(trx, SYSTEM_ACTOR, { base: '2025', leadership: false }))
    } catch (err) {
      // Someone else seeded it at the same moment: theirs will do.
      if (!isUniqueViolation(err)) throw err
    }
    const seeded = await this.repo.findCurrent(this.db)
    if (!seeded) throw new Error('The framework could not be set up')
    return seeded
  }

  /**
   * Stores version 1 from a bundled framework, inside the caller's transaction (first-run set-up).
   * Does nothing if the installation already has a framework.
   */
  async seed(trx: DbExecutor, actor: Actor, choice: SeedChoice): Promise<void> {
    if ((await this.repo.count(trx)) > 0) return
    const document = bundledDocument(choice)
    const note = `Started from the ${choice.base} framework${choice.leadership ? ' with the leadership capabilities' : ''}`
    await this.repo.insertVersion(trx, {
      id: newId(),
      number: 1,
      name: document.name,
      status: 'current',
      note,
      createdAt: this.clock().toISOString(),
      createdBy: actor.id,
      createdByName: actor.name,
      approvedByName: null,
      document,
    })
    await this.audit.record(trx, actor, {
      action: 'framework.seeded',
      subjectType: 'framework',
      summary: `${note} as version 1`,
    })
  }

  private termsCache: { key: string; terms: FrameworkTerms } | null = null

  /**
   * The current version's roles and skills, as people, the handbook and the pathway use them.
   * Worked out once per version and pathway shape.
   */
  async terms(): Promise<FrameworkTerms> {
    const current = await this.current()
    const shape = await this.shape()
    const key = `${current.id}:${shape}`
    if (this.termsCache?.key !== key) this.termsCache = { key, terms: termsOf(current.number, current.document, shape) }
    return this.termsCache.terms
  }

  /** The pathway shape the organisation uses, which decides the roles shown. */
  async shape(): Promise<Shape> {
    return (await this.organisation.get())?.pathwayShape ?? 'enterprise'
  }

  versions(): Promise<VersionSummary[]> {
    return this.repo.listVersions(this.db)
  }

  async version(number: number): Promise<FrameworkVersion> {
    const found = await this.repo.findByNumber(this.db, number)
    if (!found) throw new NotFoundError('No such framework version')
    return found
  }

  /** The version a check-in was made against. */
  async versionById(id: string): Promise<FrameworkVersion> {
    const found = await this.repo.findById(this.db, id)
    if (!found) throw new NotFoundError('No such framework version')
    return found
  }

  private lineageCache: { currentId: string; ids: readonly string[] } | null = null

  /**
   * The current version and every earlier one in which its skills mean what they mean now: the
   * versions made from the same framework by approved proposals (a move to another bundled
   * framework starts a new line). A person's agreed levels are read from their latest agreed
   * check-in against any of them, skill by skill, so approving a change never hides a level.
   */
  async lineage(): Promise<readonly string[]> {
    const current = await this.current()
    if (this.lineageCache?.currentId === current.id) return this.lineageCache.ids
    const ids = [current.id]
    for (const summary of await this.repo.listVersions(this.db)) {
      if (summary.id === current.id) continue
      const version = await this.repo.findById(this.db, summary.id)
      if (version?.document.key === current.document.key) ids.push(version.id)
    }
    this.lineageCache = { currentId: current.id, ids }
    return ids
  }

  /**
   * The skills that matter to someone in a role: those the role expects, and those the next role
   * in the organisation's pathway expects (what they grow towards). Null when the role is not in
   * the current framework or expects nothing, when every skill is open to them.
   */
  async skillsForRole(roleSlug: string): Promise<ReadonlySet<string> | null> {
    const [current, shape] = await Promise.all([this.current(), this.shape()])
    const doc = current.document
    const roles = doc.roles.filter(r => !r.retired && r.shapes.includes(shape))
    const index = roles.findIndex(r => r.slug === roleSlug)
    const next = index >= 0 ? roles[index + 1] : undefined
    const slugs = new Set<string>()
    for (const role of [roleSlug, ...(next ? [next.slug] : [])])
      for (const [skill, level] of Object.entries(doc.expectations[role] ?? {})) if (level) slugs.add(skill)
    return slugs.size ? slugs : null
  }

  /** Every skill of the current version, retired ones too (what development goals link to). */
  async currentSkills(): Promise<readonly VersionSkill[]> {
    return (await this.current()).document.skills
  }
}
