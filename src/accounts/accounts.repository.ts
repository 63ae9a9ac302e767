import type { Kysely } from 'kysely'
import { insertInBatches } from '../db/batch.ts'
import type { Database } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'
import type { Role } from '../platform/auth/roles.ts'
import type { InvitedAccount, OneTimeToken, User, UserStatus } from './accounts.types.ts'

/** Wrong passwords for one account from one client address. */
export interface SignInThrottle {
  key: string
  failures: number
  lastFailedAt: string
  pausedUntil: string | null
}

function toUser(
  row: Omit<Database['users'], 'failed_sign_ins' | 'version'> & { failed_sign_ins: number; version: number },
): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    status: row.status as UserStatus,
    passwordHash: row.password_hash,
    failedSignIns: row.failed_sign_ins,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  }
}

export class AccountsRepository {
  async findById(db: Kysely<Database>, id: string): Promise<User | null> {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toUser(row) : null
  }

  async findByEmail(db: Kysely<Database>, email: string): Promise<User | null> {
    const row = await db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()
    return row ? toUser(row) : null
  }

  async list(db: Kysely<Database>): Promise<User[]> {
    const rows = await db.selectFrom('users').selectAll().orderBy('name').orderBy('email').execute()
    return rows.map(toUser)
  }

  /** Accounts that have never had a password and are not disabled, except those at `exceptDomain`. */
  async listWaiting(db: Kysely<Database>, exceptDomain: string): Promise<User[]> {
    const rows = await db
      .selectFrom('users')
      .selectAll()
      .where('status', '=', 'invited')
      .where('email', 'not like', `%@${exceptDomain}`)
      .orderBy('name')
      .orderBy('email')
      .execute()
    return rows.map(toUser)
  }

  async count(db: Kysely<Database>): Promise<number> {
    const row = await db
      .selectFrom('users')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async countAdministrators(db: Kysely<Database>, status?: UserStatus): Promise<number> {
    let q = db
      .selectFrom('users')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'administrator')
    if (status) q = q.where('status', '=', status)
    const row = await q.executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async insert(db: Kysely<Database>, user: Omit<User, 'failedSignIns' | 'lockedUntil' | 'version'>): Promise<void> {
    await db
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email.toLowerCase(),
        name: user.name,
        role: user.role,
        status: user.status,
        password_hash: user.passwordHash,
        created_at: user.createdAt,
        updated_at: user.updatedAt,
      })
      .execute()
  }

  /** Invited accounts (no password, no tokens), in batches: for bulk imports of people. */
  async insertInvited(db: Kysely<Database>, accounts: readonly InvitedAccount[], at: string): Promise<void> {
    await insertInBatches(
      db,
      'users',
      accounts.map(a => ({
        id: a.id,
        email: a.email.toLowerCase(),
        name: a.name,
        role: a.role,
        status: 'invited',
        password_hash: null,
        created_at: at,
        updated_at: at,
      })),
    )
  }

  /** Updates name, role and status if the record is still at expectedVersion. */
  async updateDetails(
    db: Kysely<Database>,
    id: string,
    changes: { name: string; role: Role; status: UserStatus },
    expectedVersion: number,
    at: string,
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'users', id, expectedVersion, {
      name: changes.name,
      role: changes.role,
      status: changes.status,
      updated_at: at,
    })
    return saved !== undefined
  }

  async setPassword(db: Kysely<Database>, id: string, hash: string, at: string, activate: boolean): Promise<void> {
    await db
      .updateTable('users')
      .set(eb => ({
        password_hash: hash,
        failed_sign_ins: 0,
        locked_until: null,
        updated_at: at,
        version: eb('version', '+', 1),
        ...(activate ? { status: 'active' } : {}),
      }))
      .where('id', '=', id)
      .execute()
  }

  /** Rehash on sign-in: no version bump, it is not a change anyone made. */
  async replaceHash(db: Kysely<Database>, id: string, hash: string): Promise<void> {
    await db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).execute()
  }

  /** The wrong passwords counted for one account and client address (see AccountsService.signIn). */
  async findThrottle(db: Kysely<Database>, key: string): Promise<SignInThrottle | null> {
    const row = await db.selectFrom('sign_in_throttles').selectAll().where('key', '=', key).executeTakeFirst()
    return row
      ? {
          key: row.key,
          failures: Number(row.failures),
          lastFailedAt: row.last_failed_at,
          pausedUntil: row.paused_until,
        }
      : null
  }

  async saveThrottle(db: Kysely<Database>, throttle: SignInThrottle): Promise<void> {
    const values = {
      failures: throttle.failures,
      last_failed_at: throttle.lastFailedAt,
      paused_until: throttle.pausedUntil,
    }
    await db
      .insertInto('sign_in_throttles')
      .values({ key: throttle.key, ...values })
      .onConflict(oc => oc.column('key').doUpdateSet(values))
      .execute()
  }

  async deleteThrottle(db: Kysely<Database>, key: string): Promise<void> {
    await db.deleteFrom('sign_in_throttles').where('key', '=', key).execute()
  }

  /** Forgets counts whose last wrong password is older than the cut-off. */
  async deleteThrottlesBefore(db: Kysely<Database>, cutoff: string): Promise<void> {
    await db.deleteFrom('sign_in_throttles').where('last_failed_at', '<', cutoff).execute()
  }

  async insertToken(
    db: Kysely<Database>,
    token: { id: string; purpose: string; userId: string | null; createdAt: string; expiresAt: string },
  ): Promise<void> {
    await db
      .insertInto('one_time_tokens')
      .values({
        id: token.id,
        purpose: token.purpose,
        user_id: token.userId,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
      })
      .execute()
  }

  async findToken(db: Kysely<Database>, id: string, purpose: string): Promise<OneTimeToken | null> {
    const row = await db
      .selectFrom('one_time_tokens')
      .selectAll()
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .executeTakeFirst()
    return row
      ? { id: row.id, purpose: row.purpose, userId: row.user_id, expiresAt: row.expires_at, usedAt: row.used_at }
      : null
  }

  /** Marks a token used; false when it was already used (two tabs racing). */
  async useToken(db: Kysely<Database>, id: string, at: string): Promise<boolean> {
    const result = await db
      .updateTable('one_time_tokens')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** How many accounts at an email domain have never had a password (the worked example's people). */
  async countPasswordlessAt(db: Kysely<Database>, domain: string): Promise<number> {
    const row = await db
      .selectFrom('users')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('email', 'like', `%@${domain}`)
      .where('password_hash', 'is', null)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Deletes the accounts at an email domain that have never had a password; returns how many. */
  async deletePasswordlessAt(db: Kysely<Database>, domain: string): Promise<number> {
    const result = await db
      .deleteFrom('users')
      .where('email', 'like', `%@${domain}`)
      .where('password_hash', 'is', null)
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  /** Cancels unused tokens of one purpose (a new link replaces the old one). */
  async revokeTokens(db: Kysely<Database>, purpose: string, userId: string | null, at: string): Promise<void> {
    let q = db
      .updateTable('one_time_tokens')
      .set({ used_at: at })
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
    q = userId === null ? q.where('user_id', 'is', null) : q.where('user_id', '=', userId)
    await q.execute()
  }
}
