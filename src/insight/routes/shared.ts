// What insight's route plugins share: parameter schemas, and loading a piece of insight or an
// idea with what the viewer may do to it. "Responsible" means the viewer may change the strategy
// of a thing the insight (or the idea's problem) belongs to, as products.policy.ts decides.
import type { FastifyRequest } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { requireViewer, type Viewer } from '../../platform/auth/viewer.ts'
import { NotFoundError } from '../../platform/errors.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import { canEditStrategy } from '../../products/products.policy.ts'
import type { Services } from '../../services.ts'
import { canEditIdea, canEditInsight, canModerate, canSeeInsight, canSeePiece } from '../insight.policy.ts'

export const insightParams = uuidParams('insightId')
export const ideaParams = uuidParams('ideaId')
export const NAV = 'insight'
export const config = { access: 'signed-in' } as const

/** Whether the viewer may change the strategy of any of the things given. */
export async function responsibleFor(
  services: Services,
  viewer: Viewer,
  productIds: readonly string[],
): Promise<boolean> {
  for (const id of new Set(productIds)) {
    try {
      const [product, members] = await Promise.all([services.products.get(id), services.products.members(id)])
      if (canEditStrategy(viewer, product, members)) return true
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err
    }
  }
  return false
}

/** Loads the piece of insight named in the address, after checking the viewer may see it. */
export function insightPages(services: Services) {
  return async function load(request: FastifyRequest<{ Params: { insightId: string } }>) {
    const viewer = requireViewer(request)
    authorize(canSeeInsight(viewer))
    const record = await services.insight.get(request.params.insightId)
    const responsible = await responsibleFor(
      services,
      viewer,
      record.things.map(t => t.productId),
    )
    authorize(canSeePiece(viewer, record, responsible))
    const can = { edit: canEditInsight(viewer, record, responsible), moderate: canModerate(viewer, responsible) }
    return { viewer, actor: actorOf(viewer.user), record, responsible, can }
  }
}

/** Loads the idea named in the address with whether the viewer may change it. */
export function ideaPages(services: Services) {
  return async function load(request: FastifyRequest<{ Params: { ideaId: string } }>) {
    const viewer = requireViewer(request)
    authorize(canSeeInsight(viewer))
    const idea = await services.insight.idea(request.params.ideaId)
    const responsible = await responsibleFor(services, viewer, idea.productId ? [idea.productId] : [])
    return { viewer, actor: actorOf(viewer.user), idea, can: { edit: canEditIdea(viewer, idea, responsible) } }
  }
}
