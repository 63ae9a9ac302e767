// Check-ins and their ratings: a person's view of each skill of their role, their line manager's
// view, and the level the two agreed. Every read that serves more than one person is one set
// query (latest per person by a window function), whatever the size of the profession.
import type { Kysely } from 'kysely'
import { insertInBatches } from '../db/batch.ts'
import type { Database } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'
import { LEVELS, type Level } from '../framework/framework.bundled.ts'
import type {
  AgreedCheckin,
  AgreedRating as RatingToCarry,
  CarriedCheckin,
  CarriedRating,
} from '../framework/framework.types.ts'

type Db = Kysely<Database>

export const CHECKIN_STATUSES = ['draft', 'submitted', 'reviewed', 'agreed'] as const
export type CheckinStatus = (typeof CHECKIN_STATUSES)[number]
export type CheckinKind = 'check-in' | 'carried-over'

/** Statuses of a check-in that is still under way: at most one per person at a time. */
export const OPEN_STATUSES: readonly CheckinStatus[] = ['draft', 'submitted', 'reviewed']

export interface Checkin {
  id: string
  personId: string
  frameworkVersionId: string
  frameworkVersionNumber: number
  roleSlug: string
  kind: CheckinKind
  status: CheckinStatus
  managerId: string | null
  managerName: string | null
  createdAt: string
  submittedAt: string | null
  reviewedAt: string | null
  agreedAt: string | null
  agreedNote: string | null
  carriedFromId: string | null
  version: number
}

export interface Rating {
  skillSlug: string
  selfLevel: Level | null
  selfEvidence: string
  managerLevel: Level | null
  managerNote: string
  agreedLevel: Level | null
  agreedNote: string
}

export interface NewCheckin {
  id: string
  personId: string
  frameworkVersionId: string
  roleSlug: string
  managerId: string | null
  createdAt: string
}

/** What changes on the check-in row itself when a stage is saved. */
export interface CheckinChanges {
  status?: CheckinStatus
  managerId?: string | null
  submittedAt?: string
  reviewedAt?: string
  agreedAt?: string
  agreedNote?: string
}

export interface SelfRating {
  skillSlug: string
  level: Level | null
  evidence: string
}

export interface ManagerRating {
  skillSlug: string
  level: Level
  note: string
}

export interface AgreedRating {
  skillSlug: string
  level: Level
  note: string
}

/** Whom a set-based read is about: listed people, or everyone in the profession within an area, group or role. */
export interface PeopleScope {
  /** null or absent: every area. */
  businessArea?: string | null
  group?: string
  careerRole?: string
}
export type Who = readonly string[] | PeopleScope

/** A report of a line manager with their latest check-in, if any. */
export interface TeamMember {
  personId: string
  name: string
  careerRole: string
  latest: {
    id: string
    status: CheckinStatus
    createdAt: string
    submittedAt: string | null
    agreedAt: string | null
  } | null
}

export interface WaitingCheckin {
  id: string
  personId: string
  name: string
  status: CheckinStatus
  submittedAt: string | null
  reviewedAt: string | null
}

export interface OverduePerson {
  personId: string
  name: string
  careerRole: string
  /** When their last check-in was agreed, if ever. */
  lastAgreedAt: string | null
}

const toLevel = (value: string | null): Level | null =>
  value !== null && (LEVELS as readonly string[]).includes(value) ? (value as Level) : null
const toStatus = (value: string): CheckinStatus =>
  (CHECKIN_STATUSES as readonly string[]).includes(value) ? (value as CheckinStatus) : 'draft'
const toKind = (value: string): CheckinKind => (value === 'carried-over' ? 'carried-over' : 'check-in')

/** Lists of ids are sent in chunks, well under both engines' limits on parameters. */
const CHUNK = 1000

