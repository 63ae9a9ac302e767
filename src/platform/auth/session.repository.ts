// Sessions kept in the database, so they survive a restart and are shared by every instance.
//
// Every request reads its session, so a read is remembered for a moment (2 seconds unless told
// otherwise), keyed by the token's hash as the table is. Every write to the table goes through
// this repository and forgets what it changes at once, so within an instance a sign-out, an
// ended session, a changed role or a disabled account (each of which deletes the person's
// sessions) takes effect on the next request. Another instance's change is seen within the
// moment. See docs/decisions/0007-remembered-hot-path-reads.md.
import type { Kysely } from 'kysely'
import { prepared } from '../../db/prepared.ts'
import type { Database } from '../../db/schema.ts'

export interface SessionRow {
  id: string
  userId: string | null
  createdAt: string
  lastSeenAt: string
  data: string
  user: { id: string; name: string; email: string; role: string; status: string } | null
}

export interface SessionRepositoryOptions {
  /** How long a read is remembered, in milliseconds; 0 reads the database every time. */
  readonly cacheMs?: number
  /** Sessions remembered at most (the oldest go first). */
  readonly cacheSize?: number
}

interface Remembered {
  readonly row: SessionRow
  readonly until: number
}

export class SessionRepository {
  // Every request reads its session: compiled once.
  private readonly findQuery
  private readonly remembered = new Map<string, Remembered>()
  private readonly cacheMs: number
  private readonly cacheSize: number
  /** Counts writes, so a read that a write overtook is not remembered. */
  private writes = 0

  constructor(
    private readonly db: Kysely<Database>,
    options: SessionRepositoryOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 2000
    this.cacheSize = options.cacheSize ?? 10_000
    this.findQuery = prepared(db, (id: string) =>
      db
        .selectFrom('sessions')
        .leftJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'sessions.id',
          'sessions.user_id',
          'sessions.created_at',
          'sessions.last_seen_at',
          'sessions.data',
          'users.name',
          'users.email',
          'users.role',
          'users.status',
        ])
        .where('sessions.id', '=', id),
    )
  }

  /**
   * The session and its person, if they are remembered and still good; undefined otherwise. It
   * never reads the database. What it gives is the remembered row itself: read it, never change it.
   */
  peek(id: string): Readonly<SessionRow> | undefined {
    const known = this.remembered.get(id)
    return known && known.until > performance.now() ? known.row : undefined
  }

  /** The session and its person. The caller may change what it is given: it is a copy. */
  async find(id: string): Promise<SessionRow | null> {
    const remembered = this.peek(id)
    if (remembered) return copy(remembered)
    const now = performance.now()
    const known = this.remembered.get(id)
    const writesBefore = this.writes
    const row = await this.read(id)
    if (row && this.cacheMs > 0 && this.writes === writesBefore) {
      if (known) this.remembered.delete(id)
      else if (this.remembered.size >= this.cacheSize) {
        const oldest = this.remembered.keys().next().value
        if (oldest !== undefined) this.remembered.delete(oldest)
      }
      this.remembered.set(id, { row, until: now + this.cacheMs })
    }
    return copy(row)
  }

  /**
   * Runs a write to the table, forgetting what it changes both before and after it: a read that
   * began in between may have seen the old row, and the count of writes stops it being kept.
   */
  private async changing<T>(which: string | { userId: string } | { all: true }, write: () => Promise<T>): Promise<T> {
    this.forget(which)
    try {
      return await write()
    } finally {
      this.forget(which)
    }
  }

  private forget(which: string | { userId: string } | { all: true }): void {
    this.writes++
    if (typeof which === 'string') this.remembered.delete(which)
    else if ('all' in which) this.remembered.clear()
    else for (const [id, known] of this.remembered) if (known.row.userId === which.userId) this.remembered.delete(id)
  }

  private async read(id: string): Promise<SessionRow | null> {
    const [row] = await this.findQuery(id)
    if (!row) return null
    return {
      id: row.id,
      userId: row.user_id,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
      data: row.data,
      user:
        row.user_id && row.name !== null && row.email !== null && row.role !== null && row.status !== null
          ? { id: row.user_id, name: row.name, email: row.email, role: row.role, status: row.status }
          : null,
    }
  }

  async insert(row: { id: string; userId: string | null; createdAt: string; data: string }): Promise<void> {
    await this.changing(row.id, () =>
      this.db
        .insertInto('sessions')
        .values({
          id: row.id,
          user_id: row.userId,
          created_at: row.createdAt,
          last_seen_at: row.createdAt,
          data: row.data,
        })
        .execute(),
    )
  }

  async updateData(id: string, data: string, lastSeenAt: string): Promise<void> {
    await this.changing(id, () =>
      this.db.updateTable('sessions').set({ data, last_seen_at: lastSeenAt }).where('id', '=', id).execute(),
    )
  }

  async touch(id: string, lastSeenAt: string): Promise<void> {
    await this.changing(id, () =>
      this.db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute(),
    )
  }

  async delete(id: string): Promise<void> {
    await this.changing(id, () => this.db.deleteFrom('sessions').where('id', '=', id).execute())
  }

  async deleteForUser(userId: string, exceptId?: string): Promise<number> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId)
    if (exceptId) q = q.where('id', '!=', exceptId)
    const result = await this.changing({ userId }, () => q.executeTakeFirst())
    return Number(result.numDeletedRows)
  }

  /** Removes sessions idle since before the cut-off. */
  async deleteIdleSince(cutoff: string): Promise<number> {
    const result = await this.changing({ all: true }, () =>
      this.db.deleteFrom('sessions').where('last_seen_at', '<', cutoff).executeTakeFirst(),
    )
    return Number(result.numDeletedRows)
  }
}

function copy(row: SessionRow | null): SessionRow | null {
  return row && { ...row, user: row.user && { ...row.user } }
}
