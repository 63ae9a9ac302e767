// Publishes the handbook as a static website: plain HTML files that open from a folder, a USB stick or
// any web server, with no Valuekit server behind them. Strategies published in the open come with it
// (open.html and one open.<slug>.html each: the latest version of each page still public), read
// through the open service and rendered with open's templates, with no feedback form. Pages are rendered with the live site's own
// templates (handbook/views/*.njk in views/layouts/base.njk) in "exported" mode: no sign-in, no search,
// no editing, no names, no history and no JavaScript. The site-absolute links in the generated HTML are
// then rewritten to relative files, so every link works from file://. Each image a page shows (kept in
// handbook_images, served live at /handbook/images/<id>/<name>) is written to images/<id>/<name> and the
// pages (and printable pages) point at that file.
import { handbookManifest, MANIFEST_FILE, type ManifestImage } from './handbook.manifest.ts'
import { createHash } from 'node:crypto'
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { FrameworkTerms } from '../framework/framework.terms.ts'
import { brandColourOf, organisationLayout } from '../organisation/organisation.layout.ts'
import type { Organisation } from '../organisation/organisation.types.ts'
import { publicPageView } from '../open/open.views.ts'
import { BUILD_DIR, buildAssetsIfMissing, loadManifest } from '../platform/http/assets.ts'
import { createViewEnvironment, renderView } from '../platform/http/views.ts'
import type { Services } from '../services.ts'
import { IMAGE_PATH_PREFIX, imageFileName, storedImageId } from './handbook.images.ts'
import type { Page, Section } from './handbook.types.ts'
import { pageView, printView } from './handbook.views.ts'

/** A file in every export folder: its presence says the folder may be overwritten by the next export. */
export const EXPORT_MARKER = '.valuekit-export'

const SAFE_SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/
/** File names the export itself uses, which a page cannot take. */
const RESERVED_FILES = new Set(['index', 'accessibility', 'open'])
/** Where `files` keeps the printable handbook's file (and, after a colon, each section's). */
const PRINT_KEY = ':print'
/** Where `files` keeps the list of published strategies (and, after a colon, each one's page by its slug). */
const OPEN_KEY = ':open'
/** Where `files` keeps each stored image's file, after a colon its id. */
const IMAGE_KEY = ':image:'
/** Where stored images are written in the export: `images/<id>/<file name>`. */
const IMAGE_FILE = /^images\/[0-9a-f]{32}\/[A-Za-z0-9._-]{1,100}$/
/** Image folders under public/build that the stylesheet refers to. */
const IMAGE_FOLDERS = ['moj']

/** The export would overwrite a folder it did not make, or cannot use the folder at all. */
export class ExportRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ExportRefusedError'
  }
}

export interface ExportOptions {
  /** Write into a folder that is not empty and was not made by an export. */
  readonly force?: boolean
}

export interface ExportSummary {
  /** Absolute path of the folder written to. */
  readonly folder: string
  readonly sections: number
  readonly pages: number
  /** Strategies published in the open, one page each. */
  readonly published: number
  /** Files written under assets/. */
  readonly assets: number
  /** Images the pages show, written under images/. */
  readonly images: number
  /** Every file written, relative to the folder, in posix form. */
  readonly files: string[]
}

const markerSchema = z.object({ files: z.array(z.string().max(500)).max(100_000) })

