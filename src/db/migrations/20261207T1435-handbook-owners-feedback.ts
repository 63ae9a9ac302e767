// The handbook's owners and readers' feedback. Each page and section can have an owner (a person,
// or a team by name) and a date to review it by, kept apart from the page's text so that naming
// an owner does not make a new version of the page. "Was this page useful?" answers are kept
// without anything that says who gave them.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handbook_owners')
    // The page's or the section's id: one row for each that has been given an owner or a date.
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('page_id', 'text', c => c.references('handbook_pages.id').onDelete('cascade'))
    .addColumn('section_id', 'text', c => c.references('handbook_sections.id').onDelete('cascade'))
    .addColumn('owner_user_id', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('owner_team', 'text')
    .addColumn('review_by', 'text')
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('handbook_owners_user').on('handbook_owners').column('owner_user_id').execute()

  await db.schema
    .createTable('handbook_feedback')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('page_id', 'text', c => c.notNull().references('handbook_pages.id').onDelete('cascade'))
    .addColumn('useful', 'integer', c => c.notNull())
    .addColumn('comment', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by_name', 'text')
    .execute()
  await db.schema
    .createIndex('handbook_feedback_page')
    .on('handbook_feedback')
    .columns(['page_id', 'created_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('handbook_feedback').execute()
  await db.schema.dropTable('handbook_owners').execute()
}
