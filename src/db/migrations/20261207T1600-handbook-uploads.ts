// Importing a handbook in the browser: an editor's uploaded zip is kept here while they read its
// report, answer its questions and confirm, then while it is imported in the background.
import type { Kysely } from 'kysely'
import { isPostgres } from '../dialect.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handbook_imports')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('created_by', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('file_name', 'text', c => c.notNull())
    // The zip as uploaded: read again when the import runs, on whichever instance runs it.
    .addColumn('zip', isPostgres(db) ? 'bytea' : 'blob', c => c.notNull())
    // staged (report shown), waiting, importing, done or failed.
    .addColumn('status', 'text', c => c.notNull())
    // The report of the dry run (JSON), then the editor's answers and the result.
    .addColumn('report', 'text', c => c.notNull())
    .addColumn('answers', 'text')
    .addColumn('result', 'text')
    .addColumn('failure', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('handbook_imports').execute()
}
