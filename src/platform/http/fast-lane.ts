// The fast lane: cached pages answered in front of Fastify.
//
// A cached handbook page costs a few microseconds to splice, but going through Fastify (its hook
// chain, its reply, cookie parsing and 20 headers set one at a time) cost four times what a bare
// node:http server spends on the same bytes. The fast lane answers the commonest request there
// is, a GET or HEAD of a page already in the page cache, straight from node:http, and gives
// every other request to Fastify untouched.
//
// It answers only when nothing about the request needs more than reading what is in memory: no
// session cookie, or an active session with no flash message to show and no last_seen_at due a
// refresh; the session, the viewer's profile, the organisation's settings and the handbook
// revision all remembered (ADR 0007); the page in the cache. It never waits: anything it would
// have to wait for, write or render goes to Fastify, which answers as it always did (and
// remembers what it read, so the next request can take the lane). So do a cookie naming no
// session, a session that ran out, a query string, a trailing slash and a route's refusal.
//
// It decides with the same code Fastify's path runs: the same cookie parser, the session rules
// of SessionManager (inspectRemembered and inspect share them), the viewer and layout functions,
// the page rules of page-rules.ts, and the security headers of security-headers.ts. A lane,
// registered by a route beside itself, names its cached page with the same function the route's
// handler uses. test/fast-lane.test.ts proves that both paths give the same status, headers and
// body.
// See docs/decisions/0008-fast-lane-for-cached-pages.md.
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http'
import type { FastifyServerFactory } from 'fastify'
import type { CurrentUser } from '../auth/roles.ts'
import type { SessionCheck } from '../auth/session.ts'
import type { Viewer } from '../auth/viewer.ts'
import { newNonce } from './nonce.ts'
import { PageCache } from './page-cache.ts'
import { HTML, cachedPageKey, mustNotStore, passesSignInGate, showsFlash, spliceValues } from './page-rules.ts'
import type { SecurityHeaderSet } from './security-headers.ts'
import type { Access, LayoutBase, PageOptions } from './types.ts'

/** Who is reading, as the lane knows them before it asks a route. */
export interface LaneReader {
  readonly user: CurrentUser | null
  readonly viewer: Viewer | null
}

/** A page in a page cache, named as the route's handler names it for reply.cachedPage. */
export interface CachedPageRef {
  readonly cache: PageCache
  readonly key: string
  readonly options: PageOptions
}

/** A route's offer to the fast lane. */
export interface PageLane {
  /**
   * The request URLs the lane may answer, whole (anchored at both ends): the path only, no query
   * string and no trailing slash, in the characters the route's own schema accepts.
   */
  readonly path: RegExp
  /** The route's access (config.access), held to the sign-in gate's rule. */
  readonly access: Access
  /**
   * The cached page this reader would get from the route's handler, or null when the handler
   * would do anything else (redirect, refuse) or when deciding needs a read that is not in
   * memory: the request then goes to Fastify.
   */
  page(match: RegExpExecArray, reader: LaneReader): CachedPageRef | null
}

/** What the HTTP platform lends the lane: its own functions, so both paths run the same code. */
export interface LaneDeps {
  /** The session cookie's name. */
  readonly cookieName: string
  /** @fastify/cookie's parser, which Fastify's path uses. */
  parseCookie(header: string): Record<string, string | undefined>
  /** SessionManager.inspectRemembered: undefined when the session is not in memory. */
  session(token: string | undefined): SessionCheck | undefined
  /** The viewer of a signed-in person (null when signed out); undefined when not in memory. */
  viewer(user: CurrentUser | null): Viewer | null | undefined
  /** The layout for this viewer, as the platform draws it for every page; undefined when not in memory. */
  layout(viewer: Viewer | null): LayoutBase | undefined
  /** The form token of a session. */
  formToken(sessionId: string): string
  readonly headers: SecurityHeaderSet
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void

export class FastLane {
  /** When false every request goes to Fastify: tests compare the two paths this way. */
  enabled = true
  /** How many requests the lane answered (for tests). */
  served = 0
  private readonly lanes: PageLane[] = []
  private deps: LaneDeps | null = null
  private closing = false
  /**
   * The response headers, names and values, for signed-out and signed-in readers, in the order
   * Fastify's path sets them: the security headers (onRequest), the content type
   * (reply.cachedPage), Cache-Control (onSend) and Content-Length (the reply). Each response
   * copies one and fills in its CSP and length.
   */
  private heads: { readonly signedOut: readonly string[]; readonly signedIn: readonly string[] } | null = null
  /** Where the CSP's value goes in each. */
  private cspAt = 0

