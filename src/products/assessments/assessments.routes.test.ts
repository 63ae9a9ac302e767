// Service assessments and name guidance through their pages: a service named with a noun gets
// advice and suggestions (never a block); starting an assessment; the checklist with every
// problem shown at once, evidence from the strategy, conflicts, progress, the next assessment
// due, the strategy page's part and the Markdown export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type Agent, type TestContext } from '../../../test/build-test-app.ts'
import { addThing, errorSummary, productWorld, type Named } from '../../../test/products.ts'

describe('service assessments and names', () => {
  let ctx: TestContext
  let admin: Agent
  let owner: Named
  let other: Named
  let serviceId: string
  let assessmentPath: string

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    admin = world.admin
    owner = await world.member('Ola Owner', { careerRole: 'product-manager', businessArea: 'Passports' })
    other = await world.member('Oren Other', { careerRole: 'product-manager', businessArea: 'Benefits' })
  })
  afterAll(() => ctx.close())

  it('saves a service named with a noun, with advice and two names that start with a verb', async () => {
    const form = await owner.get('/products/new')
    const saved = await owner.post('/products/new', {
      ...formFields(form.body, '/products/new'),
      kind: 'service',
      name: 'Passport renewal',
      purpose: 'Lets people renew a passport online',
      ownerId: owner.id,
      area: 'Passports',
      phase: 'alpha',
      stage: 'introduction',
    })
    expect(saved.statusCode).toBe(303)
    serviceId = String(saved.headers.location).split('/').pop() ?? ''
    const page = await owner.get(`/products/${serviceId}`)
    const $page = $(page.body)
    // After saving: a notification; on the page: the flag and the guidance it links to.
    expect($page('.govuk-notification-banner').text()).toContain('The name starts with a noun')
    expect($page('.govuk-notification-banner').text()).toContain('Renew your passport')
    expect($page('[data-testid="flags"] a[href="#name-guidance"]').text()).toBe('The name starts with a noun')
    expect($page('#name-guidance').length).toBe(1)
    expect($page('[data-testid="name-guidance"]').text()).toContain('Renew your passport')
    expect($page('[data-testid="name-guidance"]').text()).toContain('Apply to renew your passport')
    // Renamed with a verb, the advice goes.
    const edit = `/products/${serviceId}/edit`
    const renamed = await owner.post(edit, {
      ...formFields((await owner.get(edit)).body, edit),
      name: 'Renew a passport',
    })
    expect(renamed.statusCode).toBe(303)
    const after = $((await owner.get(`/products/${serviceId}`)).body)
    expect(after('[data-testid="name-guidance"]').length).toBe(0)
    expect(after('.govuk-notification-banner').text()).not.toContain('starts with a noun')
  })

  it('shows the next assessment due and starts one, every problem shown at once', async () => {
    const list = await other.get(`/products/${serviceId}/assessments`)
    expect(list.statusCode).toBe(200)
    expect($(list.body)('[data-testid="next-assessment"]').text()).toContain('end of alpha assessment')
    expect($(list.body)('[data-testid="no-assessments"]').length).toBe(1)
    expect((await other.get(`/products/${serviceId}/assessments/new`)).statusCode).toBe(403)

    const path = `/products/${serviceId}/assessments/new`
    const form = await owner.get(path)
    expect($(form.body)('input[name="stage"][value="end-of-alpha"]').attr('checked')).toBeDefined()
    const bad = await owner.post(path, {
      _csrf: await owner.token(),
      'assessOn-day': '31',
      'assessOn-month': '2',
      'assessOn-year': '2027',
    })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Choose which assessment it is')
    expect(errorSummary(bad.body)).toContain('must be a real date')
    expect($(bad.body)('#assessOn').find('input[name="assessOn-day"]').val()).toBe('31')

    const ok = await owner.post(path, {
      _csrf: await owner.token(),
      stage: 'end-of-alpha',
      'assessOn-day': '12',
      'assessOn-month': '3',
      'assessOn-year': '2027',
    })
    expect(ok.statusCode).toBe(303)
    assessmentPath = String(ok.headers.location)
    const shown = await owner.get(assessmentPath)
    expect($(shown.body)('h1').text()).toBe('End of alpha, 12 March 2027')
    expect($(shown.body)('[data-testid="progress"]').text()).toBe('0 of 14 points met')
    expect($(shown.body)('[data-testid="points"] > li')).toHaveLength(14)
  })

  it('saves the checklist with evidence from the strategy, refusing every problem at once', async () => {
    // Evidence is offered once a part of the strategy exists.
    const ps = `/products/${serviceId}/problem-statement/edit`
    await owner.post(ps, { ...formFields((await owner.get(ps)).body, ps), problem: 'Renewing takes weeks' })
    const edit = `${assessmentPath}/edit`
    const form = await owner.get(edit)
    expect(form.statusCode).toBe(200)
    const fields = formFields(form.body, edit)
    expect($(form.body)('input[name="point-1-evidence"][value="problem-statement"]').length).toBe(1)
    expect($(form.body)('input[name="point-1-evidence"][value="vision-board"]').length).toBe(0)

    const bad = await owner.post(edit, {
      ...fields,
      'point-2-notes': 'x'.repeat(2001),
      'point-3-evidence': 'vision-board',
      'point-4-status': 'nearly',
      'assessOn-month': '13',
    })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    expect(summary).toContain('must be a real date')
    expect(summary).toContain('Notes on point 2 must be 2,000 characters or fewer')
    expect(summary).toContain('Choose how far point 4 is met')
    expect($(bad.body)('#point-2-notes').text()).toBe('x'.repeat(2001))

    // Evidence that does not exist is refused by the service, with the rest of the form kept.
    const unknown = await owner.post(edit, { ...fields, 'point-3-evidence': 'vision-board', 'point-1-notes': 'Kept' })
    expect(unknown.statusCode).toBe(400)
    expect(errorSummary(unknown.body)).toContain('Choose evidence for point 3 from the list')
    expect($(unknown.body)('#point-1-notes').text()).toBe('Kept')

    const saved = await owner.post(edit, {
      ...fields,
      'point-1-status': 'met',
      'point-1-notes': 'Twelve interviews with people renewing',
      'point-1-evidence': 'problem-statement',
      'point-2-status': 'partly-met',
    })
    expect(saved.statusCode).toBe(303)
    const shown = $((await other.get(assessmentPath)).body)
    expect(shown('[data-testid="progress"]').text()).toBe('1 of 14 points met')
    expect(shown('[data-testid="point-1"]').text()).toContain('Met')
    expect(shown('[data-testid="point-1"]').text()).toContain('Twelve interviews')
    expect(shown('[data-testid="point-1"] a').attr('href')).toBe(`/products/${serviceId}/problem-statement`)
    expect(shown('[data-testid="point-2"]').text()).toContain('Partly met')
  })

  it('keeps what was typed when someone else saved the checklist first', async () => {
    const edit = `${assessmentPath}/edit`
    const mine = formFields((await owner.get(edit)).body, edit)
    const theirs = formFields((await admin.get(edit)).body, edit)
    expect(
      (await admin.post(edit, { ...theirs, 'point-5-status': 'not-met', 'point-5-notes': 'No audit yet' })).statusCode,
    ).toBe(303)
    const clash = await owner.post(edit, { ...mine, 'point-6-status': 'met', 'point-6-notes': 'Full team' })
    expect(clash.statusCode).toBe(409)
    const $clash = $(clash.body)
    expect($clash('[data-testid="conflict"]').text()).toContain('Someone else saved this checklist')
    expect($clash('[data-testid="conflict"]').text()).toContain('Make sure everyone can use the service')
    expect($clash('#point-6-notes').text()).toBe('Full team')
    const retry = await owner.post(edit, formFields(clash.body, edit))
    expect(retry.statusCode).toBe(303)
    const shown = $((await owner.get(assessmentPath)).body)
    expect(shown('[data-testid="progress"]').text()).toBe('2 of 14 points met')
  })

  it('shows the assessments on the strategy page and in the Markdown export', async () => {
    const page = $((await other.get(`/products/${serviceId}`)).body)
    const part = page('[data-testid="part-assessments"]').text()
    expect(part).toContain('End of alpha, 12 March 2027: 2 of 14 points met')
    expect(part).toContain('The next assessment due is the end of alpha assessment')
    const md = await other.get(`/products/${serviceId}/strategy.md`)
    expect(md.body).toContain('## Service assessments')
    expect(md.body).toContain('1. **Understand users and their needs:** Met')
    expect(md.body).toContain('Twelve interviews with people renewing')
    expect(md.body).toContain('Evidence: Problem statement')
  })

  it('answers 404 for an assessment of another thing', async () => {
    const { id: otherId } = await addThing(admin, { name: 'Register a boat', purpose: 'Boat owners register once' })
    const id = assessmentPath.split('/').pop() ?? ''
    expect((await admin.get(`/products/${otherId}/assessments/${id}`)).statusCode).toBe(404)
    const list = await admin.get(`/products/${otherId}/assessments`)
    expect($(list.body)('[data-testid="next-assessment"]').text()).toContain('before public beta')
  })
})
