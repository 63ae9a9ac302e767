// Strategy at a larger scale: an area and the organisation have a strategy of their own, kept as a
// row of products with a scope ('area' or 'organisation'; 'thing' for everything in the catalogue)
// so the same documents, roadmap and other parts hang off it. At most one per area and one for the
// organisation (a partial unique index: things are left out of it).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('products')
    .addColumn('scope', 'text', c => c.notNull().defaultTo('thing'))
    .execute()
  await db.schema
    .createIndex('products_scope_area')
    .on('products')
    .columns(['scope', 'area'])
    .unique()
    .where(sql.ref('scope'), '!=', 'thing')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('products_scope_area').execute()
  await db.schema.alterTable('products').dropColumn('scope').execute()
}