/** Writes the whole handbook as a static site into `folder`, creating it if needed. */
export async function exportHandbook(
  services: Services,
  folder: string,
  options: ExportOptions = {},
): Promise<ExportSummary> {
  const org = await services.organisation.get()
  if (!org) throw new ExportRefusedError('Valuekit is not set up yet, so there is no handbook to export')
  const root = path.resolve(folder)
  await prepareFolder(root, options.force ?? false)
  const exportedAt = services.clock().toISOString()
  const writeMarker = (files: string[]) =>
    writeFile(
      path.join(root, EXPORT_MARKER),
      `${JSON.stringify({ generator: 'Valuekit', exportedAt, files }, null, 2)}\n`,
    )
  // Marked first, so an export that fails half way can be run again into the same folder.
  await writeMarker([])

  const written: string[] = []
  const write = async (file: string, contents: string | Buffer) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), contents)
    written.push(file)
  }

  const assets = await writeAssets(root, org, write, file => written.push(file))
  const { sections: allSections } = await services.handbook.exportData()
  const terms = await services.handbook.tagTerms()
  const sections = allSections
    .map(section => ({ ...section, pages: section.pages.filter(page => SAFE_SLUG.test(page.slug)) }))
    .filter(section => section.pages.length > 0)
  const files = pageFiles(sections.flatMap(section => section.pages))
  // The printable handbook and sections: names with a dot, which no page's file can have.
  files.set(PRINT_KEY, 'handbook.print.html')
  for (const section of sections)
    if (SAFE_SLUG.test(section.slug)) files.set(`${PRINT_KEY}:${section.slug}`, `section-${section.slug}.print.html`)
  // Strategies published in the open: the latest version of each page still public.
  const published = (await services.open.publicPages()).filter(page => SAFE_SLUG.test(page.slug))
  if (published.length > 0) files.set(OPEN_KEY, 'open.html')
  for (const page of published) files.set(`${OPEN_KEY}:${page.slug}`, `open.${page.slug}.html`)
  // The images the pages show, each once, whatever name a page gives it.
  const images = await writeImages(services, sections, write)
  for (const image of images) files.set(`${IMAGE_KEY}${image.id}`, image.file)
  const toStatic = (html: string) => staticHtml(html, files)
  const live = liveAddress(services.config.baseUrl)

  const layout = (nav: 'handbook' | 'open' | null) => ({
    exported: true,
    exportedAt,
    org: orgContext(org),
    navigation: [
      { key: 'handbook', text: 'Handbook', href: '/handbook', active: nav === 'handbook' },
      ...(published.length > 0
        ? [{ key: 'open', text: 'Working in the open', href: '/open', active: nav === 'open' }]
        : []),
    ],
    currentNav: nav ?? undefined,
    user: null,
    flash: undefined,
    asset: (name: string) => `/assets/${assets.names[name] ?? name}`,
    sessionIdleMinutes: services.config.sessionIdleMinutes,
  })
  // The same templates and filters as the live site. Outside production the site's environment reads and
  // compiles every template on every render (so edits show at once), which makes an export ten times slower.
  const views = services.config.production ? services.views : createViewEnvironment({ production: true })
  const render = (template: string, nav: 'handbook' | 'open' | null, context: Record<string, unknown>) =>
    toStatic(renderView(views, template, { ...layout(nav), ...context }))

  await write(
    'index.html',
    render('handbook/views/contents.njk', 'handbook', { pageTitle: 'Handbook', sections, can: { edit: false } }),
  )
  const order = sections.flatMap(section => section.pages.map(page => ({ page, section })))
  for (const [index, { page, section }] of order.entries()) {
    const previous = order[index - 1]?.page
    const next = order[index + 1]?.page
    const file = files.get(page.slug)
    if (!file) continue
    await write(file, render('handbook/views/page.njk', 'handbook', pageContext(terms, page, section, previous, next)))
  }
  const parts = sections.map(({ pages, ...section }) => ({ section, pages }))
  await write(
    'handbook.print.html',
    render(
      'handbook/views/print.njk',
      'handbook',
      printView(parts, {
        whole: true,
        title: 'Handbook',
        intro: `How ${org.name} practises product management.`,
        crumbs: [{ text: 'Handbook', href: '/handbook' }],
      }),
    ),
  )
  for (const part of parts) {
    const file = files.get(`${PRINT_KEY}:${part.section.slug}`)
    if (!file) continue
    await write(
      file,
      render(
        'handbook/views/print.njk',
        'handbook',
        printView([part], {
          whole: false,
          title: part.section.title,
          intro: part.section.summary,
          crumbs: [
            { text: 'Handbook', href: '/handbook' },
            { text: part.section.title, href: `/handbook#section-${part.section.slug}` },
          ],
        }),
      ),
    )
  }
  if (published.length > 0) {
    await write(
      'open.html',
      render('open/views/index.njk', 'open', {
        pageTitle: 'Working in the open',
        published: published.map(({ slug, snapshot }) => ({
          slug,
          name: snapshot.content.name,
          purpose: snapshot.content.purpose,
        })),
      }),
    )
    for (const { slug, snapshot } of published)
      await write(
        `open.${slug}.html`,
        render('open/views/page.njk', 'open', {
          pageTitle: snapshot.content.name,
          slug,
          ...publicPageView(snapshot),
          // A static page cannot take feedback: it points to the live page's form when there is one.
          liveFeedbackHref: live ? `${live}/open/${slug}/feedback` : null,
        }),
      )
  }
  // What another Valuekit reads to follow this handbook (src/upstream/).
  await write(MANIFEST_FILE, `${JSON.stringify(handbookManifest(sections, exportedAt, images), null, 2)}\n`)
  await write(
    'accessibility.html',
    render('handbook/views/export/accessibility.njk', null, { pageTitle: 'Accessibility statement' }),
  )
  await writeMarker(written)
  return {
    folder: root,
    sections: sections.length,
    pages: order.length,
    published: published.length,
    assets: assets.count,
    images: images.length,
    files: written,
  }
}

