// The check-in repository on both engines: optimistic updates, and the set-based reads other
// views rely on (latest agreed levels per person, last agreed dates, a manager's team), including
// lists of people longer than one statement may carry.
import type { Kysely } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import type { Database } from '../db/schema.ts'
import type { Level } from '../framework/framework.bundled.ts'
import { bundledDocument } from '../framework/framework.document.ts'
import { FrameworkRepository } from '../framework/framework.repository.ts'
import { newId } from '../platform/ids.ts'
import { PathwayRepository } from './pathway.repository.ts'

const repo = new PathwayRepository()

async function version(db: Kysely<Database>, number: number): Promise<string> {
  const id = newId()
  await new FrameworkRepository().insertVersion(db, {
    id,
    number,
    name: `Version ${number}`,
    status: number === 1 ? 'current' : 'superseded',
    note: '',
    createdAt: '2026-01-01T09:00:00.000Z',
    createdBy: null,
    createdByName: 'Valuekit',
    approvedByName: null,
    document: bundledDocument({ base: '2025', leadership: false }),
  })
  return id
}

async function profile(
  db: Kysely<Database>,
  id: string,
  o: { area?: string; group?: string; role?: string; manager?: string | null },
) {
  await db
    .insertInto('people')
    .values({
      user_id: id,
      career_role: o.role ?? 'product-manager',
      line_manager_id: o.manager ?? null,
      associate_of_id: null,
      business_area: o.area ?? 'Benefits',
      group_name: o.group ?? '',
      date_into_role: null,
      head_of_profession: 'no',
      one_to_one_cadence_days: 28,
      updated_at: '2026-01-01T09:00:00.000Z',
      version: 1,
    })
    .execute()
}

async function checkin(
  db: Kysely<Database>,
  o: {
    personId: string
    versionId: string
    status?: string
    agreedAt?: string | null
    createdAt?: string
    kind?: string
    levels?: Record<string, Level>
  },
): Promise<string> {
  const id = newId()
  const status = o.status ?? 'agreed'
  await db
    .insertInto('checkins')
    .values({
      id,
      person_id: o.personId,
      framework_version_id: o.versionId,
      role_slug: 'product-manager',
      kind: o.kind ?? 'check-in',
      status,
      manager_id: null,
      created_at: o.createdAt ?? '2026-01-01T09:00:00.000Z',
      submitted_at: status === 'draft' ? null : (o.createdAt ?? '2026-01-01T09:00:00.000Z'),
      reviewed_at: null,
      agreed_at: status === 'agreed' ? (o.agreedAt ?? '2026-02-01T09:00:00.000Z') : null,
      agreed_note: null,
      carried_from_id: null,
      version: 1,
    })
    .execute()
  const levels = Object.entries(o.levels ?? {})
  if (levels.length)
    await db
      .insertInto('checkin_ratings')
      .values(
        levels.map(([skill, level]) => ({
          checkin_id: id,
          skill_slug: skill,
          self_level: level,
          self_evidence: '',
          manager_level: level,
          manager_note: '',
          agreed_level: status === 'agreed' ? level : null,
          agreed_note: '',
        })),
      )
      .execute()
  return id
}

