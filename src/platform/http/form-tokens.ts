// Form tokens (CSRF): each is an HMAC of the server-side session's id under the session secret,
// so a token is good only with the session it was made for, signed in or not. Nothing is stored
// and nothing is read from the database: checking one costs an HMAC and a comparison.
import { createHmac, timingSafeEqual } from 'node:crypto'

/** Tokens remembered, so a busy session's pages do not each pay for an HMAC. */
const CACHE_SIZE = 10_000

export class FormTokens {
  private readonly cache = new Map<string, string>()

  constructor(private readonly secret: string) {}

  /** The token for forms of the session with this id. */
  tokenFor(sessionId: string): string {
    const known = this.cache.get(sessionId)
    if (known) return known
    const token = createHmac('sha256', this.secret).update(`form-token:${sessionId}`).digest('base64url')
    if (this.cache.size >= CACHE_SIZE) {
      const oldest = this.cache.keys().next().value
      if (oldest !== undefined) this.cache.delete(oldest)
    }
    this.cache.set(sessionId, token)
    return token
  }

  /** Whether a submitted token is the one for this session (in constant time). */
  matches(token: unknown, sessionId: string | null | undefined): boolean {
    if (typeof token !== 'string' || !sessionId) return false
    const expected = Buffer.from(this.tokenFor(sessionId))
    const given = Buffer.from(token)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
}

/** A refused form post: no token, a token for another session, or a post from another site. */
export class FormTokenError extends Error {
  override readonly name = 'FormTokenError'
  readonly statusCode = 403
  constructor(readonly reason: 'token' | 'origin') {
    super(reason === 'origin' ? 'Form sent from another site' : 'Missing or wrong form token')
  }
}
