// Suggesting and reviewing: a member suggests a change with a reason; an editor accepts it and the
// member sees it accepted, credited to them in the page's history. Another suggestion is declined
// with a reason, which the member can read. Two suggestions to the same paragraph: accepting the
// first leaves both wordings, between markers, for the editor to combine by hand.
import type { Page } from '@playwright/test'
import { PEOPLE } from './support/people.ts'
import { escapeRegExp, expect, follow, navigateBy, summaryValue, test, visit } from './support/fixtures.ts'

/**
 * Someone suggests a change to a page and returns where the suggestion can be seen. The change adds
 * a line at the end, unless `rewrite` says how to change the text.
 */
async function suggest(
  member: Page,
  slug: string,
  line: string,
  reason: string,
  rewrite = (text: string) => `${text.trimEnd()}\n\n${line}`,
): Promise<string> {
  await visit(member, `/handbook/${slug}`)
  await follow(member, member.getByRole('button', { name: 'Suggest a change' }))
  const body = member.getByLabel('Page text')
  await body.fill(rewrite(await body.inputValue()))
  await member.getByLabel('Why do you suggest this change?').fill(reason)
  await navigateBy(member, () => member.getByRole('button', { name: 'Send suggestion' }).click())
  await expect(member.getByText('Thank you, your suggestion has been sent')).toBeVisible()
  await expect(member).toHaveURL(/\/handbook\/suggestions\/[0-9a-f-]{36}$/)
  await expect(summaryValue(member, 'Status')).toHaveText('Waiting for review')
  await expect(summaryValue(member, 'Reason')).toHaveText(reason)
  return new URL(member.url()).pathname
}

/** The editor opens the member's suggestion for a page from the list waiting for review. */
async function openFromQueue(editor: Page, pageTitle: string): Promise<void> {
  await visit(editor, '/')
  await follow(editor, editor.getByRole('link', { name: 'Suggestions', exact: true }))
  await expect(editor.getByRole('heading', { level: 1, name: 'Suggested changes' })).toBeVisible()
  // The link's name ends with words only screen readers hear, which the browser sets off with a space.
  const name = new RegExp(`^${escapeRegExp(pageTitle)}\\s*: suggested change by ${PEOPLE.member.name}$`)
  await follow(editor, editor.getByRole('link', { name }))
  await expect(editor.getByRole('heading', { level: 1, name: pageTitle })).toBeVisible()
}

test('a member suggests a change and an editor accepts it', async ({ pageAs, journey }) => {
  const { slug, title } = journey.acceptedPage
  const member = await pageAs('member')
  const editor = await pageAs('editor')
  const line = `Share the roadmap with the people who use the service, too (${journey.suffix}).`
  const reason = 'Users should see what is coming.'
  const suggestion = await suggest(member, slug, line, reason)

  await openFromQueue(editor, title)
  await expect(editor.getByRole('list', { name: /^What would change/ })).toContainText(`Added: ${line}`)
  await navigateBy(editor, () => editor.getByRole('button', { name: 'Accept suggestion' }).click())
  await expect(editor.getByText('Suggestion accepted')).toBeVisible()
  await expect(editor.getByRole('link', { name: new RegExp(`^${escapeRegExp(title)}\\s*: suggested`) })).toHaveCount(0)

  // The member's home page and their list of suggestions show it accepted.
  await visit(member, '/')
  const onHome = member.getByRole('listitem').filter({ has: member.getByRole('link', { name: title, exact: true }) })
  await expect(onHome).toContainText('Accepted')
  await visit(member, '/handbook/suggestions/mine')
  await expect(member.getByRole('row', { name: new RegExp(`^${escapeRegExp(title)}`) })).toContainText('Accepted')
  await visit(member, suggestion)
  await expect(summaryValue(member, 'Status')).toHaveText('Accepted')
  await expect(summaryValue(member, 'Decided by')).toContainText(`${PEOPLE.editor.name} on `)

  // The page now has the line, and its history credits the member.
  await visit(member, `/handbook/${slug}`)
  await expect(member.getByRole('main')).toContainText(line)
  await follow(member, member.getByRole('link', { name: /^see all \d+ versions$/ }))
  const latest = member.getByRole('table').getByRole('row', { name: /\(latest\)/ })
  await expect(latest).toContainText(PEOPLE.member.name)
})

