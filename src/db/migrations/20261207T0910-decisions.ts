// Product strategy: decisions. A proposal, its assumptions, how confident the team is and the value
// it expects, and the decision (yes, no or not yet) with why. A decision revisited later is a new
// decision that names the one it revisits; each decision is revisited at most once, so they form
// a chain.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('product_decisions')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('proposal', 'text', c => c.notNull())
    .addColumn('assumptions', 'text', c => c.notNull())
    .addColumn('confidence', 'text', c => c.notNull())
    .addColumn('expected_value', 'text', c => c.notNull())
    .addColumn('outcome', 'text', c => c.notNull())
    .addColumn('reasoning', 'text', c => c.notNull())
    .addColumn('decided_on', 'text', c => c.notNull())
    .addColumn('option_id', 'text', c => c.references('priority_options.id').onDelete('set null'))
    .addColumn('revisits_id', 'text', c => c.references('product_decisions.id').onDelete('set null'))
    .addColumn('what_changed', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('product_decisions_product')
    .on('product_decisions')
    .columns(['product_id', 'decided_on'])
    .execute()
  await db.schema.createIndex('product_decisions_option').on('product_decisions').column('option_id').execute()
  await db.schema
    .createIndex('product_decisions_revisits')
    .on('product_decisions')
    .column('revisits_id')
    .unique()
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('product_decisions').execute()
}