/**
 * The live site's address for readers of the static copy, or null when it has none they could reach
 * (the address Valuekit assumes when BASE_URL is not set, or any other on this computer).
 */
export function liveAddress(baseUrl: string): string | null {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return null
  }
  if (!['http:', 'https:'].includes(url.protocol)) return null
  if (['localhost', '127.0.0.1', '[::1]', '0.0.0.0'].includes(url.hostname)) return null
  return baseUrl.replace(/\/+$/, '')
}

// ---------------------------------------------------------------------------------------------------------------
// The folder

/** Creates the folder, or checks it may be written to and removes what the previous export wrote. */
async function prepareFolder(root: string, force: boolean): Promise<void> {
  let entries: string[]
  try {
    const info = await stat(root)
    if (!info.isDirectory()) throw new ExportRefusedError(`${root} is a file, not a folder. Choose a folder`)
    entries = await readdir(root)
  } catch (error) {
    if (!isMissing(error)) throw error
    await mkdir(root, { recursive: true })
    return
  }
  if (entries.length === 0) return
  if (!entries.includes(EXPORT_MARKER)) {
    if (force) return
    throw new ExportRefusedError(
      `The folder ${root} is not empty and was not made by a handbook export. ` +
        'Choose an empty or new folder, or add --force to write into it anyway',
    )
  }
  // A previous export: remove the files it wrote (and only those), so pages deleted since do not linger.
  const marker = markerSchema.safeParse(await readJson(path.join(root, EXPORT_MARKER)))
  if (!marker.success) return
  for (const file of marker.data.files) {
    const relative = path.relative(root, path.resolve(root, file)).split(path.sep).join('/')
    const ours =
      /^[a-z0-9][a-z0-9.-]*\.html$/.test(relative) ||
      /^assets\/(?:[\w-][\w.-]*\/)*[\w-][\w.-]*$/.test(relative) ||
      IMAGE_FILE.test(relative)
    if (ours) await rm(path.join(root, relative), { force: true })
  }
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'))
  } catch {
    return null
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT'
}

// ---------------------------------------------------------------------------------------------------------------
// Assets

/**
 * Copies the stylesheet (its site-absolute url()s made relative, and fingerprinted again), the favicon and
 * the component images, and writes the brand colour as assets/brand.css. Returns the logical → file names.
 */
