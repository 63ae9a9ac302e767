// Product strategy, part one: the catalogue of things (services, features, capabilities,
// technology and data), the links between them, their phase and stage with a dated history, the
// people on each thing's team, and strategy documents (problem statement, canvases, vision board,
// team onion) stored as versioned JSON, one pair of tables for every kind.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('name_key', 'text', c => c.notNull())
    .addColumn('purpose', 'text', c => c.notNull())
    .addColumn('owner_id', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('team', 'text', c => c.notNull())
    .addColumn('group_name', 'text', c => c.notNull())
    .addColumn('area', 'text', c => c.notNull())
    .addColumn('parent_id', 'text', c => c.references('products.id').onDelete('set null'))
    .addColumn('phase', 'text', c => c.notNull())
    .addColumn('stage', 'text', c => c.notNull())
    .addColumn('example', 'text', c => c.notNull().defaultTo('no'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('products_name_key').on('products').column('name_key').execute()
  await db.schema.createIndex('products_kind').on('products').columns(['kind', 'name_key']).execute()
  await db.schema.createIndex('products_area').on('products').columns(['area', 'group_name']).execute()
  await db.schema.createIndex('products_owner').on('products').column('owner_id').execute()
  await db.schema.createIndex('products_parent').on('products').column('parent_id').execute()

  await db.schema
    .createTable('product_uses')
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('uses_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('product_uses_pk', ['product_id', 'uses_id'])
    .execute()
  await db.schema.createIndex('product_uses_used').on('product_uses').column('uses_id').execute()

  await db.schema
    .createTable('product_moves')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('axis', 'text', c => c.notNull())
    .addColumn('from_value', 'text')
    .addColumn('to_value', 'text', c => c.notNull())
    .addColumn('moved_on', 'text', c => c.notNull())
    .addColumn('reason', 'text', c => c.notNull())
    .addColumn('recorded_at', 'text', c => c.notNull())
    .addColumn('recorded_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_by_name', 'text', c => c.notNull())
    .execute()
  await db.schema
    .createIndex('product_moves_product')
    .on('product_moves')
    .columns(['product_id', 'axis', 'moved_on'])
    .execute()

  await db.schema
    .createTable('product_members')
    .addColumn('product_id', 'text', c => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('layer', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('product_members_pk', ['product_id', 'person_id'])
    .execute()
  await db.schema.createIndex('product_members_person').on('product_members').column('person_id').execute()

  // `subject` names what the document is about: a thing's id today; an area or the organisation
  // later, so leaders can use the same kinds of document on the organisation itself.
  await db.schema
    .createTable('strategy_documents')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('subject', 'text', c => c.notNull())
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('content', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .addUniqueConstraint('strategy_documents_subject_kind', ['subject', 'kind'])
    .execute()

  await db.schema
    .createTable('strategy_document_versions')
    .addColumn('document_id', 'text', c => c.notNull().references('strategy_documents.id').onDelete('cascade'))
    .addColumn('version', 'integer', c => c.notNull())
    .addColumn('content', 'text', c => c.notNull())
    .addColumn('note', 'text', c => c.notNull())
    .addColumn('saved_at', 'text', c => c.notNull())
    .addColumn('saved_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('saved_by_name', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('strategy_document_versions_pk', ['document_id', 'version'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'strategy_document_versions',
    'strategy_documents',
    'product_members',
    'product_moves',
    'product_uses',
    'products',
  ])
    await db.schema.dropTable(table).execute()
}
