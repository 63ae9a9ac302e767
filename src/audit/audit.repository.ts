import type { Kysely } from 'kysely'
import { Remembered, databaseKey } from '../db/remembered.ts'
import type { Database } from '../db/schema.ts'

export interface AuditEvent {
  id: string
  occurredAt: string
  actorId: string | null
  actorName: string
  action: string
  subjectType: string
  subjectId: string | null
  summary: string
}

export interface AuditFilter {
  actorId?: string
  action?: string
  subjectType?: string
  from?: string
  to?: string
}

export class AuditRepository {
  // The latest change to a subject is read on every view of a cached page about it: remembered
  // for a moment, forgotten by every event recorded (db/remembered.ts).
  private readonly lastChanges = new Remembered<string>({ max: 5000 })

  insert(db: Kysely<Database>, event: AuditEvent): Promise<unknown> {
    this.lastChanges.changed()
    return db
      .insertInto('audit_events')
      .values({
        id: event.id,
        occurred_at: event.occurredAt,
        actor_id: event.actorId,
        actor_name: event.actorName,
        action: event.action,
        subject_type: event.subjectType,
        subject_id: event.subjectId,
        summary: event.summary,
      })
      .execute()
  }

  private filtered(db: Kysely<Database>, filter: AuditFilter) {
    let q = db.selectFrom('audit_events')
    if (filter.actorId) q = q.where('actor_id', '=', filter.actorId)
    if (filter.action) q = q.where('action', '=', filter.action)
    if (filter.subjectType) q = q.where('subject_type', '=', filter.subjectType)
    if (filter.from) q = q.where('occurred_at', '>=', filter.from)
    if (filter.to) q = q.where('occurred_at', '<', filter.to)
    return q
  }

  async list(
    db: Kysely<Database>,
    filter: AuditFilter,
    limit: number,
    offset: number,
  ): Promise<{ events: AuditEvent[]; total: number }> {
    const [rows, count] = await Promise.all([
      this.filtered(db, filter)
        .selectAll()
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.filtered(db, filter)
        .select(eb => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ])
    return {
      total: Number(count.n),
      events: rows.map(r => ({
        id: r.id,
        occurredAt: r.occurred_at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        summary: r.summary,
      })),
    }
  }

  /**
   * A short text that changes whenever an event about the subject is recorded: the latest event's
   * time and how many there are (two in one millisecond still differ). One index range.
   */
  lastChange(db: Kysely<Database>, subjectType: string, subjectId: string): Promise<string> {
    return this.lastChanges.get(`${databaseKey(db)}:${subjectType}:${subjectId}`, async () => {
      const row = await db
        .selectFrom('audit_events')
        .select(eb => [eb.fn.max('occurred_at').as('at'), eb.fn.countAll<number>().as('n')])
        .where('subject_type', '=', subjectType)
        .where('subject_id', '=', subjectId)
        .executeTakeFirst()
      return `${row?.at ?? ''}|${Number(row?.n ?? 0)}`
    })
  }

  /**
   * The same for every subject of a type at once (every thing in the catalogue, say): the latest
   * event's time and how many there are. One range of the (subject_type, occurred_at) index.
   */
  lastChangeOfType(db: Kysely<Database>, subjectType: string): Promise<string> {
    return this.lastChanges.get(`${databaseKey(db)}:${subjectType}:*`, async () => {
      const row = await db
        .selectFrom('audit_events')
        .select(eb => [eb.fn.max('occurred_at').as('at'), eb.fn.countAll<number>().as('n')])
        .where('subject_type', '=', subjectType)
        .executeTakeFirst()
      return `${row?.at ?? ''}|${Number(row?.n ?? 0)}`
    })
  }

  async actors(db: Kysely<Database>): Promise<{ id: string; name: string }[]> {
    const rows = await db
      .selectFrom('audit_events')
      .select(['actor_id', 'actor_name'])
      .where('actor_id', 'is not', null)
      .groupBy(['actor_id', 'actor_name'])
      .orderBy('actor_name')
      .execute()
    const seen = new Map<string, string>()
    for (const r of rows) if (r.actor_id && !seen.has(r.actor_id)) seen.set(r.actor_id, r.actor_name)
    return [...seen].map(([id, name]) => ({ id, name }))
  }

  async actions(db: Kysely<Database>): Promise<string[]> {
    const rows = await db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute()
    return rows.map(r => r.action)
  }
}
