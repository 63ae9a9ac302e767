// The profession views for leaders and heads of profession: the capability view (who holds which
// level of each skill against what their role expects, the spread of levels, the share of each
// role at or above expectation, and overdue check-ins), its CSV download, and the pathway view
// (how many people hold each role, and movement between roles over time).
//
// Every figure is computed in SQL over the whole filtered profession, one query per section, and
// only the people of the page shown are read in full. The sections' results are kept in memory
// keyed by a snapshot: the framework version, a cheap fingerprint of the data (see
// ProfessionRepository.dataVersion), the overdue cut-off day and the viewer's scope. Any change
// to the data makes a new key, so nothing stale is ever shown and nothing needs invalidating;
// several instances each keep their own.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { LEVEL_NAMES, type Level, type Shape } from '../framework/framework.bundled.ts'
import { bundledRoleName } from '../framework/framework.terms.ts'
import type { FrameworkVersion } from '../framework/framework.types.ts'
import { activeRoles, activeSkills, expectedLevel } from '../framework/framework.document.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { ukDate } from '../platform/dates.ts'
import { ForbiddenError } from '../platform/errors.ts'
import { CHECKIN_DUE_DAYS, overdueAgainst, overdueBefore as overdueBeforeAt } from '../pathway/pathway.rules.ts'
import { csvDocument } from '../platform/csv.ts'
import { areaScope, canSeeProfessionViews } from './profession.policy.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type {
  FilterChoiceRow,
  LevelCount,
  OverdueRow,
  ProfessionFilter,
  ProfessionRepository,
  RoleSummary,
  Shortfall,
} from './profession.repository.ts'
import type { CapabilityQuery } from './profession.schemas.ts'

export const HEATMAP_PAGE_SIZE = 50
export const OVERDUE_LIST_SIZE = 50
const CACHE_ENTRIES = 300

/** What the capability view needs of the framework: the current version and the pathway shape. */
export interface FrameworkSource {
  current(): Promise<FrameworkVersion>
  shape(): Promise<Shape>
  /** The current version and the earlier ones whose skills mean the same (FrameworkVersions.lineage). */
  lineage(): Promise<readonly string[]>
}

// ---- Levels against expectation ---------------------------------------------------------------

const RANK: Record<Level, number> = { awareness: 1, working: 2, practitioner: 3, expert: 4 }

export type Marker = 'below' | 'meets' | 'above' | 'none' | 'not-expected'

export const MARKER_TEXT: Record<Marker, string> = {
  below: 'Below',
  meets: 'Meets',
  above: 'Above',
  none: 'No assessment',
  'not-expected': 'Not expected',
}

/** How an agreed level compares with the level the role expects. */
export function markerFor(level: Level | null, expected: Level | null): Marker {
  if (level === null) return 'none'
  if (expected === null) return 'not-expected'
  const difference = RANK[level] - RANK[expected]
  return difference < 0 ? 'below' : difference === 0 ? 'meets' : 'above'
}

// ---- What the views show ----------------------------------------------------------------------

/** The framework, data and scope one set of figures is computed from. */
export interface Snapshot {
  /** Changes whenever anything the views show may have changed. */
  readonly key: string
  readonly version: FrameworkVersion
  /** The versions agreed levels are read from: the current one and those of its line. */
  readonly lineage: readonly string[]
  readonly shape: Shape
  /** The business area the viewer is limited to; null for every area. */
  readonly scopeArea: string | null
  /** A check-in agreed before this is overdue (pathway.rules.ts); it changes at UK midnight. */
  readonly overdueBefore: string
}

export interface Choice {
  value: string
  text: string
}

export interface SkillRef {
  slug: string
  name: string
}

export interface HeatmapCell {
  skill: string
  level: Level | null
  levelName: string
  expectedName: string
  marker: Marker
  markerText: string
}

export interface HeatmapRow {
  id: string
  name: string
  roleName: string
  cells: HeatmapCell[]
}

export interface DistributionRow {
  skill: SkillRef
  counts: { level: Level; name: string; count: number; percent: number }[]
  unassessed: number
  unassessedPercent: number
}

