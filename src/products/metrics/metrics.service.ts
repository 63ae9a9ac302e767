// A thing's metrics: adding and changing them (versioned), recording measurements one at a time or
// many at once, and whether each is on target. Routes decide who may (products.policy.ts).
import type { AuditService } from '../../audit/audit.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { ukToday } from '../../platform/dates.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { Product } from '../products.types.ts'
import type { MetricsRepository } from './metrics.repository.ts'
import type {
  Measurement,
  Metric,
  MetricDetails,
  MetricStanding,
  MetricSummary,
  NewMeasurement,
  TargetStatus,
} from './metrics.types.ts'

/**
 * Whether a value meets the metric's target: at or above it when higher is better, at or below it
 * when lower is better.
 */
export function targetStatus(
  metric: Pick<Metric, 'direction' | 'target'>,
  latest: { value: number } | null,
): TargetStatus {
  if (metric.target === null) return 'no-target'
  if (latest === null) return 'no-measurements'
  const met = metric.direction === 'higher' ? latest.value >= metric.target : latest.value <= metric.target
  return met ? 'on-target' : 'off-target'
}

export class MetricsService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: MetricsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return ukToday(this.clock)
  }

  /** A thing's metrics, by name, each with its latest measurement and whether it is on target. */
  async summaries(productId: string): Promise<MetricSummary[]> {
    const [metrics, latest] = await Promise.all([
      this.repo.list(this.db, productId),
      this.repo.latest(this.db, productId),
    ])
    return metrics.map(metric => {
      const last = latest.get(metric.id) ?? null
      return { metric, latest: last, status: targetStatus(metric, last) }
    })
  }

  /** The metrics of the given things, by name: what other capabilities (objectives) may measure with. */
  forThings(productIds: readonly string[]): Promise<Metric[]> {
    return this.repo.forThings(this.db, productIds)
  }

  /**
   * The given metrics (unknown ids are left out), each with its first and latest measurement: what
   * progress towards its target is read from.
   */
  async standings(ids: readonly string[]): Promise<MetricStanding[]> {
    const [metrics, ends] = await Promise.all([this.repo.findMany(this.db, ids), this.repo.ends(this.db, ids)])
    return metrics.map(metric => {
      const e = ends.get(metric.id)
      return { metric, first: e?.first ?? null, latest: e?.latest ?? null }
    })
  }

  list(productId: string): Promise<Metric[]> {
    return this.repo.list(this.db, productId)
  }

  /** One of the thing's metrics; NotFoundError for a metric of another thing. */
  async get(productId: string, metricId: string): Promise<Metric> {
    const metric = await this.repo.find(this.db, metricId)
    if (!metric || metric.productId !== productId) throw new NotFoundError('No such metric')
    return metric
  }

  /** Whether the thing has this metric: for the parts that name one. */
  async belongs(productId: string, metricId: string): Promise<boolean> {
    const metric = await this.repo.find(this.db, metricId)
    return metric !== undefined && metric.productId === productId
  }

  measurements(metricId: string): Promise<Measurement[]> {
    return this.repo.measurements(this.db, metricId)
  }

  async create(actor: Actor, product: Product, details: MetricDetails): Promise<Metric> {
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.insert(trx, { id, productId: product.id, details, at, byName: actor.name })
      await this.audit.record(trx, actor, {
        action: 'metric.added',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Added the metric ${details.name} to ${product.name}`,
      })
    })
    return this.get(product.id, id)
  }

  /** Saves a metric's details if nobody saved it since expectedVersion, or throws StaleVersionError<Metric>. */
  async update(
    actor: Actor,
    product: Product,
    metric: Metric,
    details: MetricDetails,
    expectedVersion: number,
  ): Promise<void> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const saved = await this.repo.update(trx, metric.id, details, expectedVersion, at, actor.name)
      if (!saved) {
        const latest = await this.repo.find(trx, metric.id)
        if (!latest) throw new NotFoundError('No such metric')
        throw new StaleVersionError(latest, 'Someone else changed this metric')
      }
      const changed = (['name', 'definition', 'unit', 'direction', 'baseline', 'target', 'targetDate'] as const).filter(
        k => metric[k] !== details[k],
      )
      await this.audit.record(trx, actor, {
        action: 'metric.changed',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Changed the metric ${details.name} of ${product.name}${changed.length ? ` (${changed.join(', ')})` : ''}`,
      })
    })
  }

  /**
   * Records measurements, all or none: each must be dated today or earlier, with no date twice. A
   * measurement on a date the metric already has replaces it.
   */
  async addMeasurements(
    actor: Actor,
    product: Product,
    metric: Metric,
    rows: readonly NewMeasurement[],
  ): Promise<number> {
    if (rows.length === 0) throw new ValidationError({ lines: 'Enter at least one measurement' })
    const today = this.today()
    const dates = new Set<string>()
    for (const r of rows) {
      if (r.measuredOn > today) throw new ValidationError({ measuredOn: 'The date must be today or in the past' })
      if (!Number.isFinite(r.value)) throw new ValidationError({ value: 'The value must be a number' })
      if (dates.has(r.measuredOn)) throw new ValidationError({ lines: 'Each date can have only one value' })
      dates.add(r.measuredOn)
    }
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.upsertMeasurements(
        trx,
        rows.map(r => ({
          id: newId(),
          metricId: metric.id,
          measuredOn: r.measuredOn,
          value: r.value,
          note: r.note,
          recordedAt: at,
          recordedById: actor.id,
          recordedByName: actor.name,
        })),
      )
      await this.audit.record(trx, actor, {
        action: 'metric.measured',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Recorded ${rows.length === 1 ? 'a measurement' : `${rows.length} measurements`} of ${metric.name} for ${product.name}`,
      })
    })
    return rows.length
  }
}
