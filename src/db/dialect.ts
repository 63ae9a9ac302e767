// Dialect-aware helpers: the only code outside connect.ts and migrations that knows SQLite from
// PostgreSQL. Repositories call these instead of forking on the engine themselves.
import { PostgresAdapter, type Kysely } from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema will do
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** True when err is a unique-constraint violation on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false
  const e = err as { code?: unknown }
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === '23505'
}

/** Private-use characters that mark the start and end of a search hit inside a snippet. */
export const HIT_START = '\uE000'
export const HIT_END = '\uE001'

/** Splits free text typed into a search box into safe, lower-case word terms (at most 8). */
export function searchTerms(query: string): string[] {
  return (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8)
}

/** An FTS5 MATCH expression: every term must appear; the last may be a prefix. */
export function fts5Query(terms: string[]): string {
  return terms.map((t, i) => (i === terms.length - 1 ? `"${t}"*` : `"${t}"`)).join(' AND ')
}

/** A to_tsquery expression built only from word characters: every term, the last as a prefix. */
export function tsQuery(terms: string[]): string {
  return terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(' & ')
}

/**
 * A select that locks the rows it reads and skips rows another transaction has locked, on
 * PostgreSQL (FOR UPDATE SKIP LOCKED: several workers each take different rows). SQLite has one
 * writer at a time and every write transaction begins IMMEDIATE, so the plain select is enough.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema will do
export function lockSkippingLocked<Q extends { forUpdate(): Q; skipLocked(): Q }>(db: Kysely<any>, query: Q): Q {
  return isPostgres(db) ? query.forUpdate().skipLocked() : query
}
