// The databases repository and service tests run against: SQLite always, and PostgreSQL when
// DATABASE_URL (or TEST_DATABASE_URL) names one. Each PostgreSQL test database is a schema of its
// own, dropped afterwards, so test files can run side by side.
import { sql, type TableMetadata } from 'kysely'
import pg from 'pg'
import { connect, type Db } from '../src/db/connect.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { newId } from '../src/platform/ids.ts'

export type DialectName = 'sqlite' | 'postgres'

const pgUrl =
  process.env.TEST_DATABASE_URL ??
  (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined)

export const DIALECTS: DialectName[] = pgUrl ? ['sqlite', 'postgres'] : ['sqlite']

/**
 * The engine of tests that run on one only (route tests, unless they ask): PostgreSQL when the run
 * names one, otherwise SQLite. `npm test` runs once on each, so every route test meets both.
 */
export const DEFAULT_DIALECT: DialectName = pgUrl ? 'postgres' : 'sqlite'

export interface TestDb {
  db: Db
  /** PostgreSQL only: the application_name its connections carry, unique to this test database. */
  applicationName?: string
  destroy(): Promise<void>
}

export async function createTestDb(dialect: DialectName = 'sqlite'): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const db = connect({ kind: 'sqlite', filename: ':memory:' })
    await migrateToLatest(db)
    return { db, destroy: () => db.close() }
  }
  if (!pgUrl) throw new Error('PostgreSQL tests need DATABASE_URL')
  const schema = `test_${newId().replace(/-/g, '').slice(0, 16)}`
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const applicationName = `valuekit-${schema}`
  const db = connect({ kind: 'postgres', connectionString: pgUrl }, { searchPath: schema, applicationName })
  try {
    await migrateToLatest(db)
  } catch (err) {
    await db.close()
    const c = new pg.Client({ connectionString: pgUrl })
    await c.connect()
    await c.query(`drop schema ${schema} cascade`)
    await c.end()
    throw err
  }
  return {
    db,
    applicationName,
    async destroy() {
      await db.close()
      const c = new pg.Client({ connectionString: pgUrl })
      await c.connect()
      await c.query(`drop schema ${schema} cascade`)
      await c.end()
    },
  }
}

/**
 * The tables of one test database. On PostgreSQL Kysely's introspection lists every schema's
 * tables, and other test files' schemas exist beside this one, so keep the current schema's only.
 */
export async function ownTables(db: Db): Promise<TableMetadata[]> {
  const schema =
    db.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s
      : undefined
  return (await db.kysely.introspection.getTables()).filter(t => !schema || t.schema === schema)
}
