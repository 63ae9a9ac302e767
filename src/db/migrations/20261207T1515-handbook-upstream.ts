// Following an upstream handbook: the source this installation follows, and per upstream page the
// last upstream text taken (the base of a three-way merge) beside the newest upstream text seen.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handbook_upstream')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('source', 'text', c => c.notNull())
    .addColumn('checked_at', 'text', c => c.notNull())
    .addColumn('checked_by_name', 'text', c => c.notNull())
    .execute()
  await db.schema
    .createTable('handbook_upstream_pages')
    .addColumn('upstream_slug', 'text', c => c.primaryKey())
    .addColumn('page_slug', 'text')
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('section_slug', 'text', c => c.notNull())
    .addColumn('section_title', 'text', c => c.notNull())
    .addColumn('summary', 'text', c => c.notNull())
    .addColumn('base_body', 'text')
    .addColumn('upstream_body', 'text', c => c.notNull())
    .addColumn('upstream_hash', 'text', c => c.notNull())
    .addColumn('state', 'text', c => c.notNull())
    .addColumn('checked_at', 'text', c => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('handbook_upstream_pages').execute()
  await db.schema.dropTable('handbook_upstream').execute()
}
