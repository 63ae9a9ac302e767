import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import type { Level } from '../framework/framework.bundled.ts'
import { PeopleRepository } from '../people/people.repository.ts'
import type { ProfileChanges } from '../people/people.types.ts'
import { newId } from '../platform/ids.ts'
import { ProfessionRepository, type ProfessionFilter } from './profession.repository.ts'

const repo = new ProfessionRepository()
const people = new PeopleRepository()
const AT = '2026-11-24T10:00:00.000Z'
const CUTOFF = '2026-05-26T00:00:00.000Z'
const ALL: ProfessionFilter = { businessArea: null, careerRole: null, group: null }

describe.each(DIALECTS)('profession repository on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely
  const ids: Record<string, string> = {}
  let current = ''
  let older = ''

  async function version(number: number, status: string): Promise<string> {
    const id = newId()
    await db()
      .insertInto('framework_versions')
      .values({
        id,
        number,
        name: `Version ${number}`,
        document: '{}',
        status,
        note: '',
        created_at: AT,
        created_by: null,
        created_by_name: 'Valuekit',
        approved_by_name: null,
      })
      .execute()
    return id
  }

  async function person(
    key: string,
    name: string,
    changes: Partial<ProfileChanges> = {},
    status = 'active',
  ): Promise<string> {
    const user = await insertUser(db(), { name, status: status as 'active' })
    await people.insertProfile(
      db(),
      user.id,
      {
        careerRole: 'product-manager',
        lineManagerId: null,
        associateOfId: null,
        businessArea: 'Benefits',
        group: 'Claims',
        dateIntoRole: '2025-01-01',
        headOfProfession: false,
        oneToOneCadenceDays: 28,
        ...changes,
      },
      AT,
    )
    ids[key] = user.id
    return user.id
  }

  async function checkin(
    personKey: string,
    o: {
      version?: string
      status?: string
      kind?: string
      agreedAt?: string | null
      createdAt?: string
      levels?: Record<string, Level | null>
    },
  ): Promise<string> {
    const id = newId()
    const agreedAt = o.agreedAt === undefined ? null : o.agreedAt
    await db()
      .insertInto('checkins')
      .values({
        id,
        person_id: ids[personKey] ?? '',
        framework_version_id: o.version ?? current,
        role_slug: 'product-manager',
        kind: o.kind ?? 'check-in',
        status: o.status ?? 'agreed',
        manager_id: null,
        created_at: o.createdAt ?? agreedAt ?? AT,
        submitted_at: null,
        reviewed_at: null,
        agreed_at: agreedAt,
        agreed_note: null,
        carried_from_id: null,
        version: 1,
      })
      .execute()
    const ratings = Object.entries(o.levels ?? {})
    if (ratings.length)
      await db()
        .insertInto('checkin_ratings')
        .values(
          ratings.map(([skill, level]) => ({
            checkin_id: id,
            skill_slug: skill,
            self_level: level,
            self_evidence: '',
            manager_level: level,
            manager_note: '',
            agreed_level: level,
            agreed_note: '',
          })),
        )
        .execute()
    return id
  }

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
    older = await version(1, 'superseded')
    current = await version(2, 'current')
    const manager = await person('manager', 'Mo Manager', { careerRole: 'senior-product-manager', group: 'Payments' })
    // Pat: three check-ins; the latest agreed one (September) counts, not the draft after it.
    await person('pat', 'Pat Product', { lineManagerId: manager })
    await checkin('pat', { agreedAt: '2026-01-10T09:00:00.000Z', levels: { agile: 'working', strategy: 'working' } })
    await checkin('pat', { agreedAt: '2026-09-01T09:00:00.000Z', levels: { agile: 'expert', strategy: null } })
    await checkin('pat', { status: 'draft', createdAt: '2026-11-01T09:00:00.000Z', levels: { agile: 'awareness' } })
    // Ali: agreed before the cut-off, so overdue.
    await person('ali', 'Ali Associate', { careerRole: 'associate-product-manager', group: 'Payments' })
    await checkin('ali', { agreedAt: '2026-03-01T09:00:00.000Z', levels: { agile: 'working' } })
    // Sam: never had a check-in.
    await person('sam', 'Sam Someone')
    // Kim: two agreed at the same moment; the one created later counts.
    await person('kim', 'Kim Senior', { careerRole: 'senior-product-manager' })
    await checkin('kim', {
      agreedAt: '2026-10-01T09:00:00.000Z',
      createdAt: '2026-09-01T09:00:00.000Z',
      levels: { agile: 'working' },
    })
    await checkin('kim', {
      agreedAt: '2026-10-01T09:00:00.000Z',
      createdAt: '2026-09-20T09:00:00.000Z',
      levels: { agile: 'expert' },
    })
    // Tess (Tax): agreed recently, but against the older framework: not overdue, no current levels.
    await person('tess', 'Tess Tax', { businessArea: 'Tax', group: 'Returns' })
    await checkin('tess', { version: older, agreedAt: '2026-10-01T09:00:00.000Z', levels: { agile: 'expert' } })
    // Rory (Tax): levels carried over into the current version count as current; his check-in
    // (agreed against the older version) is what keeps him from being overdue.
    await person('rory', 'Rory Carried', { businessArea: 'Tax', group: 'Returns' })
    await checkin('rory', { version: older, agreedAt: '2026-09-20T09:00:00.000Z', levels: { agile: 'working' } })
    await checkin('rory', {
      kind: 'carried-over',
      agreedAt: '2026-10-05T09:00:00.000Z',
      levels: { agile: 'practitioner', strategy: 'working' },
    })
    // Dee (Tax) has a disabled account: not part of the profession any more.
    await person('dee', 'Dee Disabled', { businessArea: 'Tax' }, 'disabled')
    await checkin('dee', { agreedAt: '2026-10-05T09:00:00.000Z', levels: { agile: 'expert' } })
  })
  afterAll(() => testDb.destroy())

  it('counts people, current assessments and overdue check-ins by role, leaving out disabled accounts', async () => {
    expect(await repo.roleSummary(db(), [current], ALL, CUTOFF)).toEqual([
      { careerRole: 'associate-product-manager', people: 1, assessed: 1, overdue: 1 },
      // Pat, Sam, Tess, Rory: Pat and Rory assessed against this version; Sam never checked in.
      { careerRole: 'product-manager', people: 4, assessed: 2, overdue: 1 },
      // Mo (never) and Kim.
      { careerRole: 'senior-product-manager', people: 2, assessed: 1, overdue: 1 },
    ])
  })

  it('narrows every figure by business area, role and group', async () => {
    const tax = { ...ALL, businessArea: 'Tax' }
    expect(await repo.roleSummary(db(), [current], tax, CUTOFF)).toEqual([
      { careerRole: 'product-manager', people: 2, assessed: 1, overdue: 0 },
    ])
    const claims = { ...ALL, businessArea: 'Benefits', group: 'Claims', careerRole: 'product-manager' }
    expect(await repo.roleSummary(db(), [current], claims, CUTOFF)).toEqual([
      { careerRole: 'product-manager', people: 2, assessed: 1, overdue: 1 },
    ])
    expect(await repo.levelCounts(db(), [current], tax)).toEqual(
      expect.arrayContaining([{ careerRole: 'product-manager', skillSlug: 'agile', level: 'practitioner', count: 1 }]),
    )
    expect(await repo.levelCounts(db(), [current], tax)).toHaveLength(2)
  })

  it("counts each person's current levels once: latest agreed check-in against this version, ties by creation", async () => {
    const counts = await repo.levelCounts(db(), [current], ALL)
    const sorted = [...counts].sort((a, b) =>
      `${a.careerRole}${a.skillSlug}${a.level}`.localeCompare(`${b.careerRole}${b.skillSlug}${b.level}`),
    )
    expect(sorted).toEqual([
      { careerRole: 'associate-product-manager', skillSlug: 'agile', level: 'working', count: 1 },
      // Pat's September check-in (expert; strategy not agreed) and Rory's carried-over one.
      { careerRole: 'product-manager', skillSlug: 'agile', level: 'expert', count: 1 },
      { careerRole: 'product-manager', skillSlug: 'agile', level: 'practitioner', count: 1 },
      { careerRole: 'product-manager', skillSlug: 'strategy', level: 'working', count: 1 },
      // Kim's later-created check-in.
      { careerRole: 'senior-product-manager', skillSlug: 'agile', level: 'expert', count: 1 },
    ])
  })

  it('lists everyone in name order, and reads a page of them with their last agreed date of any version', async () => {
    const order = await repo.orderedIds(db(), ALL)
    expect(order).toEqual(['ali', 'kim', 'manager', 'pat', 'rory', 'sam', 'tess'].map(k => ids[k]))
    expect(await repo.orderedIds(db(), { ...ALL, businessArea: 'Tax' })).toEqual([ids.rory, ids.tess])
    const next = await repo.peopleByIds(db(), order.slice(3, 6) as string[])
    expect(next.map(p => p.name)).toEqual(['Pat Product', 'Rory Carried', 'Sam Someone'])
    expect(next[0]).toMatchObject({
      careerRole: 'product-manager',
      businessArea: 'Benefits',
      group: 'Claims',
      lineManagerName: 'Mo Manager',
      lastAgreedAt: '2026-09-01T09:00:00.000Z',
    })
    expect(next[2]?.lastAgreedAt).toBeNull()
    const all = await repo.allPeople(db(), ALL)
    expect(all.map(p => p.name)).not.toContain('Dee Disabled')
    expect(all.find(p => p.name === 'Tess Tax')?.lastAgreedAt).toBe('2026-10-01T09:00:00.000Z')
  })

  it('reads the current levels of the people asked for, by id or by filter', async () => {
    const byId = await repo.currentLevels(db(), [current], [ids.pat ?? '', ids.tess ?? '', ids.sam ?? ''])
    expect([...byId.keys()]).toEqual([ids.pat])
    expect(byId.get(ids.pat ?? '')?.checkinAgreedAt).toBe('2026-09-01T09:00:00.000Z')
    expect(Object.fromEntries(byId.get(ids.pat ?? '')?.levels ?? [])).toEqual({ agile: 'expert' })
    const tax = await repo.currentLevels(db(), [current], { ...ALL, businessArea: 'Tax' })
    expect([...tax.keys()]).toEqual([ids.rory])
    expect(await repo.currentLevels(db(), [current], [])).toEqual(new Map())
    expect(await repo.peopleByIds(db(), [])).toEqual([])
  })

  it('lists overdue check-ins, never-agreed first, then the longest overdue', async () => {
    const overdue = await repo.overdue(db(), ALL, CUTOFF, 10)
    expect(overdue.map(o => [o.name, o.lastAgreedAt])).toEqual([
      ['Mo Manager', null],
      ['Sam Someone', null],
      ['Ali Associate', '2026-03-01T09:00:00.000Z'],
    ])
    expect(overdue[1]).toMatchObject({ careerRole: 'product-manager', lineManagerName: null })
    expect(await repo.overdue(db(), ALL, CUTOFF, 1)).toHaveLength(1)
    expect(await repo.overdue(db(), { ...ALL, businessArea: 'Tax' }, CUTOFF, 10)).toEqual([])
  })

  it('offers the areas, groups and roles people hold, within a scope', async () => {
    expect(await repo.filterChoices(db(), 'Tax')).toEqual([
      { businessArea: 'Tax', group: 'Returns', careerRole: 'product-manager' },
    ])
    const all = await repo.filterChoices(db(), null)
    expect(new Set(all.map(c => c.businessArea))).toEqual(new Set(['Benefits', 'Tax']))
  })

  it('has a data version that changes when a check-in is agreed or a profile changes', async () => {
    const before = await repo.dataVersion(db())
    expect(await repo.dataVersion(db())).toBe(before)
    await checkin('sam', { agreedAt: '2026-11-24T09:00:00.000Z', levels: { agile: 'working' } })
    const afterCheckin = await repo.dataVersion(db())
    expect(afterCheckin).not.toBe(before)
    await db()
      .updateTable('people')
      .set({ group_name: 'Payments', updated_at: '2026-11-24T11:00:00.000Z' })
      .where('user_id', '=', ids.sam ?? '')
      .execute()
    expect(await repo.dataVersion(db())).not.toBe(afterCheckin)
  })

  describe('history', () => {
    beforeAll(async () => {
      const entry = (personKey: string, change: string, role: string, fromDate: string, area = 'Benefits') => ({
        id: newId(),
        personId: ids[personKey] ?? '',
        careerRole: role,
        businessArea: area,
        group: '',
        lineManagerId: null,
        change,
        fromDate,
        recordedAt: AT,
        recordedByName: 'Valuekit',
      })
      await people.insertHistory(db(), [
        entry('pat', 'joined', 'associate-product-manager', '2024-02-01'),
        entry('pat', 'promotion', 'product-manager', '2026-04-15'),
        entry('ali', 'joined', 'associate-product-manager', '2026-06-01'),
        entry('kim', 'joined', 'product-manager', '2023-01-01'),
        entry('kim', 'move', 'product-manager', '2025-12-01', 'Tax'),
        entry('kim', 'promotion', 'senior-product-manager', '2026-07-01', 'Tax'),
        entry('rory', 'joined', 'senior-product-manager', '2025-01-01', 'Tax'),
        entry('rory', 'role change', 'product-manager', '2026-02-01', 'Tax'),
      ])
    })

    it('counts people in each role now', async () => {
      const counts = await repo.roleCounts(db(), 'Tax')
      expect(counts).toEqual([{ careerRole: 'product-manager', count: 2 }])
    })

    it('counts changes by month and kind from a date', async () => {
      const months = await repo.monthlyChanges(db(), null, '2026-01-01')
      expect([...months].sort((a, b) => a.month.localeCompare(b.month))).toEqual([
        { month: '2026-02', change: 'role change', count: 1 },
        { month: '2026-04', change: 'promotion', count: 1 },
        { month: '2026-06', change: 'joined', count: 1 },
        { month: '2026-07', change: 'promotion', count: 1 },
      ])
      expect(await repo.monthlyChanges(db(), 'Tax', '2025-01-01')).toHaveLength(4)
    })

    it('pairs each join, promotion and role change with the role held before', async () => {
      const moves = await repo.roleMoves(db(), null, '2025-11-24')
      const sorted = [...moves].sort((a, b) => a.toRole.localeCompare(b.toRole) || a.change.localeCompare(b.change))
      expect(sorted).toEqual([
        { fromRole: null, toRole: 'associate-product-manager', change: 'joined', count: 1 },
        { fromRole: 'associate-product-manager', toRole: 'product-manager', change: 'promotion', count: 1 },
        { fromRole: 'senior-product-manager', toRole: 'product-manager', change: 'role change', count: 1 },
        { fromRole: 'product-manager', toRole: 'senior-product-manager', change: 'promotion', count: 1 },
      ])
      expect(await repo.roleMoves(db(), 'Tax', '2025-11-24')).toHaveLength(2)
    })
  })
})
