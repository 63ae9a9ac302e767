// Peer feedback and confirming agreed levels. An administrator adds three people of one business
// area: a line manager, their report (a member of the profession) and a colleague. The member asks
// the colleague for feedback on one skill; the colleague answers from their home page; the member
// reads it, quotes it as evidence in their check-in, their line manager agrees the levels, and the
// member confirms them. With and without JavaScript (people of each project's own); axe on every page.
import type { Page } from '@playwright/test'
import { errorSummary, expect, follow, navigateBy, test, visit } from './support/fixtures.ts'
import type { ProfessionPerson } from './support/journey-data.ts'
import { addAccount, addToProfession, professionStatePath, setPassword } from './support/profession.ts'

const SKILL = 'Product management'
const SAID = 'You framed the problem for the claims team before anyone talked about screens'

function people(suffix: string): { manager: ProfessionPerson; member: ProfessionPerson; colleague: ProfessionPerson } {
  const area = `Peer feedback ${suffix}`
  const make = (key: string, name: string, careerRole: string, lineManager?: string): ProfessionPerson => ({
    key: `feedback-${key}`,
    name,
    email: `${name.toLowerCase().replace(/\s+/g, '.')}.${suffix}@example.gov.uk`,
    password: `harbour ${key} meadow ${suffix} quill`,
    accountRole: 'Member',
    careerRole,
    businessArea: area,
    ...(lineManager ? { lineManager } : {}),
  })
  const who = suffix === 'js' ? ['Iris Vale', 'Jon Reyes', 'Kit Moran'] : ['Lena Shaw', 'Max Ortiz', 'Noor Haddad']
  return {
    manager: make('manager', who[0] ?? '', 'Senior product manager'),
    member: make('member', who[1] ?? '', 'Product manager', 'feedback-manager'),
    colleague: make('colleague', who[2] ?? '', 'Product manager'),
  }
}

/** Every skill of a check-in form at one level, found by the legends of their fieldsets. */
async function chooseEverywhere(page: Page, level: string) {
  for (const group of await page.getByTestId('skill').all())
    await group.getByRole('radio', { name: level, exact: true }).check()
}

