// Decisions' pages: the list, recording one (optionally about a prioritisation option), one
// decision with its chain of revisits and the reviews it was taken at, changing it, and
// revisiting it as a new decision.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import { ConflictError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import { formErrors, saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import type { Services } from '../../services.ts'
import { readVersion } from '../products.schemas.ts'
import type { Product } from '../products.types.ts'
import { productPages, productParams } from '../routes/shared.ts'
import { DECISION_FIELDS, readDecision, readDecisionChange, readRevisit } from './decisions.schemas.ts'
import type { Decision } from './decisions.types.ts'
import {
  decisionFormView,
  decisionHref,
  decisionsHref,
  decisionsListView,
  decisionValues,
  decisionView,
} from './decisions.views.ts'

const NAV = 'products'
const config = { access: 'signed-in' } as const
const decisionParams = uuidParams('id', 'decisionId')
const newQuery = {
  type: 'object',
  properties: { option: { type: 'string', maxLength: 64 } },
} as const

type Id = { Params: { id: string } }
type DecisionId = { Params: { id: string; decisionId: string } }

export default async function decisionRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { decisions, prioritisation, reviews } = services
  const load = productPages(services)

  const loadDecision = async (request: Parameters<typeof load>[0] & { params: { decisionId: string } }) => {
    const loaded = await load(request)
    const decision = await decisions.get(loaded.product.id, request.params.decisionId)
    return { ...loaded, decision }
  }

  const optionChoices = async (productId: string) =>
    (await prioritisation.options(productId)).map(o => ({ id: o.id, title: o.title }))

  app.get<Id>('/products/:id/decisions', { config, schema: { params: productParams } }, async (request, reply) => {
    const { product, can } = await load(request)
    return reply.page(
      'products/decisions/views/list.njk',
      {
        pageTitle: `Decisions: ${product.name}`,
        product,
        ...decisionsListView(await decisions.list(product.id)),
        newHref: decisionsHref(product.id, '/new'),
        can,
      },
      { nav: NAV },
    )
  })

  type Mode = 'new' | 'edit' | 'revisit'
  const decisionForm = async (
    reply: FastifyReply,
    product: Product,
    mode: Mode,
    values: FormValues,
    o: { decision?: Decision; errors?: FormErrors; status?: number; conflict?: Decision } = {},
  ) => {
    const headings: Record<Mode, string> = {
      new: 'Record a decision',
      edit: 'Change a decision',
      revisit: 'Revisit a decision',
    }
    const action =
      mode === 'new'
        ? decisionsHref(product.id, '/new')
        : decisionHref(product.id, o.decision?.id ?? '', mode === 'edit' ? '/edit' : '/revisit')
    return reply.page(
      'products/decisions/views/decision-form.njk',
      {
        pageTitle: `${headings[mode]}: ${product.name}`,
        heading: headings[mode],
        product,
        mode,
        action,
        decision: o.decision,
        askWhatChanged: mode === 'revisit' || (mode === 'edit' && o.decision?.revisitsId),
        cancelHref: o.decision ? decisionHref(product.id, o.decision.id) : decisionsHref(product.id),
        errors: o.errors,
        conflict: o.conflict,
        ...decisionFormView(values, await optionChoices(product.id), decisions.today()),
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<Id & { Querystring: { option?: string } }>(
    '/products/:id/decisions/new',
    { config, schema: { params: productParams, querystring: newQuery } },
    async (request, reply) => {
      const { product, can } = await load(request)
      authorize(can.edit)
      return decisionForm(reply, product, 'new', { optionId: request.query.option ?? '' })
    },
  )

  app.post<Id>('/products/:id/decisions/new', { config, schema: { params: productParams } }, async (request, reply) => {
    const { product, can, actor } = await load(request)
    authorize(can.edit)
    const options = await optionChoices(product.id)
    const form = readDecision(request.body, { today: decisions.today(), optionIds: options.map(o => o.id) })
    if (!form.ok) return decisionForm(reply, product, 'new', form.values, { errors: form.errors, status: 400 })
    try {
      const id = await decisions.create(actor, product, form.value)
      request.session.flash({ kind: 'success', heading: 'Decision recorded' })
      return reply.seeOther(decisionHref(product.id, id))
    } catch (err) {
      if (err instanceof ValidationError)
        return decisionForm(reply, product, 'new', form.values, {
          errors: formErrors(err.fieldErrors, DECISION_FIELDS),
          status: 400,
        })
      throw err
    }
  })

  app.get<DecisionId>(
    '/products/:id/decisions/:decisionId',
    { config, schema: { params: decisionParams } },
    async (request, reply) => {
      const { product, can, decision } = await loadDecision(request)
      const [chain, takenAt] = await Promise.all([
        decisions.chain(product.id, decision.id),
        reviews.forDecision(product.id, decision.id),
      ])
      return reply.page(
        'products/decisions/views/decision.njk',
        {
          pageTitle: `${decision.title}: ${product.name}`,
          product,
          ...decisionView(chain),
          takenAt,
          listHref: decisionsHref(product.id),
          can,
        },
        { nav: NAV },
      )
    },
  )

  app.get<DecisionId>(
    '/products/:id/decisions/:decisionId/edit',
    { config, schema: { params: decisionParams } },
    async (request, reply) => {
      const { product, can, decision } = await loadDecision(request)
      authorize(can.edit)
      return decisionForm(reply, product, 'edit', decisionValues(decision), { decision })
    },
  )

  app.post<DecisionId>(
    '/products/:id/decisions/:decisionId/edit',
    { config, schema: { params: decisionParams } },
    async (request, reply) => {
      const { product, can, actor, decision } = await loadDecision(request)
      authorize(can.edit)
      const options = await optionChoices(product.id)
      const form = readDecisionChange(request.body, {
        today: decisions.today(),
        optionIds: options.map(o => o.id),
        revisit: decision.revisitsId !== null,
      })
      return saveVersioned({
        form,
        fields: DECISION_FIELDS,
        save: input => decisions.update(actor, product, decision, input, readVersion(request.body)),
        invalid: (errors, status) => decisionForm(reply, product, 'edit', form.values, { decision, errors, status }),
        conflict: (latest: Decision, _v, status) =>
          decisionForm(
            reply,
            product,
            'edit',
            { ...form.values, version: String(latest.version) },
            { decision: latest, conflict: latest, status },
          ),
        saved: () => {
          request.session.flash({ kind: 'success', heading: 'Decision saved' })
          return reply.seeOther(decisionHref(product.id, decision.id))
        },
      })
    },
  )

  app.get<DecisionId>(
    '/products/:id/decisions/:decisionId/revisit',
    { config, schema: { params: decisionParams } },
    async (request, reply) => {
      const { product, can, decision } = await loadDecision(request)
      authorize(can.edit)
      if (decision.revisitedById) return reply.seeOther(decisionHref(product.id, decision.revisitedById))
      const { title, proposal, assumptions, expectedValue, optionId } = decision
      return decisionForm(
        reply,
        product,
        'revisit',
        { title, proposal, assumptions, expectedValue, optionId: optionId ?? '' },
        { decision },
      )
    },
  )

  app.post<DecisionId>(
    '/products/:id/decisions/:decisionId/revisit',
    { config, schema: { params: decisionParams } },
    async (request, reply) => {
      const { product, can, actor, decision } = await loadDecision(request)
      authorize(can.edit)
      const options = await optionChoices(product.id)
      const form = readRevisit(request.body, {
        today: decisions.today(),
        optionIds: options.map(o => o.id),
        earliest: decision.decidedOn,
      })
      if (!form.ok)
        return decisionForm(reply, product, 'revisit', form.values, { decision, errors: form.errors, status: 400 })
      try {
        const id = await decisions.revisit(actor, product, decision, form.value)
        request.session.flash({ kind: 'success', heading: 'Decision revisited' })
        return reply.seeOther(decisionHref(product.id, id))
      } catch (err) {
        if (err instanceof ValidationError)
          return decisionForm(reply, product, 'revisit', form.values, {
            decision,
            errors: formErrors(err.fieldErrors, DECISION_FIELDS),
            status: 400,
          })
        if (err instanceof ConflictError && !(err instanceof StaleVersionError)) {
          const latest = await decisions.get(product.id, decision.id)
          return decisionForm(reply, product, 'revisit', form.values, {
            decision: latest,
            errors: formErrors({
              form: 'Someone else revisited this decision first. Revisit the later decision instead.',
            }),
            status: 409,
            conflict: latest,
          })
        }
        throw err
      }
    },
  )
}
