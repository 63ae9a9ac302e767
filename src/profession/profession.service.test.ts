import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountsRepository } from '../accounts/accounts.repository.ts'
import { buildTestServices } from '../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import type { Level } from '../framework/framework.bundled.ts'
import type { FrameworkVersion, VersionDocument, VersionSkill } from '../framework/framework.types.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import { PeopleRepository } from '../people/people.repository.ts'
import type { ProfileChanges } from '../people/people.types.ts'
import type { Role } from '../platform/auth/roles.ts'
import { ForbiddenError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import { parseCapabilityQuery } from './profession.schemas.ts'
import { markerFor, type ProfessionService } from './profession.service.ts'

const AT = '2026-11-24T10:00:00.000Z'

const skill = (slug: string, name: string, group: 'core' | 'leadership', retired = false): VersionSkill => ({
  slug,
  name,
  group,
  gist: `About ${name}.`,
  descriptors: { awareness: 'a', working: 'w', practitioner: 'p', expert: 'e' },
  ...(retired ? { retired } : {}),
})

/** A small framework: three roles, three skills (one leadership, not expected of juniors), one retired skill. */
const DOCUMENT: VersionDocument = {
  key: 'test',
  name: 'Test framework',
  source: '',
  licence: '',
  roles: [
    { slug: 'associate-product-manager', name: 'Associate product manager', shapes: ['enterprise'], summary: '' },
    { slug: 'product-manager', name: 'Product manager', shapes: ['enterprise'], summary: '' },
    { slug: 'senior-product-manager', name: 'Senior product manager', shapes: ['enterprise'], summary: '' },
  ],
  skills: [
    skill('agile', 'Agile', 'core'),
    skill('legacy', 'Legacy skill', 'core', true),
    skill('coaching', 'Coaching', 'leadership'),
    skill('strategy', 'Strategy', 'core'),
  ],
  expectations: {
    'associate-product-manager': { agile: 'working', strategy: 'awareness', coaching: null },
    'product-manager': { agile: 'practitioner', strategy: 'working', coaching: null },
    'senior-product-manager': { agile: 'practitioner', strategy: 'practitioner', coaching: 'working' },
  },
}

const q = (query: Record<string, string> = {}) => parseCapabilityQuery(query)

describe('levels against expectation', () => {
  it('says Below, Meets or Above against the expected level, and when there is nothing to compare', () => {
    expect(markerFor('working', 'practitioner')).toBe('below')
    expect(markerFor('practitioner', 'practitioner')).toBe('meets')
    expect(markerFor('expert', 'practitioner')).toBe('above')
    expect(markerFor(null, 'practitioner')).toBe('none')
    expect(markerFor(null, null)).toBe('none')
    expect(markerFor('working', null)).toBe('not-expected')
  })
})

describe.each(DIALECTS)('profession service on %s', dialect => {
  let testDb: TestDb
  const db = () => testDb.db.kysely
  const clock = { now: new Date(AT) }
  const people = new PeopleRepository()
  const ids: Record<string, string> = {}
  let version: FrameworkVersion
  let service: ProfessionService

  const viewer = (o: { role?: Role; area?: string | null; head?: boolean } = {}): Viewer => ({
    user: { id: newId(), name: 'Viewer', email: 'viewer@example.gov.uk', role: o.role ?? 'leader' },
    businessArea: o.area ?? null,
    headOfProfession: o.head ?? false,
    hasProfile: false,
    lineManagerId: null,
    managesSomeone: false,
    group: null,
    careerRole: null,
  })
  const head = () => viewer({ role: 'member', head: true })

  async function person(key: string, name: string, changes: Partial<ProfileChanges>): Promise<string> {
    const user = await insertUser(db(), { name, email: `${key}@example.gov.uk` })
    await people.insertProfile(
      db(),
      user.id,
      {
        careerRole: 'product-manager',
        lineManagerId: null,
        associateOfId: null,
        businessArea: 'Benefits',
        group: 'Claims',
        dateIntoRole: '2025-01-01',
        headOfProfession: false,
        oneToOneCadenceDays: 28,
        ...changes,
      },
      AT,
    )
    ids[key] = user.id
    return user.id
  }

  async function agree(key: string, agreedAt: string, levels: Record<string, Level>): Promise<void> {
    const id = newId()
    await db()
      .insertInto('checkins')
      .values({
        id,
        person_id: ids[key] ?? '',
        framework_version_id: version.id,
        role_slug: 'product-manager',
        kind: 'check-in',
        status: 'agreed',
        manager_id: null,
        created_at: agreedAt,
        submitted_at: agreedAt,
        reviewed_at: agreedAt,
        agreed_at: agreedAt,
        agreed_note: 'Private note',
        carried_from_id: null,
        version: 1,
      })
      .execute()
    await db()
      .insertInto('checkin_ratings')
      .values(
        Object.entries(levels).map(([skillSlug, level]) => ({
          checkin_id: id,
          skill_slug: skillSlug,
          self_level: level,
          self_evidence: 'Private evidence',
          manager_level: level,
          manager_note: '',
          agreed_level: level,
          agreed_note: '',
        })),
      )
      .execute()
  }

  beforeAll(async () => {
    // No organisation: the framework's current version is the one written below, for the
    // enterprise shape (the pathway shape of an installation not set up yet).
    const built = await buildTestServices({ dialect, clock: () => clock.now })
    testDb = built.testDb
    service = built.services.profession
    version = {
      id: newId(),
      number: 1,
      name: DOCUMENT.name,
      status: 'current',
      note: '',
      createdAt: AT,
      createdBy: null,
      createdByName: 'Valuekit',
      approvedByName: null,
      document: DOCUMENT,
    }
    await db()
      .insertInto('framework_versions')
      .values({
        id: version.id,
        number: 1,
        name: version.name,
        document: JSON.stringify(DOCUMENT),
        status: 'current',
        note: '',
        created_at: AT,
        created_by: null,
        created_by_name: 'Valuekit',
        approved_by_name: null,
      })
      .execute()

    const mo = await person('mo', 'Mo Manager', { careerRole: 'senior-product-manager', group: 'Payments' })
    await person('pat', 'Pat Product', { lineManagerId: mo })
    await person('ali', 'Ali Associate', {
      careerRole: 'associate-product-manager',
      group: 'Payments',
      lineManagerId: mo,
    })
    await person('sam', 'Sam Someone', {})
    await person('tess', '=HYPERLINK("x"), Tess', { businessArea: 'Tax', group: 'Returns' })
    await agree('mo', '2026-10-01T09:00:00.000Z', { agile: 'expert', strategy: 'practitioner', coaching: 'awareness' })
    await agree('pat', '2026-09-01T09:00:00.000Z', { agile: 'working', strategy: 'working', coaching: 'working' })
    await agree('ali', '2026-03-01T09:00:00.000Z', { agile: 'working', strategy: 'working' })
    await agree('tess', '2026-10-10T09:00:00.000Z', { agile: 'practitioner' })
  })
  afterAll(() => testDb.destroy())

  it('refuses anyone who is neither a leader nor a head of profession', async () => {
    await expect(service.snapshot(viewer({ role: 'member' }))).rejects.toBeInstanceOf(ForbiddenError)
    await expect(service.snapshot(viewer({ role: 'administrator' }))).rejects.toBeInstanceOf(ForbiddenError)
    await expect(service.snapshot(null)).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('shows a head of profession everyone: counts, active skills only, and the heatmap against expectation', async () => {
    const view = await service.capability(await service.snapshot(head()), q())
    expect(view.scopeArea).toBeNull()
    expect(view.summary).toEqual({ people: 5, assessed: 4, overdue: 2 })
    // Core skills first, in document order; the retired skill is left out.
    expect(view.skills.map(s => s.slug)).toEqual(['agile', 'strategy', 'coaching'])
    const row = (name: string) => view.heatmap.rows.find(r => r.name === name)
    expect(row('Pat Product')?.roleName).toBe('Product manager')
    expect(row('Pat Product')?.cells.map(c => [c.levelName, c.markerText])).toEqual([
      ['Working', 'Below'],
      ['Working', 'Meets'],
      ['Working', 'Not expected'],
    ])
    expect(row('Mo Manager')?.cells.map(c => c.markerText)).toEqual(['Above', 'Meets', 'Below'])
    expect(row('Ali Associate')?.cells.map(c => c.markerText)).toEqual(['Meets', 'Above', 'No assessment'])
    expect(row('Sam Someone')?.cells.map(c => [c.level, c.markerText])).toEqual([
      [null, 'No assessment'],
      [null, 'No assessment'],
      [null, 'No assessment'],
    ])
    expect(view.heatmap).toMatchObject({ page: 1, pages: 1, from: 1, to: 5 })
  })

  it('spreads each skill over the levels, counting everyone without an agreed level as no assessment', async () => {
    const view = await service.capability(await service.snapshot(head()), q())
    const spread = Object.fromEntries(
      view.distribution.map(d => [d.skill.slug, [...d.counts.map(c => c.count), d.unassessed]]),
    )
    expect(spread).toEqual({
      // awareness, working, practitioner, expert, no assessment
      agile: [0, 2, 1, 1, 1],
      strategy: [0, 2, 1, 0, 2],
      coaching: [1, 1, 0, 0, 3],
    })
    expect(view.distribution[0]?.counts[1]).toMatchObject({ name: 'Working', percent: 40 })
  })

  it('gives the share of each role at or above expectation, out of those assessed', async () => {
    const view = await service.capability(await service.snapshot(head()), q())
    const shares = Object.fromEntries(
      view.shares.map(r => [r.role.value, [r.people, ...r.cells.map(c => (c.expected ? c.percent : 'not expected'))]]),
    )
    expect(view.shares.map(r => r.role.value)).toEqual([
      'associate-product-manager',
      'product-manager',
      'senior-product-manager',
    ])
    expect(shares).toEqual({
      'associate-product-manager': [1, 100, 100, 'not expected'],
      // Pat below, Tess meets (Sam has no assessment); strategy: Pat meets (Tess not assessed).
      'product-manager': [3, 50, 100, 'not expected'],
      'senior-product-manager': [1, 100, 100, 0],
    })
    const pmAgile = view.shares[1]?.cells[0]
    expect(pmAgile).toMatchObject({ assessed: 2, atOrAbove: 1, expectedName: 'Practitioner' })
  })

  it('lists overdue check-ins by the test clock, and more as time passes', async () => {
    const view = await service.capability(await service.snapshot(head()), q())
    expect(view.overdue.rows.map(o => [o.name, o.lastAgreedAt, o.lineManagerName])).toEqual([
      ['Sam Someone', null, null],
      ['Ali Associate', '2026-03-01T09:00:00.000Z', 'Mo Manager'],
    ])
    clock.now = new Date('2027-03-15T10:00:00.000Z')
    try {
      const later = await service.capability(await service.snapshot(head()), q())
      // Pat (September) is now more than 182 days ago; Mo (October) and Tess (October) are not.
      expect(later.overdue.rows.map(o => o.name)).toEqual(['Sam Someone', 'Ali Associate', 'Pat Product'])
      expect(later.summary.overdue).toBe(3)
    } finally {
      clock.now = new Date(AT)
    }
  })

  it('counts a check-in overdue from the UK day 182 days after it was agreed, and keeps its figures for the day', async () => {
    // Ali's last check-in was agreed on 1 March 2026; 182 days later is 30 August 2026. In August
    // the UK is an hour ahead of UTC, so 30 August starts at 23:00 UTC on 29 August.
    const at = async (time: string) => {
      clock.now = new Date(time)
      const snapshot = await service.snapshot(head())
      const view = await service.capability(snapshot, q())
      return { key: snapshot.key, overdue: view.overdue.rows.map(o => o.name) }
    }
    try {
      // 29 August: the cut-off date is 28 February, the day before Ali's check-in.
      const dayBefore = await at('2026-08-29T22:59:59.000Z')
      expect(dayBefore.overdue).toEqual(['Sam Someone'])
      // Just after midnight on 30 August: the cut-off date is 1 March, the day of Ali's check-in.
      const onTheDay = await at('2026-08-29T23:00:30.000Z')
      expect(onTheDay.overdue).toEqual(['Sam Someone', 'Ali Associate'])
      expect(onTheDay.key).not.toBe(dayBefore.key)
      // The same figures, under the same key, all day.
      const lateOnTheDay = await at('2026-08-30T22:59:00.000Z')
      expect(lateOnTheDay).toEqual(onTheDay)
      // 31 August: the cut-off date, 2 March, is after Ali's check-in.
      expect((await at('2026-08-31T12:00:00.000Z')).overdue).toEqual(['Sam Someone', 'Ali Associate'])
    } finally {
      clock.now = new Date(AT)
    }
  })

  it('shows a leader their own business area only, whatever area they ask for', async () => {
    const leader = viewer({ area: 'Benefits' })
    const view = await service.capability(await service.snapshot(leader), q({ area: 'Tax' }))
    expect(view.scopeArea).toBe('Benefits')
    expect(view.summary).toEqual({ people: 4, assessed: 3, overdue: 2 })
    expect(view.heatmap.rows.map(r => r.name)).not.toContain('=HYPERLINK("x"), Tess')
    expect(view.choices.areas).toEqual([])
    expect(view.choices.groups).toEqual(['Claims', 'Payments'])
    expect(view.filters.area).toBeNull()
    const nowhere = await service.capability(await service.snapshot(viewer({ area: null })), q())
    expect(nowhere.summary).toEqual({ people: 0, assessed: 0, overdue: 0 })
    expect(nowhere.heatmap.rows).toEqual([])
  })

  it('filters by role, area and group, ignoring values that are not among the choices', async () => {
    const snapshot = await service.snapshot(head())
    const pms = await service.capability(snapshot, q({ role: 'product-manager' }))
    expect(pms.summary.people).toBe(3)
    expect(pms.shares.map(s => s.role.value)).toEqual(['product-manager'])
    const tax = await service.capability(snapshot, q({ area: 'Tax', group: 'Claims' }))
    // Claims is not a group of Tax, so it is ignored.
    expect(tax.filters).toEqual({ role: null, area: 'Tax', group: null })
    expect(tax.summary.people).toBe(1)
    expect(tax.choices.groups).toEqual(['Returns'])
    const payments = await service.capability(snapshot, q({ area: 'Benefits', group: 'Payments' }))
    expect(payments.heatmap.rows.map(r => r.name)).toEqual(['Ali Associate', 'Mo Manager'])
    const unknown = await service.capability(snapshot, q({ role: 'astronaut', area: 'Nowhere' }))
    expect(unknown.filters).toEqual({ role: null, area: null, group: null })
    expect(unknown.filtered).toBe(false)
    expect(unknown.summary.people).toBe(5)
  })

  it('writes the CSV of everyone shown, quoted and safe to open in a spreadsheet, and records the download', async () => {
    const snapshot = await service.snapshot(head())
    const actor = { id: null, name: 'Hana Head' }
    const csv = await service.capabilityCsv(actor, snapshot, q())
    expect(csv.filename).toBe('profession-capability-2026-11-24.csv')
    expect(csv.people).toBe(5)
    expect(csv.body.startsWith('\uFEFF')).toBe(true)
    const lines = csv.body.slice(1).split('\r\n')
    expect(lines.at(-1)).toBe('')
    expect(lines[0]).toBe(
      'Name,Email,Career role,Business area,Group,Last agreed check-in,Check-in overdue,' +
        'Agile: agreed level,Agile: against expectation,Strategy: agreed level,Strategy: against expectation,' +
        'Coaching: agreed level,Coaching: against expectation',
    )
    expect(lines).toContain(
      'Pat Product,pat@example.gov.uk,Product manager,Benefits,Claims,2026-09-01,No,Working,Below,Working,Meets,Working,Not expected',
    )
    expect(lines).toContain(
      'Sam Someone,sam@example.gov.uk,Product manager,Benefits,Claims,Never,Yes,,No assessment,,No assessment,,No assessment',
    )
    // A name that starts like a formula is defused with an apostrophe, and quoted for its comma and quotes.
    expect(lines).toContain(
      `"'=HYPERLINK(""x""), Tess",tess@example.gov.uk,Product manager,Tax,Returns,2026-10-10,No,Practitioner,Meets,,No assessment,,No assessment`,
    )
    expect(csv.body).not.toContain('Private')

    const leaderCsv = await service.capabilityCsv(actor, await service.snapshot(viewer({ area: 'Tax' })), q())
    expect(leaderCsv.body.slice(1).split('\r\n').filter(Boolean)).toHaveLength(2)

    const events = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'profession.capability-downloaded')
      .orderBy('occurred_at')
      .execute()
    expect(events.map(e => e.summary)).toEqual([
      'Downloaded the capability of 5 people as CSV',
      'Downloaded the capability of 1 person as CSV',
    ])
  })

  it('shows new figures as soon as a check-in is agreed', async () => {
    const before = await service.snapshot(head())
    expect((await service.capability(before, q())).summary.assessed).toBe(4)
    await agree('sam', '2026-11-24T09:00:00.000Z', { agile: 'practitioner' })
    const after = await service.snapshot(head())
    expect(after.key).not.toBe(before.key)
    const view = await service.capability(after, q())
    expect(view.summary).toEqual({ people: 5, assessed: 5, overdue: 1 })
    expect(view.shares[1]?.cells[0]).toMatchObject({ assessed: 3, atOrAbove: 2, percent: 67 })
  })

  it('pages the heatmap 50 people at a time while counting everyone', async () => {
    const extra = Array.from({ length: 52 }, (_, i) => ({
      id: newId(),
      email: `extra.${i}@example.gov.uk`,
      name: `Zed Extra ${String(i).padStart(2, '0')}`,
      role: 'member' as const,
    }))
    await new AccountsRepository().insertInvited(db(), extra, AT)
    await people.insertProfiles(
      db(),
      extra.map(a => ({
        id: a.id,
        changes: {
          careerRole: 'associate-product-manager',
          lineManagerId: null,
          associateOfId: null,
          businessArea: 'Benefits',
          group: 'Claims',
          dateIntoRole: null,
          headOfProfession: false,
          oneToOneCadenceDays: 14,
        },
      })),
      AT,
    )
    const snapshot = await service.snapshot(head())
    const first = await service.capability(snapshot, q())
    expect(first.summary.people).toBe(57)
    expect(first.heatmap).toMatchObject({ page: 1, pages: 2, from: 1, to: 50 })
    expect(first.heatmap.rows).toHaveLength(50)
    expect(first.overdue.total).toBe(53)
    expect(first.overdue.rows).toHaveLength(50)
    const second = await service.capability(snapshot, q({ page: '2' }))
    expect(second.heatmap).toMatchObject({ page: 2, from: 51, to: 57 })
    expect(second.heatmap.rows.map(r => r.name)).toEqual([
      'Zed Extra 45',
      'Zed Extra 46',
      'Zed Extra 47',
      'Zed Extra 48',
      'Zed Extra 49',
      'Zed Extra 50',
      'Zed Extra 51',
    ])
    // Past the last page: the last page.
    expect((await service.capability(snapshot, q({ page: '9' }))).heatmap.page).toBe(2)
    expect((await service.capability(snapshot, q({ page: 'x' }))).heatmap.page).toBe(1)
  })

  describe('roles and movement', () => {
    beforeAll(async () => {
      const entry = (key: string, change: string, role: string, fromDate: string, area = 'Benefits') => ({
        id: newId(),
        personId: ids[key] ?? '',
        careerRole: role,
        businessArea: area,
        group: '',
        lineManagerId: null,
        change,
        fromDate,
        recordedAt: AT,
        recordedByName: 'Valuekit',
      })
      await people.insertHistory(db(), [
        entry('pat', 'joined', 'associate-product-manager', '2024-06-01'),
        entry('pat', 'promotion', 'product-manager', '2026-02-10'),
        entry('ali', 'joined', 'associate-product-manager', '2026-10-01'),
        entry('mo', 'joined', 'product-manager', '2025-01-15'),
        entry('mo', 'move', 'product-manager', '2025-05-01'),
        entry('mo', 'promotion', 'senior-product-manager', '2025-12-01'),
        entry('tess', 'joined', 'product-manager', '2026-01-05', 'Tax'),
        // Sam has an entry before joining (joined again, say): still a join, counted with the others.
        entry('sam', 'move', 'product-manager', '2026-03-01'),
        entry('sam', 'joined', 'product-manager', '2026-03-02'),
      ])
    })

    it('counts people in each role in pathway order, and changes in each of the last 8 quarters', async () => {
      const view = await service.pathway(await service.snapshot(head()))
      expect(view.total).toBe(57)
      expect(view.roles.map(r => [r.name, r.count])).toEqual([
        ['Associate product manager', 53],
        ['Product manager', 3],
        ['Senior product manager', 1],
      ])
      expect(view.quarters.map(q => q.label)).toEqual([
        'January to March 2025',
        'April to June 2025',
        'July to September 2025',
        'October to December 2025',
        'January to March 2026',
        'April to June 2026',
        'July to September 2026',
        'October to December 2026',
      ])
      expect(view.quarters.map(q => [q.joined, q.promoted, q.changedRole, q.moved])).toEqual([
        [1, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 0, 0, 0],
        [0, 1, 0, 0],
        [2, 1, 0, 1],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [1, 0, 0, 0],
      ])
    })

    it('shows movement between roles in the last 12 months, and a leader only their area', async () => {
      const view = await service.pathway(await service.snapshot(head()))
      expect(view.movesSince).toBe('2025-11-24')
      expect(view.moves).toEqual([
        { from: 'Joined the profession', to: 'Product manager', kind: 'Joined', count: 2 },
        { from: 'Associate product manager', to: 'Product manager', kind: 'Promotion', count: 1 },
        { from: 'Joined the profession', to: 'Associate product manager', kind: 'Joined', count: 1 },
        { from: 'Product manager', to: 'Senior product manager', kind: 'Promotion', count: 1 },
      ])
      const tax = await service.pathway(await service.snapshot(viewer({ area: 'Tax' })))
      expect(tax.total).toBe(1)
      expect(tax.moves).toEqual([{ from: 'Joined the profession', to: 'Product manager', kind: 'Joined', count: 1 }])
    })
  })
})
