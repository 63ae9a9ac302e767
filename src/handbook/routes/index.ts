// The handbook's pages, one plugin per sub-resource. app.ts registers this one plugin.
import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services.ts'
import editingRoutes from './editing.routes.ts'
import historyRoutes from './history.routes.ts'
import imagesRoutes from './images.routes.ts'
import ownersRoutes from './owners.routes.ts'
import readingRoutes from './reading.routes.ts'
import sectionsRoutes from './sections.routes.ts'
import suggestionsRoutes from './suggestions.routes.ts'
import uploadsRoutes from './uploads.routes.ts'

export default async function handbookRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await app.register(readingRoutes, { services })
  await app.register(editingRoutes, { services })
  await app.register(sectionsRoutes, { services })
  await app.register(historyRoutes, { services })
  await app.register(suggestionsRoutes, { services })
  await app.register(ownersRoutes, { services })
  await app.register(imagesRoutes, { services })
  await app.register(uploadsRoutes, { services })
}
