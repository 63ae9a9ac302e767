// What the products route plugins share: parameter schemas, and loading the thing a page is
// about with what the viewer may do to it.
import type { FastifyRequest } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { requireViewer } from '../../platform/auth/viewer.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import type { Services } from '../../services.ts'
import { canDeleteProduct, canEditStrategy, canSeeProducts } from '../products.policy.ts'

export const productParams = uuidParams('id')

/**
 * Loads what the address names, after checking the viewer may see it: any strategy (a thing's, an
 * area's or the organisation's), or with `things` only a thing in the catalogue (its details,
 * phase, stage and removal belong to things alone).
 */
export function productPages(services: Services, o: { things?: boolean } = {}) {
  const { products } = services
  return async function load(request: FastifyRequest<{ Params: { id: string } }>) {
    const viewer = requireViewer(request)
    authorize(canSeeProducts(viewer))
    const [product, members] = await Promise.all([
      o.things ? products.get(request.params.id) : products.subject(request.params.id),
      products.members(request.params.id),
    ])
    const can = { edit: canEditStrategy(viewer, product, members), delete: canDeleteProduct(viewer, product) }
    return { viewer, actor: actorOf(viewer.user), product, members, can }
  }
}
