import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  addPerson,
  buildTestApp,
  formFields,
  setUpInstallation,
  type TestContext,
} from '../../test/build-test-app.ts'
import { imageId } from '../handbook/handbook.images.ts'
import { contentHash, MANIFEST_FILE } from '../handbook/handbook.manifest.ts'
import { readUpstream, UpstreamReadError } from './upstream.source.ts'

/** The review page has three forms to the same address (take, keep, combine): one value of each field. */
function decisionFields(html: string, slug: string): Record<string, string> {
  const fields = formFields(html, `/handbook/upstream/${slug}`)
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''))
  return { _csrf: first(fields._csrf), pageVersion: first(fields.pageVersion), body: first(fields.body) }
}

function manifest(body: string, images: { id: string; file: string; size: number }[] = []): string {
  return JSON.stringify({
    images: images.map(image => ({ ...image, contentType: 'image/png' })),
    generator: 'Valuekit',
    format: 1,
    exportedAt: '2026-12-07T10:00:00.000Z',
    pages: [
      {
        slug: 'scrum',
        title: 'Scrum',
        summary: 'Scrum.',
        section: { slug: 'craft', title: 'Craft' },
        roles: [],
        skills: [],
        markdown: body,
        hash: contentHash(body),
      },
    ],
  })
}

