// A thing's hypotheses: writing them against one of its metrics (optionally for a roadmap item),
// changing them until their result is in, and recording the result with its evidence. When a
// hypothesis belongs to a roadmap item, the decision taken on the item (keep, change or drop) is
// applied and kept in the item's history in the same transaction.
import type { AuditService } from '../../audit/audit.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { ukToday } from '../../platform/dates.ts'
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { MetricsService } from '../metrics/metrics.service.ts'
import type { Product } from '../products.types.ts'
import type { RoadmapService } from '../roadmap/roadmap.service.ts'
import type { HypothesesRepository } from './hypotheses.repository.ts'
import type { Hypothesis, HypothesisDetails, ResultInput } from './hypotheses.types.ts'

/** Whether a hypothesis is past its date with no result: `today` is a UK date (YYYY-MM-DD). */
export const isOverdue = (h: Pick<Hypothesis, 'result' | 'byDate'>, today: string) =>
  h.result === null && h.byDate < today

export class HypothesesService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HypothesesRepository,
    private readonly metrics: MetricsService,
    private readonly roadmap: RoadmapService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return ukToday(this.clock)
  }

  list(productId: string): Promise<Hypothesis[]> {
    return this.repo.list(this.db, productId)
  }

  /** One of the thing's hypotheses; NotFoundError for one of another thing. */
  async get(productId: string, id: string): Promise<Hypothesis> {
    const h = await this.repo.find(this.db, id)
    if (!h || h.productId !== productId) throw new NotFoundError('No such hypothesis')
    return h
  }

  private async check(product: Product, details: HypothesisDetails): Promise<void> {
    const problems: Record<string, string> = {}
    if (!(await this.metrics.belongs(product.id, details.metricId))) problems.metricId = 'Choose a metric from the list'
    if (details.roadmapItemId !== null) {
      try {
        await this.roadmap.get(product.id, details.roadmapItemId)
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err
        problems.roadmapItemId = 'Choose a roadmap item from the list'
      }
    }
    if (Object.keys(problems).length > 0) throw new ValidationError(problems)
  }

  async create(actor: Actor, product: Product, details: HypothesisDetails): Promise<Hypothesis> {
    await this.check(product, details)
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.insert(trx, { id, productId: product.id, details, at, byName: actor.name })
      await this.audit.record(trx, actor, {
        action: 'hypothesis.added',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Added a hypothesis to ${product.name}`,
      })
    })
    return this.get(product.id, id)
  }

  private async stale(db: DbExecutor, id: string): Promise<StaleVersionError<Hypothesis>> {
    const latest = await this.repo.find(db, id)
    if (!latest) throw new NotFoundError('No such hypothesis')
    return new StaleVersionError(latest, 'Someone else changed this hypothesis')
  }

  /** Changes a hypothesis whose result is not in yet, or throws StaleVersionError<Hypothesis>. */
  async update(
    actor: Actor,
    product: Product,
    h: Hypothesis,
    details: HypothesisDetails,
    expectedVersion: number,
  ): Promise<void> {
    if (h.result !== null) throw new ConflictError('Its result is recorded, so it can no longer change')
    await this.check(product, details)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.update(trx, h.id, details, expectedVersion, at))) throw await this.stale(trx, h.id)
      await this.audit.record(trx, actor, {
        action: 'hypothesis.changed',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Changed a hypothesis of ${product.name}`,
      })
    })
  }

  /**
   * Records the result with its evidence. For a hypothesis that belongs to a roadmap item the
   * decision on the item is required, applied (drop drops it) and kept in the item's history.
   */
  async recordResult(
    actor: Actor,
    product: Product,
    h: Hypothesis,
    input: ResultInput,
    expectedVersion: number,
  ): Promise<void> {
    if (h.result !== null) throw new ConflictError('The result of this hypothesis is recorded already')
    const decision = h.roadmapItemId ? input.decision : null
    if (h.roadmapItemId && !decision) throw new ValidationError({ decision: 'Choose what to do with the roadmap item' })
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const saved = await this.repo.recordResult(trx, h.id, { ...input, decision }, expectedVersion, at, actor.name)
      if (!saved) throw await this.stale(trx, h.id)
      if (h.roadmapItemId && decision)
        await this.roadmap.decide(trx, actor, product, h.roadmapItemId, decision, {
          why: `after its hypothesis ${input.result === 'inconclusive' ? 'was inconclusive' : input.result}`,
          note: input.decisionNote,
        })
      await this.audit.record(trx, actor, {
        action: 'hypothesis.result-recorded',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Recorded a hypothesis of ${product.name} as ${input.result}${decision ? `, deciding to ${decision} its roadmap item` : ''}`,
      })
    })
  }
}
