// Server-side sessions. The cookie holds a 256-bit random token; the database holds only its
// SHA-256. Sessions end after an idle period and, whatever the activity, after an absolute one.
// A new token is issued at sign-in (no fixation) and the row is deleted at sign-out.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Clock } from '../clock.ts'
import { hashToken, newToken } from '../ids.ts'
import { isRole, type CurrentUser } from './roles.ts'
import type { SessionRepository, SessionRow } from './session.repository.ts'

export interface Flash {
  readonly kind: 'success' | 'important'
  readonly heading: string
  readonly text?: string
  /** A link to what to do next, shown after the text. */
  readonly link?: { readonly href: string; readonly text: string }
}

/** A form submission kept while its author signs in again. */
export interface PendingSubmission {
  readonly path: string
  readonly fields: Record<string, string | string[]>
  readonly savedAt: string
  /** Whose session ran out: only they get it back, and a form with no known owner is never kept. */
  readonly userId: string
}

export interface SessionData {
  flash?: Flash[]
  pending?: PendingSubmission
  returnTo?: string
  /** Hashes of one-time tokens taken from a link, kept out of the address bar. */
  tokenHash?: { purpose: string; hash: string }
  /** A set-password link, shown once to the administrator who made it. */
  passwordLink?: { userId: string; link: string; added: boolean }
  /**
   * Why the last signed-in session in this browser ran out, for the sign-in page to say, and which
   * session it was: a form from one of its pages may still be sent, to be kept for its owner.
   */
  ended?: { reason: EndReason; userId: string; sessionId?: string }
}

export class Session {
  dirty = false
  /** Whether the row exists yet: a new session gets its id (and cookie) before it is saved. */
  stored: boolean
  constructor(
    public id: string | null,
    public data: SessionData,
    public userId: string | null,
    public readonly createdAt: string | null,
  ) {
    this.stored = id !== null
  }

  set<K extends keyof SessionData>(key: K, value: SessionData[K]): void {
    this.data[key] = value
    this.dirty = true
  }

  take<K extends keyof SessionData>(key: K): SessionData[K] {
    const value = this.data[key]
    if (value !== undefined) {
      delete this.data[key]
      this.dirty = true
    }
    return value
  }

  flash(message: Flash): void {
    this.set('flash', [...(this.data.flash ?? []), message])
  }
}

export type EndReason = 'idle' | 'absolute' | 'disabled'

/** What a session cookie names at this moment (SessionManager.inspect). */
export type SessionCheck =
  /** No session cookie. */
  | { readonly state: 'none' }
  /** A cookie naming no session: it is cleared. */
  | { readonly state: 'unknown' }
  /** A session that has run out or whose account is disabled: it is deleted and its cookie cleared. */
  | { readonly state: 'ended'; readonly id: string; readonly userId: string | null; readonly reason: EndReason }
  | {
      readonly state: 'active'
      readonly id: string
      readonly userId: string | null
      readonly createdAt: string
      readonly data: SessionData
      /** The signed-in person; null for a signed-out visitor's session. */
      readonly user: CurrentUser | null
      /** last_seen_at is older than touchAfterMs: this request writes it. */
      readonly touchDue: boolean
      /** The time the checks were made against, in milliseconds. */
      readonly now: number
    }

const NO_SESSION: SessionCheck = { state: 'none' }
const UNKNOWN_SESSION: SessionCheck = { state: 'unknown' }

export interface SessionOptions {
  readonly cookieName: string
  readonly secure: boolean
  readonly idleMs: number
  readonly absoluteMs: number
  /** How stale last_seen_at may get before a request refreshes it (saves a write per request). */
  readonly touchAfterMs: number
}

/** What judge() reads from a session's row, worked out once for a remembered row. */
interface RowFacts {
  readonly createdAt: string
  readonly lastSeenAt: string
  readonly createdMs: number
  readonly lastSeenMs: number
  /** The signed-in person; null for a signed-out visitor's session (or an unknown role). */
  readonly user: CurrentUser | null
}

