// The handbook: sections, pages, versions, suggestions and full-text search. Search is the one
// dialect fork: an FTS5 table on SQLite, a generated tsvector column with a GIN index on PostgreSQL.
import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.ts'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handbook_sections')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('slug', 'text', c => c.notNull().unique())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('summary', 'text', c => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .execute()

  await db.schema
    .createTable('handbook_pages')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('slug', 'text', c => c.notNull().unique())
    .addColumn('section_id', 'text', c => c.notNull().references('handbook_sections.id'))
    .addColumn('position', 'integer', c => c.notNull())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('summary', 'text', c => c.notNull().defaultTo(''))
    .addColumn('body', 'text', c => c.notNull())
    .addColumn('body_html', 'text', c => c.notNull())
    .addColumn('body_text', 'text', c => c.notNull())
    .addColumn('headings', 'text', c => c.notNull().defaultTo('[]'))
    .addColumn('roles', 'text', c => c.notNull().defaultTo('[]'))
    .addColumn('skills', 'text', c => c.notNull().defaultTo('[]'))
    .addColumn('resources', 'text', c => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('updated_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by_name', 'text', c => c.notNull())
    .execute()
  await db.schema
    .createIndex('handbook_pages_section')
    .on('handbook_pages')
    .columns(['section_id', 'position'])
    .execute()

  await db.schema
    .createTable('handbook_page_tags')
    .addColumn('page_id', 'text', c => c.notNull().references('handbook_pages.id').onDelete('cascade'))
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('slug', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('handbook_page_tags_pk', ['page_id', 'kind', 'slug'])
    .execute()
  await db.schema.createIndex('handbook_page_tags_slug').on('handbook_page_tags').columns(['kind', 'slug']).execute()

  await db.schema
    .createTable('handbook_suggestions')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('page_id', 'text', c => c.notNull().references('handbook_pages.id').onDelete('cascade'))
    .addColumn('base_version', 'integer', c => c.notNull())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('summary', 'text', c => c.notNull())
    .addColumn('body', 'text', c => c.notNull())
    .addColumn('reason', 'text', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('decision_note', 'text')
    .addColumn('resulting_version', 'integer')
    .execute()
  await db.schema
    .createIndex('handbook_suggestions_status')
    .on('handbook_suggestions')
    .columns(['status', 'created_at'])
    .execute()
  await db.schema.createIndex('handbook_suggestions_author').on('handbook_suggestions').column('created_by').execute()

  await db.schema
    .createTable('handbook_page_versions')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('page_id', 'text', c => c.notNull().references('handbook_pages.id').onDelete('cascade'))
    .addColumn('version', 'integer', c => c.notNull())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('summary', 'text', c => c.notNull())
    .addColumn('body', 'text', c => c.notNull())
    .addColumn('meta', 'text', c => c.notNull())
    .addColumn('change_note', 'text', c => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('suggestion_id', 'text', c => c.references('handbook_suggestions.id').onDelete('set null'))
    .addUniqueConstraint('handbook_page_versions_page_version', ['page_id', 'version'])
    .execute()

  await db.schema
    .createTable('handbook_state')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('revision', 'integer', c => c.notNull())
    .execute()
  await sql`insert into handbook_state (id, revision) values ('handbook', 1)`.execute(db)

  if (isPostgres(db)) {
    // Angle brackets become spaces: PostgreSQL's parser would otherwise read text such as
    // "press <Enter>" or "x<y and y>z" as HTML tags and leave those words out of the index.
    await sql`alter table handbook_pages add column search_vector tsvector generated always as (
      setweight(to_tsvector('english', translate(coalesce(title, ''), '<>', '  ')), 'A') ||
      setweight(to_tsvector('english', translate(coalesce(summary, ''), '<>', '  ')), 'B') ||
      setweight(to_tsvector('english', translate(coalesce(body_text, ''), '<>', '  ')), 'C')
    ) stored`.execute(db)
    await sql`create index handbook_pages_search on handbook_pages using gin (search_vector)`.execute(db)
  } else {
    await sql`create virtual table handbook_search using fts5(
      page_id unindexed, title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2'
    )`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) await db.schema.dropTable('handbook_search').execute()
  for (const table of [
    'handbook_state',
    'handbook_page_versions',
    'handbook_suggestions',
    'handbook_page_tags',
    'handbook_pages',
    'handbook_sections',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
