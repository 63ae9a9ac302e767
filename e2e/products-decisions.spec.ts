// Prioritising and deciding: an administrator adds a service, lists two options and scores them
// on the impact/effort matrix and with RICE, records a reasoned "no" and later revisits it, then
// holds a strategy review that links the decision with what it changed. The strategy page sums
// it all up. Works with and without JavaScript; every page is checked with axe.
import { PEOPLE } from './support/people.ts'
import { expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

test('prioritise options, say a reasoned no, revisit it, and review the strategy', async ({ pageAs, journey }) => {
  test.setTimeout(240_000)
  const page = await pageAs('administrator')
  const service = `Renew a fishing permit (${journey.suffix})`

  // A service of its own for this project.
  await visit(page, '/products/new')
  await page.getByLabel('Name', { exact: true }).fill(service)
  await page.getByLabel('Its purpose, in one line').fill('Lets anglers renew a licence online')
  await navigateBy(page, () => page.getByRole('button', { name: 'Add to the catalogue' }).click())
  await expect(page.getByRole('heading', { level: 1, name: service })).toBeVisible()
  const strategyUrl = new URL(page.url()).pathname
  await expect(page.getByTestId('flags')).toContainText('No strategy review has been held yet')

  // Two options to choose between.
  await follow(page, page.getByRole('heading', { name: 'Prioritisation' }).getByRole('link'))
  for (const [title, description] of [
    ['Pay by phone', 'Take card payments over the phone'],
    ['Renewal reminders', 'Email anglers a month before their licence runs out'],
  ] as const) {
    await follow(page, page.getByRole('button', { name: 'Add an option' }))
    await page.getByLabel('Option', { exact: true }).fill(title)
    await page.getByLabel('Description (optional)').fill(description)
    await navigateBy(page, () => page.getByRole('button', { name: 'Add option' }).click())
    await expect(page.getByText(`${title} was added`)).toBeVisible()
  }

  // Way one: impact and effort, drawn on the matrix with the same data in a table.
  await follow(page, page.getByRole('link', { name: 'Impact and effort', exact: true }))
  for (const [title, impact, effort] of [
    ['Pay by phone', '2', '4'],
    ['Renewal reminders', '5 – a great deal', '2'],
  ] as const) {
    await follow(page, page.getByRole('link', { name: `Score the impact and effort of ${title}` }))
    await page
      .getByRole('group', { name: 'How much impact do you expect?' })
      .getByLabel(impact, { exact: true })
      .check()
    await page
      .getByRole('group', { name: 'How much effort do you expect?' })
      .getByLabel(effort, { exact: true })
      .check()
    await navigateBy(page, () => page.getByRole('button', { name: 'Save scores' }).click())
  }
  await expect(page.getByRole('img', { name: `Impact and effort of the options for ${service}` })).toBeVisible()
  await expect(page.getByTestId('impact-note')).toContainText('Impact is a guess to test')
  const matrix = page.getByRole('table', { name: 'The options on the matrix' })
  await expect(matrix.getByRole('row', { name: /Renewal reminders/ })).toContainText('Quick win')
  await expect(matrix.getByRole('row', { name: /Pay by phone/ })).toContainText('Money pit')

  // Way two: RICE, ranked by score.
  await follow(page, page.getByRole('link', { name: 'RICE', exact: true }))
  for (const [title, reach, impact, confidence, effort] of [
    ['Pay by phone', '400', 'Medium (1)', '50', '2'],
    ['Renewal reminders', '3000', 'High (2)', '80', '1'],
  ] as const) {
    await follow(page, page.getByRole('link', { name: `Score with RICE the option ${title}` }))
    await page.getByLabel('Reach').fill(reach)
    await page.getByLabel(impact).check()
    await page.getByLabel('Confidence').fill(confidence)
    await page.getByLabel('Effort').fill(effort)
    await navigateBy(page, () => page.getByRole('button', { name: 'Save scores' }).click())
  }
  const ranked = page.getByRole('table', { name: 'Options ranked by RICE score' })
  await expect(ranked.getByRole('row').nth(1)).toContainText('Renewal reminders')
  await expect(ranked.getByRole('row').nth(1)).toContainText('4,800')
  await expect(ranked.getByRole('row').nth(2)).toContainText('100')

  // A reasoned no about the money pit, from its option.
  await follow(page, page.getByRole('link', { name: 'Options', exact: true }))
  await follow(page, page.getByRole('link', { name: 'Record a decision about Pay by phone' }))
  await expect(page.getByLabel('Which option is it about? (optional)')).toHaveValue(/.+/)
  await page.getByLabel('Proposal in a few words').fill('Take payments by phone')
  await page.getByLabel('What is proposed?').fill('A phone line where anglers can pay for a renewal')
  await page.getByLabel('What assumptions does it rest on?').fill('Many anglers cannot renew online')
  await page.getByRole('group', { name: 'How confident are you that it will add value?' }).getByLabel('Low').check()
  await page.getByLabel('What value do you expect it to add?').fill('More renewals from people offline')
  await page.getByRole('radio', { name: 'No', exact: true }).check()
  await page
    .getByLabel('Why?')
    .fill('Only 2% of renewals come from people without the internet, and the post office helps them')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save decision' }).click())
  await expect(page.getByRole('heading', { level: 1, name: 'Take payments by phone' })).toBeVisible()
  await expect(page.getByTestId('outcome')).toContainText('No')
  const noUrl = new URL(page.url()).pathname

  // Later, something changes: revisit the no.
  await follow(page, page.getByRole('button', { name: 'Revisit this decision' }))
  await page.getByLabel('What has changed since the earlier decision?').fill('The post office counter is closing')
  await page.getByLabel('Proposal in a few words').fill('Take payments by phone, second look')
  await page.getByRole('group', { name: 'How confident are you that it will add value?' }).getByLabel('Medium').check()
  await page.getByRole('radio', { name: 'Yes', exact: true }).check()
  await page.getByLabel('Why?').fill('Without the counter, offline anglers have no way to renew')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save decision' }).click())
  await expect(page.getByTestId('revisits')).toContainText('Take payments by phone')
  await expect(page.getByTestId('what-changed')).toContainText('The post office counter is closing')
  await follow(page, page.getByTestId('revisits').getByRole('link', { name: 'Take payments by phone' }))
  expect(new URL(page.url()).pathname).toBe(noUrl)
  await expect(page.getByTestId('revisited-by')).toContainText('Take payments by phone, second look')

  // A strategy review, apart from the sprint, that links the no with what it changed.
  await visit(page, `${strategyUrl}/reviews`)
  await follow(page, page.getByRole('button', { name: 'Record a strategy review' }))
  await page.getByLabel('Someone else from Valuekit (1)').selectOption({ label: PEOPLE.administrator.name })
  await page.getByLabel('Others who came (optional)').fill('Sam Patel, fisheries policy')
  await page.getByLabel('Prioritisation of options').check()
  await page.getByLabel('Earlier decisions').check()
  await page.getByLabel('Notes (optional)').fill('Offline renewals need a new route once the counter closes')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save review' }).click())
  await expect(page.getByTestId('review-details')).toContainText(PEOPLE.administrator.name)
  await expect(page.getByTestId('review-details')).toContainText('Sam Patel, fisheries policy')
  await follow(page, page.getByRole('button', { name: 'Link an existing decision' }))
  await page.getByRole('radio', { name: 'Take payments by phone', exact: true }).check()
  await page.getByLabel('What did the decision change?').fill('Kept phone payments off the roadmap until now')
  await navigateBy(page, () => page.getByRole('button', { name: 'Link decision' }).click())
  const taken = page.getByTestId('review-decisions')
  await expect(taken).toContainText('Take payments by phone')
  await expect(taken).toContainText('Kept phone payments off the roadmap until now')
  await follow(page, taken.getByRole('link', { name: 'Take payments by phone' }))
  await expect(page.getByTestId('taken-at')).toContainText('Kept phone payments off the roadmap until now')

  // The strategy page sums it up, and no longer asks for a review.
  await visit(page, strategyUrl)
  await expect(page.getByTestId('part-prioritisation')).toContainText(
    'Quick wins on impact and effort: Renewal reminders',
  )
  await expect(page.getByTestId('part-prioritisation')).toContainText('Top by RICE: Renewal reminders')
  await expect(page.getByTestId('part-decisions')).toContainText('1 of them a reasoned no')
  await expect(page.getByTestId('part-reviews')).toContainText('Last review:')
  await expect(page.getByTestId('flags')).not.toContainText('strategy review')
})
