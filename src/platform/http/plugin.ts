// The HTTP platform every capability stands on: forms, cookies, sessions, CSRF, security
// headers with a per-request CSP nonce, fingerprinted assets, page rendering in the site layout,
// the sign-in gate and the error pages.
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import formbody from '@fastify/formbody'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../../config.ts'
import { unavailableCode, unavailableReason } from '../../db/availability.ts'
import type { SessionManager } from '../auth/session.ts'
import { safeReturnPath } from '../auth/session.ts'
import type { CurrentUser } from '../auth/roles.ts'
import type { Viewer, ViewerSource } from '../auth/viewer.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors.ts'
import { BUILD_DIR, assetUrl, type AssetManifest } from './assets.ts'
import { FormTokenError, FormTokens } from './form-tokens.ts'
import type { FastLane, PageLane } from './fast-lane.ts'
import { PageCache } from './page-cache.ts'
import { HTML, cachedPageKey, mustNotStore, passesSignInGate, showsFlash, spliceValues } from './page-rules.ts'
import { newNonce, securityHeaderSet, securityHeaders } from './security-headers.ts'
import type { LayoutBase, PageOptions } from './types.ts'
import { isMultipartRequest } from './uploads.ts'
import { renderView, type ViewEnvironment } from './views.ts'
import './types.ts'

