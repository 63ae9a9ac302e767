// People's accounts: signing in, adding people, one-time links to set a password, changing
// details and roles. Sign-in failures look the same whether or not the email is known.
import { createHash } from 'node:crypto'
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from '../platform/auth/passwords.ts'
import { SYSTEM_ACTOR, type Actor, type CurrentUser, type Role } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { hashToken, newId, newToken } from '../platform/ids.ts'
import type { AccountsRepository } from './accounts.repository.ts'
import type { InvitedAccount, OneTimeToken, User, UserStatus } from './accounts.types.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { EmailService } from '../email/email.service.ts'

/** Wrong passwords for one account from one address before sign-in from there is paused. */
export const FREE_ATTEMPTS = 5
/** The first pause; each further wrong password doubles it. */
export const FIRST_PAUSE_SECONDS = 30
/** The longest pause. A count with no wrong password for this long (the longest pause over) starts again. */
export const MAX_PAUSE_MINUTES = 15
export const SET_PASSWORD_LINK_DAYS = 7
export const SET_PASSWORD_PURPOSE = 'set-password'
/**
 * The email domain of the worked example's people: reserved by RFC 2606, so it is never a real
 * mailbox. Removing the example deletes the accounts at it that never had a password.
 */
export const EXAMPLE_DOMAIN = 'example.invalid'

export type SignInResult =
  | { ok: true; user: CurrentUser }
  | { ok: false; reason: 'invalid' }
  /**
   * Too many wrong passwords for this account from this address: try again from then. `started`
   * when this attempt began the pause (the route logs it), with the count and whose account it is.
   */
  | { ok: false; reason: 'paused'; until: string; started: boolean; failures: number; userId: string | null }

/** How long sign-in pauses after this many wrong passwords in a row: 0, then 30 s doubling to 15 minutes. */
export function pauseSeconds(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0
  return Math.min(FIRST_PAUSE_SECONDS * 2 ** (failures - FREE_ATTEMPTS - 1), MAX_PAUSE_MINUTES * 60)
}

/** The throttle's key: the account (by its lower-case email) and the client address, hashed together. */
export function throttleKey(email: string, address: string): string {
  return createHash('sha256').update(`${email.trim().toLowerCase()}\n${address}`).digest('hex')
}

export function toCurrentUser(user: User): CurrentUser {
  return { id: user.id, name: user.name, email: user.email, role: user.role }
}

export function actorOf(user: CurrentUser): Actor & { id: string } {
  return { id: user.id, name: user.name }
}

/** The email outbox, for invitations (EmailService). */
export type InvitationOutbox = Pick<EmailService, 'enabled' | 'enqueue' | 'linkToken'>

/** Ends sessions; supplied by the composition root so this service needs no HTTP. */
export interface SessionEnder {
  endAllFor(userId: string, exceptSessionId?: string): Promise<number>
}

