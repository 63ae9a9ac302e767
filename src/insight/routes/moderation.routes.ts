// The moderation queue: feedback left by the public, held until someone responsible for the
// thing it was left on publishes it into the backlog or rejects it (which deletes it, after a
// confirmation page).
import type { FastifyInstance } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import { requireViewer } from '../../platform/auth/viewer.ts'
import { staleRecord } from '../../platform/errors.ts'
import { readVersion } from '../../products/products.schemas.ts'
import type { Services } from '../../services.ts'
import { canModerate, canSeeInsight } from '../insight.policy.ts'
import { insightHref, queueView } from '../insight.views.ts'
import { config, insightPages, insightParams, NAV, responsibleFor } from './shared.ts'

type InsightId = { Params: { insightId: string } }

export default async function moderationRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { insight } = services
  const load = insightPages(services)

  app.get('/insight/moderation', { config }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canSeeInsight(viewer))
    // Only the feedback left on things the viewer is responsible for.
    const held = await insight.moderationQueue()
    const mine = new Map<string, boolean>()
    const shown = []
    for (const h of held) {
      if (!h.productId) continue
      if (!mine.has(h.productId)) mine.set(h.productId, await responsibleFor(services, viewer, [h.productId]))
      if (canModerate(viewer, mine.get(h.productId) ?? false)) shown.push(h)
    }
    return reply.page(
      'insight/views/moderation.njk',
      { pageTitle: 'Feedback to moderate', items: queueView(shown) },
      { nav: NAV },
    )
  })

  app.post<InsightId>(
    '/insight/:insightId/approve',
    { config, schema: { params: insightParams } },
    async (request, reply) => {
      const { record, can, actor } = await load(request)
      authorize(can.moderate)
      if (record.status !== 'held') return reply.seeOther(insightHref(record.id))
      try {
        await insight.approve(actor, record, readVersion(request.body))
      } catch (err) {
        if (staleRecord(err)) {
          request.session.flash({
            kind: 'important',
            heading: 'Someone else moderated or changed this feedback first',
            text: 'Nothing was published. Check it again.',
          })
          return reply.seeOther('/insight/moderation')
        }
        throw err
      }
      request.session.flash({
        kind: 'success',
        heading: 'Feedback published',
        text: 'It is now in the insight backlog.',
      })
      return reply.seeOther('/insight/moderation')
    },
  )

  app.get<InsightId>(
    '/insight/:insightId/reject',
    { config, schema: { params: insightParams } },
    async (request, reply) => {
      const { record, can } = await load(request)
      authorize(can.moderate)
      if (record.status !== 'held') return reply.seeOther(insightHref(record.id))
      return reply.page(
        'insight/views/reject.njk',
        { pageTitle: 'Reject this feedback', insight: record, action: insightHref(record.id, '/reject') },
        { nav: NAV },
      )
    },
  )

  app.post<InsightId>(
    '/insight/:insightId/reject',
    { config, schema: { params: insightParams } },
    async (request, reply) => {
      const { record, can, actor } = await load(request)
      authorize(can.moderate)
      if (record.status !== 'held') return reply.seeOther(insightHref(record.id))
      await insight.reject(actor, record)
      request.session.flash({ kind: 'success', heading: 'Feedback rejected and deleted' })
      return reply.seeOther('/insight/moderation')
    },
  )
}
