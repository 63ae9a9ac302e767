// The profession views for leaders and heads of profession: the capability view, its CSV
// download, and roles and movement. Each handler asks who the viewer is, checks the policy, takes
// a snapshot of the data, then renders (pages are kept per snapshot, so a page is rendered once
// until something it shows changes) or sends the file.
import type { FastifyInstance } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { PageCache } from '../platform/http/page-cache.ts'
import type { Services } from '../services.ts'
import { heatmapRowsHtml, overdueRowsHtml } from './profession.html.ts'
import { canDownloadCapability, canSeeCapability, canSeeRoleMovement } from './profession.policy.ts'
import { capabilityQueryJsonSchema, parseCapabilityQuery, type CapabilityQuery } from './profession.schemas.ts'
import type { CapabilityView } from './profession.service.ts'

/** The query string that keeps the filters in force (and a page number, when given). */
export function filterQuery(filters: CapabilityView['filters'], page?: number): string {
  const params = new URLSearchParams()
  if (filters.role) params.set('role', filters.role)
  if (filters.area) params.set('area', filters.area)
  if (filters.group) params.set('group', filters.group)
  if (page !== undefined && page > 1) params.set('page', String(page))
  return params.toString()
}

/** govukPagination's parameters: previous, next, and pages around the current one. */
export function pagination(view: CapabilityView) {
  const { page, pages } = view.heatmap
  if (pages <= 1) return null
  const href = (n: number) => {
    const query = filterQuery(view.filters, n)
    return `/profession/capability${query ? `?${query}` : ''}#people`
  }
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter(n => n >= 1 && n <= pages)
    .sort((a, b) => a - b)
  return {
    landmarkLabel: 'Pages of people',
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items: shown.flatMap((n, i) => {
      const before = shown[i - 1]
      const item = { number: n, href: href(n), current: n === page }
      return before !== undefined && n - before > 1 ? [{ ellipsis: true }, item] : [item]
    }),
  }
}

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
          const view = await profession.capability(snapshot, query)
          const filters = filterQuery(view.filters)
          return {
            pageTitle:
              view.heatmap.pages > 1
                ? `Capability of the profession (page ${view.heatmap.page} of ${view.heatmap.pages})`
                : 'Capability of the profession',
            view,
            heatmapRowsHtml: heatmapRowsHtml(view.heatmap.rows),
            overdueRowsHtml: overdueRowsHtml(view.overdue.rows),
            pagination: pagination(view),
            csvHref: `/profession/capability.csv${filters ? `?${filters}` : ''}`,
          }
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
