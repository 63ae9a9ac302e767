// People of the profession for the career pathway journeys (e2e/pathway). An administrator adds
// each one as the journeys' other people were added (Administration → People → Add a person),
// the person sets their password from the one-time link, and the administrator then puts them in
// the profession from their profile (career role, line manager, business area, head of
// profession). Each person's signed-in browser state is saved under a name of the project's own.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, follow, navigateBy, visit } from './fixtures.ts'
import type { PathwayData, ProfessionPerson } from './journey-data.ts'
import { readRun } from './run.ts'

/** Where a person's signed-in browser state is kept for the rest of the project's journeys. */
export function professionStatePath(projectName: string, person: ProfessionPerson): string {
  return join(readRun().dataDir, `state-${projectName}-${person.key}.json`)
}

/** Everyone of the pathway journeys, in the order they are added: line managers before their reports. */
export function pathwayPeople(data: PathwayData): ProfessionPerson[] {
  const everyone = [data.manager, data.head, data.otherLeader, data.report]
  return everyone.sort((a, b) => Number(Boolean(a.lineManager)) - Number(Boolean(b.lineManager)))
}

/** Adds an account from Administration and returns its id and the one-time link to set a password. */
export async function addAccount(admin: Page, person: ProfessionPerson): Promise<{ id: string; link: string }> {
  await visit(admin, '/admin/people')
  await follow(admin, admin.getByRole('button', { name: 'Add a person' }))
  await admin.getByLabel('Full name').fill(person.name)
  await admin.getByLabel('Email address').fill(person.email)
  await admin.getByRole('radio', { name: person.accountRole, exact: true }).check()
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Add person' }).click())
  await expect(admin.getByRole('heading', { name: `${person.name} has been added` })).toBeVisible()
  const id = /\/admin\/people\/([0-9a-f-]{36})\/link$/.exec(new URL(admin.url()).pathname)?.[1]
  expect(id, 'the new account’s id in the address').toBeTruthy()
  const link = (await admin.getByTestId('password-link').textContent())?.trim() ?? ''
  expect(link).toMatch(/\/set-password\/\S+$/)
  return { id: id ?? '', link }
}

/** The person sets their password from their link, which signs them in; their browser state is saved. */
export async function setPassword(page: Page, link: string, person: ProfessionPerson, statePath: string) {
  await visit(page, link)
  await expect(page.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible()
  await page.getByLabel('Create a password').fill(person.password)
  await page.getByLabel('Enter the password again').fill(person.password)
  await navigateBy(page, () => page.getByRole('button', { name: 'Set password and sign in' }).click())
  await expect(page.getByRole('heading', { level: 1, name: `Welcome, ${person.name}` })).toBeVisible()
  await page.context().storageState({ path: statePath })
}

/** The administrator puts someone with an account into the profession from their profile. */
export async function addToProfession(
  admin: Page,
  id: string,
  person: ProfessionPerson,
  lineManager: ProfessionPerson | undefined,
): Promise<void> {
  await visit(admin, `/people/${id}`)
  await expect(admin.getByRole('heading', { level: 1, name: person.name })).toBeVisible()
  await follow(admin, admin.getByRole('button', { name: `Add ${person.name} to the profession` }))
  await expect(admin.getByRole('heading', { level: 1, name: `Add ${person.name} to the profession` })).toBeVisible()
  await admin
    .getByRole('group', { name: 'Career role' })
    .getByRole('radio', { name: person.careerRole, exact: true })
    .check()
  if (lineManager)
    await admin.getByLabel('Line manager').selectOption({ label: `${lineManager.name} (${lineManager.email})` })
  await admin.getByLabel('Business area', { exact: true }).fill(person.businessArea)
  await admin
    .getByRole('group', { name: 'Are they a head of profession?' })
    .getByRole('radio', { name: person.headOfProfession ? 'Yes' : 'No' })
    .check()
  await navigateBy(admin, () => admin.getByRole('button', { name: 'Add to the profession' }).click())
  await expect(admin.getByText(`You added ${person.name} to the profession`)).toBeVisible()
  const profile = admin.getByTestId('profile')
  await expect(profile).toContainText(person.careerRole)
  await expect(profile).toContainText(person.businessArea)
  if (lineManager) await expect(profile).toContainText(lineManager.name)
}
