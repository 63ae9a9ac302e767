// Objectives and key results: objectives for the organisation, an area, a group or a thing, each
// in a calendar quarter and optionally supporting an objective one level up; their key results
// (each a metric of a thing, read for progress, never copied); the roadmap items that serve them;
// and the history of every change. Owned by the objectives capability.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('objectives')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('quarter', 'text', c => c.notNull())
    .addColumn('level', 'text', c => c.notNull())
    .addColumn('area', 'text', c => c.notNull())
    .addColumn('group_name', 'text', c => c.notNull())
    .addColumn('product_id', 'text', c => c.references('products.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', c => c.references('objectives.id').onDelete('set null'))
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('description', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('objectives_quarter').on('objectives').columns(['quarter', 'level']).execute()
  await db.schema.createIndex('objectives_product').on('objectives').columns(['product_id', 'quarter']).execute()
  await db.schema.createIndex('objectives_parent').on('objectives').column('parent_id').execute()

  await db.schema
    .createTable('objective_key_results')
    .addColumn('objective_id', 'text', c => c.notNull().references('objectives.id').onDelete('cascade'))
    .addColumn('metric_id', 'text', c => c.notNull().references('product_metrics.id').onDelete('cascade'))
    .addColumn('position', 'integer', c => c.notNull())
    .addPrimaryKeyConstraint('objective_key_results_pk', ['objective_id', 'metric_id'])
    .execute()
  await db.schema.createIndex('objective_key_results_metric').on('objective_key_results').column('metric_id').execute()

  await db.schema
    .createTable('objective_roadmap_items')
    .addColumn('objective_id', 'text', c => c.notNull().references('objectives.id').onDelete('cascade'))
    .addColumn('item_id', 'text', c => c.notNull().references('roadmap_items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('objective_roadmap_items_pk', ['objective_id', 'item_id'])
    .execute()
  await db.schema.createIndex('objective_roadmap_items_item').on('objective_roadmap_items').column('item_id').execute()

  await db.schema
    .createTable('objective_events')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('objective_id', 'text', c => c.notNull().references('objectives.id').onDelete('cascade'))
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('note', 'text', c => c.notNull())
    .addColumn('recorded_at', 'text', c => c.notNull())
    .addColumn('recorded_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_by_name', 'text', c => c.notNull())
    .execute()
  await db.schema
    .createIndex('objective_events_objective')
    .on('objective_events')
    .columns(['objective_id', 'recorded_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('objective_events').execute()
  await db.schema.dropTable('objective_roadmap_items').execute()
  await db.schema.dropTable('objective_key_results').execute()
  await db.schema.dropTable('objectives').execute()
}