describe('following an upstream handbook in the browser', () => {
  let ctx: TestContext
  let editor: Agent
  let folder: string
  let original: string

  beforeAll(async () => {
    ctx = await buildTestApp()
    const admin = await setUpInstallation(ctx)
    editor = await addPerson(ctx, admin, 'editor', 'Eddie Editor')
    folder = await mkdtemp(path.join(os.tmpdir(), 'valuekit-upstream-routes-'))
    original = (await ctx.app.services.handbook.page('scrum')).body
    await writeFile(path.join(folder, MANIFEST_FILE), manifest(original))
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
    await ctx.close()
  })

  it('says when no handbook is followed, and how to follow one', async () => {
    const page = await editor.get('/handbook/upstream')
    expect(page.statusCode).toBe(200)
    expect($(page.body)('main').text()).toContain('does not follow another handbook')
  })

  it('lists a changed page, refuses text with conflict markers, and saves the combined text', async () => {
    const actor = { id: null, name: 'Command line' }
    await ctx.app.services.upstream.check(actor, folder)
    // Both change the first line differently: a conflict.
    const [first = '', ...rest] = original.split('\n')
    const local = await ctx.app.services.handbook.page('scrum')
    await ctx.app.services.handbook.updatePage(
      actor,
      'scrum',
      { ...local, body: [`${first} (ours)`, ...rest].join('\n'), changeNote: '' },
      local.version,
    )
    await writeFile(path.join(folder, MANIFEST_FILE), manifest([`${first} (upstream)`, ...rest].join('\n')))
    const checked = await editor.post(
      '/handbook/upstream/check',
      formFields((await editor.get('/handbook/upstream')).body, '/handbook/upstream/check'),
    )
    expect(checked.statusCode).toBe(303)

    const list = $((await editor.get('/handbook/upstream')).body)
    expect(list('[data-testid="upstream-pages"]').text()).toContain('Changed upstream')
    const review = await editor.get('/handbook/upstream/scrum')
    expect(review.statusCode).toBe(200)
    const fields = decisionFields(review.body, 'scrum')
    expect(String(fields.body)).toContain('<<<<<<< Your handbook')

    const refused = await editor.post('/handbook/upstream/scrum', { ...fields, choice: 'combine' })
    expect(refused.statusCode).toBe(400)
    expect($(refused.body)('.govuk-error-summary a[href="#body"]').text()).toContain('conflict markers')
    expect($(refused.body)('textarea#body').text()).toContain('<<<<<<<')

    const combined = [`${first} (ours and upstream)`, ...rest].join('\n')
    const saved = await editor.post('/handbook/upstream/scrum', { ...fields, choice: 'combine', body: combined })
    expect(saved.statusCode).toBe(303)
    expect((await ctx.app.services.handbook.page('scrum')).body.trimEnd()).toBe(combined.trimEnd())
    expect($((await editor.get('/handbook/upstream')).body)('main').text()).toContain('Nothing needs a decision')
  })

  it('refuses a decision on a page saved since it was shown (409)', async () => {
    const body = (await ctx.app.services.handbook.page('scrum')).body
    await writeFile(path.join(folder, MANIFEST_FILE), manifest(`${body}\n\nA new upstream paragraph.`))
    await ctx.app.services.upstream.check({ id: null, name: 'Command line' })
    const fields = decisionFields((await editor.get('/handbook/upstream/scrum')).body, 'scrum')
    const page = await ctx.app.services.handbook.page('scrum')
    await ctx.app.services.handbook.updatePage(
      { id: null, name: 'Someone' },
      'scrum',
      { ...page, changeNote: '' },
      page.version,
    )
    const stale = await editor.post('/handbook/upstream/scrum', { ...fields, choice: 'take' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('.govuk-error-summary').text()).toContain('changed the page while you were looking')
  })
})

describe('reading a remote upstream handbook', () => {
  let server: Server
  let base: string
  const readFolder = () => Promise.reject(new Error('not a folder'))
  const png = (last: number) =>
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, last])
  const shown = png(1)
  const tampered = png(2)
  const unused = png(3)
  const listed = [
    { id: imageId(shown), file: `images/${imageId(shown)}/chart.png`, size: shown.length },
    // Its bytes are not the ones its id names.
    { id: imageId(png(9)), file: `images/${imageId(png(9))}/tampered.png`, size: tampered.length },
    // No page shows it.
    { id: imageId(unused), file: `images/${imageId(unused)}/unused.png`, size: unused.length },
  ]
  const remoteText = `Remote text.\n\n![A chart](/handbook/images/${imageId(shown)}/chart.png) ![Tampered](/handbook/images/${imageId(png(9))}/tampered.png)`
  const requested: string[] = []

  beforeAll(async () => {
    server = createServer((request, response) => {
      requested.push(request.url ?? '')
      if (request.url === '/site/handbook.json') response.end(manifest('Remote text.'))
      else if (request.url === '/pictures/handbook.json') response.end(manifest(remoteText, listed))
      else if (request.url === `/pictures/${listed[0]?.file}`) response.end(shown)
      else if (request.url === `/pictures/${listed[1]?.file}`) response.end(tampered)
      else if (request.url === `/pictures/${listed[2]?.file}`) response.end(unused)
      else if (request.url === '/big/handbook.json') response.end('x'.repeat(5000))
      else if (request.url === '/moved/handbook.json')
        response.writeHead(302, { location: '/site/handbook.json' }).end()
      else response.writeHead(404).end()
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(() => new Promise<void>(resolve => server.close(() => resolve())))

  it('reads a published export’s handbook.json over HTTP, hashing the text itself', async () => {
    const { pages, images } = await readUpstream(`${base}/site/`, readFolder)
    expect(pages.map(page => [page.slug, page.markdown, page.hash])).toEqual([
      ['scrum', 'Remote text.', contentHash('Remote text.')],
    ])
    expect(images).toEqual([])
  })

  it('brings the images the pages show whose bytes give their id, unless this handbook keeps them already', async () => {
    const { images } = await readUpstream(`${base}/pictures/handbook.json`, readFolder)
    expect(images).toEqual([{ id: imageId(shown), fileName: 'chart.png', contentType: 'image/png', bytes: shown }])
    expect(requested).not.toContain(`/pictures/${listed[2]?.file}`)
    const again = await readUpstream(`${base}/pictures/`, readFolder, undefined, id =>
      Promise.resolve(id === imageId(shown)),
    )
    expect(again.images).toEqual([])
  })

  it('refuses answers that are too large, missing or redirected', async () => {
    await expect(readUpstream(`${base}/big`, readFolder, { timeoutMs: 5000, maxBytes: 1000 })).rejects.toThrow(
      'too large',
    )
    await expect(readUpstream(`${base}/gone`, readFolder)).rejects.toThrow('answered 404')
    await expect(readUpstream(`${base}/moved`, readFolder)).rejects.toBeInstanceOf(UpstreamReadError)
  })
})
