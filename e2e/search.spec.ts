// Searching: a query with results shows where the words were found, marked; a query with none
// says so and suggests what to try.
import { expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

test('search the handbook, with and without results', async ({ pageAs }) => {
  const page = await pageAs('member')
  await visit(page, '/handbook')

  const search = page.getByRole('search')
  await search.getByLabel('Search the handbook').fill('roadmap')
  await navigateBy(page, () => search.getByLabel('Search the handbook').press('Enter'))
  await expect(page).toHaveURL(/\/handbook\/search\?q=roadmap$/)
  await expect(page.getByRole('heading', { level: 2, name: /^\d+ results? for ‘roadmap’$/ })).toBeVisible()

  const results = page.getByRole('list', { name: /results? for ‘roadmap’/ }).getByRole('listitem')
  expect(await results.count()).toBeGreaterThan(0)
  const firstResult = results.first()
  await expect(firstResult.locator('mark').first()).toHaveText(/roadmap/i)
  const title = (await firstResult.getByRole('heading').textContent())?.trim() ?? ''
  await follow(page, firstResult.getByRole('link'))
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()

  // Nothing matches: the page says so and offers help.
  await visit(page, '/handbook/search?q=roadmap')
  await page.getByLabel('Search for').fill('xylophonequartz')
  await navigateBy(page, () => page.getByRole('button', { name: 'Search', exact: true }).click())
  await expect(page.getByRole('heading', { level: 2, name: '0 results for ‘xylophonequartz’' })).toBeVisible()
  await expect(page.getByText('We could not find any handbook pages that contain that word.')).toBeVisible()
  await expect(page.getByRole('listitem').filter({ hasText: 'check the spelling' })).toBeVisible()
  await expect(page.locator('mark')).toHaveCount(0)
  await follow(page, page.getByRole('link', { name: 'handbook contents' }))
  await expect(page.getByRole('heading', { level: 1, name: 'Handbook' })).toBeVisible()
})
