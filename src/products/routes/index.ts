// The products capability's pages: the catalogue, each thing's strategy page, and its strategy
// documents. One plugin per sub-resource; app.ts registers this one.
import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services.ts'
import decisionRoutes from '../decisions/decisions.routes.ts'
import prioritisationRoutes from '../prioritisation/prioritisation.routes.ts'
import reviewRoutes from '../reviews/reviews.routes.ts'
import catalogueRoutes from './catalogue.routes.ts'
import documentRoutes from './documents.routes.ts'
import strategyRoutes from './strategy.routes.ts'

export default async function productsRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(catalogueRoutes, opts)
  await app.register(strategyRoutes, opts)
  await app.register(prioritisationRoutes, opts)
  await app.register(decisionRoutes, opts)
  await app.register(reviewRoutes, opts)
  await app.register(documentRoutes, opts)
}