export interface ShareCell {
  skill: string
  expectedName: string
  /** People of the role with an agreed level of the skill. */
  assessed: number
  atOrAbove: number
  /** Rounded; null when nobody is assessed or nothing is expected. */
  percent: number | null
  expected: boolean
}

export interface ShareRow {
  role: Choice
  people: number
  cells: ShareCell[]
}

export interface OverdueView {
  id: string
  name: string
  roleName: string
  lineManagerName: string | null
  lastAgreedAt: string | null
}

export interface CapabilityView {
  scopeArea: string | null
  filters: { role: string | null; area: string | null; group: string | null }
  /** Whether any filter narrows the view (scope apart). */
  filtered: boolean
  choices: { roles: Choice[]; areas: string[]; groups: string[] }
  skills: SkillRef[]
  summary: { people: number; assessed: number; overdue: number }
  heatmap: { rows: HeatmapRow[]; page: number; pages: number; from: number; to: number }
  distribution: DistributionRow[]
  shares: ShareRow[]
  overdue: { rows: OverdueView[]; total: number }
  overdueAfterDays: number
}

export interface PathwayView {
  scopeArea: string | null
  total: number
  roles: { slug: string; name: string; count: number; percent: number }[]
  quarters: { label: string; joined: number; promoted: number; changedRole: number; moved: number }[]
  moves: { from: string; to: string; kind: string; count: number }[]
  movesSince: string
}

/** The few figures the home page shows a leader or head of profession, linking to the views. */
export interface ProfessionSummary {
  scopeArea: string | null
  people: number
  overdue: number
  /** People with at least one current level below what their role expects. */
  belowExpectation: number
  /** This quarter's movement, as the pathway view counts it. */
  quarter: { label: string; joined: number; promoted: number; changedRole: number; moved: number }
}

interface Aggregates {
  summary: RoleSummary[]
  counts: LevelCount[]
  overdue: OverdueRow[]
}

/**
 * A least-recently-used map of promises, bounded by the total weight of what they hold (an entry
 * weighs 1 unless a weight function says otherwise); a promise that fails is forgotten.
 */
class Lru {
  private readonly entries = new Map<string, { value: Promise<unknown>; weight: number }>()
  private total = 0
  constructor(private readonly budget: number) {}

  get<T>(key: string, compute: () => Promise<T>, weigh: (value: T) => number = () => 1): Promise<T> {
    const hit = this.entries.get(key)
    if (hit) {
      this.entries.delete(key)
      this.entries.set(key, hit)
      return hit.value as Promise<T>
    }
    const entry = { value: compute() as Promise<unknown>, weight: 1 }
    this.entries.set(key, entry)
    this.total += entry.weight
    entry.value.then(
      value => {
        if (this.entries.get(key) !== entry) return
        const weight = Math.max(1, weigh(value as T))
        this.total += weight - entry.weight
        entry.weight = weight
        this.trim(key)
      },
      () => this.forget(key, entry),
    )
    this.trim(key)
    return entry.value as Promise<T>
  }

  private forget(key: string, entry: { weight: number }): void {
    if (this.entries.get(key) !== entry) return
    this.entries.delete(key)
    this.total -= entry.weight
  }

  /** Drops the least recently used entries until within budget, keeping the one just added. */
  private trim(keep: string): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.budget) break
      if (key === keep) continue
      this.entries.delete(key)
      this.total -= entry.weight
    }
  }
}

/** For every role and active skill with an expectation, the levels short of it. */
function shortfalls(doc: FrameworkVersion['document']): Shortfall[] {
  const levels = Object.keys(RANK) as Level[]
  const out: Shortfall[] = []
  for (const role of doc.roles)
    for (const skill of activeSkills(doc)) {
      const expected = expectedLevel(doc, role.slug, skill.slug)
      if (expected === null) continue
      const short = levels.filter(l => RANK[l] < RANK[expected])
      if (short.length > 0) out.push({ careerRole: role.slug, skillSlug: skill.slug, levels: short })
    }
  return out
}

const percentOf = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : 0)

