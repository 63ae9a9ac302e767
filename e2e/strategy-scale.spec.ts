// Strategy at a larger scale: an area's lead opens their area's own strategy from the portfolio,
// writes its problem statement and a roadmap item with the same pages a thing's strategy uses,
// and the head of product finds and reads it. With and without JavaScript; axe on every page.
import { expect, follow, navigateBy, test, visit } from './support/fixtures.ts'
import { addAccount, addToProfession, professionStatePath, setPassword } from './support/profession.ts'

test('an area lead writes the area’s strategy and the head of product reads it', async ({
  pageAs,
  freshPage,
  pageWithState,
  journey,
}, testInfo) => {
  // Adding two accounts to the profession through their pages, each checked with axe, takes a while.
  test.setTimeout(360_000)
  const { lead, head, area } = journey.strategyScale
  const admin = await pageAs('administrator')
  const states = { lead: professionStatePath(testInfo.project.name, lead), head: '' }
  states.head = professionStatePath(testInfo.project.name, head)
  for (const [person, statePath] of [
    [lead, states.lead],
    [head, states.head],
  ] as const) {
    const { id, link } = await addAccount(admin, person)
    await setPassword(await freshPage(), link, person, statePath)
    await addToProfession(admin, id, person, undefined)
  }

  // The lead opens their area's strategy from the portfolio.
  const page = await pageWithState(states.lead)
  const main = page.getByRole('main')
  await visit(page, '/')
  await follow(page, page.getByRole('link', { name: 'Portfolio', exact: true }))
  await follow(
    page,
    page.getByTestId('portfolio-strategies').getByRole('link', { name: `Strategy for the ${area} area` }),
  )
  // Nobody has started it: opening it changes nothing, and the lead starts it with a button.
  await expect(page.getByText('Nobody has started this strategy yet.')).toBeVisible()
  await navigateBy(page, () => page.getByRole('button', { name: 'Start the strategy' }).click())
  await expect(page.getByRole('heading', { level: 1, name: `Strategy for the ${area} area` })).toBeVisible()
  await expect(main.getByText('Phase and stage history')).toHaveCount(0)

  // Its problem statement, from the flag.
  await follow(page, page.getByRole('link', { name: 'There is no problem statement yet' }))
  await page
    .getByLabel('What is the problem?')
    .fill(`Each team in ${area} plans its own way and nobody sees the whole.`)
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())
  await expect(page.getByText('Problem statement saved (version 1)')).toBeVisible()

  // A problem on its roadmap.
  await visit(page, '/strategy/areas/' + encodeURIComponent(area))
  await follow(page, page.getByTestId('part-roadmap').getByRole('link', { name: 'Roadmap' }))
  await follow(page, main.getByRole('link', { name: 'Add a problem to the roadmap' }))
  await page.getByRole('radio', { name: 'Now' }).check()
  await page.getByLabel('What problem will the team solve?').fill(`Plans in ${area} do not add up`)
  await page.getByLabel('What outcome do you intend?').fill('One roadmap for the area that every team can see')
  await navigateBy(page, () => page.getByRole('button', { name: 'Add to the roadmap' }).click())
  await expect(
    page.getByTestId('column-now').getByRole('heading', { level: 3, name: `Plans in ${area} do not add up` }),
  ).toBeVisible()

  // The head of product finds the area's strategy and reads both.
  const reader = await pageWithState(states.head)
  await visit(reader, '/portfolio')
  await follow(reader, reader.getByRole('link', { name: 'Every area’s strategy' }))
  await follow(
    reader,
    reader.getByTestId('area-strategies').getByRole('link', { name: `Strategy for the ${area} area` }),
  )
  await expect(reader.getByRole('heading', { level: 1, name: `Strategy for the ${area} area` })).toBeVisible()
  await expect(reader.getByTestId('part-problem-statement')).toContainText('nobody sees the whole')
  await expect(reader.getByTestId('part-roadmap')).toContainText(`Plans in ${area} do not add up`)
})
