// The team health check through its pages: who may answer, rounds opened and closed by those who
// can change the strategy, every problem shown at once, answering twice refused, results hidden
// below three answers and while a round is open, and answers kept out of logs and the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type Agent, type TestContext } from '../../../test/build-test-app.ts'
import { addThing, errorSummary, productWorld, type Named } from '../../../test/products.ts'

describe('team health check pages', () => {
  let ctx: TestContext
  let lead: Named
  let ana: Named
  let ben: Named
  let cal: Named
  let outsider: Named
  let id: string
  let health: string

  const answer = async (who: Agent, scores: number[]) => {
    const page = await who.get(health)
    const action = $(page.body)('form[action$="/answers"]').attr('action') ?? ''
    const names = ['trust', 'conflict', 'commitment', 'accountability', 'results']
    return who.post(action, {
      _csrf: await who.token(),
      ...Object.fromEntries(names.map((name, i) => [name, String(scores[i])])),
    })
  }
  const roundAction = async (who: Agent, suffix: string) =>
    $((await who.get(health)).body)(`form[action$="${suffix}"]`).attr('action') ?? ''

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    lead = await world.member('Lia Lead', { careerRole: 'product-manager', businessArea: 'Roads' })
    ana = await world.member('Ana Able')
    ben = await world.member('Ben Bright')
    cal = await world.member('Cal Clear')
    outsider = await world.member('Oz Outside')
    id = (await addThing(lead, { name: 'Report a pothole', purpose: 'Anyone can tell the council about a pothole' })).id
    health = `/products/${id}/health`
    const onion = `/products/${id}/team-onion/edit`
    const saved = await lead.post(onion, {
      ...formFields((await lead.get(onion)).body, onion),
      'core-0-person': lead.id,
      'core-1-person': ana.id,
      'core-2-person': ben.id,
      'collaborators-0-person': cal.id,
    })
    expect(saved.statusCode).toBe(303)
  })
  afterAll(() => ctx.close())

  it('lets those who can change the strategy open a round, and nobody else', async () => {
    const page = await outsider.get(health)
    expect(page.statusCode).toBe(200)
    expect($(page.body)('[data-testid="no-results"]').length).toBe(1)
    expect($(page.body)('form[action$="/rounds"]').length).toBe(0)
    expect((await outsider.post(`${health}/rounds`, { _csrf: await outsider.token() })).statusCode).toBe(403)
    // Cal is a collaborator: on the team, so may answer, but not in the core team, so may not run it.
    expect((await cal.post(`${health}/rounds`, { _csrf: await cal.token() })).statusCode).toBe(403)
    const opened = await lead.post(`${health}/rounds`, { _csrf: await lead.token() })
    expect(opened.statusCode).toBe(303)
    const shown = $((await ana.get(health)).body)
    expect(shown('[data-testid="open-round"]').text()).toBe('Round 1 is open')
    expect(shown('form[action$="/answers"] input[type="radio"]')).toHaveLength(25)
  })

  it('asks only people on the team, and shows every problem at once', async () => {
    const page = $((await outsider.get(health)).body)
    expect(page('[data-testid="not-on-team"]').length).toBe(1)
    expect(page('form[action$="/answers"]').length).toBe(0)
    const action = await roundAction(ana, '/answers')
    expect((await outsider.post(action, { _csrf: await outsider.token(), trust: '5' })).statusCode).toBe(403)
    const bad = await ana.post(action, { _csrf: await ana.token(), trust: '4', conflict: '9' })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    for (const word of ['conflict', 'commitment', 'accountability', 'results'])
      expect(summary).toContain(`statement about ${word}`)
    expect(summary).not.toContain('statement about trust')
    expect($(bad.body)('input[name="trust"][value="4"]').attr('checked')).toBeDefined()
  })

  it('counts an answer once and refuses a second', async () => {
    const first = await answer(ana, [4, 2, 3, 3, 5])
    expect(first.statusCode).toBe(303)
    const page = $((await ana.get(health)).body)
    expect(page('[data-testid="answered"]').length).toBe(1)
    expect(page('form[action$="/answers"]').length).toBe(0)
    const action = await roundAction(ben, '/answers')
    const again = await ana.post(action, {
      _csrf: await ana.token(),
      trust: '1',
      conflict: '1',
      commitment: '1',
      accountability: '1',
      results: '1',
    })
    expect(again.statusCode).toBe(409)
    expect($(again.body)('[data-testid="refusal"]').text()).toContain('already answered')
    const rows = await ctx.app.services.db.kysely.selectFrom('health_tallies').select(['answers']).execute()
    expect(rows.reduce((n, r) => n + Number(r.answers), 0)).toBe(5)
  })

  it('hides results of a round fewer than three answered, even once closed', async () => {
    expect((await answer(ben, [2, 2, 2, 2, 2])).statusCode).toBe(303)
    const close = await roundAction(lead, '/close')
    expect((await cal.post(close, { _csrf: await cal.token() })).statusCode).toBe(403)
    expect((await lead.post(close, { _csrf: await lead.token() })).statusCode).toBe(303)
    const page = $((await outsider.get(health)).body)
    expect(page('[data-testid="no-results"]').length).toBe(1)
    expect(page('[data-testid="rounds"]').text()).toContain(
      '2 people answered, fewer than 3, so the results are not shown',
    )
    expect(page('[data-testid="trend-table"]').length).toBe(0)
  })

  it('shows results once a round three people answered is closed, with the trend', async () => {
    expect((await lead.post(`${health}/rounds`, { _csrf: await lead.token() })).statusCode).toBe(303)
    expect((await answer(ana, [4, 2, 3, 3, 5])).statusCode).toBe(303)
    expect((await answer(ben, [5, 3, 4, 2, 4])).statusCode).toBe(303)
    expect((await answer(cal, [3, 1, 5, 1, 3])).statusCode).toBe(303)
    // Three have answered, but the round is open: averages that move with each answer would tell
    // someone watching what the last person said.
    expect($((await lead.get(health)).body)('[data-testid="no-results"]').length).toBe(1)
    expect((await lead.post(await roundAction(lead, '/close'), { _csrf: await lead.token() })).statusCode).toBe(303)
    const page = $((await outsider.get(health)).body)
    const results = page('[data-testid="results"]').text()
    expect(results).toContain('Round 2: 3 people answered')
    expect(results).toContain('4.0 out of 5')
    expect(results).toContain('Fear of conflict scored lowest (2.0)')
    expect(page('[data-testid="trend-table"] tbody tr')).toHaveLength(1)
    expect(page('[data-testid="trend-table"] tbody').text()).toContain('Round 2 (3 people)')
    const svg = page('[data-testid="trend-chart"] svg')
    expect(svg.attr('role')).toBe('img')
    expect(svg.find('desc').text()).toContain('Absence of trust: round 2 4.0')
    const strategy = $((await outsider.get(`/products/${id}`)).body)
    expect(strategy('[data-testid="part-health"]').text()).toContain('Round 2, 3 people: trust 4.0, conflict 2.0')
  })

  it('keeps answers out of the logs and the audit log', async () => {
    const events = await ctx.app.services.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'summary'])
      .where('action', '=', 'health.answered')
      .execute()
    expect(events).toHaveLength(5)
    for (const e of events)
      expect(e.summary).toMatch(/^Answered round [12] of the team health check of Report a pothole$/)
    expect(ctx.logs.join('\n')).not.toMatch(/accountability=|"trust"|conflict=/)
  })
})
