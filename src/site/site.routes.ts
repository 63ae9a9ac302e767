// The home page, the accessibility statement, the privacy notice and the health check.
import type { FastifyInstance } from 'fastify'
import { canReviewSuggestions } from '../handbook/handbook.policy.ts'
import type { Services } from '../services.ts'

export default async function siteRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { setup, handbook, organisation, db } = services

  app.get('/', { config: { access: 'public' } }, async (request, reply) => {
    if (!request.user) {
      if (await setup.needsSetup())
        return reply.page('site/views/not-set-up.njk', { pageTitle: 'Valuekit is not set up yet' })
      const org = await organisation.get()
      if (!org?.publicHandbook) return reply.seeOther('/sign-in')
      return reply.page('site/views/public-home.njk', { pageTitle: 'Home' }, { nav: 'home' })
    }
    const user = request.user
    const [contents, mySuggestions, queue] = await Promise.all([
      handbook.contents(),
      handbook.suggestionsBy(user.id),
      canReviewSuggestions(user) ? handbook.openSuggestions() : Promise.resolve(null),
    ])
    return reply.page(
      'site/views/home.njk',
      {
        pageTitle: 'Home',
        sections: contents.sections,
        pageCount: contents.sections.reduce((n, s) => n + s.pages.length, 0),
        mySuggestions: mySuggestions.slice(0, 5),
        queueCount: queue?.length ?? null,
        profile: request.viewer,
      },
      { nav: 'home' },
    )
  })

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
