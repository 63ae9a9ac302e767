// Wrong passwords counted per account and client address together (accounts owns the table), so
// that nobody elsewhere can keep a person out of their account. users.failed_sign_ins and
// users.locked_until, which locked an account for everyone, are no longer used.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sign_in_throttles')
    // SHA-256 of the lower-case email address and the client address: neither is stored as such.
    .addColumn('key', 'text', c => c.primaryKey())
    .addColumn('failures', 'integer', c => c.notNull())
    .addColumn('last_failed_at', 'text', c => c.notNull())
    .addColumn('paused_until', 'text')
    .execute()
  await db.schema
    .createIndex('sign_in_throttles_last_failed_at')
    .on('sign_in_throttles')
    .column('last_failed_at')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sign_in_throttles').execute()
}
