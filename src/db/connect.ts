// Opens the database named by the configuration: better-sqlite3 (the embedded default) or a
// pg pool. The only place that knows how each engine is set up, and how each survives faults:
// SQLite waits for a held write lock without stopping the event loop (sqlite-driver.ts); pg
// listens for 'error' on every client, so a server restart costs requests (503), never the process.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, PostgresDriver, type Driver } from 'kysely'
import pg from 'pg'
import type { DatabaseConfig } from '../config.ts'
import { WriteProbe, type WriteHealth } from './health.ts'
import type { Database } from './schema.ts'
import {
  DEFAULT_LOCK_OPTIONS,
  LockAwareSqliteDialect,
  type SqliteDriverStats,
  type SqliteLockOptions,
} from './sqlite-driver.ts'

export type DialectName = 'sqlite' | 'postgres'

export interface Db {
  readonly kysely: Kysely<Database>
  readonly dialect: DialectName
  /** Answers whether the database responds, within a time limit. */
  ping(): Promise<boolean>
  /** Whether the database takes a write just now (cached for a moment, so it stays cheap). */
  checkWrite(): Promise<WriteHealth>
  close(): Promise<void>
}

// COUNT(*) and BIGINT come back from pg as strings; every count we use fits a JS number.
pg.types.setTypeParser(20, value => Number.parseInt(value, 10))

/** PostgreSQL time limits: a dead or slow server costs a request a bounded wait, then a 503. */
export const PG_LIMITS = {
  /** Waiting for a connection (a new one, or a free one from the pool). */
  connectionTimeoutMillis: 5000,
  /** The server cancels any one statement after this. */
  statementTimeoutMillis: 10_000,
  /** The client gives up on a query the server never answers (a hung network). */
  queryTimeoutMillis: 15_000,
} as const

export interface ConnectOptions {
  /** PostgreSQL only: the schema to use (tests use one schema each). */
  readonly searchPath?: string
  /** PostgreSQL only: how this process names itself to the server (pg_stat_activity). */
  readonly applicationName?: string
  /** Called when a pool client, idle or checked out, loses its connection (e.g. the server restarted). */
  readonly onPoolError?: (err: Error) => void
  /** SQLite only: how long to wait for a write lock another process holds. */
  readonly sqliteLocks?: Partial<SqliteLockOptions>
}

export function connect(config: DatabaseConfig, options: ConnectOptions = {}): Db {
  if (config.kind === 'sqlite') {
    if (config.filename !== ':memory:') mkdirSync(dirname(config.filename), { recursive: true })
    const sqlite = new SqliteDatabase(config.filename)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('foreign_keys = ON')
    const stats: SqliteDriverStats = { lockWaits: 0, lastFailure: null }
    const locks = { ...DEFAULT_LOCK_OPTIONS, ...options.sqliteLocks }
    const kysely = new Kysely<Database>({ dialect: new LockAwareSqliteDialect(sqlite, locks, stats) })
    const probe = new WriteProbe(kysely, () => stats.lastFailure)
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
      checkWrite: () => probe.check(),
      async close() {
        await kysely.destroy()
      },
    }
  }
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: 10,
    connectionTimeoutMillis: PG_LIMITS.connectionTimeoutMillis,
    idleTimeoutMillis: 30_000,
    statement_timeout: PG_LIMITS.statementTimeoutMillis,
    query_timeout: PG_LIMITS.queryTimeoutMillis,
    keepAlive: true,
    application_name: options.applicationName ?? 'valuekit',
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  })
  const onError = (err: Error) => options.onPoolError?.(err)
  // The pool listens on idle clients only. A client that is checked out when its connection dies
  // (a restart, pg_terminate_backend) emits 'error' too, and with no listener Node exits.
  // This listener stays for the client's whole life; the pool drops the broken client on release.
  pool.on('connect', client => client.on('error', onError))
  pool.on('error', onError)
  const kysely = new Kysely<Database>({ dialect: new KeepingErrorPostgresDialect({ pool }) })
  const probe = new WriteProbe(kysely, () => null)
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
    checkWrite: () => probe.check(),
    async close() {
      await kysely.destroy()
    },
  }
}

/**
 * Kysely's PostgreSQL dialect, except that a ROLLBACK which fails (the connection died with the
 * transaction) does not replace the error that made us roll back. The broken connection is still
 * discarded rather than returned to the pool: Kysely marks it before rethrowing.
 */
class KeepingErrorPostgresDialect extends PostgresDialect {
  constructor(private readonly settings: ConstructorParameters<typeof PostgresDialect>[0]) {
    super(settings)
  }

  override createDriver(): Driver {
    return new KeepingErrorPostgresDriver(this.settings)
  }
}

class KeepingErrorPostgresDriver extends PostgresDriver {
  override async rollbackTransaction(connection: Parameters<PostgresDriver['rollbackTransaction']>[0]): Promise<void> {
    try {
      await super.rollbackTransaction(connection)
    } catch {
      // Kysely rethrows the transaction's own error next: that is the one worth reporting.
    }
  }
}

/** What services hand to repositories: the database, or a transaction on it. */
export type DbExecutor = Kysely<Database>
