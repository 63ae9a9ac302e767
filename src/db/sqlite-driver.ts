// Kysely's SQLite dialect, changed in three ways that keep one held write lock from stopping
// the whole server:
// - write transactions start with BEGIN IMMEDIATE, so a save waits for the lock at its start
//   instead of failing half-way with SQLITE_BUSY when it first writes;
// - better-sqlite3's busy timeout is kept to a few milliseconds (it sleeps on the event loop), and
//   a statement that meets a held lock is retried asynchronously with backoff, up to a bounded
//   total wait, after which the SQLITE_BUSY error goes up (and the request answers 503). While it
//   waits, the one connection is free for other requests: reads and /health go on;
// - a ROLLBACK that fails (SQLite already rolled back, e.g. on SQLITE_FULL) is not allowed to
//   replace the error that caused it, so the log names the real fault.
// It also keeps prepared statements by SQL text: better-sqlite3 compiles a statement on every
// prepare(), and Kysely prepares on every query.
import { setTimeout as sleep } from 'node:timers/promises'
import type SqliteDatabase from 'better-sqlite3'
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely'
import { unavailableCode } from './availability.ts'

export interface SqliteLockOptions {
  /** How long better-sqlite3 itself may wait (spinning on the event loop) for a lock. */
  readonly busyTimeoutMs: number
  /** The longest a statement or BEGIN IMMEDIATE waits, asynchronously, for a held lock. */
  readonly lockWaitMs: number
}

export const DEFAULT_LOCK_OPTIONS: SqliteLockOptions = { busyTimeoutMs: 2, lockWaitMs: 5000 }

/** What the driver has seen lately, for the health check. */
export interface SqliteDriverStats {
  /** Statements that met a held lock and waited. */
  lockWaits: number
  /** The last "unavailable" error a statement ended with (busy after the wait, full, I/O). */
  lastFailure: { at: number; code: string } | null
}

const MAX_STATEMENTS = 500

export class LockAwareSqliteDialect implements Dialect {
  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly options: SqliteLockOptions,
    readonly stats: SqliteDriverStats,
  ) {}

  createDriver(): Driver {
    return new LockAwareSqliteDriver(this.sqlite, this.options, this.stats)
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler()
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter()
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db)
  }
}

/** A first-come, first-served lock on the one connection. */
class Mutex {
  private held = false
  private readonly waiting: (() => void)[] = []

  async lock(): Promise<void> {
    if (!this.held) {
      this.held = true
      return
    }
    await new Promise<void>(resolve => this.waiting.push(resolve))
  }

  unlock(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.held = false
  }
}

class LockAwareSqliteDriver implements Driver {
  private readonly mutex = new Mutex()
  private readonly connection: LockAwareConnection

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    options: SqliteLockOptions,
    stats: SqliteDriverStats,
  ) {
    sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`)
    this.connection = new LockAwareConnection(sqlite, this.mutex, options, stats)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock()
    return this.connection
  }

  async beginTransaction(): Promise<void> {
    await this.connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }

  async commitTransaction(): Promise<void> {
    await this.connection.executeQuery(CompiledQuery.raw('commit'))
  }

  async rollbackTransaction(): Promise<void> {
    // SQLite rolls back by itself after some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM);
    // a ROLLBACK then fails with "no transaction is active" and would hide the real error.
    if (!this.sqlite.inTransaction) return
    try {
      this.sqlite.prepare('rollback').run()
    } catch {
      // Kysely throws the transaction's own error after this; that is the one worth reporting.
    }
  }

  async savepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    await this.connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteName(name)}`))
  }

  async rollbackToSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    await this.connection.executeQuery(CompiledQuery.raw(`rollback to ${quoteName(name)}`))
  }

  async releaseSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    await this.connection.executeQuery(CompiledQuery.raw(`release ${quoteName(name)}`))
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock()
  }

  async destroy(): Promise<void> {
    this.connection.clear()
    this.sqlite.close()
  }
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

function isBusy(code: string | null): boolean {
  return code !== null && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
}

class LockAwareConnection implements DatabaseConnection {
  private readonly statements = new Map<string, SqliteDatabase.Statement>()

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly mutex: Mutex,
    private readonly options: SqliteLockOptions,
    private readonly stats: SqliteDriverStats,
  ) {}

  clear(): void {
    this.statements.clear()
  }

  private prepare(sql: string): SqliteDatabase.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.sqlite.prepare(sql)
      if (this.statements.size < MAX_STATEMENTS) this.statements.set(sql, statement)
    }
    return statement
  }

  private run<R>(compiled: CompiledQuery): QueryResult<R> {
    const statement = this.prepare(compiled.sql)
    const parameters = compiled.parameters as unknown[]
    if (statement.reader) return { rows: statement.all(parameters) as R[] }
    const { changes, lastInsertRowid } = statement.run(parameters)
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] }
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const started = Date.now()
    let delay = 2
    for (;;) {
      try {
        return this.run<R>(compiled)
      } catch (err) {
        const code = unavailableCode(err)
        // Inside a transaction the statement cannot wait without holding the connection, and
        // BEGIN IMMEDIATE already took the lock, so a busy there is a real failure.
        const canWait = isBusy(code) && !this.sqlite.inTransaction && Date.now() - started < this.options.lockWaitMs
        if (!canWait) {
          if (code) this.stats.lastFailure = { at: Date.now(), code }
          throw err
        }
        this.stats.lockWaits++
        // Let other requests use the connection while this one waits for the lock.
        const wait = Math.min(delay, Math.max(1, this.options.lockWaitMs - (Date.now() - started)))
        this.mutex.unlock()
        try {
          await sleep(wait * (0.75 + Math.random() / 2))
        } finally {
          await this.mutex.lock()
        }
        delay = Math.min(delay * 2, 100)
      }
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiled.query)) throw new Error('SQLite can stream only select queries')
    const statement = this.prepare(compiled.sql)
    for (const row of statement.iterate(compiled.parameters as unknown[])) yield { rows: [row as R] }
  }
}
