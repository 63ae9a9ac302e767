// Finding people through the two lists' pages: /people (leaders, heads of profession and
// administrators) and /admin/people (administrators), each with a search by name or email,
// filters, pages that keep them, and a plain message when nobody matches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  addPersonWithId,
  buildTestApp,
  saveTestProfile,
  setUpInstallation,
  type TestContext,
} from '../../test/build-test-app.ts'
import { insertUser } from '../../test/factories.ts'

const rowNames = (html: string) => {
  const page = $(html)
  return page('[data-testid="people"] tbody tr')
    .map((_, el) => page(el).find('td, th').first().text().replace('(change)', '').trim())
    .get()
}

describe('finding people', () => {
  let ctx: TestContext
  let admin: Agent
  let leader: Agent
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    const add = async (key: string, name: string, role: 'member' | 'leader' = 'member') => {
      const agent = await addPersonWithId(ctx, admin, role, name)
      ids[key] = agent.id
      return agent
    }
    leader = await add('lee', 'Lee Leader', 'leader')
    await add('mo', 'Mo Manager')
    await add('ada', 'Ada Lovelace')
    await add('grace', 'Grace Hopper')
    await add('alan', 'Alan Turing')
    await saveTestProfile(ctx, ids.lee ?? '', { careerRole: 'lead-product-manager' })
    await saveTestProfile(ctx, ids.mo ?? '', { careerRole: 'senior-product-manager' })
    await saveTestProfile(ctx, ids.ada ?? '', { lineManagerId: ids.mo ?? null })
    await saveTestProfile(ctx, ids.grace ?? '', { lineManagerId: ids.mo ?? null, businessArea: 'Tax' })
  })
  afterAll(() => ctx.close())

  it('searches the profession by name or email and keeps the search in the box', async () => {
    const res = await admin.get('/people?q=ADA')
    expect(res.statusCode).toBe(200)
    expect(rowNames(res.body)).toEqual(['Ada Lovelace'])
    const page = $(res.body)
    expect(page('input[name="q"]').val()).toBe('ADA')
    expect(page('a[href="/people"]').text()).toContain('Clear search and filters')
    expect(rowNames((await admin.get('/people?q=grace.hopper%40')).body)).toEqual(['Grace Hopper'])
  })

  it('filters by line manager, offering only people who manage someone', async () => {
    const form = $((await admin.get('/people')).body)
    expect(
      form('select[name="manager"] option')
        .map((_, el) => form(el).text())
        .get(),
    ).toEqual(['Anyone', 'Mo Manager'])
    const res = await admin.get(`/people?manager=${ids.mo ?? ''}&area=Tax`)
    expect(rowNames(res.body)).toEqual(['Grace Hopper'])
    expect($(res.body)(`select[name="manager"] option[value="${ids.mo ?? ''}"]`).attr('selected')).toBeDefined()
  })

  it('says plainly when nobody matches', async () => {
    const res = await admin.get('/people?q=nobody-at-all')
    expect($(res.body)('[data-testid="no-people"]').text()).toContain('Nobody matches your search and filters')
  })

  it("keeps a leader's search within their own business area", async () => {
    expect(rowNames((await leader.get('/people?q=a')).body)).not.toContain('Grace Hopper')
    expect(rowNames((await leader.get('/people?q=ada')).body)).toEqual(['Ada Lovelace'])
  })

  it('searches accounts not yet in the profession', async () => {
    const res = await admin.get('/people?show=accounts&q=turing')
    expect(rowNames(res.body)).toEqual(['Alan Turing'])
    expect($(res.body)('input[name="show"]').val()).toBe('accounts')
  })

  it("searches and filters the administrators' list of accounts", async () => {
    expect(rowNames((await admin.get('/admin/people?q=lovelace')).body)).toEqual(['Ada Lovelace'])
    expect(rowNames((await admin.get('/admin/people?role=leader')).body)).toEqual(['Lee Leader'])
    expect(rowNames((await admin.get(`/admin/people?manager=${ids.mo ?? ''}`)).body)).toEqual([
      'Ada Lovelace',
      'Grace Hopper',
    ])
    expect(rowNames((await admin.get('/admin/people?area=Tax')).body)).toEqual(['Grace Hopper'])
    const none = await admin.get('/admin/people?q=zzz')
    expect($(none.body)('[data-testid="no-people"]').text()).toContain('Nobody matches')
    // An unknown role is ignored rather than refused; over-long input is refused.
    expect(rowNames((await admin.get('/admin/people?role=wizard')).body)).toHaveLength(6)
    expect((await admin.get(`/admin/people?q=${'x'.repeat(201)}`)).statusCode).toBe(400)
    // Only administrators see it.
    expect((await leader.get('/admin/people?q=ada')).statusCode).toBe(403)
  })

  it('keeps the search and filters in the page links', async () => {
    for (let i = 0; i < 55; i++)
      await insertUser(ctx.testDb.db.kysely, {
        name: `Bulk Person ${String(i).padStart(2, '0')}`,
        email: `bulk.${i}@example.gov.uk`,
        role: 'member',
      })
    const firstRes = await admin.get('/admin/people?q=bulk&role=member')
    const first = $(firstRes.body)
    const next = first('.govuk-pagination__next a').attr('href') ?? ''
    expect(next).toBe('/admin/people?q=bulk&role=member&page=2')
    const second = await admin.get(next)
    expect(rowNames(second.body).every(name => name.startsWith('Bulk Person'))).toBe(true)
    const accounts = $((await admin.get('/people?show=accounts&q=bulk')).body)
    expect(accounts('.govuk-pagination__next a').attr('href')).toBe('/people?show=accounts&q=bulk&page=2')
  })
})
