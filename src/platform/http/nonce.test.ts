import { describe, expect, it } from 'vitest'
import { newNonce } from './nonce.ts'

describe('CSP nonces', () => {
  it('are 16 bytes of base64, and none repeats across many refills of the pool', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 5000; i++) {
      const nonce = newNonce()
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16)
      seen.add(nonce)
    }
    expect(seen.size).toBe(5000)
  })

  it('vary in every byte position, as random bytes do', () => {
    const bytes = Array.from({ length: 512 }, () => Buffer.from(newNonce(), 'base64'))
    for (let position = 0; position < 16; position++) {
      expect(new Set(bytes.map(b => b[position])).size).toBeGreaterThan(100)
    }
  })
})
