// The insight backlog: the list with filters, search and pages; adding a piece of insight
// (tagged at once when it is added from a thing's roadmap item); its page with tags, ideas and
// history; and changing it (versioned: a lost race answers 409 with what was typed kept).
import type { FastifyInstance, FastifyReply } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import { requireViewer } from '../../platform/auth/viewer.ts'
import { actorOf } from '../../accounts/accounts.service.ts'
import { NotFoundError, ValidationError } from '../../platform/errors.ts'
import { formErrors, saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { readVersion } from '../../products/products.schemas.ts'
import type { Product } from '../../products/products.types.ts'
import type { Services } from '../../services.ts'
import { canAddInsight, canSeeInsight } from '../insight.policy.ts'
import {
  backlogFilter,
  backlogQuery,
  INSIGHT_FIELDS,
  pageNumber,
  readInsight,
  type BacklogQuery,
} from '../insight.schemas.ts'
import type { Insight, ProblemGroup } from '../insight.types.ts'
import {
  backlogView,
  historyItems,
  insightFormView,
  insightHref,
  insightValues,
  insightView,
} from '../insight.views.ts'
import { config, insightPages, insightParams, NAV } from './shared.ts'

const newQuery = {
  type: 'object',
  properties: { product: { type: 'string', maxLength: 64 }, item: { type: 'string', maxLength: 64 } },
} as const
const UUID = /^[0-9a-f-]{36}$/

type InsightId = { Params: { insightId: string } }

export default async function backlogRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { insight, products } = services
  const load = insightPages(services)

  app.get<{ Querystring: BacklogQuery }>(
    '/insight',
    { config, schema: { querystring: backlogQuery } },
    async (request, reply) => {
      const viewer = requireViewer(request)
      authorize(canSeeInsight(viewer))
      const filter = backlogFilter(request.query)
      const [found, problem] = await Promise.all([
        insight.findBacklog(filter, pageNumber(request.query.page)),
        filter.itemId ? insight.problem(filter.itemId) : null,
      ])
      return reply.page(
        'insight/views/backlog.njk',
        {
          pageTitle: 'Insight',
          ...backlogView(found.page, filter, {
            matches: found.matches,
            thingName: found.thingName,
            problem: problem?.problem ?? null,
          }),
          can: { add: canAddInsight(viewer) },
        },
        { nav: NAV },
      )
    },
  )

  /** The thing a new piece of insight is being added about, with its open problems. */
  const about = async (productId: string | undefined): Promise<{ product: Product; group: ProblemGroup } | null> => {
    if (!productId || !UUID.test(productId)) return null
    try {
      const product = await products.get(productId)
      const [group] = await insight.problemGroups([product.id])
      return group ? { product, group } : null
    } catch (err) {
      if (err instanceof NotFoundError) return null
      throw err
    }
  }

  const newForm = (
    reply: FastifyReply,
    values: FormValues,
    thing: { product: Product; group: ProblemGroup } | null,
    o: { errors?: FormErrors; status?: number } = {},
  ) =>
    reply.page(
      'insight/views/insight-form.njk',
      {
        pageTitle: 'Add insight',
        heading: 'Add insight',
        action: '/insight/new',
        cancelHref: thing ? `/products/${thing.product.id}` : '/insight',
        product: thing?.product ?? null,
        ...insightFormView(values, { today: insight.today(), problems: thing?.group.problems ?? [], errors: o.errors }),
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<{ Querystring: { product?: string; item?: string } }>(
    '/insight/new',
    { config, schema: { querystring: newQuery } },
    async (request, reply) => {
      authorize(canAddInsight(requireViewer(request)))
      const thing = await about(request.query.product)
      return newForm(reply, { itemId: request.query.item ?? '' }, thing)
    },
  )

  app.post('/insight/new', { config }, async (request, reply) => {
    const viewer = requireViewer(request)
    authorize(canAddInsight(viewer))
    const body = request.body as Record<string, unknown> | undefined
    const thing = await about(typeof body?.productId === 'string' ? body.productId : undefined)
    const form = readInsight(request.body, {
      today: insight.today(),
      itemIds: thing?.group.problems.map(p => p.id) ?? [],
    })
    if (!form.ok) return newForm(reply, form.values, thing, { errors: form.errors, status: 400 })
    const { itemId, ...input } = form.value
    try {
      const id = await insight.add(actorOf(viewer.user), input, thing ? [{ productId: thing.product.id, itemId }] : [])
      request.session.flash({ kind: 'success', heading: 'Insight added' })
      return reply.seeOther(insightHref(id))
    } catch (err) {
      if (err instanceof ValidationError)
        return newForm(reply, form.values, thing, { errors: formErrors(err.fieldErrors, INSIGHT_FIELDS), status: 400 })
      throw err
    }
  })

  app.get<InsightId>('/insight/:insightId', { config, schema: { params: insightParams } }, async (request, reply) => {
    const { record, can } = await load(request)
    return reply.page(
      'insight/views/insight.njk',
      {
        pageTitle: `${record.title}: insight`,
        ...insightView(record),
        history: historyItems(await insight.history(record.id)),
        can,
      },
      { nav: NAV },
    )
  })

  const editForm = (
    reply: FastifyReply,
    record: Insight,
    values: FormValues,
    o: { errors?: FormErrors; status?: number; conflict?: Insight } = {},
  ) =>
    reply.page(
      'insight/views/insight-form.njk',
      {
        pageTitle: 'Change insight',
        heading: 'Change insight',
        action: insightHref(record.id, '/edit'),
        cancelHref: insightHref(record.id),
        editing: true,
        conflict: o.conflict,
        ...insightFormView(values, { today: insight.today(), errors: o.errors }),
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<InsightId>(
    '/insight/:insightId/edit',
    { config, schema: { params: insightParams } },
    async (request, reply) => {
      const { record, can } = await load(request)
      authorize(can.edit)
      return editForm(reply, record, insightValues(record))
    },
  )

  app.post<InsightId>(
    '/insight/:insightId/edit',
    { config, schema: { params: insightParams } },
    async (request, reply) => {
      const { record, can, actor } = await load(request)
      authorize(can.edit)
      const form = readInsight(request.body, { today: insight.today() })
      return saveVersioned({
        form,
        fields: INSIGHT_FIELDS,
        save: ({ itemId: _none, ...input }) => insight.update(actor, record, input, readVersion(request.body)),
        invalid: (errors, status) => editForm(reply, record, form.values, { errors, status }),
        conflict: (latest: Insight, _value, status) =>
          editForm(reply, latest, { ...form.values, version: String(latest.version) }, { conflict: latest, status }),
        saved: () => {
          request.session.flash({ kind: 'success', heading: 'Insight saved' })
          return reply.seeOther(insightHref(record.id))
        },
      })
    },
  )
}
