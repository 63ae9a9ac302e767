// The development repository on both engines: optimistic saves, and the one-query summaries the
// manager's view of 1:1s stands on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import type { DbExecutor } from '../db/connect.ts'
import { PeopleRepository } from '../people/people.repository.ts'
import type { ProfileChanges } from '../people/people.types.ts'
import { newId } from '../platform/ids.ts'
import { DevelopmentRepository } from './development.repository.ts'

const AT = '2026-11-24T10:00:00.000Z'

describe.each(DIALECTS)('development repository on %s', dialect => {
  let testDb: TestDb
  let db: DbExecutor
  const repo = new DevelopmentRepository()
  const ids = { manager: '', senior: '', ava: '', bo: '', cy: '' }

  const meeting = async (personId: string, withId: string, heldOn: string) => {
    const id = newId()
    await repo.insertMeeting(db, { id, personId, withId, heldOn, agenda: '', notes: '', createdAt: AT })
    return id
  }
  const action = (meetingId: string, status: 'open' | 'done') =>
    repo.insertAction(db, {
      id: newId(),
      meetingId,
      text: 'Do a thing',
      ownerId: null,
      ownerName: null,
      dueOn: '2026-12-01',
      status,
      completedAt: null,
    })

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
    db = testDb.db.kysely
    const people = new PeopleRepository()
    const profile = (o: Partial<ProfileChanges>): ProfileChanges => ({
      careerRole: 'product-manager',
      lineManagerId: null,
      associateOfId: null,
      businessArea: 'Digital',
      group: '',
      dateIntoRole: null,
      headOfProfession: false,
      oneToOneCadenceDays: 28,
      ...o,
    })
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) ids[key] = (await insertUser(db, { name: key })).id
    await people.insertProfile(db, ids.manager, profile({ careerRole: 'senior-product-manager' }), AT)
    await people.insertProfile(db, ids.senior, profile({ careerRole: 'senior-product-manager' }), AT)
    await people.insertProfile(db, ids.ava, profile({ lineManagerId: ids.manager, associateOfId: ids.senior }), AT)
    await people.insertProfile(db, ids.bo, profile({ associateOfId: ids.manager }), AT)
    await people.insertProfile(db, ids.cy, profile({ lineManagerId: ids.senior }), AT)
  })
  afterAll(() => testDb.destroy())

  it('saves a goal only from the version it was read at, keeping its skills as a list', async () => {
    const id = newId()
    await repo.insertGoal(db, {
      id,
      personId: ids.ava,
      title: 'A goal',
      measure: 'A measure',
      dueOn: '2027-01-31',
      status: 'not-started',
      skills: ['product-management'],
      sourceTitle: 'Scrum',
      sourceUrl: '/handbook/scrum',
      createdAt: AT,
      updatedAt: AT,
    })
    const changes = { title: 'B', measure: 'M', dueOn: '2027-02-28', status: 'done', skills: ['a', 'b'] }
    expect(await repo.updateGoal(db, id, changes, 1, AT)).toBe(true)
    expect(await repo.updateGoal(db, id, { ...changes, title: 'C' }, 1, AT)).toBe(false)
    expect(await repo.findGoal(db, id)).toMatchObject({
      title: 'B',
      version: 2,
      skills: ['a', 'b'],
      sourceUrl: '/handbook/scrum',
      noteCount: 0,
    })
  })

  it('finds the last 1:1 on or before today and the next one planned, per person, in one query', async () => {
    await meeting(ids.ava, ids.manager, '2026-10-01')
    await meeting(ids.ava, ids.senior, '2026-11-20')
    await meeting(ids.ava, ids.manager, '2026-12-10')
    await meeting(ids.ava, ids.manager, '2026-12-03')
    await meeting(ids.bo, ids.manager, '2026-12-01')
    await meeting(ids.cy, ids.senior, '2026-11-01')

    const forManager = await repo.meetingDates(db, { reportsOf: ids.manager }, '2026-11-24')
    expect(forManager.sort((a, b) => a.personId.localeCompare(b.personId))).toEqual(
      [
        { personId: ids.ava, lastHeldOn: '2026-11-20', nextPlannedOn: '2026-12-03' },
        { personId: ids.bo, lastHeldOn: null, nextPlannedOn: '2026-12-01' },
      ].sort((a, b) => a.personId.localeCompare(b.personId)),
    )
    expect(await repo.meetingDates(db, { personId: ids.cy }, '2026-11-24')).toEqual([
      { personId: ids.cy, lastHeldOn: '2026-11-01', nextPlannedOn: null },
    ])
    expect(await repo.meetingDates(db, { personId: ids.manager }, '2026-11-24')).toEqual([])
  })

  it('counts open actions from a manager’s own 1:1s with each of their people', async () => {
    const withManager = await meeting(ids.ava, ids.manager, '2026-09-01')
    const withSenior = await meeting(ids.ava, ids.senior, '2026-09-02')
    await action(withManager, 'open')
    await action(withManager, 'open')
    await action(withManager, 'done')
    await action(withSenior, 'open')
    const forManager = await repo.openActionsWith(db, ids.manager)
    expect(forManager.get(ids.ava)).toBe(2)
    expect(forManager.has(ids.bo)).toBe(false)
    expect((await repo.openActionsWith(db, ids.senior)).get(ids.ava)).toBe(1)

    const [summary] = (await repo.meetingsOf(db, ids.ava)).filter(m => m.id === withManager)
    expect(summary).toMatchObject({ withName: 'manager', actionCount: 3, openActions: 2 })
    const actions = await repo.actionsOf(db, withManager)
    expect(actions.map(a => a.status)).toEqual(['open', 'open', 'done'])
    const open = actions[0]?.id ?? ''
    expect(await repo.completeAction(db, withSenior, open, AT)).toBe(false)
    expect(await repo.completeAction(db, withManager, open, AT)).toBe(true)
    expect(await repo.completeAction(db, withManager, open, AT)).toBe(false)
  })
})
