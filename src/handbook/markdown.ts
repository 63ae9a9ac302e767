// Safe Markdown rendering for handbook pages.
//
// Security (the "Markdown" pitfall in the quality notes):
// - raw HTML is disabled, so `<script>` and `<img onerror>` come out as escaped text;
// - links go through an allowlist (http, https, mailto and relative URLs), not markdown-it's blocklist;
// - heading ids get a `section-` prefix so page text cannot clobber DOM globals (`id="location"`),
//   custom ids written `{#id}` included (slugified, so quotes and spaces cannot escape the attribute),
//   and links to `#id` on the same page are rewritten to the prefixed id;
// - footnotes and admonitions (`:::note Title`) are rendered by our own rules, which escape every piece
//   of text they print (footnote ids are numbers with a `footnote-` prefix, never the label written);
// - images are never rendered as <img>: handbooks are text and imported images may be missing.
//
// The markdown-it instance is built once. Everything that depends on one call (link resolution, the
// lists of links and headings) happens in a pass over that call's tokens, so calls share no state.
import MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'
import anchor from 'markdown-it-anchor'
import container from 'markdown-it-container'
import deflist from 'markdown-it-deflist'
import footnote from 'markdown-it-footnote'
import { escapeHtml } from '../platform/html.ts'
import { slugify as slugOf } from '../platform/slug.ts'

export interface Heading {
  level: 2 | 3
  id: string
  text: string
}

export interface RenderedMarkdown {
  html: string
  text: string
  headings: Heading[]
  links: string[]
}

export interface RenderOptions {
  /** Maps a relative link target (as written, e.g. '../02-x/03-scrum.md#part' or 'scrum') to a site URL, or null when it cannot be resolved (then the link is kept as plain text, i.e. rendered as its text without an <a>, and reported in `brokenLinks`). Absent: relative links are left as written. */
  resolveLink?: (href: string) => string | null
  /** Maps an image's address to one the site may load (a stored image), or null. Images it maps show as <img>; web images show as a link to the original (the CSP loads no remote images); the rest as their description. */
  resolveImage?: (src: string) => string | null
}

/** Longest Markdown source we render, in characters. */
export const MAX_MARKDOWN_LENGTH = 500_000

/** Prefix of every heading id, so ids made from page text cannot clobber DOM globals. */
export const HEADING_ID_PREFIX = 'section-'

const MAX_SLUG_LENGTH = 80
const SCHEME = /^[a-z][a-z0-9+.-]*:/i
const SAFE_SCHEME = /^(?:https?|mailto):/i
const EXTERNAL = /^(?:https?:)?\/\//i

/** Lowercase ASCII letters, digits and single hyphens; '' when nothing is left. */
export function slugify(text: string): string {
  return slugOf(text, MAX_SLUG_LENGTH)
}

/** The id a heading with this text gets (before duplicates get -2, -3). */
export function headingId(text: string): string {
  return HEADING_ID_PREFIX + (slugify(text) || 'heading')
}

/**
 * Allowlist for link and image URLs (markdown-it's default is a blocklist). A URL with a colon before any
 * '/', '?' or '#' has (or may be read by a browser as having) a scheme, and only http, https and mailto are
 * allowed. Everything else is relative. markdown-it has already decoded entities and percent-encoded the
 * URL when this runs; raw whitespace or control characters are refused outright.
 */
export function isSafeUrl(url: string): boolean {
  if (hasControlOrSpace(url)) return false
  const colon = url.indexOf(':')
  if (colon === -1) return true
  const delimiter = url.search(/[/?#]/)
  if (delimiter !== -1 && delimiter < colon) return true
  return SAFE_SCHEME.test(url)
}

// C0 controls, space, DEL and C1 controls: browsers strip or ignore some of these inside URLs.
function hasControlOrSpace(url: string): boolean {
  for (let i = 0; i < url.length; i += 1) {
    const code = url.charCodeAt(i)
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f)) return true
  }
  return false
}

function addClass(token: Token, value: string): void {
  token.attrJoin('class', value)
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false })
md.validateLink = isSafeUrl

