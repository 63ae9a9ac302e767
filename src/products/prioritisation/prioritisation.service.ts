// Prioritisation: options a team is choosing between, scored four ways, the criteria the team sets
// for weighted scoring, and the balance of the four classes of backlog work per quarter. Routes
// decide who may (products.policy.ts); this service keeps the rules of the records, saves shared
// records against the version their form opened at, and records every change in the audit log.
import type { AuditService } from '../../audit/audit.service.ts'
import { isUniqueViolation } from '../../db/dialect.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { ukToday } from '../../platform/dates.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { Product } from '../products.types.ts'
import type { PrioritisationRepository } from './prioritisation.repository.ts'
import {
  METHOD_LABELS,
  quarterLabel,
  quarterOf,
  type BacklogQuarter,
  type ClassCounts,
  type CriteriaSet,
  type Criterion,
  type OptionDetails,
  type PriorityOption,
  type Scoring,
} from './prioritisation.types.ts'

/** A quarter's balance as its form shows it: the record, or an empty one (version 0) not saved yet. */
export interface QuarterRecord {
  quarter: string
  record: BacklogQuarter | null
  version: number
}

/** Everything the prioritisation pages and the strategy summary read, in one go. */
export interface PrioritisationBoard {
  options: PriorityOption[]
  criteria: CriteriaSet
  quarters: BacklogQuarter[]
}

type Subject = Pick<Product, 'id' | 'name'>

