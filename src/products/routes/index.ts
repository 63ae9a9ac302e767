// The products capability's pages: the catalogue, each thing's strategy page, and its strategy
// documents. One plugin per sub-resource; app.ts registers this one.
import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services.ts'
import hypothesesRoutes from '../hypotheses/hypotheses.routes.ts'
import metricsRoutes from '../metrics/metrics.routes.ts'
import roadmapRoutes from '../roadmap/roadmap.routes.ts'
import assessmentRoutes from '../assessments/assessments.routes.ts'
import healthRoutes from '../health/health.routes.ts'
import decisionRoutes from '../decisions/decisions.routes.ts'
import prioritisationRoutes from '../prioritisation/prioritisation.routes.ts'
import reviewRoutes from '../reviews/reviews.routes.ts'
import catalogueRoutes from './catalogue.routes.ts'
import documentRoutes from './documents.routes.ts'
import scopedStrategyRoutes from './scoped.routes.ts'
import strategyRoutes from './strategy.routes.ts'

export default async function productsRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(catalogueRoutes, opts)
  await app.register(strategyRoutes, opts)
  await app.register(scopedStrategyRoutes, opts)
  await app.register(metricsRoutes, opts)
  await app.register(roadmapRoutes, opts)
  await app.register(hypothesesRoutes, opts)
  await app.register(assessmentRoutes, opts)
  await app.register(healthRoutes, opts)
  await app.register(prioritisationRoutes, opts)
  await app.register(decisionRoutes, opts)
  await app.register(reviewRoutes, opts)
  await app.register(documentRoutes, opts)
}