export class PathwayRepository {
  private base(db: Db) {
    return db
      .selectFrom('checkins as c')
      .innerJoin('framework_versions as v', 'v.id', 'c.framework_version_id')
      .leftJoin('users as m', 'm.id', 'c.manager_id')
      .select([
        'c.id',
        'c.person_id',
        'c.framework_version_id',
        'v.number as version_number',
        'c.role_slug',
        'c.kind',
        'c.status',
        'c.manager_id',
        'm.name as manager_name',
        'c.created_at',
        'c.submitted_at',
        'c.reviewed_at',
        'c.agreed_at',
        'c.agreed_note',
        'c.carried_from_id',
        'c.version',
      ])
  }

  private toCheckin(r: Awaited<ReturnType<ReturnType<PathwayRepository['base']>['executeTakeFirstOrThrow']>>): Checkin {
    return {
      id: r.id,
      personId: r.person_id,
      frameworkVersionId: r.framework_version_id,
      frameworkVersionNumber: Number(r.version_number),
      roleSlug: r.role_slug,
      kind: toKind(r.kind),
      status: toStatus(r.status),
      managerId: r.manager_id,
      managerName: r.manager_name,
      createdAt: r.created_at,
      submittedAt: r.submitted_at,
      reviewedAt: r.reviewed_at,
      agreedAt: r.agreed_at,
      agreedNote: r.agreed_note,
      carriedFromId: r.carried_from_id,
      version: Number(r.version),
    }
  }

  async find(db: Db, id: string): Promise<Checkin | null> {
    const row = await this.base(db).where('c.id', '=', id).executeTakeFirst()
    return row ? this.toCheckin(row) : null
  }

  /** A person's check-ins, newest first. */
  async listForPerson(db: Db, personId: string): Promise<Checkin[]> {
    const rows = await this.base(db)
      .where('c.person_id', '=', personId)
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .execute()
    return rows.map(r => this.toCheckin(r))
  }

  /** The person's check-in still under way (draft, submitted or reviewed), if any. */
  async findOpen(db: Db, personId: string): Promise<Checkin | null> {
    const row = await this.base(db)
      .where('c.person_id', '=', personId)
      .where('c.kind', '=', 'check-in')
      .where('c.status', 'in', [...OPEN_STATUSES])
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .executeTakeFirst()
    return row ? this.toCheckin(row) : null
  }

  async ratings(db: Db, checkinId: string): Promise<Rating[]> {
    return (await this.ratingsOf(db, [checkinId])).get(checkinId) ?? []
  }

  /** The ratings of several check-ins, by check-in id. */
  async ratingsOf(db: Db, checkinIds: readonly string[]): Promise<Map<string, Rating[]>> {
    const out = new Map<string, Rating[]>()
    for (let i = 0; i < checkinIds.length; i += CHUNK) {
      const rows = await db
        .selectFrom('checkin_ratings')
        .selectAll()
        .where('checkin_id', 'in', checkinIds.slice(i, i + CHUNK))
        .execute()
      for (const r of rows) {
        const list = out.get(r.checkin_id) ?? []
        list.push({
          skillSlug: r.skill_slug,
          selfLevel: toLevel(r.self_level),
          selfEvidence: r.self_evidence,
          managerLevel: toLevel(r.manager_level),
          managerNote: r.manager_note,
          agreedLevel: toLevel(r.agreed_level),
          agreedNote: r.agreed_note,
        })
        out.set(r.checkin_id, list)
      }
    }
    return out
  }

  /** A new draft with an empty rating for each skill. */
  async insertDraft(db: Db, c: NewCheckin, skillSlugs: readonly string[]): Promise<void> {
    await db
      .insertInto('checkins')
      .values({
        id: c.id,
        person_id: c.personId,
        framework_version_id: c.frameworkVersionId,
        role_slug: c.roleSlug,
        kind: 'check-in',
        status: 'draft',
        manager_id: c.managerId,
        created_at: c.createdAt,
        submitted_at: null,
        reviewed_at: null,
        agreed_at: null,
        agreed_note: null,
        carried_from_id: null,
        version: 1,
      })
      .execute()
    if (skillSlugs.length === 0) return
    await db
      .insertInto('checkin_ratings')
      .values(
        skillSlugs.map(slug => ({
          checkin_id: c.id,
          skill_slug: slug,
          self_level: null,
          self_evidence: '',
          manager_level: null,
          manager_note: '',
          agreed_level: null,
          agreed_note: '',
        })),
      )
      .execute()
  }