export class ProfessionService {
  /** Figures by snapshot key and filter. Holds promises, so concurrent asks share one query. */
  private readonly figures = new Lru(CACHE_ENTRIES)
  /** Everyone a filter matches, in name order: kept up to 200,000 ids in all (about 15 MB). */
  private readonly orders = new Lru(200_000)

  constructor(
    private readonly db: DbExecutor,
    private readonly repo: ProfessionRepository,
    private readonly framework: FrameworkSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The snapshot the viewer's views are computed from; refuses anyone who may not see them. */
  async snapshot(viewer: Viewer | null): Promise<Snapshot> {
    if (!viewer || !canSeeProfessionViews(viewer))
      throw new ForbiddenError('Only leaders and heads of profession see the profession views')
    const [version, shape, dataVersion, lineage] = await Promise.all([
      this.framework.current(),
      this.framework.shape(),
      this.repo.dataVersion(this.db),
      this.framework.lineage(),
    ])
    const scopeArea = areaScope(viewer)
    const overdueBefore = overdueBeforeAt(this.clock())
    return {
      key: JSON.stringify([version.id, shape, dataVersion, overdueBefore, scopeArea]),
      version,
      lineage,
      shape,
      scopeArea,
      overdueBefore,
    }
  }

  private cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    return this.figures.get(key, compute)
  }

  private roleNames(snapshot: Snapshot): (slug: string) => string {
    const names = new Map(snapshot.version.document.roles.map(r => [r.slug, r.name]))
    return slug => names.get(slug) ?? bundledRoleName(slug)
  }

  /** Roles in pathway order: the shape's active roles, then any other role someone holds. */
  private orderedRoles(snapshot: Snapshot, held: Iterable<string>): Choice[] {
    const name = this.roleNames(snapshot)
    const roles = activeRoles(snapshot.version.document, snapshot.shape).map(r => ({ value: r.slug, text: r.name }))
    const known = new Set(roles.map(r => r.value))
    const others = [...new Set(held)].filter(slug => !known.has(slug)).sort()
    return [...roles, ...others.map(slug => ({ value: slug, text: name(slug) }))]
  }

  private choiceRows(snapshot: Snapshot): Promise<FilterChoiceRow[]> {
    return this.cached(JSON.stringify([snapshot.key, 'choices']), () =>
      this.repo.filterChoices(this.db, snapshot.scopeArea),
    )
  }

  /**
   * The filters in force: the viewer's scope always wins over a chosen area, and a value that
   * is not among the choices counts as "all".
   */
  async filtersFor(
    snapshot: Snapshot,
    query: Pick<CapabilityQuery, 'role' | 'area' | 'group'>,
  ): Promise<{ filter: ProfessionFilter; choices: CapabilityView['choices'] }> {
    const rows = await this.choiceRows(snapshot)
    const areas = [...new Set(rows.map(r => r.businessArea).filter(a => a !== ''))]
    const area = snapshot.scopeArea ?? (query.area !== null && areas.includes(query.area) ? query.area : null)
    const inArea = area === null ? rows : rows.filter(r => r.businessArea === area)
    const groups = [...new Set(inArea.map(r => r.group).filter(g => g !== ''))].sort((a, b) => a.localeCompare(b))
    const roles = this.orderedRoles(
      snapshot,
      rows.map(r => r.careerRole),
    )
    const group = query.group !== null && groups.includes(query.group) ? query.group : null
    const role = query.role !== null && roles.some(r => r.value === query.role) ? query.role : null
    return {
      filter: { businessArea: area, careerRole: role, group },
      choices: { roles, areas: snapshot.scopeArea === null ? areas : [], groups },
    }
  }

  private filterKey(snapshot: Snapshot, filter: ProfessionFilter): string {
    return JSON.stringify([snapshot.key, filter.businessArea, filter.careerRole, filter.group])
  }

  private aggregates(snapshot: Snapshot, filter: ProfessionFilter): Promise<Aggregates> {
    return this.cached(this.filterKey(snapshot, filter), async () => {
      const summary = await this.repo.roleSummary(this.db, snapshot.lineage, filter, snapshot.overdueBefore)
      const counts = await this.repo.levelCounts(this.db, snapshot.lineage, filter)
      const overdue = await this.repo.overdue(this.db, filter, snapshot.overdueBefore, OVERDUE_LIST_SIZE)
      return { summary, counts, overdue }
    })
  }

