// The profession's read model: what the capability and pathway views show, read straight from
// people, users, checkins, checkin_ratings and person_history. Those tables belong to the people,
// accounts and pathway capabilities; this repository only ever reads them (no insert, update or
// delete), because these views are aggregates over the whole profession that have to be computed
// in SQL, one query per section of a page, rather than assembled person by person through other
// services. Every query is scoped by the filter it is given; the policy decides the filter.
//
// Definitions shared with the pathway capability:
// - a person's current levels are the agreed levels of their latest agreed check-in (by agreed_at,
//   then created_at, then id) made against the current framework version, of whichever kind
//   ('check-in' or 'carried-over');
// - a check-in is overdue when the person has no agreed check-in (of any version or kind) agreed
//   at or after overdueBefore, or none at all (the rule and its cut-off: pathway/pathway.rules.ts).
import type { ExpressionBuilder, Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database, PeopleTable } from '../db/schema.ts'
import { LEVELS, type Level } from '../framework/framework.bundled.ts'

type Db = Kysely<Database>

/** Who is counted: people with a profile and an account that is not disabled, narrowed by these. */
export interface ProfessionFilter {
  /** One business area only (a leader's own, or the one chosen); null for every area. */
  readonly businessArea: string | null
  readonly careerRole: string | null
  readonly group: string | null
}

export interface RoleSummary {
  careerRole: string
  people: number
  /** People with an agreed check-in against the current framework version. */
  assessed: number
  overdue: number
}

/** How many people of a role hold a skill at a level (current levels only). */
export interface LevelCount {
  careerRole: string
  skillSlug: string
  level: Level
  count: number
}

/** The levels of a skill short of what a role expects. */
export interface Shortfall {
  careerRole: string
  skillSlug: string
  levels: readonly Level[]
}

export interface PersonRow {
  id: string
  name: string
  email: string
  careerRole: string
  businessArea: string
  group: string
  lineManagerName: string | null
  /** When their last agreed check-in of any version was agreed; null if never. */
  lastAgreedAt: string | null
}

/** A person's current levels: from their latest agreed check-in against the current version. */
export interface CurrentLevels {
  checkinAgreedAt: string | null
  levels: Map<string, Level>
}

export interface OverdueRow {
  id: string
  name: string
  careerRole: string
  lineManagerName: string | null
  lastAgreedAt: string | null
}

export interface FilterChoiceRow {
  businessArea: string
  group: string
  careerRole: string
}

export interface MonthlyChange {
  /** YYYY-MM of the date the change took effect. */
  month: string
  change: string
  count: number
}

export interface RoleMove {
  /** The role held before; null for someone joining. */
  fromRole: string | null
  toRole: string
  change: string
  count: number
}

const isLevel = (value: unknown): value is Level =>
  typeof value === 'string' && (LEVELS as readonly string[]).includes(value)

export class ProfessionRepository {
  /**
   * A short text that changes whenever anything these views show may have changed: a check-in
   * agreed (agreed_at only ever moves forward; carried-over check-ins are agreed when carried),
   * a profile or account changed, someone joined or left the profession, a history entry added.
   * Every part is an index look-up, so it is cheap enough to ask on every request.
   */
  async dataVersion(db: Db): Promise<string> {
    const row = await db
      .selectNoFrom(eb => [
        eb
          .selectFrom('checkins')
          .select(e => e.fn.max('agreed_at').as('m'))
          .where('status', '=', 'agreed')
          .as('agreed'),
        eb
          .selectFrom('people')
          .select(e => e.fn.countAll<number>().as('n'))
          .as('people'),
        eb
          .selectFrom('people')
          .select(e => e.fn.max('updated_at').as('m'))
          .as('profiles'),
        eb
          .selectFrom('users')
          .select(e => e.fn.max('updated_at').as('m'))
          .as('accounts'),
        eb
          .selectFrom('person_history')
          .select(e => e.fn.max('recorded_at').as('m'))
          .as('history'),
      ])
      .executeTakeFirstOrThrow()
    return [row.agreed, row.people, row.profiles, row.accounts, row.history].map(v => String(v ?? '')).join('|')
  }

