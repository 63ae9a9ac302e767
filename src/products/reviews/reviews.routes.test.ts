// Strategy reviews through their pages: who came (the team, anyone else in Valuekit, others by
// name), what was reviewed, every problem at once, 409 on a stale change, linking decisions with
// what they changed, recording a decision from the review, and the strategy page's flag.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, signIn, type TestContext } from '../../../test/build-test-app.ts'
import { addThing, errorSummary, productWorld, type Named } from '../../../test/products.ts'

const DAY = 86_400_000

describe('strategy review pages', () => {
  let ctx: TestContext
  let owner: Named
  let guest: Named
  let productPath: string
  let reviewPath: string
  let decisionPath: string

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    owner = await world.member('Olu Owner', { careerRole: 'product-manager', businessArea: 'Licensing' })
    guest = await world.member('Gita Guest')
    const thing = await addThing(owner, {
      name: 'Report a pollution incident',
      purpose: 'Lets people report pollution quickly',
    })
    productPath = thing.path
    const path = `${productPath}/decisions/new`
    const decided = await owner.post(path, {
      ...formFields((await owner.get(path)).body, path),
      title: 'Drop the paper form',
      proposal: 'Stop printing the paper form',
      assumptions: 'Almost nobody uses it',
      confidence: 'high',
      expectedValue: 'Lower costs',
      outcome: 'yes',
      reasoning: 'Five uses a year',
    })
    decisionPath = String(decided.headers.location)
  })
  afterAll(() => ctx.close())

  it('flags a strategy that has never been reviewed', async () => {
    const page = $((await guest.get(productPath)).body)
    expect(page('[data-testid="flags"]').text()).toContain('No strategy review has been held yet')
  })

  it('records a review, listing every problem at once', async () => {
    const path = `${productPath}/reviews/new`
    const form = await owner.get(path)
    const $form = $(form.body)
    expect(
      $form('input[name="attendees"]')
        .map((_, el) => $form(el).attr('value'))
        .get(),
    ).toEqual([owner.id])
    expect($form('select[name="attendee-0"] option').text()).toContain('Gita Guest')
    const fields = formFields(form.body, path)
    const bad = await owner.post(path, { ...fields, 'heldOn-day': '', 'heldOn-month': '', 'heldOn-year': '' })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    expect(summary).toContain('Enter the date of the review')
    expect(summary).toContain('Say who came')
    expect(summary).toContain('Choose at least one part of the strategy you reviewed')
    const stranger = await owner.post(path, {
      ...fields,
      'attendee-0': '00000000-0000-4000-8000-000000000000',
      parts: 'roadmap',
    })
    expect(stranger.statusCode).toBe(400)
    expect(errorSummary(stranger.body)).toContain('Choose people from the list')
    const ok = await owner.post(path, {
      ...fields,
      attendees: owner.id,
      'attendee-0': guest.id,
      others: 'Sam Patel, policy lead',
      parts: ['problem-statement', 'roadmap', 'decisions'],
      notes: 'Calls are down since the new guidance',
    })
    expect(ok.statusCode).toBe(303)
    reviewPath = String(ok.headers.location)
    const page = $((await guest.get(reviewPath)).body)
    const details = page('[data-testid="review-details"]').text()
    expect(details).toContain('Olu Owner')
    expect(details).toContain('Gita Guest')
    expect(details).toContain('Sam Patel, policy lead')
    expect(details).toContain('Roadmap')
    expect((await guest.get(`${reviewPath}/edit`)).statusCode).toBe(403)
  })

  it('links a decision with what it changed, and records a new one from the review', async () => {
    const link = `${reviewPath}/link`
    const fields = formFields((await owner.get(link)).body, link)
    const bad = await owner.post(link, fields)
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Choose the decision taken at the review')
    expect(errorSummary(bad.body)).toContain('Enter what the decision changed')
    const decisionId = decisionPath.split('/').pop() ?? ''
    const ok = await owner.post(link, { ...fields, decisionId, changed: 'Removed the paper form from the roadmap' })
    expect(ok.statusCode).toBe(303)
    const twice = await owner.post(link, { ...fields, decisionId, changed: 'Again' })
    expect(twice.statusCode).toBe(400)

    const record = `${reviewPath}/decisions/new`
    const form = formFields((await owner.get(record)).body, record)
    const missing = await owner.post(record, { ...form, title: 'Add Welsh' })
    expect(missing.statusCode).toBe(400)
    expect(errorSummary(missing.body)).toContain('Enter what the decision changed')
    expect(errorSummary(missing.body)).toContain('Enter what is proposed')
    const made = await owner.post(record, {
      ...form,
      title: 'Add Welsh',
      proposal: 'Offer the service in Welsh',
      assumptions: 'Welsh speakers would use it',
      confidence: 'medium',
      expectedValue: 'Meets the Welsh language standards',
      outcome: 'not-yet',
      reasoning: 'Waiting for translation costs',
      changed: 'Added a discovery item to the roadmap',
    })
    expect(made.statusCode).toBe(303)
    expect(made.headers.location).toBe(reviewPath)
    const page = $((await guest.get(reviewPath)).body)
    const decisions = page('[data-testid="review-decisions"]').text()
    expect(decisions).toContain('Drop the paper form')
    expect(decisions).toContain('Removed the paper form from the roadmap')
    expect(decisions).toContain('Add Welsh')
    expect(decisions).toContain('Added a discovery item to the roadmap')
    const decision = $((await guest.get(decisionPath)).body)
    expect(decision('[data-testid="taken-at"]').text()).toContain('Removed the paper form from the roadmap')

    const unlink = `${reviewPath}/decisions/${decisionId}/unlink`
    expect((await guest.post(unlink, { _csrf: await guest.token() })).statusCode).toBe(403)
    expect((await owner.post(unlink, { _csrf: await owner.token() })).statusCode).toBe(303)
    expect($((await guest.get(reviewPath)).body)('[data-testid="review-decisions"]').text()).not.toContain(
      'Drop the paper form',
    )
  })

  it('answers 409 on a stale change, and flags the strategy after 90 days without a review', async () => {
    const edit = `${reviewPath}/edit`
    const form = await owner.get(edit)
    const fields = formFields(form.body, edit)
    expect(fields['attendee-0']).toBe(guest.id)
    expect((await owner.post(edit, { ...fields, notes: 'First change' })).statusCode).toBe(303)
    const stale = await owner.post(edit, { ...fields, notes: 'Second change' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('[data-testid="conflict"]').text()).toContain('Someone else changed this review')
    expect($(stale.body)('#notes').text()).toBe('Second change')

    const strategy = () => guest.get(productPath).then(r => $(r.body))
    expect((await strategy())('[data-testid="flags"]').text()).not.toContain('strategy review')
    expect((await strategy())('[data-testid="part-reviews"]').text()).toContain('Last review: 24 November 2026')
    ctx.clock.advance(91 * DAY)
    // Sessions run out long before 91 days: sign in again.
    const later = await signIn(ctx, guest.email)
    const flags = $((await later.get(productPath)).body)('[data-testid="flags"]').text()
    expect(flags).toContain('No strategy review for 90 days: the last was on 24 November 2026')
    const md = (await later.get(`${productPath}/strategy.md`)).body
    expect(md).toContain('### 24 November 2026')
    expect(md).toContain('Sam Patel, policy lead')
  })
})
