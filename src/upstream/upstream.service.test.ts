import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation } from '../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../test/dialects.ts'
import { buildPageInput, insertSection, insertUser } from '../../test/factories.ts'
import type { AuditService } from '../audit/audit.service.ts'
import { imageId } from '../handbook/handbook.images.ts'
import { contentHash, MANIFEST_FILE } from '../handbook/handbook.manifest.ts'
import type { HandbookService } from '../handbook/handbook.service.ts'
import type { Actor } from '../platform/auth/roles.ts'
import { StaleVersionError, ValidationError } from '../platform/errors.ts'
import type { UpstreamService } from './upstream.service.ts'

const lines = (...parts: string[]) => `${parts.join('\n')}\n`
const ORIGINAL = {
  one: lines('One, first line.', 'One, second line.', 'One, third line.'),
  two: lines('Two, line 1.', 'Two, line 2.', 'Two, line 3.', 'Two, line 4.', 'Two, line 5.'),
  three: lines('Three, first line.', 'Three, second line.'),
}

/** A Markdown folder in the handbook's own format, as an upstream handbook. */
async function writeUpstream(root: string, bodies: Record<string, string>): Promise<void> {
  await rm(root, { recursive: true, force: true })
  await mkdir(path.join(root, '01-guide'), { recursive: true })
  await writeFile(path.join(root, '01-guide/_section.yml'), 'title: Guide\norder: 1\nsummary: The guide.\n')
  let order = 1
  for (const [slug, body] of Object.entries(bodies)) {
    const title = slug[0]?.toUpperCase() + slug.slice(1)
    await writeFile(
      path.join(root, `01-guide/0${order}-${slug}.md`),
      `---\ntitle: ${title}\norder: ${order}\nsummary: About ${slug}.\n---\n\n${body}`,
    )
    order += 1
  }
}

