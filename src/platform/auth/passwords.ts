// Password hashing (argon2id at OWASP's parameters) and the rules a new password must meet.
// At most two hashes run at once, so a burst of sign-ins cannot exhaust memory on a small host.
import argon2 from 'argon2'
import { dictionary } from '@zxcvbn-ts/language-common'

export const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const
export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256
/** What a form may send as a password at most (UTF-16 units); passwordProblem gives the message. */
export const MAX_PASSWORD_INPUT = (MAX_PASSWORD_LENGTH + 1) * 2

const MAX_CONCURRENT = 2
let running = 0
const waiting: (() => void)[] = []

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>(resolve => waiting.push(resolve))
  running++
  try {
    return await work()
  } finally {
    running--
    waiting.shift()?.()
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => argon2.hash(password, HASH_OPTIONS))
}

// Verified against when the email is unknown, so both cases take about the same time.
let dummyHash: Promise<string> | null = null

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not a real password, only here to spend the same time')
    await limited(async () => argon2.verify(await (dummyHash as Promise<string>), password))
    return false
  }
  try {
    return await limited(() => argon2.verify(hash, password))
  } catch {
    return false
  }
}

export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, HASH_OPTIONS)
}

const COMMON = new Set((dictionary['passwords-common'] as string[]).map(p => p.toLowerCase()))

/** Why a proposed password is not good enough, or null when it is. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  // Characters as people count them (code points), not UTF-16 units: an emoji is one character.
  const length = [...password].length
  if (length === 0) return 'Enter a password'
  if (length < MIN_PASSWORD_LENGTH) return `Password must be ${MIN_PASSWORD_LENGTH} characters or more`
  if (length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`
  const lower = password.toLowerCase()
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[0-9!?.]+$/, ''))) {
    return 'This password is too common. Choose one that is harder to guess, such as 3 or 4 unrelated words'
  }
  if (/^(.)\1+$/.test(password)) return 'Password must not be one character repeated'
  const local = context.email?.split('@')[0]?.toLowerCase()
  if (local && local.length >= 4 && lower.includes(local)) return 'Password must not contain your email address'
  return null
}
