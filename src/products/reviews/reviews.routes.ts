// Strategy reviews' pages: the list, recording a review, one review with its decisions, changing
// it, linking a decision taken at it (or recording a new one from the review), and unlinking one.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { authorize } from '../../platform/auth/authorize.ts'
import { ValidationError } from '../../platform/errors.ts'
import { formErrors, saveVersioned, type FormErrors, type FormValues } from '../../platform/forms.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import type { Services } from '../../services.ts'
import { DECISION_FIELDS, readReviewDecision } from '../decisions/decisions.schemas.ts'
import { OUTCOME_LABELS } from '../decisions/decisions.types.ts'
import { decisionFormView } from '../decisions/decisions.views.ts'
import { readVersion } from '../products.schemas.ts'
import type { Product } from '../products.types.ts'
import { productPages, productParams } from '../routes/shared.ts'
import { LINK_FIELDS, REVIEW_FIELDS, readLink, readReview } from './reviews.schemas.ts'
import type { Attendee, Review } from './reviews.types.ts'
import { reviewFormView, reviewHref, reviewsHref, reviewsListView, reviewValues, reviewView } from './reviews.views.ts'
import { formatDate } from '../../platform/dates.ts'

const NAV = 'products'
const config = { access: 'signed-in' } as const
const reviewParams = uuidParams('id', 'reviewId')
const linkParams = uuidParams('id', 'reviewId', 'decisionId')

type Id = { Params: { id: string } }
type ReviewId = { Params: { id: string; reviewId: string } }
type LinkId = { Params: { id: string; reviewId: string; decisionId: string } }

