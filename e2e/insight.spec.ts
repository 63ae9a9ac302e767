// Insight behind a roadmap: an administrator puts a problem on a thing's roadmap, adds a research
// finding to the insight backlog (every error shown at once first), tags it to that problem, and
// finds it on the problem's page under "What do we know about this problem?". Works with and
// without JavaScript; every page is checked with axe.
import { errorSummary, expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

test('add insight, tag it to a roadmap problem and see it on the problem', async ({ pageAs, journey }) => {
  test.setTimeout(180_000)
  const page = await pageAs('administrator')
  const main = page.getByRole('main')
  const thing = `Register a narrowboat (${journey.suffix})`
  const problem = `Owners cannot find their licence number (${journey.suffix})`
  const finding = `Owners look for the number on the wrong letter (${journey.suffix})`

  // A thing with one problem on its roadmap.
  await visit(page, '/products/new')
  await page.getByLabel('Name', { exact: true }).fill(thing)
  await page.getByLabel('Its purpose, in one line').fill('Boat owners register and renew online')
  await navigateBy(page, () => page.getByRole('button', { name: 'Add to the catalogue' }).click())
  await follow(page, page.getByTestId('part-roadmap').getByRole('link', { name: 'Roadmap' }))
  await follow(page, main.getByRole('link', { name: 'Add a problem to the roadmap' }))
  await page.getByRole('radio', { name: 'Now' }).check()
  await page.getByLabel('What problem will the team solve?').fill(problem)
  await page.getByLabel('What outcome do you intend?').fill('Fewer calls asking for the number')
  await navigateBy(page, () => page.getByRole('button', { name: 'Add to the roadmap' }).click())

  // The backlog, from the service navigation; a form sent empty shows every problem at once.
  await follow(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Insight' }))
  await follow(page, main.getByRole('button', { name: 'Add insight' }))
  await page.getByLabel('Evidence').fill('Four of six owners we interviewed opened the renewal letter first.')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save insight' }).click())
  await expect(errorSummary(page)).toContainText('Enter what was learned, in a sentence')
  await expect(errorSummary(page)).toContainText('Choose what kind of insight it is')
  await expect(errorSummary(page)).toContainText('Enter where it came from')
  await expect(page.getByLabel('Evidence')).toHaveValue(
    'Four of six owners we interviewed opened the renewal letter first.',
  )
  await page.getByLabel('What did you learn?').fill(finding)
  await page.getByRole('radio', { name: 'Research finding' }).check()
  await page.getByLabel('Where did it come from?').fill('Interviews with six boat owners')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save insight' }).click())
  await expect(page.getByRole('heading', { level: 1, name: finding })).toBeVisible()
  await expect(page.getByTestId('no-tags')).toBeVisible()

  // Tag it to the problem: find the thing by name, then choose the problem on its roadmap.
  await follow(page, main.getByRole('button', { name: 'Tag to a thing or problem' }))
  await page.getByLabel('Find a thing by name').fill(journey.suffix)
  await navigateBy(page, () => main.getByRole('button', { name: 'Find', exact: true }).click())
  const found = page.getByTestId('found-things')
  await expect(found.getByRole('heading', { name: thing })).toBeVisible()
  await navigateBy(page, () => found.getByRole('button', { name: `Tag to the problem ‘${problem}’` }).click())
  await expect(page.getByTestId('current-tags')).toContainText(problem)

  // On the problem's page, what we know now includes the finding.
  await follow(page, main.getByRole('link', { name: 'Back to the insight' }))
  await expect(page.getByTestId('tagged-problems')).toContainText(problem)
  await follow(page, page.getByTestId('tagged-problems').getByRole('link', { name: problem }))
  const known = page.getByTestId('section-what-we-know')
  await expect(known.getByRole('heading', { level: 2, name: 'What do we know about this problem?' })).toBeVisible()
  await expect(known.getByRole('link', { name: finding })).toBeVisible()
  await expect(known).toContainText('Research finding')
  await follow(page, known.getByRole('link', { name: 'See this insight in the backlog' }))
  await expect(page.getByTestId('problem-filter')).toContainText(problem)
  await expect(page.getByTestId('backlog').getByRole('link', { name: finding })).toBeVisible()
})
