// Suggested changes: members suggest a change to a page; editors review, accept or decline it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { ConflictError, NotFoundError, ValidationError, staleRecord } from '../../platform/errors.ts'
import { formErrors, parseForm } from '../../platform/forms.ts'
import type { Services } from '../../services.ts'
import { canReviewSuggestions, canSeeSuggestion, canSuggestChange } from '../handbook.policy.ts'
import type { Page } from '../handbook.types.ts'
import {
  SUGGEST_FIELDS,
  acceptSchema,
  declineSchema,
  suggestFormSchema,
  suggestPreviewSchema,
} from '../handbook.schemas.ts'
import { suggestionView } from '../handbook.views.ts'
import { idParams, requireUser, slugParams } from './shared.ts'

/** Which button sent the form (the first value when the key is repeated). */
const formAction = (body: Record<string, unknown>): string => {
  const value = Array.isArray(body.action) ? body.action[0] : body.action
  return typeof value === 'string' ? value : ''
}

export default async function suggestionsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { handbook } = services

  const suggestForm = (
    reply: FastifyReply,
    page: Page,
    values: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    status = 200,
  ) =>
    reply.page(
      'handbook/views/suggest.njk',
      { pageTitle: `Suggest a change to ${page.title}`, page, values, ...extra },
      { status, nav: 'handbook' },
    )

  app.get<{ Params: { slug: string } }>(
    '/handbook/:slug/suggest',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      authorize(canSuggestChange(request.user))
      const page = await handbook.page(request.params.slug)
      return suggestForm(reply, page, {
        title: page.title,
        summary: page.summary,
        body: page.body,
        baseVersion: page.version,
      })
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/:slug/suggest',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canSuggestChange(user))
      const page = await handbook.page(request.params.slug)
      const values = request.body as Record<string, unknown>
      // A preview needs only the text; the reason is checked when the suggestion is sent.
      if (formAction(values) === 'preview') {
        const draft = parseForm(suggestPreviewSchema, request.body, SUGGEST_FIELDS)
        if (!draft.ok) return suggestForm(reply, page, values, { errors: draft.errors }, 400)
        return suggestForm(reply, page, values, { preview: await handbook.renderBody(draft.value.body) })
      }
      const parsed = parseForm(suggestFormSchema, request.body, SUGGEST_FIELDS)
      if (!parsed.ok) return suggestForm(reply, page, values, { errors: parsed.errors }, 400)
      try {
        const { baseVersion, action: _action, ...input } = parsed.value
        const suggestion = await handbook.suggest(actorOf(user), page.slug, input, baseVersion)
        request.session.flash({
          kind: 'success',
          heading: 'Thank you, your suggestion has been sent',
          text: 'An editor will review it. You can see what they decide here.',
        })
        return reply.seeOther(`/handbook/suggestions/${suggestion.id}`)
      } catch (err) {
        if (err instanceof ValidationError)
          return suggestForm(reply, page, values, { errors: formErrors(err.fieldErrors, SUGGEST_FIELDS) }, 400)
        throw err
      }
    },
  )

  app.get('/handbook/suggestions', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canReviewSuggestions(request.user))
    const open = await handbook.openSuggestions()
    return reply.page(
      'handbook/views/suggestions.njk',
      { pageTitle: 'Suggested changes', suggestions: open, mine: false },
      { nav: 'suggestions' },
    )
  })

  app.get('/handbook/suggestions/mine', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request)
    authorize(canSuggestChange(user))
    const suggestions = await handbook.suggestionsBy(user.id)
    return reply.page(
      'handbook/views/suggestions.njk',
      { pageTitle: 'Your suggested changes', suggestions, mine: true },
      { nav: 'home' },
    )
  })

  const reviewPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: Record<string, unknown> = {},
    status = 200,
  ) => {
    const review = await handbook.review(id)
    authorize(canSeeSuggestion(request.user, review.suggestion))
    const whole = (request.query as { whole?: string } | undefined)?.whole === 'yes'
    return reply.page(
      'handbook/views/suggestion.njk',
      { ...suggestionView(review, canReviewSuggestions(request.user), { whole }), ...extra },
      { status, nav: canReviewSuggestions(request.user) ? 'suggestions' : 'home' },
    )
  }

  app.get<{ Params: { id: string } }>(
    '/handbook/suggestions/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        params: idParams,
        querystring: { type: 'object', properties: { whole: { type: 'string', enum: ['yes'] } } },
      },
    },
    async (request, reply) => reviewPage(request, reply, request.params.id),
  )

  app.post<{ Params: { id: string } }>(
    '/handbook/suggestions/:id/accept',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canReviewSuggestions(user))
      const posted = request.body as Record<string, unknown>
      const parsed = parseForm(acceptSchema, request.body, ['body'])
      if (!parsed.ok)
        return reviewPage(
          request,
          reply,
          request.params.id,
          { errors: parsed.errors, acceptBody: posted.body, undoLaterChanges: posted.undoLaterChanges === 'yes' },
          400,
        )
      try {
        const page = await handbook.acceptSuggestion(
          actorOf(user),
          request.params.id,
          parsed.value.body,
          parsed.value.pageVersion,
          { undoLaterChanges: parsed.value.undoLaterChanges },
        )
        request.session.flash({
          kind: 'success',
          heading: 'Suggestion accepted',
          text: `It is now version ${page.version} of the page, credited to the person who suggested it.`,
        })
        return reply.seeOther('/handbook/suggestions')
      } catch (err) {
        const latest = staleRecord<Page>(err)
        if (latest) {
          return reviewPage(
            request,
            reply,
            request.params.id,
            {
              acceptBody: parsed.value.body,
              errors: formErrors({
                body: `${latest.updatedByName} changed the page while you were reviewing. Check the text below against the latest version, then accept again`,
              }),
            },
            409,
          )
        }
        if (err instanceof ValidationError)
          return reviewPage(
            request,
            reply,
            request.params.id,
            {
              acceptBody: parsed.value.body,
              undoLaterChanges: parsed.value.undoLaterChanges,
              errors: formErrors(err.fieldErrors),
            },
            400,
          )
        if (err instanceof ConflictError) {
          request.session.flash({ kind: 'important', heading: 'Someone else has already decided this suggestion' })
          return reply.seeOther(`/handbook/suggestions/${request.params.id}`)
        }
        throw err
      }
    },
  )

  app.post<{ Params: { id: string } }>(
    '/handbook/suggestions/:id/decline',
    { config: { access: 'signed-in' }, schema: { params: idParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canReviewSuggestions(user))
      const parsed = parseForm(declineSchema, request.body, ['reason'])
      if (!parsed.ok)
        return reviewPage(
          request,
          reply,
          request.params.id,
          { errors: parsed.errors, declineReason: (request.body as Record<string, unknown>).reason },
          400,
        )
      try {
        await handbook.declineSuggestion(actorOf(user), request.params.id, parsed.value.reason)
      } catch (err) {
        if (err instanceof ConflictError) {
          request.session.flash({ kind: 'important', heading: 'Someone else has already decided this suggestion' })
          return reply.seeOther(`/handbook/suggestions/${request.params.id}`)
        }
        if (err instanceof NotFoundError) throw err
        throw err
      }
      request.session.flash({
        kind: 'success',
        heading: 'Suggestion declined',
        text: 'The person who made it can see your reason.',
      })
      return reply.seeOther('/handbook/suggestions')
    },
  )
}
