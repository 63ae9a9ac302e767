// Working in the open through its pages: publish a thing with one part held back (a reason asked
// for, every problem at once), read it signed out, see the redaction record, publish again, catch
// a publish someone else overtook, take feedback from the public for moderation, take it down;
// and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, Agent, formFields, type TestContext } from '../../test/build-test-app.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import { addThing, errorSummary, productWorld, type Named } from '../../test/products.ts'

describe('working in the open', () => {
  let ctx: TestContext
  let owner: Named
  let other: Named
  let path: string
  let anonymous: Agent

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    owner = await world.member('Pat Publisher', { careerRole: 'product-manager', businessArea: 'Rivers' })
    other = await world.member('Rob Reader', { careerRole: 'product-manager', businessArea: 'Benefits' })
    anonymous = new Agent(ctx.app)
    const thing = await addThing(owner, { name: 'Report a polluted river', purpose: 'Tells us about pollution fast' })
    path = thing.path
    const problem = await owner.get(`${path}/problem-statement/edit`)
    await owner.post(`${path}/problem-statement/edit`, {
      ...formFields(problem.body, `${path}/problem-statement/edit`),
      problem: 'Reports reach us days late, by post.',
      who: 'People who walk by rivers',
      evidence: 'Supplier quote from Acme Ltd: £40,000',
    })
  })
  afterAll(() => ctx.close())

  it('asks for a reason for each part held back, and keeps the choices', async () => {
    const form = await owner.get(`${path}/publish`)
    expect(form.statusCode).toBe(200)
    expect($(form.body)('[data-testid="publication-status"]').text()).toContain('It has not been published')
    const rows = $(form.body)('[data-testid="publish-row"]')
    expect(rows.length).toBe(3)
    const fields = formFields(form.body, `${path}/publish`)
    const bad = await owner.post(`${path}/publish`, { ...fields, 'hold-2': 'doc:problem-statement:3', 'reason-2': '' })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Say why ‘Problem statement: How do you know?’ is held back')
    expect($(bad.body)('#hold-2').is(':checked')).toBe(true)
    const none = await owner.post(`${path}/publish`, {
      ...fields,
      'hold-0': 'doc:problem-statement:0',
      'reason-0': 'Not ready',
      'hold-1': 'doc:problem-statement:1',
      'reason-1': 'Not ready',
      'hold-2': 'doc:problem-statement:3',
      'reason-2': 'Not ready',
    })
    expect(errorSummary(none.body)).toContain('Choose at least one part to publish')
  })

  it('publishes a snapshot that anyone can read, without what was held back', async () => {
    const form = await owner.get(`${path}/publish`)
    const fields = formFields(form.body, `${path}/publish`)
    const label = $(form.body)('[data-testid="publish-row"] h3').eq(2).text()
    expect(label).toBe('Problem statement: How do you know?')
    const saved = await owner.post(`${path}/publish`, {
      ...fields,
      'hold-2': 'doc:problem-statement:3',
      'reason-2': 'Names a supplier in negotiation',
    })
    expect(saved.statusCode).toBe(303)
    const status = await owner.get(`${path}/publish`)
    expect($(status.body)('[data-testid="publication-status"] a').attr('href')).toBe('/open/report-a-polluted-river')

    const page = await anonymous.get('/open/report-a-polluted-river')
    expect(page.statusCode).toBe(200)
    const text = $(page.body)('main').text()
    expect(text).toContain('Reports reach us days late, by post.')
    expect(text).not.toContain('Acme')
    expect(text).toContain('Some parts are not shown')
    expect($(page.body)('main').text()).not.toContain('Names a supplier')
    const list = await anonymous.get('/open')
    expect($(list.body)('[data-testid="published"]').text()).toContain('Report a polluted river')

    // A change to the strategy does not reach the public page until it is published again.
    const problem = await owner.get(`${path}/problem-statement/edit`)
    await owner.post(`${path}/problem-statement/edit`, {
      ...formFields(problem.body, `${path}/problem-statement/edit`),
      problem: 'Reports reach us a week late.',
    })
    expect($((await anonymous.get('/open/report-a-polluted-river')).body)('main').text()).toContain('days late')

    const history = await other.get(`${path}/publish/history`)
    expect($(history.body)('[data-testid="published-version"]').text()).toContain('Names a supplier in negotiation')
  })

  it('holds back again what was held back last time, unless someone unticks it', async () => {
    const form = await owner.get(`${path}/publish`)
    const row = $(form.body)('[data-testid="publish-row"]').eq(2)
    expect(row.find('input[type="checkbox"]').is(':checked')).toBe(true)
    expect(row.find('input[type="text"]').val()).toBe('Names a supplier in negotiation')
    // Published again as the form came: the part stays off the public page.
    const again = await owner.post(`${path}/publish`, formFields(form.body, `${path}/publish`))
    expect(again.statusCode).toBe(303)
    const page = await anonymous.get('/open/report-a-polluted-river')
    expect($(page.body)('main').text()).toContain('a week late')
    expect($(page.body)('main').text()).not.toContain('Acme')
  })

  it('publishes nothing from a form drawn before the strategy changed, keeping each choice with its part', async () => {
    const form = await owner.get(`${path}/publish`)
    const fields = formFields(form.body, `${path}/publish`)
    // While the form is open, someone rewrites the problem the form showed.
    const problem = await owner.get(`${path}/problem-statement/edit`)
    await owner.post(`${path}/problem-statement/edit`, {
      ...formFields(problem.body, `${path}/problem-statement/edit`),
      problem: 'Reports reach us a fortnight late.',
    })
    const late = await owner.post(`${path}/publish`, fields)
    expect(late.statusCode).toBe(409)
    expect($(late.body)('[data-testid="changed"]').text()).toContain('The strategy changed while you were choosing')
    const held = $(late.body)('[data-testid="publish-row"]').filter((_, r) =>
      $(late.body)(r).find('input[type="checkbox"]').is(':checked'),
    )
    expect(held.find('h3').text()).toBe('Problem statement: How do you know?')
    expect($((await anonymous.get('/open/report-a-polluted-river')).body)('main').text()).toContain('a week late')
    const back = await owner.get(`${path}/problem-statement/edit`)
    await owner.post(`${path}/problem-statement/edit`, {
      ...formFields(back.body, `${path}/problem-statement/edit`),
      problem: 'Reports reach us a week late.',
    })
  })

  it('takes feedback from the public, held for the team to moderate', async () => {
    const form = await anonymous.get('/open/report-a-polluted-river/feedback')
    expect(form.statusCode).toBe(200)
    // It says what happens to what is written, asks for nothing personal, and links to the privacy notice.
    const happens = $(form.body)('[data-testid="what-happens"]').text()
    expect(happens).toContain('It is never shown on this public page')
    expect(happens).toContain('they delete it')
    expect($(form.body)('[data-testid="what-happens"] a').attr('href')).toBe('/privacy#feedback-from-the-public')
    expect($(form.body)('main input[type="email"], main input[name*="name"]').length).toBe(0)
    const privacy = await anonymous.get('/privacy')
    expect($(privacy.body)('#feedback-from-the-public').text()).toBe('If you leave feedback on a public page')
    const fields = formFields(form.body, '/open/report-a-polluted-river/feedback')
    const empty = await anonymous.post('/open/report-a-polluted-river/feedback', { ...fields, text: '' })
    expect(empty.statusCode).toBe(400)
    expect(errorSummary(empty.body)).toContain('Enter your feedback')
    const long = 'x'.repeat(2001)
    const tooLong = await anonymous.post('/open/report-a-polluted-river/feedback', { ...fields, text: long })
    expect($(tooLong.body)('#text').val()).toBe(long)
    const sent = await anonymous.post('/open/report-a-polluted-river/feedback', {
      ...fields,
      text: 'The form asks for a grid reference I do not know.',
    })
    expect(sent.statusCode).toBe(303)
    // Nobody else sees it until the team approves it.
    expect((await other.get('/insight?origin=public')).body).not.toContain('grid reference')
    const queue = await owner.get('/insight/moderation')
    expect($(queue.body)('[data-testid="held"]').text()).toContain('grid reference')
  })

  it('catches a publish that another overtook, then takes the page down', async () => {
    const form = await owner.get(`${path}/publish`)
    const fields = formFields(form.body, `${path}/publish`)
    expect((await owner.post(`${path}/publish`, fields)).statusCode).toBe(303)
    const late = await owner.post(`${path}/publish`, fields)
    expect(late.statusCode).toBe(409)
    expect($(late.body)('[data-testid="conflict"]').text()).toContain('Someone published while you were choosing')
    expect($((await anonymous.get('/open/report-a-polluted-river')).body)('main').text()).toContain('a week late')

    const now = await owner.get(`${path}/publish`)
    const withdraw = formFields(now.body, `${path}/publish/withdraw`)
    expect((await owner.post(`${path}/publish/withdraw`, withdraw)).statusCode).toBe(303)
    expect((await anonymous.get('/open/report-a-polluted-river')).statusCode).toBe(404)
    expect($((await anonymous.get('/open')).body)('[data-testid="none-published"]').length).toBe(1)
  })

  it('lets only the people who change the strategy publish', async () => {
    const form = await other.get(`${path}/publish`)
    expect(form.statusCode).toBe(200)
    expect($(form.body)('form[action$="/publish"]').length).toBe(0)
    expect(
      (await other.post(`${path}/publish`, formFields((await owner.get(`${path}/publish`)).body, `${path}/publish`)))
        .statusCode,
    ).toBe(403)
    expect((await anonymous.get(`${path}/publish`)).statusCode).toBe(303)
  })

  it('asks which problem on the published roadmap feedback is about, offering only those shown', async () => {
    const { roadmap, products } = ctx.app.services
    const thing = await addThing(owner, { name: 'Book a river survey', purpose: 'Anglers book surveys online' })
    const product = await products.get(thing.id)
    const shown = await roadmap.add(SYSTEM_ACTOR, product, {
      column: 'now',
      problem: 'Slots fill in minutes',
      outcome: '',
      metricId: null,
    })
    const held = await roadmap.add(SYSTEM_ACTOR, product, {
      column: 'next',
      problem: 'Move off Acme',
      outcome: '',
      metricId: null,
    })
    const publish = await owner.get(`${thing.path}/publish`)
    const publishDoc = $(publish.body)
    const rows = publishDoc('[data-testid="publish-row"] h3')
      .map((_, h) => publishDoc(h).text())
      .get()
    const n = rows.indexOf('Roadmap, next: Move off Acme')
    expect(n).toBeGreaterThanOrEqual(0)
    const published = await owner.post(`${thing.path}/publish`, {
      ...formFields(publish.body, `${thing.path}/publish`),
      [`hold-${n}`]: `roadmap:${held.id}`,
      [`reason-${n}`]: 'Names a supplier',
    })
    expect(published.statusCode).toBe(303)

    const url = '/open/book-a-river-survey/feedback'
    const form = await anonymous.get(url)
    const formDoc = $(form.body)
    expect(
      formDoc('input[name="about"]')
        .map((_, r) => formDoc(r).attr('value'))
        .get(),
    ).toEqual([shown.id, 'whole-roadmap', 'something-else'])
    expect($(form.body)('fieldset').text()).toContain('Now: Slots fill in minutes')
    expect(form.body).not.toContain('Acme')
    const fields = formFields(form.body, url)

    const none = await anonymous.post(url, { ...fields, text: '' })
    expect(none.statusCode).toBe(400)
    const noneDoc = $(none.body)
    expect(
      noneDoc('.govuk-error-summary a')
        .map((_, a) => noneDoc(a).attr('href'))
        .get(),
    ).toEqual(['#about', '#text'])

    const forged = await anonymous.post(url, { ...fields, about: held.id, text: 'Acme is slow' })
    expect(forged.statusCode).toBe(400)
    expect(errorSummary(forged.body)).toContain('Choose one of the problems listed')
    expect($(forged.body)('#text').val()).toBe('Acme is slow')

    const sent = await anonymous.post(url, { ...fields, about: shown.id, text: 'The 9am slots go at 9:01' })
    expect(sent.statusCode).toBe(303)
    const queue = $((await owner.get('/insight/moderation')).body)
    const entry = queue('[data-testid="held"] > li').filter((_, li) => queue(li).text().includes('9am slots'))
    expect(entry.find('h2').text()).toContain('Book a river survey: Slots fill in minutes')
    expect(queue('[data-testid="held"]').text()).not.toContain('Acme is slow')
  })
})
