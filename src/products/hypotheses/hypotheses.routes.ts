// A thing's hypotheses: the list (open ones first), writing one against a metric and optionally a
// roadmap item, changing it until its result is in (versioned), and recording the result with
// its evidence, which for a roadmap item asks for the decision on the item in the same form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import { formErrors, saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import { formatDate } from '../../platform/dates.ts'
import type { Services } from '../../services.ts'
import { readVersion } from '../products.schemas.ts'
import type { Product } from '../products.types.ts'
import { productPages, productParams } from '../routes/shared.ts'
import { DECISION_LABELS } from '../roadmap/roadmap.types.ts'
import { HYPOTHESIS_FIELDS, readHypothesis, readResult, RESULT_FIELDS } from './hypotheses.schemas.ts'
import { RESULT_LABELS, type Hypothesis } from './hypotheses.types.ts'
import {
  hypothesesHref,
  hypothesesView,
  hypothesisCard,
  hypothesisFormView,
  hypothesisHref,
  hypothesisValues,
  resultFormView,
} from './hypotheses.views.ts'
import { ValidationError } from '../../platform/errors.ts'

const NAV = 'products'
const hypothesisParams = uuidParams('id', 'hypothesisId')
const itemQuery = {
  type: 'object',
  properties: { item: { type: 'string', pattern: '^[0-9a-f-]{36}$' } },
} as const

type HypothesisRequest = FastifyRequest<{ Params: { id: string; hypothesisId: string } }>

