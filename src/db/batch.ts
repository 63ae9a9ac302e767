// Bulk inserts in batches: one INSERT per batch keeps each statement well under both engines'
// limits on bound parameters (SQLite 32,766; PostgreSQL 65,535) for tables of up to about 100
// columns at the default size.
import type { InsertObject, Kysely } from 'kysely'
import type { Database } from './schema.ts'

export const INSERT_BATCH = 200

export async function insertInBatches<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly InsertObject<Database, T>[],
  size = INSERT_BATCH,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute()
}
