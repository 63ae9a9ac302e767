// Strategy at a larger scale: the organisation and each area have a strategy of their own. Their
// friendly addresses lead to the strategy page, whose documents, roadmap and other parts are the
// same pages a thing's use. A GET never writes: until someone who may change it starts it (a POST),
// the address says that nobody has started it yet.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { requireViewer } from '../../platform/auth/viewer.ts'
import type { Services } from '../../services.ts'
import { canEditScopedStrategy, canSeeProducts } from '../products.policy.ts'
import { scopedStrategyHref, type StrategyScope } from '../products.types.ts'
import { productHref } from '../products.views.ts'

const config = { access: 'signed-in' } as const

const areaParams = {
  type: 'object',
  properties: { area: { type: 'string', minLength: 1, maxLength: 120 } },
  required: ['area'],
} as const

/** What the policy needs to know of a strategy that may not have been started. */
const subjectOf = (which: StrategyScope) =>
  which.scope === 'area' ? { ...which, ownerId: null, group: '' } : { ...which, ownerId: null, group: '', area: '' }

export default async function scopedStrategyRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { products } = services

  app.get('/strategy', { config }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canSeeProducts(viewer))
    const areas = await products.strategyAreas()
    const row = (text: string, which: StrategyScope) => ({
      text,
      href: scopedStrategyHref(which),
      edit: canEditScopedStrategy(viewer, subjectOf(which)),
    })
    return reply.page(
      'products/views/strategies.njk',
      {
        pageTitle: 'Strategies of areas and the organisation',
        organisation: row('The organisation', { scope: 'organisation' }),
        areas: areas.map(area => row(area, { scope: 'area', area })),
      },
      { nav: 'products' },
    )
  })

  const show = async (request: FastifyRequest, reply: FastifyReply, which: StrategyScope) => {
    const viewer = requireViewer(request)
    authorize(canSeeProducts(viewer))
    const found = await products.findStrategy(which)
    if (found) return reply.seeOther(productHref(found.id))
    return reply.page(
      'products/views/strategy-start.njk',
      {
        pageTitle: which.scope === 'area' ? `Strategy for the ${which.area} area` : 'Strategy for the organisation',
        action: scopedStrategyHref(which),
        canStart: canEditScopedStrategy(viewer, subjectOf(which)),
      },
      { nav: 'products' },
    )
  }

  const start = async (request: FastifyRequest, reply: FastifyReply, which: StrategyScope) => {
    const viewer = requireViewer(request)
    authorize(canSeeProducts(viewer))
    if (which.scope === 'area') await products.findStrategy(which) // 404 for an unknown area
    authorize(canEditScopedStrategy(viewer, subjectOf(which)))
    const record = await products.strategyFor(actorOf(viewer.user), which)
    return reply.seeOther(productHref(record.id))
  }

  app.get('/strategy/organisation', { config }, (request, reply) => show(request, reply, { scope: 'organisation' }))
  app.post('/strategy/organisation', { config }, (request, reply) => start(request, reply, { scope: 'organisation' }))

  app.get<{ Params: { area: string } }>(
    '/strategy/areas/:area',
    { config, schema: { params: areaParams } },
    (request, reply) => show(request, reply, { scope: 'area', area: request.params.area }),
  )
  app.post<{ Params: { area: string } }>(
    '/strategy/areas/:area',
    { config, schema: { params: areaParams } },
    (request, reply) => start(request, reply, { scope: 'area', area: request.params.area }),
  )
}
