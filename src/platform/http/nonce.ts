// Nonces for the Content Security Policy: 128 bits from the operating system's CSPRNG, fresh for
// every response. Asking the CSPRNG for 16 bytes at a time cost several microseconds a page, so
// random bytes are drawn 4 KB at a time and each nonce takes the next 16, never used again.
import { randomFillSync } from 'node:crypto'

const NONCE_BYTES = 16
const POOL_BYTES = 4096

let pool = Buffer.alloc(0)
let offset = POOL_BYTES

/** A new nonce: 16 random bytes in base64 (24 characters), never handed out before. */
export function newNonce(): string {
  if (offset + NONCE_BYTES > pool.length) {
    // A new buffer each time: nonces already handed out keep no view into the one refilled.
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES))
    offset = 0
  }
  const nonce = pool.toString('base64', offset, offset + NONCE_BYTES)
  offset += NONCE_BYTES
  return nonce
}
