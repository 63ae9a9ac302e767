// Email: the transactional outbox. A message is written here in the same transaction as the
// change that causes it; a worker sends it later, with retries, and records what happened. The
// row holds what to send and to whom (by account), never a rendered body or a secret: a
// set-password link is derived again from the message's id when it is sent.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('recipient_id', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('recipient_name', 'text', c => c.notNull())
    .addColumn('recipient_email', 'text')
    .addColumn('subject', 'text', c => c.notNull())
    .addColumn('payload', 'text', c => c.notNull())
    .addColumn('dedupe_key', 'text', c => c.unique())
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('attempts', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', c => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('leased_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('transport', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('resent', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('updated_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('email_outbox_due').on('email_outbox').columns(['status', 'next_attempt_at']).execute()
  await db.schema.createIndex('email_outbox_created').on('email_outbox').column('created_at').execute()
  await db.schema.createIndex('email_outbox_recipient').on('email_outbox').column('recipient_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_outbox').execute()
}
