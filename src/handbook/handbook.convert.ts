// Turns a page written for a site generator (Jekyll's Liquid, Eleventy's Nunjucks, Docusaurus's MDX) into
// plain handbook Markdown, reporting every change by line. Pure: text in, text and notes out.
//
// Every replacement keeps the number of lines it replaces, so a note's line is the line in the file.
// Fenced code is never touched. What has a Markdown equivalent is converted (links, images, details and
// summary, line breaks, emphasis, headings, lists); anything else is removed with a warning, so readers
// never see template tags or escaped markup. Footnotes, `:::note` admonitions and `{#id}` heading ids
// are Markdown the handbook renders, so they are left as they are.

export type SiteKind = 'plain' | 'jekyll' | 'eleventy' | 'docusaurus'

export interface ConvertNote {
  /** Line in the body given to convertBody, from 1. */
  line: number
  severity: 'warning' | 'note'
  message: string
}

export interface ConvertContext {
  kind: SiteKind
  /** Whether the file is MDX (Docusaurus `.mdx`, or any Docusaurus page: MDX is its default). */
  mdx: boolean
  pageTitle: string | undefined
  siteTitle: string | undefined
}

const FILTER_URL = /^(['"])([^'"\n]{0,1000})\1\s*\|\s*(?:url|relative_url|absolute_url)$/
const PREPEND_BASEURL = /^(['"])([^'"\n]{0,1000})\1\s*\|\s*prepend:\s*site\.baseurl$/
const CONTROL_TAGS = new Set([
  'if',
  'elsif',
  'elif',
  'else',
  'endif',
  'unless',
  'endunless',
  'for',
  'endfor',
  'case',
  'when',
  'endcase',
  'capture',
  'endcapture',
  'assign',
  'set',
  'endset',
  'block',
  'endblock',
  'extends',
  'layout',
  'macro',
  'endmacro',
])
const DROPPED_WITH_CONTENT = ['script', 'style', 'iframe', 'object', 'embed', 'form', 'noscript', 'template']
/** Tags whose text is kept as it is when the tags are removed. */
const WRAPPER_TAGS = new Set([
  'p',
  'div',
  'span',
  'section',
  'article',
  'aside',
  'main',
  'header',
  'footer',
  'nav',
  'figure',
  'figcaption',
  'center',
  'font',
  'small',
  'big',
  'u',
  'sup',
  'sub',
  'mark',
  'abbr',
  'cite',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
])

/** Converts a page body. Notes come back in line order. */
export function convertBody(source: string, context: ConvertContext): { body: string; notes: ConvertNote[] } {
  const notes: ConvertNote[] = []
  const converter = new Converter(source.replace(/\r\n?/g, '\n'), notes)
  if (context.kind === 'jekyll' || context.kind === 'eleventy') convertTemplates(converter, context)
  if (context.mdx) convertMdx(converter)
  if (context.kind !== 'plain') convertHtml(converter)
  notes.sort((a, b) => a.line - b.line)
  // A list item whose only content was a template tag would show as an empty bullet.
  const body =
    context.kind === 'plain' ? converter.text : converter.text.replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]*$/gm, '')
  return { body: body.replace(/\n{3,}/g, '\n\n'), notes }
}

/** Whether text outside code still holds template tags or HTML a reader would see as markup. */
export function leftoverSyntax(body: string): string[] {
  const converter = new Converter(body, [])
  const found: string[] = []
  converter.scan(
    /\{%[^\n]{0,200}?%\}|\{\{[^\n]{0,200}?\}\}|<\/?[a-zA-Z][a-zA-Z0-9-]{0,30}(?:\s[^<>\n]{0,500})?\/?>/g,
    match => {
      found.push(match)
    },
  )
  return found
}

class Converter {
  text: string
  constructor(
    text: string,
    readonly notes: ConvertNote[],
  ) {
    this.text = text
  }

  note(offset: number, severity: ConvertNote['severity'], message: string): void {
    this.notes.push({ line: lineAt(this.text, offset), severity, message })
  }

  /** Replaces every match outside code; `replace` returns the new text, whose line count is then kept. */
  replace(
    pattern: RegExp,
    replace: (match: string, groups: string[], offset: number) => string,
    options: { addsLines?: boolean } = {},
  ): void {
    const protectedRanges = codeRanges(this.text)
    this.text = this.text.replace(pattern, (...args: unknown[]) => {
      const match = args[0] as string
      const offset = args.find((arg, index) => index > 0 && typeof arg === 'number') as number
      if (inRanges(protectedRanges, offset)) return match
      const groups = args.slice(1, args.indexOf(offset)).map(group => (typeof group === 'string' ? group : ''))
      const replacement = replace(match, groups, offset)
      return options.addsLines ? replacement : keepLines(match, replacement)
    })
  }

  scan(pattern: RegExp, visit: (match: string, offset: number) => void): void {
    const protectedRanges = codeRanges(this.text)
    for (const match of this.text.matchAll(pattern)) {
      if (!inRanges(protectedRanges, match.index)) visit(match[0], match.index)
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Liquid (Jekyll) and Nunjucks (Eleventy)

function convertTemplates(c: Converter, context: ConvertContext): void {
  c.replace(/\{%-?\s*raw\s*-?%\}|\{%-?\s*endraw\s*-?%\}/g, (_match, _groups, offset) => {
    c.note(offset, 'note', 'Removed a {% raw %} tag and kept its text')
    return ''
  })
  c.replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, (_match, _groups, offset) => {
    c.note(offset, 'note', 'Removed a template comment')
    return ''
  })
  if (context.kind === 'eleventy') {
    c.replace(/\{#[\s\S]{0,5000}?#\}/g, (_match, _groups, offset) => {
      c.note(offset, 'note', 'Removed a template comment')
      return ''
    })
  }
  c.replace(
    /\{%-?\s*highlight\s+([\w+#.-]{1,30})?[^%\n]*-?%\}[ \t]*\n?([\s\S]*?)\{%-?\s*endhighlight\s*-?%\}/g,
    (_match, [language, code = ''], offset) => {
      c.note(offset, 'note', 'Converted {% highlight %} to a code block')
      return `\`\`\`${language ?? ''}\n${code.endsWith('\n') ? code : `${code}\n`}\`\`\``
    },
  )
  c.replace(
    /\{%-?\s*(?:link|post_url)\s+([^\s%]{1,500})\s*-?%\}/g,
    (_match, [target = '']) => `/${target.replace(/^\//, '')}`,
  )

  c.replace(/\{\{-?\s*([^{}\n]{0,500}?)\s*-?\}\}/g, (match, [expression = ''], offset) => {
    const url = FILTER_URL.exec(expression) ?? PREPEND_BASEURL.exec(expression)
    if (url || /^site\.(?:baseurl|url)$/.test(expression)) {
      c.note(offset, 'note', `Converted ${shorten(match)} to the page's address`)
      return url?.[2] ?? ''
    }
    if (expression === 'page.title' && context.pageTitle) return context.pageTitle
    if ((expression === 'site.title' || expression === 'metadata.title') && context.siteTitle) return context.siteTitle
    c.note(offset, 'warning', `Removed template output ${shorten(match)}`)
    return ''
  })

  // Paired shortcodes keep their text; other tags go.
  const tags = [...c.text.matchAll(/\{%-?\s*([a-zA-Z_][\w-]{0,50})/g)].map(match => match[1] ?? '')
  const paired = new Set(tags.filter(name => tags.includes(`end${name}`)))
  c.replace(/\{%-?\s*([a-zA-Z_][\w-]{0,50})([^%\n]{0,500}?)-?%\}/g, (match, [name = '', args = ''], offset) => {
    if (name.startsWith('end') && paired.has(name.slice(3))) return ''
    if (name === 'include' || name === 'render' || name === 'include_relative') {
      c.note(offset, 'warning', `Removed ${shorten(match)}: included files are not imported`)
    } else if (CONTROL_TAGS.has(name)) {
      c.note(offset, 'warning', `Removed template logic ${shorten(match)} and kept the text around it`)
    } else if (paired.has(name)) {
      c.note(offset, 'warning', `Removed the ${name} shortcode and kept its text`)
    } else {
      c.note(offset, 'warning', `Removed the ${name} shortcode${args.trim() ? ' and what it was given' : ''}`)
    }
    return ''
  })
}

// ---------------------------------------------------------------------------------------------------------------
// MDX (Docusaurus)

function convertMdx(c: Converter): void {
  c.replace(
    /^import\s[^\n]{0,500}$|^export\s+(?:const|default|function)\s[^\n]{0,500}$/gm,
    (match, _groups, offset) => {
      c.note(offset, 'note', `Removed the line "${shorten(match)}"`)
      return ''
    },
  )
  c.replace(/\{\/\*[\s\S]{0,5000}?\*\/\}/g, (_match, _groups, offset) => {
    c.note(offset, 'note', 'Removed a comment')
    return ''
  })
  // Text inside components is usually indented, which Markdown would show as code: outdent it.
  const lines = c.text.split('\n')
  let depth = 0
  const protectedLines = codeLineSet(c.text)
  c.text = lines
    .map((line, index) => {
      if (protectedLines.has(index)) return line
      const opens = (line.match(/<[A-Z][\w.]{0,50}(?:\s[^<>]{0,1000})?(?<!\/)>/g) ?? []).length
      const closes = (line.match(/<\/[A-Z][\w.]{0,50}\s*>/g) ?? []).length
      const inside = depth > 0
      depth = Math.max(0, depth + opens - closes)
      return inside ? line.trimStart() : line
    })
    .join('\n')
  c.replace(/<TabItem\b[^<>]{0,1000}?>/g, (match, _groups, offset) => {
    const label = /\blabel=(?:"([^"]{0,200})"|'([^']{0,200})')/.exec(match)
    const text = label?.[1] ?? label?.[2]
    c.note(
      offset,
      'note',
      text ? `Converted the tab "${text}" to a bold line` : 'Removed a <TabItem> tag and kept its text',
    )
    return text ? `**${text}**` : ''
  })
  c.replace(/<[A-Z][\w.]{0,50}(?:\s[^<>]{0,1000}?)?\/>/g, (match, _groups, offset) => {
    c.note(offset, 'warning', `Removed the component ${shorten(match)}: it has no Markdown equivalent`)
    return ''
  })
  c.replace(/<([A-Z][\w.]{0,50})(?:\s[^<>]{0,1000}?)?>|<\/([A-Z][\w.]{0,50})\s*>/g, (_match, [open], offset) => {
    if (open && open !== 'TabItem') c.note(offset, 'note', `Removed the <${open}> component and kept its text`)
    return ''
  })
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

function convertHtml(c: Converter): void {
  c.replace(/&lt;(\/?[a-zA-Z][a-zA-Z0-9-]{0,30}(?:\s[^&\n]{0,500}?)?\/?)&gt;/g, (_match, [tag = ''], offset) => {
    c.note(offset, 'note', `Converted escaped HTML <${tag.split(/\s/, 1)[0]}>`)
    return `<${tag}>`
  })
  c.replace(/<!--[\s\S]{0,10000}?-->/g, (_match, _groups, offset) => {
    c.note(offset, 'note', 'Removed an HTML comment')
    return ''
  })
  for (const tag of DROPPED_WITH_CONTENT) {
    c.replace(new RegExp(`<${tag}\\b[^>]{0,1000}>[\\s\\S]{0,20000}?</${tag}\\s*>`, 'gi'), (_match, _groups, offset) => {
      c.note(offset, 'warning', `Removed a <${tag}> block: the handbook cannot show it`)
      return ''
    })
  }
  c.replace(
    /<a\s[^<>]{0,1000}?href=(?:"([^"]{0,2000})"|'([^']{0,2000})')[^<>]{0,1000}>([\s\S]{0,2000}?)<\/a\s*>/gi,
    (_m, [a, b, text = '']) => {
      return `[${text.trim()}](${a || b || ''})`
    },
  )
  c.replace(/<img\s[^<>]{0,2000}?\/?>/gi, (match, _groups, offset) => {
    const src = attribute(match, 'src')
    if (!src) {
      c.note(offset, 'warning', 'Removed an <img> with no address')
      return ''
    }
    return `![${attribute(match, 'alt') ?? ''}](${src})`
  })
  c.replace(/<summary[^<>]{0,200}>([\s\S]{0,1000}?)<\/summary\s*>/gi, (_match, [text = ''], offset) => {
    c.note(offset, 'note', 'Converted a <details> block to a bold line and its text')
    return `**${text.trim()}**`
  })
  c.replace(/<\/?details[^<>]{0,200}>/gi, () => '')
  c.replace(/^[ \t]*<h([1-6])[^<>]{0,200}>([^<\n]{0,500})<\/h\1\s*>/gim, (_match, [level = '2', text = '']) => {
    return `${'#'.repeat(Number(level))} ${text.trim()}`
  })
  c.replace(/<\/?(?:strong|b)\s*>/gi, () => '**')
  c.replace(/<\/?(?:em|i)\s*>/gi, () => '_')
  c.replace(/<\/?code\s*>/gi, () => '`')
  c.replace(/^[ \t]*<hr\s*\/?>[ \t]*$/gim, () => '***')
  c.replace(/<li[^<>]{0,200}>/gi, () => '- ')
  c.replace(/<\/li\s*>/gi, () => '')
  c.replace(/<\/?([a-zA-Z][a-zA-Z0-9-]{0,30})(?:\s[^<>]{0,1000}?)?\/?>/g, (match, [name = ''], offset) => {
    const tag = name.toLowerCase()
    if (tag === 'br') return match
    if (WRAPPER_TAGS.has(tag)) {
      if (!match.startsWith('</')) c.note(offset, 'note', `Removed <${tag}> tags and kept their text`)
    } else {
      c.note(offset, 'warning', `Removed the HTML tag ${shorten(match)}`)
    }
    return ''
  })
  // Last, because a line break may add a line: a backslash at the end of a line is a Markdown line break.
  c.replace(
    /<br\s*\/?>[ \t]*(\n?)/gi,
    (_match, [newline], offset) => {
      const lineStart = c.text.lastIndexOf('\n', offset - 1) + 1
      if (c.text.slice(lineStart, offset).trimStart().startsWith('|')) return newline ? ' \n' : ' '
      return '\\\n'
    },
    { addsLines: true },
  )
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}=(?:"([^"]{0,2000})"|'([^']{0,2000})')`, 'i').exec(tag)
  return match?.[1] ?? match?.[2]
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line += 1
  return line
}

/** The replacement with as many line breaks as the match had (padded with blank lines, or joined). */
function keepLines(match: string, replacement: string): string {
  const want = countNewlines(match)
  const have = countNewlines(replacement)
  if (have === want) return replacement
  if (have < want) return replacement + '\n'.repeat(want - have)
  // More lines than before (a line break added): join the extra ones back with spaces.
  let extra = have - want
  return replacement.replace(/\n/g, newline => (extra-- > 0 && newline ? ' ' : newline))
}

function countNewlines(text: string): number {
  let count = 0
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1
  return count
}

/** Offsets of fenced code blocks and inline code spans, which are never converted. */
export function codeRanges(text: string): [number, number][] {
  const ranges: [number, number][] = []
  let fence: string | null = null
  let fenceStart = 0
  let offset = 0
  for (const line of text.split('\n')) {
    const end = offset + line.length + 1
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence) {
      if (marker?.startsWith(fence)) {
        ranges.push([fenceStart, end])
        fence = null
      }
    } else if (marker) {
      fence = marker
      fenceStart = offset
    } else {
      for (const span of line.matchAll(/`[^`\n]{1,1000}`/g))
        ranges.push([offset + span.index, offset + span.index + span[0].length])
    }
    offset = end
  }
  if (fence) ranges.push([fenceStart, text.length + 1])
  return ranges
}

function codeLineSet(text: string): Set<number> {
  const lines = new Set<number>()
  let fence: string | null = null
  text.split('\n').forEach((line, index) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence) {
      lines.add(index)
      if (marker?.startsWith(fence)) fence = null
    } else if (marker) {
      fence = marker
      lines.add(index)
    }
  })
  return lines
}

function inRanges(ranges: [number, number][], offset: number): boolean {
  return ranges.some(([start, end]) => offset >= start && offset < end)
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= 60 ? flat : `${flat.slice(0, 59)}…`
}
