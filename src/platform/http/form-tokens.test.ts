import { describe, expect, it } from 'vitest'
import { FormTokens } from './form-tokens.ts'

describe('form tokens', () => {
  const tokens = new FormTokens('a-test-secret-that-is-long-enough-1234567890')

  it('are the same for one session and different for another', () => {
    expect(tokens.tokenFor('session-a')).toBe(tokens.tokenFor('session-a'))
    expect(tokens.tokenFor('session-a')).not.toBe(tokens.tokenFor('session-b'))
    expect(tokens.tokenFor('session-a')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('match only their own session, and never a missing one', () => {
    const token = tokens.tokenFor('session-a')
    expect(tokens.matches(token, 'session-a')).toBe(true)
    expect(tokens.matches(token, 'session-b')).toBe(false)
    expect(tokens.matches(token, null)).toBe(false)
    expect(tokens.matches(undefined, 'session-a')).toBe(false)
    expect(tokens.matches([token], 'session-a')).toBe(false)
    // A wrong length is a plain refusal, not an error from timingSafeEqual.
    expect(tokens.matches(`${token}x`, 'session-a')).toBe(false)
    expect(tokens.matches('', 'session-a')).toBe(false)
  })

  it('depend on the secret', () => {
    const other = new FormTokens('another-secret-that-is-long-enough-0987654321')
    expect(other.tokenFor('session-a')).not.toBe(tokens.tokenFor('session-a'))
  })
})
