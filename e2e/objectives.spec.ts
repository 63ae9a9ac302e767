// Objectives and key results: an administrator sets an objective for a service with one of its
// metrics as the key result, records a measurement, and sees the key result move on the
// objective's page, the strategy page and the quarter's tree. Works with and without JavaScript;
// every page is checked with axe.
import { errorSummary, expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

test('set an objective with a key result, record a measurement and see it move', async ({ pageAs, journey }) => {
  test.setTimeout(180_000)
  const page = await pageAs('administrator')
  const main = page.getByRole('main')
  const thing = `Renew a boat licence (${journey.suffix})`
  const objective = `More boaters renew online (${journey.suffix})`

  // A service with a metric: completion rate from 60% towards 80%.
  await visit(page, '/products/new')
  await page.getByLabel('Name', { exact: true }).fill(thing)
  await page.getByLabel('Its purpose, in one line').fill('Boaters renew their licence online')
  await navigateBy(page, () => page.getByRole('button', { name: 'Add to the catalogue' }).click())
  const thingUrl = new URL(page.url()).pathname
  await visit(page, `${thingUrl}/metrics`)
  await follow(page, page.getByTestId('templates').getByRole('link', { name: 'Completion rate' }))
  await page.getByLabel('Baseline (optional)').fill('60')
  await page.getByLabel('Target (optional)').fill('80')
  await navigateBy(page, () => page.getByRole('button', { name: 'Add the metric' }).click())

  // From the strategy page to the thing's objectives, then the form: every problem at once first.
  await visit(page, thingUrl)
  await follow(page, page.getByTestId('part-objectives').getByRole('link', { name: 'Objectives and key results' }))
  await follow(page, main.getByRole('button', { name: /^Set an objective for/ }).first())
  await page.getByLabel('Why it matters (optional)').fill('Fewer boaters wait on the phone')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save objective' }).click())
  await expect(errorSummary(page)).toContainText('Enter the objective')
  await expect(errorSummary(page)).toContainText('Choose at least one metric as a key result')
  await expect(page.getByLabel('Why it matters (optional)')).toHaveValue('Fewer boaters wait on the phone')
  await page.getByLabel('Objective', { exact: true }).fill(objective)
  await page.getByRole('group', { name: 'Key results' }).getByLabel('Completion rate').check()
  await navigateBy(page, () => page.getByRole('button', { name: 'Save objective' }).click())
  await expect(page.getByRole('heading', { level: 1, name: objective })).toBeVisible()
  const keyResults = page.getByRole('table', { name: /Each key result/ })
  await expect(keyResults).toContainText('Raise Completion rate from 60% to 80%')
  await expect(keyResults).toContainText('Not measured yet')
  await expect(page.getByTestId('objective-progress')).toContainText('Not known yet')
  const objectiveUrl = new URL(page.url()).pathname

  // A measurement of the metric, from the key result's link.
  await follow(page, keyResults.getByRole('link', { name: /Completion rate/ }))
  await follow(page, main.getByRole('link', { name: 'Add a measurement' }))
  await page.getByLabel('Day').fill('2')
  await page.getByLabel('Month').fill('11')
  await page.getByLabel('Year').fill('2026')
  await page.getByLabel('Value (%)').fill('70')
  await navigateBy(page, () => page.getByRole('button', { name: 'Record the measurement' }).click())

  // The key result has moved half of the way, everywhere it shows.
  await visit(page, objectiveUrl)
  await expect(page.getByTestId('objective-progress')).toContainText('50%')
  await expect(keyResults).toContainText('70% on 2 November 2026')
  await expect(page.getByTestId('objective-history')).toContainText('Set the objective')
  await visit(page, thingUrl)
  await expect(page.getByTestId('part-objectives')).toContainText(`${objective}: 50% of the way`)
  await follow(page, page.getByRole('link', { name: 'Objectives', exact: true }))
  await expect(page.getByTestId('objective-tree-0').getByRole('link', { name: objective })).toBeVisible()
  await expect(
    page.getByRole('table', { name: /Average progress/ }).getByRole('row', { name: /Thing/ }),
  ).not.toContainText('No objectives')
})
