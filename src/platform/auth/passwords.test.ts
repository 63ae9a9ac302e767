import argon2 from 'argon2'
import { describe, expect, it } from 'vitest'
import {
  HASH_OPTIONS,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from './passwords.ts'

function phcParameters(hash: string): Record<string, number> {
  const params = hash.split('$')[3] ?? ''
  return Object.fromEntries(params.split(',').map(p => [p.split('=')[0], Number(p.split('=')[1])]))
}

describe('hashPassword and verifyPassword', () => {
  it('hash with argon2id at OWASP’s parameters or above', async () => {
    const hash = await hashPassword('correct horse battery staple')
    expect(hash.startsWith('$argon2id$v=19$')).toBe(true)
    const params = phcParameters(hash)
    expect(params.m).toBeGreaterThanOrEqual(19456)
    expect(params.t).toBeGreaterThanOrEqual(2)
    expect(params.p).toBe(1)
    expect(HASH_OPTIONS.type).toBe(argon2.argon2id)
  })

  it('salt every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')])
    expect(a).not.toBe(b)
  })

  it('accept only the exact password, spaces and all', async () => {
    const hash = await hashPassword('  spaces around  ')
    expect(await verifyPassword(hash, '  spaces around  ')).toBe(true)
    expect(await verifyPassword(hash, 'spaces around')).toBe(false)
    expect(await verifyPassword(hash, '  spaces around ')).toBe(false)
    expect(await verifyPassword(hash, '  SPACES AROUND  ')).toBe(false)
  })

  it('use every character of a long password', async () => {
    const long = `${'x'.repeat(200)}end`
    const hash = await hashPassword(long)
    expect(await verifyPassword(hash, long)).toBe(true)
    expect(await verifyPassword(hash, `${'x'.repeat(200)}eNd`)).toBe(false)
  })

  it('handle non-ASCII passwords', async () => {
    const hash = await hashPassword('pässwörd with ünïcödé 🔑')
    expect(await verifyPassword(hash, 'pässwörd with ünïcödé 🔑')).toBe(true)
    expect(await verifyPassword(hash, 'passwort with unicode 🔑')).toBe(false)
  })

  it('say no, without failing, when there is no hash or the hash is damaged', async () => {
    expect(await verifyPassword(null, 'anything at all')).toBe(false)
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false)
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$broken', 'anything at all')).toBe(false)
  })

  it('cope with many at once', async () => {
    const hashes = await Promise.all(Array.from({ length: 6 }, (_, i) => hashPassword(`password number ${i}`)))
    const checks = await Promise.all(hashes.map((hash, i) => verifyPassword(hash, `password number ${i}`)))
    expect(checks).toEqual([true, true, true, true, true, true])
  })
})

describe('needsRehash', () => {
  it('is false for a hash made now and true for one made with weaker settings', async () => {
    expect(needsRehash(await hashPassword('a good long password'))).toBe(false)
    const weak = await argon2.hash('a good long password', { type: argon2.argon2id, memoryCost: 8192, timeCost: 1 })
    expect(needsRehash(weak)).toBe(true)
  })
})

describe('passwordProblem', () => {
  it.each([
    ['', 'Enter a password'],
    ['short', `Password must be ${MIN_PASSWORD_LENGTH} characters or more`],
    ['x'.repeat(MAX_PASSWORD_LENGTH + 1), `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`],
    ['password1234', 'This password is too common'],
    ['Password123456', 'This password is too common'],
    ['iloveyou2026!', 'This password is too common'],
    ['zzzzzzzzzzzzzz', 'Password must not be one character repeated'],
  ])('refuses %j', (password, message) => {
    expect(passwordProblem(password)).toContain(message)
  })

  it('refuses a password that contains the email address', () => {
    expect(passwordProblem('my-jordan.smith-password', { email: 'jordan.smith@example.gov.uk' })).toBe(
      'Password must not contain your email address',
    )
    // A very short local part is too common to forbid.
    expect(passwordProblem('my-jo-password-here', { email: 'jo@example.gov.uk' })).toBeNull()
  })

  it.each(['correct horse battery staple', 'a'.repeat(11) + 'b', 'x'.repeat(MAX_PASSWORD_LENGTH - 1) + 'y'])(
    'accepts %j',
    password => {
      expect(passwordProblem(password)).toBeNull()
    },
  )

  it('counts characters, not bytes', () => {
    expect(passwordProblem('ünïcödé pass')).toBeNull()
    expect(passwordProblem('🔑🔑🔑🔑🔑🔑')).toBe(`Password must be ${MIN_PASSWORD_LENGTH} characters or more`)
  })
})