// A handbook page sits under the page's own h1, so the body must not have one. When the body uses `#`,
// shift every heading down one level (h1 → h2, h2 → h3 …, h6 stays h6). Runs before the anchor rule.
md.core.ruler.push('valuekit_heading_levels', state => {
  const usesH1 = state.tokens.some(token => token.type === 'heading_open' && token.tag === 'h1')
  if (!usesH1) return
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(Number(token.tag.slice(1)) + 1, 6)}`
    }
  }
})

// A heading may name its own id, `## Getting started {#start}` (Docusaurus, kramdown, Pandoc). The id is
// taken out of the text and kept, slugified and prefixed like every other heading id.
const CUSTOM_ID = /\s*\{#([^{}\s]+)\}\s*$/
md.core.ruler.push('valuekit_custom_heading_ids', state => {
  state.tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return
    const inline = state.tokens[index + 1]
    const last = inline?.children?.at(-1)
    if (!inline || last?.type !== 'text') return
    const match = CUSTOM_ID.exec(last.content)
    if (!match) return
    last.content = last.content.slice(0, match.index)
    inline.content = inline.content.replace(CUSTOM_ID, '')
    token.attrSet('id', headingId(match[1] ?? ''))
  })
})

// Every heading gets an id (the contents list still shows only h2 and h3, see `Heading`).
md.use(anchor, {
  level: 2,
  slugify: headingId,
  uniqueSlugStartIndex: 2,
  tabIndex: false,
  failOnNonUnique: false,
})

md.use(deflist)

md.use(footnote)
md.renderer.rules.footnote_ref = (tokens, idx) => {
  const meta = footnoteMeta(tokens[idx])
  const refId = meta.subId > 0 ? `${meta.n}-${meta.subId}` : `${meta.n}`
  return (
    `<sup class="app-footnote-ref"><a class="govuk-link" href="#footnote-${meta.n}" id="footnote-ref-${refId}">` +
    `<span class="govuk-visually-hidden">Footnote </span>${meta.n}</a></sup>`
  )
}
md.renderer.rules.footnote_block_open = () =>
  '<section class="app-footnotes">\n<h2 class="govuk-heading-s">Footnotes</h2>\n<ol class="govuk-list govuk-list--number app-footnotes__list">\n'
md.renderer.rules.footnote_block_close = () => '</ol>\n</section>\n'
md.renderer.rules.footnote_open = (tokens, idx) => `<li id="footnote-${footnoteMeta(tokens[idx]).n}">`
md.renderer.rules.footnote_close = () => '</li>\n'
md.renderer.rules.footnote_anchor = (tokens, idx) => {
  const meta = footnoteMeta(tokens[idx])
  const refId = meta.subId > 0 ? `${meta.n}-${meta.subId}` : `${meta.n}`
  return ` <a class="govuk-link app-footnotes__back" href="#footnote-ref-${refId}">Back to text<span class="govuk-visually-hidden"> for footnote ${meta.n}</span></a>`
}

/** The footnote's number (from 1) and which of several references to it this is; numbers only, never the label. */
function footnoteMeta(token: Token | undefined): { n: number; subId: number } {
  const meta = (token?.meta ?? {}) as { id?: unknown; subId?: unknown }
  const id = typeof meta.id === 'number' ? meta.id : 0
  const subId = typeof meta.subId === 'number' ? meta.subId : 0
  return { n: id + 1, subId }
}

/** Admonitions (Docusaurus, VuePress): notes become GOV.UK inset text, warnings GOV.UK warning text. */
export const ADMONITIONS: Readonly<Record<string, 'inset' | 'warning'>> = {
  note: 'inset',
  tip: 'inset',
  info: 'inset',
  caution: 'warning',
  warning: 'warning',
  danger: 'warning',
}

/** The kind and title of an admonition's opening line: `note`, `note Title` or `note[Title]`. */
export function admonitionOf(info: string): { kind: string; title: string } | null {
  const match = /^([a-z]+)\s*(?:\[(.*)\]\s*$|(.*))$/i.exec(info.trim())
  const kind = match?.[1]?.toLowerCase() ?? ''
  if (!match || !Object.hasOwn(ADMONITIONS, kind)) return null
  return { kind, title: collapse(match[2] ?? match[3] ?? '') }
}

for (const kind of Object.keys(ADMONITIONS)) {
  md.use(container, kind, {
    validate: (params: string) => admonitionOf(params)?.kind === kind,
    render: (tokens: Token[], idx: number) => {
      const token = tokens[idx]
      if (!token) return ''
      const style = ADMONITIONS[kind]
      if (token.nesting !== 1) return style === 'warning' ? '</strong>\n</div>\n' : '</div>\n'
      const title = admonitionOf(token.info)?.title ?? ''
      if (style === 'warning') {
        return (
          `<div class="govuk-warning-text app-admonition app-admonition--${kind}">\n` +
          '<span class="govuk-warning-text__icon" aria-hidden="true">!</span>\n' +
          '<strong class="govuk-warning-text__text">\n<span class="govuk-visually-hidden">Warning</span>\n' +
          (title ? `<span class="app-admonition__title">${escapeHtml(title)}</span>\n` : '')
        )
      }
      return (
        `<div class="govuk-inset-text app-admonition app-admonition--${kind}">\n` +
        (title ? `<p class="govuk-body govuk-!-font-weight-bold app-admonition__title">${escapeHtml(title)}</p>\n` : '')
      )
    },
  })
}