  /**
   * Moves a check-in on by one version, only if it is still at expectedVersion and in one of the
   * given statuses. Says whether it did: false means someone else saved it meanwhile.
   */
  async advance(
    db: Db,
    id: string,
    expectedVersion: number,
    fromStatuses: readonly CheckinStatus[],
    changes: CheckinChanges,
  ): Promise<boolean> {
    const saved = await updateVersioned(
      db,
      'checkins',
      id,
      expectedVersion,
      {
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        ...(changes.managerId !== undefined ? { manager_id: changes.managerId } : {}),
        ...(changes.submittedAt !== undefined ? { submitted_at: changes.submittedAt } : {}),
        ...(changes.reviewedAt !== undefined ? { reviewed_at: changes.reviewedAt } : {}),
        ...(changes.agreedAt !== undefined ? { agreed_at: changes.agreedAt } : {}),
        ...(changes.agreedNote !== undefined ? { agreed_note: changes.agreedNote } : {}),
      },
      { status: fromStatuses },
    )
    return saved !== undefined
  }

  // One statement per skill: a role has at most a few dozen skills, never one per person.

  async saveSelfRatings(db: Db, checkinId: string, ratings: readonly SelfRating[]): Promise<void> {
    for (const r of ratings)
      await db
        .updateTable('checkin_ratings')
        .set({ self_level: r.level, self_evidence: r.evidence })
        .where('checkin_id', '=', checkinId)
        .where('skill_slug', '=', r.skillSlug)
        .execute()
  }

  async saveManagerRatings(db: Db, checkinId: string, ratings: readonly ManagerRating[]): Promise<void> {
    for (const r of ratings)
      await db
        .updateTable('checkin_ratings')
        .set({ manager_level: r.level, manager_note: r.note })
        .where('checkin_id', '=', checkinId)
        .where('skill_slug', '=', r.skillSlug)
        .execute()
  }

  async saveAgreedRatings(db: Db, checkinId: string, ratings: readonly AgreedRating[]): Promise<void> {
    for (const r of ratings)
      await db
        .updateTable('checkin_ratings')
        .set({ agreed_level: r.level, agreed_note: r.note })
        .where('checkin_id', '=', checkinId)
        .where('skill_slug', '=', r.skillSlug)
        .execute()
  }

  // ---- Set-based reads for one or many people ------------------------------------------------

  /** Check-ins of the people meant by who: by id, or by area, group and role of their profile. */
  private checkinsOf(db: Db, who: Who | null) {
    const q = db.selectFrom('checkins as c')
    if (who === null || isIdList(who)) return q
    let people = db.selectFrom('people as p').select('p.user_id')
    if (who.businessArea) people = people.where('p.business_area', '=', who.businessArea)
    if (who.group) people = people.where('p.group_name', '=', who.group)
    if (who.careerRole) people = people.where('p.career_role', '=', who.careerRole)
    return q.where('c.person_id', 'in', people)
  }

  /**
   * Each person's latest agreed check-in (by agreed_at, then created_at, then id) made against one
   * of the given framework versions (the current one's line), of either kind: its id and person.
   */
  private latestAgreedQuery(db: Db, versionIds: readonly string[], who: Who | null, ids: readonly string[] | null) {
    let q = this.checkinsOf(db, who)
      .select(eb => [
        'c.id',
        'c.person_id',
        'c.agreed_at',
        eb.fn
          .agg<number>('row_number')
          .over(ob =>
            ob
              .partitionBy('c.person_id')
              .orderBy('c.agreed_at', 'desc')
              .orderBy('c.created_at', 'desc')
              .orderBy('c.id', 'desc'),
          )
          .as('rank'),
      ])
      .where('c.status', '=', 'agreed')
      .where('c.framework_version_id', 'in', [...versionIds])
    if (ids) q = q.where('c.person_id', 'in', ids)
    return db.selectFrom(q.as('latest')).select(['latest.id', 'latest.person_id']).where('latest.rank', '=', 1)
  }

