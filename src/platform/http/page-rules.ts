// Rules a page response follows, written once and used by both ways a page can be answered:
// Fastify's hooks and reply.cachedPage (plugin.ts), and the fast lane in front of Fastify
// (fast-lane.ts). Keeping them here is what stops the two from drifting apart.
import type { SessionData } from '../auth/session.ts'
import type { CurrentUser } from '../auth/roles.ts'
import type { SpliceValues } from './page-cache.ts'
import type { Access, LayoutBase, PageOptions } from './types.ts'

/** The content type of every page. */
export const HTML = 'text/html; charset=utf-8'

/** The sign-in gate: a route is for signed-in people unless it says it is public. */
export function passesSignInGate(access: Access | undefined, user: CurrentUser | null): boolean {
  return access === 'public' || user !== null
}

/** Browsers and proxies keep no copy of a page shown to a signed-in person. */
export function mustNotStore(signedIn: boolean, contentType: unknown): boolean {
  return signedIn && typeof contentType === 'string' && contentType.startsWith('text/html')
}

/** A page showing a flash message is rendered afresh: the message is this person's alone. */
export function showsFlash(data: SessionData | undefined): boolean {
  return (data?.flash?.length ?? 0) > 0
}

/** A cached page's full key: the route's key, the layout's key and the navigation item it marks. */
export function cachedPageKey(key: string, layout: LayoutBase, options: PageOptions): string {
  return `${key}|${layout.key}|${options.nav ?? ''}`
}

/**
 * What a cached page gets spliced in for this reader: the response's nonce and, for a signed-in
 * person, their session's form token and their name. Signed-out readers get no form token, so
 * reading a cached page never gives them a session.
 */
export function spliceValues(nonce: string, user: CurrentUser | null, formToken: () => string): SpliceValues {
  return { nonce, csrf: user ? formToken() : '', userName: user?.name ?? '' }
}