  /**
   * The home page's summary of the viewer's profession: people, overdue check-ins, people below
   * expectation and this quarter's movement. Shares the views' cached figures, so it costs one
   * more query per change of data (people below expectation).
   */
  async summary(snapshot: Snapshot): Promise<ProfessionSummary> {
    const filter: ProfessionFilter = { businessArea: snapshot.scopeArea, careerRole: null, group: null }
    const doc = snapshot.version.document
    const [{ summary }, below, pathway] = await Promise.all([
      this.aggregates(snapshot, filter),
      this.cached(JSON.stringify([this.filterKey(snapshot, filter), 'below']), () =>
        this.repo.countBelowExpectation(this.db, snapshot.lineage, filter, shortfalls(doc)),
      ),
      this.pathway(snapshot),
    ])
    const last = pathway.quarters[pathway.quarters.length - 1] ?? {
      label: '',
      joined: 0,
      promoted: 0,
      changedRole: 0,
      moved: 0,
    }
    return {
      scopeArea: snapshot.scopeArea,
      people: summary.reduce((n, r) => n + r.people, 0),
      overdue: summary.reduce((n, r) => n + r.overdue, 0),
      belowExpectation: below,
      quarter: last,
    }
  }

  /** The capability view for one page of the heatmap; every figure covers the whole filtered set. */
  async capability(snapshot: Snapshot, query: CapabilityQuery): Promise<CapabilityView> {
    const doc = snapshot.version.document
    const { filter, choices } = await this.filtersFor(snapshot, query)
    const { summary, counts, overdue } = await this.aggregates(snapshot, filter)
    // Filtered to one role, only the skills that role is expected to have: leadership skills mean
    // nothing on a page about product managers.
    const role = filter.careerRole
    const skills = activeSkills(doc)
      .filter(s => role === null || expectedLevel(doc, role, s.slug) !== null)
      .map(s => ({ slug: s.slug, name: s.name }))
    const roleName = this.roleNames(snapshot)

    const people = summary.reduce((n, r) => n + r.people, 0)
    const assessed = summary.reduce((n, r) => n + r.assessed, 0)
    const overdueTotal = summary.reduce((n, r) => n + r.overdue, 0)

    // Distribution: each skill's levels over every role; "none" is everyone else.
    const bySkillLevel = new Map<string, number>()
    const byRoleSkill = new Map<string, { assessed: number; atOrAbove: number }>()
    for (const c of counts) {
      bySkillLevel.set(`${c.skillSlug}|${c.level}`, (bySkillLevel.get(`${c.skillSlug}|${c.level}`) ?? 0) + c.count)
      const key = `${c.careerRole}|${c.skillSlug}`
      const entry = byRoleSkill.get(key) ?? { assessed: 0, atOrAbove: 0 }
      entry.assessed += c.count
      const expected = expectedLevel(doc, c.careerRole, c.skillSlug)
      if (expected !== null && RANK[c.level] >= RANK[expected]) entry.atOrAbove += c.count
      byRoleSkill.set(key, entry)
    }
    const levels = Object.keys(RANK) as Level[]
    const distribution: DistributionRow[] = skills.map(skill => {
      const levelCounts = levels.map(level => {
        const count = bySkillLevel.get(`${skill.slug}|${level}`) ?? 0
        return { level, name: LEVEL_NAMES[level], count, percent: percentOf(count, people) }
      })
      const unassessed = Math.max(0, people - levelCounts.reduce((n, l) => n + l.count, 0))
      return { skill, counts: levelCounts, unassessed, unassessedPercent: percentOf(unassessed, people) }
    })

    const peopleByRole = new Map(summary.map(r => [r.careerRole, r.people]))
    const shares: ShareRow[] = this.orderedRoles(snapshot, peopleByRole.keys())
      .filter(role => (peopleByRole.get(role.value) ?? 0) > 0)
      .map(role => ({
        role,
        people: peopleByRole.get(role.value) ?? 0,
        cells: skills.map(skill => {
          const expected = expectedLevel(doc, role.value, skill.slug)
          const entry = byRoleSkill.get(`${role.value}|${skill.slug}`) ?? { assessed: 0, atOrAbove: 0 }
          return {
            skill: skill.slug,
            expectedName: expected ? LEVEL_NAMES[expected] : 'Not expected',
            assessed: entry.assessed,
            atOrAbove: entry.atOrAbove,
            percent: expected !== null && entry.assessed > 0 ? percentOf(entry.atOrAbove, entry.assessed) : null,
            expected: expected !== null,
          }
        }),
      }))

    // The heatmap: only the people of this page are read in full.
    const pages = Math.max(1, Math.ceil(people / HEATMAP_PAGE_SIZE))
    const page = Math.min(Math.max(1, query.page), pages)
    const offset = (page - 1) * HEATMAP_PAGE_SIZE
    const order = await this.orders.get(
      this.filterKey(snapshot, filter),
      () => this.repo.orderedIds(this.db, filter),
      ids => ids.length,
    )
    const pageRows = await this.repo.peopleByIds(this.db, order.slice(offset, offset + HEATMAP_PAGE_SIZE))
    const current = await this.repo.currentLevels(
      this.db,
      snapshot.lineage,
      pageRows.map(p => p.id),
    )
    const rows: HeatmapRow[] = pageRows.map(person => {
      const held = current.get(person.id)?.levels
      return {
        id: person.id,
        name: person.name,
        roleName: roleName(person.careerRole),
        cells: skills.map(skill => {
          const level = held?.get(skill.slug) ?? null
          const expected = expectedLevel(doc, person.careerRole, skill.slug)
          const marker = markerFor(level, expected)
          return {
            skill: skill.slug,
            level,
            levelName: level ? LEVEL_NAMES[level] : '',
            expectedName: expected ? LEVEL_NAMES[expected] : 'Not expected',
            marker,
            markerText: MARKER_TEXT[marker],
          }
        }),
      }
    })

    return {
      scopeArea: snapshot.scopeArea,
      filters: {
        role: filter.careerRole,
        area: snapshot.scopeArea === null ? filter.businessArea : null,
        group: filter.group,
      },
      filtered:
        filter.careerRole !== null ||
        filter.group !== null ||
        (snapshot.scopeArea === null && filter.businessArea !== null),
      choices,
      skills,
      summary: { people, assessed, overdue: overdueTotal },
      heatmap: { rows, page, pages, from: people === 0 ? 0 : offset + 1, to: offset + rows.length },
      distribution,
      shares,
      overdue: {
        rows: overdue.map(o => ({
          id: o.id,
          name: o.name,
          roleName: roleName(o.careerRole),
          lineManagerName: o.lineManagerName,
          lastAgreedAt: o.lastAgreedAt,
        })),
        total: overdueTotal,
      },
      overdueAfterDays: CHECKIN_DUE_DAYS,
    }
  }

