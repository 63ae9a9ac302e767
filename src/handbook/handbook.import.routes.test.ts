// A site imported through the services, on both engines: pages keep their source, a second import
// changes nothing, and the images the pages show are served by content with safe headers.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, setUpInstallation, type TestContext } from '../../test/build-test-app.ts'
import { DIALECTS } from '../../test/dialects.ts'
import type { Agent } from '../../test/build-test-app.ts'

const DOCUSAURUS = path.resolve(import.meta.dirname, '../../test/import-fixtures/docusaurus')
const actor = { id: null, name: 'Handbook import' }

describe.each(DIALECTS)('importing a site (%s)', dialect => {
  let ctx: TestContext
  let admin: Agent

  beforeAll(async () => {
    ctx = await buildTestApp({ dialect })
    admin = await setUpInstallation(ctx)
  })
  afterAll(() => ctx.close())

  it('imports pages and images, then imports again without changing anything', async () => {
    const { handbook } = ctx.app.services
    const first = await handbook.importResult(actor, await handbook.readFolder(DOCUSAURUS))
    expect(first.problems.filter(problem => problem.severity === 'error')).toEqual([])
    expect(first).toMatchObject({ pagesCreated: 6, pagesUpdated: 0, imagesStored: 1 })
    const again = await handbook.importResult(actor, await handbook.readFolder(DOCUSAURUS))
    expect(again).toMatchObject({ pagesCreated: 0, pagesUpdated: 0, pagesUnchanged: 6, imagesStored: 0 })

    const consent = await handbook.page('research-consent')
    const src = /<img src="(\/handbook\/images\/[0-9a-f]{32}\/research-wall\.png)" alt="A wall of research notes"/.exec(
      consent.bodyHtml,
    )?.[1]
    expect(src).toBeDefined()
    expect(consent.bodyHtml).toContain(
      '<a href="https://assets.example.com/consent-form.png" class="govuk-link" rel="noreferrer noopener">Image: Consent form example</a>',
    )

    const image = await admin.get(src ?? '')
    expect(image.statusCode).toBe(200)
    expect(image.headers['content-type']).toBe('image/png')
    expect(image.headers['x-content-type-options']).toBe('nosniff')
    expect(image.headers['cache-control']).toBe('private, max-age=31536000, immutable')
    expect(image.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]))

    expect((await admin.get('/handbook/images/0123456789abcdef0123456789abcdef/none.png')).statusCode).toBe(404)
    expect((await admin.get('/handbook/images/..%2F..%2Fetc/passwd')).statusCode).toBe(400)
  })

  it('never replaces a page made in the browser: the import takes a new address', async () => {
    const { handbook } = ctx.app.services
    const result = await handbook.readFolder(DOCUSAURUS, undefined, undefined, { sourceName: 'another-copy' })
    const intro = result.pages.find(page => page.sourcePath === 'intro.md')
    expect(intro?.slug).toBe('intro-2')
    expect(result.problems).toContainEqual({
      file: 'intro.md',
      message:
        'The handbook already has a page at intro that did not come from this file, so this page is at intro-2. To choose another address, give the page a slug in its front matter',
      severity: 'warning',
    })
  })
})
