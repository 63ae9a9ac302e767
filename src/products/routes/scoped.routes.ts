// Strategy at a larger scale: the organisation and each area have a strategy of their own. Their
// friendly addresses start the strategy record the first time anyone opens it and lead to the
// strategy page, whose documents, roadmap and other parts are the same pages a thing's use.
import type { FastifyInstance } from 'fastify'
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

export default async function scopedStrategyRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { products } = services

  app.get('/strategy', { config }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canSeeProducts(viewer))
    const areas = await products.strategyAreas()
    const row = (text: string, which: StrategyScope) => ({
      text,
      href: scopedStrategyHref(which),
      edit: canEditScopedStrategy(
        viewer,
        which.scope === 'area'
          ? { ...which, ownerId: null, group: '' }
          : { ...which, ownerId: null, group: '', area: '' },
      ),
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

  const open = async (request: Parameters<typeof requireViewer>[0], which: StrategyScope) => {
    const viewer = requireViewer(request)
    authorize(canSeeProducts(viewer))
    const record = await products.strategyFor(actorOf(viewer.user), which)
    return productHref(record.id)
  }

  app.get('/strategy/organisation', { config }, async (request, reply) =>
    reply.seeOther(await open(request, { scope: 'organisation' })),
  )

  app.get<{ Params: { area: string } }>(
    '/strategy/areas/:area',
    { config, schema: { params: areaParams } },
    async (request, reply) => reply.seeOther(await open(request, { scope: 'area', area: request.params.area })),
  )
}
