// A thing's strategy: add a service to the catalogue (with every error shown at once first),
// follow the strategy page's flag to write its problem statement, change it and compare the two
// versions, fill both canvases and see what the value proposition leaves unanswered, then print
// the strategy page on A4 and check it reflows at 320 px.
import { errorSummary, expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

test('write a service’s strategy and print it', async ({ pageAs, journey, javaScriptEnabled }) => {
  const page = await pageAs('administrator')
  const name = `Apply for a river permit (${journey.suffix})`

  await visit(page, '/products')
  await follow(page, page.getByRole('button', { name: 'Add a thing' }))
  await page.getByLabel('Feature', { exact: true }).check()
  await navigateBy(page, () => page.getByRole('button', { name: 'Add to the catalogue' }).click())
  await expect(page).toHaveTitle(/^Error: /)
  await expect(errorSummary(page)).toContainText('Enter a name')
  await expect(errorSummary(page)).toContainText('Enter its purpose in one line')
  await expect(errorSummary(page)).toContainText('Choose the service this feature is part of')

  await page.getByLabel('Service', { exact: true }).check()
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Its purpose, in one line').fill('Lets anglers fish a river legally')
  await page.getByLabel('Area (optional)').fill('Licensing')
  await page.getByRole('group', { name: 'Which phase is it in?' }).getByLabel('Alpha').check()
  await page.getByRole('group', { name: 'Which lifecycle stage is it in?' }).getByLabel('Introduction').check()
  await navigateBy(page, () => page.getByRole('button', { name: 'Add to the catalogue' }).click())
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByText('In alpha: test ideas for solving the problem')).toBeVisible()

  // The flag leads to the problem statement.
  await follow(page, page.getByRole('link', { name: 'There is no problem statement yet' }))
  await page.getByLabel('What is the problem?').fill('Anglers do not know which rivers they may fish.')
  await page.getByLabel('Who has it?').fill('Anglers new to the area')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())
  await expect(page.getByText('Problem statement saved (version 1)')).toBeVisible()
  await follow(page, page.getByRole('button', { name: 'Change' }))
  await page.getByLabel('What is the problem?').fill('Anglers fish the wrong rivers and are fined.')
  await page.getByLabel('What changed? (optional)').fill('After the first interviews')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())
  await follow(page, page.getByRole('link', { name: 'History and earlier versions' }))
  await expect(page.getByRole('table')).toContainText('After the first interviews')
  await follow(page, page.getByRole('link', { name: 'What changed in version 2' }))
  await expect(page.getByRole('list', { name: 'Changes to What is the problem?' })).toContainText(
    'Removed: Anglers do not know which rivers they may fish.',
  )

  // The value proposition canvas, then its fit.
  await follow(page, page.getByRole('link', { name }))
  await follow(page, page.getByRole('heading', { name: 'Value proposition canvas' }).getByRole('link'))
  await follow(page, page.getByRole('button', { name: 'Write the value proposition canvas' }))
  await page.getByLabel('Customer jobs, item 1').fill('Fish a river legally')
  await page.getByLabel('Pains, item 1').fill('Not knowing which rivers are open')
  await page.getByLabel('Pains, item 2').fill('Paying twice for one day')
  await page.getByLabel('Gains, item 1').fill('Fishing the same day')
  await page.getByLabel('Products and services, item 1').fill('A map of open rivers')
  await page.getByLabel('Pain relievers, item 1').fill('Open rivers shown on the map')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())
  await follow(page, page.getByRole('button', { name: 'Change' }))
  await page
    .getByRole('group', { name: 'Pains it relieves (item 1)' })
    .getByLabel('Not knowing which rivers are open')
    .check()
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())
  await expect(page.getByTestId('fit-summary')).toContainText('Pains answered: 1 of 2')
  await expect(page.getByRole('table', { name: 'Pains and what answers them' })).toContainText('Not answered')

  // The business model canvas.
  await follow(page, page.getByRole('link', { name: `Back to the strategy of ${name}` }))
  await follow(page, page.getByRole('heading', { name: 'Business model canvas' }).getByRole('link'))
  await follow(page, page.getByRole('button', { name: 'Write the business model canvas' }))
  await page.getByLabel('Value propositions').fill('Fish legally without a trip to the office')
  await page.getByLabel('Value delivered and funding').fill('Fewer fines; funded by licence fees')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())
  await expect(page.getByRole('region', { name: 'Value propositions' })).toContainText('without a trip')

  // The strategy page, printed: no navigation or buttons, link addresses shown.
  await follow(page, page.getByRole('link', { name: `Back to the strategy of ${name}` }))
  await expect(page.getByTestId('part-value-proposition-canvas')).toContainText(
    'No pain reliever answers: Paying twice for one day',
  )
  await page.emulateMedia({ media: 'print' })
  await expect(page.locator('.govuk-service-navigation')).toBeHidden()
  await expect(page.getByRole('link', { name: 'Download as Markdown' })).toBeHidden()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await page.emulateMedia({ media: 'screen' })

  if (javaScriptEnabled) {
    await page.setViewportSize({ width: 320, height: 800 })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
  }
})
