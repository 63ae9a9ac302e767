import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown.ts'

/** Tag names of the output. With raw HTML disabled every `<` in text is escaped, so these are all the elements. */
function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map(match => (match[1] ?? '').toLowerCase())
}

/** Every attribute of every tag, as [name, value] (values still HTML-escaped). */
function attributesOf(html: string): [string, string][] {
  const attributes: [string, string][] = []
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    for (const match of tag.matchAll(/\s([^\s=>]+)(?:="([^"]*)")?/g)) {
      attributes.push([(match[1] ?? '').toLowerCase(), match[2] ?? ''])
    }
  }
  return attributes
}

function expectHarmless(html: string): void {
  expect(html).not.toMatch(/<script/i)
  expect(tagsOf(html)).not.toContain('script')
  for (const tag of ['img', 'svg', 'iframe', 'object', 'embed', 'style']) expect(tagsOf(html)).not.toContain(tag)
  for (const [name, value] of attributesOf(html)) {
    expect(name).not.toMatch(/^on/)
    expect(name).toMatch(/^(?:href|class|rel|id|title|role|tabindex|aria-label|aria-hidden)$/)
    if (name === 'href') {
      expect(value).not.toMatch(/javascript:|vbscript:|data:|file:/i)
      // Either http(s) or mailto, or no scheme at all (relative); '%3A' is not a colon to a browser.
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase()
      expect([undefined, 'http', 'https', 'mailto']).toContain(scheme)
    }
  }
}

