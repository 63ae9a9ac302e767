// Product strategy, service assessments and team health: a readiness checklist against the 14
// points of the Service Standard for each assessment (end of alpha, before public beta, before
// live), and rounds of an anonymous team health check.
//
// The health check keeps who answered apart from what was answered, with nothing to join them:
// `health_respondents` says who answered a round (no time, no answer); `health_tallies` holds only
// how many people gave each score to each statement. Every cell of a round's tally is made when the
// round opens and every cell is rewritten by each answer, so neither the rows nor their order say
// which scores came from which answer.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service_assessments')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('stage', 'text', c => c.notNull())
    .addColumn('assess_on', 'text')
    .addColumn('points', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('service_assessments_product')
    .on('service_assessments')
    .columns(['product_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('health_rounds')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('number', 'integer', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('opened_at', 'text', c => c.notNull())
    .addColumn('opened_by_name', 'text', c => c.notNull())
    .addColumn('closed_at', 'text')
    .addUniqueConstraint('health_rounds_product_number', ['product_id', 'number'])
    .execute()

  await db.schema
    .createTable('health_respondents')
    .addColumn('round_id', 'text', c => c.notNull().references('health_rounds.id').onDelete('cascade'))
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('health_respondents_pk', ['round_id', 'person_id'])
    .execute()

  await db.schema
    .createTable('health_tallies')
    .addColumn('round_id', 'text', c => c.notNull().references('health_rounds.id').onDelete('cascade'))
    .addColumn('dysfunction', 'text', c => c.notNull())
    .addColumn('score', 'integer', c => c.notNull())
    .addColumn('answers', 'integer', c => c.notNull())
    .addPrimaryKeyConstraint('health_tallies_pk', ['round_id', 'dysfunction', 'score'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['health_tallies', 'health_respondents', 'health_rounds', 'service_assessments'])
    await db.schema.dropTable(table).execute()
}
