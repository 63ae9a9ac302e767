// The person's response to the levels agreed in a check-in (checkin_responses): confirmed, or
// queried, and the line manager's answer. Pathway's own tables only; a changed level is written to
// the check-in's agreed ratings here too, in the caller's transaction.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'
import type { Level } from '../framework/framework.bundled.ts'

type Db = Kysely<Database>

export type ResponseStatus = 'confirmed' | 'queried' | 'answered'
export type QueryOutcome = 'changed' | 'kept'

export interface CheckinResponse {
  checkinId: string
  personId: string
  managerId: string | null
  status: ResponseStatus
  confirmedAt: string | null
  queriedAt: string | null
  querySkills: string[]
  queryText: string
  answeredAt: string | null
  answeredByName: string | null
  outcome: QueryOutcome | null
  reply: string
  version: number
}

/** A query waiting for a line manager's answer: for their task list. */
export interface WaitingQuery {
  checkinId: string
  personId: string
  name: string
  queriedAt: string
}

/** A person's latest agreed check-in (not carried across), for their task list and pathway. */
export interface LatestAgreed {
  checkinId: string
  agreedAt: string
}

const toStatus = (v: string): ResponseStatus => (v === 'confirmed' || v === 'queried' ? v : 'answered')
const toOutcome = (v: string | null): QueryOutcome | null => (v === 'changed' || v === 'kept' ? v : null)

function skillsOf(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : []
  } catch {
    return []
  }
}

type Row = Database['checkin_responses'] & { version: number }

function toResponse(r: Row): CheckinResponse {
  return {
    checkinId: r.checkin_id,
    personId: r.person_id,
    managerId: r.manager_id,
    status: toStatus(r.status),
    confirmedAt: r.confirmed_at,
    queriedAt: r.queried_at,
    querySkills: skillsOf(r.query_skills),
    queryText: r.query_text,
    answeredAt: r.answered_at,
    answeredByName: r.answered_by_name,
    outcome: toOutcome(r.outcome),
    reply: r.reply,
    version: Number(r.version),
  }
}

export interface ResponseChanges {
  status: ResponseStatus
  managerId?: string | null
  confirmedAt?: string
  queriedAt?: string
  querySkills?: string[]
  queryText?: string
  answeredAt?: string | null
  answeredByName?: string | null
  outcome?: QueryOutcome | null
  reply?: string
}

function columns(c: ResponseChanges) {
  return {
    status: c.status,
    ...(c.managerId !== undefined ? { manager_id: c.managerId } : {}),
    ...(c.confirmedAt !== undefined ? { confirmed_at: c.confirmedAt } : {}),
    ...(c.queriedAt !== undefined ? { queried_at: c.queriedAt } : {}),
    ...(c.querySkills !== undefined ? { query_skills: JSON.stringify(c.querySkills) } : {}),
    ...(c.queryText !== undefined ? { query_text: c.queryText } : {}),
    ...(c.answeredAt !== undefined ? { answered_at: c.answeredAt } : {}),
    ...(c.answeredByName !== undefined ? { answered_by_name: c.answeredByName } : {}),
    ...(c.outcome !== undefined ? { outcome: c.outcome } : {}),
    ...(c.reply !== undefined ? { reply: c.reply } : {}),
  }
}

export class CheckinResponsesRepository {
  async find(db: Db, checkinId: string): Promise<CheckinResponse | null> {
    const row = await db
      .selectFrom('checkin_responses')
      .selectAll()
      .where('checkin_id', '=', checkinId)
      .executeTakeFirst()
    return row ? toResponse(row as Row) : null
  }

  /** The first response to a check-in; false when one was written first (a unique key). */
  async insert(db: Db, checkinId: string, personId: string, changes: ResponseChanges): Promise<boolean> {
    const result = await db
      .insertInto('checkin_responses')
      .values({
        checkin_id: checkinId,
        person_id: personId,
        query_skills: '[]',
        query_text: '',
        reply: '',
        ...columns(changes),
      })
      .onConflict(oc => oc.column('checkin_id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  /** Changes a response still at the version and in one of the statuses; false otherwise. */
  async update(
    db: Db,
    checkinId: string,
    expectedVersion: number,
    fromStatuses: readonly ResponseStatus[],
    changes: ResponseChanges,
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'checkin_responses', checkinId, expectedVersion, columns(changes), {
      status: [...fromStatuses],
    })
    return saved !== undefined
  }

  /** Re-agrees some skills of an agreed check-in: their agreed levels, and when it was agreed. */
  async reagree(db: Db, checkinId: string, levels: readonly { skillSlug: string; level: Level }[], at: string) {
    for (const l of levels)
      await db
        .updateTable('checkin_ratings')
        .set({ agreed_level: l.level })
        .where('checkin_id', '=', checkinId)
        .where('skill_slug', '=', l.skillSlug)
        .execute()
    await db
      .updateTable('checkins')
      .set(eb => ({ agreed_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', checkinId)
      .where('status', '=', 'agreed')
      .execute()
  }

  /** Queries waiting for this line manager's answer, oldest first (index on manager and status). */
  async waitingFor(db: Db, managerId: string): Promise<WaitingQuery[]> {
    const rows = await db
      .selectFrom('checkin_responses as r')
      .innerJoin('users as u', 'u.id', 'r.person_id')
      .select(['r.checkin_id', 'r.person_id', 'u.name', 'r.queried_at'])
      .where('r.manager_id', '=', managerId)
      .where('r.status', '=', 'queried')
      .orderBy('r.queried_at')
      .execute()
    return rows.map(r => ({
      checkinId: r.checkin_id,
      personId: r.person_id,
      name: r.name,
      queriedAt: r.queried_at ?? '',
    }))
  }

  /** The person's latest agreed check-in of their own (carried-over ones are not conversations). */
  async latestAgreed(db: Db, personId: string): Promise<LatestAgreed | null> {
    const row = await db
      .selectFrom('checkins')
      .select(['id', 'agreed_at'])
      .where('person_id', '=', personId)
      .where('status', '=', 'agreed')
      .where('kind', '=', 'check-in')
      .orderBy('agreed_at', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst()
    return row ? { checkinId: row.id, agreedAt: row.agreed_at ?? '' } : null
  }
}
