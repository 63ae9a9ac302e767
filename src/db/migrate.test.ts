import { sql } from 'kysely'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS, ownTables, type DialectName } from '../../test/dialects.ts'
import { newId } from '../platform/ids.ts'
import { connect, type Db } from './connect.ts'
import { migrateToLatest } from './migrate.ts'

const pgUrl =
  process.env.TEST_DATABASE_URL ??
  (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined)

const TABLES = [
  'audit_events',
  'handbook_page_tags',
  'handbook_page_versions',
  'handbook_pages',
  'handbook_sections',
  'handbook_state',
  'handbook_suggestions',
  'one_time_tokens',
  'organisation',
  'sessions',
  'users',
]

/** An empty database: no migrations run. */
async function emptyDb(dialect: DialectName): Promise<{ db: Db; destroy(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const db = connect({ kind: 'sqlite', filename: ':memory:' })
    return { db, destroy: () => db.close() }
  }
  if (!pgUrl) throw new Error('PostgreSQL tests need DATABASE_URL')
  const schema = `test_${newId().replace(/-/g, '').slice(0, 16)}`
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const db = connect({ kind: 'postgres', connectionString: pgUrl }, { searchPath: schema })
  return {
    db,
    async destroy() {
      await db.close()
      const c = new pg.Client({ connectionString: pgUrl })
      await c.connect()
      await c.query(`drop schema ${schema} cascade`)
      await c.end()
    },
  }
}

async function tableNames(db: Db): Promise<string[]> {
  return (await ownTables(db)).map(t => t.name).sort()
}

describe.each(DIALECTS)('migrations on %s', dialect => {
  let current: { db: Db; destroy(): Promise<void> } | undefined
  afterEach(async () => {
    await current?.destroy()
    current = undefined
  })

  it('create every table on an empty database', async () => {
    current = await emptyDb(dialect)
    expect(await tableNames(current.db)).toEqual([])

    const applied = await migrateToLatest(current.db)

    // Every migration ran, in name order (later migrations join the list as they are added).
    expect(applied.slice(0, 2)).toEqual(['20261124T1400-foundation', '20261124T1410-handbook'])
    expect(applied).toEqual([...applied].sort())
    const names = await tableNames(current.db)
    for (const table of TABLES) expect(names).toContain(table)
    const state = await current.db.kysely.selectFrom('handbook_state').selectAll().execute()
    expect(state).toEqual([{ id: 'handbook', revision: 1 }])
  })

  it('do nothing when run again', async () => {
    current = await emptyDb(dialect)
    await migrateToLatest(current.db)
    const before = await tableNames(current.db)

    expect(await migrateToLatest(current.db)).toEqual([])
    expect(await migrateToLatest(current.db)).toEqual([])

    expect(await tableNames(current.db)).toEqual(before)
    const state = await current.db.kysely.selectFrom('handbook_state').selectAll().execute()
    expect(state).toEqual([{ id: 'handbook', revision: 1 }])
  })

  it('set up the search index for the engine', async () => {
    current = await emptyDb(dialect)
    await migrateToLatest(current.db)
    if (dialect === 'postgres') {
      const columns = await sql<{ data_type: string }>`
        select data_type from information_schema.columns
        where table_schema = current_schema() and table_name = 'handbook_pages' and column_name = 'search_vector'`.execute(
        current.db.kysely,
      )
      expect(columns.rows).toEqual([{ data_type: 'tsvector' }])
    } else {
      const tables = await sql<{ sql: string }>`
        select sql from sqlite_master where name = 'handbook_search'`.execute(current.db.kysely)
      expect(tables.rows[0]?.sql).toMatch(/using fts5/i)
    }
  })
})
