// Insight and ideas: a backlog of what the organisation has learned about its users (research
// findings, feedback, support contacts, analytics observations), each tagged to things and to
// problems on their roadmaps; ideas linked to the insight behind them; and each insight's history
// (changes, tags, merges). Feedback from the public is held here for moderation before it shows.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('insight_items')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('source', 'text', c => c.notNull())
    .addColumn('observed_on', 'text', c => c.notNull())
    .addColumn('evidence', 'text', c => c.notNull())
    .addColumn('origin', 'text', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('merged_into_id', 'text', c => c.references('insight_items.id').onDelete('set null'))
    .addColumn('search_text', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('insight_items_status')
    .on('insight_items')
    .columns(['status', 'observed_on', 'created_at'])
    .execute()
  await db.schema.createIndex('insight_items_merged_into').on('insight_items').column('merged_into_id').execute()

  await db.schema
    .createTable('insight_things')
    .addColumn('insight_id', 'text', c => c.notNull().references('insight_items.id').onDelete('cascade'))
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('insight_things_pk', ['insight_id', 'product_id'])
    .execute()
  await db.schema.createIndex('insight_things_product').on('insight_things').column('product_id').execute()

  await db.schema
    .createTable('insight_problems')
    .addColumn('insight_id', 'text', c => c.notNull().references('insight_items.id').onDelete('cascade'))
    .addColumn('roadmap_item_id', 'text', c => c.notNull().references('roadmap_items.id').onDelete('cascade'))
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('insight_problems_pk', ['insight_id', 'roadmap_item_id'])
    .execute()
  await db.schema.createIndex('insight_problems_item').on('insight_problems').column('roadmap_item_id').execute()

  await db.schema
    .createTable('insight_ideas')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('description', 'text', c => c.notNull())
    .addColumn('product_id', 'text', c => c.references('products.id').onDelete('set null'))
    .addColumn('roadmap_item_id', 'text', c => c.references('roadmap_items.id').onDelete('set null'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('insight_ideas_item').on('insight_ideas').column('roadmap_item_id').execute()
  await db.schema.createIndex('insight_ideas_created').on('insight_ideas').column('created_at').execute()

  await db.schema
    .createTable('insight_idea_links')
    .addColumn('idea_id', 'text', c => c.notNull().references('insight_ideas.id').onDelete('cascade'))
    .addColumn('insight_id', 'text', c => c.notNull().references('insight_items.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('insight_idea_links_pk', ['idea_id', 'insight_id'])
    .execute()
  await db.schema.createIndex('insight_idea_links_insight').on('insight_idea_links').column('insight_id').execute()

  await db.schema
    .createTable('insight_events')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('insight_id', 'text', c => c.notNull().references('insight_items.id').onDelete('cascade'))
    .addColumn('seq', 'integer', c => c.notNull())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('note', 'text', c => c.notNull())
    .addColumn('recorded_at', 'text', c => c.notNull())
    .addColumn('recorded_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_by_name', 'text', c => c.notNull())
    .execute()
  await db.schema
    .createIndex('insight_events_insight')
    .unique()
    .on('insight_events')
    .columns(['insight_id', 'seq'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('insight_events').execute()
  await db.schema.dropTable('insight_idea_links').execute()
  await db.schema.dropTable('insight_ideas').execute()
  await db.schema.dropTable('insight_problems').execute()
  await db.schema.dropTable('insight_things').execute()
  await db.schema.dropTable('insight_items').execute()
}
