import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'

export class SetupRepository {
  async administratorExists(db: Kysely<Database>): Promise<boolean> {
    const row = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'administrator')
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }
}
