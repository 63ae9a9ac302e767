// Prioritisation through its pages: options, the four ways of scoring them with every problem
// shown at once, 409 when someone else saved first, the matrix and its table, the rankings, and
// the backlog's balance with a starved class flagged on the strategy page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type TestContext } from '../../../test/build-test-app.ts'
import { addThing, errorSummary, productWorld, type Named } from '../../../test/products.ts'
import { scoresAt } from './prioritisation.views.ts'

describe('prioritisation pages', () => {
  let ctx: TestContext
  let owner: Named
  let other: Named
  let base: string
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    owner = await world.member('Olu Owner', { careerRole: 'product-manager', businessArea: 'Licensing' })
    other = await world.member('Otto Other')
    const { path } = await addThing(owner, { name: 'Renew a fishing licence', purpose: 'Lets anglers renew online' })
    base = `${path}/prioritisation`
  })
  afterAll(() => ctx.close())

  const optionId = async (title: string) => {
    const page = $((await owner.get(base)).body)
    const href = page(`a:contains("Change")`)
      .filter((_, el) => page(el).text().includes(title))
      .attr('href')
    return String(href).split('/')[5] ?? ''
  }

  it('adds options, showing every problem at once and keeping what was typed', async () => {
    const path = `${base}/options/new`
    const fields = formFields((await owner.get(path)).body, path)
    const bad = await owner.post(path, { ...fields, title: '', description: 'x'.repeat(2001) })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Enter a short name for the option')
    expect(errorSummary(bad.body)).toContain('2,000 characters or fewer')
    expect($(bad.body)('#description').text()).toBe('x'.repeat(2001))
    for (const title of ['Pay by phone', 'Reminder emails', 'New licence types']) {
      const ok = await owner.post(path, { ...fields, title, description: `About ${title}` })
      expect(ok.statusCode).toBe(303)
    }
    const overview = await owner.get(base)
    expect($(overview.body)('[data-testid="options"] .govuk-summary-card')).toHaveLength(3)
    for (const title of ['Pay by phone', 'Reminder emails', 'New licence types']) ids[title] = await optionId(title)
    expect(ids['Pay by phone']).toMatch(/^[0-9a-f-]{36}$/)
    expect((await other.get(path)).statusCode).toBe(403)
    expect((await other.get(base)).statusCode).toBe(200)
  })

  it('scores impact and effort, draws the matrix with the same data as its table, and answers 409', async () => {
    const scoreAt = (title: string) => `${base}/options/${ids[title]}/impact-effort`
    const path = scoreAt('Pay by phone')
    const fields = formFields((await owner.get(path)).body, path)
    const bad = await owner.post(path, fields)
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Choose the impact you expect')
    expect(errorSummary(bad.body)).toContain('Choose the effort you expect')
    expect((await owner.post(path, { ...fields, impact: '5', effort: '2' })).statusCode).toBe(303)
    const second = scoreAt('Reminder emails')
    expect(
      (await owner.post(second, { ...formFields((await owner.get(second)).body, second), impact: '2', effort: '4' }))
        .statusCode,
    ).toBe(303)
    // The first form was opened at version 1; the option is at version 2 now.
    const stale = await owner.post(path, { ...fields, impact: '4', effort: '1' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('[data-testid="conflict"]').text()).toContain('Impact: 5')
    expect($(stale.body)('input[name="impact"][value="4"]').attr('checked')).toBeDefined()

    const page = $((await other.get(`${base}/impact-effort`)).body)
    const svg = page('svg[role="img"]')
    expect(svg.find('title').text()).toContain('Renew a fishing licence')
    expect(svg.find('desc').text()).toContain('Quick wins: Pay by phone')
    expect(svg.find('desc').text()).toContain('Money pits: Reminder emails')
    expect(svg.text()).toContain('Quick wins')
    expect(svg.text()).toContain('Money pits')
    expect(svg.text()).toContain('Effort: 1 (little) to 5 (a lot)')
    expect(page('[data-testid="matrix-point"]')).toHaveLength(2)
    // Each point drawn stands where its row of the table says.
    page('[data-testid="matrix-point"]').each((_, el) => {
      const point = page(el)
      const row = page(`[data-testid="matrix-table"] tbody tr[data-number="${point.attr('data-number')}"]`)
      expect(scoresAt(Number(point.attr('data-x')), Number(point.attr('data-y')))).toEqual({
        impact: Number(row.find('[data-impact]').attr('data-impact')),
        effort: Number(row.find('[data-effort]').attr('data-effort')),
      })
      expect(Number(point.find('circle').attr('cx'))).toBe(Number(point.attr('data-x')))
    })
    const rows = page('[data-testid="matrix-table"] tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows.first().text()).toContain('Pay by phone')
    expect(rows.first().text()).toContain('Quick win')
    expect(page('[data-testid="impact-note"]').text()).toContain('Impact is a guess to test')
    expect(page('[data-testid="unscored"]').text()).toContain('New licence types')
  })

  it('sorts options with MoSCoW into groups', async () => {
    const path = `${base}/options/${ids['Pay by phone']}/moscow`
    const fields = formFields((await owner.get(path)).body, path)
    expect((await owner.post(path, fields)).statusCode).toBe(400)
    expect((await owner.post(path, { ...fields, moscow: 'must' })).statusCode).toBe(303)
    const wont = `${base}/options/${ids['New licence types']}/moscow`
    await owner.post(wont, { ...formFields((await owner.get(wont)).body, wont), moscow: 'wont' })
    const page = $((await owner.get(`${base}/moscow`)).body)
    expect(page('[data-testid="moscow-must"]').text()).toContain('Pay by phone')
    expect(page('[data-testid="moscow-wont"]').text()).toContain('New licence types')
    expect(page('[data-testid="unsorted"]').text()).toContain('Reminder emails')
  })

  it('ranks options by RICE score, refusing every bad number at once', async () => {
    const path = (t: string) => `${base}/options/${ids[t]}/rice`
    const fields = formFields((await owner.get(path('Pay by phone'))).body, path('Pay by phone'))
    const bad = await owner.post(path('Pay by phone'), { ...fields, reach: 'lots', confidence: '120', riceEffort: '0' })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    expect(summary).toContain('Reach must be a whole number')
    expect(summary).toContain('Choose how much it will help each person')
    expect(summary).toContain('Confidence must be between 0 and 100')
    expect(summary).toContain('Effort must be more than 0')
    expect($(bad.body)('#reach').val()).toBe('lots')
    // 1,000 × 1 × 80% ÷ 2 = 400; 5,000 × 0.5 × 50% ÷ 1 = 1,250
    await owner.post(path('Pay by phone'), {
      ...fields,
      reach: '1,000',
      riceImpact: '1',
      confidence: '80',
      riceEffort: '2',
    })
    const other2 = formFields((await owner.get(path('Reminder emails'))).body, path('Reminder emails'))
    await owner.post(path('Reminder emails'), {
      ...other2,
      reach: '5000',
      riceImpact: '0.5',
      confidence: '50%',
      riceEffort: '1',
    })
    const page = $((await owner.get(`${base}/rice`)).body)
    const rows = page('[data-testid="rice-table"] tbody tr')
    expect(rows.eq(0).text()).toContain('Reminder emails')
    expect(rows.eq(0).find('[data-testid="rice-score"]').text()).toBe('1,250')
    expect(rows.eq(1).find('[data-testid="rice-score"]').text()).toBe('400')
  })

  it('sets criteria with their weights and ranks options by weighted total', async () => {
    const path = `${base}/criteria`
    const fields = formFields((await owner.get(path)).body, path)
    const bad = await owner.post(path, {
      ...fields,
      'criteria-0-name': 'Value to users',
      'criteria-0-weight': '',
      'criteria-1-name': '',
      'criteria-1-weight': '3',
    })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Enter a weight for criterion 1')
    expect(errorSummary(bad.body)).toContain('Enter a name for criterion 2')
    const ok = await owner.post(path, {
      ...fields,
      'criteria-0-name': 'Value to users',
      'criteria-0-weight': '3',
      'criteria-1-name': 'Cost to run',
      'criteria-1-weight': '1',
    })
    expect(ok.statusCode).toBe(303)
    // Saving again from the first form is a conflict.
    const stale = await owner.post(path, { ...fields, 'criteria-0-name': 'Risk', 'criteria-0-weight': '2' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('[data-testid="conflict"]').text()).toContain('Value to users: weight 3')

    const scoreOf = async (title: string, first: string, second: string) => {
      const at = `${base}/options/${ids[title]}/weighted`
      const page = await owner.get(at)
      const names = $(page.body)('input[type="radio"]')
        .map((_, el) => $(page.body)(el).attr('name'))
        .get()
      const [a, b] = [...new Set(names)]
      const none = await owner.post(at, formFields(page.body, at))
      expect(none.statusCode).toBe(400)
      expect(errorSummary(none.body)).toContain('for Value to users')
      expect(errorSummary(none.body)).toContain('for Cost to run')
      return owner.post(at, { ...formFields(page.body, at), [String(a)]: first, [String(b)]: second })
    }
    expect((await scoreOf('Pay by phone', '4', '2')).statusCode).toBe(303) // 3×4 + 1×2 = 14
    expect((await scoreOf('Reminder emails', '5', '1')).statusCode).toBe(303) // 3×5 + 1×1 = 16
    const page = $((await owner.get(`${base}/weighted`)).body)
    const totals = page('[data-testid="weighted-total"]')
      .map((_, el) => page(el).text())
      .get()
    expect(totals).toEqual(['16', '14'])
    expect(page('[data-testid="weighted-table"] tbody tr').first().text()).toContain('Reminder emails')
    expect(page('caption').text()).toContain('the most is 20')
  })

  it('records backlog work per quarter and flags a class starved two quarters running', async () => {
    const quarter = (q: string) => `${base}/balance/${q}`
    const fields = formFields((await owner.get(quarter('2026-Q3'))).body, quarter('2026-Q3'))
    const bad = await owner.post(quarter('2026-Q3'), { ...fields, 'support-planned': 'two', 'debt-done': '-1' })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    expect(summary).toContain('Improved support: planned must be a whole number')
    expect(summary).toContain('Reduction of technical debt: done must be between 0 and 10,000')
    expect(summary).toContain('Enter how much new features work was planned, or 0')
    const counts = (debtDone: string) => ({
      'support-planned': '3',
      'support-done': '2',
      'features-planned': '5',
      'features-done': '4',
      'debt-planned': '2',
      'debt-done': debtDone,
      'innovation-planned': '1',
      'innovation-done': '1',
    })
    expect((await owner.post(quarter('2026-Q3'), { ...fields, ...counts('0') })).statusCode).toBe(303)
    const strategyBefore = $((await owner.get(base.replace('/prioritisation', ''))).body)
    expect(strategyBefore('[data-testid="flags"]').text()).not.toContain('starved')
    const q4 = formFields((await owner.get(quarter('2026-Q4'))).body, quarter('2026-Q4'))
    expect((await owner.post(quarter('2026-Q4'), { ...q4, ...counts('0') })).statusCode).toBe(303)
    // Someone else's form for Q4, opened before that save, is now stale.
    const stale = await owner.post(quarter('2026-Q4'), { ...q4, ...counts('1') })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('#debt-done').val()).toBe('1')

    const balance = $((await other.get(`${base}/balance`)).body)
    expect(balance('[data-testid="starved-warnings"]').text()).toContain(
      'Reduction of technical debt was starved in 2026 Q3 and 2026 Q4',
    )
    expect(balance('[data-testid="balance-table"] tbody tr').first().text()).toContain('2026 Q4')
    const strategy = $((await other.get(base.replace('/prioritisation', ''))).body)
    expect(strategy('[data-testid="flags"]').text()).toContain(
      'A class of work has been starved two quarters running: reduction of technical debt',
    )
    const part = strategy('[data-testid="part-prioritisation"]').text()
    expect(part).toContain('Quick wins on impact and effort: Pay by phone')
    expect(part).toContain('Must have: Pay by phone')
    expect(part).toContain('Top by RICE: Reminder emails (score 1,250)')
    expect(part).toContain('Top by weighted score: Reminder emails (16 of 20)')
    const md = (await other.get(`${base.replace('/prioritisation', '')}/strategy.md`)).body
    expect(md).toContain('## Prioritisation')
    expect(md).toContain('- **RICE score:** 1,250')
    expect(md).toContain('| 2026 Q4 | 3 planned, 2 done |')
    expect(md).toContain('Warning: Reduction of technical debt was starved in 2026 Q3 and 2026 Q4')
  })

  it('changes and removes an option, with 409 on a stale change', async () => {
    const edit = `${base}/options/${ids['New licence types']}/edit`
    const fields = formFields((await owner.get(edit)).body, edit)
    expect((await owner.post(edit, { ...fields, title: 'New licence kinds' })).statusCode).toBe(303)
    const stale = await owner.post(edit, { ...fields, title: 'Other name' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('#title').val()).toBe('Other name')
    const remove = `${base}/options/${ids['New licence types']}/remove`
    expect((await other.post(remove, { _csrf: await other.token() })).statusCode).toBe(403)
    expect((await owner.post(remove, { _csrf: await owner.token() })).statusCode).toBe(303)
    const after = $((await owner.get(base)).body)
    expect(after('.govuk-notification-banner').text()).toContain('New licence kinds was removed')
    expect(after('[data-testid="options"]').text()).not.toContain('New licence kinds')
    expect(after('[data-testid="options"] .govuk-summary-card')).toHaveLength(2)
  })
})
