// buildServices: one graph, wired once. Every capability reads the framework through the same
// FrameworkVersions (so one cache of its terms), and a repository swapped for a test is the one
// every service writing through it uses.
import { afterEach, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation, type TestServices } from '../test/build-test-services.ts'
import { DIALECTS } from '../test/dialects.ts'
import { insertUser } from '../test/factories.ts'
import { AuditRepository, type AuditEvent } from './audit/audit.repository.ts'
import type { DbExecutor } from './db/connect.ts'

class RecordingAuditRepository extends AuditRepository {
  readonly written: string[] = []
  override insert(db: DbExecutor, event: AuditEvent): Promise<unknown> {
    this.written.push(event.action)
    return super.insert(db, event)
  }
}

describe.each(DIALECTS)('buildServices on %s', dialect => {
  let built: TestServices | undefined
  afterEach(async () => {
    await built?.close()
    built = undefined
  })

  it('hands every capability the same framework versions, so they share one set of terms', async () => {
    built = await buildTestServices({ dialect })
    await installOrganisation(built)
    const { people, framework, frameworkVersions } = built.services
    const terms = await frameworkVersions.terms()
    expect(terms.roles.length).toBeGreaterThan(0)
    expect(await people.careerRoles()).toBe(terms)
    expect(await framework.terms()).toBe(terms)
  })

  it('builds every service on a swapped repository', async () => {
    const audit = new RecordingAuditRepository()
    built = await buildTestServices({ dialect, replace: { audit } })
    const founder = await installOrganisation(built)
    const person = await insertUser(built.db, { name: 'Pat Person' })
    await built.services.people.saveProfile(
      founder,
      person.id,
      {
        careerRole: 'product-manager',
        lineManagerId: null,
        associateOfId: null,
        businessArea: 'Digital',
        group: 'Payments',
        dateIntoRole: null,
        headOfProfession: false,
        oneToOneCadenceDays: 28,
      },
      0,
    )
    // The organisation, the framework and people each wrote their audit event through it.
    expect([...audit.written].sort()).toEqual(
      ['framework.seeded', 'organisation.created', 'person.profile-saved'].sort(),
    )
    const listed = (await built.services.audit.list({}, 1)).events.map(e => e.action)
    expect(listed.sort()).toEqual([...audit.written].sort())
  })
})
