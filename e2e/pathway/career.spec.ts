// The career pathway, from a person's first check-in to a new version of the framework. An
// administrator adds the people of one business area (a line manager and their report), a head of
// profession and a leader of another area; then, in order:
// 1. the report's first check-in, to levels agreed with their line manager;
// 2. a development plan goal made from a resource suggested for a gap;
// 3. a 1:1 with an action, which only the two people in it can see;
// 4. a framework proposal approved, and the agreed levels carried across to the new version;
// 5. the head of profession's home page (the profession summary, and a reader's answer about a page
//    they own followed to done), the profession views, and the team page for the line manager.
// The tests run in order and share the people; each project (js, no-js) has people of its own.
import type { Locator, Page } from '@playwright/test'
import { PEOPLE } from '../support/people.ts'
import {
  errorSummary,
  escapeRegExp,
  expect,
  follow,
  navigateBy,
  summaryValue,
  test,
  visit,
} from '../support/fixtures.ts'
import type { ProfessionPerson } from '../support/journey-data.ts'
import { addAccount, addToProfession, pathwayPeople, professionStatePath, setPassword } from '../support/profession.ts'

test.describe.configure({ mode: 'serial' })

/** Account ids of the people added by the first test, by key. */
const ids = new Map<string, string>()
const idOf = (person: ProfessionPerson): string => {
  const id = ids.get(person.key)
  if (!id) throw new Error(`${person.name} was not added`)
  return id
}

/** The report's own view of each skill of a product manager, and the line manager's where it differs. */
const SELF_LEVELS: Record<string, string> = {
  'Agile and Lean practices': 'Expert',
  'Applying user-centred insights': 'Practitioner',
  'Creating value for money': 'Working',
  'Life cycle management': 'Working',
  'Managing product outcomes': 'Working',
  'Product leadership': 'Working',
  'Product management': 'Practitioner',
  'Stakeholder relationship management': 'Practitioner',
  'Strategic ownership': 'Working',
}
const DIFFERENT_SKILL = 'Agile and Lean practices'
const MANAGER_LEVEL = 'Practitioner'
const AGREED_LEVELS: Record<string, string> = { ...SELF_LEVELS, [DIFFERENT_SKILL]: MANAGER_LEVEL }
const LEFT_OUT = 'Strategic ownership'

/** A link in the service navigation at the top of every page. */
const navLink = (page: Page, name: string): Locator =>
  page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true })

/** The radios of one skill on a check-in form, found by the legend of their fieldset. */
/** A task on the home page's list of what needs the person, by the words of its link. */
const homeTask = (page: Page, name: string): Locator =>
  page.getByTestId('tasks').getByRole('link', { name, exact: true })
const levelGroup = (page: Page, legend: string): Locator => page.getByRole('group', { name: legend, exact: true })

/** The cells of a table row as text, the row header first. */
async function rowTexts(row: Locator): Promise<string[]> {
  return (await row.locator('th, td').allInnerTexts()).map(t => t.trim())
}

test('an administrator adds a line manager, their report, a head of profession and a leader of another area', async ({
  pageAs,
  freshPage,
  journey,
}, testInfo) => {
  test.setTimeout(240_000)
  const admin = await pageAs('administrator')
  const everyone = pathwayPeople(journey.pathway)
  for (const person of everyone) {
    const { id, link } = await addAccount(admin, person)
    ids.set(person.key, id)
    await setPassword(await freshPage(), link, person, professionStatePath(testInfo.project.name, person))
    const lineManager = everyone.find(p => p.key === person.lineManager)
    await addToProfession(admin, id, person, lineManager)
  }
  // The people list shows the report with their line manager.
  await visit(admin, '/people')
  const { report, manager } = journey.pathway
  const row = admin.getByRole('row', { name: new RegExp(`^${escapeRegExp(report.name)}`) })
  await expect(row).toContainText(manager.name)
  await expect(row).toContainText(report.businessArea)
})

