import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { AccountsRepository } from '../accounts/accounts.repository.ts'
import { newId } from '../platform/ids.ts'
import { PeopleRepository } from './people.repository.ts'
import type { ProfileChanges } from './people.types.ts'

const repo = new PeopleRepository()
const AT = '2026-11-24T10:00:00.000Z'

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

describe.each(DIALECTS)('people repository on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
  })
  afterAll(() => testDb.destroy())

  it('reads an account with its profile, its line manager and associated senior by name and email', async () => {
    const manager = await insertUser(db(), { name: 'Mo Manager' })
    const senior = await insertUser(db(), { name: 'Sue Senior' })
    const person = await insertUser(db(), { name: 'Al Associate' })
    await repo.insertProfile(db(), manager.id, profile(), AT)
    await repo.insertProfile(db(), senior.id, profile({ careerRole: 'senior-product-manager' }), AT)
    await repo.insertProfile(
      db(),
      person.id,
      profile({
        careerRole: 'associate-product-manager',
        lineManagerId: manager.id,
        associateOfId: senior.id,
        oneToOneCadenceDays: 14,
      }),
      AT,
    )
    expect(await repo.find(db(), person.id)).toMatchObject({
      name: 'Al Associate',
      hasProfile: true,
      careerRole: 'associate-product-manager',
      lineManagerName: 'Mo Manager',
      lineManagerEmail: manager.email,
      associateOfName: 'Sue Senior',
      associateOfEmail: senior.email,
      oneToOneCadenceDays: 14,
      version: 1,
    })
    const bare = await insertUser(db())
    expect(await repo.find(db(), bare.id)).toMatchObject({ hasProfile: false, careerRole: null, version: 0 })
    expect(await repo.findByEmail(db(), person.email.toUpperCase())).toMatchObject({ id: person.id })
  })

  it('lists a page of people with filters, and counts them all', async () => {
    const area = `Area ${newId()}`
    for (const [name, role, group] of [
      ['Ann', 'product-manager', 'One'],
      ['Ben', 'senior-product-manager', 'One'],
      ['Cat', 'product-manager', 'Two'],
    ] as const) {
      const u = await insertUser(db(), { name: `${name} ${area}` })
      await repo.insertProfile(db(), u.id, profile({ careerRole: role, businessArea: area, group }), AT)
    }
    const all = await repo.listPage(db(), { withProfileOnly: true, businessArea: area }, 2, 0)
    expect(all.total).toBe(3)
    expect(all.people.map(p => p.name.split(' ')[0])).toEqual(['Ann', 'Ben'])
    expect((await repo.listPage(db(), { withProfileOnly: true, businessArea: area }, 2, 2)).people).toHaveLength(1)
    const pms = await repo.listPage(
      db(),
      { withProfileOnly: true, businessArea: area, careerRole: 'product-manager' },
      50,
      0,
    )
    expect(pms.people.map(p => p.name.split(' ')[0])).toEqual(['Ann', 'Cat'])
    const two = await repo.listPage(db(), { withProfileOnly: true, businessArea: area, group: 'Two' }, 50, 0)
    expect(two).toMatchObject({ total: 1, people: [{ group: 'Two' }] })

    const outsider = await insertUser(db(), { name: 'Zed Outsider' })
    const without = await repo.listPage(db(), { withoutProfileOnly: true }, 1000, 0)
    expect(without.people.some(p => p.id === outsider.id)).toBe(true)
    expect(without.people.every(p => !p.hasProfile)).toBe(true)
    expect((await repo.areas(db())).filter(a => a.businessArea === area).map(a => a.group)).toEqual(['One', 'Two'])
  })

  it('follows line management up the chain, even when it already goes round in a circle', async () => {
    const top = await insertUser(db())
    const middle = await insertUser(db())
    const bottom = await insertUser(db())
    await repo.insertProfile(db(), top.id, profile(), AT)
    await repo.insertProfile(db(), middle.id, profile({ lineManagerId: top.id }), AT)
    await repo.insertProfile(db(), bottom.id, profile({ lineManagerId: middle.id }), AT)
    expect(await repo.isInManagementChain(db(), bottom.id, top.id)).toBe(true)
    expect(await repo.isInManagementChain(db(), bottom.id, bottom.id)).toBe(true)
    expect(await repo.isInManagementChain(db(), top.id, bottom.id)).toBe(false)

    const a = await insertUser(db())
    const b = await insertUser(db())
    await repo.insertProfile(db(), a.id, profile(), AT)
    await repo.insertProfile(db(), b.id, profile({ lineManagerId: a.id }), AT)
    await repo.updateProfile(db(), a.id, profile({ lineManagerId: b.id }), 1, AT)
    expect(await repo.isInManagementChain(db(), a.id, top.id)).toBe(false)
    expect(await repo.isInManagementChain(db(), a.id, b.id)).toBe(true)

    const links = new Map((await repo.managerLinks(db())).map(l => [l.id, l]))
    expect(links.get(bottom.id)).toEqual({ id: bottom.id, email: bottom.email, lineManagerId: middle.id })
  })

  it('updates a profile only at the version it was read at', async () => {
    const u = await insertUser(db())
    await repo.insertProfile(db(), u.id, profile(), AT)
    expect(await repo.updateProfile(db(), u.id, profile({ group: 'Second' }), 1, AT)).toBe(true)
    expect(await repo.updateProfile(db(), u.id, profile({ group: 'Lost' }), 1, AT)).toBe(false)
    expect(await repo.find(db(), u.id)).toMatchObject({ group: 'Second', version: 2 })
  })

  it('creates invited accounts and profiles in batches, and updates many profiles at their versions', async () => {
    const tag = newId().slice(0, 8)
    const accounts = Array.from({ length: 450 }, (_, i) => ({
      id: newId(),
      email: `Bulk.${tag}.${i}@Example.gov.uk`,
      name: `Bulk ${i}`,
      role: 'member' as const,
    }))
    await new AccountsRepository().insertInvited(db(), accounts, AT)
    await repo.insertProfiles(
      db(),
      accounts.map((a, i) => ({ id: a.id, changes: profile({ group: `G${i % 3}`, oneToOneCadenceDays: 20 }) })),
      AT,
    )
    const first = await repo.findByEmail(db(), `bulk.${tag}.0@example.gov.uk`)
    expect(first).toMatchObject({ accountStatus: 'invited', accountRole: 'member', hasProfile: true, group: 'G0' })
    expect(
      (
        await repo.listByEmails(
          db(),
          accounts.map(a => a.email.toLowerCase()),
        )
      ).length,
    ).toBe(450)

    const manager = accounts[0]?.id ?? ''
    const updates = accounts.slice(1, 251).map((a, i) => ({
      id: a.id,
      changes: profile({
        careerRole: 'senior-product-manager',
        lineManagerId: manager,
        group: `Moved ${i}`,
        dateIntoRole: null,
        headOfProfession: i === 0,
        oneToOneCadenceDays: 7,
      }),
      expectedVersion: 1,
    }))
    expect(await repo.updateProfiles(db(), updates, AT)).toBe(250)
    expect(await repo.find(db(), accounts[1]?.id ?? '')).toMatchObject({
      careerRole: 'senior-product-manager',
      lineManagerId: manager,
      group: 'Moved 0',
      dateIntoRole: null,
      headOfProfession: true,
      oneToOneCadenceDays: 7,
      version: 2,
    })
    expect(await repo.find(db(), accounts[300]?.id ?? '')).toMatchObject({ group: 'G0', version: 1 })
    // A stale version is not saved, and the count says so.
    expect(await repo.updateProfiles(db(), updates.slice(0, 3), AT)).toBe(0)
  })

  it('keeps history entries with the line manager’s name, newest first', async () => {
    const manager = await insertUser(db(), { name: 'History Manager' })
    const u = await insertUser(db())
    const entry = (change: string, fromDate: string, lineManagerId: string | null) => ({
      id: newId(),
      personId: u.id,
      careerRole: 'product-manager',
      businessArea: 'Benefits',
      group: 'Claims',
      lineManagerId,
      change,
      fromDate,
      recordedAt: AT,
      recordedByName: 'Ada Admin',
    })
    await repo.insertHistory(db(), [
      entry('joined', '2023-01-01', null),
      entry('new line manager', '2025-06-01', manager.id),
    ])
    const history = await repo.history(db(), u.id)
    expect(history.map(h => [h.change, h.fromDate, h.lineManagerName])).toEqual([
      ['new line manager', '2025-06-01', 'History Manager'],
      ['joined', '2023-01-01', null],
    ])
  })

  it('offers accounts and senior people as choices, by name', async () => {
    const disabled = await insertUser(db(), { name: 'Aaa Disabled', status: 'disabled' })
    const senior = await insertUser(db(), { name: 'Aaa Senior' })
    await repo.insertProfile(db(), senior.id, profile({ careerRole: 'lead-product-manager' }), AT)
    const choices = await repo.accountChoices(db(), 10_000)
    expect(choices.some(c => c.id === disabled.id)).toBe(false)
    expect(choices.some(c => c.id === senior.id)).toBe(true)
    const seniors = await repo.peopleInRoles(db(), ['senior-product-manager', 'lead-product-manager'], 10_000)
    expect(seniors).toContainEqual({ id: senior.id, name: 'Aaa Senior', email: senior.email })
    expect(await repo.peopleInRoles(db(), [], 10)).toEqual([])
    // Chosen people are looked up by id, past any cap on the list offered, never disabled ones.
    const found = await repo.accountsByIds(db(), [senior.id, disabled.id, 'no-such-id'])
    expect(found).toEqual([{ id: senior.id, name: 'Aaa Senior', email: senior.email }])
    expect(await repo.accountsByIds(db(), [])).toEqual([])
  })

  it('gives the viewer profile, remembered for a moment and forgotten when any profile changes', async () => {
    const fresh = new PeopleRepository()
    const manager = await insertUser(db())
    const report = await insertUser(db())
    expect(await fresh.viewerProfile(db(), manager.id)).toEqual({
      hasProfile: false,
      headOfProfession: false,
      businessArea: null,
      group: null,
      careerRole: null,
      lineManagerId: null,
      managesSomeone: false,
    })

    // Written past the repository, as another instance would: not seen at once.
    await db()
      .insertInto('people')
      .values({
        user_id: manager.id,
        career_role: 'product-manager',
        line_manager_id: null,
        associate_of_id: null,
        business_area: 'Tax',
        group_name: 'Claims',
        date_into_role: '2024-01-01',
        head_of_profession: 'yes',
        one_to_one_cadence_days: 28,
        updated_at: AT,
        version: 1,
      })
      .execute()
    expect(await fresh.viewerProfile(db(), manager.id)).toMatchObject({ hasProfile: false })

    // Written through it (someone else's profile, naming them as line manager): seen at once.
    await fresh.insertProfile(db(), report.id, profile({ lineManagerId: manager.id }), AT)
    expect(await fresh.viewerProfile(db(), manager.id)).toEqual({
      hasProfile: true,
      headOfProfession: true,
      businessArea: 'Tax',
      group: 'Claims',
      careerRole: 'product-manager',
      lineManagerId: null,
      managesSomeone: true,
    })
  })
})
