import { hash, randomBytes, randomUUID } from 'node:crypto'

export const newId = (): string => randomUUID()

/** A URL-safe random token of 256 bits. */
export const newToken = (): string => randomBytes(32).toString('base64url')

/**
 * What we store in place of a token: its SHA-256, so a database leak reveals no live token.
 * One-shot crypto.hash: every request hashes its session cookie, and a Hash object costs more.
 */
export const hashToken = (token: string): string => hash('sha256', token, 'hex')
