// Service assessments, names and the team health check: an administrator adds a service named
// with a noun and is given advice and better names (the name is still saved); puts the three
// people of the journeys on its team; fills in part of the end of alpha checklist; then the three
// answer the team health check, and once the round is closed everyone sees the results.
import type { Page } from '@playwright/test'
import { PEOPLE } from './support/people.ts'
import { expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

// The start of each statement of the health check, to find its group of answers by its legend.
const STATEMENTS = [
  /admit mistakes/,
  /disagree openly/,
  /everyone gets behind it/,
  /tell each other/,
  /care more about/,
]

async function answerHealthCheck(page: Page, path: string, scores: readonly number[]) {
  await visit(page, path)
  for (const [i, statement] of STATEMENTS.entries())
    await page
      .getByRole('group', { name: statement })
      .getByRole('radio', { name: new RegExp(`^${scores[i]}: `) })
      .check()
  await navigateBy(page, () => page.getByRole('button', { name: 'Send my answers' }).click())
  await expect(page.getByText('Thank you: your answers were counted')).toBeVisible()
  await expect(page.getByTestId('answered')).toBeVisible()
}

test('a service named with a noun, an alpha assessment and a team health check', async ({ pageAs, journey }) => {
  test.setTimeout(240_000)
  const admin = await pageAs('administrator')

  // A service whose name starts with a noun is saved, with advice and two names to try.
  await visit(admin, '/products/new')
  await admin.getByRole('radio', { name: 'Service', exact: true }).check()
  await admin.getByLabel('Name', { exact: true }).fill('Vehicle licence renewal')
  await admin.getByLabel('Its purpose, in one line').fill(`Drivers renew their licence online (${journey.suffix})`)
  await admin.getByRole('radio', { name: 'Alpha' }).check()
  await admin.getByRole('radio', { name: 'Introduction' }).check()
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Add to the catalogue' }).click())
  await expect(admin.getByRole('heading', { level: 1, name: 'Vehicle licence renewal' })).toBeVisible()
  await expect(admin.getByText('Vehicle licence renewal is in the catalogue')).toBeVisible()
  const banner = admin.getByRole('region', { name: 'Important' })
  await expect(banner).toContainText('The name starts with a noun')
  await expect(banner).toContainText('Renew your vehicle licence')
  const flag = admin.getByTestId('flags').getByRole('link', { name: 'The name starts with a noun' })
  await expect(flag).toHaveAttribute('href', '#name-guidance')
  const guidance = admin.getByTestId('name-guidance')
  await expect(guidance).toContainText('Think about naming it after what users do')
  await expect(guidance).toContainText('Apply to renew your vehicle licence')
  const strategy = admin.url()
  const productPath = new URL(strategy).pathname

  // The three people of the journeys go in the core team.
  await visit(admin, `${productPath}/team-onion/edit`)
  for (const [n, role] of (['administrator', 'editor', 'member'] as const).entries())
    await admin.locator(`#core-${n}-person`).selectOption({ label: PEOPLE[role].name })
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Save', exact: true }).click())
  await expect(admin.getByText(/Team onion saved/)).toBeVisible()

  // The end of alpha assessment is due; part of its checklist is filled in.
  await visit(admin, productPath)
  await follow(admin, admin.getByTestId('part-assessments').getByRole('link', { name: 'Service assessments' }))
  await expect(admin.getByTestId('next-assessment')).toContainText('end of alpha assessment')
  await follow(admin, admin.getByRole('link', { name: 'Start preparing for it' }))
  await expect(admin.getByRole('radio', { name: 'End of alpha' })).toBeChecked()
  await admin.getByLabel('Day').fill('12')
  await admin.getByLabel('Month').fill('3')
  await admin.getByLabel('Year').fill('2027')
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Start the checklist' }).click())
  await expect(admin.getByRole('heading', { level: 1, name: 'End of alpha, 12 March 2027' })).toBeVisible()
  await expect(admin.getByTestId('progress')).toHaveText('0 of 14 points met')
  await follow(admin, admin.getByRole('button', { name: 'Change the checklist' }))
  const first = admin.getByTestId('point-1')
  await first.getByRole('radio', { name: 'Partly met' }).check()
  await first.getByLabel('Notes (optional)').fill('Eight interviews with drivers; more planned')
  const sixth = admin.getByTestId('point-6')
  await sixth.getByRole('radio', { name: 'Met', exact: true }).check()
  await sixth.getByRole('checkbox', { name: 'Team onion' }).check()
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Save the checklist' }).click())
  await expect(admin.getByText('Checklist saved (version 2)')).toBeVisible()
  await expect(admin.getByTestId('progress')).toHaveText('1 of 14 points met')
  await expect(admin.getByTestId('point-1')).toContainText('Partly met')
  await expect(admin.getByTestId('point-6').getByRole('link', { name: 'Team onion' })).toBeVisible()

  // The health check: a round is opened, and the three answer it.
  const health = `${productPath}/health`
  await visit(admin, health)
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Open a new round' }).click())
  await expect(admin.getByRole('heading', { level: 2, name: 'Round 1 is open' })).toBeVisible()
  await answerHealthCheck(admin, health, [4, 3, 4, 2, 5])
  const editor = await pageAs('editor')
  await answerHealthCheck(editor, health, [5, 2, 4, 3, 4])
  // Two have answered: nothing is shown yet.
  await expect(editor.getByTestId('no-results')).toBeVisible()
  const member = await pageAs('member')
  await answerHealthCheck(member, health, [3, 1, 4, 1, 3])

  // Closed with three answers, the round's results and trend are shown to everyone.
  await visit(admin, health)
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Close round 1' }).click())
  await visit(member, health)
  const results = member.getByTestId('results')
  await expect(results).toContainText('Round 1: 3 people answered')
  await expect(results).toContainText('Fear of conflict')
  await expect(results).toContainText('2.0 out of 5')
  await expect(member.getByRole('img', { name: /Average score for each dysfunction/ })).toBeVisible()
  await expect(member.getByRole('table', { name: /Average score for each dysfunction/ })).toContainText(
    'Round 1 (3 people)',
  )
  await visit(member, productPath)
  await expect(member.getByTestId('part-health')).toContainText('Round 1, 3 people: trust 4.0, conflict 2.0')
})
