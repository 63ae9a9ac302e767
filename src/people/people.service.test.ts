// The people service on both engines, wired as src/app.ts wires it: a real repository, a real
// audit service, and a clock the tests set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation, servicesOn } from '../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { AuditRepository, type AuditEvent } from '../audit/audit.repository.ts'
import type { DbExecutor } from '../db/connect.ts'
import { BUNDLED_TERMS } from '../framework/framework.terms.ts'

const ROLE_SLUGS = BUNDLED_TERMS.roleOrder
import type { Actor } from '../platform/auth/roles.ts'
import { ConflictError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { PeopleRepository } from './people.repository.ts'
import type { Person, ProfileChanges } from './people.types.ts'
import { PeopleService, changeKind, defaultCadenceDays } from './people.service.ts'

const NOW = new Date('2026-11-24T10:00:00.000Z')
const OPTIONS = { canSetAccountRoles: true }

class BrokenAuditRepository extends AuditRepository {
  override async insert(_db: DbExecutor, _event: AuditEvent): Promise<unknown> {
    throw new Error('The audit log is unavailable')
  }
}

const profile = (overrides: Partial<ProfileChanges> = {}): ProfileChanges => ({
  careerRole: 'product-manager',
  lineManagerId: null,
  associateOfId: null,
  businessArea: 'Benefits',
  group: 'Claims',
  dateIntoRole: '2024-01-01',
  headOfProfession: false,
  oneToOneCadenceDays: 28,
  ...overrides,
})

async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise
  } catch (err) {
    if (err instanceof ValidationError) return err.fieldErrors
    throw err
  }
  throw new Error('Expected a validation error')
}

describe('helpers', () => {
  it('names the kind of each change for the history', () => {
    const before = {
      hasProfile: true,
      careerRole: 'product-manager',
      businessArea: 'A',
      group: 'G',
      lineManagerId: 'm',
    }
    const after = profile({ businessArea: 'A', group: 'G', lineManagerId: 'm' })
    expect(changeKind(null, after, ROLE_SLUGS)).toBe('joined')
    expect(changeKind(before, { ...after, careerRole: 'senior-product-manager' }, ROLE_SLUGS)).toBe('promotion')
    expect(changeKind(before, { ...after, careerRole: 'associate-product-manager' }, ROLE_SLUGS)).toBe('role change')
    expect(changeKind(before, { ...after, group: 'H' }, ROLE_SLUGS)).toBe('move')
    expect(changeKind(before, { ...after, lineManagerId: 'n' }, ROLE_SLUGS)).toBe('new line manager')
    expect(changeKind(before, after, ROLE_SLUGS)).toBe('update')
    expect(defaultCadenceDays('associate-product-manager')).toBe(14)
  })
})

