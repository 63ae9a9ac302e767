// Which database errors mean "the database is briefly away" rather than "this request is wrong":
// a busy or full SQLite, a disk that failed, a PostgreSQL server that restarted, refused or
// dropped the connection, or ran out of time. The error handler answers these with 503 and a page
// that says nothing was saved; anything else stays a 500. The one place that knows the codes.

/** SQLite result codes (better-sqlite3 puts the extended code, e.g. SQLITE_BUSY_SNAPSHOT, in .code). */
const SQLITE_UNAVAILABLE = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
  'SQLITE_NOMEM',
  'SQLITE_READONLY',
]

/** Socket errors while reaching PostgreSQL. */
const NETWORK_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
])

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), class 53 (insufficient resources: disk
 * full, out of memory, too many connections), 57P01-57P05 (the server is shutting down, crashed,
 * is starting, or dropped us), 57014 (statement_timeout ran out), 25006 (a read-only standby).
 */
function isPostgresUnavailable(code: string): boolean {
  return (
    code.startsWith('08') || code.startsWith('53') || code.startsWith('57P') || code === '57014' || code === '25006'
  )
}

/** What node-postgres says, without a code, when a connection it held has gone. */
const PG_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Query read timeout',
]

/** True when err (or an error it was caused by) says the database cannot serve us just now. */
export function isUnavailable(err: unknown): boolean {
  return unavailableCode(err) !== null
}

/**
 * The code that made err an "unavailable" error (SQLITE_FULL, 57P01, ECONNREFUSED,
 * "connection-lost"), or null when it is some other error. Looks through `cause` and
 * AggregateError (a refused connection to every address of a host) a few levels deep.
 */
export function unavailableCode(err: unknown, depth = 0): string | null {
  if (depth > 4 || typeof err !== 'object' || err === null) return null
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  if (code.startsWith('SQLITE_')) {
    if (SQLITE_UNAVAILABLE.some(prefix => code === prefix || code.startsWith(`${prefix}_`))) return code
  } else if (NETWORK_UNAVAILABLE.has(code)) return code
  else if (/^[0-9A-Z]{5}$/.test(code) && isPostgresUnavailable(code)) return code
  const message = typeof e.message === 'string' ? e.message : ''
  if (!code && PG_MESSAGES.some(m => message.includes(m))) return 'connection-lost'
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const found = unavailableCode(inner, depth + 1)
      if (found) return found
    }
  }
  return e.cause === undefined ? null : unavailableCode(e.cause, depth + 1)
}

/** A plain reason for logs and the health check, e.g. "database is locked by another writer". */
export function unavailableReason(code: string): string {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked by another writer'
  if (code === 'SQLITE_FULL' || code === '53100') return 'disk full'
  if (code.startsWith('SQLITE_IOERR')) return 'disk error'
  if (code.startsWith('SQLITE_READONLY') || code === '25006') return 'read-only'
  if (code === '57014') return 'too slow (statement timeout)'
  if (code.startsWith('57P') || code.startsWith('08') || NETWORK_UNAVAILABLE.has(code) || code === 'connection-lost')
    return 'not reachable'
  return 'unavailable'
}
