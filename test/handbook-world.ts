// The handbook's services on one engine, wired as src/app.ts wires them (real repositories, a real
// audit service), for the handbook's service tests: two editors, a member, a section, and a clock
// that moves a millisecond at each reading so events come in a known order.
import { buildPageInput, insertSection, insertUser } from './factories.ts'
import { buildTestServices, installOrganisation } from './build-test-services.ts'
import type { DialectName, TestDb } from './dialects.ts'
import { AuditRepository } from '../src/audit/audit.repository.ts'
import type { AuditService } from '../src/audit/audit.service.ts'
import { HandbookRepository } from '../src/handbook/handbook.repository.ts'
import type { HandbookService } from '../src/handbook/handbook.service.ts'
import type { Section } from '../src/handbook/handbook.types.ts'
import type { PageInput } from '../src/handbook/pages/pages.service.ts'
import type { Actor } from '../src/platform/auth/roles.ts'

export type Person = Actor & { id: string; name: string }

export interface HandbookWorld {
  testDb: TestDb
  handbook: HandbookService
  audit: AuditService
  repo: HandbookRepository
  /** Two editors and a member. */
  editor: Person
  other: Person
  member: Person
  /** A section the pages go in. */
  section: Section
  /** The input of a new page in the section. */
  input: (overrides?: Partial<PageInput>) => PageInput
  /** How many audit events there are. */
  auditCount: () => Promise<number>
  /** How many versions a page has. */
  versionCount: (slug: string) => Promise<number>
  /** The actions audited about one subject, oldest first. */
  eventsFor: (subjectId: string) => Promise<string[]>
  /** The clock the services read: a millisecond later at each reading. */
  clock: () => Date
  /** Moves the clock a minute on. */
  tick: () => void
}

/** Builds the world; the caller destroys `testDb` when done. */
export async function handbookWorld(
  dialect: DialectName,
  options: { repo?: HandbookRepository } = {},
): Promise<HandbookWorld> {
  let now = new Date('2026-11-24T10:00:00.000Z')
  const clock = () => {
    now = new Date(now.getTime() + 1)
    return new Date(now)
  }
  const repo = options.repo ?? new HandbookRepository()
  const built = await buildTestServices({ dialect, clock, replace: { handbook: repo } })
  const { db, testDb } = built
  const { audit, handbook } = built.services
  // Pages are tagged with the current framework's skills: the 2025 framework with leadership.
  await installOrganisation(built)
  const editor = await insertUser(db, { name: 'Ed Editor', role: 'editor' })
  const other = await insertUser(db, { name: 'Olu Other', role: 'editor' })
  const member = await insertUser(db, { name: 'Mo Member', role: 'member' })
  const section = await insertSection(db, { title: 'Ways of working', position: 1 })
  return {
    testDb,
    handbook,
    audit,
    repo,
    editor,
    other,
    member,
    section,
    input: (overrides = {}) => buildPageInput({ sectionId: section.id, ...overrides }),
    auditCount: async () => (await audit.list({}, 1)).total,
    versionCount: async slug => (await handbook.history(slug)).versions.length,
    eventsFor: async subjectId =>
      (await new AuditRepository().list(testDb.db.kysely, {}, 100_000, 0)).events
        .filter(e => e.subjectId === subjectId)
        .map(e => e.action),
    clock,
    tick: () => {
      now = new Date(now.getTime() + 60_000)
    },
  }
}