export class PrioritisationService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: PrioritisationRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The quarter today falls in, by the UK calendar. */
  currentQuarter(): string {
    return quarterOf(ukToday(this.clock))
  }

  async board(productId: string): Promise<PrioritisationBoard> {
    const [options, criteria, quarters] = await Promise.all([
      this.repo.options(this.db, productId),
      this.repo.criteria(this.db, productId),
      this.repo.quarters(this.db, productId),
    ])
    return { options, criteria, quarters }
  }

  options(productId: string): Promise<PriorityOption[]> {
    return this.repo.options(this.db, productId)
  }

  async option(productId: string, id: string): Promise<PriorityOption> {
    const option = await this.repo.findOption(this.db, productId, id)
    if (!option) throw new NotFoundError('No such option')
    return option
  }

  /** Titles of options by id (for decisions that name one); ids not found are left out. */
  optionTitles(ids: readonly string[]): Promise<Map<string, string>> {
    return this.repo.optionTitles(this.db, ids)
  }

  criteria(productId: string): Promise<CriteriaSet> {
    return this.repo.criteria(this.db, productId)
  }

  private async stale(db: DbExecutor, productId: string, id: string): Promise<StaleVersionError<PriorityOption>> {
    const latest = await this.repo.findOption(db, productId, id)
    if (!latest) throw new NotFoundError('No such option')
    return new StaleVersionError(latest, 'Someone else changed this option')
  }

  async addOption(actor: Actor, product: Subject, details: OptionDetails): Promise<string> {
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.insertOption(trx, { id, productId: product.id, ...details, at, byName: actor.name })
      await this.audit.record(trx, actor, {
        action: 'product.option-added',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Added an option to prioritise for ${product.name}`,
      })
    })
    return id
  }

  /** Changes an option's title and description, or throws StaleVersionError<PriorityOption>. */
  async changeOption(
    actor: Actor,
    product: Subject,
    option: PriorityOption,
    details: OptionDetails,
    expectedVersion: number,
  ): Promise<void> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const saved = await this.repo.updateOption(trx, option.id, expectedVersion, {
        ...details,
        updatedAt: at,
        updatedByName: actor.name,
      })
      if (!saved) throw await this.stale(trx, product.id, option.id)
      await this.audit.record(trx, actor, {
        action: 'product.option-changed',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Changed an option to prioritise for ${product.name}`,
      })
    })
  }

  /** Saves one way of scoring an option, or throws StaleVersionError<PriorityOption>. */
  async score(
    actor: Actor,
    product: Subject,
    option: PriorityOption,
    scoring: Scoring,
    expectedVersion: number,
  ): Promise<void> {
    const at = this.clock().toISOString()
    const by = { updatedAt: at, updatedByName: actor.name }
    await this.db.transaction().execute(async trx => {
      if (scoring.method === 'weighted') {
        const { criteria } = await this.repo.criteria(trx, product.id)
        const known = new Set(criteria.map(c => c.id))
        const problems: Record<string, string> = {}
        for (const c of criteria)
          if (scoring.scores[c.id] === undefined) problems[`score-${c.id}`] = `Choose a score for ${c.name}`
        if (Object.keys(scoring.scores).some(id => !known.has(id)))
          problems.form = 'The criteria have changed since the form was opened: score the option again'
        if (Object.keys(problems).length > 0) throw new ValidationError(problems)
      }
      const changes =
        scoring.method === 'impact-effort'
          ? { impact: scoring.impact, effort: scoring.effort, ...by }
          : scoring.method === 'moscow'
            ? { moscow: scoring.moscow, ...by }
            : scoring.method === 'rice'
              ? { rice: scoring.rice, ...by }
              : by
      const saved = await this.repo.updateOption(trx, option.id, expectedVersion, changes)
      if (!saved) throw await this.stale(trx, product.id, option.id)
      if (scoring.method === 'weighted') await this.repo.setScores(trx, option.id, scoring.scores)
      await this.audit.record(trx, actor, {
        action: 'product.option-scored',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Scored an option for ${product.name} (${METHOD_LABELS[scoring.method]})`,
      })
    })
  }

  async removeOption(actor: Actor, product: Subject, option: PriorityOption): Promise<void> {
    await this.db.transaction().execute(async trx => {
      await this.repo.deleteOption(trx, option.id)
      await this.audit.record(trx, actor, {
        action: 'product.option-removed',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Removed an option to prioritise from ${product.name}`,
      })
    })
  }

  /**
   * Replaces the weighted-scoring criteria if nobody saved them since expectedVersion (0: never
   * set), or throws StaleVersionError<CriteriaSet>. Criteria without an id are new.
   */
  async saveCriteria(
    actor: Actor,
    product: Subject,
    criteria: readonly (Omit<Criterion, 'id'> & { id: string | null })[],
    expectedVersion: number,
  ): Promise<void> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const current = await this.repo.criteria(trx, product.id)
      const known = new Set(current.criteria.map(c => c.id))
      const saved =
        expectedVersion === 0
          ? await this.repo.insertBoard(trx, product.id, at, actor.name)
          : await this.repo.bumpBoard(trx, product.id, expectedVersion, at, actor.name)
      if (!saved) throw new StaleVersionError(current, 'Someone else changed the criteria')
      // An id the form sent that is no longer one of the thing's criteria starts a new criterion.
      const rows = criteria.map(c => ({
        id: c.id && known.has(c.id) ? c.id : newId(),
        name: c.name,
        weight: c.weight,
      }))
      await this.repo.replaceCriteria(trx, product.id, rows)
      await this.audit.record(trx, actor, {
        action: 'product.criteria-saved',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Set ${rows.length} weighted-scoring criteria for ${product.name}`,
      })
    })
  }

  // ---- The backlog's balance ----

  quarters(productId: string): Promise<BacklogQuarter[]> {
    return this.repo.quarters(this.db, productId)
  }

  async quarter(productId: string, quarter: string): Promise<QuarterRecord> {
    const record = (await this.repo.findQuarter(this.db, productId, quarter)) ?? null
    return { quarter, record, version: record?.version ?? 0 }
  }

  /**
   * Saves the work planned and done in a quarter if nobody saved it since expectedVersion (0: not
   * recorded yet), or throws StaleVersionError<QuarterRecord>.
   */
  async saveQuarter(
    actor: Actor,
    product: Subject,
    quarter: string,
    input: { counts: ClassCounts; note: string },
    expectedVersion: number,
  ): Promise<void> {
    const at = this.clock().toISOString()
    const staleQuarter = async (db: DbExecutor) => {
      const record = (await this.repo.findQuarter(db, product.id, quarter)) ?? null
      return new StaleVersionError<QuarterRecord>(
        { quarter, record, version: record?.version ?? 0 },
        'Someone else changed this quarter',
      )
    }
    try {
      await this.db.transaction().execute(async trx => {
        const existing = await this.repo.findQuarter(trx, product.id, quarter)
        if (expectedVersion === 0) {
          if (existing) throw await staleQuarter(trx)
          await this.repo.insertQuarter(trx, {
            id: newId(),
            productId: product.id,
            quarter,
            ...input,
            at,
            byName: actor.name,
          })
        } else {
          const saved =
            existing &&
            (await this.repo.updateQuarter(trx, existing.id, expectedVersion, { ...input, at, byName: actor.name }))
          if (!saved) throw await staleQuarter(trx)
        }
        await this.audit.record(trx, actor, {
          action: 'product.backlog-balance-saved',
          subjectType: 'product',
          subjectId: product.id,
          summary: `Recorded the backlog work of ${quarterLabel(quarter)} for ${product.name}`,
        })
      })
    } catch (err) {
      // Two people recording a new quarter at once: the second insert breaks the unique key.
      if (isUniqueViolation(err)) throw await staleQuarter(this.db)
      throw err
    }
  }
}