// Inside warning text (a <strong>), paragraphs are lines: no <p>, a line break between them.
md.renderer.rules.app_line_break = () => '<br>\n'

// Tables scroll sideways in their own focusable, labelled box, so the page reflows at 320 px.
md.renderer.rules.table_open = (tokens, idx, options, env: Record<string, unknown> | undefined, renderer) => {
  const count = (typeof env?.tables === 'number' ? env.tables : 0) + 1
  if (env) env.tables = count
  return (
    `<div class="app-table-scroll" role="region" aria-label="Table ${count}" tabindex="0">\n` +
    renderer.renderToken(tokens, idx, options)
  )
}
md.renderer.rules.table_close = (tokens, idx, options, _env, renderer) =>
  `${renderer.renderToken(tokens, idx, options)}</div>\n`

md.renderer.rules.image = (tokens, idx, options, env: ImageEnv | undefined, renderer) => {
  const token = tokens[idx]
  if (!token) return ''
  const alt = renderer.renderInlineAsText(token.children ?? [], options, env).trim()
  const src = String(token.attrGet('src') ?? '')
  const description = alt || fileName(src)
  const stored = env?.resolveImage?.(src) ?? null
  if (stored !== null && isSafeUrl(stored) && !SCHEME.test(stored)) {
    return `<img src="${escapeHtml(stored)}" alt="${escapeHtml(alt)}" class="app-handbook-image">`
  }
  if (/^https?:\/\//i.test(src) && isSafeUrl(src)) {
    return `<a href="${escapeHtml(src)}" class="govuk-link" rel="noreferrer noopener">Image: ${escapeHtml(description)}</a>`
  }
  return `<span class="app-missing-image">Image: ${escapeHtml(description)}</span>`
}

interface ImageEnv {
  [key: string | symbol]: unknown
  resolveImage?: (src: string) => string | null
}

function fileName(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? ''
  return path.slice(path.lastIndexOf('/') + 1) || 'no description'
}

const BLOCK_CLASSES: Readonly<Record<string, string>> = {
  paragraph_open: 'govuk-body',
  bullet_list_open: 'govuk-list govuk-list--bullet',
  ordered_list_open: 'govuk-list govuk-list--number',
  blockquote_open: 'govuk-inset-text',
  hr: 'govuk-section-break govuk-section-break--m govuk-section-break--visible',
  table_open: 'govuk-table',
  thead_open: 'govuk-table__head',
  tbody_open: 'govuk-table__body',
  tr_open: 'govuk-table__row',
  th_open: 'govuk-table__header',
  td_open: 'govuk-table__cell',
  dl_open: 'app-definition-list',
  dt_open: 'app-definition-list__term',
  dd_open: 'app-definition-list__description',
}

interface RenderState {
  resolveLink: ((href: string) => string | null) | undefined
  links: Set<string>
  brokenLinks: Set<string>
  headings: Heading[]
  ids: Set<string>
  lines: string[]
  line: string[]
}

/** Renders handbook Markdown to safe GOV.UK-styled HTML, plus the page's headings, plain text and links. */
export function renderMarkdown(
  source: string,
  options: RenderOptions = {},
): RenderedMarkdown & { brokenLinks: string[] } {
  if (source.length > MAX_MARKDOWN_LENGTH) throw new Error('Page is too long')
  const state: RenderState = {
    resolveLink: options.resolveLink,
    links: new Set(),
    brokenLinks: new Set(),
    headings: [],
    ids: new Set(),
    lines: [],
    line: [],
  }
  // A fresh env per call: markdown-it-anchor keeps the ids it has used in it.
  const env: ImageEnv = {}
  const tokens = md.parse(source, env)
  if (options.resolveImage) env.resolveImage = options.resolveImage
  decorate(tokens, state)
  lineBreaksInWarnings(tokens)
  return {
    html: md.renderer.render(tokens, md.options, env),
    text: state.lines.join('\n'),
    headings: state.headings,
    links: [...state.links],
    brokenLinks: [...state.brokenLinks],
  }
}

