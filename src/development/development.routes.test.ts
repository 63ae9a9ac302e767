// Development plans, 1:1s and rotations through their pages: who may see and change what, the
// forms and their errors, a goal prefilled from a suggested resource, and the manager's view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  addPersonWithId,
  buildTestApp,
  formFields,
  setUpInstallation,
  signIn,
  type TestContext,
  saveTestProfile,
} from '../../test/build-test-app.ts'
import type { ProfileChanges } from '../people/people.types.ts'
import { goalPrefillHref } from './development.schemas.ts'

type Named = Agent & { name: string; email: string; id: string }

const errorSummary = (html: string) => $(html)('.govuk-error-summary').text()

describe('development pages', () => {
  let ctx: TestContext
  let admin: Agent
  let associate: Named
  let manager: Named
  let senior: Named
  let leader: Named
  let otherLeader: Named
  let other: Named
  let head: Named
  let plan: string
  let oneToOnes: string

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    const add = (role: 'member' | 'leader', name: string): Promise<Named> => addPersonWithId(ctx, admin, role, name)
    associate = await add('member', 'Ava Associate')
    manager = await add('member', 'Mel Manager')
    senior = await add('member', 'Sam Senior')
    leader = await add('leader', 'Lee Leader')
    otherLeader = await add('leader', 'Lou Leader')
    other = await add('member', 'Otto Other')
    head = await add('member', 'Hope Head')
    const profile = (id: string, p: Partial<ProfileChanges> = {}) => saveTestProfile(ctx, id, p)
    await profile(manager.id, { careerRole: 'senior-product-manager' })
    await profile(senior.id, { careerRole: 'senior-product-manager' })
    await profile(associate.id, {
      careerRole: 'associate-product-manager',
      lineManagerId: manager.id,
      associateOfId: senior.id,
      oneToOneCadenceDays: 14,
    })
    await profile(leader.id, { careerRole: 'lead-product-manager' })
    await profile(otherLeader.id, { careerRole: 'lead-product-manager', businessArea: 'Benefits' })
    await profile(other.id)
    await profile(head.id, { careerRole: 'head-of-product', headOfProfession: true, businessArea: 'Central' })
    plan = `/people/${associate.id}/plan`
    oneToOnes = `/people/${associate.id}/one-to-ones`
  })
  afterAll(() => ctx.close())

  /**
   * Runs checks some days later, then turns the clock back. Sessions time out when idle, so the
   * checks sign in afresh and the browsers of the other tests are left untouched.
   */
  async function later(days: number, checks: () => Promise<void>): Promise<void> {
    ctx.clock.advance(days * 86_400_000)
    try {
      await checks()
    } finally {
      ctx.clock.advance(-days * 86_400_000)
    }
  }

  describe('the development plan', () => {
    it('is seen by the person, their line manager and associated senior, leaders of their area and heads of profession only', async () => {
      const own = await associate.get(plan)
      expect(own.statusCode).toBe(200)
      expect($(own.body)('h1').text()).toBe('Your development plan')
      expect($(own.body)('a[href$="/plan/goals/new"]').length).toBe(1)

      for (const viewer of [manager, senior, leader, head])
        expect((await viewer.get(plan)).statusCode, viewer.name).toBe(200)
      // A leader sees it but does not change it.
      expect($((await leader.get(plan)).body)('a[href$="/plan/goals/new"]').length).toBe(0)
      for (const viewer of [other, otherLeader, admin]) {
        const res = await viewer.get(plan)
        expect(res.statusCode).toBe(403)
        expect($(res.body)('h1').text()).toMatch(/cannot see this page/)
      }
    })

    it('lets the person and their line manager add goals, but not a leader', async () => {
      expect((await associate.get(`${plan}/goals/new`)).statusCode).toBe(200)
      expect((await manager.get(`${plan}/goals/new`)).statusCode).toBe(200)
      expect((await leader.get(`${plan}/goals/new`)).statusCode).toBe(403)
      const token = await leader.token()
      const res = await leader.post(`${plan}/goals/new`, {
        _csrf: token,
        title: 'Sneaky goal',
        measure: 'x',
        'dueOn-day': '1',
        'dueOn-month': '1',
        'dueOn-year': '2027',
      })
      expect(res.statusCode).toBe(403)
    })

    it('explains each mistake in a new goal and keeps what was typed', async () => {
      const form = await associate.get(`${plan}/goals/new`)
      const res = await associate.post(`${plan}/goals/new`, {
        ...formFields(form.body, `${plan}/goals/new`),
        title: 'Run a show and tell',
        measure: '',
        'dueOn-day': '31',
        'dueOn-month': '2',
        'dueOn-year': '2027',
        skills: ['product-management', 'not-a-skill'],
      })
      expect(res.statusCode).toBe(400)
      const page = $(res.body)
      const summary = errorSummary(res.body)
      expect(summary).toContain('Enter how you will know you have achieved it')
      expect(summary).toContain('The date the goal is due by must be a real date')
      expect(summary).toContain('Select skills from the list')
      expect(page('.govuk-error-summary a[href="#dueOn-day"]').length).toBe(1)
      expect(page('#title').val()).toBe('Run a show and tell')
      expect(page('#dueOn-day').val()).toBe('31')
      expect(page('#dueOn-day').hasClass('govuk-input--error')).toBe(true)
      expect(page('input[name="skills"][value="product-management"]').attr('checked')).toBeDefined()
      expect(page('title').text()).toMatch(/^Error: /)

      const missing = await associate.post(`${plan}/goals/new`, { ...formFields(form.body, `${plan}/goals/new`) })
      expect(errorSummary(missing.body)).toContain('Enter a title for the goal')
      expect(errorSummary(missing.body)).toContain('Enter the date the goal is due by')
      const partial = await associate.post(`${plan}/goals/new`, {
        ...formFields(form.body, `${plan}/goals/new`),
        'dueOn-day': '3',
        'dueOn-year': '2027',
      })
      expect(errorSummary(partial.body)).toContain('The date the goal is due by must include a month')
      expect($(partial.body)('.govuk-error-summary a[href="#dueOn-month"]').length).toBe(1)
    })

    it('adds a goal, groups goals by status and changes one', async () => {
      const form = await associate.get(`${plan}/goals/new`)
      const added = await associate.post(`${plan}/goals/new`, {
        ...formFields(form.body, `${plan}/goals/new`),
        title: 'Lead a discovery',
        measure: 'I have run a discovery and shared what we learned',
        'dueOn-day': '30',
        'dueOn-month': '6',
        'dueOn-year': '2027',
        skills: ['life-cycle-management', 'applying-user-centred-insights'],
      })
      expect(added.statusCode).toBe(303)
      expect(added.headers.location).toBe(plan)
      const page = $((await associate.get(plan)).body)
      expect(page('.govuk-notification-banner').text()).toContain('Goal added')
      const card = page('[data-testid="goal"]').filter((_, el) => page(el).text().includes('Lead a discovery'))
      expect(card.length).toBe(1)
      expect(card.prevAll('h2').first().text()).toContain('Not started')
      expect(card.text()).toContain('30 June 2027')
      expect(card.text()).toContain('Life cycle management')

      const goalHref = card.find('a').first().attr('href') ?? ''
      expect(goalHref).toMatch(/\/plan\/goals\/[0-9a-f-]{36}$/)
      const edit = await manager.get(`${goalHref}/edit`)
      expect(edit.statusCode).toBe(200)
      const saved = await manager.post(`${goalHref}/edit`, {
        ...formFields(edit.body, `${goalHref}/edit`),
        status: 'in-progress',
      })
      expect(saved.statusCode).toBe(303)
      const after = $((await associate.get(plan)).body)
      const moved = after('[data-testid="goal"]').filter((_, el) => after(el).text().includes('Lead a discovery'))
      expect(moved.prevAll('h2').first().text()).toContain('In progress')
    })

    it('shows both versions when two people change the same goal', async () => {
      const form = await associate.get(`${plan}/goals/new`)
      await associate.post(`${plan}/goals/new`, {
        ...formFields(form.body, `${plan}/goals/new`),
        title: 'Write better stories',
        measure: 'My team says the stories are clear',
        'dueOn-day': '1',
        'dueOn-month': '3',
        'dueOn-year': '2027',
      })
      const page = $((await associate.get(plan)).body)
      const href =
        page('[data-testid="goal"]')
          .filter((_, el) => page(el).text().includes('Write better stories'))
          .find('a')
          .first()
          .attr('href') ?? ''
      const mine = await associate.get(`${href}/edit`)
      const theirs = await manager.get(`${href}/edit`)
      const first = await manager.post(`${href}/edit`, {
        ...formFields(theirs.body, `${href}/edit`),
        measure: 'Stories pass the team’s review first time',
      })
      expect(first.statusCode).toBe(303)
      const second = await associate.post(`${href}/edit`, {
        ...formFields(mine.body, `${href}/edit`),
        title: 'Write clearer user stories',
      })
      expect(second.statusCode).toBe(409)
      const conflict = $(second.body)
      expect(conflict('[data-testid="conflict"]').text()).toContain('Stories pass the team’s review first time')
      expect(conflict('[data-testid="conflict"]').text()).toContain('Write clearer user stories')
      expect(conflict('#title').val()).toBe('Write clearer user stories')
      // Saving again from the conflict page works: it is based on the latest version now.
      const again = await associate.post(`${href}/edit`, formFields(second.body, `${href}/edit`))
      expect(again.statusCode).toBe(303)
      const goal = $((await associate.get(href)).body)
      expect(goal('h1').text()).toBe('Write clearer user stories')
    })

    it('adds progress notes, newest first with author and date', async () => {
      const page = $((await associate.get(plan)).body)
      const href = page('[data-testid="goal"] a').first().attr('href') ?? ''
      const empty = await associate.post(`${href}/notes`, { _csrf: await associate.token(href), text: '   ' })
      expect(empty.statusCode).toBe(400)
      expect(errorSummary(empty.body)).toContain('Enter a progress note')

      expect(
        (await associate.submit(href, `${href}/notes`, { text: 'Booked time with the user researcher' })).statusCode,
      ).toBe(303)
      ctx.clock.advance(60_000)
      expect((await manager.submit(href, `${href}/notes`, { text: 'Good progress <b>so far</b>' })).statusCode).toBe(
        303,
      )
      const notes = $((await leader.get(href)).body)('[data-testid="notes"] .moj-timeline__item')
      expect(notes.length).toBe(2)
      expect(notes.first().text()).toContain('Good progress <b>so far</b>')
      expect(notes.first().text()).toContain('by Mel Manager')
      expect(notes.last().text()).toContain('by Ava Associate')
      expect(notes.first().find('time').text()).toContain('2026')
      // A leader can read the plan and its notes, but not write in it.
      expect((await leader.post(`${href}/notes`, { _csrf: await leader.token(), text: 'Hello' })).statusCode).toBe(403)
      // Notes never reach the audit log.
      const audit = await ctx.app.services.audit.list({}, 1)
      expect(audit.events.some(e => e.summary.includes('Booked time'))).toBe(false)
      expect(audit.events.some(e => e.summary.startsWith('Added a progress note to a goal'))).toBe(true)
    })

    it('prefills a goal from a suggested resource and keeps the link with it', async () => {
      const href = goalPrefillHref(associate.id, {
        skill: 'agile-and-lean-practices',
        title: 'Read ‘Continuous delivery’',
        sourceTitle: 'Continuous delivery',
        sourceUrl: '/handbook/continuous-delivery',
      })
      const form = await associate.get(href)
      expect(form.statusCode).toBe(200)
      const page = $(form.body)
      expect(page('#title').val()).toBe('Read ‘Continuous delivery’')
      expect(page('input[name="skills"][value="agile-and-lean-practices"]').attr('checked')).toBeDefined()
      expect(page('input[name="sourceUrl"]').val()).toBe('/handbook/continuous-delivery')
      expect(page('.govuk-inset-text a').attr('href')).toBe('/handbook/continuous-delivery')

      const action = `${plan}/goals/new`
      const saved = await associate.post(action, {
        ...formFields(form.body, action),
        measure: 'I can explain the three ways to my team',
        'dueOn-day': '1',
        'dueOn-month': '2',
        'dueOn-year': '2027',
      })
      expect(saved.statusCode).toBe(303)
      const planPage = $((await associate.get(plan)).body)
      const card = planPage('[data-testid="goal"]').filter((_, el) =>
        planPage(el).text().includes('Read ‘Continuous delivery’'),
      )
      expect(card.find('a[href="/handbook/continuous-delivery"]').text()).toBe('Continuous delivery')
      expect(card.text()).toContain('Agile and Lean practices')
    })

    it('ignores an unsafe or unknown prefill, and refuses an unsafe link posted with the form', async () => {
      const form = await associate.get(
        `${plan}/goals/new?skill=no-such-skill&title=Hello&sourceTitle=Bad&sourceUrl=${encodeURIComponent('javascript:alert(1)')}`,
      )
      expect(form.statusCode).toBe(200)
      const page = $(form.body)
      expect(page('#title').val()).toBe('Hello')
      expect(page('input[name="sourceUrl"]').length).toBe(0)
      expect(form.body).not.toContain('javascript:alert')
      expect(page('input[name="skills"][checked]').length).toBe(0)

      const posted = await associate.post(`${plan}/goals/new`, {
        ...formFields(form.body, `${plan}/goals/new`),
        measure: 'x',
        'dueOn-day': '1',
        'dueOn-month': '2',
        'dueOn-year': '2027',
        sourceUrl: 'http://example.com/insecure',
      })
      expect(posted.statusCode).toBe(400)
      expect(errorSummary(posted.body)).toContain('The link to the suggested resource is not valid')
    })

    it('suggests handbook pages for a skill, each a link to a prefilled goal', async () => {
      const res = await associate.get(`${plan}/goals/new?skill=life-cycle-management`)
      const page = $(res.body)
      const suggestions = page('[data-testid="suggestions"]')
      expect(suggestions.find('a[href="/handbook/the-product-lifecycle"]').length).toBe(1)
      const make = suggestions.find('a[href*="sourceUrl=%2Fhandbook%2Fthe-product-lifecycle"]').first()
      expect(make.text()).toContain('Make a goal of this page')
      const next = await associate.get(make.attr('href') ?? '')
      expect($(next.body)('input[name="sourceUrl"]').val()).toBe('/handbook/the-product-lifecycle')
    })

    it('lets the associated senior see and change the plan, and reach it from the 1:1s, but never see check-ins', async () => {
      // The associate has a check-in waiting for their line manager.
      const { people, pathway } = ctx.app.services
      const viewer = await people.viewer({
        id: associate.id,
        name: associate.name,
        email: associate.email,
        role: 'member',
      })
      if (!viewer) throw new Error('No viewer')
      const draft = await pathway.startCheckin(viewer, associate.id)
      const { skills } = await pathway.checkin(associate.id, draft.id)
      const ratings = Object.fromEntries(
        skills.map(s => [s.skill.slug, { level: 'working' as const, evidence: 'Mine' }]),
      )
      await pathway.saveSelf(viewer, associate.id, draft.id, { ratings }, draft.version, true)
      const checkin = `/people/${associate.id}/check-ins/${draft.id}`
      const pathwayPage = `/people/${associate.id}/pathway`
      expect((await manager.get(checkin)).statusCode).toBe(200)

      // The plan is a tab beside their 1:1s and rotations; the pathway is not.
      const tabs = (html: string) =>
        $(html)('.moj-sub-navigation a')
          .map((_, a) => $(html)(a).attr('href'))
          .get()
      expect(tabs((await senior.get(oneToOnes)).body)).toEqual([plan, oneToOnes, `/people/${associate.id}/rotations`])
      expect(tabs((await manager.get(oneToOnes)).body)).toContain(pathwayPage)

      const page = await senior.get(plan)
      expect($(page.body)('h1').text()).toBe('Development plan')
      expect(tabs(page.body)).not.toContain(pathwayPage)
      expect($(page.body)('a[href$="/plan/goals/new"]').length).toBe(1)
      const added = await senior.submit(`${plan}/goals/new`, `${plan}/goals/new`, {
        title: 'Shadow a service assessment',
        measure: 'I can explain what the panel looked for',
        'dueOn-day': '15',
        'dueOn-month': '5',
        'dueOn-year': '2027',
      })
      expect(added.statusCode).toBe(303)
      const after = $((await associate.get(plan)).body)
      const href =
        after('[data-testid="goal"]')
          .filter((_, el) => after(el).text().includes('Shadow a service assessment'))
          .find('a')
          .first()
          .attr('href') ?? ''
      expect(href).toMatch(/\/plan\/goals\/[0-9a-f-]{36}$/)
      expect((await senior.submit(href, `${href}/notes`, { text: 'Booked for the next one' })).statusCode).toBe(303)
      const edit = await senior.get(`${href}/edit`)
      expect(edit.statusCode).toBe(200)
      const changed = await senior.post(`${href}/edit`, {
        ...formFields(edit.body, `${href}/edit`),
        status: 'in-progress',
      })
      expect(changed.statusCode).toBe(303)
      expect($((await associate.get(href)).body)('[data-testid="notes"]').text()).toContain('by Sam Senior')

      // Check-ins stay with the person, their line manager, leaders and heads of profession.
      for (const url of [pathwayPage, checkin, `${checkin}/review`]) {
        const res = await senior.get(url)
        expect(res.statusCode, url).toBe(403)
        expect(res.body).not.toContain('Mine')
      }
      // Someone who is neither still sees nothing of the plan.
      expect((await other.get(href)).statusCode).toBe(403)
      expect((await other.post(`${href}/notes`, { _csrf: await other.token(), text: 'Hello' })).statusCode).toBe(403)
    })

    it('flags an overdue goal in words and with a tag', async () => {
      await later(400, async () => {
        const page = $((await (await signIn(ctx, associate.email)).get(plan)).body)
        expect(page('[data-testid="plan-summary"]').text()).toMatch(/\d+ overdue/)
        const card = page('[data-testid="goal"]').filter((_, el) => page(el).text().includes('Lead a discovery'))
        expect(card.find('.govuk-tag').text()).toContain('Overdue')
        expect(card.find('.govuk-summary-card__title').text()).toContain('(overdue)')
      })
    })
  })

  describe('1:1s', () => {
    let meetingWithSenior: string
    let meetingWithManager: string

    it('are listed for the person, their line manager and associated senior, not leaders or heads of profession', async () => {
      for (const viewer of [associate, manager, senior]) expect((await viewer.get(oneToOnes)).statusCode).toBe(200)
      for (const viewer of [leader, head, other, admin]) expect((await viewer.get(oneToOnes)).statusCode).toBe(403)
      const page = $((await associate.get(oneToOnes)).body)
      expect(page('[data-testid="cadence"]').text()).toContain('Every 14 days (fortnightly)')
      expect(page('[data-testid="cadence"]').text()).toContain('No 1:1 yet')
    })

    it('lets the person choose who a 1:1 was with, and explains mistakes', async () => {
      const form = await associate.get(`${oneToOnes}/new`)
      const choices = $(form.body)('input[name="withId"]')
      expect(choices.length).toBe(2)
      expect($(form.body)('#heldOn-day').val()).toBe('24')

      const bad = await associate.post(`${oneToOnes}/new`, {
        ...formFields(form.body, `${oneToOnes}/new`),
        agenda: 'Rotation plans',
        'heldOn-month': '13',
      })
      expect(bad.statusCode).toBe(400)
      expect(errorSummary(bad.body)).toContain('Select who the 1:1 is with')
      expect(errorSummary(bad.body)).toContain('The date of the 1:1 must be a real date')
      expect($(bad.body)('#agenda').text()).toBe('Rotation plans')

      const saved = await associate.post(`${oneToOnes}/new`, {
        ...formFields(form.body, `${oneToOnes}/new`),
        withId: senior.id,
        'heldOn-day': '20',
        'heldOn-month': '11',
        'heldOn-year': '2026',
        agenda: 'Rotation plans',
        notes: 'Talked about moving to the benefits team in the spring',
      })
      expect(saved.statusCode).toBe(303)
      meetingWithSenior = String(saved.headers.location)
      const page = $((await associate.get(meetingWithSenior)).body)
      expect(page('h1').text()).toBe('1:1 on 20 November 2026')
      expect(page('[data-testid="notes"]').text()).toContain('moving to the benefits team')
    })

    it('lets the line manager record a 1:1 only with themselves', async () => {
      const form = await manager.get(`${oneToOnes}/new`)
      expect($(form.body)('input[type="radio"][name="withId"]').length).toBe(0)
      expect($(form.body)('input[type="hidden"][name="withId"]').val()).toBe(manager.id)
      const forged = await manager.post(`${oneToOnes}/new`, {
        ...formFields(form.body, `${oneToOnes}/new`),
        withId: senior.id,
      })
      expect(forged.statusCode).toBe(400)
      const saved = await manager.post(`${oneToOnes}/new`, {
        ...formFields(form.body, `${oneToOnes}/new`),
        'heldOn-day': '10',
        'heldOn-month': '11',
        'heldOn-year': '2026',
        agenda: 'Objectives for the quarter',
        notes: 'Private words about a difficult week',
      })
      expect(saved.statusCode).toBe(303)
      meetingWithManager = String(saved.headers.location)
    })

    it('keeps agenda, notes and actions private to the two people', async () => {
      expect((await senior.get(meetingWithSenior)).statusCode).toBe(200)
      for (const viewer of [manager, leader, head, other]) {
        const res = await viewer.get(meetingWithSenior)
        expect(res.statusCode, viewer.name).toBe(403)
        expect(res.body).not.toContain('benefits team')
      }
      expect((await senior.get(meetingWithManager)).statusCode).toBe(403)
      expect((await manager.get(`${meetingWithSenior}/edit`)).statusCode).toBe(403)

      // The manager's list shows that the other 1:1 happened, and nothing of what was said.
      const list = await manager.get(oneToOnes)
      const past = $(list.body)('[data-testid="past"]')
      expect(past.text()).toContain('Private to the two people in it')
      expect(past.find(`a[href="${meetingWithSenior}"]`).length).toBe(0)
      expect(past.find(`a[href="${meetingWithManager}"]`).length).toBe(1)
      expect(list.body).not.toContain('Rotation plans')

      // Audit says who met, never what was said; logs hold neither.
      const audit = await ctx.app.services.audit.list({}, 1)
      expect(audit.events.map(e => e.summary)).toContain('Recorded a 1:1 between Ava Associate and Sam Senior')
      expect(audit.events.some(e => /benefits team|Rotation plans|difficult week/.test(e.summary))).toBe(false)
      expect(ctx.logs.join('\n')).not.toMatch(/benefits team|difficult week|Rotation plans/)
    })

    it('adds actions with an owner and due date, and marks them done', async () => {
      const action = `${meetingWithSenior}/actions`
      const page = await senior.get(meetingWithSenior)
      const bad = await senior.post(action, { ...formFields(page.body, action), actionText: 'Book the move' })
      expect(bad.statusCode).toBe(400)
      expect(errorSummary(bad.body)).toContain('Select who will do the action')
      expect(errorSummary(bad.body)).toContain('Enter the date the action is due by')
      expect($(bad.body)('#actionText').text()).toBe('Book the move')

      const foreign = await senior.post(action, {
        ...formFields(page.body, action),
        actionText: 'Book the move',
        ownerId: manager.id,
        'actionDueOn-day': '1',
        'actionDueOn-month': '12',
        'actionDueOn-year': '2026',
      })
      expect(foreign.statusCode).toBe(400)

      const added = await senior.post(action, {
        ...formFields(page.body, action),
        actionText: 'Book the move',
        ownerId: associate.id,
        'actionDueOn-day': '1',
        'actionDueOn-month': '12',
        'actionDueOn-year': '2026',
      })
      expect(added.statusCode).toBe(303)
      const withAction = $((await associate.get(meetingWithSenior)).body)
      const row = withAction('[data-testid="actions"] tbody tr')
      expect(row.length).toBe(1)
      expect(row.text()).toContain('Book the move')
      expect(row.find('td').eq(1).text().trim()).toBe('Ava Associate')
      expect(row.text()).toContain('1 December 2026')
      const done = row.find('form').attr('action') ?? ''
      expect(done).toMatch(/\/actions\/[0-9a-f-]{36}\/done$/)
      expect((await manager.post(done, { _csrf: await manager.token() })).statusCode).toBe(403)
      const marked = await associate.post(done, { _csrf: await associate.token() })
      expect(marked.statusCode).toBe(303)
      const after = $((await associate.get(meetingWithSenior)).body)('[data-testid="actions"] tbody tr')
      expect(after.find('.govuk-tag').text()).toContain('Done')
      expect(after.find('form').length).toBe(0)
    })

    it('shows both versions when the two change the record at the same time', async () => {
      const edit = `${meetingWithManager}/edit`
      const mine = await associate.get(edit)
      const theirs = await manager.get(edit)
      expect(
        (await manager.post(edit, { ...formFields(theirs.body, edit), notes: 'Agreed to take a week off' })).statusCode,
      ).toBe(303)
      const clash = await associate.post(edit, { ...formFields(mine.body, edit), notes: 'I will think about it' })
      expect(clash.statusCode).toBe(409)
      const conflict = $(clash.body)('[data-testid="conflict"]').text()
      expect(conflict).toContain('Agreed to take a week off')
      expect(conflict).toContain('I will think about it')
      expect($(clash.body)('#notes').text()).toBe('I will think about it')
    })

    it('flags an overdue 1:1 on the person’s page and on the manager’s list', async () => {
      // Last 1:1 on 20 November, every 14 days: due by 4 December.
      const before = $((await associate.get(oneToOnes)).body)('[data-testid="cadence"]').text()
      expect(before).toContain('Due by 4 December 2026')
      expect(before).not.toContain('Overdue')
      await later(12, async () => {
        const after = $((await (await signIn(ctx, associate.email)).get(oneToOnes)).body)(
          '[data-testid="cadence"]',
        ).text()
        expect(after).toContain('Overdue')
        expect(after).toContain('Was due by 4 December 2026 (2 days ago)')

        const overview = $((await (await signIn(ctx, manager.email)).get('/one-to-ones')).body)
        const row = overview('[data-testid="report"]')
        expect(row.length).toBe(1)
        expect(row.text()).toContain('Ava Associate')
        expect(row.text()).toContain('20 November 2026')
        expect(row.find('.govuk-tag').text()).toContain('Overdue')
        expect(overview('[data-testid="overdue-count"]').text()).toBe('1 person is overdue a 1:1.')
        // The senior's view counts the open actions from their own 1:1s only (the one is done).
        const seniorPage = await (await signIn(ctx, senior.email)).get('/one-to-ones')
        const seniorView = $(seniorPage.body)
        const openActions = seniorView('[data-testid="report"] dt')
          .filter((_, el) => seniorView(el).text().includes('Open actions'))
          .next('dd')
        expect(openActions.text().trim()).toBe('0')
      })
      const nobody = $((await other.get('/one-to-ones')).body)
      expect(nobody('[data-testid="reports"]').length).toBe(0)
      expect(nobody('main').text()).toContain('Nobody has you as their line manager')
    })
  })

  describe('rotations', () => {
    const rotations = () => `/people/${associate.id}/rotations`

    it('are seen by the person and those who arrange them, and added by those only', async () => {
      for (const viewer of [associate, manager, senior, leader, head])
        expect((await viewer.get(rotations())).statusCode, viewer.name).toBe(200)
      for (const viewer of [other, otherLeader, admin]) expect((await viewer.get(rotations())).statusCode).toBe(403)
      expect((await associate.get(`${rotations()}/new`)).statusCode).toBe(403)
      expect((await leader.get(`${rotations()}/new`)).statusCode).toBe(200)
      // Placements are for associates.
      expect((await head.get(`/people/${other.id}/rotations/new`)).statusCode).toBe(403)
    })

    it('adds and changes placements and sums up the phases and stages experienced', async () => {
      const action = `${rotations()}/new`
      const form = await manager.get(action)
      const bad = await manager.post(action, {
        ...formFields(form.body, action),
        team: 'Payments',
        'startedOn-day': '1',
        'startedOn-month': '9',
        'startedOn-year': '2026',
        'endedOn-day': '1',
        'endedOn-month': '8',
        'endedOn-year': '2026',
      })
      expect(bad.statusCode).toBe(400)
      const summary = errorSummary(bad.body)
      expect(summary).toContain('Enter the product or service')
      expect(summary).toContain('Select the phase the product was in')
      expect(summary).toContain('The end date must be the same as or after the start date')
      expect($(bad.body)('#team').val()).toBe('Payments')

      const saved = await manager.post(action, {
        ...formFields(form.body, action),
        team: 'Payments',
        product: 'Pay a fine',
        phase: 'beta',
        stage: 'growth',
        'startedOn-day': '1',
        'startedOn-month': '9',
        'startedOn-year': '2026',
      })
      expect(saved.statusCode).toBe(303)
      const second = await leader.post(action, {
        ...formFields(form.body, action),
        _csrf: await leader.token(),
        team: 'Licensing',
        product: 'Apply for a licence',
        phase: 'discovery',
        stage: 'introduction',
        'startedOn-day': '1',
        'startedOn-month': '3',
        'startedOn-year': '2026',
        'endedOn-day': '31',
        'endedOn-month': '8',
        'endedOn-year': '2026',
      })
      expect(second.statusCode).toBe(303)

      const page = $((await associate.get(rotations())).body)
      const rows = page('[data-testid="placement"]')
      expect(rows.length).toBe(2)
      expect(rows.first().text()).toContain('Pay a fine')
      expect(rows.first().find('.govuk-tag').text()).toContain('Current')
      expect(page('[data-testid="placements"] a').length).toBe(0)
      const phases = page('[data-testid="phases"]').text()
      expect(phases).toContain('Discovery: experienced (1 placement)')
      expect(phases).toContain('Beta: experienced (1 placement)')
      expect(phases).toContain('Alpha: not yet')
      expect(page('[data-testid="stages"]').text()).toContain('Maturity: not yet')
      expect(page('#phases + p').text()).toBe('Experienced 2 of 5; not yet alpha, live, retirement.')

      const changeHref =
        $((await manager.get(rotations())).body)('[data-testid="placements"] a')
          .first()
          .attr('href') ?? ''
      const edit = await manager.get(changeHref)
      expect($(edit.body)('#product').val()).toBe('Pay a fine')
      const changed = await manager.post(changeHref, { ...formFields(edit.body, changeHref), phase: 'live' })
      expect(changed.statusCode).toBe(303)
      const updated = $((await associate.get(rotations())).body)('[data-testid="phases"]').text()
      expect(updated).toContain('Live: experienced (1 placement)')
      expect(updated).toContain('Beta: not yet')
      expect((await associate.post(changeHref, { _csrf: await associate.token(), team: 'x' })).statusCode).toBe(403)
    })
  })

  it('answers 404 for records of another person or that do not exist', async () => {
    const page = $((await associate.get(plan)).body)
    const goalHref = page('[data-testid="goal"] a').first().attr('href') ?? ''
    const goalId = goalHref.split('/').pop() ?? ''
    // The other person's own plan does not hold the associate's goal.
    expect((await other.get(`/people/${other.id}/plan/goals/${goalId}`)).statusCode).toBe(404)
    expect((await associate.get(`${plan}/goals/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404)
    expect((await associate.get('/people/00000000-0000-4000-8000-000000000000/plan')).statusCode).toBe(404)
  })
})

describe('the goal form of someone in a career role', () => {
  let ctx: TestContext

  beforeAll(async () => {
    ctx = await buildTestApp()
  })
  afterAll(() => ctx.close())

  it('offers only the skills their role and the next one expect', async () => {
    const admin = await setUpInstallation(ctx, { leadership: 'yes' })
    const pat = await addPersonWithId(ctx, admin, 'member', 'Pat Person')
    await saveTestProfile(ctx, pat.id, { careerRole: 'associate-product-manager' })
    const page = $((await pat.get(`/people/${pat.id}/plan/goals/new`)).body)
    const offered = page('input[name="skills"]')
      .map((_, input) => page(input).val())
      .get()
    const doc = (await ctx.app.services.framework.current()).document
    const leadership = doc.skills.filter(s => s.group === 'leadership').map(s => s.slug)
    expect(leadership.length).toBeGreaterThan(0)
    expect(offered.length).toBeGreaterThan(0)
    for (const slug of leadership) expect(offered).not.toContain(slug)
    const expected = (role: string) =>
      Object.entries(doc.expectations[role] ?? {}).flatMap(([slug, level]) => (level ? [slug] : []))
    // An associate's next role is product manager: what either expects is on offer.
    expect(new Set(offered)).toEqual(
      new Set([...expected('associate-product-manager'), ...expected('product-manager')]),
    )
  })
})
