// Signing in: a wrong password or an unknown email address gets the same general message in the
// error summary; then the member signs in, using only the keyboard, and signs out again.
import { PEOPLE } from './support/people.ts'
import { errorSummary, expect, navigateBy, tabTo, test, visit } from './support/fixtures.ts'

const FAILED = 'Enter a correct email address and password'

test('sign in, after a wrong password, using only the keyboard', async ({ freshPage, run }) => {
  const member = PEOPLE.member
  const page = await freshPage()
  await visit(page, '/')
  await expect(page).toHaveURL(/\/sign-in$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()

  const email = page.getByLabel('Email address')
  const password = page.getByLabel('Password', { exact: true })

  // A wrong password: a general message, the email address kept and the password not.
  await email.fill(member.email)
  await password.fill('not the right password at all')
  await navigateBy(page, () => page.getByRole('button', { name: 'Sign in' }).click())
  await expect(page).toHaveTitle(/^Error: Sign in/)
  await expect(errorSummary(page).getByRole('link', { name: new RegExp(FAILED) })).toHaveAttribute('href', '#email')
  await expect(email).toHaveValue(member.email)
  await expect(password).toHaveValue('')

  // An address nobody has gets exactly the same answer, so it cannot tell anyone who has an account.
  const wrongPasswordMessage = await errorSummary(page).textContent()
  await email.fill('nobody.here@example.gov.uk')
  await password.fill('not the right password at all')
  await navigateBy(page, () => page.getByRole('button', { name: 'Sign in' }).click())
  expect(await errorSummary(page).textContent()).toBe(wrongPasswordMessage)

  // Now the right details, with the keyboard alone: Tab between fields, type, Space on the button.
  await tabTo(page, email)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(member.email)
  await tabTo(page, password)
  await page.keyboard.type(member.password)
  await tabTo(page, page.getByRole('button', { name: 'Sign in' }))
  await navigateBy(page, () => page.keyboard.press('Space'))

  await expect(page).toHaveURL(`${run.baseUrl}/`)
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${member.name}` })).toBeVisible()
  await expect(page.getByRole('link', { name: `${member.name} (your account)` })).toBeVisible()

  // Signing out asks first, then ends the session.
  await navigateBy(page, () => page.getByRole('link', { name: 'Sign out' }).click())
  await expect(page.getByText(`You are signed in as ${member.name}`)).toBeVisible()
  await navigateBy(page, () => page.getByRole('button', { name: 'Sign out' }).click())
  await expect(page.getByRole('heading', { level: 1, name: 'You are signed out' })).toBeVisible()
  await visit(page, '/handbook/suggestions/mine')
  await expect(page).toHaveURL(/\/sign-in\?returnTo=/)
})
