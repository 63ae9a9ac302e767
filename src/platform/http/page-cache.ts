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
  /**
   * The short parts (under SHORT_PART bytes) as text too, null for the others: pieces() joins them
   * with the values between them into one string, so a page goes out in a few pieces, not one per
   * part and value (each piece is a write and an entry in the writev).
   */
  readonly texts: readonly (string | null)[]
  readonly slots: readonly Slot[]
  /** The parts' length in bytes, without the slots. */
  readonly bytes: number
}

/** A spliced page as pieces to send in turn (PageCache.pieces). */
export interface SplicedPieces {
  readonly chunks: readonly (Buffer | string)[]
  /** Their length in bytes. */
  readonly bytes: number
}

export interface SpliceValues {
  nonce: string
  csrf: string
  userName: string
}

/**
 * What one cache may hold, in bytes of page, whatever its number of entries: 2,000 handbook pages
 * of 30 KB each would otherwise keep 60 MB, times each layout variant (role, navigation). 32 MB
 * holds a 1,000-page handbook (about 22 MB) for one kind of reader: the oldest page goes first, so
 * a budget smaller than the pages people read in turn would keep none of them for long.
 */
export const PAGE_CACHE_MAX_BYTES = 32 * 1024 * 1024

/** A part shorter than this is sent joined to the values beside it (SplicedPage.texts). */
const SHORT_PART = 2048

export class PageCache {
  private readonly entries = new Map<string, SplicedPage>()
  private bytes = 0
  constructor(
    private readonly maxEntries = 2000,
    private readonly maxBytes = PAGE_CACHE_MAX_BYTES,
  ) {}

  /** Bytes of page held now. */
  get size(): number {
    return this.bytes
  }

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
    const bytes = parts.reduce((n, part) => n + part.length, 0)
    const texts = parts.map(part => (part.length < SHORT_PART ? part.toString('utf8') : null))
    const page = { parts, texts, slots, bytes }
    const previous = this.entries.get(key)
    if (previous) this.forget(key, previous)
    // The oldest go first, until both the count and the bytes fit. A page larger than the whole
    // budget is served but not kept.
    if (bytes > this.maxBytes) return page
    while (this.entries.size > 0 && (this.entries.size >= this.maxEntries || this.bytes + bytes > this.maxBytes)) {
      const oldest = this.entries.entries().next().value
      if (!oldest) break
      this.forget(oldest[0], oldest[1])
    }
    this.entries.set(key, page)
    this.bytes += bytes
    return page
  }

  private forget(key: string, page: SplicedPage): void {
    this.entries.delete(key)
    this.bytes -= page.bytes
  }

  /**
   * The page with this request's values in place, as the pieces to send in turn: the long kept
   * parts (shared, never changed) and, between them, one string of the short parts and values
   * that lie between them. No long part is copied.
   */
  static pieces(page: SplicedPage, values: SpliceValues): SplicedPieces {
    const userName = values.userName === '' ? '' : escapeHtml(values.userName)
    const chunks: (Buffer | string)[] = []
    let bytes = page.bytes
    let text = ''
    const { parts, texts, slots } = page
    for (let i = 0; i < parts.length; i++) {
      const short = texts[i]
      if (short != null) text += short
      else {
        if (text !== '') chunks.push(text)
        text = ''
        chunks.push(parts[i] as Buffer)
      }
      const slot = slots[i]
      if (slot === undefined) continue
      const value = slot === 'nonce' ? values.nonce : slot === 'csrf' ? values.csrf : userName
      text += value
      bytes += Buffer.byteLength(value)
    }
    if (text !== '') chunks.push(text)
    return { chunks, bytes }
  }

  /** The page as bytes, with this request's values in place: the pieces copied into one buffer. */
  static fillBytes(page: SplicedPage, values: SpliceValues): Buffer {
    const { chunks, bytes } = PageCache.pieces(page, values)
    const body = Buffer.allocUnsafe(bytes)
    let at = 0
    for (const chunk of chunks) at += typeof chunk === 'string' ? body.write(chunk, at) : chunk.copy(body, at)
    return body
  }

  static fill(page: SplicedPage, values: SpliceValues): string {
    return PageCache.fillBytes(page, values).toString('utf8')
  }
}
