// The profession views through their pages: who may see them and how much of the profession,
// the heatmap and its markers, the filters, paging, the CSV download and roles and movement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AccountsRepository } from '../accounts/accounts.repository.ts'
import {
  $,
  Agent,
  addPersonWithId,
  buildTestApp,
  setUpInstallation,
  type TestContext,
} from '../../test/build-test-app.ts'
import type { Level } from '../framework/framework.bundled.ts'
import { PeopleRepository } from '../people/people.repository.ts'
import type { ProfileChanges } from '../people/people.types.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import { newId } from '../platform/ids.ts'

type Named = Agent & { name: string; email: string; id: string }

const cells = (html: string, name: string) => {
  const page = $(html)
  const row = page('[data-testid="heatmap"] tbody tr').filter((_, tr) => page(tr).find('th').text().includes(name))
  return row
    .find('td')
    .map((_, td) => page(td).text().replace(/\s+/g, ' ').trim())
    .get()
}
const heatmapNames = (html: string) => {
  const page = $(html)
  return page('[data-testid="heatmap"] tbody th a')
    .map((_, a) => page(a).text())
    .get()
}

describe('profession views', () => {
  let ctx: TestContext
  let admin: Agent
  let member: Named
  let leader: Named
  let taxLeader: Named
  let head: Named
  let pat: Named
  let ali: Named
  let tess: Named
  let versionId: string

  async function agree(personId: string, agreedAt: string, levels: Record<string, Level>): Promise<void> {
    const db = ctx.testDb.db.kysely
    const id = newId()
    await db
      .insertInto('checkins')
      .values({
        id,
        person_id: personId,
        framework_version_id: versionId,
        role_slug: 'product-manager',
        kind: 'check-in',
        status: 'agreed',
        manager_id: null,
        created_at: agreedAt,
        submitted_at: agreedAt,
        reviewed_at: agreedAt,
        agreed_at: agreedAt,
        agreed_note: '',
        carried_from_id: null,
        version: 1,
      })
      .execute()
    await db
      .insertInto('checkin_ratings')
      .values(
        Object.entries(levels).map(([skill, level]) => ({
          checkin_id: id,
          skill_slug: skill,
          self_level: level,
          self_evidence: '',
          manager_level: level,
          manager_note: '',
          agreed_level: level,
          agreed_note: '',
        })),
      )
      .execute()
  }

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    const { people, framework } = ctx.app.services
    const add = async (role: 'member' | 'leader', name: string, profile: Partial<ProfileChanges> | null) => {
      const agent = await addPersonWithId(ctx, admin, role, name)
      if (profile)
        await people.saveProfile(
          SYSTEM_ACTOR,
          agent.id,
          {
            careerRole: 'product-manager',
            lineManagerId: null,
            associateOfId: null,
            businessArea: 'Benefits',
            group: 'Claims',
            dateIntoRole: '2025-01-01',
            headOfProfession: false,
            oneToOneCadenceDays: 28,
            ...profile,
          },
          0,
        )
      return agent
    }
    member = await add('member', 'Mia Member', {})
    leader = await add('leader', 'Lee Leader', { careerRole: 'lead-product-manager', group: 'Leadership' })
    taxLeader = await add('leader', 'Tia Tax', {
      careerRole: 'lead-product-manager',
      businessArea: 'Tax',
      group: 'Returns',
    })
    head = await add('member', 'Hope Head', {
      careerRole: 'head-of-product',
      businessArea: '',
      group: '',
      headOfProfession: true,
    })
    pat = await add('member', 'Pat <script>alert(1)</script>', { lineManagerId: leader.id })
    ali = await add('member', 'Ali Associate', { careerRole: 'associate-product-manager', group: 'Payments' })
    tess = await add('member', 'Tess Returns', { businessArea: 'Tax', group: 'Returns' })
    versionId = (await framework.current()).id
    // Product managers are expected to be practitioners in agile and lean practices.
    await agree(pat.id, '2026-09-01T09:00:00.000Z', {
      'agile-and-lean-practices': 'working',
      'product-management': 'practitioner',
    })
    await agree(ali.id, '2026-01-15T09:00:00.000Z', { 'agile-and-lean-practices': 'expert' })
    await agree(tess.id, '2026-10-01T09:00:00.000Z', { 'agile-and-lean-practices': 'practitioner' })
  })
  afterAll(() => ctx.close())

  it('is for leaders and heads of profession only', async () => {
    for (const path of ['/profession/capability', '/profession/capability.csv', '/profession/pathway']) {
      expect((await member.get(path)).statusCode, path).toBe(403)
      expect((await admin.get(path)).statusCode, path).toBe(403)
      expect((await leader.get(path)).statusCode, path).toBe(200)
      expect((await head.get(path)).statusCode, path).toBe(200)
      const anonymous = await new Agent(ctx.app).get(path)
      expect(anonymous.statusCode).toBe(303)
      expect(anonymous.headers.location).toMatch(/^\/sign-in\?returnTo=/)
    }
    const refused = await member.get('/profession/capability')
    expect(refused.body).not.toContain('Ali Associate')
  })

  it('shows a head of profession every business area, with levels against expectation in words', async () => {
    const res = await head.get('/profession/capability')
    const page = $(res.body)
    expect(page('h1').text()).toBe('Capability of the profession')
    expect(page('[data-testid="scope"]').text()).toBe('All business areas')
    expect(heatmapNames(res.body)).toEqual(
      expect.arrayContaining(['Ali Associate', 'Tess Returns', 'Pat <script>alert(1)</script>']),
    )
    expect(res.body).not.toContain('<script>alert(1)</script>')
    // Columns: the nine skills of the 2025 framework, agile and lean practices first.
    expect(page('[data-testid="heatmap"] thead th').eq(1).text()).toBe('Agile and Lean practices')
    expect(cells(res.body, 'Pat')[0]).toBe('Working Below')
    expect(cells(res.body, 'Tess Returns')[0]).toBe('Practitioner Meets')
    expect(cells(res.body, 'Ali Associate')[0]).toBe('Expert Above')
    expect(cells(res.body, 'Mia Member')[0]).toBe('No assessment')
    // Colour is an extra signal only: a tag class per marker, with the marker's words inside.
    expect(page('[data-testid="heatmap"] td.app-heatmap__cell--below .govuk-tag--orange').first().text()).toBe('Below')
    const link = page('[data-testid="heatmap"] a').filter((_, a) => page(a).text() === 'Ali Associate')
    expect(link.attr('href')).toBe(`/people/${ali.id}/pathway`)
    expect(
      page('select#area option')
        .map((_, o) => page(o).text())
        .get(),
    ).toEqual(['All business areas', 'Benefits', 'Tax'])
    const summary = page('[data-testid="summary"] .govuk-summary-list__value')
      .map((_, v) => page(v).text().trim())
      .get()
    // Seven people in the profession (head and leaders included); three assessed; Ali's is overdue.
    expect(summary).toEqual(['7', '3 (43%)', '5'])
  })

  it('shows a leader their own business area only, even when asked for another', async () => {
    const res = await leader.get('/profession/capability?area=Tax')
    const page = $(res.body)
    expect(page('[data-testid="scope"]').text()).toBe('Benefits')
    expect(page('select#area').length).toBe(0)
    const names = heatmapNames(res.body)
    expect(names).toContain('Ali Associate')
    expect(names).not.toContain('Tess Returns')
    expect(res.body).not.toContain('Tess Returns')
    const tax = await taxLeader.get('/profession/capability')
    expect(heatmapNames(tax.body)).toEqual(['Tess Returns', 'Tia Tax'])
  })

  it('filters by role and group with a GET form that keeps what was chosen', async () => {
    const res = await head.get('/profession/capability?role=associate-product-manager&area=Benefits')
    const page = $(res.body)
    expect(heatmapNames(res.body)).toEqual(['Ali Associate'])
    expect(page('select#role option[selected]').val()).toBe('associate-product-manager')
    expect(page('select#area option[selected]').val()).toBe('Benefits')
    expect(page('form[data-testid="filters"]').attr('method')).toBe('get')
    expect(page('a[href="/profession/capability"]').text()).toContain('Clear filters')
    expect(page('[data-testid="csv-link"]').attr('href')).toBe(
      '/profession/capability.csv?role=associate-product-manager&area=Benefits',
    )
    const group = await head.get('/profession/capability?group=Returns')
    expect(heatmapNames(group.body)).toEqual(['Tess Returns', 'Tia Tax'])
  })

  it('shows the spread of levels, the share at or above expectation and overdue check-ins', async () => {
    const res = await head.get('/profession/capability?role=product-manager')
    const page = $(res.body)
    const agile = page('[data-testid="distribution"] tbody tr')
      .first()
      .find('td')
      .map((_, td) => page(td).text().replace(/\s+/g, ' ').trim())
      .get()
    // Mia, Pat, Tess: Pat working, Tess practitioner, Mia not assessed.
    expect(agile).toEqual(['0 (0%)', '1 (33%)', '1 (33%)', '0 (0%)', '1 (33%)'])
    const share = page('[data-testid="shares"] tbody tr').first().find('td').first().text().replace(/\s+/g, ' ').trim()
    expect(share).toBe('50% (1 of 2 at Practitioner or above)')
    const overdue = page('[data-testid="overdue"] tbody tr')
      .map((_, tr) => [
        page(tr)
          .find('th, td')
          .map((_, cell) => page(cell).text())
          .get(),
      ])
      .get()
    expect(overdue).toEqual([['Mia Member', 'Product manager', 'Never', 'None']])
    const everyone = await head.get('/profession/capability')
    expect($(everyone.body)('[data-testid="overdue"] tbody tr').text()).toContain('15 January 2026')
  })

  it('downloads what is shown as CSV, as an attachment that is never cached', async () => {
    const res = await leader.get('/profession/capability.csv?role=product-manager')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toBe('attachment; filename="profession-capability-2026-11-24.csv"')
    expect(res.headers['cache-control']).toBe('no-store')
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
    expect(lines[0]).toMatch(/^Name,Email,Career role,Business area,Group,Last agreed check-in,Check-in overdue,/)
    expect(lines).toHaveLength(3)
    expect(lines.find(l => l.startsWith('Pat'))).toMatch(
      /^Pat <script>alert\(1\)<\/script>,[^,]+@example\.gov\.uk,Product manager,Benefits,Claims,2026-09-01,No,Working,Below,/,
    )
    expect(res.body).not.toContain('Tess Returns')
  })

  it('pages the heatmap 50 at a time and keeps the filters in the page links', async () => {
    const repo = new PeopleRepository()
    const db = ctx.testDb.db.kysely
    const extra = Array.from({ length: 55 }, (_, i) => ({
      id: newId(),
      email: `zoe.${i}@example.gov.uk`,
      name: `Zoe Extra ${String(i).padStart(2, '0')}`,
      role: 'member' as const,
    }))
    await new AccountsRepository().insertInvited(db, extra, '2026-11-24T10:00:00.000Z')
    await repo.insertProfiles(
      db,
      extra.map(a => ({
        id: a.id,
        changes: {
          careerRole: 'associate-product-manager',
          lineManagerId: null,
          associateOfId: null,
          businessArea: 'Benefits',
          group: 'Payments',
          dateIntoRole: null,
          headOfProfession: false,
          oneToOneCadenceDays: 14,
        },
      })),
      '2026-11-24T10:00:00.000Z',
    )
    const first = await head.get('/profession/capability?role=associate-product-manager')
    const page = $(first.body)
    expect(page('title').text()).toMatch(/^Capability of the profession \(page 1 of 2\)/)
    expect(page('[data-testid="heatmap"] tbody tr').length).toBe(50)
    expect(page('.govuk-pagination__next a').attr('href')).toBe(
      '/profession/capability?role=associate-product-manager&page=2#people',
    )
    const second = await head.get('/profession/capability?role=associate-product-manager&page=2')
    expect($(second.body)('[data-testid="heatmap"] tbody tr').length).toBe(6)
    expect($(second.body)('[data-testid="heatmap-caption"], #heatmap-caption').text()).toBe(
      'People 51 to 56 of 56, by name',
    )
    // The download has everyone, not one page.
    const csv = await head.get('/profession/capability.csv?role=associate-product-manager')
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(57)
  })

  it('refuses a filter too long to be one', async () => {
    expect((await head.get(`/profession/capability?role=${'x'.repeat(101)}`)).statusCode).toBe(400)
    expect((await head.get('/profession/capability?page=abc')).statusCode).toBe(200)
  })

  it('shows roles and movement: people in each role as a chart with a table, and changes by quarter', async () => {
    const res = await head.get('/profession/pathway')
    const page = $(res.body)
    expect(page('h1').text()).toBe('Roles and movement')
    const chart = page('svg[data-testid="roles-chart"]')
    expect(chart.attr('role')).toBe('img')
    expect(chart.attr('aria-labelledby')).toBe('roles-chart-title roles-chart-desc')
    expect(chart.find('desc').text()).toContain('Associate product manager: 56')
    const roles = page('[data-testid="roles"] tbody tr')
      .map((_, tr) => page(tr).text().replace(/\s+/g, ' ').trim())
      .get()
    expect(roles[0]).toBe('Associate product manager 56 90%')
    expect(page('[data-testid="quarters"] tbody tr').length).toBe(8)
    // Everyone here joined when their profile was saved (their date into role, early 2025).
    expect(page('[data-testid="quarters"] tbody tr').first().text()).toContain('January to March 2025')
    const leaderView = await leader.get('/profession/pathway')
    expect($(leaderView.body)('[data-testid="scope"]').text()).toBe('Benefits')
    expect($(leaderView.body)('[data-testid="roles"] caption').text()).toContain('people in the profession')
  })
})

