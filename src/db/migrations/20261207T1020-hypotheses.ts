// Product strategy: hypotheses. "We believe <change> for <audience> will <outcome>. We will know
// when <metric> reaches <target> by <date>." Each names one of the thing's metrics and may belong
// to a roadmap item; its result (passed, failed or inconclusive) is recorded with evidence and,
// for an item, the decision taken on it.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('hypotheses')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('change', 'text', c => c.notNull())
    .addColumn('audience', 'text', c => c.notNull())
    .addColumn('outcome', 'text', c => c.notNull())
    .addColumn('metric_id', 'text', c => c.references('product_metrics.id').onDelete('set null'))
    .addColumn('target', 'double precision', c => c.notNull())
    .addColumn('by_date', 'text', c => c.notNull())
    .addColumn('roadmap_item_id', 'text', c => c.references('roadmap_items.id').onDelete('set null'))
    .addColumn('result', 'text')
    .addColumn('evidence', 'text', c => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('result_at', 'text')
    .addColumn('result_by_name', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('hypotheses_product').on('hypotheses').columns(['product_id', 'by_date']).execute()
  await db.schema.createIndex('hypotheses_metric').on('hypotheses').column('metric_id').execute()
  await db.schema.createIndex('hypotheses_item').on('hypotheses').column('roadmap_item_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('hypotheses').execute()
}
