// Opens the database named by the configuration: better-sqlite3 (the embedded default) or a
// pg pool. The only place that knows how each engine is set up.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { DatabaseConfig } from '../config.ts'
import type { Database } from './schema.ts'

export type DialectName = 'sqlite' | 'postgres'

export interface Db {
  readonly kysely: Kysely<Database>
  readonly dialect: DialectName
  /** Answers whether the database responds, within a time limit. */
  ping(): Promise<boolean>
  close(): Promise<void>
}

// COUNT(*) and BIGINT come back from pg as strings; every count we use fits a JS number.
pg.types.setTypeParser(20, value => Number.parseInt(value, 10))

export interface ConnectOptions {
  /** PostgreSQL only: the schema to use (tests use one schema each). */
  readonly searchPath?: string
  /** Called when an idle pool client errors (e.g. the server restarted). */
  readonly onPoolError?: (err: Error) => void
}

export function connect(config: DatabaseConfig, options: ConnectOptions = {}): Db {
  if (config.kind === 'sqlite') {
    if (config.filename !== ':memory:') mkdirSync(dirname(config.filename), { recursive: true })
    const sqlite = new SqliteDatabase(config.filename)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    sqlite.pragma('busy_timeout = 5000')
    // better-sqlite3 compiles a statement on every prepare(); Kysely prepares on every query.
    // Keeping prepared statements by SQL text saves that work on every request.
    const statements = new Map<string, SqliteDatabase.Statement>()
    const cached = {
      prepare(sql: string) {
        let statement = statements.get(sql)
        if (!statement) {
          statement = sqlite.prepare(sql)
          if (statements.size < 500) statements.set(sql, statement)
        }
        return statement
      },
      close() {
        statements.clear()
        sqlite.close()
      },
    }
    const kysely = new Kysely<Database>({
      dialect: new SqliteDialect({ database: cached as unknown as SqliteDatabase.Database }),
    })
    return {
      kysely,
      dialect: 'sqlite',
      async ping() {
        try {
          sqlite.prepare('select 1').get()
          return true
        } catch {
          return false
        }
      },
      async close() {
        await kysely.destroy()
      },
    }
  }
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 10_000,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  })
  pool.on('error', err => options.onPoolError?.(err))
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    kysely,
    dialect: 'postgres',
    async ping() {
      try {
        const client = await pool.connect()
        try {
          await client.query('select 1')
          return true
        } finally {
          client.release()
        }
      } catch {
        return false
      }
    },
    async close() {
      await kysely.destroy()
    },
  }
}

/** What services hand to repositories: the database, or a transaction on it. */
export type DbExecutor = Kysely<Database>