  /** A route offers its cached pages to the lane. */
  add(lane: PageLane): void {
    this.lanes.push(lane)
  }

  /** The platform lends its functions; until then (and without them) everything goes to Fastify. */
  install(deps: LaneDeps): void {
    this.deps = deps
    const head = (signedIn: boolean): string[] => [
      ...deps.headers.fixedList,
      'content-security-policy',
      '',
      'content-type',
      HTML,
      ...(mustNotStore(signedIn, HTML) ? ['cache-control', 'no-store'] : []),
      'content-length',
      '',
    ]
    this.heads = { signedOut: head(false), signedIn: head(true) }
    this.cspAt = deps.headers.fixedList.length + 1
  }

  /** Fastify is closing: from now on it answers every request (with 503 and Connection: close). */
  close(): void {
    this.closing = true
  }

  /**
   * Fastify's serverFactory: the node:http server it would make itself, with the same time-outs
   * (lib/server.js in Fastify), whose requests pass the lane first.
   */
  readonly serverFactory: FastifyServerFactory<Server> = (fastify, options) => {
    const server = createServer((options.http ?? {}) as ServerOptions, (request, response) =>
      this.handle(request, response, fastify),
    )
    const number = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined)
    server.keepAliveTimeout = number(options.keepAliveTimeout) ?? server.keepAliveTimeout
    server.requestTimeout = number(options.requestTimeout) ?? server.requestTimeout
    server.setTimeout(number(options.connectionTimeout) ?? 0)
    const perSocket = number(options.maxRequestsPerSocket) ?? 0
    if (perSocket > 0) server.maxRequestsPerSocket = perSocket
    return server
  }

  private handle(request: IncomingMessage, response: ServerResponse, fastify: Handler): void {
    const method = request.method
    if (!this.enabled || this.closing || this.deps === null || (method !== 'GET' && method !== 'HEAD')) {
      return fastify(request, response)
    }
    const url = request.url ?? ''
    for (const lane of this.lanes) {
      const match = lane.path.exec(url)
      if (match === null) continue
      let served = false
      try {
        served = this.serve(request, response, lane, match)
      } catch {
        // Nothing has been written: Fastify answers, and meets (and logs) the same trouble.
        if (response.headersSent) {
          response.destroy()
          return
        }
      }
      if (served) this.served++
      else fastify(request, response)
      return
    }
    fastify(request, response)
  }

  /**
   * Answers from the page cache, or says false (having written nothing) to leave it to Fastify.
   * It never waits, so nothing it reads can change between reading and answering.
   */
  private serve(request: IncomingMessage, response: ServerResponse, lane: PageLane, match: RegExpExecArray): boolean {
    const deps = this.deps
    const heads = this.heads
    if (deps === null || heads === null) return false
    const cookies = request.headers.cookie
    const token = cookies ? deps.parseCookie(cookies)[deps.cookieName] : undefined
    const session = deps.session(token)
    if (session === undefined) return false
    let user: CurrentUser | null = null
    let sessionId = ''
    if (session.state === 'active') {
      // A touch writes to the database, a flash is taken from the session: Fastify does both.
      if (session.touchDue || showsFlash(session.data)) return false
      user = session.user
      sessionId = session.id
    } else if (session.state !== 'none') {
      // A cookie to clear and perhaps a session to end.
      return false
    }
    if (!passesSignInGate(lane.access, user)) return false
    const viewer = deps.viewer(user)
    if (viewer === undefined) return false
    const ref = lane.page(match, { user, viewer })
    // Fastify logs every answer of 400 or more (request-log.ts): those are its to give.
    const status = ref?.options.status ?? 200
    if (ref === null || status >= 400) return false
    const layout = deps.layout(viewer)
    if (layout === undefined) return false
    const entry = ref.cache.get(cachedPageKey(ref.key, layout, ref.options))
    if (entry === undefined) return false

    const nonce = newNonce()
    const values = spliceValues(nonce, user, () => deps.formToken(sessionId))
    const headers = (user === null ? heads.signedOut : heads.signedIn).slice()
    headers[this.cspAt] = deps.headers.csp(nonce)
    const { chunks, bytes } = PageCache.pieces(entry, values)
    headers[headers.length - 1] = String(bytes)
    response.writeHead(status, headers)
    // The pieces go out in one writev: the first write corks the socket and end() uncorks it.
    // For HEAD, node:http sends the headers only, as Fastify's path does.
    const last = chunks.length - 1
    for (let i = 0; i < last; i++) response.write(chunks[i])
    response.end(chunks[last])
    return true
  }
}
