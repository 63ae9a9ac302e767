// Adding people from a spreadsheet: an administrator pastes a CSV with mistakes in it. The check
// lists each problem by row and column and saves nothing; they put the mistakes right in the box,
// check again, import, and the list of people shows everyone with their line manager.
import { errorSummary, expect, follow, navigateBy, test, visit } from '../support/fixtures.ts'

test('add people from a spreadsheet, putting its mistakes right', async ({ pageAs, journey }) => {
  test.setTimeout(120_000)
  const { area, names } = journey.pathway.imported
  const [senior, second, third] = names
  const email = (name: string) => `${name.toLowerCase().replace(/\s+/g, '.')}@example.gov.uk`
  const header = 'name,email,career_role,line_manager_email,business_area,group,date_into_role'
  const withMistakes = [
    header,
    `${senior},${email(senior)},Senior product manager,,${area},Crops,2024-04-01`,
    `${second},${second.toLowerCase().replace(' ', '.')}@example,Product manager,${email(senior)},${area},Crops,31/02/2025`,
    `${third},${email(third)},Product wizard,nobody.here@example.gov.uk,${area},Livestock,2025-09-01`,
  ].join('\n')

  const admin = await pageAs('administrator')
  await visit(admin, '/')
  await follow(
    admin,
    admin.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People', exact: true }),
  )
  await follow(admin, admin.getByRole('button', { name: 'Add people from a spreadsheet' }))
  await expect(admin.getByRole('heading', { level: 1, name: 'Add people from a spreadsheet' })).toBeVisible()
  await admin.getByLabel('Or paste the spreadsheet as CSV').fill(withMistakes)
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Check the spreadsheet' }).click())

  // Each problem, by row and column; nothing to import yet.
  await expect(admin).toHaveTitle(/^Error: /)
  await expect(
    errorSummary(admin).getByRole('link', { name: 'Fix the 4 problems in the spreadsheet, then check it again' }),
  ).toHaveAttribute('href', '#csv')
  await expect(admin.getByRole('heading', { level: 2, name: '4 problems to fix' })).toBeVisible()
  const problems = admin.getByTestId('problems')
  const expected: [string, string, RegExp][] = [
    ['3', 'email', /^Enter an email address in the correct format/],
    ['3', 'date_into_role', /^Date into role must be a real date/],
    ['4', 'career_role', /^‘Product wizard’ is not a career role/],
    ['4', 'line_manager_email', /^Nobody with the email address nobody\.here@example\.gov\.uk/],
  ]
  const rows = problems.locator('tbody').getByRole('row')
  await expect(rows).toHaveCount(expected.length)
  const found = await rows.evaluateAll(trs =>
    trs.map(tr => Array.from(tr.querySelectorAll('th, td'), cell => (cell.textContent ?? '').trim())),
  )
  for (const [row, column, message] of expected) {
    const match = found.find(cells => cells[0] === row && cells[1] === column)
    expect(match, `a problem in row ${row}, column ${column}`).toBeTruthy()
    expect(match?.[2]).toMatch(message)
  }
  await expect(admin.getByRole('button', { name: /^Import/ })).toHaveCount(0)
  const box = admin.getByLabel('Your spreadsheet as CSV')
  await expect(box).toHaveValue(withMistakes)

  // Nothing was saved.
  const other = await pageAs('administrator')
  await visit(other, `/people?area=${encodeURIComponent(area)}`)
  await expect(other.getByTestId('no-people')).toContainText('Nobody matches your search and filters.')

  // Put the mistakes right in the box and check again.
  const corrected = [
    header,
    `${senior},${email(senior)},Senior product manager,,${area},Crops,2024-04-01`,
    `${second},${email(second)},Product manager,${email(senior)},${area},Crops,28/02/2025`,
    `${third},${email(third)},Product manager,${email(senior)},${area},Livestock,2025-09-01`,
  ].join('\n')
  await box.fill(corrected)
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Check again' }).click())
  await expect(admin).not.toHaveTitle(/^Error: /)
  await expect(admin.getByTestId('problems')).toHaveCount(0)
  const preview = admin.getByTestId('preview')
  for (const name of names)
    await expect(preview.getByRole('row', { name: new RegExp(name) })).toContainText('New account and profile')
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Import 3 people' }).click())

  // Everyone is in the list of people, with their line manager and business area.
  await expect(admin).toHaveURL(/\/people$/)
  await expect(admin.getByText('You imported the spreadsheet')).toBeVisible()
  await visit(admin, `/people?area=${encodeURIComponent(area)}`)
  const list = admin.getByRole('table')
  await expect(list.locator('tbody').getByRole('row')).toHaveCount(3)
  await expect(list.getByRole('row', { name: new RegExp(`^${senior}`) })).toContainText('Senior product manager')
  for (const name of [second, third]) {
    const row = list.getByRole('row', { name: new RegExp(`^${name}`) })
    await expect(row).toContainText('Product manager')
    await expect(row).toContainText(senior)
    await expect(row).toContainText(area)
  }

  // Found again by part of a name and their line manager, then in the administrators' list by email.
  await admin.getByLabel('Search by name or email address').fill(third.split(' ')[1] ?? third)
  await admin.getByLabel('Line manager').selectOption({ label: senior })
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Search', exact: true }).click())
  await expect(admin.getByLabel('Search by name or email address')).toHaveValue(third.split(' ')[1] ?? third)
  await expect(admin.getByRole('table').locator('tbody').getByRole('row')).toHaveCount(1)
  await expect(admin.getByRole('table').locator('tbody').getByRole('row')).toContainText(third)
  await visit(admin, '/admin/people')
  await admin.getByLabel('Search by name or email address').fill(email(second).toUpperCase())
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Search', exact: true }).click())
  await expect(admin.getByTestId('people').locator('tbody').getByRole('row')).toHaveCount(1)
  await expect(admin.getByTestId('people')).toContainText(second)
})
