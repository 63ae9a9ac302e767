// Foundation: organisation, accounts, sessions, one-time tokens and the audit log.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('logo_text', 'text', c => c.notNull())
    .addColumn('brand_colour', 'text', c => c.notNull())
    .addColumn('pathway_shape', 'text', c => c.notNull())
    .addColumn('phase', 'text', c => c.notNull().defaultTo('none'))
    .addColumn('feedback_url', 'text')
    .addColumn('public_handbook', 'text', c => c.notNull().defaultTo('off'))
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by', 'text')
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('email', 'text', c => c.notNull().unique())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('role', 'text', c => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('failed_sign_ins', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('user_id', 'text', c => c.references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('last_seen_at', 'text', c => c.notNull())
    .addColumn('data', 'text', c => c.notNull().defaultTo('{}'))
    .execute()
  await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute()
  await db.schema.createIndex('sessions_last_seen_at').on('sessions').column('last_seen_at').execute()

  await db.schema
    .createTable('one_time_tokens')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('purpose', 'text', c => c.notNull())
    .addColumn('user_id', 'text', c => c.references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('expires_at', 'text', c => c.notNull())
    .addColumn('used_at', 'text')
    .execute()

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('occurred_at', 'text', c => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', c => c.notNull())
    .addColumn('action', 'text', c => c.notNull())
    .addColumn('subject_type', 'text', c => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('summary', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('audit_events_occurred_at').on('audit_events').columns(['occurred_at', 'id']).execute()
  await db.schema.createIndex('audit_events_actor').on('audit_events').column('actor_id').execute()
  await db.schema.createIndex('audit_events_action').on('audit_events').column('action').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_events', 'one_time_tokens', 'sessions', 'users', 'organisation']) {
    await db.schema.dropTable(table).execute()
  }
}
