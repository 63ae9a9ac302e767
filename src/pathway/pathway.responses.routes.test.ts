// Confirming or querying agreed levels through the pages: the person's buttons on the agreed
// check-in, a query with every problem at once, the line manager's task and answer, who reads the
// query, and what the pathway says after each step.
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
import type { Viewer } from '../platform/auth/viewer.ts'

type Named = Agent & { name: string; email: string; id: string }

const WHY = 'We agreed practitioner for product management in our meeting'

describe('confirming or querying agreed levels', () => {
  let ctx: TestContext
  let pat: Named
  let mel: Named
  let leader: Named
  let otherLeader: Named
  let other: Named
  let checkin = ''

  beforeAll(async () => {
    ctx = await buildTestApp()
    const admin = await setUpInstallation(ctx)
    const add = (role: 'member' | 'leader', name: string): Promise<Named> => addPersonWithId(ctx, admin, role, name)
    pat = await add('member', 'Pat Person')
    mel = await add('member', 'Mel Manager')
    leader = await add('leader', 'Lee Leader')
    otherLeader = await add('leader', 'Lou Leader')
    other = await add('member', 'Otto Other')
    await saveTestProfile(ctx, mel.id, { careerRole: 'senior-product-manager' })
    await saveTestProfile(ctx, pat.id, { lineManagerId: mel.id })
    await saveTestProfile(ctx, leader.id, { careerRole: 'lead-product-manager' })
    await saveTestProfile(ctx, otherLeader.id, { careerRole: 'lead-product-manager', businessArea: 'Tax' })
    await saveTestProfile(ctx, other.id)

    // Pat's check-in, agreed at working on every skill.
    const { people, pathway } = ctx.app.services
    const viewer = async (who: Named): Promise<Viewer> => {
      const v = await people.viewer({ id: who.id, name: who.name, email: who.email, role: 'member' })
      if (!v) throw new Error('No viewer')
      return v
    }
    const p = await viewer(pat)
    const m = await viewer(mel)
    const draft = await pathway.startCheckin(p, pat.id)
    const slugs = (await pathway.checkin(pat.id, draft.id)).skills.map(s => s.skill.slug)
    const all = <T>(v: T) => Object.fromEntries(slugs.map(s => [s, v]))
    const a = await pathway.saveSelf(
      p,
      pat.id,
      draft.id,
      { ratings: all({ level: 'working' as const, evidence: '' }) },
      1,
      true,
    )
    const b = await pathway.saveReview(
      m,
      pat.id,
      draft.id,
      { ratings: all({ level: 'working' as const, note: '' }) },
      a.checkin.version,
    )
    await pathway.agree(
      m,
      pat.id,
      draft.id,
      { ratings: all({ level: 'working' as const, note: '' }), note: '' },
      b.checkin.version,
    )
    checkin = `/people/${pat.id}/check-ins/${draft.id}`
  })
  afterAll(() => ctx.close())

  it('asks the person to confirm or query, on their home page and on the check-in', async () => {
    const home = await pat.get('/')
    expect($(home.body)(`[data-testid="tasks"] a[href="${checkin}"]`).text()).toContain(
      'Confirm or query your agreed levels',
    )
    const page = await pat.get(checkin)
    expect($(page.body)('[data-testid="levels-response"]').text()).toContain('not confirmed or queried')
    expect($(page.body)(`form[action="${checkin}/confirm"]`).length).toBe(1)
    // The line manager sees the state, not the buttons.
    const managers = await mel.get(checkin)
    expect($(managers.body)(`form[action="${checkin}/confirm"]`).length).toBe(0)
    expect((await mel.get(`${checkin}/query`)).statusCode).toBe(403)
  })

  it('shows every problem with a query at once', async () => {
    const form = await pat.get(`${checkin}/query`)
    expect(form.statusCode).toBe(200)
    const res = await pat.post(`${checkin}/query`, formFields(form.body, `${checkin}/query`))
    expect(res.statusCode).toBe(400)
    const links = $(res.body)('.govuk-error-summary__list a')
      .map((_, a) => $(res.body)(a).attr('href'))
      .get()
    expect(links).toEqual(['#skills', '#text'])
  })

  it('sends a query to the line manager, who answers it from their task list', async () => {
    const form = await pat.get(`${checkin}/query`)
    const sent = await pat.post(`${checkin}/query`, {
      ...formFields(form.body, `${checkin}/query`),
      skills: ['product-management'],
      text: WHY,
    })
    expect(sent.statusCode).toBe(303)
    const pathway = await pat.get(`/people/${pat.id}/pathway`)
    expect($(pathway.body)('[data-testid="levels-response-line"]').text()).toMatch(/you queried this on/)

    const home = await mel.get('/')
    const task = $(home.body)(`[data-testid="tasks"] a[href="${checkin}/answer"]`)
    expect(task.text()).toContain("Answer Pat Person's query")
    const answer = await mel.get(`${checkin}/answer`)
    expect(answer.statusCode).toBe(200)
    expect($(answer.body)('[data-testid="query"]').text()).toContain(WHY)

    const missing = await mel.post(`${checkin}/answer`, {
      ...formFields(answer.body, `${checkin}/answer`),
      reply: '',
    })
    expect(missing.statusCode).toBe(400)
    expect($(missing.body)('.govuk-error-summary__list a').attr('href')).toBe('#reply')
    const done = await mel.post(`${checkin}/answer`, {
      ...formFields(answer.body, `${checkin}/answer`),
      'level-product-management': 'practitioner',
      reply: 'You are right, I recorded it wrongly',
    })
    expect(done.statusCode).toBe(303)
    const stale = await mel.post(`${checkin}/answer`, {
      ...formFields(answer.body, `${checkin}/answer`),
      reply: 'Again',
    })
    expect(stale.statusCode).toBe(303)
    expect(stale.headers.location).toBe(checkin)
    const after = await pat.get(checkin)
    expect($(after.body)('[data-testid="levels-response"]').text()).toContain('Levels changed')
    expect($(after.body)('[data-skill="product-management"]').text()).toContain('Practitioner')
  })

  it('shows the query to whoever may see the check-in, and to nobody else', async () => {
    expect((await leader.get(checkin)).body).toContain(WHY)
    for (const who of [otherLeader, other]) {
      const res = await who.get(checkin)
      expect(res.statusCode).toBe(403)
      expect(res.body).not.toContain(WHY)
    }
    expect(ctx.logs.join('\n')).not.toContain('recorded it wrongly')
    expect(ctx.logs.join('\n')).not.toContain('in our meeting')
    const audit = JSON.stringify((await ctx.app.services.audit.list({}, 1)).events)
    expect(audit).not.toContain('in our meeting')
  })

  it('lets the person confirm after the answer, which the pathway then says', async () => {
    const page = await pat.get(checkin)
    const confirmed = await pat.post(`${checkin}/confirm`, formFields(page.body, `${checkin}/confirm`))
    expect(confirmed.statusCode).toBe(303)
    const pathway = await pat.get(`/people/${pat.id}/pathway`)
    expect($(pathway.body)('[data-testid="levels-response-line"]').text()).toMatch(/Agreed on .* · confirmed by you on/)
    const home = await pat.get('/')
    expect($(home.body)(`[data-testid="tasks"] a[href="${checkin}"]`).length).toBe(0)
    // A second confirm from the old page changes nothing.
    const again = await pat.post(`${checkin}/confirm`, formFields(page.body, `${checkin}/confirm`))
    expect(again.statusCode).toBe(303)
    expect((await pat.get(checkin)).body).toContain('There is nothing to confirm')
  })
})
