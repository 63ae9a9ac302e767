import { describe, expect, it } from 'vitest'
import { PageCache } from './page-cache.ts'

const P = PageCache.placeholders

describe('PageCache', () => {
  it('splices this request’s nonce, form token and name into a page rendered once', () => {
    const cache = new PageCache()
    const entry = cache.set(
      'k',
      `<script nonce="${P.nonce}"></script><input value="${P.csrf}"><a>${P.userName}</a><i>${P.csrf}</i>`,
    )
    expect(cache.get('k')).toBe(entry)
    const html = PageCache.fill(entry, { nonce: 'n1', csrf: 't1', userName: 'Ada' })
    expect(html).toBe('<script nonce="n1"></script><input value="t1"><a>Ada</a><i>t1</i>')
    const other = PageCache.fill(entry, { nonce: 'n2', csrf: 't2', userName: 'Bo' })
    expect(other).toBe('<script nonce="n2"></script><input value="t2"><a>Bo</a><i>t2</i>')
  })

  it('splices names outside ASCII byte for byte, at the start and end of the page too', () => {
    const cache = new PageCache()
    const entry = cache.set('k', `${P.userName}<b>${P.nonce}</b>${P.userName}`)
    const bytes = PageCache.fillBytes(entry, { nonce: 'n', csrf: '', userName: 'Siân Ó Dálaigh 李' })
    expect(bytes.toString('utf8')).toBe('Siân Ó Dálaigh 李<b>n</b>Siân Ó Dálaigh 李')
    expect(bytes.length).toBe(Buffer.byteLength('Siân Ó Dálaigh 李<b>n</b>Siân Ó Dálaigh 李'))
  })

  it('escapes the person’s name, which is the only value people choose', () => {
    const cache = new PageCache()
    const entry = cache.set('k', `<a>${P.userName}</a>`)
    const html = PageCache.fill(entry, {
      nonce: '',
      csrf: '',
      userName: `<script>alert(1)</script>"'&`,
    })
    expect(html).toBe('<a>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</a>')
  })

  it('gives the same page as pieces to send in turn, the kept parts shared and unchanged', () => {
    const cache = new PageCache()
    const entry = cache.set('k', `${P.userName}<b nonce="${P.nonce}">${P.csrf}</b><i>${P.userName}</i>`)
    const values = { nonce: 'n1', csrf: '', userName: 'Siân <3' }
    const { chunks, bytes } = PageCache.pieces(entry, values)
    const joined = Buffer.concat(chunks.map(c => (typeof c === 'string' ? Buffer.from(c) : c)))
    expect(joined.equals(PageCache.fillBytes(entry, values))).toBe(true)
    expect(bytes).toBe(joined.length)
    // Nothing empty is sent, and the parts are the cache's own buffers, not copies.
    expect(chunks.every(c => c.length > 0)).toBe(true)
    expect(chunks.filter(c => typeof c !== 'string').every(c => entry.parts.includes(c as Buffer))).toBe(true)
  })

  it('keeps a page with no placeholders whole', () => {
    const cache = new PageCache()
    const entry = cache.set('plain', '<p>Nothing to fill</p>')
    expect(entry.slots).toEqual([])
    expect(PageCache.fill(entry, { nonce: 'n', csrf: 'c', userName: 'u' })).toBe('<p>Nothing to fill</p>')
  })

  it('does not mistake text that merely looks like a placeholder', () => {
    const cache = new PageCache()
    const entry = cache.set('k', '<p>vk-nonce and \u0002vk-other\u0003</p>')
    expect(entry.slots).toEqual([])
  })

  it('forgets the oldest page once full', () => {
    const cache = new PageCache(2)
    cache.set('a', 'A')
    cache.set('b', 'B')
    cache.set('c', 'C')
    expect(cache.get('a')).toBeUndefined()
    expect(cache.get('b')).toBeDefined()
    expect(cache.get('c')).toBeDefined()
  })

  it('replaces a page stored again under the same key', () => {
    const cache = new PageCache(2)
    cache.set('a', 'old')
    cache.set('a', 'new')
    const entry = cache.get('a')
    expect(entry && PageCache.fill(entry, { nonce: '', csrf: '', userName: '' })).toBe('new')
  })
})

describe('PageCache bounds', () => {
  it('keeps no more bytes than its budget, dropping the oldest pages first', () => {
    const cache = new PageCache(100, 10_000)
    for (let i = 0; i < 10; i++) cache.set(`page-${i}`, 'x'.repeat(3000))
    expect(cache.size).toBeLessThanOrEqual(10_000)
    expect(cache.size).toBe(9000)
    expect(cache.get('page-0')).toBeUndefined()
    expect(cache.get('page-6')).toBeUndefined()
    expect(cache.get('page-7')).toBeDefined()
    expect(cache.get('page-9')).toBeDefined()
  })

  it('counts a page set again once, and serves a page too large to keep without keeping it', () => {
    const cache = new PageCache(100, 10_000)
    cache.set('same', 'x'.repeat(4000))
    cache.set('same', 'y'.repeat(5000))
    expect(cache.size).toBe(5000)
    const huge = cache.set('huge', 'z'.repeat(20_000))
    expect(PageCache.fill(huge, { nonce: '', csrf: '', userName: '' })).toHaveLength(20_000)
    expect(cache.get('huge')).toBeUndefined()
    expect(cache.get('same')).toBeDefined()
    expect(cache.size).toBe(5000)
  })

  it('still keeps no more entries than asked', () => {
    const cache = new PageCache(3)
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, 'small')
    expect(['k0', 'k1', 'k2', 'k3', 'k4'].filter(k => cache.get(k))).toEqual(['k2', 'k3', 'k4'])
  })
})
