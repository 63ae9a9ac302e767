// Peer feedback's tables: requests, the colleagues asked in each, and their answers per skill.
// The only code that touches them.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'
import type {
  AskStatus,
  AskWaiting,
  FeedbackAnswer,
  FeedbackAsk,
  FeedbackRequest,
  ReceivedFeedback,
} from './feedback.types.ts'

type Db = Kysely<Database>

const ASK_STATUSES: readonly AskStatus[] = ['asked', 'answered', 'declined', 'withdrawn']
const toStatus = (v: string): AskStatus =>
  (ASK_STATUSES as readonly string[]).includes(v) ? (v as AskStatus) : 'asked'

function slugs(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json)
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : []
  } catch {
    return []
  }
}

export interface NewRequest {
  id: string
  personId: string
  frameworkVersionId: string
  skills: string[]
  note: string
  createdAt: string
  asks: { id: string; colleagueId: string }[]
}

export class FeedbackRepository {
  private requests(db: Db) {
    return db
      .selectFrom('feedback_requests as r')
      .innerJoin('users as u', 'u.id', 'r.person_id')
      .select([
        'r.id',
        'r.person_id',
        'u.name as person_name',
        'r.framework_version_id',
        'r.skills',
        'r.note',
        'r.created_at',
        'r.withdrawn_at',
        'r.version',
      ])
  }

  private toRequest(r: {
    id: string
    person_id: string
    person_name: string
    framework_version_id: string
    skills: string
    note: string
    created_at: string
    withdrawn_at: string | null
    version: number
  }): FeedbackRequest {
    return {
      id: r.id,
      personId: r.person_id,
      personName: r.person_name,
      frameworkVersionId: r.framework_version_id,
      skills: slugs(r.skills),
      note: r.note,
      createdAt: r.created_at,
      withdrawnAt: r.withdrawn_at,
      version: Number(r.version),
    }
  }

  async insert(db: Db, r: NewRequest): Promise<void> {
    await db
      .insertInto('feedback_requests')
      .values({
        id: r.id,
        person_id: r.personId,
        framework_version_id: r.frameworkVersionId,
        skills: JSON.stringify(r.skills),
        note: r.note,
        created_at: r.createdAt,
      })
      .execute()
    if (r.asks.length)
      await db
        .insertInto('feedback_asks')
        .values(r.asks.map(a => ({ id: a.id, request_id: r.id, colleague_id: a.colleagueId, status: 'asked' })))
        .execute()
  }

  async findRequest(db: Db, id: string): Promise<FeedbackRequest | null> {
    const row = await this.requests(db).where('r.id', '=', id).executeTakeFirst()
    return row ? this.toRequest(row) : null
  }

  /** A person's requests, newest first. */
  async requestsOf(db: Db, personId: string): Promise<FeedbackRequest[]> {
    const rows = await this.requests(db)
      .where('r.person_id', '=', personId)
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .execute()
    return rows.map(r => this.toRequest(r))
  }

  private asks(db: Db) {
    return db
      .selectFrom('feedback_asks as a')
      .innerJoin('users as u', 'u.id', 'a.colleague_id')
      .select([
        'a.id',
        'a.request_id',
        'a.colleague_id',
        'u.name as colleague_name',
        'a.status',
        'a.answered_at',
        'a.version',
      ])
  }

  private toAsk(r: {
    id: string
    request_id: string
    colleague_id: string
    colleague_name: string
    status: string
    answered_at: string | null
    version: number
  }): FeedbackAsk {
    return {
      id: r.id,
      requestId: r.request_id,
      colleagueId: r.colleague_id,
      colleagueName: r.colleague_name,
      status: toStatus(r.status),
      answeredAt: r.answered_at,
      version: Number(r.version),
    }
  }

  async findAsk(db: Db, id: string): Promise<FeedbackAsk | null> {
    const row = await this.asks(db).where('a.id', '=', id).executeTakeFirst()
    return row ? this.toAsk(row) : null
  }

