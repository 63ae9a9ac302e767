// buildX(overrides) helpers for repository and service tests: each returns a complete, valid record
// with unique ids, slugs and emails, so a test only states the fields it cares about. insertX
// helpers also save the record through its owning repository.
import type { Kysely } from 'kysely'
import { AccountsRepository } from '../src/accounts/accounts.repository.ts'
import type { User } from '../src/accounts/accounts.types.ts'
import type { Database } from '../src/db/schema.ts'
import { HandbookRepository } from '../src/handbook/handbook.repository.ts'
import type { Page, PageVersion, Section } from '../src/handbook/handbook.types.ts'
import type { PageInput } from '../src/handbook/pages/pages.service.ts'
import type { Actor, Role } from '../src/platform/auth/roles.ts'
import type { Viewer } from '../src/platform/auth/viewer.ts'
import { newId } from '../src/platform/ids.ts'

const AT = '2026-11-24T10:00:00.000Z'
let sequence = 0
const next = (): number => ++sequence

export function buildUser(overrides: Partial<User> = {}): User {
  const n = next()
  return {
    id: newId(),
    email: `person.${n}@example.gov.uk`,
    name: `Person ${n}`,
    role: 'member',
    status: 'active',
    passwordHash: null,
    failedSignIns: 0,
    lockedUntil: null,
    createdAt: AT,
    updatedAt: AT,
    version: 1,
    ...overrides,
  }
}

/** Saves a user and returns it as an actor (who did something) as well. */
export async function insertUser(db: Kysely<Database>, overrides: Partial<User> = {}): Promise<User & Actor> {
  const user = buildUser(overrides)
  await new AccountsRepository().insert(db, user)
  return { ...user, email: user.email.toLowerCase() }
}

export function buildSection(overrides: Partial<Section> = {}): Section {
  const n = next()
  return {
    id: newId(),
    slug: `section-${n}`,
    title: `Section ${n}`,
    summary: `About section ${n}.`,
    position: n,
    ...overrides,
  }
}

export async function insertSection(db: Kysely<Database>, overrides: Partial<Section> = {}): Promise<Section> {
  const section = buildSection(overrides)
  await new HandbookRepository().sections.insertSection(db, section, AT)
  return section
}

/** A page as the repository stores it. bodyText defaults to the body, as plain Markdown renders. */
export function buildPage(overrides: Partial<Page> & { sectionId: string }): Page {
  const n = next()
  const body = overrides.body ?? `Page ${n} body text.`
  return {
    id: newId(),
    slug: `page-${n}`,
    position: n,
    title: `Page ${n}`,
    summary: `About page ${n}.`,
    version: 1,
    updatedAt: AT,
    body,
    bodyHtml: `<p class="govuk-body">${body}</p>`,
    bodyText: body,
    headings: [],
    roles: [],
    skills: [],
    resources: [],
    createdAt: AT,
    updatedBy: null,
    updatedByName: 'Valuekit',
    ...overrides,
  }
}

export async function insertPage(
  db: Kysely<Database>,
  overrides: Partial<Page> & { sectionId: string },
): Promise<Page> {
  const page = buildPage(overrides)
  await new HandbookRepository().pages.insertPage(db, page)
  return page
}

export function buildVersion(page: Page, overrides: Partial<PageVersion> = {}): PageVersion {
  return {
    id: newId(),
    pageId: page.id,
    version: page.version,
    title: page.title,
    summary: page.summary,
    body: page.body,
    meta: { sectionId: page.sectionId, roles: page.roles, skills: page.skills, resources: page.resources },
    changeNote: '',
    createdAt: page.updatedAt,
    createdBy: page.updatedBy,
    createdByName: page.updatedByName,
    suggestionId: null,
    ...overrides,
  }
}

/** What an editor submits to create or change a page through the handbook service. */
export function buildPageInput(overrides: Partial<PageInput> & { sectionId: string }): PageInput {
  const n = next()
  return {
    title: `Page ${n}`,
    summary: `About page ${n}.`,
    body: `Page ${n} body text.`,
    roles: [],
    skills: [],
    resources: [],
    changeNote: '',
    ...overrides,
  }
}

/** A viewer for a service call: an account with a role, and whether they are a head of profession. */
export function viewerFor(
  user: { id: string; name: string; email: string },
  role: Role,
  headOfProfession = false,
): Viewer {
  return {
    user: { id: user.id, name: user.name, email: user.email, role },
    businessArea: null,
    headOfProfession,
    hasProfile: false,
    lineManagerId: null,
    managesSomeone: false,
    group: null,
    careerRole: null,
  }
}
