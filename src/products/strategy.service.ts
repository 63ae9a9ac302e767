// A thing's whole strategy, read at once: what the strategy page, its Markdown export (and later
// the portfolio views) need from every part. Read only; each part's own service keeps its rules.
import type { PeopleService } from '../people/people.service.ts'
import type { AssessmentsService } from './assessments/assessments.service.ts'
import type { DecisionsService } from './decisions/decisions.service.ts'
import type { DocumentsService } from './documents.service.ts'
import type { HealthService } from './health/health.service.ts'
import type { HypothesesService } from './hypotheses/hypotheses.service.ts'
import { DOCUMENT_KINDS } from './kinds/index.ts'
import type { MetricsService } from './metrics/metrics.service.ts'
import type { PrioritisationService } from './prioritisation/prioritisation.service.ts'
import type { ProductsService } from './products.service.ts'
import type { Product } from './products.types.ts'
import type { ReviewsService } from './reviews/reviews.service.ts'
import type { RoadmapService } from './roadmap/roadmap.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { StrategyRepository } from './strategy.repository.ts'
import { strategyFlags, strategyFlagsFrom, type StrategyFlag, type StrategyPart } from './strategy.ts'

/**
 * A part of the strategy page that a capability built on products gives (objectives): a port, so
 * products need not know it. Whatever it shows must be audited against the thing when it
 * changes, as the page is cached until the thing's latest audit event changes.
 */
export interface StrategyPartSource {
  strategyPart(product: Product): Promise<StrategyPart>
}

export interface StrategyParts {
  readonly products: ProductsService
  readonly documents: DocumentsService
  readonly roadmap: RoadmapService
  readonly metrics: MetricsService
  readonly hypotheses: HypothesesService
  readonly prioritisation: PrioritisationService
  readonly decisions: DecisionsService
  readonly reviews: ReviewsService
  readonly assessments: AssessmentsService
  readonly health: HealthService
  readonly people: PeopleService
  readonly objectives: StrategyPartSource
}

export class StrategyService {
  constructor(
    private readonly parts: StrategyParts,
    private readonly db: DbExecutor,
    private readonly repo: StrategyRepository,
  ) {}

  /**
   * The flags of many things at once, exactly as `flags` gives them for each, from five grouped
   * queries whatever the number of things (StrategyRepository.flagFacts).
   */
  async flagsOfMany(products: readonly Product[]): Promise<Map<string, StrategyFlag[]>> {
    const facts = await this.repo.flagFacts(
      this.db,
      products.map(p => p.id),
    )
    const today = this.parts.hypotheses.today()
    const flags = new Map<string, StrategyFlag[]>()
    for (const product of products) {
      const f = facts.get(product.id)
      if (f) flags.set(product.id, strategyFlagsFrom(product, f, today))
    }
    return flags
  }

  /** What is missing or stale in a thing's strategy: the strategy page's flags, without the page. */
  async flags(product: Product): Promise<StrategyFlag[]> {
    return strategyFlags(product, await this.overview(product))
  }

  /** Everything the strategy page summarises, read side by side. */
  async overview(product: Product) {
    const p = this.parts
    const [
      links,
      moves,
      docs,
      board,
      metrics,
      hypotheses,
      assessments,
      health,
      options,
      decisions,
      reviews,
      objectives,
    ] = await Promise.all([
      p.products.links(product.id),
      p.products.moves(product.id),
      p.documents.all(product.id, DOCUMENT_KINDS),
      p.roadmap.board(product.id),
      p.metrics.summaries(product.id),
      p.hypotheses.list(product.id),
      p.assessments.list(product.id),
      p.health.results(product.id),
      p.prioritisation.board(product.id),
      p.decisions.summary(product.id),
      p.reviews.list(product.id),
      p.objectives.strategyPart(product),
    ])
    return {
      today: p.hypotheses.today(),
      links,
      moves,
      docs,
      board,
      metrics,
      hypotheses,
      assessments,
      health,
      options,
      decisions,
      reviews,
      objectives,
    }
  }

  /** Everything the Markdown export writes out in full. */
  async full(product: Product) {
    const p = this.parts
    const [overview, people, evidence, decisions] = await Promise.all([
      this.overview(product),
      p.people.managerChoices(2000),
      p.assessments.evidence(product.id),
      p.decisions.list(product.id),
    ])
    const [reviews, measured] = await Promise.all([
      Promise.all(overview.reviews.map(r => p.reviews.get(product.id, r.id))),
      Promise.all(
        overview.metrics.map(async summary => ({
          summary,
          measurements: await p.metrics.measurements(summary.metric.id),
        })),
      ),
    ])
    return { ...overview, people, evidence, allDecisions: decisions, fullReviews: reviews, measured }
  }
}

export type StrategyOverview = Awaited<ReturnType<StrategyService['overview']>>
export type FullStrategy = Awaited<ReturnType<StrategyService['full']>>
