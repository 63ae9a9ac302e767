// The accessibility statement, the privacy notice and the health check (the home page is src/home).
import type { FastifyInstance } from 'fastify'
import type { Services } from '../services.ts'

export default async function siteRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { db } = services

  app.get('/accessibility', { config: { access: 'public' } }, async (_request, reply) =>
    reply.page('site/views/accessibility.njk', { pageTitle: 'Accessibility statement' }),
  )

  app.get('/privacy', { config: { access: 'public' } }, async (_request, reply) =>
    reply.page('site/views/privacy.njk', { pageTitle: 'Privacy and cookies' }),
  )

  // For load balancers and people: 200 "ok" when the database answers and takes a write; 503
  // "unavailable" when it does not answer; 503 "degraded", with the reason, when it answers but
  // cannot write (a held lock, a full disk, a read-only server). The write is cached briefly.
  app.get('/health', { config: { access: 'public', viewer: false }, logLevel: 'warn' }, async (_request, reply) => {
    reply.header('cache-control', 'no-store')
    if (!(await db.ping())) return reply.code(503).send({ status: 'unavailable', database: 'not answering' })
    const write = await db.checkWrite()
    if (!write.ok) return reply.code(503).send({ status: 'degraded', database: write.reason })
    return reply.code(200).send({ status: 'ok', database: 'ok' })
  })
}
