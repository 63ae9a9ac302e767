// Security headers on every response, with a Content Security Policy that allows no inline
// script except by a nonce made for this response (the GOV.UK template's cspNonce).
// We set them ourselves rather than through @fastify/helmet because helmet rebuilds its whole
// middleware for every request when nonces are on, which cost more than the rest of a cached
// handbook page (docs/decisions/0005-security-headers.md).
import type { FastifyInstance } from 'fastify'
import { newNonce } from './nonce.ts'

export interface SecurityHeaderOptions {
  /** Adds upgrade-insecure-requests when the service is reached over https. */
  readonly https: boolean
}

declare module 'fastify' {
  interface FastifyReply {
    cspNonce: { script: string; style: string }
  }
}

export interface SecurityHeaderSet {
  /** The headers that are the same on every response. */
  readonly fixed: Readonly<Record<string, string>>
  /** The same headers as a flat list of names and values, in the same order (for res.writeHead). */
  readonly fixedList: readonly string[]
  /** The Content Security Policy for a response whose inline script carries this nonce. */
  csp(nonce: string): string
}

/** The security headers, for the hook below and for replies written outside Fastify's hooks. */
export function securityHeaderSet(options: SecurityHeaderOptions): SecurityHeaderSet {
  const before = "default-src 'self'; script-src 'self' 'nonce-"
  const after = [
    "'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
  const fixed: Record<string, string> = {
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  }

  return { fixed, fixedList: Object.entries(fixed).flat(), csp: nonce => before + nonce + after }
}

/** A fresh CSP nonce (platform/http/nonce.ts), for replies written outside Fastify's hooks too. */
export { newNonce }

export function securityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const { fixed, csp } = securityHeaderSet(options)
  app.decorateReply('cspNonce', null as unknown as { script: string; style: string })
  app.addHook('onRequest', (_request, reply, done) => {
    const nonce = newNonce()
    reply.cspNonce = { script: nonce, style: nonce }
    reply.headers(fixed)
    reply.header('content-security-policy', csp(nonce))
    done()
  })
}
