// Indexes for the cheap "has anything changed" look-ups that key the product pages' caches: the
// latest audit event about one thing (every change to a strategy is audited), and the latest
// change to any thing in the catalogue.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_events_subject')
    .on('audit_events')
    .columns(['subject_type', 'subject_id', 'occurred_at'])
    .execute()
  await db.schema.createIndex('products_updated_at').on('products').column('updated_at').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('products_updated_at').execute()
  await db.schema.dropIndex('audit_events_subject').execute()
}
