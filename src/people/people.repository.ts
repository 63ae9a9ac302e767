// People of the profession: an account joined to its profession profile (career role, line
// manager, associated senior product manager, area, group, date into role) and its history.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { insertInBatches } from '../db/batch.ts'
import { prepared } from '../db/prepared.ts'
import { Remembered, databaseKey } from '../db/remembered.ts'
import type { Database } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'
import type { ViewerProfile } from '../platform/auth/viewer.ts'
import type {
  AccountChoice,
  HistoryEntry,
  HistoryView,
  PeopleFilter,
  Person,
  ProfileChanges,
  ProfileUpdate,
} from './people.types.ts'

type Db = Kysely<Database>

/** Updates carry two parameters per row per column: keep each statement well under the limits. */
const UPDATE_BATCH = 100

/** At most this many words of a search are used, each at most this long. */
const SEARCH_WORDS = 6
const SEARCH_WORD_LENGTH = 100

/** The words of a search, in lower case. */
export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, SEARCH_WORDS)
    .map(w => w.slice(0, SEARCH_WORD_LENGTH))
}

/** A LIKE pattern matching text that contains `text`, with its own % _ and \ taken literally. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, c => `\\${c}`)}%`

function profileColumns(p: ProfileChanges) {
  return {
    career_role: p.careerRole,
    line_manager_id: p.lineManagerId,
    associate_of_id: p.associateOfId,
    business_area: p.businessArea,
    group_name: p.group,
    date_into_role: p.dateIntoRole,
    head_of_profession: p.headOfProfession ? 'yes' : 'no',
    one_to_one_cadence_days: p.oneToOneCadenceDays,
  }
}

export class PeopleRepository {
  private viewerQueries = new WeakMap<
    Db,
    (id: string) => Promise<
      {
        user_id: string | null
        head_of_profession: string | null
        business_area: string | null
        group_name: string | null
        career_role: string | null
        line_manager_id: string | null
        manages: number | string | boolean | null
      }[]
    >
  >()

  // Read on every signed-in page: remembered for a moment per person (db/remembered.ts). Every
  // write to profiles below forgets them all (the flags depend on other people's rows too).
  private readonly viewersKnown = new Remembered<ViewerProfile>()

  /** The signed-in person's profile as policies and the layout need it: one query per request at most. */
  viewerProfile(db: Db, userId: string): Promise<ViewerProfile> {
    return this.viewersKnown.get(`${databaseKey(db)}:${userId}`, () => this.readViewerProfile(db, userId))
  }

  /** The same profile if it is remembered and still good; undefined otherwise (no query). */
  rememberedViewerProfile(db: Db, userId: string): ViewerProfile | undefined {
    return this.viewersKnown.peek(`${databaseKey(db)}:${userId}`)
  }

  private async readViewerProfile(db: Db, userId: string): Promise<ViewerProfile> {
    let query = this.viewerQueries.get(db)
    if (!query) {
      query = prepared(db, (id: string) =>
        db
          .selectFrom('users as u')
          .leftJoin('people as p', 'p.user_id', 'u.id')
          .select(eb => [
            'p.user_id',
            'p.head_of_profession',
            'p.business_area',
            'p.group_name',
            'p.career_role',
            'p.line_manager_id',
            eb
              .case()
              .when(
                eb.exists(
                  eb
                    .selectFrom('people as r')
                    .select('r.user_id')
                    // Line managers only: the team page is theirs.
                    .where('r.line_manager_id', '=', eb.ref('u.id')),
                ),
              )
              .then(1)
              .else(0)
              .end()
              .as('manages'),
          ])
          .where('u.id', '=', id),
      )
      this.viewerQueries.set(db, query)
    }
    const [row] = await query(userId)
    return {
      hasProfile: Boolean(row?.user_id),
      headOfProfession: row?.head_of_profession === 'yes',
      businessArea: row?.business_area ?? null,
      group: row?.group_name || null,
      careerRole: row?.career_role ?? null,
      lineManagerId: row?.line_manager_id ?? null,
      managesSomeone: Number(row?.manages ?? 0) === 1,
    }
  }

  private base(db: Db) {
    return db
      .selectFrom('users as u')
      .leftJoin('people as p', 'p.user_id', 'u.id')
      .leftJoin('users as m', 'm.id', 'p.line_manager_id')
      .leftJoin('users as a', 'a.id', 'p.associate_of_id')
      .select([
        'u.id',
        'u.name',
        'u.email',
        'u.role as account_role',
        'u.status as account_status',
        'p.user_id as profile_id',
        'p.career_role',
        'p.line_manager_id',
        'm.name as line_manager_name',
        'm.email as line_manager_email',
        'p.associate_of_id',
        'a.name as associate_of_name',
        'a.email as associate_of_email',
        'p.business_area',
        'p.group_name',
        'p.date_into_role',
        'p.head_of_profession',
        'p.one_to_one_cadence_days',
        'p.version',
        'p.updated_at',
      ])
  }

  private toPerson(r: Awaited<ReturnType<ReturnType<PeopleRepository['base']>['executeTakeFirstOrThrow']>>): Person {
    return {
      id: r.id,
      name: r.name,
      email: r.email,
      accountRole: r.account_role,
      accountStatus: r.account_status,
      hasProfile: r.profile_id !== null,
      careerRole: r.career_role,
      lineManagerId: r.line_manager_id,
      lineManagerName: r.line_manager_name,
      lineManagerEmail: r.line_manager_email,
      associateOfId: r.associate_of_id,
      associateOfName: r.associate_of_name,
      associateOfEmail: r.associate_of_email,
      businessArea: r.business_area ?? '',
      group: r.group_name ?? '',
      dateIntoRole: r.date_into_role,
      headOfProfession: r.head_of_profession === 'yes',
      oneToOneCadenceDays: r.one_to_one_cadence_days ?? 28,
      version: r.version ?? 0,
      updatedAt: r.updated_at,
    }
  }

  async find(db: Db, id: string): Promise<Person | null> {
    const row = await this.base(db).where('u.id', '=', id).executeTakeFirst()
    return row ? this.toPerson(row) : null
  }

  async findByEmail(db: Db, email: string): Promise<Person | null> {
    const row = await this.base(db).where('u.email', '=', email.toLowerCase()).executeTakeFirst()
    return row ? this.toPerson(row) : null
  }

  async list(db: Db, filter: PeopleFilter = {}): Promise<Person[]> {
    const rows = await this.filtered(db, filter).orderBy('u.name').orderBy('u.email').execute()
    return rows.map(r => this.toPerson(r))
  }

  /** One page of people, in name order, and how many there are in all. */
  async listPage(
    db: Db,
    filter: PeopleFilter,
    limit: number,
    offset: number,
  ): Promise<{ people: Person[]; total: number }> {
    const q = this.filtered(db, filter)
    const rows = await q.orderBy('u.name').orderBy('u.email').orderBy('u.id').limit(limit).offset(offset).execute()
    const { n } = await q
      .clearSelect()
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return { people: rows.map(r => this.toPerson(r)), total: Number(n) }
  }

  private filtered(db: Db, filter: PeopleFilter) {
    let q = this.base(db)
    if (filter.withProfileOnly) q = q.where('p.user_id', 'is not', null)
    if (filter.withoutProfileOnly) q = q.where('p.user_id', 'is', null)
    if (filter.businessArea) q = q.where('p.business_area', '=', filter.businessArea)
    if (filter.group) q = q.where('p.group_name', '=', filter.group)
    if (filter.careerRole) q = q.where('p.career_role', '=', filter.careerRole)
    if (filter.lineManagerId) q = q.where('p.line_manager_id', '=', filter.lineManagerId)
    if (filter.accountRole) q = q.where('u.role', '=', filter.accountRole)
    // Each word in the name or the email address (stored in lower case), as text: % and _ match themselves.
    for (const word of searchWords(filter.q ?? '')) {
      const pattern = likeText(word)
      q = q.where(eb =>
        eb.or([
          sql<boolean>`lower(u.name) like ${pattern} escape '\\'`,
          sql<boolean>`lower(u.email) like ${pattern} escape '\\'`,
        ]),
      )
    }
    return q
  }

  /** The line managers of the people the filter's area allows, by name: the choices for the filter. */
  async lineManagers(db: Db, businessArea: string | undefined): Promise<AccountChoice[]> {
    let managed = db.selectFrom('people as r').select('r.line_manager_id').where('r.line_manager_id', 'is not', null)
    if (businessArea) managed = managed.where('r.business_area', '=', businessArea)
    return db
      .selectFrom('users as u')
      .select(['u.id', 'u.name', 'u.email'])
      .where('u.id', 'in', managed)
      .orderBy('u.name')
      .orderBy('u.email')
      .orderBy('u.id')
      .execute()
  }

  /** Accounts that can be chosen as someone's line manager: all but disabled ones, by name. */
  async accountChoices(db: Db, limit: number): Promise<AccountChoice[]> {
    return db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('status', '<>', 'disabled')
      .orderBy('name')
      .orderBy('email')
      .limit(limit)
      .execute()
  }

  /** The accounts (not disabled) with these ids, by name: however many accounts there are. */
  async accountsByIds(db: Db, ids: readonly string[]): Promise<AccountChoice[]> {
    if (ids.length === 0) return []
    return db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('status', '<>', 'disabled')
      .where('id', 'in', [...ids])
      .orderBy('name')
      .orderBy('email')
      .execute()
  }

  /** People in the profession holding one of the given career roles, by name. */
  async peopleInRoles(db: Db, roles: readonly string[], limit: number): Promise<AccountChoice[]> {
    if (roles.length === 0) return []
    return db
      .selectFrom('people as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['u.id', 'u.name', 'u.email'])
      .where('p.career_role', 'in', [...roles])
      .orderBy('u.name')
      .orderBy('u.email')
      .limit(limit)
      .execute()
  }

  /**
   * Whether target is startId or anywhere above them in line management (their manager, their
   * manager's manager, and so on): one recursive query, safe even if a cycle already exists.
   */
  async isInManagementChain(db: Db, startId: string, target: string): Promise<boolean> {
    const row = await db
      .withRecursive('chain(id)', qb =>
        qb
          .selectFrom('users')
          .select(eb => eb.cast<string | null>('id', 'text').as('id'))
          .where('users.id', '=', startId)
          .union(
            qb
              .selectFrom('people as p')
              .innerJoin('chain as c', 'c.id', 'p.user_id')
              .select('p.line_manager_id as id')
              .where('p.line_manager_id', 'is not', null),
          ),
      )
      .selectFrom('chain')
      .select('chain.id')
      .where('chain.id', '=', target)
      .executeTakeFirst()
    return row !== undefined
  }

  /** Every profile's line manager: one small row per person, for finding line-management cycles. */
  async managerLinks(db: Db): Promise<{ id: string; email: string; lineManagerId: string | null }[]> {
    const rows = await db
      .selectFrom('people as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select(['u.id', 'u.email', 'p.line_manager_id'])
      .execute()
    return rows.map(r => ({ id: r.id, email: r.email, lineManagerId: r.line_manager_id }))
  }

  async listByEmails(db: Db, emails: string[]): Promise<Person[]> {
    if (emails.length === 0) return []
    const out: Person[] = []
    for (let i = 0; i < emails.length; i += 500) {
      const rows = await this.base(db)
        .where('u.email', 'in', emails.slice(i, i + 500))
        .execute()
      out.push(...rows.map(r => this.toPerson(r)))
    }
    return out
  }

  async reportsOf(db: Db, managerId: string): Promise<Person[]> {
    const rows = await this.base(db)
      .where(eb => eb.or([eb('p.line_manager_id', '=', managerId), eb('p.associate_of_id', '=', managerId)]))
      .orderBy('u.name')
      .execute()
    return rows.map(r => this.toPerson(r))
  }

  async areas(db: Db): Promise<{ businessArea: string; group: string }[]> {
    const rows = await db
      .selectFrom('people')
      .select(['business_area', 'group_name'])
      .distinct()
      .orderBy('business_area')
      .orderBy('group_name')
      .execute()
    return rows.map(r => ({ businessArea: r.business_area, group: r.group_name }))
  }

  async insertProfile(db: Db, id: string, p: ProfileChanges, at: string): Promise<void> {
    this.viewersKnown.changed()
    await db
      .insertInto('people')
      .values({ user_id: id, ...profileColumns(p), updated_at: at, version: 1 })
      .execute()
  }

  /** Saves a profile only if nobody saved since expectedVersion; says whether it saved. */
  async updateProfile(db: Db, id: string, p: ProfileChanges, expectedVersion: number, at: string): Promise<boolean> {
    this.viewersKnown.changed()
    const saved = await updateVersioned(db, 'people', id, expectedVersion, { ...profileColumns(p), updated_at: at })
    return saved !== undefined
  }

  /** New profiles, in batches. */
  async insertProfiles(
    db: Db,
    profiles: readonly { id: string; changes: ProfileChanges }[],
    at: string,
  ): Promise<void> {
    this.viewersKnown.changed()
    await insertInBatches(
      db,
      'people',
      profiles.map(({ id, changes: p }) => ({ user_id: id, ...profileColumns(p), updated_at: at, version: 1 })),
    )
  }

  /**
   * Changes many profiles with one statement per batch (CASE on the id), each only if it is still
   * at its expected version. Returns how many were saved: fewer than asked means someone else
   * changed one meanwhile.
   */
  async updateProfiles(db: Db, updates: readonly ProfileUpdate[], at: string): Promise<number> {
    this.viewersKnown.changed()
    let saved = 0
    for (let i = 0; i < updates.length; i += UPDATE_BATCH) {
      const batch = updates.slice(i, i + UPDATE_BATCH)
      const text = (pick: (p: ProfileChanges) => string | null): RawBuilder<string> =>
        sql<string>`case user_id ${sql.join(
          batch.map(u => sql`when ${u.id} then ${pick(u.changes)}`),
          sql` `,
        )} end`
      const integer = (pick: (u: ProfileUpdate) => number): RawBuilder<number> =>
        sql<number>`case user_id ${sql.join(
          batch.map(u => sql`when ${u.id} then cast(${pick(u)} as integer)`),
          sql` `,
        )} end`
      const result = await db
        .updateTable('people')
        .set(eb => ({
          career_role: text(p => p.careerRole),
          line_manager_id: text(p => p.lineManagerId),
          associate_of_id: text(p => p.associateOfId),
          business_area: text(p => p.businessArea),
          group_name: text(p => p.group),
          date_into_role: text(p => p.dateIntoRole),
          head_of_profession: text(p => (p.headOfProfession ? 'yes' : 'no')),
          one_to_one_cadence_days: integer(u => u.changes.oneToOneCadenceDays),
          updated_at: at,
          version: eb('version', '+', 1),
        }))
        .where(
          'user_id',
          'in',
          batch.map(u => u.id),
        )
        .where(
          'version',
          '=',
          integer(u => u.expectedVersion),
        )
        .executeTakeFirst()
      saved += Number(result.numUpdatedRows)
    }
    return saved
  }

  async insertHistory(db: Db, entries: HistoryEntry[]): Promise<void> {
    await insertInBatches(
      db,
      'person_history',
      entries.map(e => ({
        id: e.id,
        person_id: e.personId,
        career_role: e.careerRole,
        business_area: e.businessArea,
        group_name: e.group,
        line_manager_id: e.lineManagerId,
        change: e.change,
        from_date: e.fromDate,
        recorded_at: e.recordedAt,
        recorded_by_name: e.recordedByName,
      })),
    )
  }

  async history(db: Db, personId: string): Promise<HistoryView[]> {
    const rows = await db
      .selectFrom('person_history as h')
      .leftJoin('users as m', 'm.id', 'h.line_manager_id')
      .selectAll('h')
      .select('m.name as line_manager_name')
      .where('h.person_id', '=', personId)
      .orderBy('h.from_date', 'desc')
      .orderBy('h.recorded_at', 'desc')
      .execute()
    return rows.map(r => ({
      lineManagerName: r.line_manager_name,
      id: r.id,
      personId: r.person_id,
      careerRole: r.career_role,
      businessArea: r.business_area,
      group: r.group_name,
      lineManagerId: r.line_manager_id,
      change: r.change,
      fromDate: r.from_date,
      recordedAt: r.recorded_at,
      recordedByName: r.recorded_by_name,
    }))
  }
}