test('an editor declines a suggestion with a reason the member can read', async ({ pageAs, journey }) => {
  const { slug, title } = journey.declinedPage
  const member = await pageAs('member')
  const editor = await pageAs('editor')
  const line = `Always say yes to ministers (${journey.suffix}).`
  const suggestion = await suggest(member, slug, line, 'It is quicker.')

  await openFromQueue(editor, title)
  const why = `We keep this page about saying no well; this advice would contradict it (${journey.suffix}).`
  await editor.getByLabel('Why are you declining it?').fill(why)
  await navigateBy(editor, () => editor.getByRole('button', { name: 'Decline suggestion' }).click())
  await expect(editor.getByText('Suggestion declined')).toBeVisible()

  await visit(member, '/handbook/suggestions/mine')
  await expect(member.getByRole('row', { name: new RegExp(`^${escapeRegExp(title)}`) })).toContainText('Declined')
  await follow(member, member.getByRole('row', { name: new RegExp(`^${escapeRegExp(title)}`) }).getByRole('link'))
  expect(new URL(member.url()).pathname).toBe(suggestion)
  await expect(summaryValue(member, 'Status')).toHaveText('Declined')
  await expect(summaryValue(member, 'Why it was declined')).toHaveText(why)

  // The page did not change.
  await visit(member, `/handbook/${slug}`)
  await expect(member.getByRole('main')).not.toContainText(line)
})

test('two suggestions change the same paragraph: the second is combined by hand, losing neither', async ({
  pageAs,
  journey,
}) => {
  test.setTimeout(120_000)
  const { slug, title } = journey.twoSuggestionsPage
  const member = await pageAs('member')
  const editor = await pageAs('editor')
  // Both change the page's first paragraph, each in their own words.
  const first = `Work often arrives as an answer; ask what it is for (${journey.suffix}).`
  const second = `Most requests name a solution; find the need behind it (${journey.suffix}).`
  const rewriteFirstParagraph = (wording: string) => (text: string) =>
    text.replace(/^(?!#|---|\s)[^\n]{40,}$/m, wording)
  const firstPath = await suggest(member, slug, first, 'Shorter.', rewriteFirstParagraph(first))
  const secondPath = await suggest(member, slug, second, 'Plainer.', rewriteFirstParagraph(second))

  // The first is accepted as it is.
  await visit(editor, firstPath)
  await navigateBy(editor, () => editor.getByRole('button', { name: 'Accept suggestion' }).click())
  await expect(editor.getByText('Suggestion accepted')).toBeVisible()

  // The second now meets the first: the box holds both wordings between markers.
  await visit(editor, secondPath)
  await expect(editor.locator('.govuk-warning-text')).toContainText('Choose what to keep')
  const box = editor.getByLabel('Page text as it will be saved')
  const combined = await box.inputValue()
  expect(combined).toContain(`<<<<<<< The page now\n${first}\n=======\n${second}\n>>>>>>> The suggestion`)
  // Accepting with the markers left in is refused, with the text kept.
  await navigateBy(editor, () => editor.getByRole('button', { name: 'Accept suggestion' }).click())
  await expect(editor.locator('.govuk-error-summary')).toContainText('conflict markers')
  // Keeping both sentences, without the markers, is accepted.
  const kept = (await box.inputValue()).replace(
    `<<<<<<< The page now\n${first}\n=======\n${second}\n>>>>>>> The suggestion`,
    `${first} ${second}`,
  )
  await box.fill(kept)
  await navigateBy(editor, () => editor.getByRole('button', { name: 'Accept suggestion' }).click())
  await expect(editor.getByText('Suggestion accepted')).toBeVisible()

  await visit(member, `/handbook/${slug}`)
  await expect(member.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(member.getByRole('main')).toContainText(first)
  await expect(member.getByRole('main')).toContainText(second)
})