function factsOf(row: Readonly<SessionRow>): RowFacts {
  const user: CurrentUser | null =
    row.user && isRole(row.user.role)
      ? Object.freeze({ id: row.user.id, name: row.user.name, email: row.user.email, role: row.user.role })
      : null
  return {
    createdAt: row.createdAt,
    lastSeenAt: row.lastSeenAt,
    createdMs: Date.parse(row.createdAt),
    lastSeenMs: Date.parse(row.lastSeenAt),
    user,
  }
}

/**
 * Session ids (SHA-256 of the cookie's token) worked out by inspectRemembered, at most this many:
 * hashing cost about a microsecond of every fast-lane answer. They live in this process's memory
 * only, as the tokens themselves do while a request is read; the database still holds hashes only.
 */
const REMEMBERED_IDS = 1024

export class SessionManager {
  private readonly rememberedIds = new Map<string, string>()
  private readonly rememberedFacts = new WeakMap<Readonly<SessionRow>, RowFacts>()

  constructor(
    private readonly repo: SessionRepository,
    private readonly clock: Clock,
    readonly options: SessionOptions,
  ) {}

  /**
   * What a session cookie's token names now, by the rules every request is held to: the absolute
   * and idle time-outs, a disabled account, and whether last_seen_at is due a refresh. It changes
   * nothing: load() acts on the answer.
   */
  async inspect(token: string | undefined): Promise<SessionCheck> {
    if (!token) return NO_SESSION
    const id = hashToken(token)
    const row = await this.repo.find(id)
    return this.judge(id, row)
  }

  /**
   * The same answer as inspect(), without waiting, when the session is remembered (ADR 0007);
   * undefined when answering would need the database. The fast lane (platform/http/fast-lane.ts)
   * answers only with this, for "none" and for an active session with no touch due.
   */
  inspectRemembered(token: string | undefined): SessionCheck | undefined {
    if (!token) return NO_SESSION
    let id = this.rememberedIds.get(token)
    if (id === undefined) {
      id = hashToken(token)
      if (this.rememberedIds.size >= REMEMBERED_IDS) this.rememberedIds.clear()
      this.rememberedIds.set(token, id)
    }
    const row = this.repo.peek(id)
    if (!row) return undefined
    // A remembered row is never changed (a write forgets it), so what is read from it is kept
    // with it: its times parsed and its person. Date.parse alone cost a microsecond a request.
    let facts = this.rememberedFacts.get(row)
    if (facts === undefined || facts.createdAt !== row.createdAt || facts.lastSeenAt !== row.lastSeenAt) {
      facts = factsOf(row)
      this.rememberedFacts.set(row, facts)
    }
    return this.judge(id, row, facts)
  }

  /** The rules, applied to the session's row as it is now. */
  private judge(id: string, row: Readonly<SessionRow> | null, facts = row && factsOf(row)): SessionCheck {
    if (!row || !facts) return UNKNOWN_SESSION
    const now = this.clock().getTime()
    const idleFor = now - facts.lastSeenMs
    let ended: EndReason | null = null
    if (now - facts.createdMs > this.options.absoluteMs) ended = 'absolute'
    else if (idleFor > this.options.idleMs) ended = 'idle'
    else if (row.userId && (!row.user || row.user.status !== 'active')) ended = 'disabled'
    if (ended) return { state: 'ended', id, userId: row.userId, reason: ended }
    let data: SessionData = {}
    // Most sessions hold nothing: no need to parse it.
    if (row.data !== '{}') {
      try {
        data = JSON.parse(row.data) as SessionData
      } catch {
        data = {}
      }
    }
    const user = facts.user
    const touchDue = idleFor > this.options.touchAfterMs
    return { state: 'active', id, userId: row.userId, createdAt: row.createdAt, data, user, touchDue, now }
  }