  /** Person id → skill → agreed level, from each person's latest agreed check-in in the versions. */
  async latestAgreedLevels(db: Db, versionIds: readonly string[], who: Who): Promise<Map<string, Map<string, Level>>> {
    const out = new Map<string, Map<string, Level>>()
    const collect = async (ids: readonly string[] | null) => {
      const latest = this.latestAgreedQuery(db, versionIds, ids ? null : who, ids)
      const rows = await db
        .selectFrom('checkin_ratings as r')
        .innerJoin(latest.as('l'), 'l.id', 'r.checkin_id')
        .select(['l.person_id', 'r.skill_slug', 'r.agreed_level'])
        .where('r.agreed_level', 'is not', null)
        .execute()
      for (const r of rows) {
        const level = toLevel(r.agreed_level)
        if (!level) continue
        const levels = out.get(r.person_id) ?? new Map<string, Level>()
        levels.set(r.skill_slug, level)
        out.set(r.person_id, levels)
      }
    }
    if (isIdList(who)) {
      for (let i = 0; i < who.length; i += CHUNK) await collect(who.slice(i, i + CHUNK))
    } else {
      await collect(null)
    }
    return out
  }

  /** The id of the person's latest agreed check-in in the versions, if any. */
  async latestAgreedId(db: Db, versionIds: readonly string[], personId: string): Promise<string | null> {
    const row = await this.latestAgreedQuery(db, versionIds, null, [personId]).executeTakeFirst()
    return row?.id ?? null
  }

  /**
   * The person's latest check-in in the versions that they have submitted (submitted, reviewed or
   * agreed; not carried across), for their own view of their levels.
   */
  async latestSubmittedId(db: Db, versionIds: readonly string[], personId: string): Promise<string | null> {
    const row = await db
      .selectFrom('checkins')
      .select('id')
      .where('person_id', '=', personId)
      .where('framework_version_id', 'in', [...versionIds])
      .where('kind', '=', 'check-in')
      .where('status', 'in', ['submitted', 'reviewed', 'agreed'])
      .orderBy('submitted_at', 'desc')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst()
    return row?.id ?? null
  }

  /**
   * Person id → when their last check-in was agreed (of any framework version), for everyone
   * meant by who who has one. Levels carried across to a new version are not a conversation with
   * a line manager, so they do not count.
   */
  async lastAgreedAt(db: Db, who: Who): Promise<Map<string, string>> {
    const out = new Map<string, string>()
    const collect = async (ids: readonly string[] | null) => {
      let q = this.checkinsOf(db, ids ? null : who)
        .select(eb => ['c.person_id', eb.fn.max<string>('c.agreed_at').as('last')])
        .where('c.status', '=', 'agreed')
        .where('c.kind', '=', 'check-in')
        .groupBy('c.person_id')
      if (ids) q = q.where('c.person_id', 'in', ids)
      for (const r of await q.execute()) if (r.last) out.set(r.person_id, r.last)
    }
    if (isIdList(who)) {
      for (let i = 0; i < who.length; i += CHUNK) await collect(who.slice(i, i + CHUNK))
    } else {
      await collect(null)
    }
    return out
  }

  // ---- A line manager's team: one query per section ------------------------------------------

