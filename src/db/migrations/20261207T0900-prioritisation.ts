// Product strategy: prioritisation. The options a team is choosing between, scored four ways
// (impact and effort, MoSCoW, RICE, and weighted scoring against criteria the team sets), and the
// four classes of backlog work planned and done in each quarter.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('priority_options')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('description', 'text', c => c.notNull())
    .addColumn('impact', 'integer')
    .addColumn('effort', 'integer')
    .addColumn('moscow', 'text')
    .addColumn('rice_reach', 'integer')
    .addColumn('rice_impact', 'real')
    .addColumn('rice_confidence', 'integer')
    .addColumn('rice_effort', 'real')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('priority_options_product')
    .on('priority_options')
    .columns(['product_id', 'created_at'])
    .execute()

  // One row per thing whose criteria have been set: the version the criteria form saves against.
  await db.schema
    .createTable('priority_boards')
    .addColumn('product_id', 'text', c => c.primaryKey().references('products.id').onDelete('cascade'))
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()

  await db.schema
    .createTable('priority_criteria')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('weight', 'integer', c => c.notNull())
    .addColumn('position', 'integer', c => c.notNull())
    .execute()
  await db.schema
    .createIndex('priority_criteria_product')
    .on('priority_criteria')
    .columns(['product_id', 'position'])
    .execute()

  await db.schema
    .createTable('priority_scores')
    .addColumn('option_id', 'text', c => c.notNull().references('priority_options.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', c => c.notNull().references('priority_criteria.id').onDelete('cascade'))
    .addColumn('score', 'integer', c => c.notNull())
    .addPrimaryKeyConstraint('priority_scores_pk', ['option_id', 'criterion_id'])
    .execute()
  await db.schema.createIndex('priority_scores_criterion').on('priority_scores').column('criterion_id').execute()

  // The four classes of backlog work, planned and done, one row per thing and quarter ('2026-Q4').
  await db.schema
    .createTable('backlog_quarters')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('quarter', 'text', c => c.notNull())
    .addColumn('planned_support', 'integer', c => c.notNull())
    .addColumn('done_support', 'integer', c => c.notNull())
    .addColumn('planned_features', 'integer', c => c.notNull())
    .addColumn('done_features', 'integer', c => c.notNull())
    .addColumn('planned_debt', 'integer', c => c.notNull())
    .addColumn('done_debt', 'integer', c => c.notNull())
    .addColumn('planned_innovation', 'integer', c => c.notNull())
    .addColumn('done_innovation', 'integer', c => c.notNull())
    .addColumn('note', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .addUniqueConstraint('backlog_quarters_product_quarter', ['product_id', 'quarter'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'backlog_quarters',
    'priority_scores',
    'priority_criteria',
    'priority_boards',
    'priority_options',
  ])
    await db.schema.dropTable(table).execute()
}
