// Decisions through their pages: every problem at once, a reasoned no, revisiting it as a new
// decision that both pages link, 409 on a stale change, and the strategy page's summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type TestContext } from '../../../test/build-test-app.ts'
import { addThing, errorSummary, productWorld, type Named } from '../../../test/products.ts'

describe('decision pages', () => {
  let ctx: TestContext
  let owner: Named
  let other: Named
  let productPath: string
  let noPath: string

  const decision = {
    title: 'Add a chatbot',
    proposal: 'A chatbot on the contact page',
    assumptions: 'People would rather type than call',
    confidence: 'low',
    expectedValue: 'Fewer calls to the helpline',
    outcome: 'no',
    reasoning: 'Research shows callers need a person for complex cases',
    'decidedOn-day': '20',
    'decidedOn-month': '11',
    'decidedOn-year': '2026',
  }

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    owner = await world.member('Olu Owner', { careerRole: 'product-manager', businessArea: 'Licensing' })
    other = await world.member('Otto Other')
    const { path } = await addThing(owner, {
      name: 'Get help with a licence',
      purpose: 'Answers anglers’ questions',
      phase: 'live',
      stage: 'maturity',
    })
    productPath = path
  })
  afterAll(() => ctx.close())

  it('refuses a decision with every problem listed at once, keeping what was typed', async () => {
    const path = `${productPath}/decisions/new`
    const fields = formFields((await owner.get(path)).body, path)
    const bad = await owner.post(path, {
      ...fields,
      title: '',
      proposal: 'Something',
      'decidedOn-day': '31',
      'decidedOn-month': '2',
      optionId: '00000000-0000-4000-8000-000000000000',
    })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    for (const text of [
      'Enter a short name for the proposal',
      'Enter the assumptions the proposal rests on',
      'Choose how confident you are',
      'Enter the value you expect it to add',
      'Choose the decision: yes, no or not yet',
      'Enter why you decided this',
      'The date of the decision must be a real date',
    ])
      expect(summary).toContain(text)
    expect($(bad.body)('#proposal').text()).toBe('Something')
    const future = await owner.post(path, { ...fields, ...decision, 'decidedOn-year': '2027' })
    expect(errorSummary(future.body)).toContain('must be today or in the past')
    expect((await other.get(path)).statusCode).toBe(403)
  })

  it('records a reasoned no, revisits it, and links both ways', async () => {
    const path = `${productPath}/decisions/new`
    const saved = await owner.post(path, { ...formFields((await owner.get(path)).body, path), ...decision })
    expect(saved.statusCode).toBe(303)
    noPath = String(saved.headers.location)
    const shown = $((await other.get(noPath)).body)
    expect(shown('h1').text()).toBe('Add a chatbot')
    expect(shown('[data-testid="outcome"]').text()).toContain('No')
    expect(shown('[data-testid="reasoning"]').text()).toContain('callers need a person')
    expect(shown('a:contains("Revisit this decision")')).toHaveLength(0)

    const revisit = `${noPath}/revisit`
    const form = await owner.get(revisit)
    expect($(form.body)('#title').val()).toBe('Add a chatbot')
    const fields = formFields(form.body, revisit)
    const bad = await owner.post(revisit, {
      ...fields,
      'decidedOn-day': '19',
      'decidedOn-month': '11',
      'decidedOn-year': '2026',
    })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Enter what has changed since the earlier decision')
    expect(errorSummary(bad.body)).toContain('on or after the date of the earlier decision')
    const ok = await owner.post(revisit, {
      ...fields,
      whatChanged: 'A trial elsewhere cut calls by a third',
      confidence: 'medium',
      outcome: 'yes',
      reasoning: 'The trial answers the main assumption',
    })
    expect(ok.statusCode).toBe(303)
    const laterPath = String(ok.headers.location)
    const later = $((await owner.get(laterPath)).body)
    expect(later('[data-testid="revisits"] a').attr('href')).toBe(noPath)
    expect(later('[data-testid="what-changed"]').text()).toContain('cut calls by a third')
    expect(later('[data-testid="chain"] li')).toHaveLength(2)
    const earlier = $((await owner.get(noPath)).body)
    expect(earlier('[data-testid="revisited-by"] a').attr('href')).toBe(laterPath)
    expect(earlier('a:contains("Revisit this decision")')).toHaveLength(0)
    // Revisiting the earlier one again goes to the later decision instead.
    const again = await owner.get(revisit)
    expect(again.statusCode).toBe(303)
    expect(again.headers.location).toBe(laterPath)
    const clash = await owner.post(revisit, {
      ...fields,
      whatChanged: 'Again',
      confidence: 'low',
      outcome: 'no',
      reasoning: 'x',
    })
    expect(clash.statusCode).toBe(409)
    expect(errorSummary(clash.body)).toContain('Someone else revisited this decision first')

    const list = $((await other.get(`${productPath}/decisions`)).body)
    expect(list('[data-testid="decision-counts"]').text()).toContain('2 decisions, 1 of them a reasoned no')
    const strategy = $((await other.get(productPath)).body)
    const part = strategy('[data-testid="part-decisions"]').text()
    expect(part).toContain('Yes: Add a chatbot')
    expect(part).toContain('No: Add a chatbot')
    expect(part).toContain('1 of them a reasoned no')
  })

  it('answers 409 when someone else changed the decision first, keeping what was typed', async () => {
    const edit = `${noPath}/edit`
    const mine = formFields((await owner.get(edit)).body, edit)
    expect((await owner.post(edit, { ...mine, reasoning: 'Clearer reasons' })).statusCode).toBe(303)
    const stale = await owner.post(edit, { ...mine, reasoning: 'My own reasons' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('[data-testid="conflict"]').text()).toContain('Clearer reasons')
    expect($(stale.body)('#reasoning').text()).toBe('My own reasons')
    const retry = await owner.post(edit, formFields(stale.body, edit))
    expect(retry.statusCode).toBe(303)
  })

  it('exports decisions in the Markdown', async () => {
    const md = (await other.get(`${productPath}/strategy.md`)).body
    expect(md).toContain('## Decisions')
    expect(md).toContain('- **Decision:** No, on 20 November 2026')
    expect(md).toContain('**What has changed**')
    expect(md).toContain('## Strategy reviews')
  })
})