describe.each(DIALECTS)('following an upstream handbook on %s', dialect => {
  let testDb: TestDb
  let handbook: HandbookService
  let upstream: UpstreamService
  let audit: AuditService
  let editor: Actor & { id: string }
  let folder: string

  beforeAll(async () => {
    const built = await buildTestServices({ dialect })
    testDb = built.testDb
    ;({ handbook, upstream, audit } = built.services)
    await installOrganisation(built)
    editor = await insertUser(built.db, { name: 'Ed Editor', role: 'editor' })
    const section = await insertSection(built.db, { title: 'Followed guide', slug: 'followed-guide', position: 99 })
    for (const [slug, body] of Object.entries(ORIGINAL))
      await handbook.createPage(
        editor,
        buildPageInput({ title: slug[0]?.toUpperCase() + slug.slice(1), sectionId: section.id, body }),
      )
    await handbook.createPage(
      editor,
      buildPageInput({ title: 'Local only', sectionId: section.id, body: 'Ours alone.\n' }),
    )
    folder = await mkdtemp(path.join(os.tmpdir(), 'valuekit-upstream-'))
    await writeUpstream(folder, { ...ORIGINAL, four: 'A page upstream added.\n' })
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
    await testDb.destroy()
  })

  it('follows a folder: same pages are current, a page only upstream is new, local-only pages are not followed', async () => {
    const status = await upstream.check(editor, folder)
    expect(status.source?.source).toBe(folder)
    expect(status.source?.checkedByName).toBe('Ed Editor')
    expect(status.current).toBe(3)
    expect(status.pages.map(page => [page.upstreamSlug, page.state])).toEqual([['four', 'new']])
  })

  it('merges: unchanged here takes cleanly, changes on both sides without overlap combine, overlap gives markers', async () => {
    // Local edits: two's first line, three's second line.
    const two = await handbook.page('two')
    await handbook.updatePage(
      editor,
      'two',
      { ...two, body: ORIGINAL.two.replace('Two, line 1.', 'Two, line 1 (ours).'), changeNote: '' },
      two.version,
    )
    const three = await handbook.page('three')
    await handbook.updatePage(
      editor,
      'three',
      { ...three, body: lines('Three, first line.', 'Three, our second line.'), changeNote: '' },
      three.version,
    )
    await writeUpstream(folder, {
      one: ORIGINAL.one.replace('One, second line.', 'One, second line, improved upstream.'),
      two: ORIGINAL.two.replace('Two, line 5.', 'Two, line 5 (upstream).'),
      three: lines('Three, first line.', 'Three, upstream second line.'),
      four: 'A page upstream added.\n',
    })

    const status = await upstream.check(editor)
    expect(status.pages.map(page => [page.upstreamSlug, page.state])).toEqual([
      ['four', 'new'],
      ['one', 'changed'],
      ['three', 'changed'],
      ['two', 'changed'],
    ])

    const one = await upstream.review('one')
    expect(one.localChanged).toBe(false)
    expect(one.merged).toEqual({ text: `${one.record.upstreamBody}\n`, conflicts: 0 })
    const taken = await upstream.resolve(editor, 'one', 'take', { pageVersion: one.page?.version ?? 0 })
    expect(taken.body.trimEnd()).toBe(one.record.upstreamBody.trimEnd())

    const twoReview = await upstream.review('two')
    expect(twoReview.localChanged).toBe(true)
    expect(twoReview.merged.conflicts).toBe(0)
    expect(twoReview.merged.text).toContain('Two, line 1 (ours).')
    expect(twoReview.merged.text).toContain('Two, line 5 (upstream).')
    const combined = await upstream.resolve(editor, 'two', 'combine', {
      body: twoReview.merged.text,
      pageVersion: twoReview.page?.version ?? 0,
    })
    expect(combined.body.trimEnd()).toBe(twoReview.merged.text.trimEnd())

    const threeReview = await upstream.review('three')
    expect(threeReview.merged.conflicts).toBe(1)
    expect(threeReview.merged.text).toContain('<<<<<<< Your handbook')
    await expect(
      upstream.resolve(editor, 'three', 'combine', {
        body: threeReview.merged.text,
        pageVersion: threeReview.page?.version ?? 0,
      }),
    ).rejects.toBeInstanceOf(ValidationError)
    await upstream.resolve(editor, 'three', 'keep', { pageVersion: threeReview.page?.version ?? 0 })
    const kept = await handbook.page('three')
    expect(kept.body.trimEnd()).toBe('Three, first line.\nThree, our second line.')
    expect(kept.version).toBe(threeReview.page?.version)

    // Each decision is audited on the page: take and combine by the handbook's save, keep on its own.
    const { events } = await audit.list({ subjectType: 'handbook-page' }, 1)
    const saved = (page: { id: string; version: number; title: string }) =>
      events.filter(
        event =>
          event.subjectId === page.id &&
          event.action === 'handbook.page-updated' &&
          event.summary === `Saved version ${page.version} of "${page.title}"`,
      )
    expect(saved(taken)).toHaveLength(1)
    expect(saved(combined)).toHaveLength(1)
    const keptEvents = events.filter(event => event.action === 'handbook.upstream-kept')
    expect(keptEvents).toEqual([
      expect.objectContaining({
        actorId: editor.id,
        actorName: 'Ed Editor',
        subjectId: kept.id,
        summary: `Kept version ${kept.version} of "Three" as it is, without the upstream handbook’s change`,
      }),
    ])

    const after = await upstream.status()
    expect(after.pages.map(page => page.upstreamSlug)).toEqual(['four'])
    // History records the saves through the handbook's versioned save.
    const { versions } = await handbook.history('two')
    expect(versions[0]?.changeNote).toBe('Combined with the upstream handbook’s change')
    expect((await handbook.page('local-only')).body.trimEnd()).toBe('Ours alone.')
  })

  it('refuses a decision on a page saved since it was shown (409), and keeps the local text', async () => {
    await writeUpstream(folder, {
      one: ORIGINAL.one,
      two: ORIGINAL.two,
      three: lines('Three, first line.', 'Three, upstream second line.'),
      four: 'A page upstream added.\n',
    })
    await upstream.check(editor)
    const review = await upstream.review('one')
    const page = await handbook.page('one')
    await handbook.updatePage(
      editor,
      'one',
      { ...page, body: `${page.body}Added here.\n`, changeNote: '' },
      page.version,
    )
    await expect(
      upstream.resolve(editor, 'one', 'take', { pageVersion: review.page?.version ?? 0 }),
    ).rejects.toBeInstanceOf(StaleVersionError)
    await expect(
      upstream.resolve(editor, 'one', 'keep', { pageVersion: review.page?.version ?? 0 }),
    ).rejects.toBeInstanceOf(StaleVersionError)
    // A refused keep records nothing.
    expect((await audit.list({ action: 'handbook.upstream-kept' }, 1)).total).toBe(1)
    expect((await handbook.page('one')).body).toContain('Added here.')
    expect((await upstream.review('one')).record.state).toBe('changed')
  })

  it('shows pages deleted upstream without deleting them, and adds new upstream pages on request', async () => {
    await writeUpstream(folder, { one: ORIGINAL.one, two: ORIGINAL.two, four: 'A page upstream added.\n' })
    const status = await upstream.check(editor)
    expect(status.pages.find(page => page.upstreamSlug === 'three')?.state).toBe('deleted')
    expect((await handbook.page('three')).title).toBe('Three')
    const added = await upstream.add(editor, 'four')
    expect(added.body.trimEnd()).toBe('A page upstream added.')
    expect((await upstream.status()).pages.find(page => page.upstreamSlug === 'four')).toBeUndefined()
  })

  it('brings the images an exported upstream’s pages show, so a page taken shows them', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    const id = imageId(png)
    const exported = await mkdtemp(path.join(os.tmpdir(), 'valuekit-upstream-export-'))
    try {
      await mkdir(path.join(exported, 'images', id), { recursive: true })
      await writeFile(path.join(exported, 'images', id, 'flow.png'), png)
      const one = await handbook.page('one')
      const markdown = `${one.body}\n![How work flows](/handbook/images/${id}/flow.png)\n`
      await writeFile(
        path.join(exported, MANIFEST_FILE),
        JSON.stringify({
          generator: 'Valuekit',
          format: 1,
          exportedAt: '2026-12-07T10:00:00.000Z',
          pages: [
            {
              slug: 'one',
              title: 'One',
              summary: 'About one.',
              section: { slug: 'guide', title: 'Guide' },
              roles: [],
              skills: [],
              markdown,
              hash: contentHash(markdown),
            },
          ],
          images: [{ id, file: `images/${id}/flow.png`, contentType: 'image/png', size: png.length }],
        }),
      )
      expect(await handbook.image(id)).toBeNull()
      await upstream.check(editor, exported)
      expect((await handbook.image(id))?.bytes).toEqual(png)
      expect((await audit.list({ action: 'handbook.images-kept' }, 1)).total).toBe(1)
      const review = await upstream.review('one')
      const taken = await upstream.resolve(editor, 'one', 'take', { pageVersion: review.page?.version ?? 0 })
      expect(taken.bodyHtml).toContain(`<img src="/handbook/images/${id}/flow.png" alt="How work flows"`)
      // Checking again reads no image it already keeps.
      await upstream.check(editor)
      expect((await audit.list({ action: 'handbook.images-kept' }, 1)).total).toBe(1)
    } finally {
      await rm(exported, { recursive: true, force: true })
    }
  })
})