  /** People in the profession matching the filter (profile joined to a live account). */
  private people(db: Db, f: ProfessionFilter) {
    let q = db
      .selectFrom('people as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .where('u.status', '<>', 'disabled')
    if (f.businessArea !== null) q = q.where('p.business_area', '=', f.businessArea)
    if (f.careerRole !== null) q = q.where('p.career_role', '=', f.careerRole)
    if (f.group !== null) q = q.where('p.group_name', '=', f.group)
    return q
  }

  /**
   * Each person's latest agreed check-in against the versions (the current one's line): one row
   * per person (person_id, id, agreed_at). Only for the people given (a list of ids, or everyone
   * the filter matches).
   */
  private latest(db: Db, versionIds: readonly string[], among: ProfessionFilter | readonly string[]) {
    let ranked = db
      .selectFrom('checkins as c')
      .select(eb => [
        'c.person_id',
        'c.id',
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
          .as('position'),
      ])
      .where('c.framework_version_id', 'in', [...versionIds])
      .where('c.status', '=', 'agreed')
    if (Array.isArray(among)) ranked = ranked.where('c.person_id', 'in', [...among])
    else {
      const f = among as ProfessionFilter
      if (f.businessArea !== null || f.careerRole !== null || f.group !== null)
        ranked = ranked.where('c.person_id', 'in', this.people(db, f).select('p.user_id'))
    }
    return db
      .selectFrom(ranked.as('ranked'))
      .select(['ranked.person_id', 'ranked.id', 'ranked.agreed_at'])
      .where('ranked.position', '=', 1)
  }

  /**
   * When each person (p) last had a check-in of any version agreed with their line manager (levels
   * carried to a new version do not count): a correlated look-up.
   */
  private lastAgreed(eb: ExpressionBuilder<Database & { p: PeopleTable }, 'p'>) {
    return eb
      .selectFrom('checkins as a')
      .select(e => e.fn.max('a.agreed_at').as('last'))
      .whereRef('a.person_id', '=', 'p.user_id')
      .where('a.status', '=', 'agreed')
      .where('a.kind', '=', 'check-in')
  }

  /** People, with a current assessment, and overdue, for each career role: one query. */
  async roleSummary(
    db: Db,
    versionIds: readonly string[],
    f: ProfessionFilter,
    overdueBefore: string,
  ): Promise<RoleSummary[]> {
    const rows = await this.people(db, f)
      .leftJoin(this.latest(db, versionIds, f).as('l'), 'l.person_id', 'p.user_id')
      .select(eb => [
        'p.career_role',
        eb.fn.countAll<number>().as('people'),
        eb.fn.count<number>('l.id').as('assessed'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(this.lastAgreed(eb), '>=', overdueBefore)
              .then(sql<number>`0`)
              .else(sql<number>`1`)
              .end(),
          )
          .as('overdue'),
      ])
      .groupBy('p.career_role')
      .orderBy('p.career_role')
      .execute()
    return rows.map(r => ({
      careerRole: r.career_role,
      people: Number(r.people),
      assessed: Number(r.assessed),
      overdue: Number(r.overdue ?? 0),
    }))
  }

  /** Current levels counted by role, skill and level: one query for the distribution and shares. */
  async levelCounts(db: Db, versionIds: readonly string[], f: ProfessionFilter): Promise<LevelCount[]> {
    const rows = await this.people(db, f)
      .innerJoin(this.latest(db, versionIds, f).as('l'), 'l.person_id', 'p.user_id')
      .innerJoin('checkin_ratings as r', 'r.checkin_id', 'l.id')
      .where('r.agreed_level', 'is not', null)
      .select(eb => ['p.career_role', 'r.skill_slug', 'r.agreed_level', eb.fn.countAll<number>().as('n')])
      .groupBy(['p.career_role', 'r.skill_slug', 'r.agreed_level'])
      .execute()
    const out: LevelCount[] = []
    for (const r of rows)
      if (isLevel(r.agreed_level))
        out.push({ careerRole: r.career_role, skillSlug: r.skill_slug, level: r.agreed_level, count: Number(r.n) })
    return out
  }

  /**
   * How many people hold at least one current level below what their role expects: one query.
   * `below` lists, for each role and skill with an expectation, the levels short of it (from the
   * framework document, which the caller reads).
   */
  async countBelowExpectation(
    db: Db,
    versionIds: readonly string[],
    f: ProfessionFilter,
    below: readonly Shortfall[],
  ): Promise<number> {
    if (below.length === 0) return 0
    const row = await this.people(db, f)
      .innerJoin(this.latest(db, versionIds, f).as('l'), 'l.person_id', 'p.user_id')
      .innerJoin('checkin_ratings as r', 'r.checkin_id', 'l.id')
      .where(eb =>
        eb.or(
          below.map(b =>
            eb.and([
              eb('p.career_role', '=', b.careerRole),
              eb('r.skill_slug', '=', b.skillSlug),
              eb('r.agreed_level', 'in', [...b.levels]),
            ]),
          ),
        ),
      )
      .select(eb => eb.fn.count<number>('p.user_id').distinct().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  private personRows(db: Db, f: ProfessionFilter) {
    return this.people(db, f)
      .leftJoin('users as m', 'm.id', 'p.line_manager_id')
      .select([
        'u.id',
        'u.name',
        'u.email',
        'p.career_role',
        'p.business_area',
        'p.group_name',
        'm.name as line_manager_name',
      ])
      .orderBy('u.name')
      .orderBy('u.email')
      .orderBy('u.id')
  }

  private toPersonRow(
    r: {
      id: string
      name: string
      email: string
      career_role: string
      business_area: string
      group_name: string
      line_manager_name: string | null
    },
    lastAgreedAt: string | null,
  ): PersonRow {
    return {
      id: r.id,
      name: r.name,
      email: r.email,
      careerRole: r.career_role,
      businessArea: r.business_area,
      group: r.group_name,
      lineManagerName: r.line_manager_name,
      lastAgreedAt,
    }
  }

  /** The ids of everyone the filter matches, in name order: what the heatmap's pages are cut from. */
  async orderedIds(db: Db, f: ProfessionFilter): Promise<string[]> {
    const rows = await this.people(db, f).select('u.id').orderBy('u.name').orderBy('u.email').orderBy('u.id').execute()
    return rows.map(r => r.id)
  }

  /** The people with these ids, in the order given: the rows of one page of the heatmap (two queries). */
  async peopleByIds(db: Db, ids: readonly string[]): Promise<PersonRow[]> {
    if (ids.length === 0) return []
    const rows = await db
      .selectFrom('people as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .leftJoin('users as m', 'm.id', 'p.line_manager_id')
      .select([
        'u.id',
        'u.name',
        'u.email',
        'p.career_role',
        'p.business_area',
        'p.group_name',
        'm.name as line_manager_name',
      ])
      .where('u.id', 'in', [...ids])
      .execute()
    const last = await db
      .selectFrom('checkins as a')
      .select(eb => ['a.person_id', eb.fn.max('a.agreed_at').as('last')])
      .where('a.status', '=', 'agreed')
      .where('a.person_id', 'in', [...ids])
      .groupBy('a.person_id')
      .execute()
    const lastOf = new Map(last.map(r => [r.person_id, r.last]))
    const byId = new Map(rows.map(r => [r.id, this.toPersonRow(r, lastOf.get(r.id) ?? null)]))
    return ids.flatMap(id => byId.get(id) ?? [])
  }

  /** Everyone the filter matches, in name order (for the CSV download). */
  async allPeople(db: Db, f: ProfessionFilter): Promise<PersonRow[]> {
    const rows = await this.personRows(db, f)
      .select(eb => this.lastAgreed(eb).as('last_agreed'))
      .execute()
    return rows.map(r => this.toPersonRow(r, r.last_agreed))
  }

  /**
   * The current levels of the given people (ids), or of everyone the filter matches: one query,
   * a row per rating of each person's latest agreed check-in against the version.
   */
  async currentLevels(
    db: Db,
    versionIds: readonly string[],
    among: ProfessionFilter | readonly string[],
  ): Promise<Map<string, CurrentLevels>> {
    const out = new Map<string, CurrentLevels>()
    if (Array.isArray(among) && among.length === 0) return out
    const rows = await db
      .selectFrom(this.latest(db, versionIds, among).as('l'))
      .leftJoin('checkin_ratings as r', 'r.checkin_id', 'l.id')
      .select(['l.person_id', 'l.agreed_at', 'r.skill_slug', 'r.agreed_level'])
      .execute()
    for (const r of rows) {
      let entry = out.get(r.person_id)
      if (!entry) {
        entry = { checkinAgreedAt: r.agreed_at, levels: new Map() }
        out.set(r.person_id, entry)
      }
      if (r.skill_slug !== null && isLevel(r.agreed_level)) entry.levels.set(r.skill_slug, r.agreed_level)
    }
    return out
  }

  /** Overdue people, never-agreed first, then the longest overdue: at most limit of them. */
  async overdue(db: Db, f: ProfessionFilter, overdueBefore: string, limit: number): Promise<OverdueRow[]> {
    const rows = await this.people(db, f)
      .leftJoin('users as m', 'm.id', 'p.line_manager_id')
      .select(eb => [
        'u.id',
        'u.name',
        'p.career_role',
        'm.name as line_manager_name',
        this.lastAgreed(eb).as('last_agreed'),
      ])
      .where(eb =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('checkins as recent')
              .select('recent.id')
              .whereRef('recent.person_id', '=', 'p.user_id')
              .where('recent.status', '=', 'agreed')
              .where('recent.kind', '=', 'check-in')
              .where('recent.agreed_at', '>=', overdueBefore),
          ),
        ),
      )
      .orderBy('last_agreed', ob => ob.asc().nullsFirst())
      .orderBy('u.name')
      .orderBy('u.id')
      .limit(limit)
      .execute()
    return rows.map(r => ({
      id: r.id,
      name: r.name,
      careerRole: r.career_role,
      lineManagerName: r.line_manager_name,
      lastAgreedAt: r.last_agreed,
    }))
  }

  /** Every combination of area, group and role people hold in the area given (or everywhere). */
  async filterChoices(db: Db, businessArea: string | null): Promise<FilterChoiceRow[]> {
    let q = db
      .selectFrom('people as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .where('u.status', '<>', 'disabled')
      .select(['p.business_area', 'p.group_name', 'p.career_role'])
      .distinct()
    if (businessArea !== null) q = q.where('p.business_area', '=', businessArea)
    const rows = await q.orderBy('p.business_area').orderBy('p.group_name').orderBy('p.career_role').execute()
    return rows.map(r => ({ businessArea: r.business_area, group: r.group_name, careerRole: r.career_role }))
  }

  // ---- The pathway view ----------------------------------------------------------------------

  /** How many people hold each career role now. */
  async roleCounts(db: Db, businessArea: string | null): Promise<{ careerRole: string; count: number }[]> {
    const rows = await this.people(db, { businessArea, careerRole: null, group: null })
      .select(eb => ['p.career_role', eb.fn.countAll<number>().as('n')])
      .groupBy('p.career_role')
      .execute()
    return rows.map(r => ({ careerRole: r.career_role, count: Number(r.n) }))
  }

  /** History entries taking effect on or after fromDate, counted by month and kind of change. */
  async monthlyChanges(db: Db, businessArea: string | null, fromDate: string): Promise<MonthlyChange[]> {
    const month = sql<string>`substr(h.from_date, 1, 7)`
    let q = db
      .selectFrom('person_history as h')
      .select(eb => [month.as('month'), 'h.change', eb.fn.countAll<number>().as('n')])
      .where('h.from_date', '>=', fromDate)
    if (businessArea !== null) q = q.where('h.business_area', '=', businessArea)
    const rows = await q.groupBy([month, 'h.change']).execute()
    return rows.map(r => ({ month: r.month, change: r.change, count: Number(r.n) }))
  }

  /**
   * Joins, promotions and role changes taking effect on or after fromDate, counted by the role
   * before (the role of the person's previous history entry) and the role after.
   */
  async roleMoves(db: Db, businessArea: string | null, fromDate: string): Promise<RoleMove[]> {
    const ordered = db.selectFrom('person_history as h').select(eb => [
      'h.career_role',
      'h.change',
      'h.from_date',
      'h.business_area',
      eb.fn
        .agg<string | null>('lag', ['h.career_role'])
        .over(ob => ob.partitionBy('h.person_id').orderBy('h.from_date').orderBy('h.recorded_at').orderBy('h.id'))
        .as('previous_role'),
    ])
    let q = db
      .selectFrom(ordered.as('x'))
      .select(eb => ['x.previous_role', 'x.career_role', 'x.change', eb.fn.countAll<number>().as('n')])
      .where('x.from_date', '>=', fromDate)
      .where('x.change', 'in', ['joined', 'promotion', 'role change'])
    if (businessArea !== null) q = q.where('x.business_area', '=', businessArea)
    const rows = await q.groupBy(['x.previous_role', 'x.career_role', 'x.change']).execute()
    return rows.map(r => ({
      fromRole: r.change === 'joined' ? null : r.previous_role,
      toRole: r.career_role,
      change: r.change,
      count: Number(r.n),
    }))
  }
}
