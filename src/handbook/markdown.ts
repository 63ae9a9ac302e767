// Safe Markdown rendering for handbook pages.
//
// Security (the "Markdown" pitfall in the quality notes):
// - raw HTML is disabled, so `<script>` and `<img onerror>` come out as escaped text;
// - links go through an allowlist (http, https, mailto and relative URLs), not markdown-it's blocklist;
// - heading ids get a `section-` prefix so page text cannot clobber DOM globals (`id="location"`);
// - images are never rendered as <img>: handbooks are text and imported images may be missing.
//
// The markdown-it instance is built once. Everything that depends on one call (link resolution, the
// lists of links and headings) happens in a pass over that call's tokens, so calls share no state.
import MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'
import anchor from 'markdown-it-anchor'
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

md.use(anchor, {
  level: [2, 3],
  slugify: headingId,
  uniqueSlugStartIndex: 2,
  tabIndex: false,
})

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
}

interface RenderState {
  resolveLink: ((href: string) => string | null) | undefined
  links: Set<string>
  brokenLinks: Set<string>
  headings: Heading[]
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
    lines: [],
    line: [],
  }
  // A fresh env per call: markdown-it-anchor keeps the ids it has used in it.
  const env: ImageEnv = {}
  const tokens = md.parse(source, env)
  if (options.resolveImage) env.resolveImage = options.resolveImage
  decorate(tokens, state)
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
        endLine(state)
        break
    }
  })
  endLine(state)
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