async function writeAssets(
  root: string,
  org: Organisation,
  write: (file: string, contents: string | Buffer) => Promise<void>,
  copied: (file: string) => void,
): Promise<{ names: Record<string, string>; count: number }> {
  await buildAssetsIfMissing()
  const manifest = loadManifest()
  const names: Record<string, string> = {}
  let count = 0

  const cssName = manifest['app.css']
  if (!cssName) throw new Error('The stylesheet is missing from public/build/manifest.json')
  const css = (await readFile(path.join(BUILD_DIR, cssName), 'utf8')).replace(/url\((['"]?)\/assets\//g, 'url($1')
  names['app.css'] = fingerprint('app.css', css)
  await write(`assets/${names['app.css']}`, css)
  count += 1

  const faviconName = manifest['favicon.svg']
  if (faviconName) {
    names['favicon.svg'] = faviconName
    await write(`assets/${faviconName}`, await readFile(path.join(BUILD_DIR, faviconName)))
    count += 1
  }

  for (const folder of IMAGE_FOLDERS) {
    const from = path.join(BUILD_DIR, folder)
    const images = await listFiles(from)
    if (images.length === 0) continue
    await cp(from, path.join(root, 'assets', folder), { recursive: true })
    for (const image of images) copied(`assets/${folder}/${image}`)
    count += images.length
  }

  await write('assets/brand.css', `:root{--govuk-brand-colour:${brandColourOf(org)}}\n`)
  count += 1
  return { names, count }
}

/** Files under a folder, as posix paths relative to it. */
async function listFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true })
    return entries
      .filter(entry => entry.isFile())
      .map(entry => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .sort()
  } catch (error) {
    if (isMissing(error)) return []
    throw error
  }
}

function fingerprint(name: string, contents: string): string {
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 10)
  const dot = name.indexOf('.')
  return `${name.slice(0, dot)}.${hash}${name.slice(dot)}`
}

// ---------------------------------------------------------------------------------------------------------------
// Images

const STORED_IMAGE_SRC = /\ssrc="(\/handbook\/images\/[^"]*)"/g

/** Ids of the stored images a page shows, from its rendered text, in order. */
export function imagesShown(html: string): string[] {
  const ids = [...html.matchAll(STORED_IMAGE_SRC)].map(match => storedImageId(match[1] ?? ''))
  return [...new Set(ids.filter(id => id !== null))]
}

/** Writes every stored image the pages show under images/; an image no longer kept is left out. */
async function writeImages(
  services: Services,
  sections: readonly { pages: readonly Page[] }[],
  write: (file: string, contents: string | Buffer) => Promise<void>,
): Promise<ManifestImage[]> {
  const ids = new Set(sections.flatMap(section => section.pages.flatMap(page => imagesShown(page.bodyHtml))))
  const written: ManifestImage[] = []
  for (const id of ids) {
    const image = await services.handbook.image(id)
    if (!image) continue
    const file = `images/${id}/${imageFileName(image.fileName)}`
    await write(file, image.bytes)
    written.push({ id, file, contentType: image.contentType, size: image.bytes.length })
  }
  return written
}

// ---------------------------------------------------------------------------------------------------------------
// Page contexts

/** What base.njk shows of the organisation, as the live layout builds it (app.ts), for a static copy. */
function orgContext(org: Organisation): Record<string, unknown> {
  return { ...organisationLayout(org), brandCssUrl: '/brand.css' }
}

function pageContext(
  terms: FrameworkTerms,
  page: Page,
  section: Section,
  previous: Page | undefined,
  next: Page | undefined,
) {
  // The static copy is for reading only: no editing, suggestions, history or names of who changed what.
  return pageView(
    terms,
    { page, section, previous, next },
    { edit: false, suggest: false, history: false, authors: false },
  )
}

/** Page slug → file name: `<slug>.html`, except for names the export itself uses. */
export function pageFiles(pages: readonly { slug: string }[]): Map<string, string> {
  const files = new Map<string, string>()
  const used = new Set([...RESERVED_FILES].map(name => `${name}.html`))
  for (const { slug } of pages) {
    if (files.has(slug)) continue
    let file = `${slug}.html`
    for (let n = 2; used.has(file); n += 1) file = `${slug}-page${n === 2 ? '' : `-${n}`}.html`
    used.add(file)
    files.set(slug, file)
  }
  return files
}