export interface HttpPlatformOptions {
  readonly config: Config
  readonly views: ViewEnvironment
  readonly sessions: SessionManager
  readonly manifest: AssetManifest
  /** Builds the chrome for the person reading (request.viewer, resolved before it is called). */
  readonly layout: (viewer: Viewer | null) => Promise<LayoutBase>
  /** The same layout without waiting, when all it needs is in memory; undefined otherwise (fast lane). */
  readonly rememberedLayout: (viewer: Viewer | null) => LayoutBase | undefined
  /** Resolves the signed-in person's profile into request.viewer, once per request. */
  readonly viewers: ViewerSource
  /** Sign-in attempts allowed per client address per minute. */
  readonly signInRateLimit?: number
  /** The fast lane in front of Fastify (fast-lane.ts), when the server was made with its serverFactory. */
  readonly lane?: FastLane
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** The largest form (in characters) kept while its author signs in again: a long handbook page fits. */
const MAX_KEPT_FORM = 300_000

/** Renders the error pages for what Fastify refuses before any hook runs (see httpServerOptions). */
interface EarlyErrorPages {
  reply(error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<void>
  write(status: number, socket: Socket): Promise<void>
}
const earlyErrorPages = new WeakMap<FastifyInstance, EarlyErrorPages>()

/**
 * Options Fastify takes only when it is made: which proxies' X-Forwarded-For to believe
 * (TRUSTED_PROXIES; none by default), and the styled error page, with the security headers, for
 * what it refuses before routing (a badly encoded address) or before parsing (headers too large).
 */
export function httpServerOptions(
  config: Config,
): Pick<FastifyServerOptions, 'trustProxy' | 'frameworkErrors' | 'clientErrorHandler'> {
  return {
    trustProxy: config.trustedProxies.length > 0 ? [...config.trustedProxies] : false,
    frameworkErrors: (error, request, reply) => {
      const pages = earlyErrorPages.get(request.server)
      // The platform plugin is always registered; without it the socket is simply closed.
      if (pages) pages.reply(error, request, reply).catch(() => request.raw.socket.destroy())
      else request.raw.socket.destroy()
    },
    clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
      if (error.code === 'ECONNRESET' || socket.destroyed) return
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
      this.log.info({ event: 'request-rejected', status, code: error.code }, 'Request rejected before routing')
      const pages = earlyErrorPages.get(this)
      if (pages)
        pages
          .write(status, socket)
          .catch(() => undefined)
          .finally(() => socket.destroy())
      else socket.destroy()
    },
  }
}

async function httpPlatform(app: FastifyInstance, options: HttpPlatformOptions): Promise<void> {
  const { config, views, sessions, manifest } = options
  const siteOrigin = new URL(config.baseUrl).origin
  const tokens = new FormTokens(config.sessionSecret)
  /** Requests carrying a form from a page of a session that has run out, and whose session it was. */
  const formsOfEndedSessions = new WeakMap<FastifyRequest, string>()
  // The last layout drawn, so the "service unavailable" page keeps the organisation's look while
  // the database is away.
  let lastLayout: LayoutBase | null = null

  // The form token of this request's session. Signed-out visitors are given a session for it only
  // when the page has a form (error pages do not).
  const csrfToken = (request: FastifyRequest, reply: FastifyReply, create = true): string => {
    const id = create ? sessions.ensure(request, reply) : request.session.id
    return id ? tokens.tokenFor(id) : ''
  }

  await app.register(formbody, { bodyLimit: 2 * 1024 * 1024 })
  // Forms are the only bodies accepted (and multipart on the routes a plugin registers through
  // uploadRoutes in uploads.ts): anything else is refused with 415 before any handler sees it.
  app.removeContentTypeParser(['application/json', 'text/plain'])
  await app.register(cookie, { secret: config.sessionSecret })
  securityHeaders(app, { https: config.secureCookies })
  const headerSet = securityHeaderSet({ https: config.secureCookies })
  await app.register(rateLimit, { global: false })

  // Stylesheets, scripts and images are for everyone, the sign-in page included.
  app.addHook('onRoute', route => {
    if (route.url.startsWith('/assets/')) route.config = { ...route.config, access: 'public' }
  })
  await app.register(fastifyStatic, {
    root: BUILD_DIR,
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    wildcard: true,
  })

  // The viewer: the signed-in person with their profile, for policies, handlers and the layout.
  // One query, made at most once per request (again only if someone signed in or out meanwhile).
  app.decorateRequest('viewer', null)
  const viewerOf = async (user: CurrentUser | null): Promise<Viewer | null> =>
    user ? options.viewers.viewer(user) : null
  const resolveViewer = async (request: FastifyRequest): Promise<void> => {
    const user = request.user
    if (!user) request.viewer = null
    else if (request.viewer?.user !== user) request.viewer = await viewerOf(user)
  }
  const drawLayout = async (viewer: Viewer | null): Promise<LayoutBase> => (lastLayout = await options.layout(viewer))
  const layoutOf = async (request: FastifyRequest): Promise<LayoutBase> => {
    await resolveViewer(request)
    return drawLayout(request.viewer)
  }

  // Sessions: read before anything else looks at who is signed in; saved just before sending.
  // Routes that never show a page or ask a policy (config.viewer: false) skip the viewer.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/assets/')) return
    await sessions.load(request, reply)
    if (request.routeOptions.config.viewer !== false) await resolveViewer(request)
  })
  // (A callback hook: most replies have nothing to save, and a promise for each costs more.)
  app.addHook('onSend', (request, reply, payload, done) => {
    if (mustNotStore(request.user !== null, reply.getHeader('content-type'))) reply.header('cache-control', 'no-store')
    if (!request.session?.dirty) return done(null, payload)
    sessions.save(request, reply).then(
      () => done(null, payload),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    )
  })

  app.decorate('checkFormToken', (request: FastifyRequest) => {
    const token = (request.body as Record<string, unknown> | undefined)?._csrf
    if (!tokens.matches(token, request.session?.id)) throw new FormTokenError('token')
  })

  // CSRF: every state-changing request comes from this site (its Origin, when the browser sends
  // one) and carries the token of its own session. Checked before the route's own validation, so
  // a forged post learns nothing from a validation message. A request no route answers changes
  // nothing, so it gets the 404 page (TRACE included) rather than a form error.
  app.addHook('preValidation', (request, _reply, done) => {
    if (SAFE_METHODS.has(request.method) || !request.routeOptions.url) return done()
    const origin = request.headers.origin
    if (origin !== undefined && origin !== siteOrigin) return done(new FormTokenError('origin'))
    // An upload's body is read after this hook: uploads.ts checks its token once it has it.
    if (request.routeOptions.config.uploads === true && isMultipartRequest(request)) return done()
    const body = request.body as Record<string, unknown> | undefined
    const token = body?._csrf
    if (tokens.matches(token, request.session?.id)) return done()
    // A form from a page of the session that ran out in this browser: kept for its owner below.
    const ended = request.session?.data.ended
    if (!request.user && ended?.sessionId && tokens.matches(token, ended.sessionId)) {
      formsOfEndedSessions.set(request, ended.userId)
      return done()
    }
    done(new FormTokenError('token'))
  })

  // The sign-in gate: routes are for signed-in people unless they say they are public. A form
  // posted after the session ran out is kept and offered back once that person (and only they)
  // signs in again. A form with no known owner, or sent after signing out on purpose, is not.
  app.addHook('preHandler', async (request, reply) => {
    const access = request.routeOptions.config.access
    // A kept form, once sent again, is in the hands of the page it was sent to.
    const pending = request.session?.data.pending
    if (request.user && pending && !SAFE_METHODS.has(request.method) && pending.path === request.url) {
      request.session.take('pending')
    }
    if (passesSignInGate(access, request.user)) return
    if (!request.routeOptions.url) return
    if (SAFE_METHODS.has(request.method)) {
      const returnTo = safeReturnPath(request.url)
      return reply.redirect(`/sign-in${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`, 303)
    }
    const owner = formsOfEndedSessions.get(request)
    if (!owner) return reply.redirect('/sign-in', 303)
    const fields: Record<string, string | string[]> = {}
    const body = request.body
    if (body && typeof body === 'object') {
      for (const [key, value] of Object.entries(body)) {
        if (key === '_csrf' || key === '__proto__' || key === 'constructor' || key === 'prototype') continue
        // Passwords are never kept: not in the sessions table, not in a page's hidden fields.
        if (/password/i.test(key)) continue
        if (typeof value === 'string' || (Array.isArray(value) && value.every(v => typeof v === 'string'))) {
          fields[key] = value as string | string[]
        }
      }
    }
    // What is kept lives in the sessions table: a large upload (a spreadsheet) is not kept.
    const keptSize = Object.values(fields).reduce((n, v) => n + (Array.isArray(v) ? v.join('').length : v.length), 0)
    if (keptSize > MAX_KEPT_FORM) return reply.redirect('/sign-in', 303)
    const path = safeReturnPath(request.url)
    if (!path || Object.keys(fields).length === 0) return reply.redirect('/sign-in', 303)
    request.session.set('pending', {
      path,
      fields,
      savedAt: new Date().toISOString(),
      userId: owner,
    })
    return reply.redirect('/sign-in?resume=1', 303)
  })

  app.decorateReply('seeOther', function (this: FastifyReply, url: string) {
    return this.redirect(url, 303)
  })

  async function layoutContext(
    request: FastifyRequest,
    reply: FastifyReply,
    pageOptions: PageOptions = {},
    withForms = true,
  ) {
    const base = await layoutOf(request)
    const flash = request.session?.data.flash ? request.session.take('flash') : undefined
    return {
      ...base,
      navigation: base.navigation.map(item => ({ ...item, active: item.key === pageOptions.nav })),
      currentNav: pageOptions.nav,
      user: request.user,
      viewer: request.viewer,
      cspNonce: reply.cspNonce?.script,
      csrfToken: csrfToken(request, reply, withForms),
      flash,
      currentPath: request.url,
      asset: (name: string) => assetUrl(manifest, name),
      sessionIdleMinutes: config.sessionIdleMinutes,
    }
  }

  app.decorateReply('layoutContext', function (this: FastifyReply, pageOptions?: PageOptions) {
    return layoutContext(this.request, this, pageOptions)
  })

  app.decorateReply(
    'page',
    async function (
      this: FastifyReply,
      template: string,
      context: Record<string, unknown> = {},
      pageOptions: PageOptions = {},
    ) {
      const layout = await layoutContext(this.request, this, pageOptions)
      const html = renderView(views, template, { ...layout, ...context })
      return this.code(pageOptions.status ?? 200)
        .type('text/html; charset=utf-8')
        .send(html)
    },
  )

  app.decorateReply(
    'cachedPage',
    async function (
      this: FastifyReply,
      cache: PageCache,
      key: string,
      template: string,
      context: () => Promise<Record<string, unknown>>,
      pageOptions: PageOptions = {},
    ) {
      const request = this.request
      if (showsFlash(request.session?.data)) return this.page(template, await context(), pageOptions)
      const base = await layoutOf(request)
      const fullKey = cachedPageKey(key, base, pageOptions)
      let entry = cache.get(fullKey)
      if (!entry) {
        const layout = await layoutContext(request, this, pageOptions)
        const P = PageCache.placeholders
        const html = renderView(views, template, {
          ...layout,
          cspNonce: P.nonce,
          csrfToken: P.csrf,
          user: request.user ? { ...request.user, name: P.userName } : null,
          ...(await context()),
        })
        entry = cache.set(fullKey, html)
      }
      const body = PageCache.fillBytes(
        entry,
        spliceValues(this.cspNonce?.script ?? '', request.user, () => csrfToken(request, this)),
      )
      return this.code(pageOptions.status ?? 200)
        .type(HTML)
        .send(body)
    },
  )

  // The fast lane answers cached pages in front of Fastify with the functions above (fast-lane.ts).
  // Routes offer their cached pages through app.pageLane. At debug, Fastify logs every request,
  // so every request goes through Fastify.
  const lane = options.lane
  app.decorate('pageLane', (offer: PageLane) => lane?.add(offer))
  const logsEveryRequest = app.log.level === 'debug' || app.log.level === 'trace'
  if (lane && !logsEveryRequest) {
    lane.install({
      cookieName: sessions.options.cookieName,
      parseCookie: header => app.parseCookie(header),
      session: token => sessions.inspectRemembered(token),
      viewer: user => (user ? options.viewers.rememberedViewer(user) : null),
      layout: viewer => {
        const layout = options.rememberedLayout(viewer)
        if (layout) lastLayout = layout
        return layout
      },
      formToken: id => tokens.tokenFor(id),
      headers: headerSet,
    })
    // Fastify answers while it closes (503 and Connection: close), from the moment it starts to.
    app.addHook('preClose', done => {
      lane.close()
      done()
    })
  }

  /** An error page in the site layout. It has no form, so it gives a signed-out visitor no session. */
  async function errorPage(request: FastifyRequest, reply: FastifyReply, status: number, extra = {}) {
    const layout = await layoutContext(request, reply, {}, false)
    const html = renderView(views, `views/errors/${templateFor(status)}.njk`, {
      ...layout,
      pageTitle: titleFor(status),
      status,
      ...extra,
    })
    return reply.code(status).type('text/html; charset=utf-8').send(html)
  }

  // What Fastify refuses before any hook has run: no session, no security headers yet.
  let publicLayout: LayoutBase = { key: '', org: {}, navigation: [] }
  const earlyPage = (status: number, base: LayoutBase, nonce: string): string =>
    renderView(views, `views/errors/${templateFor(status)}.njk`, {
      ...base,
      user: null,
      cspNonce: nonce,
      csrfToken: '',
      currentPath: '/',
      asset: (name: string) => assetUrl(manifest, name),
      pageTitle: titleFor(status),
      status,
    })
  earlyErrorPages.set(app, {
    async reply(error, request, reply) {
      const status = statusFor(error)
      request.log.info({ event: 'request-rejected', status, code: error.code }, 'Request rejected before routing')
      const nonce = newNonce()
      reply.headers(headerSet.fixed).header('content-security-policy', headerSet.csp(nonce))
      let html: string
      try {
        request.user = null
        request.viewer = null
        publicLayout = await options.layout(null)
        html = earlyPage(status, publicLayout, nonce)
      } catch (renderError) {
        request.log.error({ err: renderError }, 'Error page could not be rendered')
        html = plainErrorPage(status)
      }
      await reply.code(status).type('text/html; charset=utf-8').send(html)
    },
    // Headers too large or a request Node could not parse: written straight to the socket, with
    // the layout (organisation name and logo) of the last page Fastify refused this way.
    async write(status, socket) {
      if (!socket.writable) return
      const nonce = newNonce()
      let html: string
      try {
        html = earlyPage(status, publicLayout, nonce)
      } catch {
        html = plainErrorPage(status)
      }
      const headers = {
        ...headerSet.fixed,
        'content-security-policy': headerSet.csp(nonce),
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(Buffer.byteLength(html)),
        'cache-control': 'no-store',
        connection: 'close',
      }
      const head = Object.entries(headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')
      await new Promise<void>(resolve => {
        socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\n${head}\r\n${html}`, () =>
          resolve(),
        )
      })
    },
  })

  app.setNotFoundHandler(
    { preHandler: app.rateLimit({ max: 300, timeWindow: '1 minute' }) },
    async (request, reply) => {
      if (!request.session) await sessions.load(request, reply)
      return errorPage(request, reply, 404)
    },
  )

  // The database is away: say so without asking it anything (no session, no navigation).
  function unavailablePage(reply: FastifyReply): string {
    return renderView(views, 'views/errors/503.njk', {
      org: lastLayout?.org ?? FALLBACK_ORG,
      navigation: [],
      user: null,
      cspNonce: reply.cspNonce?.script,
      asset: (name: string) => assetUrl(manifest, name),
      pageTitle: titleFor(503),
    })
  }

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = statusFor(error)
    const unavailable = unavailableCode(error)
    if (unavailable) {
      // The original error (SQLITE_FULL, 57P01...), never a failed ROLLBACK that followed it.
      request.log.error(
        { err: error, event: 'database-unavailable', code: unavailable, reason: unavailableReason(unavailable) },
        'Database unavailable',
      )
      try {
        return await reply
          .code(503)
          .header('retry-after', '30')
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(unavailablePage(reply))
      } catch (renderError) {
        request.log.error({ err: renderError }, 'Error page could not be rendered')
        return reply.code(503).type('text/html; charset=utf-8').send(plainErrorPage(503))
      }
    }
    if (status === 403) {
      request.log.warn(
        {
          event: 'authorization-failure',
          userId: request.user?.id ?? null,
          route: request.routeOptions.url,
          method: request.method,
          reason: error.code ?? error.name,
        },
        'Request refused',
      )
    } else if (status >= 500) {
      request.log.error({ err: error }, 'Request failed')
    } else {
      request.log.info({ event: 'request-rejected', status, code: error.code ?? error.name }, 'Request rejected')
    }
    const headers = (error as { headers?: Record<string, string> }).headers
    if (headers) reply.headers(headers)
    try {
      if (!request.session) await sessions.load(request, reply)
      return await errorPage(request, reply, status, { csrfFailure: error instanceof FormTokenError })
    } catch (renderError) {
      request.log.error({ err: renderError }, 'Error page could not be rendered')
      return reply.code(status).type('text/html; charset=utf-8').send(plainErrorPage(status))
    }
  })
}

function templateFor(status: number): string {
  return status === 404 ? '404' : status === 403 ? '403' : status >= 500 ? '500' : 'problem'
}

function statusFor(error: FastifyError): number {
  if (unavailableCode(error)) return 503
  if (error instanceof NotFoundError) return 404
  if (error instanceof ForbiddenError || error instanceof FormTokenError) return 403
  if (error instanceof ConflictError) return 409
  if (error instanceof ValidationError) return 400
  const status = error.statusCode ?? 500
  return status >= 400 && status < 600 ? status : 500
}

function titleFor(status: number): string {
  switch (status) {
    case 400:
      return 'There is a problem with the request'
    case 403:
      return 'You cannot see this page'
    case 404:
      return 'Page not found'
    case 409:
      return 'Someone else changed this'
    case 413:
      return 'What you sent is too large'
    case 414:
      return 'The web address is too long'
    case 415:
      return 'There is a problem with the request'
    case 429:
      return 'Too many attempts'
    case 431:
      return 'What your browser sent is too large'
    case 503:
      return 'Sorry, the service is unavailable'
    default:
      return status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem with the request'
  }
}

/** The organisation's look before any page has been drawn (the layout's defaults). */
const FALLBACK_ORG = {
  name: 'Valuekit',
  logoText: 'Valuekit',
  serviceName: 'Valuekit',
  brandColour: '#1d70b8',
  brandCssUrl: '/brand.css',
  phase: 'none',
  feedbackUrl: null,
  licenceText: 'The handbook belongs to its organisation.',
}

function plainErrorPage(status: number): string {
  const title = titleFor(status)
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>Try again later.</p></main></body></html>`
}

export default fp(httpPlatform, { name: 'valuekit-http-platform', fastify: '5.x' })