export class AccountsService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: AccountsRepository,
    private readonly audit: AuditService,
    private readonly sessions: SessionEnder,
    private readonly clock: Clock,
    private readonly email: InvitationOutbox,
  ) {}

  /**
   * Signs a person in from a client address. Wrong passwords are counted for the account and the
   * address together, so someone elsewhere cannot keep the person out: after FREE_ATTEMPTS, sign-in
   * to that account from that address pauses, for longer after each further wrong password, up to
   * MAX_PAUSE_MINUTES. Once a pause of that length is over with no more wrong passwords the count
   * starts again, and the right password clears it. An unknown email address is counted the same
   * way, so the answers do not tell which accounts exist.
   */
  async signIn(email: string, password: string, address: string): Promise<SignInResult> {
    const now = this.clock().getTime()
    const key = throttleKey(email, address)
    const found = await this.repo.findThrottle(this.db, key)
    const counted = found && now - Date.parse(found.lastFailedAt) < MAX_PAUSE_MINUTES * 60_000 ? found : null
    const user = await this.repo.findByEmail(this.db, email.trim())
    if (counted?.pausedUntil && Date.parse(counted.pausedUntil) > now) {
      await verifyPassword(null, password)
      return {
        ok: false,
        reason: 'paused',
        until: counted.pausedUntil,
        started: false,
        failures: counted.failures,
        userId: user?.id ?? null,
      }
    }
    const active = user && user.status === 'active' ? user : null
    const valid = await verifyPassword(active?.passwordHash ?? null, password)
    if (!active || !valid) return this.countFailure(key, counted?.failures ?? 0, now, active)
    if (found) await this.repo.deleteThrottle(this.db, key)
    if (active.passwordHash && needsRehash(active.passwordHash)) {
      await this.repo.replaceHash(this.db, active.id, await hashPassword(password))
    }
    return { ok: true, user: toCurrentUser(active) }
  }

  private async countFailure(key: string, before: number, now: number, user: User | null): Promise<SignInResult> {
    const failures = before + 1
    const pause = pauseSeconds(failures)
    const at = new Date(now).toISOString()
    const until = pause > 0 ? new Date(now + pause * 1000).toISOString() : null
    await this.db.transaction().execute(async trx => {
      await this.repo.deleteThrottlesBefore(trx, new Date(now - MAX_PAUSE_MINUTES * 60_000).toISOString())
      await this.repo.saveThrottle(trx, { key, failures, lastFailedAt: at, pausedUntil: until })
      // The first pause of a run is audited; the log has every one.
      if (user && until && failures === FREE_ATTEMPTS + 1) {
        await this.audit.record(trx, SYSTEM_ACTOR, {
          action: 'person.sign-in-paused',
          subjectType: 'person',
          subjectId: user.id,
          summary: `Paused sign-in to ${user.name}’s account from one address after ${failures} wrong passwords`,
        })
      }
    })
    if (!until) return { ok: false, reason: 'invalid' }
    return { ok: false, reason: 'paused', until, started: true, failures, userId: user?.id ?? null }
  }

  async list(): Promise<User[]> {
    return this.repo.list(this.db)
  }

  /** The account with this email address (in any case), if there is one. */
  findByEmail(email: string): Promise<User | null> {
    return this.repo.findByEmail(this.db, email)
  }

  /** How many accounts there are, of any status (one just after set-up: the first administrator). */
  count(): Promise<number> {
    return this.repo.count(this.db)
  }

  async get(id: string): Promise<User> {
    const user = await this.repo.findById(this.db, id)
    if (!user) throw new NotFoundError('No such person')
    return user
  }

  /** Adds a person and returns the token for their set-password link. */
  async addPerson(
    actor: Actor,
    input: { name: string; email: string; role: Role },
  ): Promise<{ user: User; token: string }> {
    const at = this.clock().toISOString()
    const id = newId()
    const token = newToken()
    try {
      await this.db.transaction().execute(async trx => {
        await this.repo.insert(trx, {
          id,
          email: input.email,
          name: input.name,
          role: input.role,
          status: 'invited',
          passwordHash: null,
          createdAt: at,
          updatedAt: at,
        })
        await this.repo.insertToken(trx, {
          id: hashToken(token),
          purpose: SET_PASSWORD_PURPOSE,
          userId: id,
          createdAt: at,
          expiresAt: this.linkExpiry(),
        })
        await this.audit.record(trx, actor, {
          action: 'person.added',
          subjectType: 'person',
          subjectId: id,
          summary: `Added ${input.name} as ${input.role}`,
        })
      })
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ValidationError({ email: 'Someone with this email address already has an account' })
      throw err
    }
    return { user: await this.get(id), token }
  }

  /**
   * Invited accounts for many people at once, inside the caller's transaction: the import of
   * people creates accounts and profiles together. It records its own audit event; people get
   * their set-password links from the people pages afterwards.
   */
  async inviteMany(
    trx: DbExecutor,
    accounts: readonly InvitedAccount[],
    at: string,
    options: { emailBy?: Actor } = {},
  ): Promise<number> {
    await this.repo.insertInvited(trx, accounts, at)
    if (!options.emailBy || !this.email.enabled) return 0
    for (const account of accounts) await this.queueInvitation(trx, options.emailBy, account)
    return accounts.length
  }

  /**
   * Emails someone an invitation with a new set-password link (their old link stops working). The
   * message is queued in the same transaction as the link, so one exists exactly when the other does.
   */
  async inviteByEmail(actor: Actor, userId: string): Promise<User> {
    if (!this.email.enabled) throw new ConflictError('Email is off, so invitations cannot be sent')
    const user = await this.get(userId)
    if (user.status === 'disabled') throw new ConflictError('Their account is disabled. Make it active first')
    await this.db.transaction().execute(async trx => {
      await this.repo.revokeTokens(trx, SET_PASSWORD_PURPOSE, user.id, this.clock().toISOString())
      await this.queueInvitation(trx, actor, user)
      await this.audit.record(trx, actor, {
        action: 'person.invited',
        subjectType: 'person',
        subjectId: user.id,
        summary: `Emailed ${user.name} an invitation with a set-password link`,
      })
    })
    return user
  }

  /**
   * Emails an invitation to everyone who has not set a password yet and is not disabled: the
   * people an import added, in one step. Returns how many were invited.
   */
  async inviteEveryoneWaiting(actor: Actor): Promise<number> {
    if (!this.email.enabled) throw new ConflictError('Email is off, so invitations cannot be sent')
    return this.db.transaction().execute(async trx => {
      const waiting = await this.repo.listWaiting(trx, EXAMPLE_DOMAIN)
      const at = this.clock().toISOString()
      for (const user of waiting) {
        await this.repo.revokeTokens(trx, SET_PASSWORD_PURPOSE, user.id, at)
        await this.queueInvitation(trx, actor, user)
      }
      if (waiting.length > 0)
        await this.audit.record(trx, actor, {
          action: 'people.invited',
          subjectType: 'person',
          summary: `Emailed invitations with set-password links to ${waiting.length === 1 ? '1 person' : `${waiting.length} people`}`,
        })
      return waiting.length
    })
  }

  /** How many accounts wait for a first password (not counting the worked example's). */
  async countWaiting(): Promise<number> {
    return (await this.repo.listWaiting(this.db, EXAMPLE_DOMAIN)).length
  }

  /** Who an email goes to, looked up when it is sent (the email capability's RecipientSource). */
  async emailRecipient(userId: string): Promise<{ name: string; email: string; active: boolean } | null> {
    const user = await this.repo.findById(this.db, userId)
    return user ? { name: user.name, email: user.email, active: user.status !== 'disabled' } : null
  }

  private async queueInvitation(trx: DbExecutor, actor: Actor, user: { id: string; name: string }): Promise<void> {
    const expiresAt = this.linkExpiry()
    const queued = await this.email.enqueue(trx, actor, {
      kind: 'invitation',
      recipient: { id: user.id, name: user.name },
      expiresAt,
    })
    if (!queued) return
    await this.repo.insertToken(trx, {
      id: hashToken(this.email.linkToken(queued.id)),
      purpose: SET_PASSWORD_PURPOSE,
      userId: user.id,
      createdAt: this.clock().toISOString(),
      expiresAt,
    })
  }

  /** A fresh set-password link for someone (the old one stops working). */
  async issueSetPasswordLink(actor: Actor, userId: string): Promise<string> {
    const user = await this.get(userId)
    const token = newToken()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.revokeTokens(trx, SET_PASSWORD_PURPOSE, user.id, at)
      await this.repo.insertToken(trx, {
        id: hashToken(token),
        purpose: SET_PASSWORD_PURPOSE,
        userId: user.id,
        createdAt: at,
        expiresAt: this.linkExpiry(),
      })
      await this.audit.record(trx, actor, {
        action: 'person.password-link-created',
        subjectType: 'person',
        subjectId: user.id,
        summary: `Created a set-password link for ${user.name}`,
      })
    })
    return token
  }

  /** The person a set-password link is for, if the link is live. */
  async userForSetPasswordToken(tokenHash: string): Promise<User | null> {
    const token = await this.repo.findToken(this.db, tokenHash, SET_PASSWORD_PURPOSE)
    if (!token || token.usedAt || Date.parse(token.expiresAt) <= this.clock().getTime() || !token.userId) return null
    const user = await this.repo.findById(this.db, token.userId)
    return user && user.status !== 'disabled' ? user : null
  }

  async setPasswordWithToken(tokenHash: string, password: string): Promise<CurrentUser> {
    const user = await this.userForSetPasswordToken(tokenHash)
    if (!user) throw new NotFoundError('This link has expired or has been used')
    const problem = passwordProblem(password, { email: user.email, name: user.name })
    if (problem) throw new ValidationError({ password: problem })
    const hash = await hashPassword(password)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.useToken(trx, tokenHash, at)))
        throw new NotFoundError('This link has expired or has been used')
      await this.repo.setPassword(trx, user.id, hash, at, true)
      await this.audit.record(
        trx,
        { id: user.id, name: user.name },
        {
          action: 'person.password-set',
          subjectType: 'person',
          subjectId: user.id,
          summary: `${user.name} set their password`,
        },
      )
    })
    await this.sessions.endAllFor(user.id)
    return toCurrentUser({ ...user, status: 'active' })
  }

  async changePassword(user: CurrentUser, current: string, next: string, keepSessionId: string | null): Promise<void> {
    const record = await this.get(user.id)
    const errors: Record<string, string> = {}
    if (!(await verifyPassword(record.passwordHash, current)))
      errors.currentPassword = 'Your current password is not right'
    const problem = passwordProblem(next, { email: record.email, name: record.name })
    if (problem) errors.newPassword = problem
    if (Object.keys(errors).length) throw new ValidationError(errors)
    const hash = await hashPassword(next)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.setPassword(trx, user.id, hash, at, false)
      await this.audit.record(trx, actorOf(user), {
        action: 'person.password-changed',
        subjectType: 'person',
        subjectId: user.id,
        summary: `${user.name} changed their password`,
      })
    })
    await this.sessions.endAllFor(user.id, keepSessionId ?? undefined)
  }

  /** Changes an account if nobody saved it since expectedVersion, or throws StaleVersionError<User> with theirs. */
  async updatePerson(
    actor: Actor,
    userId: string,
    changes: { name: string; role: Role; status: UserStatus },
    expectedVersion: number,
  ): Promise<User> {
    const before = await this.get(userId)
    // Nobody changes their own role or disables themselves: another administrator must.
    if (actor.id === userId) {
      const errors: Record<string, string> = {}
      if (changes.role !== before.role)
        errors.role = 'You cannot change your own role. Ask another administrator to change it'
      if (changes.status !== before.status)
        errors.status = 'You cannot change whether your own account is active. Ask another administrator'
      if (Object.keys(errors).length > 0) throw new ValidationError(errors)
    }
    const losingAdmin =
      before.role === 'administrator' &&
      before.status === 'active' &&
      (changes.role !== 'administrator' || changes.status !== 'active')
    await this.db.transaction().execute(async trx => {
      if (losingAdmin && (await this.repo.countAdministrators(trx, 'active')) <= 1) {
        throw new ValidationError({
          role: 'There must always be at least one active administrator. Make someone else an administrator first',
        })
      }
      const saved = await this.repo.updateDetails(trx, userId, changes, expectedVersion, this.clock().toISOString())
      if (!saved) {
        const latest = await this.repo.findById(trx, userId)
        if (!latest) throw new NotFoundError('No such person')
        throw new StaleVersionError(latest, 'Someone else changed this person')
      }
      const what: string[] = []
      if (before.name !== changes.name) what.push('name')
      if (before.role !== changes.role) what.push(`role from ${before.role} to ${changes.role}`)
      if (before.status !== changes.status) what.push(`status from ${before.status} to ${changes.status}`)
      await this.audit.record(trx, actor, {
        action: 'person.updated',
        subjectType: 'person',
        subjectId: userId,
        summary: `Changed ${changes.name}: ${what.length ? what.join(', ') : 'nothing'}`,
      })
    })
    if (before.role !== changes.role || changes.status === 'disabled') await this.sessions.endAllFor(userId)
    return this.get(userId)
  }

  // ---- The worked example's people ------------------------------------------------------------

  /** How many example accounts there are: at EXAMPLE_DOMAIN, never given a password. */
  countExampleAccounts(): Promise<number> {
    return this.repo.countPasswordlessAt(this.db, EXAMPLE_DOMAIN)
  }

  /**
   * Deletes every example account (an address at EXAMPLE_DOMAIN that has never had a password) in
   * one transaction, with one audit event. Their profiles, history, check-ins, plans, 1:1s and
   * places on teams go with them (ON DELETE CASCADE); someone who set a password is kept.
   */
  async removeExampleAccounts(actor: Actor): Promise<number> {
    return this.db.transaction().execute(async trx => {
      const removed = await this.repo.deletePasswordlessAt(trx, EXAMPLE_DOMAIN)
      if (removed > 0)
        await this.audit.record(trx, actor, {
          action: 'people.example-removed',
          subjectType: 'person',
          summary: `Removed the ${removed === 1 ? 'account' : `${removed} accounts`} of the worked example`,
        })
      return removed
    })
  }

  // ---- First-run set-up (SetupService): tokens and the first administrator -------------------

  /** Stores a one-time token (its hash only) for a purpose, such as the set-up link. */
  async storeToken(
    db: DbExecutor,
    token: { id: string; purpose: string; userId: string | null; createdAt: string; expiresAt: string },
  ): Promise<void> {
    await this.repo.insertToken(db, token)
  }

  /** A one-time token by its hash, if it was issued for this purpose. */
  findToken(tokenHash: string, purpose: string): Promise<OneTimeToken | null> {
    return this.repo.findToken(this.db, tokenHash, purpose)
  }

  /**
   * Uses up a token with no owner and cancels every other unused one of its purpose, in the
   * caller's transaction. False when it was already used (two people racing with one link).
   */
  async useOwnerlessToken(trx: DbExecutor, tokenHash: string, purpose: string, at: string): Promise<boolean> {
    if (!(await this.repo.useToken(trx, tokenHash, at))) return false
    await this.repo.revokeTokens(trx, purpose, null, at)
    return true
  }

  /** Adds an active administrator with a password, in the caller's transaction (first-run set-up). */
  async insertAdministrator(
    trx: DbExecutor,
    account: { id: string; email: string; name: string; passwordHash: string; at: string },
  ): Promise<void> {
    await this.repo.insert(trx, {
      id: account.id,
      email: account.email,
      name: account.name,
      role: 'administrator',
      status: 'active',
      passwordHash: account.passwordHash,
      createdAt: account.at,
      updatedAt: account.at,
    })
  }

  private linkExpiry(): string {
    return new Date(this.clock().getTime() + SET_PASSWORD_LINK_DAYS * 86_400_000).toISOString()
  }
}
