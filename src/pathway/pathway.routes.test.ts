// Check-ins and pathways through their pages: the person's form and its errors, the line
// manager's view and the agreement, who may see what, the pathway page and the team page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  addPersonWithId,
  buildTestApp,
  formFields,
  setUpInstallation,
  type TestContext,
  saveTestProfile,
} from '../../test/build-test-app.ts'
import type { ProfileChanges } from '../people/people.types.ts'

type Named = Agent & { name: string; email: string; id: string }

const SKILLS = [
  'agile-and-lean-practices',
  'applying-user-centred-insights',
  'creating-value-for-money',
  'life-cycle-management',
  'managing-product-outcomes',
  'product-leadership',
  'product-management',
  'stakeholder-relationship-management',
  'strategic-ownership',
]

const levelsFor = (level: string, except: Record<string, string> = {}) =>
  Object.fromEntries(SKILLS.map(s => [`level-${s}`, except[s] ?? level]))

describe('check-in and pathway pages', () => {
  let ctx: TestContext
  let admin: Agent
  let pat: Named
  let mel: Named
  let other: Named
  let leader: Named
  let otherLeader: Named
  let head: Named
  let nobody: Named

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    const add = (role: 'member' | 'leader', name: string): Promise<Named> => addPersonWithId(ctx, admin, role, name)
    pat = await add('member', 'Pat Person')
    mel = await add('member', 'Mel Manager')
    other = await add('member', 'Otto Other')
    leader = await add('leader', 'Lee Leader')
    otherLeader = await add('leader', 'Lou Leader')
    head = await add('member', 'Hope Head')
    nobody = await add('member', 'Nadia Nobody')
    const profile = (id: string, p: Partial<ProfileChanges> = {}) => saveTestProfile(ctx, id, p)
    await profile(mel.id, { careerRole: 'senior-product-manager' })
    await profile(pat.id, { lineManagerId: mel.id })
    await profile(other.id)
    await profile(leader.id, { careerRole: 'lead-product-manager' })
    await profile(otherLeader.id, { careerRole: 'lead-product-manager', businessArea: 'Tax' })
    await profile(head.id, { careerRole: 'head-of-product', headOfProfession: true, businessArea: 'Central' })
  })
  afterAll(() => ctx.close())

  const pathwayOf = (who: Named) => `/people/${who.id}/pathway`

  describe('starting', () => {
    it('takes everyone to their own pathway', async () => {
      const res = await pat.get('/pathway')
      expect(res.statusCode).toBe(303)
      expect(res.headers.location).toBe(pathwayOf(pat))
    })

    it('asks someone who is not in the profession to be added first', async () => {
      const page = await nobody.get(pathwayOf(nobody))
      expect(page.statusCode).toBe(200)
      expect($(page.body)('[data-testid="no-profile"]').length).toBe(1)
      expect(page.body).toContain('Ask a leader to add you to the profession first')

      const start = await nobody.get(`/people/${nobody.id}/check-ins/new`)
      expect(start.statusCode).toBe(200)
      expect(start.body).toContain('Ask a leader to add you to the profession first')
      expect(
        $(start.body)('form').filter((_, el) => $(start.body)(el).attr('action')?.includes('check-ins') ?? false)
          .length,
      ).toBe(0)

      const token = await nobody.token()
      const refused = await nobody.post(`/people/${nobody.id}/check-ins/new`, { _csrf: token })
      expect(refused.statusCode).toBe(400)
      const summary = $(refused.body)('.govuk-error-summary')
      expect(summary.text()).toContain('Ask a leader to add you to the profession first')
      expect($(refused.body)('title').text()).toMatch(/^Error: /)
    })

    it('leads with the first check-in and lists what is expected compactly, with no suggestions yet', async () => {
      const res = await other.get(pathwayOf(other))
      expect(res.statusCode).toBe(200)
      const page = $(res.body)
      const first = page('[data-testid="first-checkin"]')
      expect(first.find('h2').text()).toBe('Start your first check-in')
      expect(first.find(`a[href="/people/${other.id}/check-ins/new"]`).text().trim()).toBe('Start a check-in')
      // It comes before everything else on the page, and only once.
      expect(res.body.indexOf('data-testid="first-checkin"')).toBeLessThan(res.body.indexOf('govuk-summary-list'))
      expect(page(`a[href="/people/${other.id}/check-ins/new"]`).length).toBe(1)
      // Every skill is a gap before the first check-in: one short row each, no "Add to my plan".
      expect(page('[data-testid="expected-compact"] tbody tr').length).toBe(SKILLS.length)
      expect(page('[data-testid="gap"]').length).toBe(0)
      expect(res.body).not.toContain('Add to my plan')
    })

    it('lets only the person start their own check-in', async () => {
      for (const viewer of [mel, leader, head, admin])
        expect((await viewer.get(`/people/${pat.id}/check-ins/new`)).statusCode).toBe(403)
    })
  })

  describe('a check-in from start to agreement', () => {
    let checkin: string

    it('starts a draft and shows every skill with its levels, descriptors and the expected level', async () => {
      const start = await pat.get(`/people/${pat.id}/check-ins/new`)
      expect(start.statusCode).toBe(200)
      const res = await pat.submit(`/people/${pat.id}/check-ins/new`, `/people/${pat.id}/check-ins/new`, {})
      expect(res.statusCode).toBe(303)
      const location = String(res.headers.location)
      expect(location).toMatch(new RegExp(`^/people/${pat.id}/check-ins/[0-9a-f-]{36}/self$`))
      checkin = location.replace(/\/self$/, '')

      // Starting again goes back to the same draft.
      expect((await pat.get(`/people/${pat.id}/check-ins/new`)).headers.location).toBe(location)

      const form = await pat.get(location)
      expect(form.statusCode).toBe(200)
      const page = $(form.body)
      expect(page('[data-testid="skill"]').length).toBe(9)
      const agile = page('[data-skill="agile-and-lean-practices"]')
      expect(agile.find('legend').text().trim()).toBe('Agile and Lean practices')
      expect(agile.find('.govuk-fieldset .govuk-hint').first().text()).toContain(
        'Expected for product manager: Practitioner.',
      )
      expect(
        agile
          .find('input[type="radio"]')
          .map((_, el) => page(el).val())
          .get(),
      ).toEqual(['awareness', 'working', 'practitioner', 'expert'])
      expect(agile.find('.govuk-radios__hint').eq(1).text()).toMatch(/short cycles/)
      expect(agile.find('textarea[name="evidence-agile-and-lean-practices"]').length).toBe(1)
      expect(page('input[name="version"]').val()).toBe('1')
    })

    it('keeps every answer and shows an error for each skill with no level when submitting', async () => {
      const form = await pat.get(`${checkin}/self`)
      const fields = {
        ...formFields(form.body, `${checkin}/self`),
        'level-agile-and-lean-practices': 'practitioner',
        'evidence-agile-and-lean-practices': 'I set up our <team> rituals & reviews',
        'level-product-management': 'expert',
        action: 'submit',
      }
      const res = await pat.post(`${checkin}/self`, fields)
      expect(res.statusCode).toBe(400)
      const page = $(res.body)
      expect($(res.body)('title').text()).toMatch(/^Error: /)
      const errors = page('.govuk-error-summary li')
        .map((_, el) => page(el).text().trim())
        .get()
      expect(errors).toHaveLength(7)
      expect(errors).toContain('Select your level for Strategic ownership')
      expect(page('.govuk-error-summary a').first().attr('href')).toBe('#level-applying-user-centred-insights')
      expect(page('[data-skill="strategic-ownership"] .govuk-error-message').text()).toContain(
        'Select your level for Strategic ownership',
      )
      expect(page('[data-skill="agile-and-lean-practices"] .govuk-error-message').length).toBe(0)
      expect(page('input[name="level-agile-and-lean-practices"][value="practitioner"]').attr('checked')).toBeDefined()
      expect(page('input[name="level-product-management"][value="expert"]').attr('checked')).toBeDefined()
      expect(page('textarea[name="evidence-agile-and-lean-practices"]').text()).toBe(
        'I set up our <team> rituals & reviews',
      )
      // Nothing was saved.
      const again = await pat.get(`${checkin}/self`)
      expect($(again.body)('input[name="version"]').val()).toBe('1')
    })

    it('shows every error at once: evidence too long and the missing levels together', async () => {
      const form = await pat.get(`${checkin}/self`)
      const res = await pat.post(`${checkin}/self`, {
        ...formFields(form.body, `${checkin}/self`),
        'level-agile-and-lean-practices': 'practitioner',
        'evidence-product-management': 'x'.repeat(2001),
        action: 'submit',
      })
      expect(res.statusCode).toBe(400)
      const page = $(res.body)
      const errors = page('.govuk-error-summary li')
        .map((_, el) => page(el).text().trim())
        .get()
      // Eight skills without a level and one over-long evidence field, in the order of the form.
      expect(errors).toHaveLength(9)
      expect(errors).toContain('Evidence for Product management must be 2,000 characters or fewer')
      expect(errors).toContain('Select your level for Product management')
      const hrefs = page('.govuk-error-summary a')
        .map((_, a) => page(a).attr('href'))
        .get()
      expect(hrefs.indexOf('#evidence-product-management')).toBe(hrefs.indexOf('#level-product-management') + 1)
      expect(page('textarea[name="evidence-product-management"]').text()).toBe('x'.repeat(2001))
    })

    it('saves a draft with whatever is there, but not evidence that is too long', async () => {
      const form = await pat.get(`${checkin}/self`)
      const base = { ...formFields(form.body, `${checkin}/self`), 'level-agile-and-lean-practices': 'working' }
      const tooLong = await pat.post(`${checkin}/self`, {
        ...base,
        'evidence-product-management': 'x'.repeat(2001),
        action: 'save',
      })
      expect(tooLong.statusCode).toBe(400)
      expect($(tooLong.body)('.govuk-error-summary').text()).toContain(
        'Evidence for Product management must be 2,000 characters or fewer',
      )
      const saved = await pat.post(`${checkin}/self`, {
        ...base,
        'evidence-agile-and-lean-practices': 'Draft evidence',
        action: 'save',
      })
      expect(saved.statusCode).toBe(303)
      expect(saved.headers.location).toBe(`${checkin}/self`)
      const page = $((await pat.get(`${checkin}/self`)).body)
      expect(page('input[name="level-agile-and-lean-practices"][value="working"]').attr('checked')).toBeDefined()
      expect(page('textarea[name="evidence-agile-and-lean-practices"]').text()).toBe('Draft evidence')
      expect(page('input[name="version"]').val()).toBe('2')
    })

    it('keeps both versions when the check-in was saved in another tab', async () => {
      const tabOne = await pat.get(`${checkin}/self`)
      const tabTwo = await pat.get(`${checkin}/self`)
      const one = await pat.post(`${checkin}/self`, {
        ...formFields(tabOne.body, `${checkin}/self`),
        'level-strategic-ownership': 'awareness',
        'evidence-strategic-ownership': 'Saved from tab one',
        action: 'save',
      })
      expect(one.statusCode).toBe(303)
      const two = await pat.post(`${checkin}/self`, {
        ...formFields(tabTwo.body, `${checkin}/self`),
        'level-strategic-ownership': 'expert',
        'evidence-strategic-ownership': 'Typed in tab two',
        action: 'save',
      })
      expect(two.statusCode).toBe(409)
      const page = $(two.body)
      expect(page('.govuk-error-summary').text()).toContain('saved in another tab or window')
      const skill = page('[data-skill="strategic-ownership"]')
      expect(skill.find('[data-testid="saved-elsewhere"]').text()).toContain('Awareness')
      expect(skill.find('[data-testid="saved-elsewhere"]').text()).toContain('Saved from tab one')
      expect(skill.find('input[value="expert"]').attr('checked')).toBeDefined()
      expect(skill.find('textarea').text()).toBe('Typed in tab two')
      // Saving again from the page shown now works.
      const retry = await pat.post(`${checkin}/self`, { ...formFields(two.body, `${checkin}/self`), action: 'save' })
      expect(retry.statusCode).toBe(303)
      const now = $((await pat.get(`${checkin}/self`)).body)
      expect(now('textarea[name="evidence-strategic-ownership"]').text()).toBe('Typed in tab two')
    })

    it('keeps a draft from the line manager until it is submitted', async () => {
      const view = await mel.get(checkin)
      expect(view.statusCode).toBe(200)
      expect($(view.body)('[data-testid="not-submitted"]').length).toBe(1)
      expect(view.body).not.toContain('Typed in tab two')
      const pathway = await mel.get(pathwayOf(pat))
      expect($(pathway.body)('[data-testid="history"]').length).toBe(0)
      expect((await mel.get(`${checkin}/review`)).headers.location).toBe(checkin)
    })

    it('shows the answers to check, then sends them to the line manager; after that they cannot change', async () => {
      const form = await pat.get(`${checkin}/self`)
      const res = await pat.post(`${checkin}/self`, {
        ...formFields(form.body, `${checkin}/self`),
        ...levelsFor('practitioner', { 'product-management': 'expert', 'strategic-ownership': 'working' }),
        'evidence-product-management': 'I led the payments service through beta',
        action: 'submit',
      })
      // Not sent yet: the answers are saved and shown to check first.
      expect(res.statusCode).toBe(303)
      expect(res.headers.location).toBe(`${checkin}/check`)
      expect((await mel.get(`${checkin}/review`)).statusCode).not.toBe(200)
      const check = await pat.get(`${checkin}/check`)
      expect(check.statusCode).toBe(200)
      const page = $(check.body)
      expect(page('h1').text()).toBe('Check your answers before sending your check-in')
      const answers = page('[data-testid="answers"] .govuk-summary-list__row')
      expect(answers.length).toBe(SKILLS.length)
      const pm = answers.filter((_, row) => page(row).find('dt').text().trim() === 'Product management')
      expect(pm.find('dd').first().text()).toContain('Expert')
      expect(pm.find('dd').first().text()).toContain('I led the payments service through beta')
      expect(pm.find('a').attr('href')).toBe(`${checkin}/self#level-product-management`)
      expect(pm.find('a').text()).toContain('your level and evidence for Product management')
      // Someone else cannot send it.
      expect((await mel.post(`${checkin}/check`, formFields(check.body, `${checkin}/check`))).statusCode).toBe(403)

      const sent = await pat.post(`${checkin}/check`, formFields(check.body, `${checkin}/check`))
      expect(sent.statusCode).toBe(303)
      expect(sent.headers.location).toBe(checkin)
      const view = await pat.get(checkin)
      expect(view.body).toContain('Your check-in has been sent to your line manager')
      expect($(view.body)('.govuk-tag').first().text().trim()).toBe('Waiting for line manager')
      const again = await pat.get(`${checkin}/self`)
      expect(again.statusCode).toBe(303)
      expect(again.headers.location).toBe(checkin)
      const post = await pat.post(`${checkin}/self`, { ...formFields(form.body, `${checkin}/self`), action: 'save' })
      expect(post.statusCode).toBe(303)
      expect((await pat.get(checkin)).body).toContain('You have already submitted this check-in')
    })

    it('shows the check-in to the line manager, leaders of the area and heads of profession only', async () => {
      for (const viewer of [pat, mel, leader, head]) {
        const res = await viewer.get(checkin)
        expect(res.statusCode, viewer.name).toBe(200)
        expect(res.body, viewer.name).toContain('I led the payments service through beta')
      }
      for (const [name, viewer] of [
        ['another member', other],
        ['a leader of another area', otherLeader],
        ['someone not in the profession', nobody],
        ['an administrator', admin],
      ] as const) {
        const res = await viewer.get(checkin)
        expect(res.statusCode, name).toBe(403)
        expect(res.body).not.toContain('I led the payments service')
        expect((await viewer.get(pathwayOf(pat))).statusCode, name).toBe(403)
      }
      // A leader of the area reads it but cannot review it.
      const leaderView = $((await leader.get(checkin)).body)
      expect(leaderView('a[href$="/review"]').length).toBe(0)
      expect((await leader.get(`${checkin}/review`)).statusCode).toBe(403)
      expect((await head.get(`${checkin}/review`)).statusCode).toBe(403)
      const token = await leader.token()
      expect(
        (await leader.post(`${checkin}/review`, { _csrf: token, ...levelsFor('working'), version: '5' })).statusCode,
      ).toBe(403)
    })

    it("lists the check-in as waiting on the line manager's team page", async () => {
      const team = await mel.get('/team')
      expect(team.statusCode).toBe(200)
      const page = $(team.body)
      expect(page('[data-testid="waiting"] tbody tr').length).toBe(1)
      expect(page('[data-testid="waiting"]').text()).toContain('Pat Person')
      expect(page('[data-testid="waiting"] a').attr('href')).toBe(`${checkin}/review`)
      expect(page(`[data-testid="members"] tr[data-person="${pat.id}"]`).text()).toContain('Waiting for you')
      expect(page('[data-testid="overdue"]').text()).toContain('Pat Person')
      for (const viewer of [pat, leader, admin]) expect((await viewer.get('/team')).statusCode).toBe(403)
    })

    it("lets the line manager give their view, with the person's levels and evidence shown", async () => {
      const form = await mel.get(`${checkin}/review`)
      expect(form.statusCode).toBe(200)
      const page = $(form.body)
      const pm = page('[data-skill="product-management"]')
      expect(pm.find('.govuk-summary-list').text()).toContain('Expert')
      expect(pm.find('.govuk-summary-list').text()).toContain('I led the payments service through beta')
      expect(pm.find('input[type="radio"]').length).toBe(4)

      const missing = await mel.post(`${checkin}/review`, formFields(form.body, `${checkin}/review`))
      expect(missing.statusCode).toBe(400)
      expect($(missing.body)('.govuk-error-summary li').length).toBe(9)

      const res = await mel.post(`${checkin}/review`, {
        ...formFields(form.body, `${checkin}/review`),
        ...levelsFor('practitioner', { 'strategic-ownership': 'awareness' }),
        'note-strategic-ownership': 'We should talk about the roadmap',
      })
      expect(res.statusCode).toBe(303)
      expect(res.headers.location).toBe(`${checkin}/agree`)
    })

    it("keeps the line manager's answers when their view was saved in another tab", async () => {
      const tabOne = await mel.get(`${checkin}/review`)
      const tabTwo = await mel.get(`${checkin}/review`)
      const one = await mel.post(`${checkin}/review`, {
        ...formFields(tabOne.body, `${checkin}/review`),
        ...levelsFor('practitioner', { 'strategic-ownership': 'awareness' }),
        'note-strategic-ownership': 'We should talk about the roadmap',
      })
      expect(one.statusCode).toBe(303)
      const two = await mel.post(`${checkin}/review`, {
        ...formFields(tabTwo.body, `${checkin}/review`),
        ...levelsFor('practitioner', { 'strategic-ownership': 'working' }),
        'note-strategic-ownership': 'Typed in the second tab',
      })
      expect(two.statusCode).toBe(409)
      const page = $(two.body)
      expect(page('.govuk-error-summary').text()).toContain('saved in another tab or window')
      expect(page('input[name="level-strategic-ownership"][value="working"]').attr('checked')).toBeDefined()
      expect(page('textarea[name="note-strategic-ownership"]').text()).toBe('Typed in the second tab')
      // Saving again from this page replaces the view knowingly; the next test starts from tab one's.
      const again = await mel.post(`${checkin}/review`, {
        ...formFields(two.body, `${checkin}/review`),
        'level-strategic-ownership': 'awareness',
        'note-strategic-ownership': 'We should talk about the roadmap',
      })
      expect(again.statusCode).toBe(303)
    })

    it('keeps the agreed levels typed when the line manager changed their view in another tab', async () => {
      const agreeForm = await mel.get(`${checkin}/agree`)
      const review = await mel.get(`${checkin}/review`)
      expect(
        (await mel.post(`${checkin}/review`, { ...formFields(review.body, `${checkin}/review`) })).statusCode,
      ).toBe(303)
      const stale = await mel.post(`${checkin}/agree`, {
        ...formFields(agreeForm.body, `${checkin}/agree`),
        'level-product-management': 'practitioner',
        'level-strategic-ownership': 'working',
        note: 'Typed before the change',
      })
      expect(stale.statusCode).toBe(409)
      const page = $(stale.body)
      expect(page('.govuk-error-summary').text()).toContain('changed in another tab or window')
      expect(page('input[name="level-product-management"][value="practitioner"]').attr('checked')).toBeDefined()
      expect(page('textarea[name="note"]').text()).toBe('Typed before the change')
    })

    it('shows the two views side by side, marks the differences and records the agreed levels', async () => {
      const form = await mel.get(`${checkin}/agree`)
      expect(form.statusCode).toBe(200)
      const page = $(form.body)
      expect(page('[data-testid="differences"]').text()).toContain('differ on 2 skills')
      const pmRow = page('[data-testid="comparison"] tr[data-skill="product-management"]')
      expect(
        pmRow
          .find('td')
          .map((_, el) => page(el).text().trim())
          .get(),
      ).toEqual(['Expert', 'Practitioner', 'Practitioner', 'Different'])
      const agileRow = page('[data-testid="comparison"] tr[data-skill="agile-and-lean-practices"]')
      expect(agileRow.text()).toContain('Same')
      expect(agileRow.find('.govuk-tag').length).toBe(0)
      // Chosen already where the views match; left for the conversation where they differ.
      expect(page('input[name="level-agile-and-lean-practices"][value="practitioner"]').attr('checked')).toBeDefined()
      expect(
        page('input[name="level-product-management"]:checked, input[name="level-product-management"][checked]').length,
      ).toBe(0)

      const missing = await mel.post(`${checkin}/agree`, formFields(form.body, `${checkin}/agree`))
      expect(missing.statusCode).toBe(400)
      expect(
        $(missing.body)('.govuk-error-summary li')
          .map((_, el) => $(missing.body)(el).text().trim())
          .get(),
      ).toEqual(['Select the agreed level for Product management', 'Select the agreed level for Strategic ownership'])

      const res = await mel.post(`${checkin}/agree`, {
        ...formFields(form.body, `${checkin}/agree`),
        'level-product-management': 'practitioner',
        'level-strategic-ownership': 'working',
        'note-product-management': 'Expert next year',
        note: 'Focus on strategy',
      })
      expect(res.statusCode).toBe(303)
      expect(res.headers.location).toBe(checkin)
      const view = $((await pat.get(checkin)).body)
      expect(view('.govuk-tag').first().text().trim()).toBe('Agreed')
      const pm = view('[data-skill="product-management"]').text()
      expect(pm).toContain('Expert next year')
      expect(pm).toMatch(/Agreed level\s*Practitioner/)
      expect(view.text()).toContain('Focus on strategy')
      // Agreed means finished.
      expect((await mel.get(`${checkin}/agree`)).headers.location).toBe(checkin)
      expect((await mel.get(`${checkin}/review`)).headers.location).toBe(checkin)
    })

    it('never writes assessments into the audit log', async () => {
      const events = await ctx.app.services.audit.list({}, 1)
      const ours = events.events.filter(e => e.action.startsWith('checkin.'))
      // The line manager saved their view four times above (first view, two tabs, then a change).
      expect(ours.map(e => e.action).sort()).toEqual([
        'checkin.agreed',
        'checkin.reviewed',
        'checkin.reviewed',
        'checkin.reviewed',
        'checkin.reviewed',
        'checkin.submitted',
      ])
      for (const e of ours) expect(e.summary).not.toMatch(/payments|roadmap|strategy|Expert|Practitioner/i)
      expect(ctx.logs.join('\n')).not.toContain('I led the payments service')
    })

    it("shows the person's pathway: charts, the same data as a table, gaps with suggestions and the history", async () => {
      const res = await pat.get(pathwayOf(pat))
      expect(res.statusCode).toBe(200)
      const page = $(res.body)
      expect(page('h1').text().trim()).toBe('Your pathway')
      const charts = page('svg[role="img"]')
      expect(charts.length).toBe(2)
      const current = page('[data-testid="radar-current"] svg')
      expect(current.find('title').text()).toBe('Your levels against product manager')
      expect(current.attr('aria-labelledby')).toBe('radar-current-title radar-current-desc')
      expect(current.find('desc').text()).toContain(
        'Strategic ownership – Self-assessed: Working; Agreed: Working; Expected for product manager: Working.',
      )
      expect(page('[data-testid="radar-next"] title').text()).toBe('Your levels against senior product manager')

      const table = page('[data-testid="levels-table"]')
      expect(
        table
          .find('thead th')
          .map((_, el) => page(el).text().trim())
          .get(),
      ).toEqual([
        'Skill',
        'Self-assessed',
        'Agreed',
        'Expected for product manager',
        'Expected for senior product manager',
      ])
      const pmRow = table.find('tbody tr').filter((_, el) => page(el).find('th').text() === 'Product management')
      expect(
        pmRow
          .find('td')
          .map((_, el) => page(el).text().trim())
          .get(),
      ).toEqual(['Expert', 'Practitioner', 'Practitioner', 'Expert'])

      // Against senior product manager: product management (expert) and strategic ownership (practitioner).
      const gaps = page('[data-testid="gap"]')
      expect(gaps.map((_, el) => page(el).attr('data-skill')).get()).toEqual([
        'product-management',
        'strategic-ownership',
      ])
      const strategy = page('[data-testid="gap"][data-skill="strategic-ownership"]')
      expect(strategy.find('a[href^="/handbook/"]').length).toBeGreaterThan(0)
      expect(strategy.find('a[href^="/handbook/"]').length).toBeLessThanOrEqual(3)
      const plan = strategy.find(`a[href^="/people/${pat.id}/plan/goals/new?"]`)
      expect(plan.length).toBeGreaterThan(0)
      const href = new URL(plan.first().attr('href') ?? '', 'https://valuekit.test')
      expect(href.searchParams.get('skill')).toBe('strategic-ownership')
      expect(href.searchParams.get('sourceUrl')).toMatch(/^\/handbook\//)

      const history = page('[data-testid="history"] tbody tr')
      expect(history.length).toBe(1)
      expect(history.text()).toContain('Agreed')
      expect(history.text()).toContain('9 of 9')
      expect(history.find('a').attr('href')).toBe(checkin)
      expect(page('a[href$="/check-ins/new"]').length).toBe(1)
    })

    it('shows the pathway read-only to a leader of the area, with no links into the plan', async () => {
      const res = await leader.get(pathwayOf(pat))
      expect(res.statusCode).toBe(200)
      const page = $(res.body)
      expect(page('h1').text().trim()).toBe('Pathway')
      expect(page('a[href*="/plan/goals/new"]').length).toBe(0)
      expect(page('a[href$="/check-ins/new"]').length).toBe(0)
      expect(page('[data-testid="gap"]').length).toBe(2)
      expect((await head.get(pathwayOf(pat))).statusCode).toBe(200)
      expect((await mel.get(pathwayOf(pat))).statusCode).toBe(200)
    })
  })

  describe('old check-ins', () => {
    it('are read against the framework version they were made in', async () => {
      const current = await ctx.app.services.framework.current()
      const db = ctx.testDb.db.kysely
      const id = '00000000-0000-4000-8000-000000000001'
      await db
        .insertInto('checkins')
        .values({
          id,
          person_id: other.id,
          framework_version_id: current.id,
          role_slug: 'product-manager',
          kind: 'check-in',
          status: 'agreed',
          manager_id: null,
          created_at: '2025-01-01T09:00:00.000Z',
          submitted_at: '2025-01-01T09:00:00.000Z',
          reviewed_at: '2025-01-02T09:00:00.000Z',
          agreed_at: '2025-01-03T09:00:00.000Z',
          agreed_note: '',
          carried_from_id: null,
          version: 4,
        })
        .execute()
      await db
        .insertInto('checkin_ratings')
        .values({
          checkin_id: id,
          skill_slug: 'product-management',
          self_level: 'working',
          self_evidence: '',
          manager_level: 'working',
          manager_note: '',
          agreed_level: 'working',
          agreed_note: '',
        })
        .execute()
      // A newer framework version: the old check-in still reads against version 1.
      await db.updateTable('framework_versions').set({ status: 'superseded' }).execute()
      await db
        .insertInto('framework_versions')
        .values({
          id: '00000000-0000-4000-8000-000000000002',
          number: 2,
          name: 'A later framework',
          document: JSON.stringify({ ...current.document, skills: [], expectations: {} }),
          status: 'current',
          note: '',
          created_at: '2026-11-01T09:00:00.000Z',
          created_by: null,
          created_by_name: 'Valuekit',
          approved_by_name: null,
        })
        .execute()
      try {
        const res = await other.get(`/people/${other.id}/check-ins/${id}`)
        expect(res.statusCode).toBe(200)
        const page = $(res.body)
        expect(page('[data-testid="old-version"]').text()).toContain('framework version 1')
        const pm = page('[data-skill="product-management"]').text()
        expect(pm).toContain('Product management')
        expect(pm).toMatch(/What working looks like/)
      } finally {
        await db.deleteFrom('framework_versions').where('number', '=', 2).execute()
        await db.updateTable('framework_versions').set({ status: 'current' }).where('number', '=', 1).execute()
      }
    })

    it('answers not found for a check-in under someone else', async () => {
      const id = '00000000-0000-4000-8000-000000000001'
      expect((await head.get(`/people/${pat.id}/check-ins/${id}`)).statusCode).toBe(404)
    })
  })
})
