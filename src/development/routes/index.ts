// A person's development, one plugin per sub-resource: the plan, 1:1s and rotations. app.ts
// registers this one plugin.
import type { FastifyInstance } from 'fastify'
import type { Services } from '../../services.ts'
import oneToOnesRoutes from './one-to-ones.routes.ts'
import planRoutes from './plan.routes.ts'
import rotationsRoutes from './rotations.routes.ts'

export default async function developmentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  await app.register(planRoutes, { services })
  await app.register(oneToOnesRoutes, { services })
  await app.register(rotationsRoutes, { services })
}