export default async function reviewRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { reviews, decisions, prioritisation, products } = services
  const load = productPages(services)

  const loadReview = async (request: Parameters<typeof load>[0] & { params: { reviewId: string } }) => {
    const loaded = await load(request)
    const review = await reviews.get(loaded.product.id, request.params.reviewId)
    return { ...loaded, review }
  }

  /** The thing's team (its owner and the people on its team onion), and everyone in Valuekit. */
  const peopleFor = async (product: Product): Promise<{ team: Attendee[]; people: Attendee[] }> => {
    const [members, people] = await Promise.all([products.members(product.id), reviews.peopleChoices()])
    const ids = new Set([...(product.ownerId ? [product.ownerId] : []), ...members.map(m => m.personId)])
    return { team: people.filter(p => ids.has(p.id)), people: people.filter(p => !ids.has(p.id)) }
  }

  app.get<Id>('/products/:id/reviews', { config, schema: { params: productParams } }, async (request, reply) => {
    const { product, can } = await load(request)
    return reply.page(
      'products/reviews/views/list.njk',
      {
        pageTitle: `Strategy reviews: ${product.name}`,
        product,
        reviews: reviewsListView(await reviews.list(product.id)),
        newHref: reviewsHref(product.id, '/new'),
        can,
      },
      { nav: NAV },
    )
  })

  const reviewForm = async (
    reply: FastifyReply,
    product: Product,
    values: FormValues,
    o: { review?: Review; errors?: FormErrors; status?: number; conflict?: Review } = {},
  ) => {
    const { team, people } = await peopleFor(product)
    return reply.page(
      'products/reviews/views/review-form.njk',
      {
        pageTitle: `${o.review ? 'Change a strategy review' : 'Record a strategy review'}: ${product.name}`,
        product,
        review: o.review,
        action: o.review ? reviewHref(product.id, o.review.id, '/edit') : reviewsHref(product.id, '/new'),
        cancelHref: o.review ? reviewHref(product.id, o.review.id) : reviewsHref(product.id),
        errors: o.errors,
        conflict: o.conflict ? reviewView({ ...o.conflict, decisions: [] }) : undefined,
        ...reviewFormView(values, team, people, reviews.today()),
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<Id>('/products/:id/reviews/new', { config, schema: { params: productParams } }, async (request, reply) => {
    const { product, can } = await load(request)
    authorize(can.edit)
    return reviewForm(reply, product, {})
  })

  app.post<Id>('/products/:id/reviews/new', { config, schema: { params: productParams } }, async (request, reply) => {
    const { product, can, actor } = await load(request)
    authorize(can.edit)
    const form = readReview(request.body, reviews.today())
    if (!form.ok) return reviewForm(reply, product, form.values, { errors: form.errors, status: 400 })
    try {
      const id = await reviews.create(actor, product, form.value)
      request.session.flash({ kind: 'success', heading: 'Strategy review recorded' })
      return reply.seeOther(reviewHref(product.id, id))
    } catch (err) {
      if (err instanceof ValidationError)
        return reviewForm(reply, product, form.values, {
          errors: formErrors(err.fieldErrors, REVIEW_FIELDS),
          status: 400,
        })
      throw err
    }
  })

  app.get<ReviewId>(
    '/products/:id/reviews/:reviewId',
    { config, schema: { params: reviewParams } },
    async (request, reply) => {
      const { product, can, review } = await loadReview(request)
      return reply.page(
        'products/reviews/views/review.njk',
        {
          pageTitle: `Strategy review of ${formatDate(review.heldOn)}: ${product.name}`,
          product,
          ...reviewView(review),
          listHref: reviewsHref(product.id),
          can,
        },
        { nav: NAV },
      )
    },
  )

  app.get<ReviewId>(
    '/products/:id/reviews/:reviewId/edit',
    { config, schema: { params: reviewParams } },
    async (request, reply) => {
      const { product, can, review } = await loadReview(request)
      authorize(can.edit)
      const { team } = await peopleFor(product)
      return reviewForm(
        reply,
        product,
        reviewValues(
          review,
          team.map(t => t.id),
        ),
        { review },
      )
    },
  )

  app.post<ReviewId>(
    '/products/:id/reviews/:reviewId/edit',
    { config, schema: { params: reviewParams } },
    async (request, reply) => {
      const { product, can, actor, review } = await loadReview(request)
      authorize(can.edit)
      const form = readReview(request.body, reviews.today())
      return saveVersioned({
        form,
        fields: REVIEW_FIELDS,
        save: input => reviews.update(actor, product, review, input, readVersion(request.body)),
        invalid: (errors, status) => reviewForm(reply, product, form.values, { review, errors, status }),
        conflict: (latest: Review, _v, status) =>
          reviewForm(
            reply,
            product,
            { ...form.values, version: String(latest.version) },
            { review: latest, conflict: latest, status },
          ),
        saved: () => {
          request.session.flash({ kind: 'success', heading: 'Strategy review saved' })
          return reply.seeOther(reviewHref(product.id, review.id))
        },
      })
    },
  )

  // ---- Decisions taken at a review ----

  const linkForm = async (
    reply: FastifyReply,
    product: Product,
    review: Review & { decisions: { decision: { id: string } }[] },
    values: FormValues,
    o: { errors?: FormErrors; status?: number } = {},
  ) => {
    const linked = new Set(review.decisions.map(d => d.decision.id))
    const choices = (await decisions.list(product.id)).filter(d => !linked.has(d.id))
    return reply.page(
      'products/reviews/views/link.njk',
      {
        pageTitle: `Link a decision to the review of ${formatDate(review.heldOn)}: ${product.name}`,
        product,
        review,
        heldOn: formatDate(review.heldOn),
        reviewHref: reviewHref(product.id, review.id),
        newDecisionHref: reviewHref(product.id, review.id, '/decisions/new'),
        decisionItems: choices.map(d => ({
          value: d.id,
          text: d.title,
          hint: { text: `${OUTCOME_LABELS[d.outcome]}, decided on ${formatDate(d.decidedOn)}` },
          checked: values.decisionId === d.id,
        })),
        values,
        errors: o.errors,
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<ReviewId>(
    '/products/:id/reviews/:reviewId/link',
    { config, schema: { params: reviewParams } },
    async (request, reply) => {
      const { product, can, review } = await loadReview(request)
      authorize(can.edit)
      return linkForm(reply, product, review, {})
    },
  )

  app.post<ReviewId>(
    '/products/:id/reviews/:reviewId/link',
    { config, schema: { params: reviewParams } },
    async (request, reply) => {
      const { product, can, actor, review } = await loadReview(request)
      authorize(can.edit)
      const form = readLink(request.body)
      if (!form.ok) return linkForm(reply, product, review, form.values, { errors: form.errors, status: 400 })
      try {
        await reviews.link(actor, product, review, form.value.decisionId, form.value.changed)
      } catch (err) {
        if (err instanceof ValidationError)
          return linkForm(reply, product, review, form.values, {
            errors: formErrors(err.fieldErrors, LINK_FIELDS),
            status: 400,
          })
        throw err
      }
      request.session.flash({ kind: 'success', heading: 'Decision linked to the review' })
      return reply.seeOther(reviewHref(product.id, review.id))
    },
  )

  app.post<LinkId>(
    '/products/:id/reviews/:reviewId/decisions/:decisionId/unlink',
    { config, schema: { params: linkParams } },
    async (request, reply) => {
      const { product, can, actor, review } = await loadReview(request)
      authorize(can.edit)
      await reviews.unlink(actor, product, review, request.params.decisionId)
      request.session.flash({ kind: 'success', heading: 'Decision unlinked from the review' })
      return reply.seeOther(reviewHref(product.id, review.id))
    },
  )

  const decisionForm = async (
    reply: FastifyReply,
    product: Product,
    review: Review,
    values: FormValues,
    o: { errors?: FormErrors; status?: number } = {},
  ) => {
    const options = (await prioritisation.options(product.id)).map(p => ({ id: p.id, title: p.title }))
    return reply.page(
      'products/decisions/views/decision-form.njk',
      {
        pageTitle: `Record a decision taken at the review of ${formatDate(review.heldOn)}: ${product.name}`,
        heading: 'Record a decision taken at the review',
        caption: `Strategy review of ${formatDate(review.heldOn)}`,
        product,
        mode: 'review',
        action: reviewHref(product.id, review.id, '/decisions/new'),
        askChanged: true,
        cancelHref: reviewHref(product.id, review.id),
        errors: o.errors,
        ...decisionFormView(values, options, review.heldOn),
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<ReviewId>(
    '/products/:id/reviews/:reviewId/decisions/new',
    { config, schema: { params: reviewParams } },
    async (request, reply) => {
      const { product, can, review } = await loadReview(request)
      authorize(can.edit)
      return decisionForm(reply, product, review, {})
    },
  )

  app.post<ReviewId>(
    '/products/:id/reviews/:reviewId/decisions/new',
    { config, schema: { params: reviewParams } },
    async (request, reply) => {
      const { product, can, actor, review } = await loadReview(request)
      authorize(can.edit)
      const options = await prioritisation.options(product.id)
      const form = readReviewDecision(request.body, { today: reviews.today(), optionIds: options.map(o => o.id) })
      if (!form.ok) return decisionForm(reply, product, review, form.values, { errors: form.errors, status: 400 })
      try {
        await reviews.recordDecision(actor, product, review, form.value.decision, form.value.changed)
        request.session.flash({ kind: 'success', heading: 'Decision recorded and linked to the review' })
        return reply.seeOther(reviewHref(product.id, review.id))
      } catch (err) {
        if (err instanceof ValidationError)
          return decisionForm(reply, product, review, form.values, {
            errors: formErrors(err.fieldErrors, DECISION_FIELDS),
            status: 400,
          })
        throw err
      }
    },
  )
}
