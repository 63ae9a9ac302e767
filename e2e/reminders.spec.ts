// Reminder emails: a person chooses no reminders on their settings page (which reflows at 320 px);
// the digest command runs; the test SMTP server receives a digest for someone else with a check-in
// overdue, with a link to the settings page, and none for the person who chose none.
import { existsSync, readFileSync } from 'node:fs'
import type { ReceivedMail } from '../test/smtp-sink.ts'
import { runCli } from './support/cli.ts'
import { expect, follow, navigateBy, test, visit } from './support/fixtures.ts'
import type { ProfessionPerson } from './support/journey-data.ts'
import { addAccount, addToProfession, setPassword } from './support/profession.ts'

test('someone who chooses no reminders gets no digest; someone else does', async ({
  pageAs,
  freshPage,
  journey,
  run,
}, testInfo) => {
  test.setTimeout(180_000)
  const s = journey.suffix.replace(/[^a-z]/g, '')
  const person = (key: string, name: string): ProfessionPerson => ({
    key: `reminders-${key}`,
    name: `${name} ${s}`,
    email: `${key}.${s}@reminders.gov.uk`,
    password: 'lantern orchard pebble compass',
    accountRole: 'Member',
    careerRole: 'Product manager',
    businessArea: `Reminders ${s}`,
  })
  const quiet = person('quiet', 'Quinn Quiet')
  const told = person('told', 'Tara Told')

  // Both join and are put in the profession: neither has had a check-in, so both are overdue one.
  const admin = await pageAs('administrator')
  for (const p of [quiet, told]) {
    const { id, link } = await addAccount(admin, p)
    const page = await freshPage()
    await setPassword(page, link, p, `${run.dataDir}/state-${testInfo.project.name}-${p.key}.json`)
    await addToProfession(admin, id, p, undefined)
    if (p === quiet) {
      // Quinn chooses no reminder emails, from their account.
      await page.setViewportSize({ width: 320, height: 800 })
      await visit(page, '/account')
      await follow(page, page.getByRole('link', { name: 'Choose your reminder emails' }))
      await expect(page.getByRole('heading', { level: 1, name: 'Reminder emails' })).toBeVisible()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
      await page.getByRole('radio', { name: 'No reminder emails' }).check()
      await navigateBy(page, () => page.getByRole('button', { name: 'Save' }).click())
      await expect(page.getByText('We will not send you reminder emails')).toBeVisible()
      await expect(page.getByTestId('reminders-current')).toContainText('You get no reminder emails')
    }
  }

  const result = await runCli(['email', 'digests'])
  expect(result.code, result.output).toBe(0)
  expect(result.stdout).toContain('Queued')

  const mails = (): ReceivedMail[] =>
    existsSync(run.mailFile)
      ? readFileSync(run.mailFile, 'utf8')
          .split('\n')
          .filter(line => line !== '')
          .map(line => JSON.parse(line) as ReceivedMail)
          .filter(mail => mail.subject === 'What needs you on Valuekit')
      : []
  await expect.poll(() => mails().filter(m => m.to.includes(told.email)).length, { timeout: 20_000 }).toBe(1)
  const digest = mails().find(m => m.to.includes(told.email))
  expect(digest?.text).toContain('Your check-in is overdue.')
  expect(digest?.text).toContain('/account/email')
  expect(mails().filter(m => m.to.includes(quiet.email))).toHaveLength(0)

  // The administrators' email page lists it.
  await visit(admin, '/admin/email')
  await expect(admin.getByTestId('email-log').getByRole('row').filter({ hasText: told.name })).toContainText(
    'Reminders',
  )
})
