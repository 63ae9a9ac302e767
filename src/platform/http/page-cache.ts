// Pages whose content changes rarely (handbook pages, the contents) are rendered once per
// content revision and kept here as parts; each request only splices in what is its own: the
// CSP nonce, the form token and the signed-in person's name. See docs/architecture.md.
const NONCE = '\u0002vk-nonce\u0003'
const CSRF = '\u0002vk-csrf\u0003'
const USER_NAME = '\u0002vk-user-name\u0003'
// eslint-disable-next-line no-control-regex -- the markers are control characters on purpose
const MARKER = /\u0002vk-(nonce|csrf|user-name)\u0003/g

type Slot = 'nonce' | 'csrf' | 'user-name'

export interface SplicedPage {
  readonly parts: readonly string[]
  readonly slots: readonly Slot[]
}

export interface SpliceValues {
  nonce: string
  csrf: string
  userName: string
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

export class PageCache {
  private readonly entries = new Map<string, SplicedPage>()
  constructor(private readonly maxEntries = 2000) {}

  /** Stand-ins to render in place of the per-request values. */
  static readonly placeholders = { nonce: NONCE, csrf: CSRF, userName: USER_NAME }

  get(key: string): SplicedPage | undefined {
    return this.entries.get(key)
  }

  set(key: string, html: string): SplicedPage {
    const parts: string[] = []
    const slots: Slot[] = []
    let last = 0
    for (const match of html.matchAll(MARKER)) {
      parts.push(html.slice(last, match.index))
      slots.push(match[1] as Slot)
      last = (match.index ?? 0) + match[0].length
    }
    parts.push(html.slice(last))
    const page = { parts, slots }
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    this.entries.set(key, page)
    return page
  }

  static fill(page: SplicedPage, values: SpliceValues): string {
    const userName = escapeHtml(values.userName)
    let out = page.parts[0] ?? ''
    for (let i = 0; i < page.slots.length; i++) {
      const slot = page.slots[i]
      out += (slot === 'nonce' ? values.nonce : slot === 'csrf' ? values.csrf : userName) + (page.parts[i + 1] ?? '')
    }
    return out
  }
}