test('a person’s first check-in, to levels agreed with their line manager', async ({
  pageWithState,
  journey,
}, testInfo) => {
  test.setTimeout(180_000)
  const { report, manager } = journey.pathway
  const me = await pageWithState(professionStatePath(testInfo.project.name, report))
  await visit(me, '/')
  // Never checked in: their home page says a check-in is overdue.
  await expect(homeTask(me, 'Start your check-in')).toBeVisible()
  await follow(me, navLink(me, 'Your pathway'))
  await expect(me.getByRole('heading', { level: 1, name: 'Your pathway' })).toBeVisible()
  await expect(me.getByTestId('no-history')).toHaveText('No check-ins yet.')
  await follow(me, me.getByRole('button', { name: 'Start a check-in' }))
  await expect(me.getByRole('heading', { level: 1, name: 'Start a check-in' })).toBeVisible()
  await navigateBy(me, () => me.getByRole('button', { name: 'Start your check-in' }).click())
  await expect(me).toHaveURL(/\/check-ins\/[0-9a-f-]{36}\/self$/)
  await expect(me.getByRole('heading', { level: 1, name: 'Assess your skills' })).toBeVisible()
  const checkinPath = new URL(me.url()).pathname.replace(/\/self$/, '')

  // The form asks about each skill of a product manager, with what each level looks like as hints.
  const legends = (await me.getByTestId('skill').locator('legend').allInnerTexts()).map(t => t.trim())
  expect([...legends].sort()).toEqual(Object.keys(SELF_LEVELS).sort())
  const hints = (await levelGroup(me, 'Product management').locator('.govuk-radios__hint').allInnerTexts()).map(t =>
    t.trim(),
  )
  expect(new Set(hints.filter(h => h.length > 20)).size, 'a different descriptor for each level').toBe(4)
  await expect(
    levelGroup(me, 'Product management').getByRole('radio', { name: 'Practitioner' }),
  ).toHaveAccessibleDescription(hints[2] ?? '')

  // First try: every level but one, and evidence for one skill.
  const evidence = `Ran a discovery with the claims team and shared what we learned (${journey.suffix}).`
  for (const [skill, level] of Object.entries(SELF_LEVELS))
    if (skill !== LEFT_OUT) await levelGroup(me, skill).getByRole('radio', { name: level, exact: true }).check()
  await me.getByLabel('Evidence for Applying user-centred insights (optional)').fill(evidence)
  await navigateBy(me, () => me.getByRole('button', { name: 'Continue to check your answers' }).click())
  await expect(me).toHaveTitle(/^Error: /)
  const missing = `Select your level for ${LEFT_OUT}`
  await expect(errorSummary(me).getByRole('link', { name: missing })).toHaveAttribute(
    'href',
    '#level-strategic-ownership',
  )
  await expect(levelGroup(me, LEFT_OUT)).toContainText(missing)
  // Their other answers are kept.
  for (const [skill, level] of Object.entries(SELF_LEVELS))
    if (skill !== LEFT_OUT)
      await expect(levelGroup(me, skill).getByRole('radio', { name: level, exact: true })).toBeChecked()
  await expect(me.getByLabel('Evidence for Applying user-centred insights (optional)')).toHaveValue(evidence)

  // Second try: the missing level too, and submit.
  await levelGroup(me, LEFT_OUT).getByRole('radio', { name: SELF_LEVELS[LEFT_OUT], exact: true }).check()
  await navigateBy(me, () => me.getByRole('button', { name: 'Continue to check your answers' }).click())

  // Check your answers: each skill with its level and evidence, and a way back to change it.
  await expect(
    me.getByRole('heading', { level: 1, name: 'Check your answers before sending your check-in' }),
  ).toBeVisible()
  const answers = me.getByTestId('answers')
  await expect(answers.locator('.govuk-summary-list__row')).toHaveCount(Object.keys(SELF_LEVELS).length)
  await expect(answers).toContainText(evidence)
  await follow(me, answers.getByRole('link', { name: `Change your level and evidence for ${LEFT_OUT}` }))
  await expect(levelGroup(me, LEFT_OUT).getByRole('radio', { name: SELF_LEVELS[LEFT_OUT], exact: true })).toBeChecked()
  await navigateBy(me, () => me.getByRole('button', { name: 'Continue to check your answers' }).click())
  await navigateBy(me, () => me.getByRole('button', { name: 'Send to my line manager' }).click())
  await expect(me.getByText('Your check-in has been sent to your line manager')).toBeVisible()
  expect(new URL(me.url()).pathname).toBe(checkinPath)
  await expect(summaryValue(me, 'Status')).toHaveText('Waiting for line manager')
  await expect(summaryValue(me, 'Line manager')).toHaveText(manager.name)

  // The line manager finds it at the top of their home page's tasks and gives their view: one level differs.
  const boss = await pageWithState(professionStatePath(testInfo.project.name, manager))
  await visit(boss, '/')
  const reviewTask = homeTask(boss, `Give your view of ${report.name}'s check-in`)
  await expect(boss.getByTestId('tasks').getByRole('listitem').first()).toContainText(
    `Give your view of ${report.name}'s check-in`,
  )
  await expect(boss.getByTestId('tasks').getByRole('listitem').first()).toContainText('Waiting for you')
  await follow(boss, reviewTask)
  await expect(
    boss.getByRole('heading', { level: 1, name: `Give your view of ${report.name}'s check-in` }),
  ).toBeVisible()
  const managerNote = `Strong at retrospectives; next, coach the team to run them (${journey.suffix}).`
  for (const [skill, level] of Object.entries(SELF_LEVELS)) {
    const view = skill === DIFFERENT_SKILL ? MANAGER_LEVEL : level
    await levelGroup(boss, `Your view of ${skill}`).getByRole('radio', { name: view, exact: true }).check()
  }
  await boss.getByLabel(`Your note on ${DIFFERENT_SKILL} (optional)`).fill(managerNote)
  await navigateBy(boss, () => boss.getByRole('button', { name: 'Save and compare your views' }).click())

  // The two views side by side, the difference marked in words.
  await expect(boss).toHaveURL(new RegExp(`${escapeRegExp(checkinPath)}/agree$`))
  await expect(boss.getByTestId('differences')).toContainText(`Your view and ${report.name}'s differ on 1 skill.`)
  const comparison = boss.getByRole('table', { name: 'Your views side by side' })
  expect(await rowTexts(comparison.getByRole('row', { name: new RegExp(`^${DIFFERENT_SKILL}`) }))).toEqual([
    DIFFERENT_SKILL,
    SELF_LEVELS[DIFFERENT_SKILL],
    MANAGER_LEVEL,
    'Practitioner',
    'Different',
  ])
  await expect(comparison.getByRole('row', { name: /^Product management/ })).toContainText('Same')
  // Where the views match, that level is chosen already; where they differ, nothing is.
  await expect(
    levelGroup(boss, 'Agreed level for Product management').getByRole('radio', { name: 'Practitioner' }),
  ).toBeChecked()
  const agreedGroup = levelGroup(boss, `Agreed level for ${DIFFERENT_SKILL}`)
  for (const radio of await agreedGroup.getByRole('radio').all()) await expect(radio).not.toBeChecked()
  await agreedGroup.getByRole('radio', { name: MANAGER_LEVEL, exact: true }).check()
  const agreedNote = `We agreed practitioner for now: coaching others comes next (${journey.suffix}).`
  await boss.getByLabel(`Note on the agreed level of ${DIFFERENT_SKILL} (optional)`).fill(agreedNote)
  const overallNote = `Focus on the value for money of the claims service before the next check-in (${journey.suffix}).`
  await boss.getByLabel('Overall note (optional)').fill(overallNote)
  await navigateBy(boss, () => boss.getByRole('button', { name: 'Record the agreed levels' }).click())
  await expect(boss.getByText(`You have recorded ${report.name}'s agreed levels`)).toBeVisible()
  await expect(summaryValue(boss, 'Status')).toHaveText('Agreed')
  await expect(summaryValue(boss, 'Overall note')).toHaveText(overallNote)
  // Done: the line manager's home page no longer lists the check-in.
  await visit(boss, '/')
  await expect(boss.getByRole('heading', { level: 2, name: 'What needs you' })).toBeVisible()
  await expect(boss.getByRole('main')).not.toContainText(`${report.name}'s check-in`)

  // The person sees the check-in agreed, with the note.
  await visit(me, checkinPath)
  await expect(summaryValue(me, 'Status')).toHaveText('Agreed')
  const differentCard = me.getByTestId('skill').filter({ has: me.getByRole('heading', { name: DIFFERENT_SKILL }) })
  await expect(differentCard).toContainText(managerNote)
  await expect(differentCard).toContainText(agreedNote)

  // Their pathway shows the agreed levels, in the table and in the chart.
  await follow(me, navLink(me, 'Your pathway'))
  await expect(me.getByRole('heading', { level: 1, name: 'Your pathway' })).toBeVisible()
  await expectLevels(me, 'Your levels against product manager', { selfAssessed: true })
  const history = me.getByTestId('history')
  await expect(history.getByRole('row')).toHaveCount(2)
  await expect(history.getByRole('row').nth(1)).toContainText('Agreed')
  await expect(history.getByRole('row').nth(1)).toContainText('Product manager')
})

