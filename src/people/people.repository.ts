// People of the profession: an account joined to its profession profile (career role, line
// manager, associated senior product manager, area, group, date into role) and its history.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'

export interface Person {
  id: string
  name: string
  email: string
  accountRole: string
  accountStatus: string
  hasProfile: boolean
  careerRole: string | null
  lineManagerId: string | null
  lineManagerName: string | null
  associateOfId: string | null
  associateOfName: string | null
  businessArea: string
  group: string
  dateIntoRole: string | null
  headOfProfession: boolean
  oneToOneCadenceDays: number
  version: number
  updatedAt: string | null
}

export interface ProfileChanges {
  careerRole: string
  lineManagerId: string | null
  associateOfId: string | null
  businessArea: string
  group: string
  dateIntoRole: string | null
  headOfProfession: boolean
  oneToOneCadenceDays: number
}

export interface HistoryEntry {
  id: string
  personId: string
  careerRole: string
  businessArea: string
  group: string
  lineManagerId: string | null
  change: string
  fromDate: string
  recordedAt: string
  recordedByName: string
}

export interface PeopleFilter {
  businessArea?: string
  group?: string
  careerRole?: string
  withProfileOnly?: boolean
}

type Db = Kysely<Database>

export class PeopleRepository {
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
        'p.associate_of_id',
        'a.name as associate_of_name',
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
      associateOfId: r.associate_of_id,
      associateOfName: r.associate_of_name,
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
    let q = this.base(db)
    if (filter.withProfileOnly) q = q.where('p.user_id', 'is not', null)
    if (filter.businessArea) q = q.where('p.business_area', '=', filter.businessArea)
    if (filter.group) q = q.where('p.group_name', '=', filter.group)
    if (filter.careerRole) q = q.where('p.career_role', '=', filter.careerRole)
    const rows = await q.orderBy('u.name').orderBy('u.email').execute()
    return rows.map(r => this.toPerson(r))
  }

  async listByEmails(db: Db, emails: string[]): Promise<Person[]> {
    if (emails.length === 0) return []
    const out: Person[] = []
    for (let i = 0; i < emails.length; i += 500) {
      const rows = await this.base(db).where('u.email', 'in', emails.slice(i, i + 500)).execute()
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
    const rows = await db.selectFrom('people').select(['business_area', 'group_name']).distinct().orderBy('business_area').orderBy('group_name').execute()
    return rows.map(r => ({ businessArea: r.business_area, group: r.group_name }))
  }

  async insertProfile(db: Db, id: string, p: ProfileChanges, at: string): Promise<void> {
    await db
      .insertInto('people')
      .values({
        user_id: id,
        career_role: p.careerRole,
        line_manager_id: p.lineManagerId,
        associate_of_id: p.associateOfId,
        business_area: p.businessArea,
        group_name: p.group,
        date_into_role: p.dateIntoRole,
        head_of_profession: p.headOfProfession ? 'yes' : 'no',
        one_to_one_cadence_days: p.oneToOneCadenceDays,
        updated_at: at,
        version: 1,
      })
      .execute()
  }

  /** Saves a profile only if nobody saved since expectedVersion; says whether it saved. */
  async updateProfile(db: Db, id: string, p: ProfileChanges, expectedVersion: number, at: string): Promise<boolean> {
    const result = await db
      .updateTable('people')
      .set(eb => ({
        career_role: p.careerRole,
        line_manager_id: p.lineManagerId,
        associate_of_id: p.associateOfId,
        business_area: p.businessArea,
        group_name: p.group,
        date_into_role: p.dateIntoRole,
        head_of_profession: p.headOfProfession ? 'yes' : 'no',
        one_to_one_cadence_days: p.oneToOneCadenceDays,
        updated_at: at,
        version: eb('version', '+', 1),
      }))
      .where('user_id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async insertHistory(db: Db, entries: HistoryEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 200) {
      const chunk = entries.slice(i, i + 200)
      if (chunk.length === 0) continue
      await db
        .insertInto('person_history')
        .values(
          chunk.map(e => ({
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
        .execute()
    }
  }

  async history(db: Db, personId: string): Promise<HistoryEntry[]> {
    const rows = await db.selectFrom('person_history').selectAll().where('person_id', '=', personId).orderBy('from_date', 'desc').orderBy('recorded_at', 'desc').execute()
    return rows.map(r => ({
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