  /** The manager's line reports, by name, each with their latest check-in they have submitted. */
  async team(db: Db, managerId: string): Promise<TeamMember[]> {
    const latest = db
      .selectFrom('checkins as c')
      .innerJoin('people as rp', 'rp.user_id', 'c.person_id')
      .select(eb => [
        'c.id',
        'c.person_id',
        'c.status',
        'c.created_at',
        'c.submitted_at',
        'c.agreed_at',
        eb.fn
          .agg<number>('row_number')
          .over(ob => ob.partitionBy('c.person_id').orderBy('c.created_at', 'desc').orderBy('c.id', 'desc'))
          .as('rank'),
      ])
      .where('rp.line_manager_id', '=', managerId)
      // A draft is the person's own until they submit it.
      .where('c.status', '<>', 'draft')
    const rows = await db
      .selectFrom('people as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .leftJoin(latest.as('l'), join => join.onRef('l.person_id', '=', 'p.user_id').on('l.rank', '=', 1))
      .select([
        'p.user_id',
        'u.name',
        'p.career_role',
        'l.id as checkin_id',
        'l.status',
        'l.created_at',
        'l.submitted_at',
        'l.agreed_at',
      ])
      .where('p.line_manager_id', '=', managerId)
      .orderBy('u.name')
      .orderBy('u.id')
      .execute()
    return rows.map(r => ({
      personId: r.user_id,
      name: r.name,
      careerRole: r.career_role,
      latest:
        r.checkin_id && r.status && r.created_at
          ? {
              id: r.checkin_id,
              status: toStatus(r.status),
              createdAt: r.created_at,
              submittedAt: r.submitted_at,
              agreedAt: r.agreed_at,
            }
          : null,
    }))
  }

  /** Check-ins of the manager's line reports waiting for them: submitted, or reviewed but not yet agreed. */
  async waitingFor(db: Db, managerId: string): Promise<WaitingCheckin[]> {
    const rows = await db
      .selectFrom('checkins as c')
      .innerJoin('people as p', 'p.user_id', 'c.person_id')
      .innerJoin('users as u', 'u.id', 'c.person_id')
      .select(['c.id', 'c.person_id', 'u.name', 'c.status', 'c.submitted_at', 'c.reviewed_at'])
      .where('p.line_manager_id', '=', managerId)
      .where('c.kind', '=', 'check-in')
      .where('c.status', 'in', ['submitted', 'reviewed'])
      .orderBy('c.submitted_at')
      .orderBy('c.id')
      .execute()
    return rows.map(r => ({
      id: r.id,
      personId: r.person_id,
      name: r.name,
      status: toStatus(r.status),
      submittedAt: r.submitted_at,
      reviewedAt: r.reviewed_at,
    }))
  }

  /**
   * The manager's line reports overdue a check-in, oldest first: none agreed at or after
   * overdueBefore (from pathway.rules.ts), or none at all.
   */
  async overdueReports(db: Db, managerId: string, overdueBefore: string): Promise<OverduePerson[]> {
    const rows = await db
      .selectFrom('people as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .leftJoin(
        db
          .selectFrom('checkins as c')
          .innerJoin('people as rp', 'rp.user_id', 'c.person_id')
          .select(eb => ['c.person_id', eb.fn.max<string>('c.agreed_at').as('last')])
          .where('rp.line_manager_id', '=', managerId)
          .where('c.status', '=', 'agreed')
          .where('c.kind', '=', 'check-in')
          .groupBy('c.person_id')
          .as('a'),
        'a.person_id',
        'p.user_id',
      )
      .select(['p.user_id', 'u.name', 'p.career_role', 'a.last'])
      .where('p.line_manager_id', '=', managerId)
      .where(eb => eb.or([eb('a.last', 'is', null), eb('a.last', '<', overdueBefore)]))
      .orderBy('u.name')
      .orderBy('u.id')
      .execute()
    // Never checked in first, then the longest ago (sorted here: the engines put nulls at different ends).
    return rows
      .map(r => ({ personId: r.user_id, name: r.name, careerRole: r.career_role, lastAgreedAt: r.last ?? null }))
      .sort((a, b) => (a.lastAgreedAt ?? '').localeCompare(b.lastAgreedAt ?? ''))
  }

  /** How many people have this person as their line manager. */
  async countReports(db: Db, managerId: string): Promise<number> {
    const row = await db
      .selectFrom('people')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('line_manager_id', '=', managerId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  // ---- Carrying agreed levels to another framework version (for the framework's migrations) ----

  /**
   * Each person's latest agreed check-in, where that check-in was made against the given
   * framework version: one set query, whatever the size of the profession.
   */
  private latestAgreedAgainst(db: Db, versionId: string) {
    return this.latestAgreed(db).where('c.framework_version_id', '=', versionId)
  }

  /** Each person's latest agreed check-in, whichever version it was made against. */
  private latestAgreed(db: Db) {
    return db
      .selectFrom('checkins as c')
      .where('c.status', '=', 'agreed')
      .where(eb =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('checkins as later')
              .select('later.id')
              .whereRef('later.person_id', '=', 'c.person_id')
              .where('later.status', '=', 'agreed')
              .where(w =>
                w.or([
                  w('later.agreed_at', '>', w.ref('c.agreed_at')),
                  w.and([w('later.agreed_at', '=', w.ref('c.agreed_at')), w('later.id', '>', w.ref('c.id'))]),
                ]),
              ),
          ),
        ),
      )
  }

  async countLatestAgreedAgainst(db: Db, versionId: string): Promise<number> {
    const row = await this.latestAgreedAgainst(db, versionId)
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  async latestAgreedCheckins(db: Db, versionId: string): Promise<AgreedCheckin[]> {
    const rows = await this.latestAgreedAgainst(db, versionId)
      .leftJoin('people as p', 'p.user_id', 'c.person_id')
      .select(['c.id', 'c.person_id', 'c.role_slug', 'c.manager_id', 'p.career_role'])
      .orderBy('c.person_id')
      .execute()
    return rows.map(r => ({
      id: r.id,
      personId: r.person_id,
      roleSlug: r.role_slug,
      managerId: r.manager_id,
      profileRole: r.career_role,
    }))
  }

  async latestAgreedRatings(db: Db, versionId: string): Promise<RatingToCarry[]> {
    const rows = await db
      .selectFrom('checkin_ratings as r')
      .select(['r.checkin_id', 'r.skill_slug', 'r.agreed_level'])
      .where('r.agreed_level', 'is not', null)
      .where('r.checkin_id', 'in', this.latestAgreedAgainst(db, versionId).select('c.id'))
      .execute()
    const out: RatingToCarry[] = []
    for (const r of rows) {
      const level = toLevel(r.agreed_level)
      if (level) out.push({ checkinId: r.checkin_id, skillSlug: r.skill_slug, agreedLevel: level })
    }
    return out
  }

  async insertCarriedCheckins(db: Db, checkins: CarriedCheckin[]): Promise<void> {
    await insertInBatches(
      db,
      'checkins',
      checkins.map(c => ({
        id: c.id,
        person_id: c.personId,
        framework_version_id: c.frameworkVersionId,
        role_slug: c.roleSlug,
        kind: 'carried-over',
        status: 'agreed',
        manager_id: c.managerId,
        created_at: c.at,
        submitted_at: null,
        reviewed_at: null,
        agreed_at: c.at,
        agreed_note: c.note,
        carried_from_id: c.carriedFromId,
        version: 1,
      })),
    )
  }

  async insertCarriedRatings(db: Db, ratings: CarriedRating[]): Promise<void> {
    await insertInBatches(
      db,
      'checkin_ratings',
      ratings.map(r => ({
        checkin_id: r.checkinId,
        skill_slug: r.skillSlug,
        self_level: null,
        self_evidence: '',
        manager_level: null,
        manager_note: '',
        agreed_level: r.agreedLevel,
        agreed_note: r.agreedNote,
      })),
    )
  }

  /** Version id → how many people's latest agreed check-in was made against it. */
  async latestAgreedCountsByVersion(db: Db): Promise<Map<string, number>> {
    const rows = await this.latestAgreed(db)
      .select(eb => ['c.framework_version_id', eb.fn.countAll<number>().as('n')])
      .groupBy('c.framework_version_id')
      .execute()
    return new Map(rows.map(r => [r.framework_version_id, Number(r.n)]))
  }
}

function isIdList(who: Who | null): who is readonly string[] {
  return Array.isArray(who)
}
