// Working in the open: an administrator writes a problem statement for a new service and puts two
// problems on its roadmap, publishes it with one part and one problem held back (a reason asked for
// first), a visitor who is not signed in reads the public page without them and leaves feedback
// about the problem shown (every error first; the held-back problem is not offered), and the team
// finds the feedback waiting for moderation, about that problem, and publishes it. With and
// without JavaScript; axe on every page.
import { errorSummary, expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

test('publish a strategy in the open, read it signed out and moderate feedback', async ({
  pageAs,
  freshPage,
  journey,
}) => {
  test.setTimeout(180_000)
  const page = await pageAs('administrator')
  const name = `Report a blocked drain (${journey.suffix})`

  await visit(page, '/products/new')
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Its purpose, in one line').fill('Residents report drains that flood the road')
  await navigateBy(page, () => page.getByRole('button', { name: 'Add to the catalogue' }).click())
  const thingUrl = new URL(page.url()).pathname
  await follow(page, page.getByRole('link', { name: 'There is no problem statement yet' }))
  await page.getByLabel('What is the problem?').fill('Blocked drains are reported by phone and get lost.')
  await page.getByLabel('How do you know?').fill('Call notes name the contractor we are replacing.')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())

  // Two problems on its roadmap: one to publish, one to hold back.
  const flooding = `The same streets flood every winter (${journey.suffix})`
  const switching = `Move reports off the contractor’s phone line (${journey.suffix})`
  await follow(page, page.getByRole('link', { name: `Back to the strategy of ${name}` }))
  await follow(page, page.getByTestId('part-roadmap').getByRole('link', { name: 'Roadmap' }))
  for (const problem of [flooding, switching]) {
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Add a problem to the roadmap' }))
    await page.getByRole('radio', { name: 'Now' }).check()
    await page.getByLabel('What problem will the team solve?').fill(problem)
    await page.getByLabel('What outcome do you intend?').fill('Fewer flooded roads')
    await navigateBy(page, () => page.getByRole('button', { name: 'Add to the roadmap' }).click())
  }

  // Publish, holding the evidence and one problem back: the reason is asked for first.
  await visit(page, thingUrl)
  await follow(page, page.getByRole('link', { name: 'Publish in the open' }))
  const held = page.getByTestId('publish-row').filter({ hasText: switching })
  await held.getByLabel('Hold this back').check()
  await held.getByLabel(/Why is it held back/).fill('The contract is still being let')
  const evidence = page.getByTestId('publish-row').filter({ hasText: 'Problem statement: How do you know?' })
  await evidence.getByLabel('Hold this back').check()
  await navigateBy(page, () => page.getByRole('button', { name: 'Publish' }).click())
  await expect(errorSummary(page)).toContainText('Say why ‘Problem statement: How do you know?’ is held back')
  await evidence.getByLabel(/Why is it held back/).fill('It names a contractor while the contract is let')
  await navigateBy(page, () => page.getByRole('button', { name: 'Publish' }).click())
  await expect(page.getByText('Version 1 is public')).toBeVisible()
  const publicHref = await page.getByTestId('publication-status').getByRole('link').getAttribute('href')
  expect(publicHref).toMatch(/^\/open\/report-a-blocked-drain/)

  // A visitor, not signed in, reads it without what was held back, and leaves feedback.
  const visitor = await freshPage()
  await visit(visitor, String(publicHref))
  await expect(visitor.getByRole('main')).toContainText('Blocked drains are reported by phone and get lost.')
  await expect(visitor.getByRole('main')).not.toContainText('contractor')
  await expect(visitor.getByRole('main')).toContainText(flooding)
  await expect(visitor.getByRole('main')).not.toContainText(switching)
  await follow(visitor, visitor.getByRole('link', { name: 'Tell the team what you think' }))
  const about = visitor.getByRole('group', { name: 'What is your feedback about?' })
  await expect(about.getByRole('radio')).toHaveCount(3)
  await expect(about).not.toContainText(switching)
  await navigateBy(visitor, () => visitor.getByRole('button', { name: 'Send' }).click())
  await expect(errorSummary(visitor)).toContainText('Choose what your feedback is about')
  await expect(errorSummary(visitor)).toContainText('Enter your feedback')
  const said = `I reported the same drain three times (${journey.suffix})`
  await visitor.getByLabel('What would you like to tell them?').fill(said)
  await about.getByRole('radio', { name: `Now: ${flooding}` }).check()
  await navigateBy(visitor, () => visitor.getByRole('button', { name: 'Send' }).click())
  await expect(visitor.getByText('Thank you: the team will read what you said')).toBeVisible()

  // The team finds it held for moderation, and publishes it as insight.
  await visit(page, '/insight/moderation')
  const waiting = page.getByTestId('held').getByRole('listitem').filter({ hasText: said })
  await expect(waiting.getByRole('heading')).toContainText(flooding)
  await navigateBy(page, () => waiting.getByRole('button', { name: /Publish/ }).click())
  await visit(page, '/insight?origin=public')
  await expect(page.getByRole('main')).toContainText(said)

  // The record of what was held back, and why.
  await visit(page, '/products')
  await follow(page, page.getByRole('link', { name }))
  await follow(page, page.getByRole('link', { name: 'Publish in the open' }))
  await follow(page, page.getByRole('link', { name: 'What has been published, and what was held back' }))
  await expect(page.getByTestId('published-version')).toContainText('It names a contractor while the contract is let')
  await expect(page.getByTestId('published-version')).toContainText('The contract is still being let')
})
