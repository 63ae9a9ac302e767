// The worked example's page, as an administrator finds it: from Administration, saying what
// loading would add. It is not loaded here: fifty more people in the journeys' shared database
// would change what other journeys see. Loading and removing are proven by the service and route
// tests (src/example).
import { expect, follow, test, visit } from './support/fixtures.ts'

test('an administrator finds the worked example and what it would add', async ({ pageAs }) => {
  const page = await pageAs('administrator')
  await visit(page, '/admin')
  await follow(page, page.getByRole('link', { name: /worked example/i }))
  await expect(page.getByRole('heading', { level: 1, name: 'Worked example' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'What loading it adds' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Load the worked example' })).toBeVisible()
})