function decorate(tokens: Token[], state: RenderState): void {
  tokens.forEach((token, index) => {
    const className = BLOCK_CLASSES[token.type]
    if (className) addClass(token, className)
    switch (token.type) {
      case 'heading_open':
        decorateHeading(token, tokens[index + 1], state)
        state.ids.add(String(token.attrGet('id') ?? ''))
        break
      case 'th_open':
      case 'td_open':
        alignmentToClass(token)
        break
      case 'inline':
        token.children = decorateInline(token.children ?? [], state)
        state.line.push(inlineText(token.children))
        break
      case 'fence':
      case 'code_block':
        state.line.push(token.content)
        endLine(state)
        break
      case 'paragraph_close':
      case 'heading_close':
      case 'tr_close':
      case 'dt_close':
      case 'dd_close':
        endLine(state)
        break
    }
    if (token.type.startsWith('container_') && token.nesting === 1) {
      state.line.push(admonitionOf(token.info)?.title ?? '')
      endLine(state)
    }
  })
  endLine(state)
  rewriteFragments(tokens, state)
}

// Links to `#id` on the same page point at the heading's prefixed id (rendering without a resolver,
// as previews do; the handbook's own resolver does the same for saved pages).
function rewriteFragments(tokens: Token[], state: RenderState): void {
  if (state.resolveLink) return
  for (const token of tokens) {
    for (const child of token.children ?? []) {
      if (child.type !== 'link_open') continue
      const href = String(child.attrGet('href') ?? '')
      if (!href.startsWith('#') || href.length === 1) continue
      const fragment = safeDecode(href.slice(1))
      if (state.ids.has(fragment)) continue
      child.attrSet('href', `#${headingId(fragment)}`)
    }
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

// Paragraphs inside a warning admonition would put <p> inside <strong>: show them as lines instead.
function lineBreaksInWarnings(tokens: Token[]): void {
  let depth = 0
  let paragraphs = 0
  for (const token of tokens) {
    if (token.type.startsWith('container_')) {
      const kind = token.type.slice('container_'.length).replace(/_(open|close)$/, '')
      if (ADMONITIONS[kind] !== 'warning') continue
      depth += token.nesting
      paragraphs = 0
      continue
    }
    if (depth === 0) continue
    if (token.type === 'paragraph_open') {
      if (paragraphs > 0) {
        token.type = 'app_line_break'
      } else {
        token.hidden = true
      }
      paragraphs += 1
    } else if (token.type === 'paragraph_close') {
      token.hidden = true
    }
  }
}

function decorateHeading(token: Token, inline: Token | undefined, state: RenderState): void {
  addClass(token, token.tag === 'h2' ? 'govuk-heading-m' : 'govuk-heading-s')
  const id = token.attrGet('id')
  if ((token.tag === 'h2' || token.tag === 'h3') && typeof id === 'string') {
    const text = collapse(inlineText(inline?.children ?? []))
    state.headings.push({ level: token.tag === 'h2' ? 2 : 3, id, text })
  }
}

// markdown-it aligns table cells with a style attribute, which a strict CSP blocks. Use classes instead.
function alignmentToClass(token: Token): void {
  const style = token.attrGet('style')
  if (style === null) return
  token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style')
  if (style === 'text-align:right') {
    addClass(token, token.type === 'th_open' ? 'govuk-table__header--numeric' : 'govuk-table__cell--numeric')
  }
}

function decorateInline(children: Token[], state: RenderState): Token[] {
  const kept: Token[] = []
  // Links cannot contain links, but keep a stack so every link_close matches its link_open.
  const dropped: boolean[] = []
  for (const child of children) {
    if (child.type === 'link_open') {
      const drop = !decorateLink(child, state)
      dropped.push(drop)
      if (drop) continue
    } else if (child.type === 'link_close') {
      if (dropped.pop() === true) continue
    } else if (child.type === 'image') {
      state.links.add(md.normalizeLinkText(String(child.attrGet('src') ?? '')))
    }
    kept.push(child)
  }
  return kept
}

/** Sets the link's classes and resolved href; false when the link must be shown as plain text. */
function decorateLink(token: Token, state: RenderState): boolean {
  const href = String(token.attrGet('href') ?? '')
  const written = md.normalizeLinkText(href)
  state.links.add(written)
  addClass(token, 'govuk-link')
  if (EXTERNAL.test(href)) {
    token.attrSet('rel', 'noreferrer noopener')
    return true
  }
  if (!state.resolveLink || SCHEME.test(href)) return true
  const resolved = state.resolveLink(written)
  const url = resolved === null ? null : md.normalizeLink(resolved)
  if (url === null || !isSafeUrl(url)) {
    state.brokenLinks.add(written)
    return false
  }
  token.attrSet('href', url)
  if (EXTERNAL.test(url)) token.attrSet('rel', 'noreferrer noopener')
  return true
}

function inlineText(children: Token[]): string {
  let text = ''
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' '
    else if (child.type === 'image') text += inlineText(child.children ?? [])
  }
  return text
}

function endLine(state: RenderState): void {
  const line = collapse(state.line.join(' '))
  if (line) state.lines.push(line)
  state.line = []
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
