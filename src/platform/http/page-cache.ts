// Pages whose content changes rarely (handbook pages, the contents) are rendered once per
// content revision and kept here as parts; each request only splices in what is its own: the
// CSP nonce, the form token and the signed-in person's name. See docs/architecture.md.
import { escapeHtml } from '../html.ts'

const NONCE = '\u0002vk-nonce\u0003'
const CSRF = '\u0002vk-csrf\u0003'
const USER_NAME = '\u0002vk-user-name\u0003'
// eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
const MARKER = /\u0002vk-(nonce|csrf|user-name)\u0003/g

type Slot = 'nonce' | 'csrf' | 'user-name'

export interface SplicedPage {
  /** Kept as bytes: writing a large cached page from a Buffer costs a tenth of writing a string. */
  readonly parts: readonly Buffer[]
  readonly slots: readonly Slot[]
  /** The parts' length in bytes, without the slots. */
  readonly bytes: number
}

export interface SpliceValues {
  nonce: string
  csrf: string
  userName: string
}

export class PageCache {
  private readonly entries = new Map<string, SplicedPage>()
  constructor(private readonly maxEntries = 2000) {}

  /** Stand-ins to render in place of the per-request values. */
  static readonly placeholders = { nonce: NONCE, csrf: CSRF, userName: USER_NAME }

  get(key: string): SplicedPage | undefined {
    return this.entries.get(key)
  }

  set(key: string, html: string): SplicedPage {
    const parts: Buffer[] = []
    const slots: Slot[] = []
    let last = 0
    for (const match of html.matchAll(MARKER)) {
      parts.push(Buffer.from(html.slice(last, match.index)))
      slots.push(match[1] as Slot)
      last = (match.index ?? 0) + match[0].length
    }
    parts.push(Buffer.from(html.slice(last)))
    const page = { parts, slots, bytes: parts.reduce((n, part) => n + part.length, 0) }
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(key, page)
    return page
  }

  /** The page as bytes, with this request's values in place: one allocation and one copy of each part. */
  static fillBytes(page: SplicedPage, values: SpliceValues): Buffer {
    const nonce = values.nonce
    const csrf = values.csrf
    const userName = escapeHtml(values.userName)
    const lengths = {
      nonce: Buffer.byteLength(nonce),
      csrf: Buffer.byteLength(csrf),
      'user-name': Buffer.byteLength(userName),
    }
    let total = page.bytes
    for (const slot of page.slots) total += lengths[slot]
    const body = Buffer.allocUnsafe(total)
    let at = 0
    for (let i = 0; i < page.parts.length; i++) {
      const part = page.parts[i]
      if (part) at += part.copy(body, at)
      const slot = page.slots[i]
      if (slot === 'nonce') at += body.write(nonce, at)
      else if (slot === 'csrf') at += body.write(csrf, at)
      else if (slot === 'user-name') at += body.write(userName, at)
    }
    return body
  }

  static fill(page: SplicedPage, values: SpliceValues): string {
    return PageCache.fillBytes(page, values).toString('utf8')
  }
}
