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
    const page = { parts, slots }
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(key, page)
    return page
  }

  /** The page as bytes, with this request's values in place. */
  static fillBytes(page: SplicedPage, values: SpliceValues): Buffer {
    const nonce = Buffer.from(values.nonce)
    const csrf = Buffer.from(values.csrf)
    const userName = Buffer.from(escapeHtml(values.userName))
    const chunks: Buffer[] = [page.parts[0] ?? Buffer.alloc(0)]
    for (let i = 0; i < page.slots.length; i++) {
      const slot = page.slots[i]
      chunks.push(slot === 'nonce' ? nonce : slot === 'csrf' ? csrf : userName, page.parts[i + 1] ?? Buffer.alloc(0))
    }
    return Buffer.concat(chunks)
  }

  static fill(page: SplicedPage, values: SpliceValues): string {
    return PageCache.fillBytes(page, values).toString('utf8')
  }
}
