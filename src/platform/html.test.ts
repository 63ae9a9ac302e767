import { describe, expect, it } from 'vitest'
import { escapeHtml } from './html.ts'

describe('escapeHtml', () => {
  it('escapes the five characters that can break out of text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;',
    )
  })

  it('escapes an ampersand once, so an entity typed as text shows as typed', () => {
    expect(escapeHtml('&amp; &lt;')).toBe('&amp;amp; &amp;lt;')
  })

  it('leaves other text as it is, Unicode included', () => {
    expect(escapeHtml('Siân O’Brien — 中文 ✓')).toBe('Siân O’Brien — 中文 ✓')
    expect(escapeHtml('')).toBe('')
  })

  it('escapes every occurrence, including characters next to each other', () => {
    expect(escapeHtml('<<>>""\'\'&&')).toBe('&lt;&lt;&gt;&gt;&quot;&quot;&#39;&#39;&amp;&amp;')
  })

  it('keeps a script tag as text', () => {
    expect(escapeHtml('<script>alert("x")</script>')).not.toMatch(/<|>|"/)
  })
})
