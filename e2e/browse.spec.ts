// Browsing: from the home page to a section of the contents, then to a page; the breadcrumbs,
// the "On this page" links, the reading list and the previous and next links.
import { expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

test('browse the handbook from the contents to a page and along', async ({ pageAs }) => {
  const page = await pageAs('member')
  await visit(page, '/')

  // Home → the handbook's contents, from the service navigation, and its sections.
  await follow(page, page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Handbook' }))
  await expect(page).toHaveURL(/\/handbook$/)
  const section = page.getByRole('heading', { level: 3, name: 'Product manager', exact: true })
  await expect(section).toBeVisible()

  // The section → one of its pages.
  await follow(page, page.getByRole('link', { name: 'Simplicity and the MVP' }))
  await expect(page).toHaveURL(/\/handbook\/simplicity-and-the-mvp$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Simplicity and the MVP' })).toBeVisible()
  await expect(page).toHaveTitle(/^Simplicity and the MVP – /)

  // Breadcrumbs lead back up: Handbook › Product manager.
  const breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumb' })
  await expect(breadcrumbs.getByRole('link')).toHaveText(['Handbook', 'Product manager'])

  // "On this page" links go to the headings they name.
  const onThisPage = page.getByRole('navigation', { name: 'On this page' })
  const firstHeading = onThisPage.getByRole('link').first()
  const headingText = (await firstHeading.textContent())?.trim() ?? ''
  const target = (await firstHeading.getAttribute('href')) ?? ''
  expect(target).toMatch(/^#/)
  await firstHeading.click()
  await expect(page).toHaveURL(new RegExp(`${target}$`))
  await expect(page.getByRole('heading', { level: 2, name: headingText, exact: true })).toBeInViewport()

  // The reading list: each resource links out, with its author and format; "On this page" leads to it.
  await expect(onThisPage.getByRole('link', { name: 'Reading and training' })).toHaveAttribute('href', '#resources')
  await expect(page.getByRole('heading', { level: 2, name: 'Reading and training' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 3, name: 'Reading' })).toBeVisible()
  const book = page.getByRole('link', { name: 'The Lean Startup', exact: true })
  await expect(book).toHaveAttribute('href', 'https://theleanstartup.com/')
  await expect(page.getByRole('listitem').filter({ has: book })).toHaveText('The Lean Startup by Eric Ries (Book)')

  // Previous and next follow the order of the contents.
  const pager = page.getByRole('navigation', { name: 'Pagination' })
  await expect(pager.getByRole('link', { name: /Previous/ })).toContainText('Lean Startup')
  await follow(page, pager.getByRole('link', { name: /Next/ }))
  await expect(page.getByRole('heading', { level: 1, name: 'Continuous delivery' })).toBeVisible()
  await follow(page, page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Previous/ }))
  await expect(page.getByRole('heading', { level: 1, name: 'Simplicity and the MVP' })).toBeVisible()

  // The section's breadcrumb returns to it on the contents page.
  await navigateBy(page, () => breadcrumbs.getByRole('link', { name: 'Product manager' }).click())
  await expect(page).toHaveURL(/\/handbook#section-product-manager$/)
  await expect(section).toBeInViewport()
})
