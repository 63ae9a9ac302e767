// Importing a handbook from a zip in the browser, and adding an image from the edit screen, on both
// engines: the report before anything changes, the address question, the progress page before and
// after, and zips and images that are refused.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import {
  $,
  addPerson,
  buildTestApp,
  setUpInstallation,
  type Agent,
  type TestContext,
} from '../../test/build-test-app.ts'
import { DIALECTS } from '../../test/dialects.ts'

const DOCUSAURUS = path.resolve(import.meta.dirname, '../../test/import-fixtures/docusaurus')
const PNG = readFileSync(path.join(DOCUSAURUS, 'docs/getting-started/board.png'))

/** The fixture site as a zip, inside a folder as most zips are made. */
function fixtureZip(): Buffer {
  const files: Zippable = {}
  const add = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder)) {
      const full = path.join(folder, name)
      if (statSync(full).isDirectory()) add(full, `${prefix}${name}/`)
      else files[`${prefix}${name}`] = readFileSync(full)
    }
  }
  add(DOCUSAURUS, 'docusaurus/')
  return Buffer.from(zipSync(files))
}

async function progressUntilFinished(agent: Agent, url: string) {
  for (let tries = 0; tries < 100; tries++) {
    const page = await agent.get(url)
    const status = $(page.body)('[data-module="app-import-progress"]').attr('data-status')
    if (status === 'done' || status === 'failed') return page
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error('The import did not finish')
}

describe.each(DIALECTS)('importing a handbook from a zip in the browser (%s)', dialect => {
  let ctx: TestContext
  let admin: Agent
  let editor: Agent & { name: string }
  let member: Agent

  beforeAll(async () => {
    ctx = await buildTestApp({ dialect })
    admin = await setUpInstallation(ctx)
    editor = await addPerson(ctx, admin, 'editor')
    member = await addPerson(ctx, admin, 'member')
    // A page made in the browser at the address the fixture's first page asks for.
    const { handbook } = ctx.app.services
    const section = (await handbook.contents()).sections[0]
    await handbook.createPage(SYSTEM_ACTOR, {
      title: 'Intro',
      summary: '',
      sectionId: section?.id ?? '',
      body: 'Our own introduction.',
      roles: [],
      skills: [],
      resources: [],
      changeNote: '',
    })
  })
  afterAll(() => ctx.close())

  it('shows the report, asks where a page goes, then imports in the background', async () => {
    expect((await member.get('/handbook/import')).statusCode).toBe(403)
    const manage = $((await editor.get('/handbook/manage')).body)
    expect(manage('a[href="/handbook/import"]').text()).toContain('Import a handbook')

    const sent = await editor.upload('/handbook/import', { name: 'team-handbook.zip', bytes: fixtureZip() })
    expect(sent.statusCode).toBe(303)
    const reportUrl = sent.headers.location as string
    expect(reportUrl).toMatch(/^\/handbook\/import\/[0-9a-f-]{36}$/)

    const report = $((await editor.get(reportUrl)).body)
    const counts = report('[data-testid="counts"] .govuk-summary-list__row')
      .map((_, row) => `${report(row).find('dt').text().trim()}: ${report(row).find('dd').text().trim()}`)
      .get()
    expect(counts).toContain('Pages to create: 6')
    expect(counts).toContain('New images: 1')
    expect(report('[data-testid="problems"]').text()).toContain('already has a page at intro')
    expect(report('[data-testid="outcome-created"]').text()).toContain('About this handbook')
    // Nothing has changed yet.
    expect(await ctx.app.services.handbook.page('research-consent').catch(() => null)).toBeNull()

    // The address question: the offered address is chosen unless the editor says otherwise.
    expect(report('input[name="address-0"][value="offered"]').attr('checked')).toBeDefined()
    expect(report('label[for="address-0"]').text()).toContain('Use the address intro-2')

    const token = await editor.token(reportUrl)
    const bad = await editor.request({
      method: 'POST',
      url: reportUrl,
      payload: new URLSearchParams({ _csrf: token, 'address-0': 'other', 'slug-0': 'Not A Slug!' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(bad.statusCode).toBe(400)
    const badPage = $(bad.body)
    expect(badPage('.govuk-error-summary').text()).toContain('lowercase letters, numbers and hyphens')
    expect(badPage('#slug-0').val()).toBe('Not A Slug!')
    expect(badPage('input[name="address-0"][value="other"]').attr('checked')).toBeDefined()

    const taken = await editor.post(reportUrl, { _csrf: token, 'address-0': 'other', 'slug-0': 'intro' })
    expect(taken.statusCode).toBe(400)
    expect($(taken.body)('#slug-0-error').text()).toContain('already has a page at intro')

    const good = await editor.post(reportUrl, { _csrf: token, 'address-0': 'other', 'slug-0': 'about-our-handbook' })
    expect(good.statusCode).toBe(303)
    const progressUrl = good.headers.location as string
    expect(progressUrl).toBe(`${reportUrl}/progress`)

    // Before: waiting or importing, with a way to check again and no refresh of its own.
    const before = $((await editor.get(progressUrl)).body)
    expect(before('meta[http-equiv="refresh"]').length).toBe(0)
    expect(before('[aria-live="polite"]').length).toBe(1)

    const done = $((await progressUntilFinished(editor, progressUrl)).body)
    expect(done('[data-testid="import-status"]').text()).toContain('The handbook has been imported')
    expect(done('[data-testid="check-progress"]').length).toBe(0)
    expect(done('[data-testid="imported-pages"] a[href="/handbook/about-our-handbook"]').text()).toBe(
      'About this handbook',
    )
    const consent = await editor.get('/handbook/research-consent')
    expect(consent.statusCode).toBe(200)
    expect(consent.body).toMatch(/<img src="\/handbook\/images\/[0-9a-f]{32}\/research-wall\.png"/)
    expect((await ctx.app.services.handbook.page('intro')).body).toBe('Our own introduction.')
    // The report page of a confirmed import leads to its progress; a second confirmation starts nothing.
    expect((await editor.get(reportUrl)).headers.location).toBe(progressUrl)
    const { events } = await ctx.app.services.audit.list({}, 1)
    const imports = events.filter(event => event.action === 'handbook.imported').map(event => event.actorName)
    expect(imports).toContain(editor.name)
  })

  it('lets go of a finished import’s zip, and says an import stopped by a restart has failed', async () => {
    const db = ctx.testDb.db.kysely
    const finished = await db.selectFrom('handbook_imports').select(['status', 'zip']).execute()
    expect(finished.map(row => [row.status, Buffer.from(row.zip).length])).toEqual([['done', 0]])

    // An import that was running when its process stopped: nobody runs it any more.
    const sent = await editor.upload('/handbook/import', { name: 'again.zip', bytes: fixtureZip() })
    const id = String(sent.headers.location).split('/').pop() ?? ''
    await db.updateTable('handbook_imports').set({ status: 'importing' }).where('id', '=', id).execute()
    const progressUrl = `/handbook/import/${id}/progress`
    const running = $((await editor.get(progressUrl)).body)
    expect(running('[data-module="app-import-progress"]').attr('data-status')).toBe('importing')

    const ago = (ms: number) => new Date(ctx.clock.now.getTime() - ms).toISOString()
    await db
      .updateTable('handbook_imports')
      .set({ updated_at: ago(31 * 60_000) })
      .where('id', '=', id)
      .execute()
    const stalled = $((await editor.get(progressUrl)).body)
    expect(stalled('[data-module="app-import-progress"]').attr('data-status')).toBe('failed')
    expect(stalled('[data-testid="import-failure"]').text()).toContain('The import stopped before it finished')

    // A report read but never confirmed is forgotten a day later, when someone next uploads.
    const unread = await editor.upload('/handbook/import', { name: 'unread.zip', bytes: fixtureZip() })
    const unreadId = String(unread.headers.location).split('/').pop() ?? ''
    await db
      .updateTable('handbook_imports')
      .set({ created_at: ago(25 * 60 * 60_000) })
      .where('id', '=', unreadId)
      .execute()
    await editor.upload('/handbook/import', { name: 'later.zip', bytes: fixtureZip() })
    expect((await editor.get(String(unread.headers.location))).statusCode).toBe(404)
  })

  it('refuses a zip that reaches outside its folder, a link, and a file that is not a zip, saying why', async () => {
    const slip = Buffer.from(zipSync({ '../outside.md': Buffer.from('# Out') }))
    const refusedSlip = await editor.upload('/handbook/import', { name: 'slip.zip', bytes: slip })
    expect(refusedSlip.statusCode).toBe(400)
    expect($(refusedSlip.body)('.govuk-error-summary').text()).toContain('outside its own folder')

    const link = Buffer.from(
      zipSync({ 'docs/link.md': [Buffer.from('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] }),
    )
    const refusedLink = await editor.upload('/handbook/import', { name: 'link.zip', bytes: link })
    expect(refusedLink.statusCode).toBe(400)
    expect($(refusedLink.body)('#file-error').text()).toContain('link to another file')

    const notZip = await editor.upload('/handbook/import', { name: 'handbook.zip', bytes: PNG })
    expect(notZip.statusCode).toBe(400)
    expect($(notZip.body)('#file-error').text()).toContain('must be a zip file')

    const nothing = await editor.upload('/handbook/import', { name: '', bytes: Buffer.alloc(0) })
    expect(nothing.statusCode).toBe(400)
    expect($(nothing.body)('#file-error').text()).toContain('Select a zip file')
  })

  it('refuses an upload without the form token, and multipart on routes that take no file', async () => {
    const forged = await editor.upload('/handbook/import', { name: 'h.zip', bytes: fixtureZip() }, { _csrf: 'wrong' })
    expect(forged.statusCode).toBe(403)
    const elsewhere = await editor.upload(
      '/handbook/sections/new',
      { name: 'h.zip', bytes: PNG },
      {},
      '/handbook/manage',
    )
    expect(elsewhere.statusCode).toBe(415)
  })

  it('adds an image from the edit screen and gives the Markdown to paste', async () => {
    const edit = $((await editor.get('/handbook/intro/edit')).body)
    expect(edit('a[href="/handbook/images/new?page=intro"]').text()).toContain('Add an image')

    const form = '/handbook/images/new?page=intro'
    const missingAlt = await editor.upload(
      '/handbook/images/new',
      { name: 'board.png', bytes: PNG },
      { page: 'intro' },
      form,
    )
    expect(missingAlt.statusCode).toBe(400)
    expect($(missingAlt.body)('#alt-error').text()).toContain('Enter the alt text')

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const refused = await editor.upload(
      '/handbook/images/new',
      { name: 'chart.svg', bytes: svg },
      { page: 'intro', alt: 'A chart' },
      form,
    )
    expect(refused.statusCode).toBe(400)
    expect($(refused.body)('#file-error').text()).toContain('SVG images are not accepted')
    expect($(refused.body)('#alt').val()).toBe('A chart')

    const big = await editor.upload(
      '/handbook/images/new',
      { name: 'big.png', bytes: Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]) },
      { page: 'intro', alt: 'A big picture' },
      form,
    )
    expect(big.statusCode).toBe(400)
    expect($(big.body)('#file-error').text()).toContain('2 MB or smaller')

    const added = await editor.upload(
      '/handbook/images/new',
      { name: 'team board.png', bytes: PNG },
      { page: 'intro', alt: 'The team board with three columns' },
      form,
    )
    expect(added.statusCode).toBe(200)
    const page = $(added.body)
    const markdown = page('[data-testid="image-markdown"]').text()
    expect(markdown).toMatch(
      /^!\[The team board with three columns\]\(\/handbook\/images\/[0-9a-f]{32}\/team-board\.png\)$/,
    )
    expect(page('a[href="/handbook/intro/edit"]').text()).toContain('Back to editing')
    const src = /\((\/handbook\/images\/[^)]+)\)/.exec(markdown)?.[1] ?? ''
    const image = await editor.get(src)
    expect(image.statusCode).toBe(200)
    expect(image.headers['content-type']).toBe('image/png')

    expect((await member.get('/handbook/images/new')).statusCode).toBe(403)
  })
})
