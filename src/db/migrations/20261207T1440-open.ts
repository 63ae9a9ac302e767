// Working in the open: a thing's strategy and roadmap published to a public, read-only page. What
// is published is a snapshot (a new version at each publish), never a live view, and each snapshot
// keeps the redaction record: every part held back and why.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('product_id', 'text', c => c.primaryKey().references('products.id').onDelete('cascade'))
    .addColumn('slug', 'text', c => c.notNull().unique())
    .addColumn('latest_version', 'integer', c => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createTable('publication_snapshots')
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('number', 'integer', c => c.notNull())
    .addColumn('content', 'text', c => c.notNull())
    .addColumn('withheld', 'text', c => c.notNull())
    .addColumn('published_at', 'text', c => c.notNull())
    .addColumn('published_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('published_by_name', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('publication_snapshots_pk', ['product_id', 'number'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('publication_snapshots').execute()
  await db.schema.dropTable('publications').execute()
}
