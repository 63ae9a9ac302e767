// Which parts of a thing's strategy can be given as evidence for a point of the Service
// Standard: those that exist now. Documents count once written; the team health check once a
// round has results. A new part of the strategy (metrics, a roadmap) adds itself here.
import type { DocumentsService } from '../documents.service.ts'
import { DOCUMENT_KINDS } from '../kinds/index.ts'
import type { HealthService } from '../health/health.service.ts'
import type { EvidenceSource } from './assessments.types.ts'

export function strategyEvidence(documents: DocumentsService, health: HealthService): EvidenceSource {
  return async productId => {
    const [docs, rounds] = await Promise.all([documents.all(productId, DOCUMENT_KINDS), health.results(productId)])
    return [
      ...docs.filter(d => d.version > 0).map(d => ({ slug: d.kind.slug, name: d.kind.name })),
      ...(rounds.some(r => r.averages !== null) ? [{ slug: 'health', name: 'Team health check' }] : []),
    ]
  }
}
