// The catalogue and strategy documents through their pages: adding and finding things, moving
// phase and stage with a reason, writing and changing documents with history, comparison,
// restore and conflicts, the canvas's fit, and who may change a thing's strategy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type Agent, type TestContext } from '../../test/build-test-app.ts'
import { errorSummary, productWorld, type Named } from '../../test/products.ts'

describe('products pages', () => {
  let ctx: TestContext
  let admin: Agent
  let owner: Named
  let other: Named
  let teammate: Named
  let serviceId: string

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    admin = world.admin
    owner = await world.member('Olu Owner', { careerRole: 'product-manager', businessArea: 'Licensing' })
    other = await world.member('Otto Other', { careerRole: 'product-manager', businessArea: 'Benefits' })
    teammate = await world.member('Tia Teammate', { careerRole: 'associate-product-manager', businessArea: 'Benefits' })
  })
  afterAll(() => ctx.close())

  it('adds a service, with every problem in the form shown at once', async () => {
    const form = await owner.get('/products/new')
    expect(form.statusCode).toBe(200)
    const fields = formFields(form.body, '/products/new')
    const bad = await owner.post('/products/new', { ...fields, kind: 'feature', name: '', purpose: 'x'.repeat(301) })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    expect(summary).toContain('Enter a name')
    expect(summary).toContain('must be 300 characters or fewer')
    expect(summary).toContain('Choose the service this feature is part of')
    expect($(bad.body)('#purpose').val()).toBe('x'.repeat(301))

    const saved = await owner.post('/products/new', {
      ...fields,
      kind: 'service',
      name: 'Apply for a fishing licence',
      purpose: 'Lets anglers get a licence online in minutes',
      ownerId: owner.id,
      area: 'Licensing',
      group: 'Outdoors',
      team: 'Rod and line',
      phase: 'alpha',
      stage: 'introduction',
    })
    expect(saved.statusCode).toBe(303)
    serviceId = String(saved.headers.location).split('/').pop() ?? ''
    const page = await owner.get(`/products/${serviceId}`)
    expect(page.statusCode).toBe(200)
    const $page = $(page.body)
    expect($page('h1').text()).toBe('Apply for a fishing licence')
    expect($page('.app-phase-guidance').text()).toContain('In alpha')
    expect($page('[data-testid="flags"]').text()).toContain('There is no problem statement yet')
    expect($page('[data-testid="part-problem-statement"]').text()).toContain('Nothing here yet')
  })

  it('finds things by name, kind, phase, area and owner', async () => {
    const token = await owner.token()
    await owner.post('/products/new', {
      _csrf: token,
      kind: 'data',
      name: 'Licence holder record',
      purpose: 'Who holds which licence',
      phase: 'live',
      stage: 'maturity',
      area: 'Licensing',
    })
    const byName = await owner.get('/products?q=fishing')
    expect($(byName.body)('[data-testid="catalogue"] li')).toHaveLength(1)
    const byKind = await owner.get('/products?kind=data')
    expect($(byKind.body)('[data-testid="catalogue"]').text()).toContain('Licence holder record')
    expect($(byKind.body)('[data-testid="catalogue"]').text()).not.toContain('fishing')
    const byPhase = await owner.get('/products?phase=alpha&area=Licensing')
    expect($(byPhase.body)('[data-testid="catalogue"] li')).toHaveLength(1)
    const byOwner = await owner.get(`/products?owner=${owner.id}`)
    expect($(byOwner.body)('[data-testid="catalogue"] li')).toHaveLength(1)
    const none = await owner.get('/products?q=%25_nothing')
    expect($(none.body)('[data-testid="no-products"]').text()).toContain('Nothing matches')
  })

  it('moves phase with a date and reason, kept in the history', async () => {
    const path = `/products/${serviceId}/move?axis=phase`
    const form = await owner.get(path)
    const fields = formFields(form.body, path)
    const bad = await owner.post(path, {
      ...fields,
      to: '',
      reason: '',
      'movedOn-day': '',
      'movedOn-month': '',
      'movedOn-year': '',
    })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Choose the phase it has moved to')
    expect(errorSummary(bad.body)).toContain('Enter the date it moved')
    expect(errorSummary(bad.body)).toContain('Enter why it moved')
    const ok = await owner.post(path, { ...fields, to: 'beta', reason: 'Passed the alpha assessment' })
    expect(ok.statusCode).toBe(303)
    const page = await owner.get(`/products/${serviceId}`)
    expect($(page.body)('[data-testid="lifecycle-history"]').text()).toContain('Alpha to Beta')
    expect($(page.body)('[data-testid="lifecycle-history"]').text()).toContain('Passed the alpha assessment')
    // The form opened before the move is now stale.
    const stale = await owner.post(path, { ...fields, to: 'live', reason: 'Went live' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('#reason').val()).toBe('Went live')
  })

  it('writes a problem statement, changes it, compares and restores versions', async () => {
    const edit = `/products/${serviceId}/problem-statement/edit`
    const form = await owner.get(edit)
    const fields = formFields(form.body, edit)
    const empty = await owner.post(edit, { ...fields, problem: '' })
    expect(empty.statusCode).toBe(400)
    expect(errorSummary(empty.body)).toContain('Enter what is the problem')
    const first = await owner.post(edit, {
      ...fields,
      problem: 'Anglers cannot tell which licence they need',
      who: 'Anglers',
    })
    expect(first.statusCode).toBe(303)
    const again = await owner.get(edit)
    const second = await owner.post(edit, {
      ...formFields(again.body, edit),
      problem: 'Anglers buy the wrong licence and get fined',
      note: 'After research round 2',
    })
    expect(second.statusCode).toBe(303)

    const history = await owner.get(`/products/${serviceId}/problem-statement/history`)
    expect($(history.body)('table').text()).toContain('After research round 2')
    const compare = await owner.get(`/products/${serviceId}/problem-statement/compare?from=1&to=2`)
    expect($(compare.body)('.app-diff__line--removed').text()).toContain('cannot tell which licence')
    expect($(compare.body)('.app-diff__line--added').text()).toContain('get fined')

    const restore = await owner.post(`/products/${serviceId}/problem-statement/history/1/restore`, {
      _csrf: await owner.token(),
      version: '2',
    })
    expect(restore.statusCode).toBe(303)
    const shown = await owner.get(`/products/${serviceId}/problem-statement`)
    expect($(shown.body)('[data-testid="document"]').text()).toContain('cannot tell which licence')
    expect($(shown.body)('[data-testid="document-version"]').text()).toContain('Version 3')
    const strategy = await owner.get(`/products/${serviceId}`)
    expect($(strategy.body)('[data-testid="flags"]').text()).not.toContain('problem statement')
  })

  it('keeps what was typed when someone else saved first, and shows both', async () => {
    const edit = `/products/${serviceId}/problem-statement/edit`
    const mine = formFields((await owner.get(edit)).body, edit)
    const theirs = formFields((await admin.get(edit)).body, edit)
    expect((await admin.post(edit, { ...theirs, evidence: 'Call centre logs' })).statusCode).toBe(303)
    const clash = await owner.post(edit, { ...mine, impact: 'Fines and complaints' })
    expect(clash.statusCode).toBe(409)
    expect($(clash.body)('[data-testid="conflict"]').text()).toContain('Someone else saved')
    expect($(clash.body)('#impact').val()).toBe('Fines and complaints')
    const retry = await owner.post(edit, formFields(clash.body, edit))
    expect(retry.statusCode).toBe(303)
  })

  it('shows the value proposition canvas’s fit and what is left unanswered', async () => {
    const edit = `/products/${serviceId}/value-proposition-canvas/edit`
    const fields = formFields((await owner.get(edit)).body, edit)
    const first = await owner.post(edit, {
      ...fields,
      'jobs-0-text': 'Go fishing legally',
      'pains-0-text': 'Not knowing which licence',
      'pains-1-text': 'Queues at the post office',
      'gains-0-text': 'Fishing the same day',
      'products-0-text': 'Online licence',
      'relievers-0-text': 'A three-question checker',
      'creators-0-text': 'Licence by email at once',
    })
    expect(first.statusCode).toBe(303)
    // Link the reliever to the first pain, now that the pains have ids.
    const form = await owner.get(edit)
    const $form = $(form.body)
    const painId = $form('input[name="pains-0-id"]').val()
    const gainId = $form('input[name="gains-0-id"]').val()
    const linked = await owner.post(edit, {
      ...formFields(form.body, edit),
      'relievers-0-answers': String(painId),
      'creators-0-answers': String(gainId),
    })
    expect(linked.statusCode).toBe(303)
    const shown = await owner.get(`/products/${serviceId}/value-proposition-canvas`)
    expect($(shown.body)('[data-testid="fit-summary"]').text()).toContain('Pains answered: 1 of 2')
    expect($(shown.body)('[data-testid="fit-summary"]').text()).toContain('Gains answered: 1 of 1')
    expect($(shown.body)('table').first().text()).toContain('Not answered')
    const strategy = await owner.get(`/products/${serviceId}`)
    expect($(strategy.body)('[data-testid="part-value-proposition-canvas"]').text()).toContain(
      'No pain reliever answers: Queues at the post office',
    )
  })

  it('lets only the people responsible change a strategy, and the core team joins them', async () => {
    const edit = `/products/${serviceId}/vision-board/edit`
    expect((await other.get(edit)).statusCode).toBe(403)
    expect((await other.get(`/products/${serviceId}`)).statusCode).toBe(200)
    const onion = `/products/${serviceId}/team-onion/edit`
    const fields = formFields((await owner.get(onion)).body, onion)
    const bad = await owner.post(onion, { ...fields, 'core-0-person': '00000000-0000-4000-8000-000000000000' })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Choose someone from the list')
    const saved = await owner.post(onion, {
      ...fields,
      'core-0-person': other.id,
      'core-0-role': 'Delivery manager',
      'supporters-0-name': 'Fisheries policy team',
    })
    expect(saved.statusCode).toBe(303)
    expect((await other.get(edit)).statusCode).toBe(200)
    expect((await teammate.get(edit)).statusCode).toBe(403)
  })

  it('exports the strategy as Markdown', async () => {
    const res = await other.get(`/products/${serviceId}/strategy.md`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/markdown')
    expect(res.body).toContain('# Apply for a fishing licence')
    expect(res.body).toContain('## Problem statement')
    expect(res.body).toContain('Otto Other: Delivery manager')
  })
})
