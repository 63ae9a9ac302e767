// Decisions: proposals and what was decided about them, with why. A reasoned "no" is recorded like
// any other outcome, and a decision can be revisited later: the revisit is a new decision that
// names the earlier one and says what has changed, so both show the link. Routes decide who may
// (products.policy.ts); this service keeps the rules and records every change in the audit log.
import type { AuditService } from '../../audit/audit.service.ts'
import { isUniqueViolation } from '../../db/dialect.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { ukToday } from '../../platform/dates.ts'
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { PrioritisationService } from '../prioritisation/prioritisation.service.ts'
import type { Product } from '../products.types.ts'
import type { DecisionsRepository } from './decisions.repository.ts'
import { OUTCOME_LABELS, type Decision, type DecisionInput, type RevisitInput } from './decisions.types.ts'

type Subject = Pick<Product, 'id' | 'name'>

/** A decision with the ones before and after it in its chain of revisits, oldest first. */
export interface DecisionChain {
  decision: Decision
  earlier: Decision[]
  later: Decision[]
}

export class DecisionsService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: DecisionsRepository,
    private readonly prioritisation: PrioritisationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return ukToday(this.clock)
  }

  private async withOptionTitles(decisions: Decision[]): Promise<Decision[]> {
    const ids = [...new Set(decisions.map(d => d.optionId).filter((id): id is string => id !== null))]
    const titles = await this.prioritisation.optionTitles(ids)
    return decisions.map(d => ({ ...d, optionTitle: d.optionId ? (titles.get(d.optionId) ?? null) : null }))
  }

  /** A thing's decisions, latest first. */
  async list(productId: string): Promise<Decision[]> {
    return this.withOptionTitles(await this.repo.list(this.db, productId))
  }

  async get(productId: string, id: string): Promise<Decision> {
    const decision = await this.repo.find(this.db, productId, id)
    if (!decision) throw new NotFoundError('No such decision')
    const [withTitle] = await this.withOptionTitles([decision])
    return withTitle ?? decision
  }

  /** Decisions of a thing by id, for another part of its strategy (a review); unknown ids are left out. */
  async some(productId: string, ids: readonly string[]): Promise<Decision[]> {
    const wanted = new Set(ids)
    return (await this.list(productId)).filter(d => wanted.has(d.id))
  }

  /** A decision with every decision it revisits and every one that revisits it, in order. */
  async chain(productId: string, id: string): Promise<DecisionChain> {
    const all = await this.list(productId)
    const byId = new Map(all.map(d => [d.id, d]))
    const decision = byId.get(id)
    if (!decision) throw new NotFoundError('No such decision')
    const earlier: Decision[] = []
    for (let d = decision.revisitsId ? byId.get(decision.revisitsId) : undefined; d && earlier.length < 100;) {
      earlier.unshift(d)
      d = d.revisitsId ? byId.get(d.revisitsId) : undefined
    }
    const later: Decision[] = []
    for (let d = decision.revisitedById ? byId.get(decision.revisitedById) : undefined; d && later.length < 100;) {
      later.push(d)
      d = d.revisitedById ? byId.get(d.revisitedById) : undefined
    }
    return { decision, earlier, later }
  }

  /** Checks the option a decision names is one of the thing's options. */
  private async checkOption(productId: string, input: DecisionInput): Promise<void> {
    if (!input.optionId) return
    try {
      await this.prioritisation.option(productId, input.optionId)
    } catch (err) {
      if (err instanceof NotFoundError) throw new ValidationError({ optionId: 'Choose an option from the list' })
      throw err
    }
  }

  /** Records a decision inside the caller's transaction (a strategy review records one with its link). */
  async createIn(
    trx: DbExecutor,
    actor: Actor,
    product: Subject,
    input: DecisionInput,
    revisit: { revisitsId: string; whatChanged: string } | null = null,
  ): Promise<string> {
    const id = newId()
    await this.repo.insert(trx, {
      id,
      productId: product.id,
      ...input,
      revisitsId: revisit?.revisitsId ?? null,
      whatChanged: revisit?.whatChanged ?? '',
      at: this.clock().toISOString(),
      byId: actor.id,
      byName: actor.name,
    })
    await this.audit.record(trx, actor, {
      action: revisit ? 'product.decision-revisited' : 'product.decision-recorded',
      subjectType: 'product',
      subjectId: product.id,
      summary: `${revisit ? 'Revisited a decision' : 'Recorded a decision'} for ${product.name}: ${OUTCOME_LABELS[input.outcome].toLowerCase()}`,
    })
    return id
  }

  /** Checks what a decision names before a transaction opens (on SQLite it holds the only connection). */
  async check(productId: string, input: DecisionInput): Promise<void> {
    await this.checkOption(productId, input)
  }

  async create(actor: Actor, product: Subject, input: DecisionInput): Promise<string> {
    await this.check(product.id, input)
    return this.db.transaction().execute(trx => this.createIn(trx, actor, product, input))
  }

  /** Changes a decision if nobody saved it since expectedVersion, or throws StaleVersionError<Decision>. */
  async update(
    actor: Actor,
    product: Subject,
    decision: Decision,
    input: DecisionInput & { whatChanged?: string },
    expectedVersion: number,
  ): Promise<void> {
    await this.checkOption(product.id, input)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const saved = await this.repo.update(trx, decision.id, expectedVersion, {
        ...input,
        whatChanged: decision.revisitsId ? (input.whatChanged ?? decision.whatChanged) : '',
        at,
        byName: actor.name,
      })
      if (!saved) {
        const latest = await this.repo.find(trx, product.id, decision.id)
        if (!latest) throw new NotFoundError('No such decision')
        throw new StaleVersionError(latest, 'Someone else changed this decision')
      }
      await this.audit.record(trx, actor, {
        action: 'product.decision-changed',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Changed a decision for ${product.name}`,
      })
    })
  }

  /**
   * Revisits a decision: a new decision linked to the earlier one, saying what has changed. A
   * decision is revisited once; after that, the later decision is the one to revisit, and trying
   * again throws ConflictError.
   */
  async revisit(actor: Actor, product: Subject, earlier: Decision, input: RevisitInput): Promise<string> {
    await this.check(product.id, input)
    if (input.decidedOn < earlier.decidedOn)
      throw new ValidationError({ decidedOn: 'The new decision must be on or after the date of the earlier one' })
    try {
      return await this.db.transaction().execute(async trx => {
        const current = await this.repo.find(trx, product.id, earlier.id)
        if (!current) throw new NotFoundError('No such decision')
        if (current.revisitedById) throw new ConflictError('This decision has been revisited already')
        const { whatChanged, ...decision } = input
        return this.createIn(trx, actor, product, decision, { revisitsId: earlier.id, whatChanged })
      })
    } catch (err) {
      // Two people revisiting at once: the unique index on revisits_id lets only one through.
      if (isUniqueViolation(err)) throw new ConflictError('This decision has been revisited already')
      throw err
    }
  }

  /** What the strategy page needs: the latest few and how many were a reasoned no. */
  async summary(productId: string): Promise<{ latest: Decision[]; total: number; noes: number }> {
    const all = await this.list(productId)
    return { latest: all.slice(0, 3), total: all.length, noes: all.filter(d => d.outcome === 'no').length }
  }
}