describe('renderMarkdown', () => {
  describe('XSS corpus', () => {
    const corpus: [string, string][] = [
      ['raw script', '<script>alert(1)</script>'],
      ['script block', 'Hello\n\n<script>\nalert(1)\n</script>\n'],
      ['img onerror', '<img src=x onerror=alert(1)>'],
      ['svg onload', '<svg onload=alert(1)></svg>'],
      ['javascript link', '[x](javascript:alert(1))'],
      ['upper case javascript link', '[x](JAVASCRIPT:alert(1))'],
      ['tab inside scheme', '[x](java\tscript:alert(1))'],
      ['newline inside scheme', '[x](java\nscript:alert(1))'],
      ['leading space in angle brackets', '[x](< javascript:alert(1)>)'],
      ['control character in angle brackets', '[x](<java\u0001script:alert(1)>)'],
      ['data html', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
      ['data image', '![x](data:image/png;base64,iVBORw0KGgo=)'],
      ['vbscript', '[x](vbscript:msgbox(1))'],
      ['file', '[x](file:///etc/passwd)'],
      ['raw anchor', '<a href="javascript:alert(1)">x</a>'],
      ['autolink', '<javascript:alert(1)>'],
      ['decimal entity', '[x](&#106;avascript:alert(1))'],
      ['hex entity', '[x](&#x6A;avascript&#x3A;alert(1))'],
      ['named entity colon', '[x](javascript&colon;alert(1))'],
      ['percent-encoded scheme', '[x](javascript%3Aalert(1))'],
      ['reference link', '[x][a]\n\n[a]: javascript:alert(1)'],
      ['image with javascript', '![x](javascript:alert(1))'],
      ['link title breakout', '[x](https://example.com "a\\" onmouseover=\\"alert(1)")'],
      ['attribute breakout in URL', '[x](https://example.com/"onmouseover="alert(1))'],
      ['heading with markup', '## <img src=x onerror=alert(1)>'],
      ['code fence', '```html\n<script>alert(1)</script>\n```'],
      ['fence info breakout', '```"><script>alert(1)</script>\ncode\n```'],
      ['footnote with script', 'Text[^1]\n\n[^1]: <script>alert(1)</script> [x](javascript:alert(1))'],
      ['footnote label breakout', 'Text[^"><script>alert(1)</script>]\n\n[^"><script>alert(1)</script>]: note'],
      ['admonition title with script', ':::note <script>alert(1)</script>\nBody\n:::'],
      ['admonition bracket title with script', ':::warning[<img src=x onerror=alert(1)>]\nBody\n:::'],
      ['custom id with quotes', '## Title {#"onmouseover="alert(1)}'],
      ['custom id of a DOM global', '## Title {#location}\n\n[x](#location)'],
      ['definition with script', 'Term <script>\n: <img src=x onerror=alert(1)>'],
    ]

    it.each(corpus)('%s is rendered harmless', (_name, source) => {
      expectHarmless(renderMarkdown(source).html)
    })

    it('also passes with a link resolver', () => {
      const source = corpus.map(([, markdown]) => markdown).join('\n\n')
      expectHarmless(renderMarkdown(source, { resolveLink: () => null }).html)
      expectHarmless(renderMarkdown(source, { resolveLink: href => `/handbook/${href}` }).html)
    })

    it('does not link a resolved URL that is unsafe', () => {
      const result = renderMarkdown('[x](page.md)', { resolveLink: () => 'javascript:alert(1)' })
      expect(result.html).toBe('<p class="govuk-body">x</p>\n')
      expect(result.brokenLinks).toEqual(['page.md'])
    })
  })

  describe('links', () => {
    it('marks external links and keeps safe ones', () => {
      const { html, links } = renderMarkdown(
        '[GOV.UK](https://www.gov.uk) [mail](mailto:a@example.com) [local](/people) [top](#intro) https://example.com/x',
      )
      expect(html).toContain('<a href="https://www.gov.uk" class="govuk-link" rel="noreferrer noopener">GOV.UK</a>')
      expect(html).toContain('<a href="mailto:a@example.com" class="govuk-link">mail</a>')
      expect(html).toContain('<a href="/people" class="govuk-link">local</a>')
      // A same-page fragment points at the prefixed heading id (as the handbook's resolver does).
      expect(html).toContain('<a href="#section-intro" class="govuk-link">top</a>')
      expect(html).toContain('<a href="https://example.com/x" class="govuk-link" rel="noreferrer noopener">')
      expect(links).toEqual([
        'https://www.gov.uk',
        'mailto:a@example.com',
        '/people',
        '#intro',
        'https://example.com/x',
      ])
    })

    it('leaves relative links as written without a resolver', () => {
      const { html, brokenLinks } = renderMarkdown('[Scrum](../03-apm/03-scrum.md#roles)')
      expect(html).toContain('<a href="../03-apm/03-scrum.md#roles" class="govuk-link">Scrum</a>')
      expect(brokenLinks).toEqual([])
    })

    it('resolves relative links, and shows unresolved ones as text', () => {
      const seen: string[] = []
      const result = renderMarkdown(
        'See [Scrum](../03-apm/03-scrum.md#roles), [gone](missing.md) and [GOV.UK](https://www.gov.uk).',
        {
          resolveLink: href => {
            seen.push(href)
            return href.startsWith('../03-apm/03-scrum.md') ? '/handbook/scrum#section-roles' : null
          },
        },
      )
      expect(seen).toEqual(['../03-apm/03-scrum.md#roles', 'missing.md'])
      expect(result.html).toBe(
        '<p class="govuk-body">See <a href="/handbook/scrum#section-roles" class="govuk-link">Scrum</a>, gone and ' +
          '<a href="https://www.gov.uk" class="govuk-link" rel="noreferrer noopener">GOV.UK</a>.</p>\n',
      )
      expect(result.links).toEqual(['../03-apm/03-scrum.md#roles', 'missing.md', 'https://www.gov.uk'])
      expect(result.brokenLinks).toEqual(['missing.md'])
    })

    it('keeps the formatting inside an unresolved link', () => {
      const { html } = renderMarkdown('[**bold** link](nowhere.md)', { resolveLink: () => null })
      expect(html).toBe('<p class="govuk-body"><strong>bold</strong> link</p>\n')
    })
  })

  describe('headings', () => {
    it('renders # as h2 and shifts the other levels down', () => {
      const { html, headings } = renderMarkdown('# Top\n\n## Middle\n\n### Low')
      expect(html).toContain('<h2 id="section-top" class="govuk-heading-m">Top</h2>')
      expect(html).toContain('<h3 id="section-middle" class="govuk-heading-s">Middle</h3>')
      expect(html).toContain('<h4 id="section-low" class="govuk-heading-s">Low</h4>')
      expect(headings).toEqual([
        { level: 2, id: 'section-top', text: 'Top' },
        { level: 3, id: 'section-middle', text: 'Middle' },
      ])
    })

    it('keeps levels when the page has no #, with prefixed unique ids', () => {
      const { html, headings } = renderMarkdown(
        '## Why it *matters*\n\n### Café & crème\n\n## Why it matters\n\n## Why it matters\n\n#### Detail\n\n## location',
      )
      expect(html).toContain('<h2 id="section-why-it-matters" class="govuk-heading-m">Why it <em>matters</em></h2>')
      expect(html).toContain('<h4 id="section-detail" class="govuk-heading-s">Detail</h4>')
      expect(headings).toEqual([
        { level: 2, id: 'section-why-it-matters', text: 'Why it matters' },
        { level: 3, id: 'section-cafe-creme', text: 'Café & crème' },
        { level: 2, id: 'section-why-it-matters-2', text: 'Why it matters' },
        { level: 2, id: 'section-why-it-matters-3', text: 'Why it matters' },
        { level: 2, id: 'section-location', text: 'location' },
      ])
    })

    it('gives headings without letters an id', () => {
      expect(renderMarkdown('## ???').headings).toEqual([{ level: 2, id: 'section-heading', text: '???' }])
    })

    it('starts ids afresh on every call', () => {
      renderMarkdown('## Repeat')
      expect(renderMarkdown('## Repeat').headings[0]?.id).toBe('section-repeat')
    })
  })

  describe('blocks', () => {
    it('adds GOV.UK classes', () => {
      const { html } = renderMarkdown('Para\n\n- a\n- b\n\n1. one\n2. two\n\n> quoted\n\n---\n\n```\n<b>code</b>\n```')
      expect(html).toContain('<p class="govuk-body">Para</p>')
      expect(html).toContain('<ul class="govuk-list govuk-list--bullet">')
      expect(html).toContain('<ol class="govuk-list govuk-list--number">')
      expect(html).toContain('<blockquote class="govuk-inset-text">\n<p class="govuk-body">quoted</p>')
      expect(html).toContain('<hr class="govuk-section-break govuk-section-break--m govuk-section-break--visible">')
      expect(html).toContain('<pre><code>&lt;b&gt;code&lt;/b&gt;\n</code></pre>')
    })

    it('styles tables with classes, not style attributes', () => {
      const { html } = renderMarkdown('| Name | Count |\n| --- | ---: |\n| Apples | 3 |')
      expect(html).toBe(
        [
          '<div class="app-table-scroll" role="region" aria-label="Table 1" tabindex="0">',
          '<table class="govuk-table">',
          '<thead class="govuk-table__head">',
          '<tr class="govuk-table__row">',
          '<th class="govuk-table__header">Name</th>',
          '<th class="govuk-table__header govuk-table__header--numeric">Count</th>',
          '</tr>',
          '</thead>',
          '<tbody class="govuk-table__body">',
          '<tr class="govuk-table__row">',
          '<td class="govuk-table__cell">Apples</td>',
          '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>',
          '</tr>',
          '</tbody>',
          '</table>',
          '</div>',
          '',
        ].join('\n'),
      )
    })

    it('renders images as text and lists their sources', () => {
      const { html, links } = renderMarkdown('![A <b>chart</b>](img/chart.png "Title") and ![](../pics/photo.jpg)')
      expect(html).not.toContain('<img')
      expect(html).toContain('<span class="app-missing-image">Image: A &lt;b&gt;chart&lt;/b&gt;</span>')
      expect(html).toContain('<span class="app-missing-image">Image: photo.jpg</span>')
      expect(links).toEqual(['img/chart.png', '../pics/photo.jpg'])
    })
  })

  describe('text', () => {
    it('is plain text, one line per block, whitespace collapsed', () => {
      const { text } = renderMarkdown(
        '# Title\n\nSome   *emphasis*\nand a [link](https://example.com).\n\n- one\n- two `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx  =  1\n```\n\n![Alt text](a.png)',
      )
      expect(text).toBe('Title\nSome emphasis and a link.\none\ntwo code\na b\n1 2\nx = 1\nAlt text')
    })
  })

  describe('limits', () => {
    it('refuses pages over 500,000 characters', () => {
      expect(() => renderMarkdown('a'.repeat(500_001))).toThrow('Page is too long')
      expect(() => renderMarkdown('a'.repeat(500_000))).not.toThrow()
    })

    it.each([
      ['brackets', '['.repeat(100_000)],
      ['emphasis', '*a'.repeat(50_000)],
      ['brackets then emphasis', '['.repeat(100_000) + '*a'.repeat(50_000)],
      ['image openers', '!['.repeat(100_000)],
      ['unclosed links', '[a]('.repeat(50_000)],
      ['backticks', '`a'.repeat(100_000)],
      ['angle brackets', '<a'.repeat(100_000)],
      ['underscores', '_a'.repeat(100_000)],
    ])('renders 200 KB of %s in linear time (seconds, not minutes)', (_name, source) => {
      // A guard against catastrophic backtracking: linear work takes well under a second on a
      // quiet machine; the limit leaves room for a busy CI host.
      const started = performance.now()
      renderMarkdown(source, { resolveLink: () => null })
      expect(performance.now() - started).toBeLessThan(5000)
    })
  })

  describe('syntax real handbooks use', () => {
    it('renders footnotes with numbered, prefixed ids and links both ways', () => {
      const { html, text } = renderMarkdown(
        'Agile[^manifesto] and again[^manifesto].\n\n[^manifesto]: Written in *2001*.',
      )
      expect(html).toContain(
        '<sup class="app-footnote-ref"><a class="govuk-link" href="#footnote-1" id="footnote-ref-1"><span class="govuk-visually-hidden">Footnote </span>1</a></sup>',
      )
      expect(html).toContain('id="footnote-ref-1-1"')
      expect(html).toContain('<section class="app-footnotes">')
      expect(html).toContain('<li id="footnote-1"><p class="govuk-body">Written in <em>2001</em>.')
      expect(html).toContain('href="#footnote-ref-1"')
      expect(html).not.toContain('[^manifesto]')
      expect(html).not.toContain('manifesto"')
      expect(text).toContain('Written in 2001.')
    })

    it.each(['note', 'tip', 'info'])('renders :::%s as GOV.UK inset text, with its title', kind => {
      const { html, text } = renderMarkdown(`:::${kind} Before you start\nRead the *guide*.\n:::`)
      expect(html).toBe(
        [
          `<div class="govuk-inset-text app-admonition app-admonition--${kind}">`,
          '<p class="govuk-body govuk-!-font-weight-bold app-admonition__title">Before you start</p>',
          '<p class="govuk-body">Read the <em>guide</em>.</p>',
          '</div>',
          '',
        ].join('\n'),
      )
      expect(text).toBe('Before you start\nRead the guide.')
    })

    it.each(['caution', 'warning', 'danger'])('renders :::%s as GOV.UK warning text with its icon', kind => {
      const { html, text } = renderMarkdown(`:::${kind}[Take care]\nFirst line.\n\nSecond line.\n:::`)
      expect(html).toBe(
        [
          `<div class="govuk-warning-text app-admonition app-admonition--${kind}">`,
          '<span class="govuk-warning-text__icon" aria-hidden="true">!</span>',
          '<strong class="govuk-warning-text__text">',
          '<span class="govuk-visually-hidden">Warning</span>',
          '<span class="app-admonition__title">Take care</span>',
          'First line.<br>',
          'Second line.</strong>',
          '</div>',
          '',
        ].join('\n'),
      )
      expect(text).toContain('Take care\nFirst line.\nSecond line.')
    })

    it('renders an admonition without a title, and leaves unknown fences as text', () => {
      expect(renderMarkdown(':::tip\nShort.\n:::').html).toBe(
        '<div class="govuk-inset-text app-admonition app-admonition--tip">\n<p class="govuk-body">Short.</p>\n</div>\n',
      )
      expect(renderMarkdown(':::secret\nShort.\n:::').html).toContain(':::secret')
    })

    it('escapes a hostile admonition title', () => {
      const { html } = renderMarkdown(':::caution "><script>alert(1)</script>\nBody\n:::')
      expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(html).not.toContain('<script')
    })

    it('keeps custom heading ids, prefixed, and points same-page links at them', () => {
      const { html, headings } = renderMarkdown(
        '## Getting started {#location}\n\n## Quoted {#"bad"}\n\n##### Deep {#deep}\n\nSee [start](#location), [deep](#deep) and [quoted](#section-bad).',
      )
      expect(html).toContain('<h2 id="section-location" class="govuk-heading-m">Getting started</h2>')
      expect(html).toContain('<h2 id="section-bad" class="govuk-heading-m">Quoted</h2>')
      expect(html).toContain('<h5 id="section-deep" class="govuk-heading-s">Deep</h5>')
      expect(html).toContain('<a href="#section-location" class="govuk-link">start</a>')
      expect(html).toContain('<a href="#section-deep" class="govuk-link">deep</a>')
      expect(html).toContain('<a href="#section-bad" class="govuk-link">quoted</a>')
      expect(headings.map(heading => heading.id)).toEqual(['section-location', 'section-bad'])
    })

    it('slugifies a custom id with quotes and keeps ids unique', () => {
      const { headings } = renderMarkdown('## One {#"on"mouse}\n\n## Two {#on-mouse}\n\n## Three {#\'}')
      expect(headings.map(heading => heading.id)).toEqual(['section-on-mouse', 'section-on-mouse-2', 'section-heading'])
    })

    it('gives every heading level an id, but lists only h2 and h3 in the contents', () => {
      const { html, headings } = renderMarkdown('## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### Six')
      for (const [level, name] of [
        [4, 'four'],
        [5, 'five'],
        [6, 'six'],
      ] as const) {
        expect(html).toContain(`<h${level} id="section-${name}" class="govuk-heading-s">`)
      }
      expect(headings.map(heading => heading.level)).toEqual([2, 3])
    })

    it('renders definition lists', () => {
      const { html, text } = renderMarkdown('Backlog\n: The work a team means to do.\n\nSprint\n: A short, fixed time.')
      expect(html).toContain('<dl class="app-definition-list">')
      expect(html).toContain('<dt class="app-definition-list__term">Backlog</dt>')
      expect(html).toContain('<dd class="app-definition-list__description">The work a team means to do.</dd>')
      expect(text).toBe('Backlog\nThe work a team means to do.\nSprint\nA short, fixed time.')
    })

    it('numbers each table region on the page', () => {
      const { html } = renderMarkdown('| A |\n| - |\n| 1 |\n\n| B |\n| - |\n| 2 |')
      expect(html).toContain('aria-label="Table 1"')
      expect(html).toContain('aria-label="Table 2"')
      expect(renderMarkdown('| A |\n| - |\n| 1 |').html).toContain('aria-label="Table 1"')
    })
  })
})