test('ask a colleague for feedback, use it as evidence, and confirm the agreed levels', async ({
  pageAs,
  freshPage,
  pageWithState,
}, testInfo) => {
  test.setTimeout(300_000)
  const project = testInfo.project.name
  const { manager, member, colleague } = people(project)

  // An administrator adds the three of them.
  const admin = await pageAs('administrator')
  for (const person of [manager, colleague, member]) {
    const { id, link } = await addAccount(admin, person)
    await setPassword(await freshPage(), link, person, professionStatePath(project, person))
    await addToProfession(admin, id, person, person.lineManager ? manager : undefined)
  }
  const me = await pageWithState(professionStatePath(project, member))
  const them = await pageWithState(professionStatePath(project, colleague))
  const boss = await pageWithState(professionStatePath(project, manager))

  // The member asks the colleague: every problem at once first.
  await visit(me, '/feedback')
  await follow(me, me.getByRole('button', { name: 'Ask for feedback' }))
  await navigateBy(me, () => me.getByRole('button', { name: 'Send your request' }).click())
  await expect(errorSummary(me)).toContainText('Select the colleagues you want feedback from')
  await expect(errorSummary(me)).toContainText('Select the skills you want feedback on')
  // Colleagues are found by name (a large profession is never listed in full); what is chosen and
  // typed is kept through the search.
  await me
    .getByRole('group', { name: 'Which skills do you want feedback on?' })
    .getByLabel(SKILL, { exact: true })
    .check()
  await me.getByLabel('Find colleagues by name or email address').fill(colleague.name)
  await navigateBy(me, () => me.getByRole('button', { name: 'Search', exact: true }).click())
  await expect(me.getByTestId('colleague-matches')).toContainText(`1 colleague matches ‘${colleague.name}’`)
  await expect(
    me.getByRole('group', { name: 'Which skills do you want feedback on?' }).getByLabel(SKILL, { exact: true }),
  ).toBeChecked()
  // The search and its results reflow at 320 px.
  const size = me.viewportSize()
  await me.setViewportSize({ width: 320, height: 800 })
  const wide = await me.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter(el => el.getBoundingClientRect().right > 321)
      .map(el => `${el.tagName.toLowerCase()}#${el.id}.${el.className.toString().replace(/\s+/g, '.')}`)
      .slice(0, 8),
  )
  expect(await me.evaluate(() => document.documentElement.scrollWidth), wide.join(' ')).toBeLessThanOrEqual(320)
  await me.screenshot({ path: testInfo.outputPath('colleague-search-320.png'), fullPage: true })
  if (size) await me.setViewportSize(size)
  await me.getByRole('group', { name: 'Colleagues' }).getByLabel(colleague.name).check()
  await me.getByLabel('A note to your colleagues (optional)').fill('Think about the claims discovery')
  await navigateBy(me, () => me.getByRole('button', { name: 'Send your request' }).click())
  await expect(me.getByText('Your request for feedback has been sent')).toBeVisible()

  // The colleague answers from their home page.
  await visit(them, '/')
  await follow(them, them.getByTestId('tasks').getByRole('link', { name: `Give ${member.name} feedback` }))
  await expect(them.getByText('Think about the claims discovery')).toBeVisible()
  await them.getByLabel(SKILL, { exact: true }).fill(SAID)
  await navigateBy(them, () => them.getByRole('button', { name: 'Send your feedback' }).click())
  await expect(them.getByText(`Your feedback has been sent to ${member.name}`)).toBeVisible()

  // The member reads it.
  await visit(me, '/feedback')
  await follow(me, me.getByTestId('your-requests').getByRole('link'))
  await expect(me.getByTestId('feedback-answer')).toContainText(SAID)

  // Their check-in quotes it as evidence for the skill, then goes to their line manager.
  await visit(me, '/pathway')
  await follow(me, me.getByRole('button', { name: 'Start a check-in' }))
  await navigateBy(me, () => me.getByRole('button', { name: 'Start your check-in' }).click())
  await chooseEverywhere(me, 'Working')
  await me
    .getByRole('group', { name: `Quote feedback from colleagues on ${SKILL}` })
    .getByRole('checkbox')
    .check()
  await navigateBy(me, () => me.getByRole('button', { name: 'Continue to check your answers' }).click())
  await expect(me.getByTestId('answers')).toContainText(`(feedback from ${colleague.name},`)
  await navigateBy(me, () => me.getByRole('button', { name: 'Send to my line manager' }).click())
  const checkin = new URL(me.url()).pathname

  // The line manager gives their view and records the agreed levels.
  await visit(boss, '/')
  await follow(
    boss,
    boss.getByTestId('tasks').getByRole('link', { name: `Give your view of ${member.name}'s check-in` }),
  )
  await chooseEverywhere(boss, 'Working')
  await navigateBy(boss, () => boss.getByRole('button', { name: 'Save and compare your views' }).click())
  // The two views match on every skill, so each agreed level is chosen already.
  await navigateBy(boss, () => boss.getByRole('button', { name: 'Record the agreed levels' }).click())
  await expect(boss.getByText(`You have recorded ${member.name}'s agreed levels`)).toBeVisible()

  // The member confirms them from their home page; their pathway says so.
  await visit(me, '/')
  await follow(me, me.getByTestId('tasks').getByRole('link', { name: 'Confirm or query your agreed levels' }))
  expect(new URL(me.url()).pathname).toBe(checkin)
  await navigateBy(me, () => me.getByRole('button', { name: 'Confirm these levels' }).click())
  await expect(me.getByText('You have confirmed your agreed levels')).toBeVisible()
  await visit(me, '/pathway')
  await expect(me.getByTestId('levels-response-line')).toContainText('confirmed by you on')
})
