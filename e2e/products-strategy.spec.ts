// A thing's strategy: add a service to the catalogue (with every error shown at once first),
// follow the strategy page's flag to write its problem statement, change it and compare the two
// versions, fill both canvases and see what the value proposition leaves unanswered,
// then draw a Wardley map and move one in as text; print the strategy page on A4 and check it
// reflows at 320 px.
import { readFileSync } from 'node:fs'
import { errorSummary, expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

// A map as people write it in Online Wardley Maps, with lines Valuekit reads (anchors, components,
// links, evolve) among lines it only keeps (a pipeline block, notes, annotations, methods, styles).
const OWM_TEXT = `title River permits
anchor Angler [0.95, 0.6]
component Apply online [0.8, 0.45] label [10, -5] (build)
component Permit checks [0.55, 0.3] (inertia)
component Payments [0.4, 0.75] (buy)

Angler->Apply online
Apply online->Permit checks
Apply online->Payments; limited by
evolve Permit checks 0.5 label [5, 5]
pipeline Permit checks
{
  component Paper checks [0.2]
  component Online checks [0.45]
}
note Spring rules change every year [0.3, 0.2]
annotation 1 [0.5, 0.35] Checks are still done by hand
annotations [0.9, 0.05]
outsource Payments
style wardley
`

test('write a service’s strategy and print it', async ({ pageAs, journey, javaScriptEnabled }) => {
  // One journey through many pages: allowed the time of several.
  test.setTimeout(240_000)
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

  // A Wardley map from the form (new items appear in the dependency lists after "Add more
  // rows"), then the same map moved in as Online Wardley Maps text, a mistake first.
  await follow(page, page.getByRole('link', { name: `Back to the strategy of ${name}` }))
  await follow(page, page.getByRole('heading', { name: 'Wardley map' }).getByRole('link'))
  await follow(page, page.getByRole('button', { name: 'Write the Wardley map' }))
  const item = (n: number) => page.getByRole('group', { name: `Item ${n}`, exact: true })
  await item(1).getByLabel('Name').fill('Angler')
  await item(1).getByLabel('User need').check()
  await item(1).getByLabel('Visibility').fill('95')
  await item(1).getByLabel('Evolution').fill('60')
  await item(2).getByLabel('Name').fill('River map')
  await item(2).getByLabel('Visibility').fill('60')
  await item(2).getByLabel('Evolution').fill('30')
  await item(2).getByLabel('Moving to (optional)').fill('50')
  await navigateBy(page, () => page.getByRole('button', { name: 'Add more rows' }).click())
  const link = page.getByRole('group', { name: 'Dependency 1' })
  await link.getByLabel('This item').selectOption('Angler')
  await link.getByLabel('needs').selectOption('River map')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())
  await expect(page.getByText('Wardley map saved (version 1)')).toBeVisible()
  await expect(page.getByRole('img', { name: 'Wardley map' })).toBeVisible()
  await expect(page.getByTestId('map-table')).toContainText('50 (Product)')
  await follow(page, page.getByRole('link', { name: 'Import from Online Wardley Maps text' }))
  await page.getByLabel('Paste the Online Wardley Maps text').fill('anchor Angler [0.95, 0.6]\ncomponent Payments')
  await navigateBy(page, () => page.getByRole('button', { name: 'Import' }).click())
  await expect(errorSummary(page)).toContainText('Line 2: Give Payments a place')
  await page.getByLabel('Paste the Online Wardley Maps text').fill(OWM_TEXT)
  await navigateBy(page, () => page.getByRole('button', { name: 'Import' }).click())
  await expect(page.getByText('Wardley map imported (version 2)')).toBeVisible()
  await expect(page.getByTestId('map-table')).toContainText('Payments')
  await expect(page.getByTestId('map-table')).toContainText('Permit checks')
  // The text downloaded is the text imported, line for line: notes, pipelines, annotations and
  // styles that Valuekit does not draw included.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download as Online Wardley Maps text' }).click(),
  ])
  const path = await download.path()
  expect(readFileSync(path, 'utf8')).toBe(OWM_TEXT)
  // At 320 px nothing scrolls sideways: the drawing shows each item's number from the table
  // (names would be too small to read), and the table's rows stand as blocks.
  const wide = page.viewportSize()
  await page.setViewportSize({ width: 320, height: 800 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBe(0)
  await expect(page.getByTestId('map-table').getByRole('rowheader', { name: '1. Angler (user need)' })).toBeVisible()
  const angler = page.getByTestId('map-point').filter({ hasText: 'Angler' })
  await expect(angler.locator('.app-wardley__number')).toHaveText('1')
  await expect(angler.locator('.app-wardley__number')).toBeVisible()
  await expect(angler.locator('.app-wardley__label')).toBeHidden()
  const table = await page.getByTestId('map-table').boundingBox()
  expect((table?.x ?? 0) + (table?.width ?? 999)).toBeLessThanOrEqual(320)
  if (wide) await page.setViewportSize(wide)

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