export default async function hypothesesRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { hypotheses, metrics, roadmap } = services
  const loadProduct = productPages(services)

  async function load(request: HypothesisRequest) {
    const loaded = await loadProduct(request)
    const hypothesis = await hypotheses.get(loaded.product.id, request.params.hypothesisId)
    return { ...loaded, hypothesis }
  }

  app.get<{ Params: { id: string } }>(
    '/products/:id/hypotheses',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can } = await loadProduct(request)
      const list = await hypotheses.list(product.id)
      return reply.page(
        'products/hypotheses/views/hypotheses.njk',
        {
          pageTitle: `Hypotheses: ${product.name}`,
          product,
          ...hypothesesView(list, product.id, hypotheses.today()),
          can,
        },
        { nav: NAV },
      )
    },
  )

  const hypothesisForm = async (
    reply: FastifyReply,
    product: Product,
    values: FormValues,
    o: { hypothesis?: Hypothesis; errors?: FormErrors; status?: number; conflict?: Hypothesis } = {},
  ) => {
    const [metricList, board] = await Promise.all([metrics.list(product.id), roadmap.board(product.id)])
    const items = [...board.columns.now, ...board.columns.next, ...board.columns.later]
    // An item the hypothesis already names stays offered even once it is done or dropped.
    const named = board.closed.find(i => i.id === values.roadmapItemId)
    return reply.page(
      'products/hypotheses/views/hypothesis-form.njk',
      {
        pageTitle: o.hypothesis ? `Change a hypothesis: ${product.name}` : `Write a hypothesis: ${product.name}`,
        product,
        hypothesis: o.hypothesis,
        conflict: o.conflict ? hypothesisCard(o.conflict, product.id, hypotheses.today()) : undefined,
        conflictBy: o.conflict?.createdByName,
        hasMetrics: metricList.length > 0,
        action: o.hypothesis
          ? hypothesisHref(product.id, o.hypothesis.id, '/edit')
          : hypothesesHref(product.id, '/new'),
        cancelHref: o.hypothesis ? hypothesisHref(product.id, o.hypothesis.id) : hypothesesHref(product.id),
        ...hypothesisFormView(values, metricList, named ? [...items, named] : items, o.errors),
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<{ Params: { id: string }; Querystring: { item?: string } }>(
    '/products/:id/hypotheses/new',
    { config: { access: 'signed-in' }, schema: { params: productParams, querystring: itemQuery } },
    async (request, reply) => {
      const { product, can } = await loadProduct(request)
      authorize(can.edit)
      return hypothesisForm(reply, product, { roadmapItemId: request.query.item ?? '' })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/products/:id/hypotheses/new',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can, actor } = await loadProduct(request)
      authorize(can.edit)
      const form = readHypothesis(request.body)
      if (!form.ok) return hypothesisForm(reply, product, form.values, { errors: form.errors, status: 400 })
      try {
        const h = await hypotheses.create(actor, product, form.value)
        request.session.flash({ kind: 'success', heading: 'Hypothesis added' })
        return reply.seeOther(hypothesisHref(product.id, h.id))
      } catch (err) {
        if (err instanceof ValidationError)
          return hypothesisForm(reply, product, form.values, {
            errors: formErrors(err.fieldErrors, HYPOTHESIS_FIELDS),
            status: 400,
          })
        throw err
      }
    },
  )

  app.get<{ Params: { id: string; hypothesisId: string } }>(
    '/products/:id/hypotheses/:hypothesisId',
    { config: { access: 'signed-in' }, schema: { params: hypothesisParams } },
    async (request, reply) => {
      const { product, hypothesis, can } = await load(request)
      return reply.page(
        'products/hypotheses/views/hypothesis.njk',
        {
          pageTitle: `Hypothesis: ${product.name}`,
          product,
          hypothesis,
          card: hypothesisCard(hypothesis, product.id, hypotheses.today()),
          resultLabel: hypothesis.result ? RESULT_LABELS[hypothesis.result] : null,
          decisionLabel: hypothesis.decision ? DECISION_LABELS[hypothesis.decision] : null,
          resultAt: hypothesis.resultAt ? formatDate(hypothesis.resultAt) : null,
          href: hypothesisHref(product.id, hypothesis.id),
          can,
        },
        { nav: NAV },
      )
    },
  )

  app.get<{ Params: { id: string; hypothesisId: string } }>(
    '/products/:id/hypotheses/:hypothesisId/edit',
    { config: { access: 'signed-in' }, schema: { params: hypothesisParams } },
    async (request, reply) => {
      const { product, hypothesis, can } = await load(request)
      authorize(can.edit)
      if (hypothesis.result) return reply.seeOther(hypothesisHref(product.id, hypothesis.id))
      return hypothesisForm(reply, product, hypothesisValues(hypothesis), { hypothesis })
    },
  )

  app.post<{ Params: { id: string; hypothesisId: string } }>(
    '/products/:id/hypotheses/:hypothesisId/edit',
    { config: { access: 'signed-in' }, schema: { params: hypothesisParams } },
    async (request, reply) => {
      const { product, hypothesis, can, actor } = await load(request)
      authorize(can.edit)
      const form = readHypothesis(request.body)
      return saveVersioned({
        form,
        fields: HYPOTHESIS_FIELDS,
        save: details => hypotheses.update(actor, product, hypothesis, details, readVersion(request.body)),
        invalid: (errors, status) => hypothesisForm(reply, product, form.values, { hypothesis, errors, status }),
        conflict: (latest: Hypothesis, _v, status) =>
          hypothesisForm(
            reply,
            product,
            { ...form.values, version: String(latest.version) },
            { hypothesis: latest, conflict: latest, status },
          ),
        saved: () => {
          request.session.flash({ kind: 'success', heading: 'Hypothesis saved' })
          return reply.seeOther(hypothesisHref(product.id, hypothesis.id))
        },
      })
    },
  )

  const resultForm = (
    reply: FastifyReply,
    product: Product,
    hypothesis: Hypothesis,
    values: FormValues,
    o: { errors?: FormErrors; status?: number; conflict?: Hypothesis } = {},
  ) =>
    reply.page(
      'products/hypotheses/views/result-form.njk',
      {
        pageTitle: `Record the result of a hypothesis: ${product.name}`,
        product,
        hypothesis,
        card: hypothesisCard(o.conflict ?? hypothesis, product.id, hypotheses.today()),
        conflict: o.conflict,
        href: hypothesisHref(product.id, hypothesis.id),
        ...resultFormView(values, o.errors),
      },
      { status: o.status ?? 200, nav: NAV },
    )

  app.get<{ Params: { id: string; hypothesisId: string } }>(
    '/products/:id/hypotheses/:hypothesisId/result',
    { config: { access: 'signed-in' }, schema: { params: hypothesisParams } },
    async (request, reply) => {
      const { product, hypothesis, can } = await load(request)
      authorize(can.edit)
      if (hypothesis.result) return reply.seeOther(hypothesisHref(product.id, hypothesis.id))
      return resultForm(reply, product, hypothesis, { version: String(hypothesis.version) })
    },
  )

  app.post<{ Params: { id: string; hypothesisId: string } }>(
    '/products/:id/hypotheses/:hypothesisId/result',
    { config: { access: 'signed-in' }, schema: { params: hypothesisParams } },
    async (request, reply) => {
      const { product, hypothesis, can, actor } = await load(request)
      authorize(can.edit)
      const form = readResult(request.body, hypothesis.roadmapItemId !== null)
      return saveVersioned({
        form,
        fields: RESULT_FIELDS,
        save: input => hypotheses.recordResult(actor, product, hypothesis, input, readVersion(request.body)),
        invalid: (errors, status) => resultForm(reply, product, hypothesis, form.values, { errors, status }),
        conflict: (latest: Hypothesis, _v, status) =>
          resultForm(
            reply,
            product,
            latest,
            { ...form.values, version: String(latest.version) },
            { conflict: latest, status },
          ),
        saved: (_r, input) => {
          const dropped = input.decision === 'drop'
          request.session.flash({
            kind: 'success',
            heading: `Result recorded: ${RESULT_LABELS[input.result].toLowerCase()}${dropped ? '. The roadmap item is dropped.' : ''}`,
          })
          if (input.decision === 'change' && hypothesis.roadmapItemId)
            return reply.seeOther(`/products/${product.id}/roadmap/${hypothesis.roadmapItemId}/edit`)
          return reply.seeOther(hypothesisHref(product.id, hypothesis.id))
        },
      })
    },
  )
}
