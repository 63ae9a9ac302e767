// The portfolio: the leadership team's own work in the four classes of the portfolio quadrant,
// planned and done per quarter; and the indexes the leaders' views read the strategies through
// (one aggregate query per figure, grouped by thing) and the cheap look-up that keys their cache.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per quarter ('2026-Q4') of the leadership team's work, by class of the quadrant.
  await db.schema
    .createTable('portfolio_quarters')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('quarter', 'text', c => c.notNull().unique())
    .addColumn('planned_relationships', 'integer', c => c.notNull())
    .addColumn('done_relationships', 'integer', c => c.notNull())
    .addColumn('planned_products', 'integer', c => c.notNull())
    .addColumn('done_products', 'integer', c => c.notNull())
    .addColumn('planned_dysfunction', 'integer', c => c.notNull())
    .addColumn('done_dysfunction', 'integer', c => c.notNull())
    .addColumn('planned_innovation', 'integer', c => c.notNull())
    .addColumn('done_innovation', 'integer', c => c.notNull())
    .addColumn('note', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()

  // The leaders' views: open roadmap items by status and column, in order; this quarter's
  // backlog balance of every thing; open hypotheses; the latest review of each thing.
  await db.schema
    .createIndex('roadmap_items_open')
    .on('roadmap_items')
    .columns(['status', 'column_name', 'product_id', 'position'])
    .execute()
  await db.schema
    .createIndex('backlog_quarters_quarter')
    .on('backlog_quarters')
    .columns(['quarter', 'product_id'])
    .execute()
  await db.schema
    .createIndex('hypotheses_result')
    .on('hypotheses')
    .columns(['result', 'product_id', 'by_date'])
    .execute()
  // The latest change to any thing's strategy (every change is audited against its thing).
  await db.schema
    .createIndex('audit_events_type_time')
    .on('audit_events')
    .columns(['subject_type', 'occurred_at'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_events_type_time').execute()
  await db.schema.dropIndex('hypotheses_result').execute()
  await db.schema.dropIndex('backlog_quarters_quarter').execute()
  await db.schema.dropIndex('roadmap_items_open').execute()
  await db.schema.dropTable('portfolio_quarters').execute()
}
