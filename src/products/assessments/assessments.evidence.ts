// Which parts of a thing's strategy can be given as evidence for a point of the Service
// Standard: those that exist now. Documents count once written; the team health check once a
// round has results; the roadmap, metrics and hypotheses once they hold anything. A new part of
// the strategy adds itself here.
import type { DocumentsService } from '../documents.service.ts'
import { DOCUMENT_KINDS } from '../kinds/index.ts'
import type { HealthService } from '../health/health.service.ts'
import type { HypothesesService } from '../hypotheses/hypotheses.service.ts'
import type { MetricsService } from '../metrics/metrics.service.ts'
import type { RoadmapService } from '../roadmap/roadmap.service.ts'
import type { EvidenceSource } from './assessments.types.ts'

export interface EvidenceParts {
  documents: DocumentsService
  health: HealthService
  roadmap: RoadmapService
  metrics: MetricsService
  hypotheses: HypothesesService
}

export function strategyEvidence(parts: EvidenceParts): EvidenceSource {
  return async productId => {
    const [docs, rounds, board, metrics, tests] = await Promise.all([
      parts.documents.all(productId, DOCUMENT_KINDS),
      parts.health.results(productId),
      parts.roadmap.board(productId),
      parts.metrics.summaries(productId),
      parts.hypotheses.list(productId),
    ])
    const onRoadmap = Object.values(board.columns).some(items => items.length > 0) || board.closed.length > 0
    return [
      ...docs.filter(d => d.version > 0).map(d => ({ slug: d.kind.slug, name: d.kind.name })),
      ...(onRoadmap ? [{ slug: 'roadmap', name: 'Roadmap' }] : []),
      ...(metrics.length > 0 ? [{ slug: 'metrics', name: 'Metrics' }] : []),
      ...(tests.length > 0 ? [{ slug: 'hypotheses', name: 'Hypotheses' }] : []),
      ...(rounds.some(r => r.averages !== null) ? [{ slug: 'health', name: 'Team health check' }] : []),
    ]
  }
}
