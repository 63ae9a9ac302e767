// A faithful handbook import. Each imported page keeps where it came from (the site's name and the
// file's path) as its source key, so importing again updates the same page and never another's.
// Images the pages show are kept in the database: checked by content, at most 2 MB, served at an
// address made from their bytes, so the same image always has the same address.
import type { Kysely } from 'kysely'
import { isPostgres } from '../dialect.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('handbook_pages').addColumn('source_key', 'text').execute()
  // Pages made in the browser have no source key; NULLs never clash in a unique index on either engine.
  await db.schema.createIndex('handbook_pages_source_key').unique().on('handbook_pages').column('source_key').execute()

  await db.schema
    .createTable('handbook_images')
    // The start of the SHA-256 of the bytes.
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('file_name', 'text', c => c.notNull())
    .addColumn('content_type', 'text', c => c.notNull())
    .addColumn('size', 'integer', c => c.notNull())
    .addColumn('bytes', isPostgres(db) ? 'bytea' : 'blob', c => c.notNull())
    // Where it came from: an imported file's path, or null when an editor uploaded it.
    .addColumn('source_key', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by_name', 'text', c => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('handbook_images').execute()
  await db.schema.dropIndex('handbook_pages_source_key').execute()
  await db.schema.alterTable('handbook_pages').dropColumn('source_key').execute()
}
