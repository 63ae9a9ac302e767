// Product strategy: a thing's metrics (what it measures, which way is better, where it started and
// where it should get to) and their measurements over time, one row per metric and date.
// Numbers are double precision on both engines (SQLite gives the type REAL affinity): PostgreSQL's
// `real` keeps only six digits, too few for a cost or a count.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('product_metrics')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('name_key', 'text', c => c.notNull())
    .addColumn('definition', 'text', c => c.notNull())
    .addColumn('unit', 'text', c => c.notNull())
    .addColumn('direction', 'text', c => c.notNull())
    .addColumn('baseline', 'double precision')
    .addColumn('target', 'double precision')
    .addColumn('target_date', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('product_metrics_product')
    .on('product_metrics')
    .columns(['product_id', 'name_key'])
    .execute()

  await db.schema
    .createTable('product_measurements')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('metric_id', 'text', c => c.notNull().references('product_metrics.id').onDelete('cascade'))
    .addColumn('measured_on', 'text', c => c.notNull())
    .addColumn('value', 'double precision', c => c.notNull())
    .addColumn('note', 'text', c => c.notNull())
    .addColumn('recorded_at', 'text', c => c.notNull())
    .addColumn('recorded_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_by_name', 'text', c => c.notNull())
    .addUniqueConstraint('product_measurements_metric_date', ['metric_id', 'measured_on'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('product_measurements').execute()
  await db.schema.dropTable('product_metrics').execute()
}
