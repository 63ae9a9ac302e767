// What Valuekit adds to Fastify's request, reply and route config.
import type { CurrentUser } from '../auth/roles.ts'
import type { EndReason, Session } from '../auth/session.ts'
import type { Viewer } from '../auth/viewer.ts'

/** Every route says who may reach it: anyone, or only people who are signed in. */
export type Access = 'public' | 'signed-in'

/** The chrome of a page: what the layout shows around its content. */
export interface LayoutBase {
  /** Changes whenever anything below changes: part of the key of cached pages. */
  readonly key: string
  /** Organisation name, logo text, phase banner, footer: everything the chrome shows. */
  readonly org: Record<string, unknown>
  /** Service navigation items for this person. */
  readonly navigation: { text: string; href: string; key: string }[]
}

export interface PageOptions {
  readonly status?: number
  /** Which service navigation item to mark as current. */
  readonly nav?: string
}

declare module 'fastify' {
  interface FastifyRequest {
    session: Session
    user: CurrentUser | null
    sessionEnded: EndReason | null
    /** The signed-in person with their profile, resolved once per request; null when signed out. */
    viewer: Viewer | null
  }
  interface FastifyReply {
    /** Renders a page in the site layout and sends it. */
    page(template: string, context?: Record<string, unknown>, options?: PageOptions): Promise<FastifyReply>
    /** The layout's context for this request (for pages assembled from a cache). */
    layoutContext(options?: PageOptions): Promise<Record<string, unknown>>
    /**
     * Sends a page rendered once per key and kept in cache, with this request's nonce, form token
     * and name spliced in. The key must change whenever the page's content does.
     */
    cachedPage(
      cache: import('./page-cache.ts').PageCache,
      key: string,
      template: string,
      context: () => Promise<Record<string, unknown>>,
      options?: PageOptions,
    ): Promise<FastifyReply>
    /** 303 See Other: the answer to a successful form post. */
    seeOther(url: string): FastifyReply
  }
  interface FastifyInstance {
    /** Offers a route's cached pages to the fast lane in front of Fastify (fast-lane.ts). */
    pageLane(lane: import('./fast-lane.ts').PageLane): void
  }
  interface FastifyContextConfig {
    access?: Access
    /** False for routes that never render a page or ask a policy: request.viewer is not resolved. */
    viewer?: boolean
  }
}
