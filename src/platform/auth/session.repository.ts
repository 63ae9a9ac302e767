// Sessions kept in the database, so they survive a restart and are shared by every instance.
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

export class SessionRepository {
  // Every request reads its session: compiled once.
  private readonly findQuery

  constructor(private readonly db: Kysely<Database>) {
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

  async find(id: string): Promise<SessionRow | null> {
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
    await this.db
      .insertInto('sessions')
      .values({
        id: row.id,
        user_id: row.userId,
        created_at: row.createdAt,
        last_seen_at: row.createdAt,
        data: row.data,
      })
      .execute()
  }

  async updateData(id: string, data: string, lastSeenAt: string): Promise<void> {
    await this.db.updateTable('sessions').set({ data, last_seen_at: lastSeenAt }).where('id', '=', id).execute()
  }

  async touch(id: string, lastSeenAt: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: lastSeenAt }).where('id', '=', id).execute()
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute()
  }

  async deleteForUser(userId: string, exceptId?: string): Promise<number> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId)
    if (exceptId) q = q.where('id', '!=', exceptId)
    const result = await q.executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  /** Removes sessions idle since before the cut-off. */
  async deleteIdleSince(cutoff: string): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('last_seen_at', '<', cutoff).executeTakeFirst()
    return Number(result.numDeletedRows)
  }
}
