// Email: an administrator imports two people with invitations ticked, and both invitations arrive
// at the test SMTP server with a link that works; the Email page shows them as sent.
import { existsSync, readFileSync } from 'node:fs'
import type { ReceivedMail } from '../test/smtp-sink.ts'
import { expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

const HEADER = 'name,email,career_role,line_manager_email,associate_of_email,business_area,group,date_into_role'

test('invite everyone an import adds, and see the emails arrive', async ({ pageAs, freshPage, journey, run }) => {
  const s = journey.suffix.replace(/[^a-z]/g, '')
  const people = [
    { name: `Ines Invite ${s}`, email: `ines.invite.${s}@invite.gov.uk` },
    { name: `Omar Invite ${s}`, email: `omar.invite.${s}@invite.gov.uk` },
  ]
  const csv = [HEADER, ...people.map(p => `${p.name},${p.email},Product manager,,,Invitations,,`)].join('\n')

  const admin = await pageAs('administrator')
  await visit(admin, '/people/import')
  await admin.getByLabel('Or paste the spreadsheet as CSV').fill(csv)
  await follow(admin, admin.getByRole('button', { name: 'Check the spreadsheet' }))
  const invite = admin.getByLabel('Email each new person an invitation with a link to set their password')
  await expect(invite).toBeChecked()
  await follow(admin, admin.getByRole('button', { name: 'Import 2 people' }))
  await expect(admin.getByText('We are emailing the 2 new people invitations')).toBeVisible()

  const mails = async (): Promise<ReceivedMail[]> =>
    existsSync(run.mailFile)
      ? readFileSync(run.mailFile, 'utf8')
          .split('\n')
          .filter(line => line !== '')
          .map(line => JSON.parse(line) as ReceivedMail)
          .filter(mail => people.some(p => mail.to.includes(p.email)))
      : []
  await expect.poll(async () => (await mails()).length, { timeout: 20_000 }).toBe(2)
  const arrived = await mails()
  expect(arrived.flatMap(m => m.to).sort()).toEqual(people.map(p => p.email).sort())
  expect(arrived.every(m => m.subject === 'Set your password for Valuekit')).toBe(true)

  await visit(admin, '/admin/email')
  const log = admin.getByTestId('email-log')
  for (const p of people) await expect(log.getByRole('row').filter({ hasText: p.name })).toContainText('Sent')

  // The link in Ines's email lets her set a password and sign in.
  const link =
    /https?:\/\/\S+\/set-password\/\S+/.exec(
      arrived.find(m => m.to.includes(people[0]?.email ?? ''))?.text ?? '',
    )?.[0] ?? ''
  expect(link).not.toBe('')
  const ines = await freshPage()
  await navigateBy(ines, () => ines.goto(link))
  await expect(ines.getByRole('heading', { level: 1 })).toContainText('Set your password')
})
