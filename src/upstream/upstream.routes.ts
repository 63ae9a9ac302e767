// Following an upstream handbook, for editors: what changed upstream, and per page the three-way
// view with the three choices. The source itself is set on the command line
// (`npm run valuekit -- handbook upstream check <source>`): pages only check the one an operator set,
// so nobody can make the server read an address or folder of their choosing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import { authorize } from '../platform/auth/authorize.ts'
import type { CurrentUser } from '../platform/auth/roles.ts'
import { diffView } from '../platform/diff.ts'
import { NotFoundError, ValidationError, staleRecord } from '../platform/errors.ts'
import { formErrors, parseForm } from '../platform/forms.ts'
import type { Services } from '../services.ts'
import { canFollowUpstream } from './upstream.policy.ts'
import { decisionSchema, upstreamSlugParams } from './upstream.schemas.ts'
import { UpstreamReadError } from './upstream.source.ts'

type SlugRequest = FastifyRequest<{ Params: { slug: string } }>

function requireEditor(request: FastifyRequest): CurrentUser {
  authorize(request.user !== null && canFollowUpstream(request.user))
  return request.user
}

const STATE_TEXT = {
  changed: 'Changed upstream',
  new: 'New upstream',
  deleted: 'Deleted upstream',
  current: 'Up to date',
}

export default async function upstreamRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { upstream } = services

  app.get('/handbook/upstream', { config: { access: 'signed-in' } }, async (request, reply) => {
    requireEditor(request)
    const status = await upstream.status()
    return reply.page(
      'upstream/views/index.njk',
      {
        pageTitle: 'Upstream handbook',
        status,
        rows: status.pages.map(page => ({ ...page, stateText: STATE_TEXT[page.state] })),
      },
      { nav: 'handbook' },
    )
  })

  app.post('/handbook/upstream/check', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = requireEditor(request)
    try {
      const status = await upstream.check(actorOf(user))
      const count = status.pages.length
      request.session.flash({
        kind: 'success',
        heading: 'Checked the upstream handbook',
        text:
          count === 0 ? 'Nothing needs a decision.' : `${count} ${count === 1 ? 'page needs' : 'pages need'} a look.`,
      })
    } catch (error) {
      if (!(error instanceof UpstreamReadError) && !(error instanceof NotFoundError)) throw error
      request.session.flash({
        kind: 'important',
        heading: 'Could not check the upstream handbook',
        text: error.message,
      })
    }
    return reply.seeOther('/handbook/upstream')
  })

  const reviewPage = async (
    request: SlugRequest,
    reply: FastifyReply,
    extra: { errors?: unknown; body?: string } = {},
    status = 200,
  ) => {
    const review = await upstream.review(request.params.slug)
    return reply.page(
      'upstream/views/page.njk',
      {
        pageTitle: `${extra.errors ? 'Error: ' : ''}Upstream change to ${review.record.title}`,
        review,
        stateText: STATE_TEXT[review.record.state],
        upstreamView: diffView(review.upstreamChange),
        localView: diffView(review.localChange),
        body: extra.body ?? review.merged.text,
        errors: extra.errors,
      },
      { nav: 'handbook', status },
    )
  }

  app.get<{ Params: { slug: string } }>(
    '/handbook/upstream/:slug',
    { config: { access: 'signed-in' }, schema: { params: upstreamSlugParams } },
    async (request, reply) => {
      requireEditor(request)
      return reviewPage(request, reply)
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/upstream/:slug',
    { config: { access: 'signed-in' }, schema: { params: upstreamSlugParams } },
    async (request, reply) => {
      const user = requireEditor(request)
      const posted = request.body as Record<string, unknown> | undefined
      const typed = typeof posted?.body === 'string' ? posted.body : undefined
      const parsed = parseForm(decisionSchema, request.body, ['choice', 'body'])
      if (!parsed.ok) return reviewPage(request, reply, { errors: parsed.errors, body: typed }, 400)
      const { choice, body, pageVersion } = parsed.value
      try {
        const page = await upstream.resolve(actorOf(user), request.params.slug, choice, { body, pageVersion })
        request.session.flash({
          kind: 'success',
          heading: { take: 'Took upstream’s change', keep: 'Kept your version', combine: 'Saved the combined text' }[
            choice
          ],
          text: `${page.title} is up to date with the upstream handbook.`,
        })
        return reply.seeOther('/handbook/upstream')
      } catch (error) {
        const latest = staleRecord<{ updatedByName: string }>(error)
        if (latest)
          return reviewPage(
            request,
            reply,
            {
              body: typed,
              errors: formErrors({
                body: `${latest.updatedByName} changed the page while you were looking. Check the changes again below, then decide`,
              }),
            },
            409,
          )
        if (error instanceof ValidationError)
          return reviewPage(request, reply, { body: typed, errors: formErrors(error.fieldErrors) }, 400)
        throw error
      }
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/upstream/:slug/add',
    { config: { access: 'signed-in' }, schema: { params: upstreamSlugParams } },
    async (request, reply) => {
      const user = requireEditor(request)
      try {
        const page = await upstream.add(actorOf(user), request.params.slug)
        request.session.flash({
          kind: 'success',
          heading: 'Added the page',
          text: `${page.title} is now in your handbook.`,
        })
        return reply.seeOther(`/handbook/${page.slug}`)
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        request.session.flash({ kind: 'important', heading: 'Could not add the page', text: error.message })
        return reply.seeOther(`/handbook/upstream/${request.params.slug}`)
      }
    },
  )
}
