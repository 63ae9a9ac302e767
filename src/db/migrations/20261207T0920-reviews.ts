// Product strategy: strategy reviews. A regular meeting, apart from sprint ceremonies, that looks
// at the strategy: when it was held, who came (people in Valuekit, and others named in words),
// which parts of the strategy it looked at, notes, and the decisions taken with what each changed.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('strategy_reviews')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('held_on', 'text', c => c.notNull())
    .addColumn('others', 'text', c => c.notNull())
    .addColumn('notes', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('strategy_reviews_product')
    .on('strategy_reviews')
    .columns(['product_id', 'held_on'])
    .execute()

  await db.schema
    .createTable('strategy_review_attendees')
    .addColumn('review_id', 'text', c => c.notNull().references('strategy_reviews.id').onDelete('cascade'))
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('strategy_review_attendees_pk', ['review_id', 'person_id'])
    .execute()
  await db.schema
    .createIndex('strategy_review_attendees_person')
    .on('strategy_review_attendees')
    .column('person_id')
    .execute()

  await db.schema
    .createTable('strategy_review_parts')
    .addColumn('review_id', 'text', c => c.notNull().references('strategy_reviews.id').onDelete('cascade'))
    .addColumn('part', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('strategy_review_parts_pk', ['review_id', 'part'])
    .execute()

  await db.schema
    .createTable('strategy_review_decisions')
    .addColumn('review_id', 'text', c => c.notNull().references('strategy_reviews.id').onDelete('cascade'))
    .addColumn('decision_id', 'text', c => c.notNull().references('product_decisions.id').onDelete('cascade'))
    .addColumn('changed', 'text', c => c.notNull())
    .addColumn('linked_at', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('strategy_review_decisions_pk', ['review_id', 'decision_id'])
    .execute()
  await db.schema
    .createIndex('strategy_review_decisions_decision')
    .on('strategy_review_decisions')
    .column('decision_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'strategy_review_decisions',
    'strategy_review_parts',
    'strategy_review_attendees',
    'strategy_reviews',
  ])
    await db.schema.dropTable(table).execute()
}
