// Product strategy: a thing's roadmap as Now / Next / Later. Each item is a problem to solve, its
// intended outcome and, optionally, the metric that will show it. Every change and move is kept
// as an event of the item. Positions are numbers within a column: a move sets one item's position
// between its new neighbours, so only the item that moved changes.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('roadmap_items')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('column_name', 'text', c => c.notNull())
    .addColumn('position', 'double precision', c => c.notNull())
    .addColumn('problem', 'text', c => c.notNull())
    .addColumn('outcome', 'text', c => c.notNull())
    .addColumn('metric_id', 'text', c => c.references('product_metrics.id').onDelete('set null'))
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('roadmap_items_product')
    .on('roadmap_items')
    .columns(['product_id', 'column_name', 'position'])
    .execute()
  await db.schema.createIndex('roadmap_items_metric').on('roadmap_items').column('metric_id').execute()

  await db.schema
    .createTable('roadmap_item_events')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('item_id', 'text', c => c.notNull().references('roadmap_items.id').onDelete('cascade'))
    .addColumn('seq', 'integer', c => c.notNull())
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('note', 'text', c => c.notNull())
    .addColumn('recorded_at', 'text', c => c.notNull())
    .addColumn('recorded_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_by_name', 'text', c => c.notNull())
    .execute()
  await db.schema
    .createIndex('roadmap_item_events_item')
    .unique()
    .on('roadmap_item_events')
    .columns(['item_id', 'seq'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('roadmap_item_events').execute()
  await db.schema.dropTable('roadmap_items').execute()
}
