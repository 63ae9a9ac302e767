// The portfolio: an area's lead reads the area's view, narrows it to the things with a health
// flag, sorts it by a column heading (a plain link), and follows a red flag to its cause, the
// thing's missing problem statement. With and without JavaScript; axe on every page.
import { expect, follow, navigateBy, test, visit } from './support/fixtures.ts'
import { addAccount, addToProfession, professionStatePath, setPassword } from './support/profession.ts'

test('an area lead follows a red flag from the area view to its cause', async ({
  pageAs,
  freshPage,
  pageWithState,
  journey,
}, testInfo) => {
  // Adding an account and a thing through their pages, each page checked with axe, takes a while.
  test.setTimeout(180_000)
  const { lead, area, thing } = journey.portfolio
  const admin = await pageAs('administrator')

  // The administrator adds the lead to the profession and a service to the catalogue in their area.
  const { id, link } = await addAccount(admin, lead)
  const statePath = professionStatePath(testInfo.project.name, lead)
  await setPassword(await freshPage(), link, lead, statePath)
  await addToProfession(admin, id, lead, undefined)
  await visit(admin, '/products/new')
  await admin.getByLabel('Name', { exact: true }).fill(thing)
  await admin.getByLabel('Its purpose, in one line').fill('Boaters and walkers do it online')
  await admin.getByLabel('Area (optional)').fill(area)
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Add to the catalogue' }).click())
  await expect(admin.getByRole('heading', { level: 1, name: thing })).toBeVisible()

  // The lead opens the portfolio from the navigation and chooses their area.
  const page = await pageWithState(statePath)
  await visit(page, '/')
  await follow(page, page.getByRole('link', { name: 'Portfolio', exact: true }))
  await expect(page.getByRole('heading', { level: 1, name: 'Portfolio' })).toBeVisible()
  await follow(page, page.getByTestId('portfolio-views').getByRole('link', { name: area }))
  await expect(page.getByRole('heading', { level: 1, name: `${area}: the area’s portfolio` })).toBeVisible()

  // Each count in the summary leads to the things it counts.
  await follow(page, page.getByTestId('summary-flagged'))
  await expect(page).toHaveURL(/show=flagged/)
  await expect(page.getByLabel('Show')).toHaveValue('flagged')
  await follow(page, page.getByTestId('summary-all'))

  // Only the things with a health flag, sorted by name.
  await page.getByLabel('Show').selectOption({ label: 'With a health flag' })
  await navigateBy(page, () => page.getByRole('button', { name: 'Apply filters' }).click())
  await expect(page).toHaveURL(/show=flagged/)
  await follow(page, page.getByRole('columnheader', { name: 'Thing' }).getByRole('link'))
  await expect(page.getByRole('columnheader', { name: 'Thing' })).toHaveAttribute('aria-sort', 'ascending')
  const row = page.getByTestId('thing-row').filter({ hasText: thing })
  await expect(row).toHaveCount(1)
  await expect(row.getByTestId('flags')).toContainText('No problem statement')
  await expect(row.getByTestId('flags')).toContainText('Never reviewed')

  // The red flag leads to its cause.
  await follow(page, row.getByTestId('flags').getByRole('link', { name: 'No problem statement' }))
  await expect(page.getByRole('heading', { level: 1, name: 'Problem statement' })).toBeVisible()
  await expect(page.getByText(thing).first()).toBeVisible()
})