describe('the capability view filtered to one role', () => {
  let ctx: TestContext

  beforeAll(async () => {
    ctx = await buildTestApp()
  })
  afterAll(() => ctx.close())

  it('shows only the skills that role is expected to have', async () => {
    const admin = await setUpInstallation(ctx, { leadership: 'yes' })
    const head = await addPersonWithId(ctx, admin, 'leader', 'Hana Head')
    await ctx.app.services.people.saveProfile(
      SYSTEM_ACTOR,
      head.id,
      {
        careerRole: 'head-of-product',
        lineManagerId: null,
        associateOfId: null,
        businessArea: 'Digital',
        group: '',
        dateIntoRole: null,
        headOfProfession: true,
        oneToOneCadenceDays: 28,
      },
      0,
    )
    const columns = async (query: string) => {
      const page = $((await head.get(`/profession/capability${query}`)).body)
      return page('[data-testid="heatmap"] thead th')
        .map((_, th) => page(th).text().trim())
        .get()
        .slice(1)
    }
    const doc = (await ctx.app.services.framework.current()).document
    const leadership = doc.skills.filter(s => s.group === 'leadership').map(s => s.name)
    expect(leadership.length).toBeGreaterThan(0)
    const everyone = await columns('')
    for (const name of leadership) expect(everyone).toContain(name)
    const expectedOfPm = doc.skills
      .filter(s => !s.retired && (doc.expectations['product-manager']?.[s.slug] ?? null) !== null)
      .map(s => s.name)
    // A product manager is not expected to have the leadership capabilities.
    const pat = await addPersonWithId(ctx, admin, 'member', 'Pat Person')
    await ctx.app.services.people.saveProfile(
      SYSTEM_ACTOR,
      pat.id,
      {
        careerRole: 'product-manager',
        lineManagerId: head.id,
        associateOfId: null,
        businessArea: 'Digital',
        group: '',
        dateIntoRole: null,
        headOfProfession: false,
        oneToOneCadenceDays: 28,
      },
      0,
    )
    expect(new Set(await columns('?role=product-manager'))).toEqual(new Set(expectedOfPm))
    for (const name of leadership) expect(expectedOfPm).not.toContain(name)
  })
})
