// A one-row table the health check writes to, so /health can tell "answers" from "can write".
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('health_probe')
    .addColumn('id', 'text', col => col.primaryKey())
    .addColumn('checked_at', 'text', col => col.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('health_probe').execute()
}