/**
 * The pathway's chart of levels against the current role is an SVG image with a title, and it
 * gives the same levels as the table: the agreed ones, and the self-assessed ones before them
 * (which levels carried across to a new version do not have).
 */
async function expectLevels(page: Page, chartTitle: string, options: { selfAssessed: boolean }): Promise<void> {
  const self = (skill: string) => (options.selfAssessed ? (SELF_LEVELS[skill] ?? '') : 'None')
  const table = page.getByRole('table', { name: 'Levels by skill' })
  for (const [skill, agreed] of Object.entries(AGREED_LEVELS)) {
    const cells = await rowTexts(table.getByRole('row', { name: new RegExp(`^${escapeRegExp(skill)}\\b`) }))
    expect(cells.slice(0, 3), `levels of ${skill} in the table`).toEqual([skill, self(skill), agreed])
  }
  const svg = page.getByTestId('radar-current').locator('svg')
  await expect(svg).toHaveAttribute('role', 'img')
  const title = svg.locator('title')
  await expect(title).toHaveText(chartTitle)
  const titleId = (await title.getAttribute('id')) ?? ''
  expect(titleId).not.toBe('')
  expect((await svg.getAttribute('aria-labelledby'))?.split(/\s+/)).toContain(titleId)
  await expect(page.getByRole('img', { name: new RegExp(`^${escapeRegExp(chartTitle)}`) })).toHaveCount(1)
  // The chart's description names every level, as the table does.
  const description = (await svg.locator('desc').textContent()) ?? ''
  for (const [skill, agreed] of Object.entries(AGREED_LEVELS))
    expect(description).toContain(`${skill} – Self-assessed: ${self(skill)}; Agreed: ${agreed};`)
  // And the agreed markers sit at the same levels (1 awareness to 4 expert) on each skill's axis.
  const order = ['Awareness', 'Working', 'Practitioner', 'Expert']
  const axes = await svg
    .locator('[data-axis]')
    .filter({ has: page.locator('tspan') })
    .evaluateAll(nodes =>
      nodes.map(n => ({ axis: n.getAttribute('data-axis') ?? '', name: (n.textContent ?? '').trim() })),
    )
  expect(axes).toHaveLength(Object.keys(AGREED_LEVELS).length)
  for (const { axis, name } of axes) {
    const skill = Object.keys(AGREED_LEVELS).find(s => s.replace(/\s+/g, '') === name.replace(/\s+/g, ''))
    expect(skill, `the skill on axis ${axis}: ${name}`).toBeTruthy()
    const marker = svg.locator(`[data-series="agreed"] [data-axis="${axis}"]`)
    await expect(marker).toHaveAttribute('data-level', String(order.indexOf(AGREED_LEVELS[skill ?? ''] ?? '') + 1))
  }
}

