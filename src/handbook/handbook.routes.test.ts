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
import { imageId } from './handbook.images.ts'

describe('handbook pages', () => {
  let ctx: TestContext
  let admin: Agent
  let editor: Agent & { name: string }
  let member: Agent & { name: string }

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    editor = await addPerson(ctx, admin, 'editor', 'Eddie Editor')
    member = await addPerson(ctx, admin, 'member', 'Mo Member')
  })
  afterAll(() => ctx.close())

  it('lists the starter handbook by section on the contents page', async () => {
    const res = await member.get('/handbook')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('h1').text()).toBe('Handbook')
    expect(page('h3.govuk-heading-m').length).toBe(5)
    expect(page('main a[href^="/handbook/"]').length).toBeGreaterThanOrEqual(30)
    expect(page('a[href="/handbook/new"]').length).toBe(0)
    expect($((await editor.get('/handbook')).body)('a[href="/handbook/new"]').length).toBe(1)
  })

  it('shows a page with breadcrumbs, on-this-page, resources, tags and who changed it', async () => {
    const res = await member.get('/handbook/scrum')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('h1').text()).toBe('Scrum')
    expect(page('.govuk-breadcrumbs').text()).toContain('Associate product manager')
    const onThisPage = page('nav[aria-labelledby="on-this-page"] a')
    expect(onThisPage.length).toBeGreaterThan(1)
    const firstTarget = onThisPage.first().attr('href') ?? ''
    expect(page(firstTarget).length).toBe(1)
    expect(page('#resources').length).toBe(1)
    expect(page('[data-testid="last-changed"]').text()).toContain('Ada Admin')
    expect(page('.govuk-pagination__prev, .govuk-pagination__next').length).toBe(2)
    expect(page('a[href="/handbook/scrum/suggest"]').length).toBe(1)
    expect(page('a[href="/handbook/scrum/edit"]').length).toBe(0)
  })

  it('serves the same page to two people with their own names and nonces', async () => {
    const a = await member.get('/handbook/scrum')
    const b = await editor.get('/handbook/scrum')
    expect(a.body).toContain('Mo Member')
    expect(a.body).not.toContain('Eddie Editor')
    expect(b.body).toContain('Eddie Editor')
    const nonce = (html: string) => /<script nonce="([^"]+)"/.exec(html)?.[1]
    expect(nonce(a.body)).toBeTruthy()
    expect(nonce(a.body)).not.toBe(nonce(b.body))
    expect(a.headers['content-security-policy']).toContain(`'nonce-${nonce(a.body)}'`)
  })

  it('answers 404 with the styled page for a page that does not exist', async () => {
    const res = await member.get('/handbook/no-such-page')
    expect(res.statusCode).toBe(404)
    expect($(res.body)('h1').text()).toBe('Page not found')
  })

  it('searches with ranked, highlighted results and helps when nothing matches', async () => {
    const res = await member.get('/handbook/search?q=backlog')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('#results-heading').text()).toMatch(/\d+ results? for ‘backlog’/)
    expect(page('.app-search-result').length).toBeGreaterThan(0)
    expect(page('.app-search-result mark').length).toBeGreaterThan(0)
    const none = $((await member.get('/handbook/search?q=xylophonequartz')).body)
    expect(none('#results-heading').text()).toContain('0 results')
    expect(none('main').text()).toContain('check the spelling')
    const hostile = await member.get(`/handbook/search?q=${encodeURIComponent('<script>alert(1)</script> "NEAR(')}`)
    expect(hostile.statusCode).toBe(200)
    expect(hostile.body).not.toContain('<script>alert(1)')
  })

  it('edits a page with a preview, keeps a version, and shows history and a comparison', async () => {
    const fields = formFields((await editor.get('/handbook/scrum/edit')).body, '/handbook/scrum/edit')
    expect(fields.baseVersion).toBe('1')
    const newBody = `${fields.body}\n\n## A new heading\n\nA sentence added in a test.`
    const preview = await editor.post('/handbook/scrum/edit', {
      ...fields,
      body: newBody,
      action: 'preview',
      _csrf: await editor.token(),
    })
    expect(preview.statusCode).toBe(200)
    expect($(preview.body)('[data-testid="preview"]').text()).toContain('A sentence added in a test.')
    expect($(preview.body)('textarea[name="body"]').text()).toContain('A sentence added in a test.')
    const saved = await editor.post('/handbook/scrum/edit', {
      ...fields,
      body: newBody,
      changeNote: 'Added a heading',
      action: 'save',
      _csrf: await editor.token(),
    })
    expect(saved.statusCode).toBe(303)
    const page = $((await member.get('/handbook/scrum')).body)
    expect(page('#section-a-new-heading').length).toBe(1)
    expect(page('[data-testid="last-changed"]').text()).toContain('Eddie Editor')
    const history = $((await member.get('/handbook/scrum/history')).body)
    expect(history('tbody tr').length).toBe(2)
    expect(history('tbody').text()).toContain('Added a heading')
    const compare = $((await member.get('/handbook/scrum/compare?from=1&to=2')).body)
    expect(compare('.app-diff__line--added').text()).toContain('A sentence added in a test.')
  })

  it('previews an image and a link to another page as the saved page shows them', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    const id = imageId(png)
    await ctx.app.services.handbook.importResult(
      { id: null, name: 'Test' },
      {
        site: 'plain',
        siteUrl: null,
        sections: [],
        pages: [],
        problems: [],
        images: [{ id, fileName: 'wall.png', contentType: 'image/png', bytes: png, sourcePath: 'wall.png' }],
      },
    )
    const src = `/handbook/images/${id}/wall.png`
    const fields = formFields((await editor.get('/handbook/saying-no/edit')).body, '/handbook/saying-no/edit')
    const body = `${fields.body}\n\n![The team's wall](${src})\n\nSee [the Scrum page](scrum.md).`
    const previewed = await editor.post('/handbook/saying-no/edit', {
      ...fields,
      body,
      action: 'preview',
      _csrf: await editor.token(),
    })
    expect(previewed.statusCode).toBe(200)
    const previewPage = $(previewed.body)
    const preview = previewPage('[data-testid="preview"]')
    expect(preview.find('img').attr('src')).toBe(src)
    expect(preview.find('img').attr('alt')).toBe("The team's wall")
    expect(
      preview
        .find('a')
        .filter((_, a) => previewPage(a).text() === 'the Scrum page')
        .attr('href'),
    ).toBe('/handbook/scrum')
    // A suggestion's preview shows it the same way.
    const suggestFields = formFields(
      (await member.get('/handbook/saying-no/suggest')).body,
      '/handbook/saying-no/suggest',
    )
    const suggested = await member.post('/handbook/saying-no/suggest', {
      ...suggestFields,
      body,
      action: 'preview',
      _csrf: await member.token(),
    })
    expect($(suggested.body)('[data-testid="preview"] img').attr('src')).toBe(src)

    expect(
      (await editor.post('/handbook/saying-no/edit', { ...fields, body, action: 'save', _csrf: await editor.token() }))
        .statusCode,
    ).toBe(303)
    const saved = $((await member.get('/handbook/saying-no')).body)
    expect(saved('.app-prose img').attr('src')).toBe(src)
    expect(saved('.app-prose').html()).toContain(preview.find('img').toString())
  })

  it('detects a conflicting save, keeps what the second editor typed and shows both texts', async () => {
    const other = await addPerson(ctx, admin, 'editor', 'Olu Other')
    const mine = formFields((await editor.get('/handbook/lean-startup/edit')).body, '/handbook/lean-startup/edit')
    const theirs = formFields((await other.get('/handbook/lean-startup/edit')).body, '/handbook/lean-startup/edit')
    expect(
      (
        await other.post('/handbook/lean-startup/edit', {
          ...theirs,
          body: `${theirs.body}\n\nTheir addition.`,
          action: 'save',
          _csrf: await other.token(),
        })
      ).statusCode,
    ).toBe(303)
    const conflict = await editor.post('/handbook/lean-startup/edit', {
      ...mine,
      body: `${mine.body}\n\nMy addition.`,
      action: 'save',
      _csrf: await editor.token(),
    })
    expect(conflict.statusCode).toBe(409)
    const page = $(conflict.body)
    expect(page('title').text()).toMatch(/^Error: /)
    expect(page('.govuk-error-summary').text()).toContain('Olu Other saved a new version')
    expect(page('textarea[name="body"]').text()).toContain('My addition.')
    expect(page('.app-side-by-side').first().text()).toContain('Their addition.')
    expect(page('input[name="baseVersion"]').attr('value')).toBe('2')
    const again = formFields(conflict.body, '/handbook/lean-startup/edit')
    const resolved = await editor.post('/handbook/lean-startup/edit', {
      ...again,
      body: `${String(again.body)}\n\nTheir addition.`,
      action: 'save',
      _csrf: await editor.token(),
    })
    expect(resolved.statusCode).toBe(303)
    const text = $((await member.get('/handbook/lean-startup')).body)('.app-prose').text()
    expect(text).toContain('My addition.')
    expect(text).toContain('Their addition.')
  })

  it('refuses bad input with messages and keeps what was typed', async () => {
    const fields = formFields((await editor.get('/handbook/roadmaps/edit')).body, '/handbook/roadmaps/edit')
    const res = await editor.post('/handbook/roadmaps/edit', {
      ...fields,
      title: '',
      body: 'See [this](/handbook/not-a-page) for more.',
      'resources-9-title': 'A resource with no link',
      action: 'save',
      _csrf: await editor.token(),
    })
    expect(res.statusCode).toBe(400)
    const page = $(res.body)
    const summary = page('.govuk-error-summary').text()
    expect(summary).toContain('Enter a title')
    expect(page('textarea[name="body"]').text()).toContain('/handbook/not-a-page')
    const linkError = await editor.post('/handbook/roadmaps/edit', {
      ...fields,
      body: 'See [this](/handbook/not-a-page) for more.',
      action: 'save',
      _csrf: await editor.token(),
    })
    expect(linkError.statusCode).toBe(400)
    expect($(linkError.body)('#body-error').text()).toContain('/handbook/not-a-page')
  })

  it('renders Markdown safely', async () => {
    const fields = formFields((await editor.get('/handbook/accessibility/edit')).body, '/handbook/accessibility/edit')
    const body = '<script>alert(1)</script>\n\n[click](javascript:alert(1))\n\n<img src=x onerror=alert(1)>'
    expect(
      (
        await editor.post('/handbook/accessibility/edit', {
          ...fields,
          body,
          action: 'save',
          _csrf: await editor.token(),
        })
      ).statusCode,
    ).toBe(303)
    const html = (await member.get('/handbook/accessibility')).body
    expect(html).not.toContain('<script>alert(1)')
    expect(html).not.toMatch(/<img[^>]+onerror/)
    expect(html).not.toContain('href="javascript:')
  })

  it('lets editors create, move and delete pages and sections', async () => {
    const sectionRes = await editor.submit('/handbook/sections/new', '/handbook/sections/new', {
      title: 'Team rituals',
      summary: 'How teams meet.',
    })
    expect(sectionRes.statusCode).toBe(303)
    const newForm = $((await editor.get('/handbook/new?section=team-rituals')).body)
    const sectionId = newForm('select[name="sectionId"] option[selected]').attr('value') ?? ''
    expect(newForm('select[name="sectionId"] option[selected]').text()).toBe('Team rituals')
    const created = await editor.post('/handbook/new', {
      _csrf: await editor.token(),
      title: 'Show and tells',
      summary: 'Showing work in progress.',
      sectionId,
      body: '## Why\n\nSee [Scrum](/handbook/scrum).',
      roles: ['product-manager'],
      skills: 'agile-and-lean-practices',
      'resources-0-kind': 'reading',
      'resources-0-title': 'The Scrum Guide',
      'resources-0-author': 'Schwaber and Sutherland',
      'resources-0-format': 'Guide',
      'resources-0-url': 'https://scrumguides.org/scrum-guide.html',
      action: 'save',
    })
    expect(created.statusCode).toBe(303)
    expect(created.headers.location).toBe('/handbook/show-and-tells')
    const shown = $((await member.get('/handbook/show-and-tells')).body)
    expect(shown('.app-prose a[href="/handbook/scrum"]').length).toBe(1)
    expect(shown('#resources').next().text()).toContain('Reading')
    const second = await editor.post('/handbook/new', {
      _csrf: await editor.token(),
      title: 'Demos',
      summary: '',
      sectionId,
      body: 'Text.',
      action: 'save',
    })
    expect(second.statusCode).toBe(303)
    expect(
      (await editor.post('/handbook/demos/move', { _csrf: await editor.token(), direction: 'up' })).statusCode,
    ).toBe(303)
    const manage = $((await editor.get('/handbook/manage')).body)
    const order = manage('#section-team-rituals')
      .parent()
      .find('tbody tr td:first-child')
      .map((_, el) => manage(el).text())
      .get()
    expect(order).toEqual(['Demos', 'Show and tells'])
    expect(
      (await editor.submit('/handbook/demos/delete', '/handbook/demos/delete', { baseVersion: '1' })).statusCode,
    ).toBe(303)
    expect((await member.get('/handbook/demos')).statusCode).toBe(404)
    const refused = await editor.post('/handbook/sections/team-rituals/delete', { _csrf: await editor.token() })
    expect(refused.statusCode).toBe(400)
    expect($(refused.body)('.govuk-error-summary').text()).toContain('Only an empty section can be deleted')
  })

  it('takes suggestions from members and lets editors accept or decline them', async () => {
    const form = $((await member.get('/handbook/roadmaps/suggest')).body)
    const base = {
      title: form('input[name="title"]').attr('value') ?? '',
      summary: form('textarea[name="summary"]').text(),
      body: form('textarea[name="body"]').text(),
      baseVersion: form('input[name="baseVersion"]').attr('value') ?? '',
    }
    const missingReason = await member.post('/handbook/roadmaps/suggest', {
      ...base,
      body: `${base.body}\n\nA suggested line.`,
      reason: '',
      action: 'send',
      _csrf: await member.token(),
    })
    expect(missingReason.statusCode).toBe(400)
    expect($(missingReason.body)('textarea[name="body"]').text()).toContain('A suggested line.')
    const sent = await member.post('/handbook/roadmaps/suggest', {
      ...base,
      body: `${base.body}\n\nA suggested line.`,
      reason: 'It was missing.',
      action: 'send',
      _csrf: await member.token(),
    })
    expect(sent.statusCode).toBe(303)
    const suggestionUrl = sent.headers.location as string
    expect($((await member.get(suggestionUrl)).body)('main').text()).toContain('Waiting for review')
    const queue = $((await editor.get('/handbook/suggestions')).body)
    expect(queue('tbody').text()).toContain('Mo Member')
    const review = $((await editor.get(suggestionUrl)).body)
    expect(review('.app-diff__line--added').text()).toContain('A suggested line.')
    const accepted = await editor.post(`${suggestionUrl}/accept`, {
      _csrf: await editor.token(),
      body: review('textarea[name="body"]').text(),
      pageVersion: review('input[name="pageVersion"]').attr('value') ?? '',
    })
    expect(accepted.statusCode).toBe(303)
    expect($((await member.get(suggestionUrl)).body)('main').text()).toContain('Accepted')
    const history = $((await member.get('/handbook/roadmaps/history')).body)
    expect(history('tbody tr').first().text()).toContain('Mo Member')
    expect(history('tbody tr').first().text()).toContain('accepted by Eddie Editor')

    const second = await member.post('/handbook/roadmaps/suggest', {
      ...base,
      baseVersion: String(Number(base.baseVersion) + 1),
      title: 'Roadmaps of problems',
      reason: 'A clearer title.',
      action: 'send',
      _csrf: await member.token(),
    })
    const secondUrl = second.headers.location as string
    const noReason = await editor.post(`${secondUrl}/decline`, { _csrf: await editor.token(), reason: '' })
    expect(noReason.statusCode).toBe(400)
    expect(
      (
        await editor.post(`${secondUrl}/decline`, {
          _csrf: await editor.token(),
          reason: 'The title is fine as it is.',
        })
      ).statusCode,
    ).toBe(303)
    const outcome = $((await member.get(secondUrl)).body)
    expect(outcome('main').text()).toContain('Declined')
    expect(outcome('main').text()).toContain('The title is fine as it is.')
    const mine = $((await member.get('/handbook/suggestions/mine')).body)
    expect(mine('tbody tr').length).toBe(2)
  })

  it('prints the whole handbook and each section, with contents, for anyone who may read it', async () => {
    const contents = $((await member.get('/handbook')).body)
    expect(contents('a[href="/handbook/print"]')).toHaveLength(1)
    expect(contents('a[href="/handbook/sections/associate-product-manager/print"]')).toHaveLength(1)
    const whole = await member.get('/handbook/print')
    expect(whole.statusCode).toBe(200)
    const doc = $(whole.body)
    expect(doc('h1').text()).toBe('Handbook')
    const pages = doc('article.app-print-page')
    expect(pages.length).toBeGreaterThanOrEqual(40)
    expect(doc('.app-print-contents a[href="#page-scrum"]').text()).toBe('Scrum')
    expect(doc('#page-scrum').closest('article').find('.app-prose').text().length).toBeGreaterThan(200)
    // Every id is unique, so the contents and in-page links find their place.
    const ids = doc('[id]')
      .map((_, el) => doc(el).attr('id'))
      .get()
    expect(new Set(ids).size).toBe(ids.length)
    const section = $((await member.get('/handbook/sections/associate-product-manager/print')).body)
    expect(section('h1').text()).toBe('Associate product manager')
    expect(section('article.app-print-page').length).toBeGreaterThan(1)
    expect((await member.get('/handbook/sections/no-such-section/print')).statusCode).toBe(404)
    // A closed handbook asks people who are not signed in to sign in first.
    const anonymous = new Agent(ctx.app)
    const refused = await anonymous.get('/handbook/print')
    expect(refused.statusCode).toBe(303)
    expect(refused.headers.location).toBe('/sign-in?returnTo=%2Fhandbook%2Fprint')
  })

  describe('defects found in issue 10', () => {
    const suggestForm = async (slug: string) => {
      const form = $((await member.get(`/handbook/${slug}/suggest`)).body)
      return {
        title: form('input[name="title"]').attr('value') ?? '',
        summary: form('textarea[name="summary"]').text(),
        body: form('textarea[name="body"]').text(),
        baseVersion: form('input[name="baseVersion"]').attr('value') ?? '',
      }
    }

    it('previews a suggestion before the reason is written, and asks for the reason on send', async () => {
      const base = await suggestForm('saying-no')
      const preview = await member.post('/handbook/saying-no/suggest', {
        ...base,
        body: `${base.body}\n\nA **previewed** line.`,
        reason: '',
        action: 'preview',
        _csrf: await member.token(),
      })
      expect(preview.statusCode).toBe(200)
      const page = $(preview.body)
      expect(page('.govuk-error-summary').length).toBe(0)
      expect(page('[data-testid="preview"] strong').last().text()).toBe('previewed')
      expect(page('textarea[name="body"]').text()).toContain('A **previewed** line.')
      const send = await member.post('/handbook/saying-no/suggest', {
        ...base,
        body: `${base.body}\n\nA **previewed** line.`,
        reason: '',
        action: 'send',
        _csrf: await member.token(),
      })
      expect(send.statusCode).toBe(400)
      expect($(send.body)('.govuk-error-summary').text()).toContain('Say why you suggest this change')
    })

    it('holds both texts with conflict markers when two suggestions change the same paragraph', async () => {
      const base = await suggestForm('prioritisation')
      const lines = base.body.split('\n')
      const at = lines.findIndex(l => l.trim().length > 40)
      const change = (by: string) => lines.map((l, i) => (i === at ? by : l)).join('\n')
      const send = async (body: string) =>
        (
          await member.post('/handbook/prioritisation/suggest', {
            ...base,
            body,
            reason: 'Clearer.',
            action: 'send',
            _csrf: await member.token(),
          })
        ).headers.location as string
      const first = await send(change('The first suggested wording of this paragraph.'))
      const second = await send(change('The second suggested wording of this paragraph.'))
      const firstReview = $((await editor.get(first)).body)
      expect(
        (
          await editor.post(`${first}/accept`, {
            _csrf: await editor.token(),
            body: firstReview('textarea[name="body"]').text(),
            pageVersion: firstReview('input[name="pageVersion"]').attr('value') ?? '',
          })
        ).statusCode,
      ).toBe(303)

      const review = $((await editor.get(second)).body)
      const box = review('textarea[name="body"]').text()
      expect(box).toContain('<<<<<<< The page now\nThe first suggested wording of this paragraph.\n=======')
      expect(box).toContain('The second suggested wording of this paragraph.\n>>>>>>> The suggestion')
      expect(review('.govuk-warning-text').text()).toContain('Choose what to keep')
      const pageVersion = review('input[name="pageVersion"]').attr('value') ?? ''

      const markers = await editor.post(`${second}/accept`, { _csrf: await editor.token(), body: box, pageVersion })
      expect(markers.statusCode).toBe(400)
      expect($(markers.body)('.govuk-error-summary').text()).toContain('conflict markers')
      const dropping = await editor.post(`${second}/accept`, {
        _csrf: await editor.token(),
        body: change('The second suggested wording of this paragraph.'),
        pageVersion,
      })
      expect(dropping.statusCode).toBe(400)
      expect($(dropping.body)('.govuk-error-summary').text()).toContain('would undo a change')
      expect($(dropping.body)('textarea[name="body"]').text()).toContain('The second suggested wording')
      expect((await member.get('/handbook/prioritisation')).body).toContain('The first suggested wording')

      const confirmed = await editor.post(`${second}/accept`, {
        _csrf: await editor.token(),
        body: change('The second suggested wording of this paragraph.'),
        pageVersion,
        undoLaterChanges: 'yes',
      })
      expect(confirmed.statusCode).toBe(303)
    })

    it('shows changes in hunks with context and changed words, or the whole page when asked', async () => {
      const form = formFields((await editor.get('/handbook/scrum/edit')).body, '/handbook/scrum/edit')
      const body = String(form.body)
      const lines = body.split('\n')
      const at = lines.findIndex((l, i) => i > 10 && l.trim().length > 30)
      const target = lines[at] ?? ''
      lines[at] = `${target} Added words.`
      const saved = await editor.post('/handbook/scrum/edit', { ...form, body: lines.join('\n'), action: 'save' })
      expect(saved.statusCode).toBe(303)
      const history = $((await editor.get('/handbook/scrum/history')).body)
      const latest = Number(history('tbody tr').first().find('td').first().text().replace(/\D/g, ''))
      const url = `/handbook/scrum/compare?from=${latest - 1}&to=${latest}`
      const compare = $((await editor.get(url)).body)
      const shown = compare('.app-diff li').length
      expect(shown).toBeLessThanOrEqual(2 + 6)
      expect(compare('h3.app-diff__hunk-heading').first().text()).toMatch(/^Around lines \d+ to \d+ of the new text/)
      expect(compare('ins.app-diff__words').text()).toContain('Added words.')
      expect(compare(`a[href="${url}&whole=yes"]`).text()).toBe('Show the whole page')
      const whole = $((await editor.get(`${url}&whole=yes`)).body)
      expect(whole('.app-diff li').length).toBe(lines.length + 1)
      expect(whole(`a[href="${url}"]`).text()).toBe('Show only the changes')
    })
  })

  it('restores an old version as the newest', async () => {
    const history = $((await editor.get('/handbook/scrum/history')).body)
    const latest = history('tbody tr').length
    const res = await editor.post('/handbook/scrum/versions/1/restore', {
      _csrf: await editor.token(),
      baseVersion: String(latest),
    })
    expect(res.statusCode).toBe(303)
    const after = $((await editor.get('/handbook/scrum/history')).body)
    expect(after('tbody tr').length).toBe(latest + 1)
    expect(after('tbody tr').first().text()).toContain('Restored version 1')
    const stale = await editor.post('/handbook/scrum/versions/1/restore', {
      _csrf: await editor.token(),
      baseVersion: String(latest),
    })
    expect(stale.statusCode).toBe(303)
    expect($((await editor.get('/handbook/scrum/history')).body)('.govuk-notification-banner').text()).toContain(
      'Nothing was restored',
    )
  })
})
