// People's accounts: signing in, adding people, one-time links to set a password, changing
// details and roles. Sign-in failures look the same whether or not the email is known.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { hashPassword, needsRehash, passwordProblem, verifyPassword } from '../platform/auth/passwords.ts'
import type { Actor, CurrentUser, Role } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { hashToken, newId, newToken } from '../platform/ids.ts'
import type { AccountsRepository, InvitedAccount, User, UserStatus } from './accounts.repository.ts'
import { isUniqueViolation } from '../db/dialect.ts'

export const LOCK_AFTER_FAILURES = 10
export const LOCK_MINUTES = 15
export const SET_PASSWORD_LINK_DAYS = 7
export const SET_PASSWORD_PURPOSE = 'set-password'

export type SignInResult = { ok: true; user: CurrentUser } | { ok: false; reason: 'invalid' | 'locked' }

export function toCurrentUser(user: User): CurrentUser {
  return { id: user.id, name: user.name, email: user.email, role: user.role }
}

export function actorOf(user: CurrentUser): Actor & { id: string } {
  return { id: user.id, name: user.name }
}

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
  ) {}

  async signIn(email: string, password: string): Promise<SignInResult> {
    const user = await this.repo.findByEmail(this.db, email.trim())
    const now = this.clock()
    if (!user || user.status !== 'active') {
      await verifyPassword(null, password)
      return { ok: false, reason: 'invalid' }
    }
    if (user.lockedUntil && Date.parse(user.lockedUntil) > now.getTime()) {
      await verifyPassword(null, password)
      return { ok: false, reason: 'locked' }
    }
    const valid = await verifyPassword(user.passwordHash, password)
    if (!valid) {
      const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString()
      await this.repo.recordFailedSignIn(this.db, user.id, LOCK_AFTER_FAILURES, until)
      return { ok: false, reason: 'invalid' }
    }
    if (user.failedSignIns > 0 || user.lockedUntil) await this.repo.resetFailedSignIns(this.db, user.id)
    if (user.passwordHash && needsRehash(user.passwordHash)) {
      await this.repo.replaceHash(this.db, user.id, await hashPassword(password))
    }
    return { ok: true, user: toCurrentUser(user) }
  }

  async list(): Promise<User[]> {
    return this.repo.list(this.db)
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
  async inviteMany(trx: DbExecutor, accounts: readonly InvitedAccount[], at: string): Promise<void> {
    await this.repo.insertInvited(trx, accounts, at)
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

  private linkExpiry(): string {
    return new Date(this.clock().getTime() + SET_PASSWORD_LINK_DAYS * 86_400_000).toISOString()
  }
}