  /** Reads the session named by the request's cookie, ending it if it has run out. */
  async load(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    request.session = new Session(null, {}, null, null)
    request.user = null
    request.sessionEnded = null
    const check = await this.inspect(request.cookies[this.options.cookieName])
    if (check.state === 'none') return
    if (check.state === 'unknown') {
      this.clearCookie(reply)
      return
    }
    if (check.state === 'ended') {
      await this.repo.delete(check.id)
      this.clearCookie(reply)
      request.sessionEnded = check.userId ? check.reason : null
      // A fresh, signed-out session remembers why, so the sign-in page the person is sent to can
      // tell them, and a form they were sending is given back only to them.
      if (check.userId)
        request.session.set('ended', { reason: check.reason, userId: check.userId, sessionId: check.id })
      return
    }
    request.session = new Session(check.id, check.data, check.userId, check.createdAt)
    request.user = check.user
    if (check.touchDue) await this.repo.touch(check.id, new Date(check.now).toISOString())
  }

  /** Saves changed session data, creating the session (and its cookie) on first use. */
  async save(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = request.session
    if (!session?.dirty) return
    const now = this.clock().toISOString()
    const data = JSON.stringify(session.data)
    if (session.stored && session.id) {
      await this.repo.updateData(session.id, data, now)
    } else {
      const id = this.ensure(request, reply)
      await this.repo.insert({ id, userId: session.userId, createdAt: now, data })
      session.stored = true
    }
    session.dirty = false
  }

  /**
   * The session's id, giving a signed-out visitor a session (and its cookie) if they have none
   * yet: form tokens are bound to it. The row is written when the reply is sent.
   */
  ensure(request: FastifyRequest, reply: FastifyReply): string {
    const session = request.session
    if (session.id) return session.id
    const token = newToken()
    session.id = hashToken(token)
    session.dirty = true
    this.setCookie(reply, token)
    return session.id
  }

  /** Signs a person in: a new session id, carrying over what the old session held for them. */
  async start(request: FastifyRequest, reply: FastifyReply, user: CurrentUser): Promise<void> {
    const old = request.session
    if (old?.id) await this.repo.delete(old.id)
    const token = newToken()
    const id = hashToken(token)
    const data: SessionData = {}
    const pending = old?.data.pending
    // A kept form goes only to the person whose session ran out; anyone else signing in on this
    // browser never sees it.
    if (pending && pending.userId === user.id) data.pending = pending
    if (old?.data.returnTo) data.returnTo = old.data.returnTo
    await this.repo.insert({ id, userId: user.id, createdAt: this.clock().toISOString(), data: JSON.stringify(data) })
    request.session = new Session(id, data, user.id, this.clock().toISOString())
    request.user = user
    this.setCookie(reply, token)
  }

  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.session?.id) await this.repo.delete(request.session.id)
    request.session = new Session(null, {}, null, null)
    request.user = null
    this.clearCookie(reply)
  }

  /** Ends every session of a person (password changed, account disabled), except one if given. */
  async endAllFor(userId: string, exceptSessionId?: string): Promise<number> {
    return this.repo.deleteForUser(userId, exceptSessionId)
  }

  async extend(request: FastifyRequest): Promise<boolean> {
    if (!request.session?.id) return false
    await this.repo.touch(request.session.id, this.clock().toISOString())
    return true
  }

  private setCookie(reply: FastifyReply, token: string): void {
    reply.setCookie(this.options.cookieName, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.options.secure,
    })
  }

  private clearCookie(reply: FastifyReply): void {
    reply.clearCookie(this.options.cookieName, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: this.options.secure,
    })
  }
}

/** A path and query in plain ASCII: the characters RFC 3986 allows there, with no backslash. */
const PLAIN_PATH = /^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/
/** A percent sign not starting an escape, or an escape for a control character. */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})|%[01][0-9A-Fa-f]|%7[Ff]/

/**
 * Only a plain path on this site may be returned to after signing in (no open redirects). Any
 * other value (another site, a backslash, a control character, unencoded non-ASCII text, a broken
 * or control-character escape) is dropped.
 */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null
  if (!PLAIN_PATH.test(value) || BAD_ESCAPE.test(value)) return null
  try {
    decodeURI(value)
  } catch {
    return null
  }
  return value
}
