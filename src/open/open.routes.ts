// Working in the open: the team's page for publishing a thing (choose what to show, give a reason
// for each part held back), taking it down, and what was published before; and the public pages,
// /open and /open/<slug>, which anyone can read without signing in. Public pages are rendered once
// per published version.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { requireViewer } from '../platform/auth/viewer.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { formErrors, readText, type FormErrors } from '../platform/forms.ts'
import type { CachedPageRef } from '../platform/http/fast-lane.ts'
import { PageCache } from '../platform/http/page-cache.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import type { Product } from '../products/products.types.ts'
import type { Services } from '../services.ts'
import { canPublish, canReadPublished, canSeePublishing } from './open.policy.ts'
import { publishedProblems } from './open.service.ts'
import type { PublishableField, PublishedVersion } from './open.types.ts'
import { PUBLIC_TEXT_MAX as PUBLIC_FEEDBACK_MAX } from '../insight/insight.service.ts'
import {
  feedbackChoices,
  historyRows,
  publicPageView,
  publicationStatus,
  publishErrors,
  publishHref,
  publishRows,
  readPublishForm,
  fieldsDigest,
  heldBefore,
} from './open.views.ts'

const NAV = 'products'
/** Feedback a browser's address may leave a minute, across all public pages. */
const FEEDBACK_RATE_LIMIT = 10
/** A public page's slug, as the route's schema and the fast lane accept it. */
const SLUG = '[a-z0-9][a-z0-9-]{0,99}'
const slugParams = {
  type: 'object',
  properties: { slug: { type: 'string', pattern: `^${SLUG}$` } },
  required: ['slug'],
} as const