test('a development plan goal from a resource suggested for a gap', async ({ pageWithState, journey }, testInfo) => {
  test.setTimeout(120_000)
  const { report } = journey.pathway
  const me = await pageWithState(professionStatePath(testInfo.project.name, report))
  await visit(me, '/pathway')
  await expect(me.getByRole('heading', { level: 2, name: 'What to work on for senior product manager' })).toBeVisible()
  const gap = me
    .getByTestId('gap')
    .filter({ has: me.getByRole('heading', { name: 'Product management', exact: true }) })
  await expect(gap).toContainText('Agreed: Practitioner. Expected for senior product manager: Expert. 1 level to go.')
  // The first reading or training resource suggested for the gap.
  const resources = gap.getByRole('heading', { name: 'Reading and training' }).locator('xpath=following-sibling::ul[1]')
  const resource = resources.getByRole('listitem').first()
  const resourceLink = resource.getByRole('link').first()
  const resourceTitle = ((await resourceLink.textContent()) ?? '').trim()
  const resourceUrl = (await resourceLink.getAttribute('href')) ?? ''
  expect(resourceUrl).toMatch(/^https?:\/\//)
  const kind = (await resource.innerText()).includes('Training') ? 'Take' : 'Read'
  await follow(
    me,
    resource.getByRole('link', { name: new RegExp(`^Add to my plan\\s*: ${escapeRegExp(resourceTitle)}$`) }),
  )

  // The goal form is filled in from the suggestion.
  await expect(me.getByRole('heading', { level: 1, name: 'Add a goal' })).toBeVisible()
  await expect(me.getByText('This goal comes from a suggested resource')).toBeVisible()
  await expect(me.getByRole('link', { name: resourceTitle })).toHaveAttribute('href', resourceUrl)
  const title = me.getByLabel('What do you want to achieve?')
  await expect(title).toHaveValue(`${kind} ${resourceTitle}`)
  await expect(me.getByRole('checkbox', { name: 'Product management', exact: true })).toBeChecked()

  // A measure and a date that does not exist.
  const measure = `I have shown the team three things I changed in how we prioritise (${journey.suffix}).`
  await me.getByLabel('How will you know you have achieved it?').fill(measure)
  const dueBy = me.getByRole('group', { name: 'When do you want to achieve it by?' })
  const year = new Date().getFullYear() + 1
  await dueBy.getByLabel('Day').fill('31')
  await dueBy.getByLabel('Month').fill('2')
  await dueBy.getByLabel('Year').fill(String(year))
  await navigateBy(me, () => me.getByRole('button', { name: 'Add goal' }).click())
  await expect(me).toHaveTitle(/^Error: /)
  const dateError = 'The date the goal is due by must be a real date'
  await expect(errorSummary(me).getByRole('link', { name: dateError })).toHaveAttribute('href', /^#dueOn/)
  await expect(dueBy).toContainText(dateError)
  await expect(title).toHaveValue(`${kind} ${resourceTitle}`)
  await expect(me.getByLabel('How will you know you have achieved it?')).toHaveValue(measure)
  await expect(me.getByRole('checkbox', { name: 'Product management', exact: true })).toBeChecked()

  // A real date.
  await dueBy.getByLabel('Day').fill('30')
  await dueBy.getByLabel('Month').fill('6')
  await navigateBy(me, () => me.getByRole('button', { name: 'Add goal' }).click())
  await expect(me.getByText(`Goal added: ${kind} ${resourceTitle}`)).toBeVisible()
  await expect(me.getByRole('heading', { level: 1, name: 'Your development plan' })).toBeVisible()
  const goal = me.getByTestId('goal').filter({ hasText: resourceTitle })
  await expect(goal).toHaveCount(1)
  await expect(summaryValue(me, 'How you will know')).toHaveText(measure)
  await expect(summaryValue(me, 'Due by')).toHaveText(`30 June ${year}`)
  await expect(summaryValue(me, 'Skills')).toHaveText('Product management')
  await expect(summaryValue(goal, 'Suggested resource').getByRole('link')).toHaveAttribute('href', resourceUrl)

  // A progress note.
  await follow(me, goal.getByRole('link', { name: /^View/ }))
  await expect(me.getByRole('heading', { level: 1, name: `${kind} ${resourceTitle}` })).toBeVisible()
  const note = `Read the first half and tried a new way of ordering the backlog (${journey.suffix}).`
  await me.getByLabel('Add a progress note').fill(note)
  await navigateBy(me, () => me.getByRole('button', { name: 'Add note' }).click())
  await expect(me.getByText('Progress note added')).toBeVisible()
  await expect(me.getByTestId('notes')).toContainText(note)
  await expect(me.getByTestId('notes')).toContainText(`by ${report.name}`)

  // Changing the goal: a title left empty is refused, and the new measure typed is kept.
  await follow(me, me.getByRole('button', { name: 'Change this goal' }))
  await expect(me.getByRole('heading', { level: 1, name: 'Change a goal' })).toBeVisible()
  const newMeasure = `${measure} I have shown the team the new order.`
  await me.getByLabel('What do you want to achieve?').fill('')
  await me.getByLabel('How will you know you have achieved it?').fill(newMeasure)
  await navigateBy(me, () => me.getByRole('button', { name: 'Save goal' }).click())
  await expect(me).toHaveTitle(/^Error: /)
  await expect(errorSummary(me).getByRole('link', { name: 'Enter a title for the goal' })).toHaveAttribute(
    'href',
    '#title',
  )
  await expect(me.getByLabel('How will you know you have achieved it?')).toHaveValue(newMeasure)
  await me.getByLabel('What do you want to achieve?').fill(`${kind} ${resourceTitle}`)
  await navigateBy(me, () => me.getByRole('button', { name: 'Save goal' }).click())
  await expect(me.getByText('Goal saved')).toBeVisible()
  await expect(me.getByText(newMeasure)).toBeVisible()
  await visit(me, `/people/${idOf(report)}/plan`)
  await expect(summaryValue(me, 'Progress notes')).toHaveText('1 note')
})

test('a 1:1 with an action, private to the two people in it', async ({ pageWithState, pageAs, journey }, testInfo) => {
  test.setTimeout(120_000)
  const { report, manager, otherLeader } = journey.pathway
  const boss = await pageWithState(professionStatePath(testInfo.project.name, manager))
  const reportId = idOf(report)
  await visit(boss, `/people/${reportId}/one-to-ones`)
  await expect(boss.getByRole('heading', { level: 1, name: '1:1s' })).toBeVisible()
  await expect(summaryValue(boss, 'Last 1:1')).toHaveText('None recorded')
  await follow(boss, boss.getByRole('button', { name: 'Record a 1:1' }))
  await expect(boss.getByRole('heading', { level: 1, name: 'Record a 1:1' })).toBeVisible()
  await expect(boss.locator('#withId')).toContainText(`This 1:1 is between ${report.name} and you`)
  const agenda = `How the discovery went; the next check-in (${journey.suffix}).`
  const notes = `The discovery found two problems worth solving, to be written up (${journey.suffix}).`
  await boss.getByLabel('Agenda (optional)').fill(agenda)
  await boss.getByLabel('Shared notes (optional)').fill(notes)
  await navigateBy(boss, () => boss.getByRole('button', { name: 'Save 1:1' }).click())
  await expect(boss.getByText('1:1 recorded')).toBeVisible()
  await expect(boss).toHaveURL(/\/one-to-ones\/[0-9a-f-]{36}$/)
  const meetingPath = new URL(boss.url()).pathname
  await expect(boss.getByTestId('agenda')).toHaveText(agenda)
  await expect(boss.getByTestId('notes')).toHaveText(notes)

  // An action for the report, due in a fortnight.
  const action = `Write up the two problems for the show and tell (${journey.suffix})`
  const due = new Date(Date.now() + 14 * 24 * 60 * 60 * 1000)
  await boss.getByLabel('Action', { exact: true }).fill(action)
  await boss.getByRole('group', { name: 'Who will do it?' }).getByRole('radio', { name: report.name }).check()
  const dueBy = boss.getByRole('group', { name: 'Due by' })
  await dueBy.getByLabel('Day').fill(String(due.getUTCDate()))
  await dueBy.getByLabel('Month').fill(String(due.getUTCMonth() + 1))
  await dueBy.getByLabel('Year').fill(String(due.getUTCFullYear()))
  await navigateBy(boss, () => boss.getByRole('button', { name: 'Add action' }).click())
  await expect(boss.getByText('Action added')).toBeVisible()
  const dueText = due.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
  const actionRow = boss.getByTestId('actions').getByRole('row', { name: new RegExp(`^${escapeRegExp(action)}`) })
  expect((await rowTexts(actionRow)).slice(0, 3)).toEqual([action, report.name, dueText])

  // It is done.
  await navigateBy(boss, () =>
    actionRow.getByRole('button', { name: new RegExp(`^Mark as done\\s*: ${escapeRegExp(action)}$`) }).click(),
  )
  await expect(boss.getByText('Action marked as done')).toBeVisible()
  await expect(actionRow).toContainText('Done')

  // The report sees the 1:1 and the action in their list of 1:1s.
  const me = await pageWithState(professionStatePath(testInfo.project.name, report))
  await visit(me, `/people/${reportId}/one-to-ones`)
  await expect(me.getByRole('heading', { level: 1, name: 'Your 1:1s' })).toBeVisible()
  const past = me.getByTestId('past')
  await expect(past.getByRole('row').nth(1)).toContainText(manager.name)
  await expect(past.getByRole('row').nth(1)).toContainText('0 open of 1')
  await follow(me, past.getByRole('link').first())
  expect(new URL(me.url()).pathname).toBe(meetingPath)
  await expect(me.getByText(`Only you and ${manager.name} can see this record.`)).toBeVisible()
  await expect(me.getByTestId('agenda')).toHaveText(agenda)
  await expect(me.getByTestId('notes')).toHaveText(notes)
  const mine = me.getByTestId('actions').getByRole('row', { name: new RegExp(`^${escapeRegExp(action)}`) })
  await expect(mine).toContainText('Done')

  // Nobody else: a leader of another business area, or a member, is refused.
  const leader = await pageWithState(professionStatePath(testInfo.project.name, otherLeader))
  await visit(leader, meetingPath, { status: 403 })
  await expect(leader.getByRole('heading', { level: 1, name: 'You cannot see this page' })).toBeVisible()
  await expect(leader.getByRole('main')).not.toContainText(notes)
  const member = await pageAs('member')
  await visit(member, meetingPath, { status: 403 })
  await expect(member.getByRole('heading', { level: 1, name: 'You cannot see this page' })).toBeVisible()
})

test('a framework proposal approved, and agreed levels carried across to the new version', async ({
  pageWithState,
  pageAs,
  journey,
}, testInfo) => {
  test.setTimeout(180_000)
  const { report, head, proposal } = journey.pathway
  const reportId = idOf(report)

  // The version the report's check-in was made against.
  const me = await pageWithState(professionStatePath(testInfo.project.name, report))
  await visit(me, '/pathway')
  const firstRow = me.getByTestId('history').getByRole('row').nth(1)
  const fromNumber = Number((await rowTexts(firstRow))[2])
  expect(fromNumber).toBeGreaterThan(0)
  const toNumber = fromNumber + 1

  // A head of profession proposes a new expected level from the skill's page.
  const hop = await pageWithState(professionStatePath(testInfo.project.name, head))
  await visit(hop, '/')
  await follow(hop, navLink(hop, 'Framework'))
  await expect(hop.getByRole('heading', { level: 1, name: 'Capability framework' })).toBeVisible()
  await follow(hop, hop.getByRole('link', { name: proposal.skill, exact: true }))
  await expect(hop.getByRole('heading', { level: 1, name: proposal.skill })).toBeVisible()
  await follow(
    hop,
    hop.getByRole('link', { name: `Propose a change to the expected level for ${proposal.role}`, exact: true }),
  )
  await expect(hop.getByRole('heading', { level: 1, name: 'Change an expected level' })).toBeVisible()
  await expect(hop.getByText(`Propose a change to version ${fromNumber}`)).toBeVisible()
  await expect(hop.getByLabel('Role', { exact: true }).locator('option:checked')).toHaveText(proposal.role)
  await expect(hop.getByLabel('Skill', { exact: true }).locator('option:checked')).toHaveText(proposal.skill)
  await expect(
    hop.getByRole('group', { name: 'Expected level' }).getByRole('radio', { name: proposal.from }),
  ).toBeChecked()
  await hop.getByRole('group', { name: 'Expected level' }).getByRole('radio', { name: proposal.to }).check()
  const reason = `Associates meet stakeholders from their first month (${journey.suffix}).`
  await hop.getByLabel('Why do you propose this change?').fill(reason)
  await navigateBy(hop, () => hop.getByRole('button', { name: 'Send for review' }).click())
  await expect(hop.getByText('Your proposal has been sent for review')).toBeVisible()
  const summary = `Change the expected level of ${proposal.skill} for ${proposal.role} to ${proposal.to.toLowerCase()}`
  await expect(hop.getByRole('heading', { level: 1, name: summary })).toBeVisible()
  await expect(summaryValue(hop, 'Status')).toHaveText('Waiting for review')
  // Nobody approves their own proposal.
  await expect(hop.getByRole('button', { name: /^Approve/ })).toHaveCount(0)
  const proposalPath = new URL(hop.url()).pathname

  // An administrator reviews it: the change is shown before and after, then approved.
  // The proposal waits on the administrator's home page, and the task leads to it.
  const admin = await pageAs('administrator')
  await visit(admin, '/')
  await follow(
    admin,
    admin
      .getByTestId('tasks')
      .getByRole('link', { name: /^Review the proposal: / })
      .filter({ hasText: summary.slice(0, 40) }),
  )
  expect(new URL(admin.url()).pathname).toBe(proposalPath)
  await expect(summaryValue(admin, 'Proposed by')).toContainText(head.name)
  await expect(summaryValue(admin, 'Reason')).toHaveText(reason)
  const diff = admin.getByTestId('diff')
  expect(await rowTexts(diff.getByRole('row').nth(1))).toEqual([
    `Expected level of ${proposal.skill} for ${proposal.role}`,
    proposal.from,
    proposal.to,
  ])
  await admin.getByLabel('Note (optional)').fill(`Agreed at the heads of profession meeting (${journey.suffix}).`)
  await navigateBy(admin, () => admin.getByRole('button', { name: `Approve: publish as version ${toNumber}` }).click())
  await expect(admin.getByText(`Proposal approved: the framework is now at version ${toNumber}`)).toBeVisible()
  await expect(summaryValue(admin, 'Status')).toHaveText('Approved')
  await expect(summaryValue(admin, 'Reviewed by')).toContainText(PEOPLE.administrator.name)

  // The history of versions says who proposed the new one and who approved it.
  await follow(admin, admin.getByRole('link', { name: `Version ${toNumber}`, exact: true }))
  await expect(admin.getByRole('heading', { level: 1, name: `Version ${toNumber}` })).toBeVisible()
  await expect(admin.getByText('Current version', { exact: true })).toBeVisible()
  // Associates come first in the pathway: the new version expects the proposed level of them.
  const skillRow = admin.getByRole('row', { name: new RegExp(`^${escapeRegExp(proposal.skill)}`) })
  expect((await rowTexts(skillRow))[1]).toBe(proposal.to)
  await visit(admin, '/framework/versions')
  const versions = admin.getByTestId('versions')
  const newRow = versions.getByRole('row', { name: new RegExp(`^Version ${toNumber}\\b`) })
  expect((await rowTexts(newRow)).slice(2)).toEqual([summary, head.name, PEOPLE.administrator.name])
  await expect(newRow).toContainText('Current')

  // Approving carried everyone's agreed levels into the new version at once, in the same step:
  // the report's levels are never shown as missing.
  await visit(me, '/pathway')
  await expect(summaryValue(me, 'Framework')).toContainText(`Version ${toNumber}`)

  // The report's levels, carried across with what they said of themselves; the old check-in
  // still reads against its version.
  await expectLevels(me, 'Your levels against product manager', { selfAssessed: true })
  const history = me.getByTestId('history')
  await expect(history.getByRole('row')).toHaveCount(3)
  const carriedRow = history.getByRole('row').filter({ hasText: 'Carried across' })
  expect((await rowTexts(carriedRow))[2]).toBe(String(toNumber))
  const oldRow = history.getByRole('row').filter({ hasNotText: 'Carried across' }).nth(1)
  expect((await rowTexts(oldRow))[2]).toBe(String(fromNumber))
  await follow(me, oldRow.getByRole('link'))
  await expect(me.getByTestId('old-version')).toContainText(`made against framework version ${fromNumber}`)
  await expect(summaryValue(me, 'Framework version')).toContainText(String(fromNumber))
  const differentCard = me.getByTestId('skill').filter({ has: me.getByRole('heading', { name: DIFFERENT_SKILL }) })
  await expect(summaryValue(differentCard, 'Agreed level')).toContainText(MANAGER_LEVEL)
  await expect(summaryValue(differentCard, 'Your level')).toHaveText(SELF_LEVELS[DIFFERENT_SKILL] ?? '')
  expect(new URL(me.url()).pathname).toMatch(new RegExp(`^/people/${reportId}/check-ins/`))
})

test('a head of profession sees the profession; a line manager sees their team', async ({
  pageWithState,
  pageAs,
  journey,
}, testInfo) => {
  test.setTimeout(180_000)
  const { report, manager, head, headsPage } = journey.pathway
  const hop = await pageWithState(professionStatePath(testInfo.project.name, head))

  // An editor names the head of profession as the owner of a handbook page, and a reader says it
  // was not useful: the answer waits on the owner's home page.
  const editor = await pageAs('editor')
  await visit(editor, `/handbook/${headsPage.slug}`)
  await follow(editor, editor.getByRole('link', { name: 'Change the owner or review date of this page' }))
  await editor.getByLabel('A person').check()
  await editor.getByLabel('Email address of the person').fill(head.email)
  await navigateBy(editor, () => editor.getByRole('button', { name: 'Save' }).click())
  await expect(editor.getByTestId('page-owner')).toContainText(`Page owner: ${head.name}.`)
  const reader = await pageAs('member')
  await visit(reader, `/handbook/${headsPage.slug}`)
  await follow(reader, reader.getByRole('button', { name: 'No this page was not useful' }))
  const comment = `Say how a community chooses its first meetups (${journey.suffix}).`
  await reader.getByLabel('How could we make the page better? (optional)').fill(comment)
  await navigateBy(reader, () => reader.getByRole('button', { name: 'Send feedback' }).click())
  await expect(reader.getByText('Thank you for your feedback')).toBeVisible()

  // The head of profession's home page: the profession summary, and the answer to read.
  await visit(hop, '/')
  const summary = hop.getByTestId('profession-summary')
  await expect(hop.getByRole('heading', { level: 2, name: 'The profession', exact: true })).toBeVisible()
  // Each row's first definition is its value; the second holds its link.
  await expect(summaryValue(summary, 'People').first()).toContainText(/\d+ (person|people)/)
  await expect(summaryValue(summary, 'Check-ins overdue').first()).toContainText(/\d+ (person|people)/)
  await expect(summaryValue(summary, 'Below expectation').first()).toContainText(
    'below their role in at least one skill',
  )
  const feedbackTask = homeTask(hop, 'Read 1 answer from readers of pages you own')
  await expect(feedbackTask).toBeVisible()
  // The task leads to the answer; dealing with it takes it off the list.
  await follow(hop, feedbackTask)
  expect(new URL(hop.url()).pathname).toBe('/handbook/feedback')
  const answer = hop.getByRole('listitem').filter({ hasText: comment })
  await expect(answer).toContainText(headsPage.title)
  await navigateBy(hop, () => answer.getByRole('button', { name: /^Mark as dealt with/ }).click())
  await expect(hop.getByRole('listitem').filter({ hasText: comment })).toContainText(`Dealt with by ${head.name}`)
  await visit(hop, '/')
  await expect(hop.getByTestId('profession-summary')).toBeVisible()
  await expect(hop.getByRole('link', { name: /answers? from readers of pages you own/ })).toHaveCount(0)

  // The summary leads to the full views.
  await follow(hop, summary.getByRole('link', { name: 'See levels people' }))
  await expect(hop.getByRole('heading', { level: 1, name: 'Capability of the profession' })).toBeVisible()
  await expect(hop.getByTestId('scope')).toHaveText('All business areas')
  await expect(hop.getByTestId('heatmap')).toContainText(report.name)
  await follow(hop, hop.getByRole('link', { name: 'Roles and movement' }))
  await expect(hop.getByRole('heading', { level: 1, name: 'Roles and movement' })).toBeVisible()
  await expect(hop.getByTestId('roles-chart')).toHaveAttribute('role', 'img')
  await expect(hop.getByTestId('roles')).toContainText('Product manager')

  const boss = await pageWithState(professionStatePath(testInfo.project.name, manager))
  await visit(boss, '/team')
  await expect(boss.getByRole('heading', { level: 1, name: 'Your team' })).toBeVisible()
  await expect(boss.getByTestId('nothing-waiting')).toBeVisible()
  const member = boss.getByTestId('members').getByRole('row', { name: new RegExp(`^${escapeRegExp(report.name)}`) })
  await expect(member).toContainText('Product manager')
  await expect(member).toContainText('Agreed')
})
