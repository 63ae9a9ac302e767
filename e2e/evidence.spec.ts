// An evidence pack for promotion: a product manager starts a pack for the next role, writes a STAR
// example for one skill (every missing part reported at once, nothing typed lost) and a second one, shares the
// pack with the editor, who finds it in the list of packs shared with them and reads it; the
// member, who it was not shared with, is refused. The editor downloads a copy; the person deletes it. With and without JavaScript; axe on every page.
import { readFileSync } from 'node:fs'
import { errorSummary, expect, follow, navigateBy, test, visit } from './support/fixtures.ts'
import { PEOPLE } from './support/people.ts'
import { addAccount, addToProfession, professionStatePath, setPassword } from './support/profession.ts'
import type { ProfessionPerson } from './support/journey-data.ts'

test('build an evidence pack, share it with one person, and nobody else reads it', async ({
  pageAs,
  freshPage,
  pageWithState,
  journey,
}, testInfo) => {
  test.setTimeout(180_000)
  const person: ProfessionPerson = {
    key: 'evidence',
    name: `Priya Evidence ${journey.suffix.toUpperCase()}`,
    email: `priya.evidence.${journey.suffix}@example.gov.uk`,
    password: 'lantern orchard pebble quartz',
    accountRole: 'Member',
    careerRole: 'Product manager',
    businessArea: `Evidence ${journey.suffix}`,
  }
  const admin = await pageAs('administrator')
  const { id, link } = await addAccount(admin, person)
  const statePath = professionStatePath(testInfo.project.name, person)
  await setPassword(await freshPage(), link, person, statePath)
  await addToProfession(admin, id, person, undefined)

  // From their pathway to a new pack, for the next role up (suggested).
  const page = await pageWithState(statePath)
  await visit(page, `/people/${id}/pathway`)
  await follow(page, page.getByRole('link', { name: 'Your evidence for promotion' }))
  await follow(page, page.getByRole('button', { name: 'Start an evidence pack' }))
  await expect(page.getByRole('radio', { name: 'Senior product manager' })).toBeChecked()
  await navigateBy(page, () => page.getByRole('button', { name: 'Start the pack' }).click())
  await expect(page.getByText('Your evidence pack has been started')).toBeVisible()

  // One skill: half an example first, then the rest.
  await follow(page, page.getByRole('link', { name: 'Product management' }))
  await page.getByLabel('Situation').fill('Claims for help took six weeks to process.')
  await page.getByLabel('Action').fill('I mapped the journey with the people who make claims.')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())
  await expect(errorSummary(page)).toContainText('Enter the task of your example')
  await expect(errorSummary(page)).toContainText('Enter the result of your example')
  await expect(page.getByLabel('Situation')).toHaveValue('Claims for help took six weeks to process.')
  await expect(page.getByLabel('Action')).toHaveValue('I mapped the journey with the people who make claims.')
  await page.getByLabel('Task').fill('I was asked to find out where the time went.')
  await page.getByLabel('Result').fill('Claims now take two days.')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())
  await expect(page.getByText('Evidence saved')).toBeVisible()

  // A second example for the same skill.
  await follow(page, page.getByRole('link', { name: 'Product management' }))
  const second = page.getByRole('group', { name: 'Example 2 (optional)' })
  await second.getByLabel('Situation').fill('Nobody knew which forms caused calls.')
  await second.getByLabel('Task').fill('I was asked to find the worst form.')
  await second.getByLabel('Action').fill('I tested the three busiest forms with callers.')
  await second.getByLabel('Result').fill('Calls about forms fell by a third.')
  await navigateBy(page, () => page.getByRole('button', { name: 'Save', exact: true }).click())
  await expect(page.getByText('Evidence saved')).toBeVisible()
  await follow(page, page.getByRole('button', { name: 'See the pack' }))
  await expect(page.getByRole('heading', { level: 1, name: 'Evidence for Senior product manager' })).toBeVisible()
  await expect(page.getByText('You have no agreed levels yet')).toBeVisible()
  await expect(page.getByRole('main')).toContainText('Claims now take two days.')
  await expect(page.getByRole('heading', { level: 3, name: 'Example 2' })).toBeVisible()
  await expect(page.getByRole('main')).toContainText('Calls about forms fell by a third.')
  const packPath = new URL(page.url()).pathname

  // Shared with the editor only.
  await follow(page, page.getByRole('button', { name: 'Share it' }))
  await page.getByLabel('Share it with (email address)').fill(PEOPLE.editor.email)
  await navigateBy(page, () => page.getByRole('button', { name: 'Share', exact: true }).click())
  await expect(page.getByText(`${PEOPLE.editor.name} can now read your evidence pack`)).toBeVisible()
  await expect(page.getByTestId('shares')).toContainText(PEOPLE.editor.name)

  const editor = await pageAs('editor')
  await visit(editor, '/')
  await follow(editor, editor.getByRole('link', { name: 'Evidence for promotion' }))
  await follow(editor, editor.getByRole('link', { name: `${person.name}: evidence for Senior product manager` }))
  await expect(editor.getByRole('main')).toContainText('I mapped the journey with the people who make claims.')
  await expect(editor.getByRole('button', { name: 'Change the evidence' })).toHaveCount(0)
  // A copy to keep: one HTML file named after the person and the role, with nothing outside it.
  const [download] = await Promise.all([
    editor.waitForEvent('download'),
    editor.getByRole('link', { name: 'Download it as a web page (HTML)' }).click(),
  ])
  expect(download.suggestedFilename()).toBe(`priya-evidence-${journey.suffix}-evidence-for-senior-product-manager.html`)
  const file = readFileSync(await download.path(), 'utf8')
  expect(file).toContain('Claims now take two days.')
  expect(file).not.toMatch(/<script|<link|\bsrc=|\bhref=/i)
  await follow(editor, editor.getByRole('link', { name: 'Printable version' }))
  await expect(editor.getByRole('main')).toContainText('Claims now take two days.')

  // Nobody else.
  const member = await pageAs('member')
  await visit(member, packPath, { status: 403 })
  await visit(member, `${packPath}/print`, { status: 403 })
  await visit(member, `${packPath}/download`, { status: 403 })

  // The person deletes the pack, after being asked; it is gone for the editor too.
  await visit(page, packPath)
  await follow(page, page.getByRole('link', { name: 'Delete this evidence pack' }))
  await expect(page.getByRole('heading', { level: 1, name: 'Delete your evidence pack?' })).toBeVisible()
  await expect(page.getByTestId('delete-shares')).toContainText(PEOPLE.editor.name)
  await navigateBy(page, () => page.getByRole('button', { name: 'Delete the pack' }).click())
  await expect(page.getByText('Your evidence pack for Senior product manager has been deleted')).toBeVisible()
  await visit(editor, packPath, { status: 404 })
})