export default async function openRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { open, products } = services
  const cache = new PageCache(500, 8 * 1024 * 1024)

  const load = async (request: Parameters<typeof requireViewer>[0] & { params: { id: string } }) => {
    const viewer = requireViewer(request)
    authorize(canSeePublishing(viewer))
    const [product, members] = await Promise.all([products.get(request.params.id), products.members(request.params.id)])
    return { viewer, product, can: { publish: canPublish(viewer, product, members) } }
  }

  const publishPage = async (
    reply: FastifyReply,
    product: Product,
    can: { publish: boolean },
    o: {
      fields?: PublishableField[]
      values?: Record<string, string | string[]>
      errors?: FormErrors
      status?: number
      stale?: boolean
      changed?: boolean
    } = {},
  ) => {
    const [fields, publication, versions] = await Promise.all([
      o.fields ?? open.fields(product),
      open.publication(product.id),
      open.history(product.id),
    ])
    return reply.page(
      'open/views/publish.njk',
      {
        pageTitle: `Publish in the open: ${product.name}`,
        product,
        rows: publishRows(fields, o.values ?? heldBefore(fields, versions[0]?.withheld ?? [])),
        digest: fieldsDigest(fields),
        status: publicationStatus(publication, versions[0]),
        version: publication?.version ?? 0,
        hasHistory: versions.length > 0,
        errors: o.errors,
        stale: o.stale ?? false,
        changed: o.changed ?? false,
        can,
      },
      { status: o.status ?? 200, nav: NAV },
    )
  }

  app.get<{ Params: { id: string } }>(
    '/products/:id/publish',
    { config: { access: 'signed-in' }, schema: { params: uuidParams('id') } },
    async (request, reply) => {
      const { product, can } = await load(request)
      return publishPage(reply, product, can)
    },
  )

  app.post<{ Params: { id: string } }>(
    '/products/:id/publish',
    { config: { access: 'signed-in' }, schema: { params: uuidParams('id') } },
    async (request, reply) => {
      const { viewer, product, can } = await load(request)
      authorize(can.publish)
      const fields = await open.fields(product)
      const form = readPublishForm(request.body, fields)
      const posted = readText(request.body, 'version', 12)
      // The form always says which publication it was opened on; without that, nothing is safe to publish.
      if (!/^\d+$/.test(posted)) {
        const errors = publishErrors(
          { fields: 'Something went wrong with the form: open it again and choose what to publish' },
          fields,
        )
        return publishPage(reply, product, can, { fields, values: form.values, errors, status: 400 })
      }
      // Parts added, removed or changed since the form was drawn: publish nothing the person has not seen.
      if (!form.current)
        return publishPage(reply, product, can, { fields, values: form.values, status: 409, changed: true })
      const expected = Number(posted)
      try {
        const published = await open.publish(actorOf(viewer.user), product, form.withhold, expected, fields)
        request.session.flash({ kind: 'success', heading: `Version ${published.number} is public` })
        return reply.seeOther(publishHref(product.id))
      } catch (err) {
        if (err instanceof ValidationError) {
          const errors = publishErrors(err.fieldErrors, fields)
          return publishPage(reply, product, can, { fields, values: form.values, errors, status: 400 })
        }
        if (err instanceof StaleVersionError)
          return publishPage(reply, product, can, { fields, values: form.values, status: 409, stale: true })
        throw err
      }
    },
  )

  app.post<{ Params: { id: string } }>(
    '/products/:id/publish/withdraw',
    { config: { access: 'signed-in' }, schema: { params: uuidParams('id') } },
    async (request, reply) => {
      const { viewer, product, can } = await load(request)
      authorize(can.publish)
      const expected = Number.parseInt(readText(request.body, 'version', 12), 10) || 0
      try {
        await open.withdraw(actorOf(viewer.user), product, expected)
        request.session.flash({ kind: 'success', heading: 'The public page has been taken down' })
      } catch (err) {
        if (!(err instanceof StaleVersionError)) throw err
        request.session.flash({
          kind: 'important',
          heading: 'Someone changed the publication while you were looking',
          text: 'Nothing was taken down. Check what is public now, then try again if you still want to.',
        })
      }
      return reply.seeOther(publishHref(product.id))
    },
  )

  app.get<{ Params: { id: string } }>(
    '/products/:id/publish/history',
    { config: { access: 'signed-in' }, schema: { params: uuidParams('id') } },
    async (request, reply) => {
      const { product } = await load(request)
      return reply.page(
        'open/views/history.njk',
        {
          pageTitle: `What has been published: ${product.name}`,
          product,
          versions: historyRows(await open.history(product.id)),
        },
        { nav: NAV },
      )
    },
  )

  // ---- Public pages ----

  app.get('/open', { config: { access: 'public' } }, async (request, reply) => {
    authorize(canReadPublished())
    return reply.page('open/views/index.njk', { pageTitle: 'Working in the open', published: await open.published() })
  })

  /** A public page's place in the cache: one per published version, the same for every reader. */
  const pagePlace = (slug: string, version: string): CachedPageRef => ({
    cache,
    key: `${slug}:${version}`,
    options: {},
  })

  app.get<{ Params: { slug: string } }>(
    '/open/:slug',
    { config: { access: 'public' }, schema: { params: slugParams } },
    async (request, reply) => {
      authorize(canReadPublished())
      const { slug } = request.params
      const version = await open.pageVersion(slug)
      if (version === null) throw new NotFoundError('Nothing is published here')
      const place = pagePlace(slug, version)
      return reply.cachedPage(
        place.cache,
        place.key,
        'open/views/page.njk',
        async () => {
          const { snapshot } = await open.page(slug)
          return { pageTitle: snapshot.content.name, slug, ...publicPageView(snapshot) }
        },
        place.options,
      )
    },
  )

  // The same pages, answered in front of Fastify when already in the cache (fast-lane.ts, ADR
  // 0008), from the version in memory (or not at all: the request then goes to the route above).
  app.pageLane({
    path: new RegExp(`^/open/(${SLUG})$`),
    access: 'public',
    page: match => {
      const slug = match[1]
      const version = slug === undefined ? undefined : open.rememberedPageVersion(slug)
      return slug === undefined || version === undefined || version === null ? null : pagePlace(slug, version)
    },
  })

  // ---- Feedback from the public: held for the team to moderate, then part of the thing's insight ----

  const feedbackForm = async (
    reply: FastifyReply,
    slug: string,
    snapshot: PublishedVersion,
    values: { text?: string; about?: string },
    errors?: FormErrors,
    status = 200,
  ) => {
    const name = snapshot.content.name
    return reply.page(
      'open/views/feedback.njk',
      {
        pageTitle: `Tell the team what you think: ${name}`,
        slug,
        name,
        values,
        choices: feedbackChoices(publishedProblems(snapshot), values.about ?? ''),
        errors,
        max: PUBLIC_FEEDBACK_MAX,
      },
      { status },
    )
  }

  app.get<{ Params: { slug: string } }>(
    '/open/:slug/feedback',
    { config: { access: 'public' }, schema: { params: slugParams } },
    async (request, reply) => {
      authorize(canReadPublished())
      const { snapshot } = await open.page(request.params.slug)
      return feedbackForm(reply, request.params.slug, snapshot, {})
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/open/:slug/feedback',
    {
      // Anyone may send it: the form token ties it to a browser's session, and each address may
      // send only a few a minute. Nothing about the sender is kept.
      config: { access: 'public', rateLimit: { max: FEEDBACK_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: { params: slugParams },
    },
    async (request, reply) => {
      authorize(canReadPublished())
      const { slug } = request.params
      const form = {
        text: readText(request.body, 'text', PUBLIC_FEEDBACK_MAX * 2),
        about: readText(request.body, 'about', 100),
      }
      try {
        await open.leaveFeedback(slug, form)
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err
        const { snapshot } = await open.page(slug)
        return feedbackForm(reply, slug, snapshot, form, formErrors(err.fieldErrors, ['about', 'text']), 400)
      }
      request.session.flash({
        kind: 'success',
        heading: 'Thank you: the team will read what you said',
        text: 'They read it before adding it to what the organisation has learned from its users. It is not shown on this page.',
      })
      return reply.seeOther(`/open/${slug}`)
    },
  )
}
