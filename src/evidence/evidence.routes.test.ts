// Evidence packs through their pages: a product manager starts a pack for the next role, sees
// their agreed levels and the gaps, picks check-in evidence and writes a STAR example (every
// problem shown at once, nothing typed lost; a save someone overtook answers 409), shares it with
// one person who reads and prints it, and stops sharing. Nobody else reads it: not the line
// manager, a leader of the area, a head of profession or an administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  addPersonWithId,
  formFields,
  setUpInstallation,
  type Agent,
  type TestContext,
  buildTestApp,
  saveTestProfile,
} from '../../test/build-test-app.ts'
import { sentCheckin } from '../../test/evidence.ts'

type Named = Agent & { name: string; email: string; id: string }
const errorSummary = (html: string) => $(html)('.govuk-error-summary').text()

describe('evidence packs', () => {
  let ctx: TestContext
  let admin: Agent
  let ava: Named
  let mia: Named
  let ed: Named
  let lee: Named
  let hop: Named
  let packPath = ''

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    mia = await addPersonWithId(ctx, admin, 'member', 'Mia Manager')
    ava = await addPersonWithId(ctx, admin, 'member', 'Ava Applicant')
    ed = await addPersonWithId(ctx, admin, 'editor', 'Ed Editor')
    lee = await addPersonWithId(ctx, admin, 'leader', 'Lee Leader')
    hop = await addPersonWithId(ctx, admin, 'member', 'Hal Head')
    await saveTestProfile(ctx, mia.id, { careerRole: 'senior-product-manager', businessArea: 'Benefits' })
    await saveTestProfile(ctx, lee.id, { careerRole: 'lead-product-manager', businessArea: 'Benefits' })
    await saveTestProfile(ctx, hop.id, { careerRole: 'head-of-product', businessArea: 'Other', headOfProfession: true })
    await saveTestProfile(ctx, ava.id, {
      careerRole: 'product-manager',
      businessArea: 'Benefits',
      lineManagerId: mia.id,
    })
  })
  afterAll(() => ctx.close())

  it('starts a pack for the next role in the pathway, and says plainly when there are no agreed levels', async () => {
    const list = await ava.get('/evidence')
    expect(list.statusCode).toBe(200)
    expect($(list.body)('[data-testid="no-own-packs"]').length).toBe(1)

    const form = await ava.get('/evidence/new')
    expect($(form.body)('input[name="role"]:checked').val()).toBe('senior-product-manager')
    const none = await ava.post('/evidence/new', { ...formFields(form.body, '/evidence/new'), role: '' })
    expect(none.statusCode).toBe(400)
    expect(errorSummary(none.body)).toContain('Select the role you are going for')

    const made = await ava.post('/evidence/new', {
      ...formFields(form.body, '/evidence/new'),
      role: 'senior-product-manager',
    })
    expect(made.statusCode).toBe(303)
    const edit = String(made.headers.location)
    expect(edit).toMatch(/^\/evidence\/[0-9a-f-]{36}\/edit$/)
    packPath = edit.replace(/\/edit$/, '')

    // Asking again for the same role leads to the same pack.
    const again = await ava.post('/evidence/new', {
      ...formFields(form.body, '/evidence/new'),
      role: 'senior-product-manager',
    })
    expect(again.headers.location).toBe(edit)

    const tasks = await ava.get(edit)
    expect(tasks.statusCode).toBe(200)
    expect($(tasks.body)('.govuk-task-list__item').length).toBeGreaterThan(5)
    expect($(tasks.body)('.govuk-task-list__item').first().text()).toContain('Not started')

    const pack = await ava.get(packPath)
    expect(pack.statusCode).toBe(200)
    expect($(pack.body)('h1').text()).toBe('Evidence for Senior product manager')
    expect(pack.body).toContain('You have no agreed levels yet')
    const skill = $(pack.body)('#skill-product-management').closest('section').text()
    expect(skill).toContain('Expert')
    expect(skill).toContain('No agreed level yet')
  })

  it('shows the agreed levels and gaps, and offers the evidence written in sent check-ins', async () => {
    await sentCheckin(ctx.app.services, ava.id, {
      level: 'working',
      agreed: { 'product-management': 'practitioner' },
      evidence: { 'product-management': 'I ran discovery for the claims service.' },
    })
    // A draft's evidence still changes, so it is not offered.
    const pack = await ava.get(packPath)
    const skill = $(pack.body)('#skill-product-management').closest('section').text()
    expect(skill).toContain('Practitioner')
    expect(skill).toContain('1 level below')
    expect(pack.body).not.toContain('You have no agreed levels yet')

    const form = await ava.get(`${packPath}/edit/product-management`)
    expect(form.statusCode).toBe(200)
    const boxes = $(form.body)('input[name="picked"]')
    expect(boxes.length).toBe(1)
    expect($(form.body)('.govuk-checkboxes__hint').text()).toContain('I ran discovery for the claims service.')
  })

  it('shows every problem with an example at once and keeps what was typed, then saves it', async () => {
    const path = `${packPath}/edit/product-management`
    const form = await ava.get(path)
    const fields = formFields(form.body, path)
    const checkinId = String($(form.body)('input[name="picked"]').val())
    const bad = await ava.post(path, {
      ...fields,
      picked: checkinId,
      situation: 'Claims took weeks to process.',
      task: '',
      action: 'x'.repeat(1201),
      result: '',
    })
    expect(bad.statusCode).toBe(400)
    const doc = $(bad.body)
    const summary = doc('.govuk-error-summary__list a')
      .map((_i, a) => doc(a).attr('href'))
      .get()
    expect(summary).toEqual(['#task', '#action', '#result'])
    expect(errorSummary(bad.body)).toContain('Action must be 1,200 characters or fewer')
    expect($(bad.body)('#situation').val()).toBe('Claims took weeks to process.')
    expect($(bad.body)('#action').val()).toHaveLength(1201)
    expect($(bad.body)('input[name="picked"]').is(':checked')).toBe(true)

    const saved = await ava.post(path, {
      ...fields,
      picked: checkinId,
      situation: 'Claims took weeks to process.',
      task: 'I had to find out why.',
      action: 'I mapped the journey with users.',
      result: 'Claims now take two days.',
    })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe(`${packPath}/edit`)
    const pack = await ava.get(packPath)
    const skill = $(pack.body)('#skill-product-management').closest('section').text()
    expect(skill).toContain('I ran discovery for the claims service.')
    expect(skill).toContain('I mapped the journey with users.')
    expect(skill).toContain('Claims now take two days.')
    const tasks = await ava.get(`${packPath}/edit`)
    expect($(tasks.body)('#skill-1-status').text()).not.toBe('')
  })

  it('answers 409 when someone saved the skill after the form was opened, keeping what was typed', async () => {
    const path = `${packPath}/edit/strategic-ownership`
    const first = formFields((await ava.get(path)).body, path)
    const second = formFields((await ava.get(path)).body, path)
    const story = { situation: 'S', task: 'T', action: 'A', result: 'R' }
    expect((await ava.post(path, { ...first, ...story })).statusCode).toBe(303)
    const late = await ava.post(path, { ...second, ...story, result: 'My later result' })
    expect(late.statusCode).toBe(409)
    expect($(late.body)('[data-testid="conflict"]').length).toBe(1)
    expect($(late.body)('#result').val()).toBe('My later result')
    expect($(late.body)('input[name="version"]').val()).toBe('1')
  })

  it('is read by nobody but its person until shared: not the line manager, leaders, heads or administrators', async () => {
    for (const agent of [mia, lee, hop, ed, admin]) {
      expect((await agent.get(packPath)).statusCode).toBe(403)
      expect((await agent.get(`${packPath}/print`)).statusCode).toBe(403)
      expect((await agent.get(`${packPath}/download`)).statusCode).toBe(403)
      expect((await agent.get(`${packPath}/delete`)).statusCode).toBe(403)
    }
    expect((await mia.get('/evidence')).body).not.toContain('Ava Applicant')
  })

  it('shares it with a named person, who reads and prints it but cannot change it', async () => {
    const page = await ava.get(`${packPath}/share`)
    expect($(page.body)('[data-testid="no-shares"]').length).toBe(1)
    const fields = formFields(page.body, `${packPath}/share`)
    const unknown = await ava.post(`${packPath}/share`, { ...fields, email: 'nobody@example.gov.uk' })
    expect(unknown.statusCode).toBe(400)
    expect(errorSummary(unknown.body)).toContain('There is nobody with that email address in Valuekit')
    expect($(unknown.body)('#email').val()).toBe('nobody@example.gov.uk')
    const self = await ava.post(`${packPath}/share`, { ...fields, email: ava.email })
    expect(errorSummary(self.body)).toContain('This is your own evidence pack')

    const shared = await ava.post(`${packPath}/share`, { ...fields, email: ed.email })
    expect(shared.statusCode).toBe(303)
    const after = await ava.get(`${packPath}/share`)
    expect($(after.body)('[data-testid="shares"]').text()).toContain('Ed Editor')

    const list = await ed.get('/evidence')
    const link = $(list.body)('[data-testid="shared-packs"] a')
    expect(link.text()).toBe('Ava Applicant: evidence for Senior product manager')
    expect(link.attr('href')).toBe(packPath)
    const read = await ed.get(packPath)
    expect(read.statusCode).toBe(200)
    expect(read.body).toContain('I mapped the journey with users.')
    expect($(read.body)('a[href$="/edit"]').length).toBe(0)
    const print = await ed.get(`${packPath}/print`)
    expect(print.statusCode).toBe(200)
    expect(print.body).toContain('Claims now take two days.')
    // The download: one self-contained HTML file, named after the person and the role.
    const logsBefore = ctx.logs.length
    const file = await ed.get(`${packPath}/download`)
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(file.headers['content-disposition']).toBe(
      'attachment; filename="ava-applicant-evidence-for-senior-product-manager.html"',
    )
    expect(file.body).toMatch(/^<!DOCTYPE html>/)
    expect(file.body).toContain('<h1>Evidence for Senior product manager</h1>')
    expect(file.body).toContain('I ran discovery for the claims service.')
    expect(file.body).toContain('Claims now take two days.')
    expect(file.body).toContain('@media print')
    // Nothing it needs is outside it, and nothing in it runs.
    expect(file.body).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(|@import|\bon\w+=/i)
    // What the pack holds is never logged.
    const logged = ctx.logs.slice(logsBefore).join('')
    for (const secret of ['claims service', 'Claims now take two days', 'Ava Applicant'])
      expect(logged).not.toContain(secret)
    expect($(read.body)(`a[href="${packPath}/download"]`).length).toBe(1)
    expect($(read.body)(`a[href="${packPath}/delete"]`).length).toBe(0)
    for (const path of ['/edit', '/edit/product-management', '/share', '/delete'])
      expect((await ed.get(`${packPath}${path}`)).statusCode).toBe(403)
    // Still nobody else.
    expect((await mia.get(packPath)).statusCode).toBe(403)

    const { events } = await ctx.app.services.audit.list({}, 1)
    const event = events.find(e => e.action === 'evidence.shared')
    expect(event?.summary).toBe('Shared an evidence pack with Ed Editor')
  })

  it('stops sharing', async () => {
    const page = await ava.get(`${packPath}/share`)
    const stop = $(page.body)('[data-testid="shares"] form').attr('action') ?? ''
    expect(stop).toBe(`${packPath}/share/${ed.id}/stop`)
    const stopped = await ava.post(stop, formFields(page.body, stop))
    expect(stopped.statusCode).toBe(303)
    expect((await ed.get(packPath)).statusCode).toBe(403)
    expect($((await ed.get('/evidence')).body)('[data-testid="no-shared-packs"]').length).toBe(1)
    const { events } = await ctx.app.services.audit.list({}, 1)
    expect(events.find(e => e.action === 'evidence.unshared')?.summary).toBe(
      'Stopped sharing an evidence pack with Ed Editor',
    )
  })

  it('holds more than one example for a skill, each whole, and keeps each error by its field', async () => {
    const path = `${packPath}/edit/product-management`
    const form = await ava.get(path)
    const page = $(form.body)
    // The saved example, and room for a second.
    expect(page('#situation').val()).toBe('Claims took weeks to process.')
    expect(page('#situation-2').val()).toBe('')
    expect(page('#situation-3').length).toBe(0)
    const fields = formFields(form.body, path)
    const half = await ava.post(path, { ...fields, 'situation-2': 'A second story', 'result-2': 'It ended well' })
    expect(half.statusCode).toBe(400)
    const bad = $(half.body)
    expect(
      bad('.govuk-error-summary__list a')
        .map((_i, a) => bad(a).attr('href'))
        .get(),
    ).toEqual(['#task-2', '#action-2'])
    expect(errorSummary(half.body)).toContain('Enter the task of example 2')
    expect(bad('#situation-2').val()).toBe('A second story')

    const second = {
      'situation-2': 'Forms were hard',
      'task-2': 'Fix them',
      'action-2': 'I tested them',
      'result-2': 'Fewer calls',
    }
    const saved = await ava.post(path, { ...fields, ...second })
    expect(saved.statusCode).toBe(303)
    const pack = await ava.get(packPath)
    const skill = $(pack.body)('#skill-product-management').closest('section')
    expect(
      skill
        .find('h3')
        .map((_i, h) => $(pack.body)(h).text())
        .get(),
    ).toEqual(['From check-ins', 'Example 1', 'Example 2'])
    expect(skill.text()).toContain('Fewer calls')
    expect((await ava.get(`${packPath}/download`)).body).toContain('<h3>Example 2</h3>')

    // A third slot is offered now; emptying the second removes it.
    const again = await ava.get(path)
    expect($(again.body)('#situation-3').val()).toBe('')
    const emptied = Object.fromEntries(Object.keys(second).map(k => [k, '']))
    expect((await ava.post(path, { ...formFields(again.body, path), ...emptied })).statusCode).toBe(303)
    expect((await ava.get(packPath)).body).not.toContain('Fewer calls')
  })

  it('escapes what was written in the download', async () => {
    const path = `${packPath}/edit/agile-and-lean-practices`
    const form = await ava.get(path)
    expect(form.statusCode).toBe(200)
    const saved = await ava.post(path, {
      ...formFields(form.body, path),
      situation: '<script>alert(1)</script>',
      task: '<img src=x onerror=alert(1)>',
      action: 'Line one\nline two\n\nA second paragraph',
      result: 'R & D',
    })
    expect(saved.statusCode).toBe(303)
    const file = await ava.get(`${packPath}/download`)
    expect(file.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(file.body).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(file.body).toContain('<p>Line one<br>line two</p>\n<p>A second paragraph</p>')
    expect(file.body).not.toMatch(/<script|<img/i)
  })

  it('deletes a pack after asking, with its evidence and shares; nobody else can', async () => {
    const other = await ava.get('/evidence/new')
    const made = await ava.post('/evidence/new', {
      ...formFields(other.body, '/evidence/new'),
      role: 'lead-product-manager',
    })
    expect(made.statusCode).toBe(303)
    const lead = String(made.headers.location).replace(/\/edit$/, '')
    const sharePage = await ava.get(`${lead}/share`)
    expect(
      (await ava.post(`${lead}/share`, { ...formFields(sharePage.body, `${lead}/share`), email: ed.email })).statusCode,
    ).toBe(303)
    expect((await ed.get(lead)).statusCode).toBe(200)

    const pack = await ava.get(lead)
    expect($(pack.body)(`a[href="${lead}/delete"]`).text()).toBe('Delete this evidence pack')
    const ask = await ava.get(`${lead}/delete`)
    expect(ask.statusCode).toBe(200)
    expect($(ask.body)('h1').text()).toBe('Delete your evidence pack?')
    expect($(ask.body)('[data-testid="delete-shares"]').text()).toContain('Ed Editor')
    const fields = formFields(ask.body, `${lead}/delete`)
    // Someone it is shared with reads it, but cannot delete it.
    expect((await ed.post(`${lead}/delete`, fields)).statusCode).toBe(403)
    const done = await ava.post(`${lead}/delete`, fields)
    expect(done.statusCode).toBe(303)
    expect(done.headers.location).toBe('/evidence')
    expect((await ava.get(lead)).statusCode).toBe(404)
    expect((await ed.get(lead)).statusCode).toBe(404)
    expect((await ed.get('/evidence')).body).not.toContain('Lead product manager')
    // The other pack is untouched.
    expect((await ava.get(packPath)).statusCode).toBe(200)
    const { events } = await ctx.app.services.audit.list({}, 1)
    const event = events.find(e => e.action === 'evidence.deleted')
    expect(event?.summary).toBe('Deleted an evidence pack')
  })

  it('refuses to make a pack for people outside the profession', async () => {
    expect((await ed.get('/evidence/new')).statusCode).toBe(403)
    expect((await ed.get('/evidence')).statusCode).toBe(200)
  })

  it('links the pack from the person’s own pathway', async () => {
    const pathway = await ava.get(`/people/${ava.id}/pathway`)
    expect($(pathway.body)('a[href="/evidence"]').text()).toBe('Your evidence for promotion')
  })
})
