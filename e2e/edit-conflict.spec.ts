// Editing with a conflict: two editors open the same page. The first saves; the second is shown
// both texts side by side, with their own still in the box, combines them and saves. The history
// then has both versions, and comparing them shows what was added and removed.
import { PEOPLE } from './support/people.ts'
import { errorSummary, expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

test('two editors change the same page at once', async ({ pageAs, journey }) => {
  const { slug, title } = journey.conflictPage
  const first = await pageAs('administrator')
  const second = await pageAs('editor')
  await visit(first, `/handbook/${slug}/edit`)
  await visit(second, `/handbook/${slug}/edit`)
  await expect(second.getByRole('heading', { level: 1, name: `Edit ‘${title}’` })).toBeVisible()
  const original = (await first.getByLabel('Page text').inputValue()).trimEnd()

  const firstLine = `Check the sprint goal at every stand-up (${journey.suffix}).`
  const secondLine = `Invite a user researcher to every review (${journey.suffix}).`
  const firstLineReworded = `Check the sprint goal at every stand-up, and say if it is at risk (${journey.suffix}).`

  // The first editor saves.
  await first.getByLabel('Page text').fill(`${original}\n\n${firstLine}`)
  await first.getByLabel('Describe your change (optional)').fill('Adds a note on the sprint goal')
  await navigateBy(first, () => first.getByRole('button', { name: 'Save page' }).click())
  await expect(first.getByText('Your changes have been saved')).toBeVisible()
  await expect(first.getByRole('main')).toContainText(firstLine)

  // The second saves from the version they opened, and is shown the conflict.
  await second.getByLabel('Page text').fill(`${original}\n\n${secondLine}`)
  await navigateBy(second, () => second.getByRole('button', { name: 'Save page' }).click())
  await expect(second).toHaveTitle(/^Error: /)
  await expect(
    second.getByRole('heading', { level: 2, name: 'Someone else saved this page while you were editing' }),
  ).toBeVisible()
  await expect(errorSummary(second)).toContainText(`${PEOPLE.administrator.name} saved a new version`)
  const theirs = second.getByRole('region', { name: 'Their version (now saved)' })
  const yours = second.getByRole('region', { name: 'Your version (not saved yet)' })
  await expect(theirs).toContainText(firstLine)
  await expect(theirs).not.toContainText(secondLine)
  await expect(yours).toContainText(secondLine)
  await expect(yours).not.toContainText(firstLine)
  const box = second.getByLabel('Page text')
  expect(await box.inputValue()).toContain(secondLine)
  expect(await box.inputValue()).not.toContain(firstLine)

  // They combine the two and save again, which now works.
  await box.fill(`${original}\n\n${secondLine}\n\n${firstLineReworded}`)
  await second.getByLabel('Describe your change (optional)').fill('Combines both notes')
  await navigateBy(second, () => second.getByRole('button', { name: 'Save page' }).click())
  await expect(second.getByText('Your changes have been saved')).toBeVisible()
  await expect(second.getByRole('main')).toContainText(secondLine)
  await expect(second.getByRole('main')).toContainText(firstLineReworded)

  // The history credits both editors.
  await follow(second, second.getByRole('link', { name: 'see all 3 versions' }))
  await expect(second.getByRole('heading', { level: 1, name: `History of ‘${title}’` })).toBeVisible()
  const table = second.getByRole('table', { name: '3 versions' })
  await expect(table.getByRole('row', { name: /Version 3/ })).toContainText(PEOPLE.editor.name)
  await expect(table.getByRole('row', { name: /Version 3/ })).toContainText('Combines both notes')
  await expect(table.getByRole('row', { name: /Version 2/ })).toContainText(PEOPLE.administrator.name)
  await expect(table.getByRole('row', { name: /Version 2/ })).toContainText('Adds a note on the sprint goal')

  // Comparing version 2 with version 3 shows the lines added and removed, in words as well as signs.
  await second.getByRole('radio', { name: 'Compare from version 2' }).check()
  await second.getByRole('radio', { name: 'Compare to version 3' }).check()
  await navigateBy(second, () => second.getByRole('button', { name: 'Compare versions' }).click())
  const compared = new URL(second.url()).searchParams
  expect([compared.get('from'), compared.get('to')]).toEqual(['2', '3'])
  await expect(second.getByRole('heading', { level: 1, name: 'Changes from version 2 to version 3' })).toBeVisible()
  const diff = second.getByRole('list', { name: /^Changes to the page text/ })
  const added = diff.getByRole('listitem').filter({ hasText: 'Added:' })
  const removed = diff.getByRole('listitem').filter({ hasText: 'Removed:' })
  await expect(added.filter({ hasText: secondLine })).toHaveText(`+ Added: ${secondLine}`)
  await expect(added.filter({ hasText: firstLineReworded })).toHaveText(`+ Added: ${firstLineReworded}`)
  await expect(removed).toHaveText([`− Removed: ${firstLine}`])
})
