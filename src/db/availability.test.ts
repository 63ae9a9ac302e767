import { describe, expect, it } from 'vitest'
import { isUnavailable, unavailableCode, unavailableReason } from './availability.ts'

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code })

describe('isUnavailable', () => {
  it.each([
    ['SQLITE_BUSY', 'locked by another writer'],
    ['SQLITE_BUSY_SNAPSHOT', 'locked by another writer'],
    ['SQLITE_LOCKED', 'locked by another writer'],
    ['SQLITE_FULL', 'disk full'],
    ['SQLITE_IOERR_WRITE', 'disk error'],
    ['SQLITE_READONLY', 'read-only'],
    ['ECONNREFUSED', 'not reachable'],
    ['ECONNRESET', 'not reachable'],
    ['57P01', 'not reachable'], // admin_shutdown: pg_terminate_backend, or a fast shutdown
    ['57P02', 'not reachable'], // crash_shutdown: an immediate shutdown
    ['57P03', 'not reachable'], // cannot_connect_now: starting up or shutting down
    ['08006', 'not reachable'],
    ['53100', 'disk full'],
    ['57014', 'too slow (statement timeout)'],
    ['25006', 'read-only'],
  ])('counts %s as the database being away (%s)', (code, reason) => {
    expect(isUnavailable(withCode(code))).toBe(true)
    expect(unavailableCode(withCode(code))).toBe(code)
    expect(unavailableReason(code)).toBe(reason)
  })

  it.each([
    'SQLITE_CONSTRAINT_UNIQUE',
    'SQLITE_ERROR',
    'SQLITE_CONSTRAINT_FOREIGNKEY',
    '23505', // unique violation: a conflict, not an outage
    '42P01', // undefined table: a bug
    '40001', // serialization failure
    'FST_CSRF_INVALID_TOKEN',
  ])('does not count %s', code => {
    expect(isUnavailable(withCode(code))).toBe(false)
  })

  it("recognises node-postgres's lost-connection messages, which carry no code", () => {
    expect(unavailableCode(new Error('Connection terminated unexpectedly'))).toBe('connection-lost')
    expect(unavailableCode(new Error('timeout exceeded when trying to connect'))).toBe('connection-lost')
    expect(unavailableCode(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      'connection-lost',
    )
  })

  it('looks through causes and aggregate errors, and ignores what is not an error', () => {
    expect(unavailableCode(new Error('wrapped', { cause: withCode('SQLITE_FULL') }))).toBe('SQLITE_FULL')
    expect(unavailableCode(new AggregateError([new Error('x'), withCode('ECONNREFUSED')]))).toBe('ECONNREFUSED')
    expect(isUnavailable(new TypeError('The database connection is not open'))).toBe(false)
    expect(isUnavailable(null)).toBe(false)
    expect(isUnavailable('SQLITE_BUSY')).toBe(false)
  })
})
