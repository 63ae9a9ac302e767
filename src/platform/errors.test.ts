import { describe, expect, it } from 'vitest'
import { ConflictError, StaleVersionError, staleRecord } from './errors.ts'

describe('StaleVersionError', () => {
  interface Goal {
    id: string
    title: string
    version: number
  }

  it('carries the record as it was saved by someone else', () => {
    const latest: Goal = { id: 'g1', title: 'Their title', version: 5 }
    const err = new StaleVersionError(latest)
    expect(err.latest).toBe(latest)
    expect(err.latest.version).toBe(5)
  })

  it('is a ConflictError, so a page that does not handle it still answers 409', () => {
    const err: unknown = new StaleVersionError({ id: 'g1', version: 2 })
    expect(err).toBeInstanceOf(ConflictError)
    expect(err).toBeInstanceOf(Error)
    expect((err as Error).name).toBe('StaleVersionError')
  })

  it('says in plain words what happened, or what the caller says', () => {
    expect(new StaleVersionError(null).message).toBe('Someone else saved this record after it was opened')
    expect(new StaleVersionError(null, 'Someone else changed this goal').message).toBe('Someone else changed this goal')
  })
})

describe('staleRecord', () => {
  it('gives the record a StaleVersionError carries', () => {
    const latest = { title: 'Theirs', version: 3 }
    expect(staleRecord<typeof latest>(new StaleVersionError(latest))).toBe(latest)
  })

  it('gives undefined for any other error, a plain ConflictError included', () => {
    expect(staleRecord(new ConflictError('This suggestion has already been decided'))).toBeUndefined()
    expect(staleRecord(new Error('boom'))).toBeUndefined()
    expect(staleRecord('not an error')).toBeUndefined()
  })
})
