// The home page as each kind of person sees it: their own tasks, most urgent first, each linking
// to the page that does it, and "nothing needs you" when nothing does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  addPersonWithId,
  buildTestApp,
  formFields,
  setUpInstallation,
  saveTestProfile,
  type TestContext,
} from '../../test/build-test-app.ts'

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

const tasksOf = (html: string) => {
  const page = $(html)
  return page('[data-testid="tasks"] .govuk-task-list__item')
    .map((_, el) => ({
      title: page(el).find('.govuk-task-list__name-and-hint a').text().trim(),
      href: page(el).find('.govuk-task-list__name-and-hint a').attr('href') ?? '',
      status: page(el).find('.govuk-task-list__status').text().trim(),
    }))
    .get()
}

describe('the home page as a task list', () => {
  describe('a new installation', () => {
    let ctx: TestContext
    let admin: Agent
    beforeAll(async () => {
      ctx = await buildTestApp()
      admin = await setUpInstallation(ctx)
    })
    afterAll(() => ctx.close())

    it('leads the administrator to adding people, and stops once someone is added', async () => {
      const tasks = tasksOf((await admin.get('/')).body)
      expect(tasks).toEqual([{ title: 'Add the people of your profession', href: '/people/import', status: 'To do' }])
      await addPersonWithId(ctx, admin, 'member', 'Nell Newcomer')
      const after = await admin.get('/')
      expect(tasksOf(after.body)).toEqual([])
      expect($(after.body)('[data-testid="nothing-needs-you"]').text()).toContain('Nothing needs you right now')
    })
  })

  describe('a profession at work', () => {
    let ctx: TestContext
    let admin: Agent
    let amy: Named
    let pat: Named
    let mel: Named
    let head: Named
    let otherHead: Named

    beforeAll(async () => {
      ctx = await buildTestApp()
      admin = await setUpInstallation(ctx)
      const add = (name: string, role: 'member' | 'leader' = 'member') => addPersonWithId(ctx, admin, role, name)
      amy = await add('Amy Associate')
      pat = await add('Pat Person')
      mel = await add('Mel Manager')
      head = await add('Hope Head')
      otherHead = await add('Harry Head')
      await saveTestProfile(ctx, mel.id, { careerRole: 'senior-product-manager' })
      await saveTestProfile(ctx, head.id, { careerRole: 'head-of-product', headOfProfession: true })
      await saveTestProfile(ctx, otherHead.id, { careerRole: 'head-of-product', headOfProfession: true })
      await saveTestProfile(ctx, amy.id, { careerRole: 'associate-product-manager', lineManagerId: mel.id })
      await saveTestProfile(ctx, pat.id, { lineManagerId: mel.id })

      // Pat sends a check-in to Mel.
      const started = await pat.submit(`/people/${pat.id}/check-ins/new`, `/people/${pat.id}/check-ins/new`, {})
      const self = String(started.headers.location)
      const form = await pat.get(self)
      const checked = await pat.post(self, {
        ...formFields(form.body, self),
        ...Object.fromEntries(SKILLS.map(s => [`level-${s}`, 'working'])),
        action: 'submit',
      })
      // The answers are shown to check first, then sent.
      const check = String(checked.headers.location)
      expect(check).toBe(self.replace(/\/self$/, '/check'))
      const sent = await pat.post(check, formFields((await pat.get(check)).body, check))
      expect(sent.statusCode).toBe(303)

      // Hope proposes a change to the framework.
      const proposed = await head.submit('/framework/proposals/new/descriptor', '/framework/proposals/new/descriptor', {
        skill: 'product-leadership',
        level: 'expert',
        text: 'Sets the direction of several teams',
        reason: 'Clearer',
      })
      expect(proposed.statusCode).toBe(303)
    })
    afterAll(() => ctx.close())

    it('tells an associate who has never had a check-in to start one, as overdue', async () => {
      const tasks = tasksOf((await amy.get('/')).body)
      expect(tasks[0]).toEqual({
        title: 'Start your check-in',
        href: `/people/${amy.id}/check-ins/new`,
        status: 'Overdue',
      })
      // The page it links to starts one.
      expect((await amy.get(tasks[0]?.href ?? '')).statusCode).toBe(200)
    })

    it('gives a line manager the check-in waiting for them first, with a link to review it', async () => {
      const page = await mel.get('/')
      const tasks = tasksOf(page.body)
      expect(tasks[0]?.title).toBe("Give your view of Pat Person's check-in")
      expect(tasks[0]?.status).toBe('Waiting for you')
      expect(tasks[0]?.href).toMatch(new RegExp(`^/people/${pat.id}/check-ins/[0-9a-f-]{36}/review$`))
      expect((await mel.get(tasks[0]?.href ?? '')).statusCode).toBe(200)
      // Amy is overdue a check-in of her own: Mel is told once, after what she can do.
      expect(tasks.map(t => t.title)).toContain('Amy Associate is overdue a check-in')
      // Nobody else sees Pat's check-in among their tasks.
      for (const other of [amy, head, admin])
        expect(tasksOf((await other.get('/')).body).some(t => t.title.includes("Pat Person's check-in"))).toBe(false)
    })

    it('gives another head of profession the proposal to review, and not the one who made it', async () => {
      const [proposal] = await ctx.app.services.framework.proposals()
      const theirs = tasksOf((await otherHead.get('/')).body)
      expect(theirs).toContainEqual({
        title: `Review the proposal: ${proposal?.summary ?? ''}`,
        href: `/framework/proposals/${proposal?.id ?? ''}`,
        status: 'To review',
      })
      expect(tasksOf((await head.get('/')).body).some(t => t.href.startsWith('/framework/proposals/'))).toBe(false)
    })

    it('shows heads of profession a summary of the profession linking to the full views', async () => {
      const page = $((await otherHead.get('/')).body)
      const summary = page('[data-testid="profession-summary"]')
      expect(summary.text()).toContain('Check-ins overdue')
      expect(summary.find('a[href="/profession/capability#overdue"]').length).toBe(1)
      expect(summary.find('a[href="/profession/pathway"]').length).toBe(1)
      // Members see no summary.
      expect($((await pat.get('/')).body)('[data-testid="profession-summary"]').length).toBe(0)
    })

    it('says plainly when nothing needs someone', async () => {
      // Pat's check-in is with Mel: nothing needs Pat.
      const page = $((await pat.get('/')).body)
      expect(page('[data-testid="tasks"]').length).toBe(0)
      expect(page('[data-testid="nothing-needs-you"]').text()).toContain('Nothing needs you right now')
    })

    it('moves the check-in on to agreement once the line manager has given their view', async () => {
      const review = tasksOf((await mel.get('/')).body)[0]?.href ?? ''
      const form = await mel.get(review)
      const saved = await mel.post(review, {
        ...formFields(form.body, review),
        ...Object.fromEntries(SKILLS.map(s => [`level-${s}`, 'working'])),
      })
      expect(saved.statusCode).toBe(303)
      const [first] = tasksOf((await mel.get('/')).body)
      expect(first?.title).toBe("Record the agreed levels of Pat Person's check-in")
      expect(first?.href).toBe(review.replace(/review$/, 'agree'))
    })
  })
})
