// A page's history: its versions, one version, comparing two, and restoring an old one.
import type { FastifyInstance } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { staleRecord } from '../../platform/errors.ts'
import type { Services } from '../../services.ts'
import type { Page } from '../handbook.types.ts'
import { canEditHandbook, canSeeHistory } from '../handbook.policy.ts'
import { versionSchema } from '../handbook.schemas.ts'
import { diffView } from '../../platform/diff.ts'
import { requireUser, slugParams, versionParams } from './shared.ts'

export default async function historyRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { handbook } = services

  app.get<{ Params: { slug: string } }>(
    '/handbook/:slug/history',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      authorize(canSeeHistory(request.user))
      const { page, versions } = await handbook.history(request.params.slug)
      return reply.page(
        'handbook/views/history.njk',
        { pageTitle: `History of ${page.title}`, page, versions, can: { edit: canEditHandbook(request.user) } },
        { nav: 'handbook' },
      )
    },
  )

  app.get<{ Params: { slug: string; version: number } }>(
    '/handbook/:slug/versions/:version',
    { config: { access: 'signed-in' }, schema: { params: versionParams } },
    async (request, reply) => {
      authorize(canSeeHistory(request.user))
      const { page, version } = await handbook.version(request.params.slug, request.params.version)
      return reply.page(
        'handbook/views/version.njk',
        {
          pageTitle: `Version ${version.version} of ${page.title}`,
          page,
          version,
          html: await handbook.renderBody(version.body),
          can: { edit: canEditHandbook(request.user) },
        },
        { nav: 'handbook' },
      )
    },
  )

  app.post<{ Params: { slug: string; version: number } }>(
    '/handbook/:slug/versions/:version/restore',
    { config: { access: 'signed-in' }, schema: { params: versionParams } },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canEditHandbook(user))
      const parsed = versionSchema.safeParse(request.body)
      const page = await handbook.page(request.params.slug)
      try {
        await handbook.restore(
          actorOf(user),
          page.slug,
          request.params.version,
          parsed.success ? parsed.data.baseVersion : -1,
        )
      } catch (err) {
        const latest = staleRecord<Page>(err)
        if (latest) {
          request.session.flash({
            kind: 'important',
            heading: 'Nothing was restored',
            text: `${latest.updatedByName} saved version ${latest.version} in the meantime. Check the history, then try again.`,
          })
          return reply.seeOther(`/handbook/${page.slug}/history`)
        }
        throw err
      }
      request.session.flash({ kind: 'success', heading: `Version ${request.params.version} is now the latest version` })
      return reply.seeOther(`/handbook/${page.slug}`)
    },
  )

  app.get<{ Params: { slug: string }; Querystring: { from?: number; to?: number; whole?: string } }>(
    '/handbook/:slug/compare',
    {
      config: { access: 'signed-in' },
      schema: {
        params: slugParams,
        querystring: {
          type: 'object',
          properties: {
            from: { type: 'integer', minimum: 1 },
            to: { type: 'integer', minimum: 1 },
            whole: { type: 'string', enum: ['yes'] },
          },
        },
      },
    },
    async (request, reply) => {
      authorize(canSeeHistory(request.user))
      const page = await handbook.page(request.params.slug)
      const to = request.query.to ?? page.version
      const from = request.query.from ?? Math.max(1, to - 1)
      if (from === to) {
        request.session.flash({ kind: 'important', heading: 'Choose two different versions to compare' })
        return reply.seeOther(`/handbook/${page.slug}/history`)
      }
      const [older, newer] = from < to ? [from, to] : [to, from]
      const comparison = await handbook.compare(page.slug, older, newer)
      const whole = request.query.whole === 'yes'
      const here = `/handbook/${page.slug}/compare?from=${older}&to=${newer}`
      return reply.page(
        'handbook/views/compare.njk',
        {
          pageTitle: `Compare versions of ${page.title}`,
          ...comparison,
          bodyView: diffView(comparison.body, { whole }),
          toggleHref: whole ? here : `${here}&whole=yes`,
        },
        { nav: 'handbook' },
      )
    },
  )
}
