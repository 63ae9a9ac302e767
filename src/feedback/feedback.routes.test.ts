// Peer feedback through its pages: asking, the colleague's task and answer, who may read the
// answers (the person and their line manager; not the colleague, the colleague's manager, leaders,
// heads of profession or administrators), logs without answers, and quoting an answer as evidence
// in a check-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  type Agent,
  addPersonWithId,
  buildTestApp,
  formFields,
  saveTestProfile,
  setUpInstallation,
  type TestContext,
} from '../../test/build-test-app.ts'
import { insertUser } from '../../test/factories.ts'
import { COLLEAGUE_LIST_MAX } from './feedback.service.ts'

type Named = Agent & { name: string; email: string; id: string }

const ANSWER = 'Pat ran the roadmap session with real care for the users'
const NOTE = 'Think about the claims discovery'

describe('peer feedback pages', () => {
  let ctx: TestContext
  let admin: Agent
  let pat: Named
  let mel: Named
  let cole: Named
  let boss: Named
  let leader: Named
  let head: Named
  let requestPath = ''
  let askPath = ''

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    const add = (role: 'member' | 'leader', name: string): Promise<Named> => addPersonWithId(ctx, admin, role, name)
    pat = await add('member', 'Pat Person')
    mel = await add('member', 'Mel Manager')
    cole = await add('member', 'Cole Colleague')
    boss = await add('member', 'Bea Boss')
    leader = await add('leader', 'Lee Leader')
    head = await add('member', 'Hope Head')
    await saveTestProfile(ctx, mel.id, { careerRole: 'senior-product-manager' })
    await saveTestProfile(ctx, boss.id, { careerRole: 'senior-product-manager' })
    await saveTestProfile(ctx, pat.id, { lineManagerId: mel.id })
    await saveTestProfile(ctx, cole.id, { lineManagerId: boss.id })
    await saveTestProfile(ctx, leader.id, { careerRole: 'lead-product-manager' })
    await saveTestProfile(ctx, head.id, { careerRole: 'head-of-product', headOfProfession: true })
  })
  afterAll(() => ctx.close())

  it('shows every problem with a request at once', async () => {
    const token = await pat.token('/feedback/new')
    const res = await pat.post('/feedback/new', { _csrf: token, note: 'x'.repeat(1001) })
    expect(res.statusCode).toBe(400)
    const errors = $(res.body)('.govuk-error-summary__list a')
      .map((_, a) => $(res.body)(a).attr('href'))
      .get()
    expect(errors).toEqual(['#colleagues', '#skills', '#note'])
    expect($(res.body)('#note').text()).toHaveLength(1001)
  })

  it('asks a colleague, who sees it on their home page and answers it', async () => {
    const form = await pat.get('/feedback/new')
    expect(form.statusCode).toBe(200)
    const fields = formFields(form.body, '/feedback/new')
    const sent = await pat.post('/feedback/new', {
      ...fields,
      colleagues: [cole.id],
      skills: ['product-management', 'strategic-ownership'],
      note: NOTE,
    })
    expect(sent.statusCode).toBe(303)
    requestPath = String(sent.headers.location)
    expect(requestPath).toMatch(/^\/feedback\/requests\//)

    const home = await cole.get('/')
    const task = $(home.body)('[data-testid="tasks"] a[href^="/feedback/asks/"]')
    expect(task.text()).toContain('Give Pat Person feedback')
    askPath = String(task.attr('href'))

    const page = await cole.get(askPath)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(NOTE)
    const empty = await cole.post(askPath, formFields(page.body, askPath))
    expect(empty.statusCode).toBe(400)
    const answered = await cole.post(askPath, {
      ...formFields(page.body, askPath),
      'answer-product-management': ANSWER,
    })
    expect(answered.statusCode).toBe(303)
    const after = await cole.get(askPath)
    expect(after.body).not.toContain(ANSWER)
    expect($(after.body)('[data-testid="ask-status"]').text()).toContain('You sent your feedback')
    // Sending again from the old page changes nothing and keeps what was typed on the page.
    const again = await cole.post(askPath, { ...formFields(page.body, askPath), 'answer-product-management': 'Twice' })
    expect(again.statusCode).toBe(409)
    expect(again.body).toContain('You have already sent your feedback')
    expect(again.body).toContain('Twice')
  })

  it('shows the answers to the person and their line manager only', async () => {
    const own = await pat.get(requestPath)
    expect(own.statusCode).toBe(200)
    expect($(own.body)('[data-testid="feedback-answer"]').text()).toContain(ANSWER)
    const managers = await mel.get(requestPath)
    expect(managers.statusCode).toBe(200)
    expect(managers.body).toContain(ANSWER)
    expect((await mel.get(`/people/${pat.id}/feedback`)).body).toContain(ANSWER)
    for (const who of [cole, boss, leader, head, admin]) {
      const res = await who.get(requestPath)
      expect(res.statusCode).toBe(403)
      expect(res.body).not.toContain(ANSWER)
      const list = await who.get(`/people/${pat.id}/feedback`)
      expect(list.statusCode).toBe(403)
    }
    expect(ctx.logs.join('\n')).not.toContain('roadmap session')
    expect(ctx.logs.join('\n')).not.toContain('claims discovery')
  })

  it('offers the answer as evidence on the check-in form, quoted with who gave it', async () => {
    const token = await pat.token(`/people/${pat.id}/check-ins/new`)
    const started = await pat.post(`/people/${pat.id}/check-ins/new`, { _csrf: token })
    const selfPath = String(started.headers.location)
    const form = await pat.get(selfPath)
    const quotes = $(form.body)('[data-skill="product-management"] [data-testid="quotes"] input')
    expect(quotes.length).toBe(1)
    expect($(form.body)('[data-skill="agile-and-lean-practices"] [data-testid="quotes"]').length).toBe(0)
    const saved = await pat.post(selfPath, {
      ...formFields(form.body, selfPath),
      'evidence-product-management': 'I ran the sessions',
      'quote-product-management': String(quotes.attr('value')),
      action: 'save',
    })
    expect(saved.statusCode).toBe(303)
    const again = await pat.get(selfPath)
    const evidence = $(again.body)('#evidence-product-management').text()
    expect(evidence).toContain('I ran the sessions')
    expect(evidence).toContain(`“${ANSWER}” (feedback from Cole Colleague,`)
    // Quoted already: no longer offered.
    expect($(again.body)('[data-skill="product-management"] [data-testid="quotes"]').length).toBe(0)
  })

  it('keeps the evidence when a quote makes it too long, and says so', async () => {
    const selfPath = String((await pat.get(`/people/${pat.id}/check-ins/new`)).headers.location)
    const form = await pat.get(selfPath)
    const askId = askPath.split('/').pop() ?? ''
    const long = 'y'.repeat(1990)
    const res = await pat.post(selfPath, {
      ...formFields(form.body, selfPath),
      'evidence-product-management': long,
      'quote-product-management': askId,
      action: 'save',
    })
    expect(res.statusCode).toBe(400)
    expect($(res.body)('.govuk-error-summary__list a').attr('href')).toBe('#evidence-product-management')
    const kept = $(res.body)('#evidence-product-management').text()
    expect(kept.startsWith(long)).toBe(true)
    expect(kept).toContain('(feedback from Cole Colleague,')
  })

  it('lets the person withdraw a request, and the colleague see it is withdrawn', async () => {
    const form = await pat.get('/feedback/new')
    const sent = await pat.post('/feedback/new', {
      ...formFields(form.body, '/feedback/new'),
      colleagues: [boss.id],
      skills: ['product-management'],
    })
    const path = String(sent.headers.location)
    const page = await pat.get(path)
    const withdrawn = await pat.post(`${path}/withdraw`, formFields(page.body, `${path}/withdraw`))
    expect(withdrawn.statusCode).toBe(303)
    const home = await boss.get('/')
    expect($(home.body)('[data-testid="tasks"] a[href^="/feedback/asks/"]').length).toBe(0)
    expect((await pat.get(path)).body).toContain('Withdrawn')
  })
  it('finds colleagues by name in a large profession, keeping who is chosen and what is typed', async () => {
    // A small profession is listed in full.
    const small = await pat.get('/feedback/new')
    expect($(small.body)('input[name="colleagues"]').length).toBeGreaterThan(3)
    for (let i = 0; i < COLLEAGUE_LIST_MAX; i++)
      await insertUser(ctx.testDb.db.kysely, { name: `Zed Filler ${String(i).padStart(2, '0')}` })
    await insertUser(ctx.testDb.db.kysely, { name: 'Ria Gone', status: 'disabled' })

    // Past the list's size, nobody is listed until a search.
    const form = await pat.get('/feedback/new')
    expect($(form.body)('input[name="colleagues"]').length).toBe(0)
    expect($(form.body)('[data-testid="colleague-hint"]').text()).toContain('Search for each colleague by name')
    const fields = formFields(form.body, '/feedback/new')

    // A search by part of a name offers the matches; the search button keeps the note and skills.
    const found = await pat.post('/feedback/new', {
      ...fields,
      q: 'colleague',
      find: 'yes',
      skills: ['product-management'],
      note: NOTE,
    })
    expect(found.statusCode).toBe(200)
    const page = $(found.body)
    expect(page('[data-testid="colleague-matches"]').text()).toContain('1 colleague matches ‘colleague’')
    expect(
      page('input[name="colleagues"]')
        .map((_i, el) => page(el).val())
        .get(),
    ).toEqual([cole.id])
    expect(page('input[name="skills"][value="product-management"]').is(':checked')).toBe(true)
    expect(page('#note').text()).toBe(NOTE)

    // Chosen, then a second search: the first stays chosen, above the new matches.
    const second = await pat.post('/feedback/new', {
      ...formFields(found.body, '/feedback/new'),
      colleagues: [cole.id],
      q: 'bea',
      find: 'yes',
    })
    const again = $(second.body)
    expect(
      again('input[name="colleagues"]:checked')
        .map((_i, el) => again(el).val())
        .get(),
    ).toEqual([cole.id])
    expect(
      again('input[name="colleagues"]:not(:checked)')
        .map((_i, el) => again(el).val())
        .get(),
    ).toEqual([boss.id])

    // Nobody matches: said plainly. Disabled accounts and the person themselves are never offered.
    for (const q of ['nobody-at-all', 'ria gone', 'pat person']) {
      const none = await pat.post('/feedback/new', { ...fields, q, find: 'yes' })
      expect($(none.body)('[data-testid="colleague-matches"]').text()).toContain('Nobody else matches')
    }
    // Many matches are capped, and the page says so.
    const many = await pat.post('/feedback/new', { ...fields, q: 'zed filler', find: 'yes' })
    expect($(many.body)('input[name="colleagues"]').length).toBe(20)
    expect($(many.body)('[data-testid="colleague-matches"]').text()).toContain('Only the first 20 are shown')

    // Sending with nobody chosen points the error at the search box.
    const empty = await pat.post('/feedback/new', { ...fields, skills: ['product-management'] })
    expect(empty.statusCode).toBe(400)
    expect($(empty.body)('.govuk-error-summary__list a').first().attr('href')).toBe('#colleagues')
    expect($(empty.body)('input#colleagues[name="q"]').length).toBe(1)
  })
})
