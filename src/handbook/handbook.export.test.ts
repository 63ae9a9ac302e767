import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, Agent, buildTestApp, setUpInstallation, type TestContext } from '../../test/build-test-app.ts'
import { createThing } from '../../test/products.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import { imageId } from './handbook.images.ts'
import { manifestSchema } from './handbook.manifest.ts'
import {
  EXPORT_MARKER,
  ExportRefusedError,
  exportHandbook,
  liveAddress,
  pageFiles,
  staticHtml,
  staticUrl,
} from './handbook.export.ts'

const folders: string[] = []

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'valuekit-export-'))
  folders.push(folder)
  return folder
}

afterAll(async () => {
  await Promise.all(folders.map(folder => rm(folder, { recursive: true, force: true })))
})

/** Every file under a folder, as posix paths relative to it. */
async function filesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  return entries
    .filter(entry => entry.isFile())
    .map(entry => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
}

const ATTRIBUTE_URL = /\s(?:href|src|action)="([^"]*)"/g

/** A PNG's signature and header: enough for the handbook to keep it as a PNG image. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
const PNG_ID = imageId(PNG)

describe('staticUrl', () => {
  const files = new Map([
    ['scrum', 'scrum.html'],
    ['accessibility', 'accessibility-page.html'],
    [':open', 'open.html'],
    [':open:register-a-boat', 'open.register-a-boat.html'],
    [`:image:${PNG_ID}`, `images/${PNG_ID}/roadmap.png`],
  ])

  it.each([
    ['/', 'index.html'],
    ['/handbook', 'index.html'],
    ['/handbook/', 'index.html'],
    ['/handbook#section-associate', 'index.html#section-associate'],
    ['/handbook/scrum', 'scrum.html'],
    ['/handbook/scrum#section-the-events', 'scrum.html#section-the-events'],
    ['/handbook/accessibility', 'accessibility-page.html'],
    ['/accessibility', 'accessibility.html'],
    ['/assets/app.123.css', 'assets/app.123.css'],
    ['/assets/govuk/images/favicon.svg', 'assets/govuk/images/favicon.svg'],
    ['/brand.css?v=1d70b8', 'assets/brand.css'],
    ['#section-x', '#section-x'],
    ['https://www.gov.uk/service-manual', 'https://www.gov.uk/service-manual'],
    ['mailto:team@example.gov.uk', 'mailto:team@example.gov.uk'],
    ['//example.org/page', 'https://example.org/page'],
    ['/open', 'open.html'],
    ['/open/register-a-boat', 'open.register-a-boat.html'],
    [`/handbook/images/${PNG_ID}/roadmap.png`, `images/${PNG_ID}/roadmap.png`],
    [`/handbook/images/${PNG_ID}/another-name.png`, `images/${PNG_ID}/roadmap.png`],
  ])('maps %s to %s', (url, expected) => {
    expect(staticUrl(url, files)).toBe(expected)
  })

  it.each([
    '/privacy',
    '/sign-in',
    '/admin/people',
    '/handbook/search',
    '/handbook/missing-page',
    '/handbook/scrum/history',
    '/assets/../secret',
    '/open/taken-down',
    '/open/register-a-boat/feedback',
    '/handbook/images/0123456789abcdef0123456789abcdef/not-exported.png',
    `/handbook/images/${PNG_ID}/../../secret`,
  ])('has nothing for %s', url => {
    expect(staticUrl(url, files)).toBeNull()
  })
})

describe('staticHtml', () => {
  const files = new Map([['scrum', 'scrum.html']])

  it('removes scripts, rewrites links and turns links to pages it does not have into text', () => {
    const html = [
      '<script nonce="abc">document.body.className += " js-enabled"</script>',
      '<link rel="stylesheet" href="/brand.css?v=00703c">',
      '<a class="govuk-link" href="/handbook/scrum#section-events">Scrum</a>',
      '<a class="govuk-link" href="/admin/people"><strong>People</strong></a>',
      '<a href="https://example.org/">Outside</a>',
      '<form action="/handbook/search"><button>Search</button></form>',
      '<script type="module" src="/assets/app.mjs"></script>',
    ].join('\n')
    const result = staticHtml(html, files)
    expect(result).not.toContain('<script')
    expect(result).toContain('<link rel="stylesheet" href="assets/brand.css">')
    expect(result).toContain('<a class="govuk-link" href="scrum.html#section-events">Scrum</a>')
    expect(result).toContain('\n<strong>People</strong>\n')
    expect(result).toContain('<a href="https://example.org/">Outside</a>')
    expect(result).toContain('<form><button>Search</button></form>')
    expect(result).not.toMatch(/="\//)
  })
})

describe('pageFiles', () => {
  it('names each page after its slug, except where the export uses the name itself', () => {
    const files = pageFiles([
      { slug: 'scrum' },
      { slug: 'index' },
      { slug: 'accessibility' },
      { slug: 'index-page' },
      { slug: 'open' },
    ])
    expect(Object.fromEntries(files)).toEqual({
      scrum: 'scrum.html',
      open: 'open-page.html',
      index: 'index-page.html',
      accessibility: 'accessibility-page.html',
      'index-page': 'index-page-page.html',
    })
  })
})

describe('exportHandbook', () => {
  let ctx: TestContext
  let admin: Agent
  let folder: string
  let files: string[]
  let firstSection: string

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx, { brandColour: '#00703c' })
    const { handbook } = ctx.app.services
    const [section] = await handbook.sections()
    if (!section) throw new Error('The starter handbook has no sections')
    firstSection = section.slug
    // An image kept with the handbook, as an import keeps it.
    await handbook.importResult(
      { id: null, name: 'Eve Editor' },
      {
        site: 'plain',
        siteUrl: null,
        sections: [],
        pages: [],
        problems: [],
        images: [
          { id: PNG_ID, fileName: 'roadmap.png', contentType: 'image/png', bytes: PNG, sourcePath: 'roadmap.png' },
        ],
      },
    )
    await handbook.createPage(
      { id: null, name: 'Eve Editor' },
      {
        title: 'Links <script>alert(1)</script> everywhere',
        summary: 'A page that links to the rest of the site.',
        sectionId: section.id,
        body: [
          'Read about [Scrum](/handbook/scrum#the-events) and [the contents](/handbook).',
          '',
          'Then [manage people](/admin/people) or [see the privacy notice](/privacy).',
          '',
          '## A heading',
          '',
          'Back to [the top](#a-heading) and [outside](https://www.gov.uk/).',
          '',
          `![The roadmap on the wall](/handbook/images/${PNG_ID}/roadmap.png)`,
        ].join('\n'),
        roles: [],
        skills: [],
        resources: [],
        changeNote: '',
      },
    )
    folder = path.join(await tempFolder(), 'site')
    const summary = await exportHandbook(ctx.app.services, folder)
    expect(summary.pages).toBe(41)
    files = await filesIn(folder)
  })
  afterAll(() => ctx.close())

  it('writes the contents, one file per page, the accessibility statement and the assets', async () => {
    const { sections } = await ctx.app.services.handbook.exportData()
    const pages = sections.flatMap(section => section.pages)
    expect(pages).toHaveLength(41)
    const index = await readFile(path.join(folder, 'index.html'), 'utf8')
    const names = pageFiles(pages)
    for (const page of pages) {
      const file = names.get(page.slug) ?? ''
      expect(files).toContain(file)
      expect(index).toContain(`href="${file}"`)
    }
    // The starter handbook has a page called "accessibility": it must not overwrite the statement.
    expect(names.get('accessibility')).toBe('accessibility-page.html')
    const statement = $(await readFile(path.join(folder, 'accessibility.html'), 'utf8'))
    expect(statement('h1').text()).toBe('Accessibility statement')
    expect(statement('main').text()).toContain('there is no search')
    expect(files).toContain(EXPORT_MARKER)
    expect(files).toContain('assets/brand.css')
    expect(files.some(file => /^assets\/app\.[0-9a-f]{10}\.css$/.test(file))).toBe(true)
    expect(files.some(file => /^assets\/favicon\.[0-9a-f]{10}\.svg$/.test(file))).toBe(true)
    expect(files).toContain('assets/moj/images/govuk-crest.svg')
    expect(files.some(file => /\.m?js$/.test(file))).toBe(false)
  })

  it('links only to files in the export, with no site-absolute address and no script left', async () => {
    const html = files.filter(file => file.endsWith('.html'))
    const { sections } = await ctx.app.services.handbook.exportData()
    // The contents, 41 pages, the statement, the printable handbook and one printable section each.
    expect(html.length).toBe(43 + 1 + sections.filter(s => s.pages.length > 0).length)
    const ids = new Map<string, Set<string>>()
    for (const file of html) {
      const text = await readFile(path.join(folder, file), 'utf8')
      ids.set(file, new Set([...text.matchAll(/\sid="([^"]+)"/g)].map(match => match[1] ?? '')))
    }
    for (const file of html) {
      const text = await readFile(path.join(folder, file), 'utf8')
      expect(text, file).not.toContain('href="/')
      expect(text, file).not.toContain('src="/')
      expect(text, file).not.toContain('action="/')
      expect(text, file).not.toMatch(/<script/i)
      for (const [, url = ''] of text.matchAll(ATTRIBUTE_URL)) {
        if (/^(?:https?:|mailto:)/.test(url)) continue
        const [target = '', fragment] = url.split('#')
        const targetFile = target === '' ? file : target
        expect(files, `${file} links to ${url}`).toContain(targetFile)
        // Links to a place in the page of this export must find it (other fragments may come from page text).
        if (fragment && targetFile === 'index.html') expect(ids.get(targetFile)?.has(fragment), url).toBe(true)
      }
    }
    const css = files.filter(file => file.endsWith('.css'))
    for (const file of css) {
      expect(await readFile(path.join(folder, file), 'utf8'), file).not.toMatch(/url\(\s*['"]?\//)
    }
  })

  it('shows a page with the same templates as the live site, for reading only', async () => {
    const file = await readFile(path.join(folder, 'scrum.html'), 'utf8')
    const page = $(file)
    const live = $((await admin.get('/handbook/scrum')).body)
    expect(page('title').text()).toBe('Scrum – Department for Testing')
    expect(page('.govuk-generic-header').text()).toContain('DfT Digital')
    expect(page('footer, .govuk-footer').text()).toContain('Department for Testing')
    expect(page('link[rel="stylesheet"][href="assets/brand.css"]')).toHaveLength(1)
    expect(await readFile(path.join(folder, 'assets/brand.css'), 'utf8')).toBe(':root{--govuk-brand-colour:#00703c}\n')
    expect(page('h1').text()).toBe(live('h1').text())
    expect(page('.app-prose').text()).toBe(live('.app-prose').text())
    expect(
      page('.govuk-breadcrumbs a')
        .map((_, a) => page(a).attr('href'))
        .get(),
    ).toEqual(['index.html', 'index.html#section-associate-product-manager'])
    expect(page('[data-testid="last-changed"]').text()).toMatch(/^Last changed on \d{1,2} \w+ \d{4}\.$/)
    expect(file).not.toContain('Ada Admin')
    expect(file).not.toContain('/history')
    expect(page('.govuk-button')).toHaveLength(0)
    expect(page('form, input')).toHaveLength(0)
    expect(page('a').filter((_, a) => /sign (in|out)/i.test(page(a).text()))).toHaveLength(0)
    expect(page('a').filter((_, a) => /privacy/i.test(page(a).text()))).toHaveLength(0)
    expect(page('.govuk-pagination__next a').attr('href')).toMatch(/^[a-z0-9-]+\.html$/)
  })

  it('includes the printable handbook and sections, linked from the contents, with links inside the document', async () => {
    const index = $(await readFile(path.join(folder, 'index.html'), 'utf8'))
    expect(index('a[href="handbook.print.html"]').text()).toContain('Print the whole handbook')
    expect(index('a[href="section-associate-product-manager.print.html"]')).toHaveLength(1)
    const whole = $(await readFile(path.join(folder, 'handbook.print.html'), 'utf8'))
    expect(whole('h1').text()).toBe('Handbook')
    expect(whole('article.app-print-page')).toHaveLength(41)
    const contents = whole('.app-print-contents a.app-print-contents__link')
    expect(contents.length).toBe(41 + whole('section.app-print-document__section').length)
    for (const a of contents.toArray()) expect(whole(whole(a).attr('href') ?? '')).toHaveLength(1)
    // A link to another page of the handbook goes to that page within the document.
    const linking = whole('article').filter((_, a) => whole(a).find('h2').first().text().startsWith('Links'))
    expect(
      linking
        .find('a')
        .filter((_, a) => whole(a).text() === 'Scrum')
        .attr('href'),
    ).toBe('#p-scrum--section-the-events')
    const section = $(await readFile(path.join(folder, 'section-associate-product-manager.print.html'), 'utf8'))
    expect(section('h1').text()).toBe('Associate product manager')
    expect(section('article.app-print-page').length).toBeGreaterThan(1)
  })

  it('rewrites links in page text and keeps links to places the copy does not have as text', async () => {
    const file = (await readdir(folder)).find(name => name.startsWith('links-script-alert-1-script'))
    if (!file) throw new Error('The page with links was not exported')
    const text = await readFile(path.join(folder, file), 'utf8')
    const page = $(text)
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page('h1').text()).toBe('Links <script>alert(1)</script> everywhere')
    expect(page('.app-prose a[href="scrum.html#section-the-events"]').text()).toBe('Scrum')
    expect(page('.app-prose a[href="index.html"]').text()).toBe('the contents')
    expect(page('.app-prose a[href="#section-a-heading"]').text()).toBe('the top')
    expect(page('.app-prose a[href="https://www.gov.uk/"]').text()).toBe('outside')
    expect(page('.app-prose').text()).toContain('Then manage people or see the privacy notice.')
    expect(text).not.toContain('Eve Editor')
  })

  it('writes each image a page shows into images/, and the page and printable pages show it from there', async () => {
    const file = `images/${PNG_ID}/roadmap.png`
    expect(files).toContain(file)
    expect(await readFile(path.join(folder, file))).toEqual(PNG)
    const name = (await readdir(folder)).find(entry => entry.startsWith('links-script-alert-1-script'))
    if (!name) throw new Error('The page with the image was not exported')
    for (const shown of [name, 'handbook.print.html', `section-${firstSection}.print.html`]) {
      const page = $(await readFile(path.join(folder, shown), 'utf8'))
      const image = page('img[alt="The roadmap on the wall"]')
      expect(image.attr('src'), shown).toBe(file)
    }
    // The live site shows the same image from the handbook's address.
    const live = $((await admin.get(`/handbook/${name.replace(/\.html$/, '')}`)).body)
    expect(live('img[alt="The roadmap on the wall"]').attr('src')).toBe(`/handbook/images/${PNG_ID}/roadmap.png`)
    // The manifest says which file holds each image, for a handbook following this one.
    const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(folder, 'handbook.json'), 'utf8')))
    expect(manifest.images).toEqual([{ id: PNG_ID, file, contentType: 'image/png', size: PNG.length }])
    expect(manifest.pages.find(page => page.markdown.includes(PNG_ID))).toBeDefined()
  })

  it('refuses a folder it did not make unless forced, and replaces its own earlier export', async () => {
    const other = await tempFolder()
    await writeFile(path.join(other, 'notes.txt'), 'Keep me')
    await expect(exportHandbook(ctx.app.services, other)).rejects.toThrow(ExportRefusedError)
    expect(await filesIn(other)).toEqual(['notes.txt'])
    await exportHandbook(ctx.app.services, other, { force: true })
    expect(existsSync(path.join(other, 'index.html'))).toBe(true)
    expect(await readFile(path.join(other, 'notes.txt'), 'utf8')).toBe('Keep me')
    // Now the folder is marked as an export's, later exports need no --force and keep what they did not write.
    await exportHandbook(ctx.app.services, other)
    expect(await readFile(path.join(other, 'notes.txt'), 'utf8')).toBe('Keep me')
    expect(existsSync(path.join(other, 'index.html'))).toBe(true)

    // Exporting again into its own folder needs no --force and removes pages deleted since.
    const { handbook } = ctx.app.services
    const scrum = await handbook.page('scrum')
    await handbook.deletePage({ id: null, name: 'Test' }, 'scrum', scrum.version)
    const summary = await exportHandbook(ctx.app.services, folder)
    expect(summary.pages).toBe(40)
    expect(existsSync(path.join(folder, 'scrum.html'))).toBe(false)
    expect(existsSync(path.join(folder, 'index.html'))).toBe(true)
    const index = await readFile(path.join(folder, 'index.html'), 'utf8')
    expect(index).not.toContain('scrum.html')
    // Links to the deleted page become text rather than links to a missing file.
    for (const name of (await readdir(folder)).filter(name => name.endsWith('.html'))) {
      expect(await readFile(path.join(folder, name), 'utf8'), name).not.toContain('href="scrum.html')
    }
  })

  it('refuses a file in place of a folder', async () => {
    const file = path.join(await tempFolder(), 'a-file')
    await writeFile(file, 'not a folder')
    await expect(exportHandbook(ctx.app.services, file)).rejects.toThrow(/is a file, not a folder/)
  })
})

describe('liveAddress', () => {
  it.each([
    ['https://valuekit.example.gov.uk/', 'https://valuekit.example.gov.uk'],
    ['http://intranet.example:8080', 'http://intranet.example:8080'],
    ['http://localhost:3000', null],
    ['http://127.0.0.1:3000', null],
    ['not an address', null],
  ])('gives readers of the copy %s as %s', (baseUrl, expected) => {
    expect(liveAddress(baseUrl)).toBe(expected)
  })
})

describe('exportHandbook with strategies published in the open', () => {
  const LIVE = 'https://valuekit.example.gov.uk'
  let ctx: TestContext
  let folder: string
  let files: string[]

  beforeAll(async () => {
    ctx = await buildTestApp()
    await setUpInstallation(ctx)
    const { open, roadmap } = ctx.app.services
    const item = (product: Awaited<ReturnType<typeof createThing>>, problem: string, outcome: string) =>
      roadmap.add(SYSTEM_ACTOR, product, { column: 'now', problem, outcome, metricId: null })
    const boats = await createThing(ctx, { name: 'Register a boat', purpose: 'Boat owners register online' })
    await item(boats, 'Renewals arrive late', 'Renewed on time')
    const secret = await item(boats, 'Move off the Acme contract', 'Saves £40,000')
    await open.publish(SYSTEM_ACTOR, boats, new Map([[`roadmap:${secret.id}`, 'Names a supplier in negotiation']]), 0)
    // Published twice: only the latest version is exported.
    const fishing = await createThing(ctx, { name: 'Get a fishing licence', purpose: 'Anglers get a licence' })
    const lost = await item(fishing, 'Licences are lost in the post', 'Fewer lost')
    await open.publish(SYSTEM_ACTOR, fishing, new Map(), 0)
    await roadmap.update(
      SYSTEM_ACTOR,
      fishing,
      lost,
      { problem: 'Licences take a week to arrive', outcome: 'Next day', metricId: null },
      lost.version,
    )
    await open.publish(SYSTEM_ACTOR, fishing, new Map(), 1)
    // Taken down: left out.
    const drains = await createThing(ctx, { name: 'Report a blocked drain', purpose: 'Residents report drains' })
    await item(drains, 'Reports get lost', 'None lost')
    await open.publish(SYSTEM_ACTOR, drains, new Map(), 0)
    await open.withdraw(SYSTEM_ACTOR, drains, (await open.publication(drains.id))?.version ?? 0)

    folder = path.join(await tempFolder(), 'site')
    const services = { ...ctx.app.services, config: { ...ctx.app.services.config, baseUrl: LIVE } }
    const summary = await exportHandbook(services, folder)
    expect(summary.published).toBe(2)
    files = await filesIn(folder)
  })
  afterAll(() => ctx.close())

  it('writes the list and one page for each strategy still public, linked from each other', async () => {
    expect(files).toContain('open.html')
    expect(files).toContain('open.register-a-boat.html')
    expect(files).toContain('open.get-a-fishing-licence.html')
    expect(files.filter(file => file.startsWith('open'))).toHaveLength(3)
    const list = $(await readFile(path.join(folder, 'open.html'), 'utf8'))
    expect(list('h1').text()).toBe('Working in the open')
    expect(
      list('[data-testid="published"] a')
        .map((_, a) => list(a).attr('href'))
        .get(),
    ).toEqual(['open.get-a-fishing-licence.html', 'open.register-a-boat.html'])
    expect(list('main').text()).not.toContain('blocked drain')
    // Every page of the export can reach the list from its navigation.
    const contents = $(await readFile(path.join(folder, 'index.html'), 'utf8'))
    expect(contents('.govuk-service-navigation a[href="open.html"]').text()).toContain('Working in the open')
    const boat = $(await readFile(path.join(folder, 'open.register-a-boat.html'), 'utf8'))
    expect(boat('.govuk-breadcrumbs a').attr('href')).toBe('open.html')
  })

  it('shows what was published and nothing held back, nor why', async () => {
    const html = await readFile(path.join(folder, 'open.register-a-boat.html'), 'utf8')
    const page = $(html)
    expect(page('title').text()).toMatch(/^Register a boat – /)
    expect(page('h1').text()).toBe('Register a boat')
    expect(page('main').text()).toContain('Renewals arrive late')
    expect(page('main').text()).toContain('Some parts are not shown')
    expect(html).not.toContain('Acme')
    expect(html).not.toContain('£40,000')
    expect(html).not.toContain('Names a supplier')
    const fishing = await readFile(path.join(folder, 'open.get-a-fishing-licence.html'), 'utf8')
    expect(fishing).toContain('Licences take a week to arrive')
    expect(fishing).not.toContain('lost in the post')
  })

  it('has no feedback form, and points to the live page’s form instead', async () => {
    const page = $(await readFile(path.join(folder, 'open.register-a-boat.html'), 'utf8'))
    expect(page('main').find('form, input, textarea, button')).toHaveLength(0)
    expect(page('[data-testid="live-feedback"] a').attr('href')).toBe(`${LIVE}/open/register-a-boat/feedback`)
    // With no address readers could reach, the copy says nothing about feedback.
    const local = path.join(await tempFolder(), 'local')
    await exportHandbook(ctx.app.services, local)
    const copy = $(await readFile(path.join(local, 'open.register-a-boat.html'), 'utf8'))
    expect(copy('[data-testid="live-feedback"]')).toHaveLength(0)
    expect(copy('main').text()).not.toMatch(/tell the team/i)
  })

  it('is valid, self-contained HTML: one title and heading, no script, every link to a file of the export', async () => {
    for (const file of files.filter(name => name.startsWith('open'))) {
      const text = await readFile(path.join(folder, file), 'utf8')
      expect(text.trimStart().startsWith('<!DOCTYPE html>'), file).toBe(true)
      const page = $(text)
      expect(page('html').attr('lang'), file).toBe('en')
      expect(page('title'), file).toHaveLength(1)
      expect(page('h1'), file).toHaveLength(1)
      expect(text, file).not.toMatch(/<script/i)
      expect(text, file).not.toMatch(/\s(?:href|src|action)="\//)
      const ids = [...text.matchAll(/\sid="([^"]+)"/g)].map(match => match[1])
      expect(new Set(ids).size, `${file} repeats an id`).toBe(ids.length)
      for (const [, url = ''] of text.matchAll(ATTRIBUTE_URL)) {
        if (/^(?:https?:|mailto:|#)/.test(url)) continue
        expect(files, `${file} links to ${url}`).toContain(url.split('#')[0])
      }
    }
  })
})
