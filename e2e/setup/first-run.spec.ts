// First run, once per test run and with JavaScript switched off (the `setup` project): the
// administrator sets Valuekit up from the one-time link, then adds an editor and a member, who
// each set their password from the link they are given. Each person's signed-in browser state is
// saved for the journeys that follow.
import type { Page } from '@playwright/test'
import { ORGANISATION, PEOPLE, storageStatePath, type Role } from '../support/people.ts'
import { errorSummary, escapeRegExp, expect, follow, navigateBy, tabTo, test, visit } from '../support/fixtures.ts'

test.describe.configure({ mode: 'serial' })

test('the administrator sets Valuekit up from the one-time link', async ({ page, run }) => {
  const admin = PEOPLE.administrator
  await visit(page, run.setupLink)
  // The token leaves the address bar at once.
  await expect(page).toHaveURL(/\/setup$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Set up Valuekit' })).toBeVisible()

  // First try: a brand colour that is not a hex code, and two passwords that differ.
  await page.getByLabel('Organisation name').fill(ORGANISATION)
  await page.getByLabel('Brand colour').fill('#12345')
  await page.getByRole('radio', { name: 'Medium' }).check()
  await page.getByLabel('Your full name').fill(admin.name)
  await page.getByLabel('Your email address').fill(admin.email)
  await page.getByLabel('Create a password').fill(admin.password)
  await page.getByLabel('Enter the password again').fill(`${admin.password} but different`)
  await navigateBy(page, () => page.getByRole('button', { name: 'Set up Valuekit' }).click())

  await expect(page).toHaveTitle(/^Error: /)
  const summary = errorSummary(page)
  await expect(summary).toBeVisible()
  const colourError = 'Enter the brand colour as a hex code of 6 characters, like #1d70b8'
  const passwordError = 'The passwords do not match. Enter the same password twice'
  await expect(summary.getByRole('link', { name: colourError })).toHaveAttribute('href', '#brandColour')
  await expect(summary.getByRole('link', { name: passwordError })).toHaveAttribute('href', '#confirmPassword')
  // The same messages sit next to their fields, and are read out with them.
  const describedBy = (message: string) => new RegExp(`Error:\\s+${escapeRegExp(message)}$`)
  await expect(page.getByLabel('Brand colour')).toHaveAccessibleDescription(describedBy(colourError))
  await expect(page.getByLabel('Enter the password again')).toHaveAccessibleDescription(describedBy(passwordError))
  // What they typed is kept, apart from the passwords.
  await expect(page.getByLabel('Organisation name')).toHaveValue(ORGANISATION)
  await expect(page.getByLabel('Brand colour')).toHaveValue('#12345')
  await expect(page.getByRole('radio', { name: 'Medium' })).toBeChecked()
  await expect(page.getByLabel('Your full name')).toHaveValue(admin.name)
  await expect(page.getByLabel('Your email address')).toHaveValue(admin.email)
  await expect(page.getByLabel('Create a password')).toHaveValue('')

  // Second try: put both right.
  await page.getByLabel('Brand colour').fill('#0b0c0c')
  await page.getByLabel('Create a password').fill(admin.password)
  await page.getByLabel('Enter the password again').fill(admin.password)
  await navigateBy(page, () => page.getByRole('button', { name: 'Set up Valuekit' }).click())

  await expect(page).toHaveURL(`${run.baseUrl}/`)
  await expect(page.getByRole('banner')).toContainText(ORGANISATION)
  await expect(page.getByText('Valuekit is set up')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${admin.name}` })).toBeVisible()
  // A new installation's only task is to add people, and it leads to the import.
  const addPeople = page.getByTestId('tasks').getByRole('link', { name: 'Add the people of your profession' })
  await expect(page.getByTestId('tasks').getByRole('listitem')).toHaveCount(1)
  await follow(page, addPeople)
  await expect(page).toHaveURL(`${run.baseUrl}/people/import`)
  await page.context().storageState({ path: storageStatePath('administrator') })
})

test('the set-up link does not work a second time', async ({ freshPage, run }) => {
  const page = await freshPage()
  await visit(page, run.setupLink)
  // Valuekit is set up, so the link leads to signing in rather than to the set-up form.
  await expect(page).toHaveURL(/\/sign-in$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  await visit(page, '/setup', { status: 200 })
  await expect(page.getByRole('heading', { name: 'Set up Valuekit' })).toHaveCount(0)
})

/** Adds a person on the People pages and returns the one-time link the page shows. */
async function addPerson(page: Page, role: Role): Promise<string> {
  const person = PEOPLE[role]
  await visit(page, '/')
  await follow(page, page.getByRole('link', { name: 'Administration', exact: true }))
  await follow(page, page.getByRole('main').getByRole('link', { name: 'People' }))
  await follow(page, page.getByRole('button', { name: 'Add a person' }))
  await page.getByLabel('Full name').fill(person.name)
  await page.getByLabel('Email address').fill(person.email)
  await page.getByRole('radio', { name: person.roleLabel }).check()
  await navigateBy(page, () => page.getByRole('button', { name: 'Add person' }).click())
  await expect(page.getByRole('heading', { name: `${person.name} has been added` })).toBeVisible()
  const link = (await page.getByTestId('password-link').textContent())?.trim() ?? ''
  expect(link).toMatch(/\/set-password\/\S+$/)
  return link
}

test('the administrator adds an editor, who sets their password from the link', async ({ pageAs, freshPage }) => {
  const admin = await pageAs('administrator')
  const link = await addPerson(admin, 'editor')

  const page = await freshPage()
  await visit(page, link)
  await expect(page.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible()
  await expect(page.getByText(PEOPLE.editor.email)).toBeVisible()
  await page.getByLabel('Create a password').fill(PEOPLE.editor.password)
  await page.getByLabel('Enter the password again').fill(PEOPLE.editor.password)
  await navigateBy(page, () => page.getByRole('button', { name: 'Set password and sign in' }).click())
  await expect(page.getByText('Your password is set')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${PEOPLE.editor.name}` })).toBeVisible()
  await page.context().storageState({ path: storageStatePath('editor') })

  // The list of people shows the editor as active now.
  await visit(admin, '/admin/people')
  await expect(admin.getByRole('row', { name: new RegExp(PEOPLE.editor.name) })).toContainText('Active')
})

test('the administrator adds a member, who sets their password using only the keyboard', async ({
  pageAs,
  freshPage,
}) => {
  const admin = await pageAs('administrator')
  const link = await addPerson(admin, 'member')

  const page = await freshPage()
  await visit(page, link)
  await tabTo(page, page.getByLabel('Create a password'))
  await page.keyboard.type(PEOPLE.member.password)
  await tabTo(page, page.getByLabel('Enter the password again'))
  await page.keyboard.type(PEOPLE.member.password)
  await tabTo(page, page.getByRole('button', { name: 'Set password and sign in' }))
  await navigateBy(page, () => page.keyboard.press('Enter'))
  await expect(page.getByText('Your password is set')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${PEOPLE.member.name}` })).toBeVisible()
  await page.context().storageState({ path: storageStatePath('member') })
})