  /** The colleagues asked in these requests, by name. */
  async asksOf(db: Db, requestIds: readonly string[]): Promise<FeedbackAsk[]> {
    if (requestIds.length === 0) return []
    const rows = await this.asks(db)
      .where('a.request_id', 'in', [...requestIds])
      .orderBy('u.name')
      .orderBy('a.id')
      .execute()
    return rows.map(r => this.toAsk(r))
  }

  async answersOf(db: Db, askIds: readonly string[]): Promise<FeedbackAnswer[]> {
    if (askIds.length === 0) return []
    const rows = await db
      .selectFrom('feedback_answers')
      .selectAll()
      .where('ask_id', 'in', [...askIds])
      .execute()
    return rows.map(r => ({ askId: r.ask_id, skillSlug: r.skill_slug, text: r.text }))
  }

  /** Requests waiting for this colleague, oldest first (index on colleague and status). */
  async waitingFor(db: Db, colleagueId: string): Promise<AskWaiting[]> {
    const rows = await db
      .selectFrom('feedback_asks as a')
      .innerJoin('feedback_requests as r', 'r.id', 'a.request_id')
      .innerJoin('users as u', 'u.id', 'r.person_id')
      .select(['a.id', 'r.person_id', 'u.name', 'r.created_at'])
      .where('a.colleague_id', '=', colleagueId)
      .where('a.status', '=', 'asked')
      .orderBy('r.created_at')
      .orderBy('a.id')
      .execute()
    return rows.map(r => ({ askId: r.id, personId: r.person_id, personName: r.name, askedAt: r.created_at }))
  }

  /** Answers a person received on one skill (from any request, withdrawn or not), newest first. */
  async receivedOn(db: Db, personId: string, skillSlugs: readonly string[]): Promise<ReceivedFeedback[]> {
    if (skillSlugs.length === 0) return []
    const rows = await db
      .selectFrom('feedback_answers as f')
      .innerJoin('feedback_asks as a', 'a.id', 'f.ask_id')
      .innerJoin('feedback_requests as r', 'r.id', 'a.request_id')
      .innerJoin('users as u', 'u.id', 'a.colleague_id')
      .select(['f.ask_id', 'f.skill_slug', 'f.text', 'u.name', 'a.answered_at'])
      .where('r.person_id', '=', personId)
      .where('a.status', '=', 'answered')
      .where('f.skill_slug', 'in', [...skillSlugs])
      .orderBy('a.answered_at', 'desc')
      .orderBy('f.ask_id')
      .execute()
    return rows.map(r => ({
      askId: r.ask_id,
      skillSlug: r.skill_slug,
      text: r.text,
      fromName: r.name,
      answeredAt: r.answered_at ?? '',
    }))
  }

  /** Moves one ask on from 'asked' if still at the version; false otherwise. */
  async closeAsk(db: Db, id: string, expectedVersion: number, status: AskStatus, at: string | null): Promise<boolean> {
    const saved = await updateVersioned(
      db,
      'feedback_asks',
      id,
      expectedVersion,
      { status, answered_at: at },
      { status: ['asked'] },
    )
    return saved !== undefined
  }

  async insertAnswers(db: Db, answers: readonly FeedbackAnswer[]): Promise<void> {
    if (answers.length === 0) return
    await db
      .insertInto('feedback_answers')
      .values(answers.map(a => ({ ask_id: a.askId, skill_slug: a.skillSlug, text: a.text })))
      .execute()
  }

  /** Withdraws a request still at the version, and every ask still waiting in it. */
  async withdraw(db: Db, id: string, expectedVersion: number, at: string): Promise<boolean> {
    // Withdrawing is the only change a request has, so its version says whether it still stands.
    const saved = await updateVersioned(db, 'feedback_requests', id, expectedVersion, { withdrawn_at: at })
    if (!saved) return false
    await db
      .updateTable('feedback_asks')
      .set(eb => ({ status: 'withdrawn', version: eb('version', '+', 1) }))
      .where('request_id', '=', id)
      .where('status', '=', 'asked')
      .execute()
    return true
  }
}