describe.each(DIALECTS)('pathway repository on %s', dialect => {
  let t: TestDb | undefined
  afterEach(async () => {
    await t?.destroy()
    t = undefined
  })

  it('moves a check-in on only from the version and stage it was read at', async () => {
    t = await createTestDb(dialect)
    const db = t.db.kysely
    const v1 = await version(db, 1)
    const person = await insertUser(db)
    const id = newId()
    await repo.insertDraft(
      db,
      {
        id,
        personId: person.id,
        frameworkVersionId: v1,
        roleSlug: 'product-manager',
        managerId: null,
        createdAt: '2026-03-01T09:00:00.000Z',
      },
      ['product-management', 'strategic-ownership'],
    )
    expect(await repo.findOpen(db, person.id)).toMatchObject({
      id,
      status: 'draft',
      version: 1,
      frameworkVersionNumber: 1,
    })
    expect((await repo.ratings(db, id)).map(r => r.skillSlug).sort()).toEqual([
      'product-management',
      'strategic-ownership',
    ])

    expect(await repo.advance(db, id, 2, ['draft'], {})).toBe(false)
    expect(await repo.advance(db, id, 1, ['submitted'], { status: 'reviewed' })).toBe(false)
    expect(
      await repo.advance(db, id, 1, ['draft'], { status: 'submitted', submittedAt: '2026-03-02T09:00:00.000Z' }),
    ).toBe(true)
    await repo.saveSelfRatings(db, id, [{ skillSlug: 'product-management', level: 'expert', evidence: 'Evidence' }])
    const found = await repo.find(db, id)
    expect(found).toMatchObject({ status: 'submitted', version: 2, submittedAt: '2026-03-02T09:00:00.000Z' })
    const pm = (await repo.ratings(db, id)).find(r => r.skillSlug === 'product-management')
    expect(pm).toMatchObject({ selfLevel: 'expert', selfEvidence: 'Evidence', managerLevel: null, agreedLevel: null })
  })

  it("reads everyone's latest agreed levels in one version, by id list or by area, group and role", async () => {
    t = await createTestDb(dialect)
    const db = t.db.kysely
    const v1 = await version(db, 1)
    const v2 = await version(db, 2)
    const ann = await insertUser(db)
    const bob = await insertUser(db)
    const cat = await insertUser(db)
    await profile(db, ann.id, { area: 'Benefits', group: 'Claims' })
    await profile(db, bob.id, { area: 'Benefits', group: 'Payments', role: 'senior-product-manager' })
    await profile(db, cat.id, { area: 'Tax' })
    await checkin(db, {
      personId: ann.id,
      versionId: v1,
      agreedAt: '2026-02-01T09:00:00.000Z',
      levels: { 'product-management': 'working' },
    })
    await checkin(db, {
      personId: ann.id,
      versionId: v1,
      agreedAt: '2026-04-01T09:00:00.000Z',
      levels: { 'product-management': 'practitioner' },
    })
    await checkin(db, {
      personId: ann.id,
      versionId: v2,
      agreedAt: '2026-06-01T09:00:00.000Z',
      levels: { 'product-management': 'expert' },
    })
    await checkin(db, {
      personId: ann.id,
      versionId: v1,
      status: 'submitted',
      levels: { 'product-management': 'expert' },
    })
    await checkin(db, { personId: bob.id, versionId: v1, levels: { 'strategic-ownership': 'awareness' } })
    await checkin(db, { personId: cat.id, versionId: v1, levels: { 'strategic-ownership': 'expert' } })

    const flat = (m: Map<string, Map<string, Level>>) =>
      Object.fromEntries([...m].map(([person, levels]) => [person, Object.fromEntries(levels)]))
    expect(flat(await repo.latestAgreedLevels(db, [v1], [ann.id, bob.id]))).toEqual({
      [ann.id]: { 'product-management': 'practitioner' },
      [bob.id]: { 'strategic-ownership': 'awareness' },
    })
    expect([...(await repo.latestAgreedLevels(db, [v1], { businessArea: 'Benefits' })).keys()].sort()).toEqual(
      [ann.id, bob.id].sort(),
    )
    expect([
      ...(await repo.latestAgreedLevels(db, [v1], { businessArea: 'Benefits', group: 'Claims' })).keys(),
    ]).toEqual([ann.id])
    expect([...(await repo.latestAgreedLevels(db, [v1], { careerRole: 'senior-product-manager' })).keys()]).toEqual([
      bob.id,
    ])
    expect((await repo.latestAgreedLevels(db, [v1], { businessArea: null })).size).toBe(3)
    expect(flat(await repo.latestAgreedLevels(db, [v2], { businessArea: null }))).toEqual({
      [ann.id]: { 'product-management': 'expert' },
    })
    expect(await repo.latestAgreedId(db, [v1], cat.id)).not.toBeNull()
    expect(await repo.latestAgreedId(db, [v2], cat.id)).toBeNull()
  })

  it('reads lists of people longer than one statement carries', async () => {
    t = await createTestDb(dialect)
    const db = t.db.kysely
    const v1 = await version(db, 1)
    const person = await insertUser(db)
    await checkin(db, { personId: person.id, versionId: v1, levels: { 'product-management': 'working' } })
    const others = Array.from({ length: 2500 }, () => newId())
    const ids = [...others.slice(0, 1700), person.id, ...others.slice(1700)]
    const levels = await repo.latestAgreedLevels(db, [v1], ids)
    expect(levels.get(person.id)?.get('product-management')).toBe('working')
    expect((await repo.lastAgreedAt(db, ids)).get(person.id)).toBe('2026-02-01T09:00:00.000Z')
    expect((await repo.ratingsOf(db, ids)).size).toBe(0)
  })

  it("finds when each person's last check-in was agreed, leaving out levels carried across", async () => {
    t = await createTestDb(dialect)
    const db = t.db.kysely
    const v1 = await version(db, 1)
    const ann = await insertUser(db)
    const bob = await insertUser(db)
    await profile(db, ann.id, { area: 'Benefits' })
    await profile(db, bob.id, { area: 'Tax' })
    await checkin(db, { personId: ann.id, versionId: v1, agreedAt: '2026-02-01T09:00:00.000Z' })
    await checkin(db, { personId: ann.id, versionId: v1, agreedAt: '2026-05-01T09:00:00.000Z' })
    await checkin(db, { personId: ann.id, versionId: v1, agreedAt: '2026-09-01T09:00:00.000Z', kind: 'carried-over' })
    await checkin(db, { personId: bob.id, versionId: v1, agreedAt: '2026-03-01T09:00:00.000Z' })
    await checkin(db, { personId: bob.id, versionId: v1, status: 'submitted', createdAt: '2026-10-01T09:00:00.000Z' })
    // Carrying levels to a new framework version is not a conversation with a line manager.
    expect(Object.fromEntries(await repo.lastAgreedAt(db, { businessArea: 'Benefits' }))).toEqual({
      [ann.id]: '2026-05-01T09:00:00.000Z',
    })
    expect(Object.fromEntries(await repo.lastAgreedAt(db, { businessArea: 'Tax' }))).toEqual({
      [bob.id]: '2026-03-01T09:00:00.000Z',
    })
    expect((await repo.lastAgreedAt(db, { businessArea: null })).size).toBe(2)
  })

  it("reads a line manager's team: latest submitted check-in, what waits for them, who is overdue", async () => {
    t = await createTestDb(dialect)
    const db = t.db.kysely
    const v1 = await version(db, 1)
    const manager = await insertUser(db, { name: 'Mel Manager' })
    const ann = await insertUser(db, { name: 'Ann' })
    const bob = await insertUser(db, { name: 'Bob' })
    const cat = await insertUser(db, { name: 'Cat' })
    const elsewhere = await insertUser(db, { name: 'Dee' })
    await profile(db, ann.id, { manager: manager.id })
    await profile(db, bob.id, { manager: manager.id })
    await profile(db, cat.id, { manager: manager.id })
    await profile(db, elsewhere.id, {})
    await checkin(db, {
      personId: ann.id,
      versionId: v1,
      agreedAt: '2026-10-01T09:00:00.000Z',
      createdAt: '2026-09-01T09:00:00.000Z',
    })
    const submitted = await checkin(db, {
      personId: ann.id,
      versionId: v1,
      status: 'submitted',
      createdAt: '2026-11-01T09:00:00.000Z',
    })
    await checkin(db, { personId: ann.id, versionId: v1, status: 'draft', createdAt: '2026-11-02T09:00:00.000Z' })
    await checkin(db, {
      personId: bob.id,
      versionId: v1,
      agreedAt: '2025-01-01T09:00:00.000Z',
      createdAt: '2024-12-01T09:00:00.000Z',
    })
    await checkin(db, { personId: elsewhere.id, versionId: v1, status: 'submitted' })

    expect(await repo.countReports(db, manager.id)).toBe(3)
    const team = await repo.team(db, manager.id)
    expect(team.map(m => [m.name, m.latest?.status ?? null])).toEqual([
      ['Ann', 'submitted'],
      ['Bob', 'agreed'],
      ['Cat', null],
    ])
    expect((await repo.waitingFor(db, manager.id)).map(w => w.id)).toEqual([submitted])
    const overdue = await repo.overdueReports(db, manager.id, '2026-05-26T10:00:00.000Z')
    expect(overdue.map(o => [o.name, o.lastAgreedAt])).toEqual([
      ['Cat', null],
      ['Bob', '2025-01-01T09:00:00.000Z'],
    ])
  })
})
