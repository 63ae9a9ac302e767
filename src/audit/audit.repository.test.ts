import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIALECTS, createTestDb, type TestDb } from '../../test/dialects.ts'
import { newId } from '../platform/ids.ts'
import { AuditRepository, type AuditEvent } from './audit.repository.ts'

const repo = new AuditRepository()

function event(n: number, overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: newId(),
    occurredAt: `2026-11-${String(n).padStart(2, '0')}T09:00:00.000Z`,
    actorId: 'ada',
    actorName: 'Ada Admin',
    action: 'settings.changed',
    subjectType: 'organisation',
    subjectId: null,
    summary: `Event ${n}`,
    ...overrides,
  }
}

describe.each(DIALECTS)('audit repository on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely
  const events: AuditEvent[] = []

  beforeAll(async () => {
    testDb = await createTestDb(dialect)
    // 12 events on 12 days: Ada changes settings, Ben edits handbook pages, the system imports.
    for (let n = 1; n <= 12; n++) {
      const e =
        n % 3 === 0
          ? event(n, { actorId: null, actorName: 'Valuekit', action: 'handbook.imported', subjectType: 'handbook' })
          : n % 2 === 0
            ? event(n, {
                actorId: 'ben',
                actorName: 'Ben Editor',
                action: 'handbook.page-updated',
                subjectType: 'handbook-page',
                subjectId: `page-${n}`,
              })
            : event(n)
      events.push(e)
    }
    // Insert out of order, so ordering comes from the query, not insertion.
    for (const e of [...events].reverse()) await repo.insert(db(), e)
  })
  afterAll(() => testDb.destroy())

  const summaries = (list: AuditEvent[]) => list.map(e => e.summary)

  it('lists everything newest first with the total', async () => {
    const { events: listed, total } = await repo.list(db(), {}, 100, 0)

    expect(total).toBe(12)
    expect(summaries(listed)).toEqual(summaries([...events].reverse()))
    expect(listed[0]).toEqual(events[11])
  })

  it('pages through the list, the total counting every match', async () => {
    const first = await repo.list(db(), {}, 5, 0)
    const second = await repo.list(db(), {}, 5, 5)
    const last = await repo.list(db(), {}, 5, 10)

    expect(summaries(first.events)).toEqual(['Event 12', 'Event 11', 'Event 10', 'Event 9', 'Event 8'])
    expect(summaries(second.events)).toEqual(['Event 7', 'Event 6', 'Event 5', 'Event 4', 'Event 3'])
    expect(summaries(last.events)).toEqual(['Event 2', 'Event 1'])
    expect([first.total, second.total, last.total]).toEqual([12, 12, 12])
    expect((await repo.list(db(), {}, 5, 50)).events).toEqual([])
  })

  it('filters by actor', async () => {
    const { events: listed, total } = await repo.list(db(), { actorId: 'ben' }, 100, 0)

    expect(summaries(listed)).toEqual(['Event 10', 'Event 8', 'Event 4', 'Event 2'])
    expect(total).toBe(4)
  })

  it('filters by action', async () => {
    const { events: listed, total } = await repo.list(db(), { action: 'handbook.imported' }, 100, 0)

    expect(summaries(listed)).toEqual(['Event 12', 'Event 9', 'Event 6', 'Event 3'])
    expect(listed.every(e => e.actorId === null && e.actorName === 'Valuekit')).toBe(true)
    expect(total).toBe(4)
  })

  it('filters by subject type', async () => {
    const { events: listed, total } = await repo.list(db(), { subjectType: 'organisation' }, 100, 0)

    expect(summaries(listed)).toEqual(['Event 11', 'Event 7', 'Event 5', 'Event 1'])
    expect(total).toBe(4)
  })

  it('filters by a time range, from inclusive and to exclusive', async () => {
    const { events: listed, total } = await repo.list(
      db(),
      { from: '2026-11-04T09:00:00.000Z', to: '2026-11-07T09:00:00.000Z' },
      100,
      0,
    )

    expect(summaries(listed)).toEqual(['Event 6', 'Event 5', 'Event 4'])
    expect(total).toBe(3)
  })

  it('combines filters and pages within them', async () => {
    const filter = { actorId: 'ben', from: '2026-11-03T00:00:00.000Z' }
    const { events: listed, total } = await repo.list(db(), filter, 2, 1)

    expect(summaries(listed)).toEqual(['Event 8', 'Event 4'])
    expect(total).toBe(3)
  })

  it('orders events at the same moment by id, so pages never overlap', async () => {
    const at = '2026-12-01T09:00:00.000Z'
    const filter = { action: 'same.moment' }
    for (let n = 0; n < 6; n++) await repo.insert(db(), event(1, { occurredAt: at, ...filter, summary: `Same ${n}` }))

    const pages = [await repo.list(db(), filter, 3, 0), await repo.list(db(), filter, 3, 3)]

    const ids = pages.flatMap(p => p.events.map(e => e.id))
    expect(new Set(ids).size).toBe(6)
    expect(ids).toEqual([...ids].sort().reverse())
    await testDb.db.kysely.deleteFrom('audit_events').where('action', '=', filter.action).execute()
  })

  it('offers the actors and actions seen, for the filter choices', async () => {
    expect(await repo.actors(db())).toEqual([
      { id: 'ada', name: 'Ada Admin' },
      { id: 'ben', name: 'Ben Editor' },
    ])
    expect(await repo.actions(db())).toEqual(['handbook.imported', 'handbook.page-updated', 'settings.changed'])
  })

  it('says when a subject last changed, and changes with every event about it, even in one instant', async () => {
    const subject = { subjectType: 'product', subjectId: `thing-${dialect}` }
    const first = await repo.lastChange(db(), 'product', subject.subjectId)
    expect(first).toBe('|0')
    await repo.insert(db(), event(20, subject))
    const second = await repo.lastChange(db(), 'product', subject.subjectId)
    expect(second).toBe('2026-11-20T09:00:00.000Z|1')
    await repo.insert(db(), event(20, subject))
    expect(await repo.lastChange(db(), 'product', subject.subjectId)).toBe('2026-11-20T09:00:00.000Z|2')
    // Events about other subjects leave it alone.
    await repo.insert(db(), event(21, { subjectType: 'product', subjectId: 'another' }))
    expect(await repo.lastChange(db(), 'product', subject.subjectId)).toBe('2026-11-20T09:00:00.000Z|2')
  })
})
