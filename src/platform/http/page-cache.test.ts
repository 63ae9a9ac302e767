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
