// Insight's pages: the backlog and each piece of insight, its tags and merges, the moderation
// queue for feedback from the public, and ideas. One plugin per sub-resource; app.ts registers this one.
import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services.ts'
import backlogRoutes from './backlog.routes.ts'
import ideaRoutes from './ideas.routes.ts'
import moderationRoutes from './moderation.routes.ts'
import tagRoutes from './tags.routes.ts'

export default async function insightRoutes(app: FastifyInstance, opts: { services: Services }) {
  await app.register(backlogRoutes, opts)
  await app.register(tagRoutes, opts)
  await app.register(moderationRoutes, opts)
  await app.register(ideaRoutes, opts)
}