  /**
   * Everything the capability view shows, for every person the filters match (not just one
   * page), as CSV: one row per person, then each skill's agreed level and how it compares with
   * the role's expectation. Not cached: a download is rare and must be exact. The download is
   * recorded in the audit log (who, and how many people), never what it held.
   */
  async capabilityCsv(
    actor: Actor,
    snapshot: Snapshot,
    query: CapabilityQuery,
  ): Promise<{ filename: string; body: string; people: number }> {
    const doc = snapshot.version.document
    const { filter } = await this.filtersFor(snapshot, query)
    const skills = activeSkills(doc)
    const roleName = this.roleNames(snapshot)
    const people = await this.repo.allPeople(this.db, filter)
    const current = await this.repo.currentLevels(this.db, snapshot.lineage, filter)
    const header = [
      'Name',
      'Email',
      'Career role',
      'Business area',
      'Group',
      'Last agreed check-in',
      'Check-in overdue',
      ...skills.flatMap(s => [`${s.name}: agreed level`, `${s.name}: against expectation`]),
    ]
    const rows = people.map(p => {
      const held = current.get(p.id)?.levels
      const overdue = overdueAgainst(p.lastAgreedAt, snapshot.overdueBefore)
      return [
        p.name,
        p.email,
        roleName(p.careerRole),
        p.businessArea,
        p.group,
        p.lastAgreedAt ? ukDate(new Date(p.lastAgreedAt)) : 'Never',
        overdue ? 'Yes' : 'No',
        ...skills.flatMap(s => {
          const level = held?.get(s.slug) ?? null
          return [
            level ? LEVEL_NAMES[level] : '',
            MARKER_TEXT[markerFor(level, expectedLevel(doc, p.careerRole, s.slug))],
          ]
        }),
      ]
    })
    await this.audit.record(this.db, actor, {
      action: 'profession.capability-downloaded',
      subjectType: 'profession',
      summary: `Downloaded the capability of ${people.length === 1 ? '1 person' : `${people.length.toLocaleString('en-GB')} people`} as CSV`,
    })
    const day = ukDate(this.clock())
    return { filename: `profession-capability-${day}.csv`, body: csvDocument(header, rows), people: people.length }
  }

