// Reminders: each person's choice of reminder email (a weekly digest by default, on a day of the
// week they choose, or none), and a record of every digest queued, one per person per ISO week.
// The digests table's primary key is what keeps anyone from getting two digests in one week, even
// when the digest job runs many times or on several instances at once: the row is claimed in the
// same transaction that puts the digest in the outbox.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reminder_settings')
    .addColumn('user_id', 'text', c => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('frequency', 'text', c => c.notNull())
    .addColumn('weekday', 'integer', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .execute()
  await db.schema
    .createTable('reminder_digests')
    .addColumn('user_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('week', 'text', c => c.notNull())
    .addColumn('sent_on', 'text', c => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('reminder_digests_pk', ['user_id', 'week'])
    .execute()
  await db.schema
    .createIndex('reminder_digests_latest')
    .on('reminder_digests')
    .columns(['user_id', 'sent_on'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reminder_digests').execute()
  await db.schema.dropTable('reminder_settings').execute()
}