// ---------------------------------------------------------------------------------------------------------------
// Links

/**
 * The relative address in the static site for an address in the live site, or null when the static site
 * has no such page. Relative addresses, #fragments and other sites' addresses are kept as they are.
 */
export function staticUrl(url: string, files: ReadonlyMap<string, string>): string | null {
  if (!url.startsWith('/')) return url
  if (url.startsWith('//')) return `https:${url}`
  const hashAt = url.indexOf('#')
  const fragment = hashAt === -1 ? '' : url.slice(hashAt)
  const beforeFragment = hashAt === -1 ? url : url.slice(0, hashAt)
  const queryAt = beforeFragment.indexOf('?')
  const pathname = (queryAt === -1 ? beforeFragment : beforeFragment.slice(0, queryAt)).replace(/(.)\/+$/, '$1')

  if (pathname === '/' || pathname === '/handbook') return `index.html${fragment}`
  if (pathname === '/accessibility') return `accessibility.html${fragment}`
  if (pathname === '/brand.css') return 'assets/brand.css'
  if (pathname.startsWith(IMAGE_PATH_PREFIX)) {
    const id = storedImageId(pathname)
    return (id === null ? undefined : files.get(`${IMAGE_KEY}${id}`)) ?? null
  }
  if (pathname.startsWith('/assets/')) {
    const file = pathname.slice('/assets/'.length)
    return file.split('/').every(part => part !== '' && part !== '.' && part !== '..') ? `assets/${file}` : null
  }
  if (pathname === '/handbook/print') {
    const file = files.get(PRINT_KEY)
    return file ? `${file}${fragment}` : null
  }
  const sectionPrint = /^\/handbook\/sections\/([a-z0-9-]{1,200})\/print$/.exec(pathname)
  if (sectionPrint?.[1]) {
    const file = files.get(`${PRINT_KEY}:${sectionPrint[1]}`)
    return file ? `${file}${fragment}` : null
  }
  if (pathname === '/open') {
    const file = files.get(OPEN_KEY)
    return file ? `${file}${fragment}` : null
  }
  const published = /^\/open\/([a-z0-9-]{1,200})$/.exec(pathname)
  if (published?.[1]) {
    const file = files.get(`${OPEN_KEY}:${published[1]}`)
    return file ? `${file}${fragment}` : null
  }
  const page = /^\/handbook\/([a-z0-9-]{1,200})$/.exec(pathname)
  const file = page?.[1] ? files.get(page[1]) : undefined
  return file ? `${file}${fragment}` : null
}

// Our own generated HTML only: attribute values are always double-quoted, and markdown-it and the
// templates escape every quote and angle bracket in text, so these patterns cannot match page text.
const SCRIPT = /<script\b[^>]*>[\s\S]*?<\/script\s*>[ \t]*\n?/gi
const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a>/gi
const HREF = /\shref="([^"]*)"/i
const SITE_ABSOLUTE_ATTRIBUTE = /\s(href|src|action)="(\/[^"]*)"/gi

/**
 * Makes generated HTML work without a server: removes every script, rewrites site-absolute links to the
 * exported files, and turns links to pages the static copy does not have into plain text.
 */
export function staticHtml(html: string, files: ReadonlyMap<string, string>): string {
  return html
    .replace(SCRIPT, '')
    .replace(ANCHOR, (anchor, attributes: string, content: string) => {
      const href = HREF.exec(attributes)?.[1]
      if (href === undefined || !href.startsWith('/')) return anchor
      const target = staticUrl(href, files)
      return target === null ? content : `<a${attributes.replace(HREF, ` href="${target}"`)}>${content}</a>`
    })
    .replace(SITE_ABSOLUTE_ATTRIBUTE, (_attribute, name: string, url: string) => {
      const target = staticUrl(url, files)
      return target === null ? '' : ` ${name}="${target}"`
    })
}