describe.each(DIALECTS)('people service on %s', dialect => {
  let testDb: TestDb
  let people: PeopleService
  let admin: Actor & { id: string }
  const db = () => testDb.db.kysely
  const auditCount = async (action: string) =>
    (await db().selectFrom('audit_events').select('id').where('action', '=', action).execute()).length
  const historyOf = (id: string) => people.history(id)

  beforeAll(async () => {
    const built = await buildTestServices({ dialect, clock: () => NOW })
    testDb = built.testDb
    people = built.services.people
    // The current framework's roles: the 2025 framework with leadership, for the enterprise shape.
    await installOrganisation(built)
    admin = await insertUser(db(), { name: 'Ada Admin', role: 'administrator' })
  })
  afterAll(() => testDb.destroy())

  describe('saving profiles', () => {
    it('adds someone to the profession, then keeps promotions and moves in their history', async () => {
      const manager = await insertUser(db(), { name: 'Max Manager' })
      const u = await insertUser(db(), { name: 'Pat Person' })
      const joined = await people.saveProfile(admin, u.id, profile({ dateIntoRole: '2023-04-01' }), 0)
      expect(joined).toMatchObject({ hasProfile: true, version: 1 })
      const promoted = await people.saveProfile(
        admin,
        u.id,
        profile({ careerRole: 'senior-product-manager', dateIntoRole: '2026-10-01', lineManagerId: manager.id }),
        1,
        '2026-10-01',
      )
      expect(promoted).toMatchObject({
        careerRole: 'senior-product-manager',
        lineManagerName: 'Max Manager',
        version: 2,
      })
      await people.saveProfile(
        admin,
        u.id,
        {
          ...profile(),
          careerRole: 'senior-product-manager',
          dateIntoRole: '2026-10-01',
          lineManagerId: manager.id,
          oneToOneCadenceDays: 21,
        },
        2,
      )
      expect((await historyOf(u.id)).map(h => [h.change, h.fromDate, h.recordedByName])).toEqual([
        ['promotion', '2026-10-01', 'Ada Admin'],
        ['joined', '2023-04-01', 'Ada Admin'],
      ])
    })

    it('refuses a stale version with the profile as it is now, and saves nothing', async () => {
      const u = await insertUser(db())
      await people.saveProfile(admin, u.id, profile(), 0)
      await people.saveProfile(admin, u.id, profile({ group: 'Theirs' }), 1)
      const refused = await people.saveProfile(admin, u.id, profile({ group: 'Mine' }), 1).catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(StaleVersionError)
      expect((refused as StaleVersionError<Person>).latest).toMatchObject({ id: u.id, group: 'Theirs', version: 2 })
      expect(await people.get(u.id)).toMatchObject({ group: 'Theirs', version: 2 })
    })

    it('keeps the rules: nobody manages themselves or their own manager; only associates have a senior', async () => {
      const top = await insertUser(db(), { name: 'Tess Top' })
      const mid = await insertUser(db(), { name: 'Mick Middle' })
      const pm = await insertUser(db(), { name: 'Penny Pm' })
      await people.saveProfile(admin, top.id, profile({ careerRole: 'senior-product-manager' }), 0)
      await people.saveProfile(admin, mid.id, profile({ lineManagerId: top.id }), 0)
      await people.saveProfile(admin, pm.id, profile({ lineManagerId: mid.id }), 0)

      expect(await fieldErrors(people.saveProfile(admin, top.id, profile({ lineManagerId: top.id }), 1))).toEqual({
        lineManager: 'A person cannot be their own line manager',
      })
      expect(
        await fieldErrors(
          people.saveProfile(admin, top.id, profile({ careerRole: 'senior-product-manager', lineManagerId: pm.id }), 1),
        ),
      ).toEqual({
        lineManager:
          'Tess Top already manages Penny Pm, directly or through others, so Penny Pm cannot be their line manager',
      })
      expect(await fieldErrors(people.saveProfile(admin, pm.id, profile({ associateOfId: top.id }), 1))).toEqual({
        associateOf: 'Only associate product managers are associated with a senior product manager',
      })
      expect(
        await fieldErrors(
          people.saveProfile(
            admin,
            pm.id,
            profile({ careerRole: 'associate-product-manager', associateOfId: mid.id }),
            1,
          ),
        ),
      ).toEqual({ associateOf: 'Mick Middle is not a senior product manager or above' })
      expect(await fieldErrors(people.saveProfile(admin, pm.id, profile({ careerRole: 'wizard' }), 1))).toEqual({
        careerRole: 'Select a career role',
      })
      const saved = await people.saveProfile(
        admin,
        pm.id,
        profile({ careerRole: 'associate-product-manager', associateOfId: top.id, lineManagerId: mid.id }),
        1,
      )
      expect(saved).toMatchObject({ associateOfName: 'Tess Top', version: 2 })
    })

    it('finds people by email from the form, and needs a senior for an associate', async () => {
      const senior = await insertUser(db(), { name: 'Sam Senior' })
      await people.saveProfile(admin, senior.id, profile({ careerRole: 'lead-product-manager' }), 0)
      const u = await insertUser(db(), { name: 'Ali Associate' })
      const input = {
        careerRole: 'associate-product-manager',
        lineManagerEmail: senior.email,
        associateOfEmail: '',
        businessArea: 'Benefits',
        group: '',
        dateIntoRole: null,
        headOfProfession: null,
        cadenceDays: null,
      }
      expect(await fieldErrors(people.changeProfile(admin, u.id, input, 0, '2026-11-24'))).toEqual({
        associateOf: 'Select the senior product manager this associate is associated with',
      })
      expect(
        await fieldErrors(
          people.changeProfile(admin, u.id, { ...input, associateOfEmail: 'ghost@example.gov.uk' }, 0, '2026-11-24'),
        ),
      ).toEqual({ associateOf: 'Nobody with the email address ghost@example.gov.uk has an account' })
      const saved = await people.changeProfile(
        admin,
        u.id,
        { ...input, associateOfEmail: senior.email },
        0,
        '2026-11-20',
      )
      expect(saved).toMatchObject({
        lineManagerId: senior.id,
        associateOfId: senior.id,
        oneToOneCadenceDays: 14,
        headOfProfession: false,
      })
      expect((await historyOf(u.id))[0]).toMatchObject({ change: 'joined', fromDate: '2026-11-20' })

      // Promoted: the senior is dropped, the usual cadence follows the new role.
      const promoted = await people.changeProfile(
        admin,
        u.id,
        { ...input, careerRole: 'product-manager', associateOfEmail: senior.email },
        1,
        '2026-11-24',
      )
      expect(promoted).toMatchObject({ careerRole: 'product-manager', associateOfId: null, oneToOneCadenceDays: 28 })
    })
  })

  describe('importing people', () => {
    const header = 'name,email,career_role,line_manager_email,associate_of_email,business_area,group,date_into_role'

    it('imports new and existing people in one go, with history and one audit event', async () => {
      const existing = await insertUser(db(), { name: 'Already Here', email: 'already.here@import.gov.uk' })
      const csv = [
        header,
        'Ann Apm,ann@import.gov.uk,Associate product manager,pat@import.gov.uk,sid@import.gov.uk,Tax,Self assessment,2026-09-01',
        'Pat Pm,pat@import.gov.uk,Product manager,sid@import.gov.uk,,Tax,Self assessment,2025-01-15',
        'Sid Spm,sid@import.gov.uk,Senior product manager,,,Tax,,01/02/2024',
        'Already Here,already.here@import.gov.uk,Product manager,sid@import.gov.uk,,Tax,,',
      ].join('\n')
      const before = await auditCount('people.imported')
      const outcome = await people.importPeople(admin, csv, OPTIONS)
      expect(outcome).toEqual({ applied: true, counts: { create: 3, add: 1, update: 0, unchanged: 0 }, invited: 0 })
      const ann = await people.findByEmail('ann@import.gov.uk')
      const sid = await people.findByEmail('sid@import.gov.uk')
      expect(ann).toMatchObject({
        name: 'Ann Apm',
        accountStatus: 'invited',
        accountRole: 'member',
        careerRole: 'associate-product-manager',
        lineManagerName: 'Pat Pm',
        associateOfName: 'Sid Spm',
        businessArea: 'Tax',
        group: 'Self assessment',
        dateIntoRole: '2026-09-01',
        oneToOneCadenceDays: 14,
      })
      expect(sid).toMatchObject({ dateIntoRole: '2024-02-01' })
      expect((await people.get(existing.id)).lineManagerId).toBe(sid?.id)
      expect((await historyOf(ann?.id ?? '')).map(h => [h.change, h.fromDate])).toEqual([['joined', '2026-09-01']])
      expect((await historyOf(existing.id)).map(h => [h.change, h.fromDate])).toEqual([['joined', '2026-11-24']])
      expect(await auditCount('people.imported')).toBe(before + 1)

      // The same file again changes nothing; a promotion and a move are updates with history.
      expect((await people.previewImport(csv, OPTIONS)).counts).toEqual({ create: 0, add: 0, update: 0, unchanged: 4 })
      const changed = csv
        .replace(
          'Pat Pm,pat@import.gov.uk,Product manager,sid@import.gov.uk,,Tax,Self assessment,2025-01-15',
          'Pat Pm,pat@import.gov.uk,Senior product manager,sid@import.gov.uk,,Tax,Self assessment,2026-11-01',
        )
        .replace(
          'Already Here,already.here@import.gov.uk,Product manager,sid@import.gov.uk,,Tax,,',
          'Already Here,already.here@import.gov.uk,Product manager,sid@import.gov.uk,,Customs,,',
        )
      expect(await people.importPeople(admin, changed, OPTIONS)).toEqual({
        applied: true,
        counts: { create: 0, add: 0, update: 2, unchanged: 2 },
        invited: 0,
      })
      const pat = await people.findByEmail('pat@import.gov.uk')
      expect(pat).toMatchObject({ careerRole: 'senior-product-manager', version: 2 })
      expect((await historyOf(pat?.id ?? ''))[0]).toMatchObject({ change: 'promotion', fromDate: '2026-11-01' })
      expect((await historyOf(existing.id))[0]).toMatchObject({
        change: 'move',
        fromDate: '2026-11-24',
        businessArea: 'Customs',
      })
    })

    it('saves nothing when the file has problems, and returns them', async () => {
      const users = async () => (await db().selectFrom('users').select('id').execute()).length
      const before = await users()
      const outcome = await people.importPeople(
        admin,
        `${header}\nNew,new.person@import2.gov.uk,Product manager,nobody@import2.gov.uk,,,,\nOther,other@import2.gov.uk,Product manager,,,,,`,
        OPTIONS,
      )
      expect(outcome.applied).toBe(false)
      if (!outcome.applied)
        expect(outcome.plan.errors).toEqual([
          { row: 2, column: 'line_manager_email', message: expect.stringContaining('nobody@import2.gov.uk') as string },
        ])
      expect(await users()).toBe(before)
    })

    it('refuses with a conflict, saving nothing, if a profile changes while the import runs', async () => {
      const u = await insertUser(db(), { email: 'racing@import4.gov.uk' })
      await people.saveProfile(admin, u.id, profile(), 0)
      // Someone saves this profile between the import reading it and writing it.
      class RacingRepository extends PeopleRepository {
        override async managerLinks(trx: DbExecutor) {
          await trx
            .updateTable('people')
            .set(eb => ({ version: eb('version', '+', 1) }))
            .where('user_id', '=', u.id)
            .execute()
          return super.managerLinks(trx)
        }
      }
      const racing = servicesOn(testDb, { clock: () => NOW, replace: { people: new RacingRepository() } }).people
      const csv = `${header}\nRacer,racing@import4.gov.uk,Senior product manager,,,Benefits,Claims,\nNewbie,newbie@import4.gov.uk,Product manager,,,,,`
      await expect(racing.importPeople(admin, csv, OPTIONS)).rejects.toBeInstanceOf(ConflictError)
      expect(await people.get(u.id)).toMatchObject({ careerRole: 'product-manager', version: 1 })
      expect(await people.findByEmail('newbie@import4.gov.uk')).toBeNull()
    })

    it('undoes the whole import if any part of it fails', async () => {
      const broken = servicesOn(testDb, { clock: () => NOW, replace: { audit: new BrokenAuditRepository() } }).people
      await expect(
        broken.importPeople(admin, `${header}\nRolled Back,rolled.back@import3.gov.uk,Product manager,,,,,`, OPTIONS),
      ).rejects.toThrow('The audit log is unavailable')
      expect(await people.findByEmail('rolled.back@import3.gov.uk')).toBeNull()
    })
  })
})
