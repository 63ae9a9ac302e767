// The profession views for leaders and heads of profession: the capability view, its CSV
// download, and roles and movement. Each handler asks who the viewer is, checks the policy, takes
// a snapshot of the data, then renders (pages are kept per snapshot, so a page is rendered once
// until something it shows changes) or sends the file.
import type { FastifyInstance } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { PageCache } from '../platform/http/page-cache.ts'
import type { Services } from '../services.ts'
import { canDownloadCapability, canSeeCapability, canSeeRoleMovement } from './profession.policy.ts'
import { capabilityQueryJsonSchema, parseCapabilityQuery, type CapabilityQuery } from './profession.schemas.ts'
import { capabilityPage } from './profession.views.ts'

export default async function professionRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { profession } = services
  // A page is about 100 KB; keep the most recently used pages only.
  const cache = new PageCache(100)

  app.get(
    '/profession/capability',
    { config: { access: 'signed-in' }, schema: { querystring: capabilityQueryJsonSchema } },
    async (request, reply) => {
      const viewer = request.viewer
      authorize(canSeeCapability(viewer))
      const query: CapabilityQuery = parseCapabilityQuery(request.query)
      const snapshot = await profession.snapshot(viewer)
      const key = JSON.stringify(['capability', snapshot.key, query.role, query.area, query.group, query.page])
      return reply.cachedPage(
        cache,
        key,
        'profession/views/capability.njk',
        async () => {
          return capabilityPage(await profession.capability(snapshot, query))
        },
        { nav: 'profession' },
      )
    },
  )

  app.get(
    '/profession/capability.csv',
    { config: { access: 'signed-in' }, schema: { querystring: capabilityQueryJsonSchema } },
    async (request, reply) => {
      const viewer = request.viewer
      authorize(canDownloadCapability(viewer))
      const query = parseCapabilityQuery(request.query)
      const snapshot = await profession.snapshot(viewer)
      const user = request.user
      authorize(user !== null)
      const csv = await profession.capabilityCsv(actorOf(user), snapshot, query)
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csv.filename}"`)
        .header('cache-control', 'no-store')
        .send(csv.body)
    },
  )

  app.get('/profession/pathway', { config: { access: 'signed-in' } }, async (request, reply) => {
    const viewer = request.viewer
    authorize(canSeeRoleMovement(viewer))
    const snapshot = await profession.snapshot(viewer)
    return reply.cachedPage(
      cache,
      JSON.stringify(['pathway', snapshot.key]),
      'profession/views/pathway.njk',
      async () => ({ pageTitle: 'Roles and movement', view: await profession.pathway(snapshot) }),
      { nav: 'profession' },
    )
  })
}
