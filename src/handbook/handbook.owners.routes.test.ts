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
import { FEEDBACK_RATE_LIMIT } from './routes/owners.routes.ts'

describe('handbook owners, review dates and feedback', () => {
  let ctx: TestContext
  let admin: Agent
  let editor: Agent & { name: string; email: string }
  let owner: Agent & { name: string; email: string }
  let member: Agent & { name: string; email: string }

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    editor = await addPerson(ctx, admin, 'editor', 'Eddie Editor')
    owner = await addPerson(ctx, admin, 'member', 'Olive Owner')
    member = await addPerson(ctx, admin, 'member', 'Mo Member')
  })
  afterAll(() => ctx.close())

  it('names a page’s owner and review date, refusing bad input with every error at once', async () => {
    const form = await editor.get('/handbook/scrum/owner')
    expect(form.statusCode).toBe(200)
    const fields = formFields(form.body, '/handbook/scrum/owner')
    expect(fields.baseVersion).toBe('0')
    const bad = await editor.post('/handbook/scrum/owner', {
      ...fields,
      ownerKind: 'person',
      ownerEmail: 'nobody@example.gov.uk',
      'reviewBy-day': '31',
      'reviewBy-month': '2',
      'reviewBy-year': '2027',
    })
    expect(bad.statusCode).toBe(400)
    const errors = $(bad.body)('.govuk-error-summary li')
      .map((_, li) => $(bad.body)(li).text().trim())
      .get()
    expect(errors).toEqual([
      'Enter the email address of someone with an account on Valuekit',
      'Review-by date must be a real date',
    ])
    expect($(bad.body)('input[name="ownerEmail"]').val()).toBe('nobody@example.gov.uk')

    const saved = await editor.post('/handbook/scrum/owner', {
      ...fields,
      ownerKind: 'person',
      ownerEmail: owner.email.toUpperCase(),
      'reviewBy-day': '1',
      'reviewBy-month': '6',
      'reviewBy-year': '2030',
    })
    expect(saved.statusCode).toBe(303)
    expect(saved.headers.location).toBe('/handbook/scrum')
    // The cached page shows the new owner at once, to signed-in readers.
    const page = $((await member.get('/handbook/scrum')).body)
    expect(page('[data-testid="page-owner"]').text()).toContain('Page owner: Olive Owner.')
    expect(page('[data-testid="page-owner"]').text()).toContain('To be reviewed by 1 June 2030.')

    // A second save from the same form (version 0) is refused, and shows what is there now.
    const stale = await editor.post('/handbook/scrum/owner', { ...fields, ownerKind: 'team', ownerTeam: 'Team X' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('.govuk-warning-text').text()).toContain('The owner is now Olive Owner')
    expect($(stale.body)('input[name="ownerTeam"]').val()).toBe('Team X')
  })

  it('lets the owner, who is no editor, mark their overdue page reviewed from their home page', async () => {
    await ctx.testDb.db.kysely.updateTable('handbook_owners').set({ review_by: '2026-01-01' }).execute()
    const home = $((await owner.get('/')).body)
    const link = home('[data-testid="tasks"] a[href="/handbook/scrum/reviewed"]')
    expect(link.text()).toContain('Review the handbook page')
    expect((await member.get('/handbook/scrum/reviewed')).statusCode).toBe(403)

    const form = await owner.get('/handbook/scrum/reviewed')
    expect(form.statusCode).toBe(200)
    expect($(form.body)('[data-testid="review-due"]').text()).toContain('It is due for review by 1 January 2026.')
    const fields = formFields(form.body, '/handbook/scrum/reviewed')
    const none = await owner.post('/handbook/scrum/reviewed', { ...fields, months: '' })
    expect(none.statusCode).toBe(400)
    expect($(none.body)('.govuk-error-summary a').attr('href')).toBe('#months')

    const done = await owner.post('/handbook/scrum/reviewed', { ...fields, months: '12' })
    expect(done.statusCode).toBe(303)
    expect(done.headers.location).toBe('/handbook/scrum')
    const page = $((await member.get('/handbook/scrum')).body)
    expect(page('[data-testid="page-owner"]').text()).toContain(
      'Page owner: Olive Owner. To be reviewed by 24 November 2027.',
    )
    expect($((await owner.get('/')).body)('[data-testid="tasks"] a[href="/handbook/scrum/reviewed"]').length).toBe(0)

    // The same form sent again is out of date: it says so and changes nothing.
    const stale = await owner.post('/handbook/scrum/reviewed', { ...fields, months: '3' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('.govuk-warning-text').text()).toContain('Olive Owner changed the owner or review date')
    const { events } = await ctx.app.services.audit.list({}, 1)
    expect(events.filter(e => e.action === 'handbook.page-reviewed')).toHaveLength(1)
  })

  it('names a section’s team, which its pages without an owner take, and lists what needs review', async () => {
    const fields = formFields(
      (await editor.get('/handbook/sections/associate-product-manager/owner')).body,
      '/handbook/sections/associate-product-manager/owner',
    )
    const saved = await editor.post('/handbook/sections/associate-product-manager/owner', {
      ...fields,
      ownerKind: 'team',
      ownerTeam: 'Learning team',
    })
    expect(saved.statusCode).toBe(303)
    const page = $((await member.get('/handbook/the-associate-role')).body)
    expect(page('[data-testid="page-owner"]').text()).toContain('Page owner: Learning team (owns the section).')

    const review = $((await editor.get('/handbook/review')).body)
    expect(review('h1').text()).toBe('Owners and reviews')
    const withoutOwner = review('#no-owner').next().text()
    expect(withoutOwner).toContain('Roadmaps')
    expect(withoutOwner).not.toContain('The associate role')
    expect(review('#no-date').next().text()).toContain('The associate role')
    expect((await member.get('/handbook/review')).statusCode).toBe(403)
    expect((await member.get('/handbook/scrum/owner')).statusCode).toBe(403)
  })

  it('asks every reader the same question, takes answers without names, and sends them to the owner', async () => {
    const form = $((await member.get('/handbook/scrum')).body)('form.app-feedback')
    expect(form.attr('method')).toBe('get')
    expect(form.attr('action')).toBe('/handbook/scrum/feedback')
    expect(
      form
        .find('button[name="useful"]')
        .map((_, b) => b.attribs.value)
        .get(),
    ).toEqual(['yes', 'no'])

    const ask = await member.get('/handbook/scrum/feedback?useful=no')
    expect(ask.statusCode).toBe(200)
    expect($(ask.body)('input[name="useful"][value="no"]').attr('checked')).toBeDefined()
    expect($(ask.body)('#comment-hint').text()).toContain('Do not include personal information')

    const tooLong = await member.post('/handbook/scrum/feedback', {
      _csrf: await member.token('/handbook/scrum/feedback'),
      useful: '',
      comment: 'x'.repeat(1201),
    })
    expect(tooLong.statusCode).toBe(400)
    expect($(tooLong.body)('.govuk-error-summary li').length).toBe(2)

    const sent = await member.post('/handbook/scrum/feedback', {
      _csrf: await member.token(),
      useful: 'no',
      comment: 'The sprint review part needs an example.',
    })
    expect(sent.statusCode).toBe(303)
    expect(sent.headers.location).toBe('/handbook/scrum')
    const thanked = $((await member.get('/handbook/scrum')).body)
    expect(thanked('.govuk-notification-banner').text()).toContain('Thank you for your feedback')

    const queue = $((await owner.get('/handbook/feedback')).body)
    expect(queue('h1').text()).toBe('Feedback on pages you own')
    expect(queue('.app-feedback-list__item').text()).toContain('The sprint review part needs an example.')
    expect(queue('.app-feedback-list__item').text()).not.toContain('Mo Member')
    expect($((await member.get('/handbook/feedback')).body)('.app-feedback-list__item').length).toBe(0)

    const doneForm = queue('form[action$="/done"]')
    const done = await owner.post(doneForm.attr('action') ?? '', {
      _csrf: await owner.token(),
      returnTo: '/handbook/feedback',
    })
    expect(done.statusCode).toBe(303)
    expect($((await owner.get('/handbook/feedback')).body)('.app-feedback-list__item').text()).toContain(
      'Dealt with by Olive Owner',
    )
    // Someone who neither owns the page nor edits cannot deal with its answers or see its usefulness.
    expect((await member.post(doneForm.attr('action') ?? '', { _csrf: await member.token() })).statusCode).toBe(403)
    expect((await member.get('/handbook/scrum/usefulness')).statusCode).toBe(403)

    const usefulness = $((await owner.get('/handbook/scrum/usefulness')).body)
    expect(usefulness('[data-testid="usefulness-total"]').text()).toContain(
      '0 said it was useful and 1 said it was not',
    )
    expect(usefulness('tbody th').first().text()).toMatch(/^[A-Z][a-z]+ \d{4}$/)
    expect(usefulness('blockquote').text()).toContain('needs an example')
  })

  it('takes public readers’ answers with a form token, and limits how many one reader sends', async () => {
    const settings = await admin.get('/admin/settings')
    await admin.post('/admin/settings', { ...formFields(settings.body, '/admin/settings'), publicHandbook: 'on' })
    const visitor = new Agent(ctx.app)
    const page = await visitor.get('/handbook/scrum')
    expect(page.statusCode).toBe(200)
    // The page itself gives no session and no token: it is the same for every reader.
    expect($(page.body)('input[name="_csrf"]').length).toBe(0)
    expect($(page.body)('form.app-feedback')).toHaveLength(1)

    const forged = await visitor.post('/handbook/scrum/feedback', { useful: 'yes' })
    expect(forged.statusCode).toBe(403)
    const token = await visitor.token('/handbook/scrum/feedback?useful=yes')
    const statuses: number[] = []
    for (let i = 0; i < FEEDBACK_RATE_LIMIT + 1; i++)
      statuses.push(
        (await visitor.post('/handbook/scrum/feedback', { _csrf: token, useful: 'yes', comment: '' })).statusCode,
      )
    // Answers from this address earlier in the minute count too (the member's, above).
    expect(statuses[0]).toBe(303)
    expect(statuses.filter(s => s === 303).length).toBeLessThanOrEqual(FEEDBACK_RATE_LIMIT)
    expect(statuses.at(-1)).toBe(429)
  })
})
