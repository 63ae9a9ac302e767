// A thing's roadmap, metrics and hypotheses, all through forms: build a roadmap and move an item
// from Next to Now; add a metric from GOV.UK's user satisfaction measure, paste its measurements
// and read the chart's table; record a failed hypothesis and drop the roadmap item it was for.
import { errorSummary, expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

test('build a roadmap, measure it and test a hypothesis', async ({ pageAs, journey }) => {
  // A long walk through many pages: like the other strategy journeys, it has more than the default minute.
  test.setTimeout(180_000)
  const page = await pageAs('administrator')
  const main = page.getByRole('main')
  const thing = `Renew a rod licence (${journey.suffix})`
  const phone = `Anglers phone to renew (${journey.suffix})`
  const reminders = `Anglers miss their renewal date (${journey.suffix})`

  // A thing to plan for.
  await visit(page, '/products/new')
  await page.getByLabel('Name', { exact: true }).fill(thing)
  await page.getByLabel('Its purpose, in one line').fill('Anglers renew their licence online')
  await navigateBy(page, () => page.getByRole('button', { name: 'Add to the catalogue' }).click())
  await expect(page.getByRole('heading', { level: 1, name: thing })).toBeVisible()
  const thingUrl = new URL(page.url()).pathname

  // The roadmap: two problems in Next, then one moved to Now.
  await follow(page, page.getByTestId('part-roadmap').getByRole('link', { name: 'Roadmap' }))
  for (const problem of [reminders, phone]) {
    await follow(page, main.getByRole('link', { name: 'Add a problem to the roadmap' }))
    await page.getByRole('radio', { name: 'Next' }).check()
    await page.getByLabel('What problem will the team solve?').fill(problem)
    await page.getByLabel('What outcome do you intend?').fill('More anglers renew online, on time')
    await navigateBy(page, () => page.getByRole('button', { name: 'Add to the roadmap' }).click())
  }
  const now = page.getByTestId('column-now')
  const next = page.getByTestId('column-next')
  await expect(next.getByTestId('roadmap-item')).toHaveCount(2)
  await expect(now.getByText('Nothing here yet.')).toBeVisible()
  const phoneItem = next.getByTestId('roadmap-item').filter({ hasText: phone })
  await expect(phoneItem.getByRole('button')).toHaveText(
    ['Move up', 'Move to Now', 'Move to Later'].map(t => new RegExp(`^${t}`)),
  )
  await navigateBy(page, () => phoneItem.getByRole('button', { name: /^Move to Now/ }).click())
  await expect(now.getByRole('heading', { level: 3, name: phone })).toBeVisible()
  await expect(next.getByTestId('roadmap-item')).toHaveCount(1)
  await follow(page, now.getByRole('link', { name: phone }))
  await expect(page.getByTestId('item-history')).toContainText('Moved from Next to Now')

  // A metric from the user satisfaction template, with measurements pasted from a spreadsheet.
  await visit(page, `${thingUrl}/metrics`)
  await follow(page, page.getByTestId('templates').getByRole('link', { name: 'User satisfaction' }))
  await expect(page.getByLabel('Name')).toHaveValue('User satisfaction')
  await expect(page.getByRole('radio', { name: 'Higher is better' })).toBeChecked()
  await page.getByLabel('Baseline (optional)').fill('70')
  await page.getByLabel('Target (optional)').fill('85')
  await navigateBy(page, () => page.getByRole('button', { name: 'Add the metric' }).click())
  await expect(page.getByRole('heading', { level: 1, name: 'User satisfaction' })).toBeVisible()
  await follow(page, main.getByRole('link', { name: 'Paste measurements from a spreadsheet' }))
  const box = page.getByLabel('Dates and values')
  await box.fill('Month\tScore\n31/07/2026\t71%\n31/08/2026\tseventy\n2026-09-30, 79')
  await navigateBy(page, () => page.getByRole('button', { name: 'Record the measurements' }).click())
  await expect(errorSummary(page)).toContainText('Line 3: the value must be a number')
  await box.fill('Month\tScore\n31/07/2026\t71%\n31/08/2026\t74%\n2026-09-30, 79')
  await navigateBy(page, () => page.getByRole('button', { name: 'Record the measurements' }).click())
  await expect(page.getByRole('img', { name: 'User satisfaction over time' })).toBeVisible()
  const table = page.getByRole('table', { name: /Measurements of User satisfaction/ })
  await expect(table.getByRole('row')).toHaveCount(4)
  await expect(table.getByRole('row').nth(1)).toContainText('31 July 2026')
  await expect(table.getByRole('row').nth(1)).toContainText('71%')
  await expect(table.getByRole('row').nth(3)).toContainText('79%')
  await expect(page.getByTestId('metric-facts')).toContainText('Off target')

  // A hypothesis for the item in Now, which fails: the item is dropped.
  await visit(page, `${thingUrl}/hypotheses`)
  await follow(page, main.getByRole('link', { name: 'Write a hypothesis' }))
  await page.getByLabel('this change').fill('a renewal reminder by text')
  await page.getByLabel('for these people').fill('anglers whose licence ends this month')
  await page.getByLabel('will do this').fill('cut calls about renewing')
  await page.getByLabel('this metric').selectOption({ label: 'User satisfaction' })
  await page.getByLabel('reaches this value').fill('85')
  const by = page.getByRole('group', { name: 'by this date' })
  await by.getByLabel('Day').fill('31')
  await by.getByLabel('Month').fill('3')
  await by.getByLabel('Year').fill('2027')
  await page.getByLabel('Which roadmap item is it for? (optional)').selectOption({ label: phone })
  await navigateBy(page, () => page.getByRole('button', { name: 'Add the hypothesis' }).click())
  await expect(page.getByTestId('statement')).toContainText('We will know when User satisfaction reaches 85%')
  await follow(page, main.getByRole('link', { name: 'Record the result' }))
  await page.getByRole('radio', { name: 'Failed' }).check()
  await page.getByLabel('What is the evidence?').fill('Calls stayed the same for eight weeks')
  await page.getByRole('radio', { name: 'Drop it' }).check()
  await page.getByLabel('Why did you decide this? (optional)').fill('Reminders did not change what people did')
  await navigateBy(page, () => page.getByRole('button', { name: 'Record the result' }).click())
  await expect(page.getByTestId('result')).toContainText('Failed')
  await follow(page, main.getByRole('link', { name: phone }))
  await expect(page.getByTestId('item-facts')).toContainText('Dropped')
  await expect(page.getByTestId('item-history')).toContainText('Decided to drop it after its hypothesis failed')

  // The strategy page sums it all up and flags the item with no metric.
  await visit(page, thingUrl)
  await expect(page.getByTestId('part-roadmap')).toContainText('Now: 0, Next: 1, Later: 0')
  await expect(page.getByTestId('part-metrics')).toContainText('User satisfaction: 79% (off target)')
  await expect(page.getByTestId('part-hypotheses')).toContainText('Failed: 1')
  await expect(page.getByTestId('flags')).toContainText(`No metric on the roadmap item ‘${reminders}’`)
})
