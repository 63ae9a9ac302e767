// A thing's team health check: the page (rounds, the questions for people on the team who have
// not answered the open round, and results once a round is closed with at least three answers),
// opening and closing rounds, and answering. Answers are never logged or put in an audit summary.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import type { FormErrors, FormValues } from '../../platform/forms.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import type { Services } from '../../services.ts'
import { canAnswerHealthCheck } from '../products.policy.ts'
import type { Product, ProductMember } from '../products.types.ts'
import { productHref } from '../products.views.ts'
import { productPages, productParams } from '../routes/shared.ts'
import { ConflictError } from '../../platform/errors.ts'
import type { Viewer } from '../../platform/auth/viewer.ts'
import { readAnswers } from './health.schemas.ts'
import { AlreadyAnsweredError } from './health.service.ts'
import { DYSFUNCTION_INFO, DYSFUNCTIONS, MIN_RESPONDENTS } from './health.types.ts'
import { answerFormView, healthHref, healthView } from './health.views.ts'

const NAV = 'products'
const roundParams = uuidParams('id', 'roundId')
type RoundParams = { Params: { id: string; roundId: string } }

export default async function healthRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { health } = services
  const load = productPages(services)

  async function healthPage(
    reply: FastifyReply,
    loaded: { viewer: Viewer; product: Product; members: ProductMember[]; can: { edit: boolean } },
    o: { values?: FormValues; errors?: FormErrors; status?: number; refusal?: string } = {},
  ) {
    const { viewer, product, members, can } = loaded
    const overview = await health.overview(product.id, viewer.user.id)
    const onTeam = canAnswerHealthCheck(viewer, members)
    return reply.page(
      'products/health/views/health.njk',
      {
        pageTitle: `Team health check: ${product.name}`,
        product,
        productHref: productHref(product.id),
        ...healthView(product.id, overview.rounds),
        open: overview.open,
        answered: overview.answered,
        onTeam,
        questions: overview.open && onTeam && !overview.answered ? answerFormView(o.values ?? {}, o.errors) : null,
        dysfunctions: DYSFUNCTIONS.map(d => DYSFUNCTION_INFO[d]),
        minimum: MIN_RESPONDENTS,
        errors: o.errors,
        refusal: o.refusal,
        can,
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<{ Params: { id: string } }>(
    '/products/:id/health',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => healthPage(reply, await load(request)),
  )

  app.post<{ Params: { id: string } }>(
    '/products/:id/health/rounds',
    { config: { access: 'signed-in' }, schema: { params: productParams } },
    async (request, reply) => {
      const { product, can, actor } = await load(request)
      authorize(can.edit)
      const round = await health.open(actor, product)
      request.session.flash({
        kind: 'success',
        heading: `Round ${round.number} is open`,
        text: 'Ask the people on the team to answer it. Close it when they have, to see the results.',
      })
      return reply.seeOther(healthHref(product.id))
    },
  )

  app.post<RoundParams>(
    '/products/:id/health/rounds/:roundId/close',
    { config: { access: 'signed-in' }, schema: { params: roundParams } },
    async (request, reply) => {
      const { product, can, actor } = await load(request)
      authorize(can.edit)
      const round = await health.round(product.id, request.params.roundId)
      try {
        await health.close(actor, product, round)
        request.session.flash({ kind: 'success', heading: `Round ${round.number} is closed` })
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err
        request.session.flash({ kind: 'important', heading: `Round ${round.number} was already closed` })
      }
      return reply.seeOther(healthHref(product.id))
    },
  )

  app.post<RoundParams>(
    '/products/:id/health/rounds/:roundId/answers',
    { config: { access: 'signed-in' }, schema: { params: roundParams } },
    async (request, reply) => {
      const loaded = await load(request)
      const { viewer, product, members, actor } = loaded
      authorize(canAnswerHealthCheck(viewer, members))
      const round = await health.round(product.id, request.params.roundId)
      const form = readAnswers(request.body)
      if (!form.ok) return healthPage(reply, loaded, { values: form.values, errors: form.errors, status: 400 })
      try {
        await health.answer(actor, product, round, form.value)
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err
        const refusal =
          err instanceof AlreadyAnsweredError
            ? 'You have already answered this round. Each person answers once, and answers cannot be changed because nobody can tell which were yours.'
            : 'This round has closed, so your answers were not counted.'
        return healthPage(reply, loaded, { status: 409, refusal })
      }
      request.session.flash({
        kind: 'success',
        heading: 'Thank you: your answers were counted',
        text: 'Nobody can see what you answered. Results are shown once the round is closed, if at least three people answered.',
      })
      return reply.seeOther(healthHref(product.id))
    },
  )
}
