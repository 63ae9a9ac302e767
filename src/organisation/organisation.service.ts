// The organisation's settings: name, logo text, brand colour, pathway shape, phase banner and
// whether the handbook is public. Read on every page, so kept for a moment in memory; another
// instance sees a change within CACHE_MS.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { StaleVersionError } from '../platform/errors.ts'
import type { OrganisationRepository } from './organisation.repository.ts'
import type { Organisation, OrganisationChanges } from './organisation.types.ts'

const CACHE_MS = 2000

export class OrganisationService {
  private cached: { value: Organisation | null; at: number } | null = null

  constructor(
    private readonly db: DbExecutor,
    private readonly repo: OrganisationRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<Organisation | null> {
    const remembered = this.remembered()
    if (remembered) return remembered
    const now = Date.now()
    const value = await this.repo.get(this.db)
    this.cached = { value, at: now }
    return value
  }

  /** The settings kept in memory, while they are still good; undefined otherwise (no query). */
  remembered(): Organisation | undefined {
    const cached = this.cached
    return cached && cached.value && Date.now() - cached.at < CACHE_MS ? cached.value : undefined
  }

  /** Creates the organisation during first-run set-up, inside the set-up transaction. */
  async create(trx: DbExecutor, actor: Actor, org: OrganisationChanges): Promise<void> {
    await this.repo.insert(trx, org, this.clock().toISOString(), actor.id)
    await this.audit.record(trx, actor, {
      action: 'organisation.created',
      subjectType: 'organisation',
      summary: `Set up ${org.name}`,
    })
    this.cached = null
  }

  /** Saves the settings if nobody saved since expectedVersion, or throws StaleVersionError<Organisation> with theirs. */
  async update(actor: Actor, changes: OrganisationChanges, expectedVersion: number): Promise<Organisation> {
    await this.db.transaction().execute(async trx => {
      const before = await this.repo.get(trx)
      const saved = await this.repo.update(trx, changes, expectedVersion, this.clock().toISOString(), actor.id)
      if (!saved) {
        const latest = await this.repo.get(trx)
        if (!latest) throw new Error('The organisation disappeared while being saved')
        throw new StaleVersionError(latest, 'The settings were changed by someone else')
      }
      const changed = before ? describeChanges(before, changes) : 'settings'
      await this.audit.record(trx, actor, {
        action: 'organisation.updated',
        subjectType: 'organisation',
        summary: `Changed ${changed}`,
      })
    })
    this.cached = null
    const org = await this.get()
    if (!org) throw new Error('The organisation disappeared while being saved')
    return org
  }
}

const LABELS: Record<keyof OrganisationChanges, string> = {
  name: 'organisation name',
  logoText: 'logo text',
  brandColour: 'brand colour',
  pathwayShape: 'pathway shape',
  phase: 'phase banner',
  feedbackUrl: 'feedback link',
  publicHandbook: 'public handbook',
}

function describeChanges(before: Organisation, after: OrganisationChanges): string {
  const changed = (Object.keys(LABELS) as (keyof OrganisationChanges)[])
    .filter(k => before[k] !== after[k])
    .map(k => LABELS[k])
  return changed.length ? changed.join(', ') : 'nothing (saved without changes)'
}
