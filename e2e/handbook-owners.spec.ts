// Owners, feedback and print: an editor names a member as a page's owner with a review date; the
// member, reading the page, says it was not useful and why; the answer is in their queue as its
// owner, who deals with it; the editor sees the page's usefulness. The printable section is
// checked in print media: no navigation or buttons, each page's text, link addresses written out.
import { PEOPLE } from './support/people.ts'
import { expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

test('an owner hears from readers, and a section prints as a document', async ({ pageAs, journey }, testInfo) => {
  // A long journey (two people, eight pages, each checked with axe), on a shared machine.
  test.setTimeout(180_000)
  const { slug, title, section } = journey.ownedPage
  const editor = await pageAs('editor')
  const member = await pageAs('member')

  // The editor names the member as the owner, with a date to review the page by.
  await visit(editor, `/handbook/${slug}`)
  await follow(editor, editor.getByRole('link', { name: 'Change the owner or review date of this page' }))
  await editor.getByLabel('A person').check()
  await editor.getByLabel('Email address of the person').fill(PEOPLE.member.email)
  const date = editor.getByRole('group', { name: 'Review by (optional)' })
  await date.getByLabel('Day').fill('1')
  await date.getByLabel('Month').fill('6')
  await date.getByLabel('Year').fill('2030')
  await navigateBy(editor, () => editor.getByRole('button', { name: 'Save' }).click())
  await expect(editor.getByTestId('page-owner')).toHaveText(
    `Page owner: ${PEOPLE.member.name}. To be reviewed by 1 June 2030.`,
  )

  // A reader says the page was not useful, and why.
  await visit(member, `/handbook/${slug}`)
  await follow(member, member.getByRole('button', { name: 'No this page was not useful' }))
  await expect(member.getByRole('radio', { name: 'No' })).toBeChecked()
  const comment = `An example from a real service would help (${journey.suffix}).`
  await member.getByLabel('How could we make the page better? (optional)').fill(comment)
  await navigateBy(member, () => member.getByRole('button', { name: 'Send feedback' }).click())
  await expect(member.getByText('Thank you for your feedback')).toBeVisible()

  // As the page's owner, the member finds it in their queue and deals with it.
  await visit(member, '/handbook')
  await follow(member, member.getByRole('link', { name: 'Feedback on pages you own' }))
  const answer = member.getByRole('listitem').filter({ hasText: comment })
  await expect(answer).toContainText(title)
  await expect(answer).toContainText('Not useful')
  await navigateBy(member, () => answer.getByRole('button', { name: /^Mark as dealt with/ }).click())
  await expect(member.getByRole('listitem').filter({ hasText: comment })).toContainText(
    `Dealt with by ${PEOPLE.member.name}`,
  )

  // The owner, who is no editor, marks the page reviewed and sets its next review a year away.
  await visit(member, `/handbook/${slug}/reviewed`)
  await expect(member.getByRole('heading', { level: 1, name: 'Mark as reviewed' })).toBeVisible()
  await expect(member.getByTestId('review-due')).toContainText('It is due for review by 1 June 2030.')
  await member.getByRole('radio', { name: 'In 12 months' }).check()
  await navigateBy(member, () => member.getByRole('button', { name: 'Mark as reviewed' }).click())
  await expect(member).toHaveURL(new RegExp(`/handbook/${slug}$`))
  await expect(member.getByText(`You marked ‘${title}’ as reviewed`)).toBeVisible()
  await expect(member.getByTestId('page-owner')).not.toContainText('1 June 2030')

  // The editor sees how useful readers found the page.
  await visit(editor, `/handbook/${slug}`)
  await follow(editor, editor.getByRole('link', { name: 'See how useful readers found this page' }))
  await expect(editor.getByTestId('usefulness-total')).toContainText('said it was not')
  await expect(editor.getByRole('main')).toContainText(comment)

  // The section prints as a document: contents, then each page, without the site's navigation.
  await visit(editor, '/handbook')
  await follow(editor, editor.getByRole('link', { name: /^Print this section\s*: Product manager$/ }))
  await expect(editor).toHaveURL(new RegExp(`/handbook/sections/${section}/print$`))
  await expect(editor.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: title })).toBeVisible()
  await editor.emulateMedia({ media: 'print' })
  await expect(editor.locator('.govuk-template__header')).toBeHidden()
  await expect(editor.locator('.govuk-breadcrumbs')).toBeHidden()
  await expect(editor.locator('.govuk-footer')).toBeHidden()
  await expect(editor.getByRole('heading', { level: 2, name: title })).toBeVisible()
  // Each link's address is written after it on paper.
  const outside = editor.locator('main a[href^="http"]')
  if ((await outside.count()) > 0)
    expect(await outside.first().evaluate(a => getComputedStyle(a, '::after').content)).toMatch(/attr\(href\)|\(http/)
  await editor.screenshot({ path: testInfo.outputPath('section-in-print.png'), fullPage: false })
  await editor.emulateMedia({ media: 'screen' })

  // So does the whole handbook: every section's pages, the owned page among them.
  await visit(editor, '/handbook')
  await follow(editor, editor.getByRole('link', { name: 'Print the whole handbook or save it as a PDF' }))
  await expect(editor).toHaveURL(/\/handbook\/print$/)
  await editor.emulateMedia({ media: 'print' })
  await expect(editor.locator('.govuk-template__header')).toBeHidden()
  await expect(editor.locator('.govuk-footer')).toBeHidden()
  await expect(editor.getByRole('main').getByRole('heading', { name: title, exact: true })).toBeVisible()
  await editor.emulateMedia({ media: 'screen' })
})