  /** How many people hold each role now, and movement between roles over the last two years. */
  async pathway(snapshot: Snapshot): Promise<PathwayView> {
    const now = this.clock()
    // The current quarter and the seven before it.
    const quarterStart = (offset: number) => {
      const q = Math.floor(now.getUTCMonth() / 3) - offset
      return new Date(Date.UTC(now.getUTCFullYear(), q * 3, 1))
    }
    const oldest = quarterStart(7)
    const yearAgo = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate()))
    // The quarters and the year are counted from UTC midnights; the figures are kept for the UK day.
    const isoDay = (d: Date) => d.toISOString().slice(0, 10)
    const key = JSON.stringify([snapshot.key, 'pathway', ukDate(now)])
    const data = await this.cached(key, async () => ({
      roles: await this.repo.roleCounts(this.db, snapshot.scopeArea),
      months: await this.repo.monthlyChanges(this.db, snapshot.scopeArea, isoDay(oldest)),
      moves: await this.repo.roleMoves(this.db, snapshot.scopeArea, isoDay(yearAgo)),
    }))
    const name = this.roleNames(snapshot)
    const total = data.roles.reduce((n, r) => n + r.count, 0)
    const countOf = new Map(data.roles.map(r => [r.careerRole, r.count]))
    const roles = this.orderedRoles(snapshot, countOf.keys()).map(r => {
      const count = countOf.get(r.value) ?? 0
      return { slug: r.value, name: r.text, count, percent: percentOf(count, total) }
    })

    const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' })
    const quarters = Array.from({ length: 8 }, (_, i) => {
      const start = quarterStart(7 - i)
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 2, 1))
      const months = new Set(
        [0, 1, 2].map(m => isoDay(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1))).slice(0, 7)),
      )
      const sum = (change: string) =>
        data.months.filter(m => months.has(m.month) && m.change === change).reduce((n, m) => n + m.count, 0)
      return {
        label: `${monthName.format(start)} to ${monthName.format(end)} ${end.getUTCFullYear()}`,
        joined: sum('joined'),
        promoted: sum('promotion'),
        changedRole: sum('role change'),
        moved: sum('move'),
      }
    })

    const KIND: Record<string, string> = { joined: 'Joined', promotion: 'Promotion', 'role change': 'Role change' }
    // Rows the query keeps apart (a join after an earlier entry, say) read the same here: add them up.
    const merged = new Map<string, PathwayView['moves'][number]>()
    for (const m of data.moves) {
      if (m.fromRole === m.toRole) continue
      const move = {
        from: m.fromRole === null ? 'Joined the profession' : name(m.fromRole),
        to: name(m.toRole),
        kind: KIND[m.change] ?? m.change,
        count: m.count,
      }
      const key = JSON.stringify([move.from, move.to, move.kind])
      const seen = merged.get(key)
      if (seen) seen.count += move.count
      else merged.set(key, move)
    }
    const moves = [...merged.values()].sort(
      (a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to),
    )

    return { scopeArea: snapshot.scopeArea, total, roles, quarters, moves, movesSince: isoDay(yearAgo) }
  }
}
