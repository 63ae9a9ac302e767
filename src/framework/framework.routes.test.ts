import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  $,
  Agent,
  addPerson,
  addPersonWithId,
  buildTestApp,
  formFields,
  saveTestProfile,
  setUpInstallation,
  type TestContext,
} from '../../test/build-test-app.ts'
import { newId } from '../platform/ids.ts'
import type { Level } from './framework.bundled.ts'

type Named = Agent & { name: string; email: string }

/** Makes an account a head of profession, as the people pages will. */
async function makeHeadOfProfession(ctx: TestContext, email: string): Promise<string> {
  const account = (await ctx.app.services.accounts.list()).find(p => p.email === email)
  if (!account) throw new Error(`No account for ${email}`)
  await ctx.app.services.people.saveProfile(
    { id: null, name: 'Test set-up' },
    account.id,
    {
      careerRole: 'head-of-product',
      lineManagerId: null,
      associateOfId: null,
      businessArea: '',
      group: '',
      dateIntoRole: null,
      headOfProfession: true,
      oneToOneCadenceDays: 28,
    },
    0,
  )
  return account.id
}

const errorLinks = (html: string) =>
  $(html)('.govuk-error-summary a')
    .map((_, a) => $(html)(a).attr('href'))
    .get()

describe('framework pages', () => {
  let ctx: TestContext
  let admin: Agent
  let member: Named
  let head: Named
  let otherHead: Named

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    member = await addPerson(ctx, admin, 'member', 'Mia Member')
    head = await addPerson(ctx, admin, 'member', 'Hana Head')
    otherHead = await addPerson(ctx, admin, 'leader', 'Hugo Head')
    await makeHeadOfProfession(ctx, head.email)
    await makeHeadOfProfession(ctx, otherHead.email)
  })
  afterAll(() => ctx.close())

  it('shows everyone signed in the current framework: roles across, skills down, levels explained', async () => {
    const res = await member.get('/framework')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('h1').text()).toBe('Capability framework')
    const table = page('[data-testid="expected-levels"]').first()
    expect(
      table
        .find('thead th')
        .map((_, th) => page(th).text())
        .get(),
    ).toEqual([
      'Skill',
      'Associate product manager',
      'Product manager',
      'Senior product manager',
      'Lead product manager',
      'Head of product',
    ])
    const row = table.find('tbody tr').filter((_, tr) => page(tr).find('th').text() === 'Product management')
    expect(
      row
        .find('td')
        .map((_, td) => page(td).text())
        .get(),
    ).toEqual(['Working', 'Practitioner', 'Expert', 'Expert', 'Expert'])
    expect(row.find('a').attr('href')).toBe('/framework/skills/product-management')
    expect(page('#levels + p + dl .govuk-summary-list__key').length).toBe(4)
    expect(page('a[href="/framework/proposals/new"]').length).toBe(0)
    expect(page('a[href="/framework/migrate"]').length).toBe(0)

    const forHead = $((await head.get('/framework')).body)
    expect(forHead('a[href="/framework/proposals/new"]').length).toBe(1)
    expect($((await admin.get('/framework')).body)('a[href="/framework/migrate"]').length).toBe(1)
  })

  it('shows a skill with what each level looks like and the level each role expects', async () => {
    const res = await member.get('/framework/skills/strategic-ownership')
    expect(res.statusCode).toBe(200)
    const page = $(res.body)
    expect(page('h1').text()).toBe('Strategic ownership')
    expect(page('h3[id^="level-"]').length).toBe(4)
    expect(
      page('[data-testid="skill-expectations"] tbody td')
        .map((_, td) => page(td).text())
        .get(),
    ).toEqual(['Awareness', 'Working', 'Practitioner', 'Expert', 'Expert'])
    expect(page('a[href^="/framework/proposals/new/"]').length).toBe(0)
    const forHead = $((await head.get('/framework/skills/strategic-ownership')).body)
    expect(
      forHead('a[href="/framework/proposals/new/descriptor?skill=strategic-ownership&level=working"]').length,
    ).toBe(1)
    expect((await member.get('/framework/skills/no-such-skill')).statusCode).toBe(404)
  })

  it('lets only heads of profession propose changes', async () => {
    for (const agent of [member, admin]) {
      expect((await agent.get('/framework/proposals/new')).statusCode).toBe(403)
      expect((await agent.get('/framework/proposals/new/descriptor')).statusCode).toBe(403)
      const res = await agent.post('/framework/proposals/new/retire-skill', {
        _csrf: await agent.token(),
        skill: 'product-leadership',
        reason: 'Not needed',
      })
      expect(res.statusCode).toBe(403)
    }
    expect((await ctx.app.services.framework.proposals()).length).toBe(0)

    const choose = await head.get('/framework/proposals/new')
    expect(choose.statusCode).toBe(200)
    expect($(choose.body)('input[name="kind"]').length).toBe(6)
    const none = await head.get('/framework/proposals/new?chosen=1')
    expect(none.statusCode).toBe(400)
    expect(errorLinks(none.body)).toEqual(['#kind'])
    const chosen = await head.get('/framework/proposals/new?chosen=1&kind=add-role')
    expect(chosen.statusCode).toBe(303)
    expect(chosen.headers.location).toBe('/framework/proposals/new/add-role')
  })

  it('starts a descriptor proposal from the current text, and keeps what was typed when there are errors', async () => {
    const form = await head.get('/framework/proposals/new/descriptor?skill=strategic-ownership&level=working')
    expect(form.statusCode).toBe(200)
    const page = $(form.body)
    expect(page('#skill option[selected]').val()).toBe('strategic-ownership')
    expect(page('input[name="level"][value="working"]').attr('checked')).toBeDefined()
    const current = (await ctx.app.services.framework.current()).document.skills.find(
      s => s.slug === 'strategic-ownership',
    )?.descriptors.working
    expect(page('#text').text()).toBe(current)

    const res = await head.post('/framework/proposals/new/add-skill', {
      _csrf: await head.token(),
      name: 'Product management',
      group: 'core',
      gist: '',
      'descriptors-awareness': 'Knows what it is.',
      'descriptors-working': '',
      'descriptors-practitioner': 'Teaches it.',
      'descriptors-expert': 'Leads it.',
      'expectations-product-manager': 'working',
      reason: 'We need it',
    })
    expect(res.statusCode).toBe(400)
    const errors = $(res.body)
    expect(errors('title').text()).toMatch(/^Error: Add a skill/)
    expect(errorLinks(res.body)).toEqual(['#gist', '#descriptors-working'])
    expect(errors('#name').val()).toBe('Product management')
    expect(errors('#descriptors-awareness').text()).toBe('Knows what it is.')
    expect(errors('#expectations-product-manager option[selected]').val()).toBe('working')
    expect(errors('input[name="group"][value="core"]').attr('checked')).toBeDefined()

    // The form's checks pass; the framework's own rules then apply.
    const clash = await head.post('/framework/proposals/new/add-skill', {
      _csrf: await head.token(),
      name: 'Product management',
      group: 'core',
      gist: 'Makes products work.',
      'descriptors-awareness': 'a',
      'descriptors-working': 'b',
      'descriptors-practitioner': 'c',
      'descriptors-expert': 'd',
      reason: 'We need it',
    })
    expect(clash.statusCode).toBe(400)
    expect($(clash.body)('#name-error').text()).toContain('There is already a skill called Product management')
    expect((await ctx.app.services.framework.proposals()).length).toBe(0)
  })

  it('takes a proposal through review by another head of profession into a new version', async () => {
    const sent = await head.submit('/framework/proposals/new/expectation', '/framework/proposals/new/expectation', {
      role: 'product-manager',
      skill: 'strategic-ownership',
      level: 'practitioner',
      reason: 'Product managers set strategy here',
    })
    expect(sent.statusCode).toBe(303)
    const url = String(sent.headers.location)
    expect(url).toMatch(/^\/framework\/proposals\/[0-9a-f-]{36}$/)

    const own = $((await head.get(url)).body)
    expect(own('h1').text()).toBe(
      'Change the expected level of Strategic ownership for Product manager to practitioner',
    )
    expect(
      own('[data-testid="diff"] tbody tr')
        .first()
        .find('th, td')
        .map((_, c) => own(c).text())
        .get(),
    ).toEqual(['Expected level of Strategic ownership for Product manager', 'Working', 'Practitioner'])
    expect(own(`form[action="${url}/approve"]`).length).toBe(0)
    const ownApprove = await head.submit(url, `${url}/approve`, { note: '', currentNumber: '1' })
    expect(ownApprove.statusCode).toBe(403)

    const seen = $((await member.get(url)).body)
    expect(seen('form').filter((_, f) => (seen(f).attr('action') ?? '').startsWith(url)).length).toBe(0)
    expect((await member.get('/framework/proposals')).body).toContain(url)

    const reviewPage = await otherHead.get(url)
    const rejectBlank = await otherHead.post(`${url}/reject`, { _csrf: await otherHead.token(), note: ' ' })
    expect(rejectBlank.statusCode).toBe(400)
    expect(errorLinks(rejectBlank.body)).toEqual(['#rejectNote'])
    expect($(rejectBlank.body)('#rejectNote-error').text()).toContain('Say why you are rejecting this proposal')

    const approved = await otherHead.post(`${url}/approve`, {
      ...formFields(reviewPage.body, `${url}/approve`),
      note: 'Agreed at the heads meeting',
    })
    expect(approved.statusCode).toBe(303)
    const after = $((await head.get(url)).body)
    expect(after('.govuk-summary-list').text()).toContain('Agreed at the heads meeting')
    expect(after('a[href="/framework/versions/2"]').length).toBe(1)

    const framework = $((await member.get('/framework')).body)
    const row = framework('[data-testid="expected-levels"] tbody tr').filter(
      (_, tr) => framework(tr).find('th').text() === 'Strategic ownership',
    )
    expect(row.find('td').eq(1).text()).toBe('Practitioner')

    const versions = $((await member.get('/framework/versions')).body)
    const latest = versions('[data-testid="versions"] tbody tr').first()
    expect(latest.text()).toContain('Version 2')
    expect(latest.text()).toContain('Hana Head')
    expect(latest.text()).toContain('Hugo Head')

    const old = await member.get('/framework/versions/1/skills/strategic-ownership')
    expect(old.statusCode).toBe(200)
    expect($(old.body)('[data-testid="skill-expectations"] tbody td').eq(1).text()).toBe('Working')
    expect((await member.get('/framework/versions/1')).statusCode).toBe(200)
    expect((await member.get('/framework/versions/99')).statusCode).toBe(404)
  })

  it('refuses an approval once the framework has moved on, and says why', async () => {
    const propose = (text: string) =>
      head.submit('/framework/proposals/new/descriptor', '/framework/proposals/new/descriptor', {
        skill: 'product-leadership',
        level: 'expert',
        text,
        reason: 'Clearer wording',
      })
    const first = String((await propose('First wording')).headers.location)
    const second = String((await propose('Second wording')).headers.location)
    const secondPage = await admin.get(second)
    const firstPage = await admin.get(first)
    expect((await admin.post(`${first}/approve`, formFields(firstPage.body, `${first}/approve`))).statusCode).toBe(303)

    // The form was opened before the framework moved on.
    const moved = await admin.post(`${second}/approve`, formFields(secondPage.body, `${second}/approve`))
    expect(moved.statusCode).toBe(409)
    expect($(moved.body)('.govuk-error-summary').text()).toContain('The framework changed while you were reviewing')

    const fresh = await admin.get(second)
    expect($(fresh.body)('.govuk-warning-text').text()).toContain(
      'the expert descriptor of Product leadership has been changed since this was proposed',
    )
    expect($(fresh.body)(`form[action="${second}/approve"]`).length).toBe(0)
    const stale = await admin.post(`${second}/approve`, { _csrf: await admin.token(), currentNumber: '3' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('.govuk-error-summary').text()).toContain('This proposal cannot be applied')
    expect((await ctx.app.services.framework.proposal(second.split('/').pop() ?? '')).status).toBe('open')
  })
})

describe('moving to a newer framework version', () => {
  let ctx: TestContext
  let admin: Agent
  let member: Named
  let personId: string
  let oldCheckinId: string

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx, { framework: '2017', leadership: 'yes' })
    const pat = await addPersonWithId(ctx, admin, 'member', 'Pat Person')
    member = pat
    personId = pat.id
    // An agreed check-in made against version 1, written as the check-in pages would.
    const version = await ctx.app.services.framework.current()
    oldCheckinId = newId()
    const db = ctx.testDb.db.kysely
    await db
      .insertInto('checkins')
      .values({
        id: oldCheckinId,
        person_id: personId,
        framework_version_id: version.id,
        role_slug: 'product-manager',
        kind: 'check-in',
        status: 'agreed',
        manager_id: null,
        created_at: '2026-01-01T09:00:00.000Z',
        submitted_at: null,
        reviewed_at: null,
        agreed_at: '2026-02-01T09:00:00.000Z',
        agreed_note: null,
        carried_from_id: null,
        version: 1,
      })
      .execute()
    const ratings: [string, Level][] = [
      ['product-ownership', 'working'],
      ['problem-ownership', 'practitioner'],
      ['coaching', 'awareness'],
    ]
    await db
      .insertInto('checkin_ratings')
      .values(
        ratings.map(([skill, level]) => ({
          checkin_id: oldCheckinId,
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
  })
  afterAll(() => ctx.close())

  it('starts from the framework chosen at set-up', async () => {
    const current = await ctx.app.services.framework.current()
    expect(current.document.key).toBe('ddat-2017')
    expect(current.document.skills.filter(s => s.group === 'leadership')).toHaveLength(6)
    const page = $((await member.get('/framework')).body)
    expect(page('caption').text()).toContain('Leadership capabilities')
  })

  it('is for heads of profession and administrators only', async () => {
    expect((await member.get('/framework/migrate')).statusCode).toBe(403)
    expect((await member.get('/framework/migrate/review?target=bundled-2025')).statusCode).toBe(403)
    const res = await member.post('/framework/migrate', { _csrf: await member.token(), target: 'bundled-2025' })
    expect(res.statusCode).toBe(403)
  })

  it('shows the suggested mapping and counts for review, then applies it', async () => {
    const choose = await admin.get('/framework/migrate')
    expect(choose.statusCode).toBe(200)
    expect(
      $(choose.body)('input[name="target"]')
        .map((_, i) => $(choose.body)(i).val())
        .get(),
    ).toEqual(['bundled-2025'])

    const review = await admin.get('/framework/migrate/review?target=bundled-2025')
    expect(review.statusCode).toBe(200)
    const page = $(review.body)
    expect(page('#map-product-ownership option[selected]').val()).toBe('product-management')
    expect(page('#map-problem-ownership option[selected]').val()).toBe('product-management')
    expect(page('#map-ddat-perspective option[selected]').val()).toBe('none')
    expect(page('#map-coaching option[selected]').val()).toBe('coaching')
    expect(page('[data-testid="migration-counts"]').text()).toMatch(/People carried across\s*1/)
    expect(page('input[name="currentNumber"]').val()).toBe('1')
    expect(page('main').text()).toContain('Only agreed levels move across')

    // A target the mapping cannot use: the page comes back with the choice kept.
    const fields = formFields(review.body, '/framework/migrate')
    const bad = await admin.post('/framework/migrate', { ...fields, 'map-user-focus': 'user-focus' })
    expect(bad.statusCode).toBe(400)
    expect(errorLinks(bad.body)).toEqual(['#map-user-focus'])

    // Someone else applied a move while this review was open.
    const stale = await admin.post('/framework/migrate', { ...fields, currentNumber: '0' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('.govuk-error-summary').text()).toContain(
      'The framework changed while you were reviewing the move',
    )
    expect((await ctx.app.services.framework.versions()).length).toBe(1)

    const applied = await admin.post('/framework/migrate', { ...fields, 'map-understanding-constraints': 'none' })
    expect(applied.statusCode).toBe(303)
    expect(applied.headers.location).toBe('/framework/versions')
    const versions = $((await admin.get('/framework/versions')).body)
    expect(versions('.govuk-notification-banner').text()).toContain('The framework is now at version 2')
    expect(versions('[data-testid="migrations"] tbody td').eq(3).text()).toBe('1')

    const current = await ctx.app.services.framework.current()
    expect(current.document.key).toBe('ddat-2025')
    const db = ctx.testDb.db.kysely
    const checkins = await db.selectFrom('checkins').selectAll().where('person_id', '=', personId).execute()
    expect(checkins).toHaveLength(2)
    const carried = checkins.find(c => c.carried_from_id === oldCheckinId)
    expect(carried?.framework_version_id).toBe(current.id)
    const ratings = await db
      .selectFrom('checkin_ratings')
      .select(['skill_slug', 'agreed_level'])
      .where('checkin_id', '=', carried?.id ?? '')
      .orderBy('skill_slug')
      .execute()
    expect(ratings).toEqual([
      { skill_slug: 'coaching', agreed_level: 'awareness' },
      { skill_slug: 'product-management', agreed_level: 'practitioner' },
    ])
    expect(checkins.find(c => c.id === oldCheckinId)?.framework_version_id).not.toBe(current.id)

    // The same review sent again is refused: the framework has moved on.
    const again = await admin.post('/framework/migrate', fields)
    expect(again.statusCode).toBe(409)
  })
})

describe('approving a change to the framework keeps everyone’s agreed levels shown', () => {
  let ctx: TestContext
  let admin: Agent
  let head: Named
  let pat: Named & { id: string }

  const agreedCheckin = async (personId: string, levels: Record<string, Level>) => {
    const version = await ctx.app.services.framework.current()
    const id = newId()
    const db = ctx.testDb.db.kysely
    await db
      .insertInto('checkins')
      .values({
        id,
        person_id: personId,
        framework_version_id: version.id,
        role_slug: 'product-manager',
        kind: 'check-in',
        status: 'agreed',
        manager_id: null,
        created_at: '2026-11-01T09:00:00.000Z',
        submitted_at: '2026-11-02T09:00:00.000Z',
        reviewed_at: '2026-11-03T09:00:00.000Z',
        agreed_at: '2026-11-04T09:00:00.000Z',
        agreed_note: null,
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

  /** Pat's agreed levels as their pathway and the heatmap show them. */
  const shown = async () => {
    const pathway = $((await pat.get(`/people/${pat.id}/pathway`)).body)
    const agreed = Object.fromEntries(
      pathway('[data-testid="levels-table"] tbody tr')
        .map((_, tr) => [[pathway(tr).find('th').text().trim(), pathway(tr).find('td').eq(1).text().trim()]])
        .get() as [string, string][],
    )
    const capability = $((await head.get('/profession/capability')).body)
    const assessed = capability('[data-testid="summary"] .govuk-summary-list__row').eq(1).find('dd').text().trim()
    const row = capability('[data-testid="heatmap"] tbody tr')
      .filter((_, tr) => capability(tr).find('th').text().includes('Pat Person'))
      .text()
    return { agreed, assessed, row }
  }

  beforeAll(async () => {
    ctx = await buildTestApp()
    admin = await setUpInstallation(ctx)
    head = await addPerson(ctx, admin, 'leader', 'Hana Head')
    await makeHeadOfProfession(ctx, head.email)
    pat = await addPersonWithId(ctx, admin, 'member', 'Pat Person')
    await saveTestProfile(ctx, pat.id)
    await agreedCheckin(pat.id, { 'product-management': 'practitioner', 'creating-value-for-money': 'working' })
  })
  afterAll(() => ctx.close())

  it('carries levels across on approving a descriptor change, and says so', async () => {
    const before = await shown()
    expect(before.agreed['Product management']).toBe('Practitioner')
    expect(before.assessed).toMatch(/^1 /)

    const sent = await head.submit('/framework/proposals/new/descriptor', '/framework/proposals/new/descriptor', {
      skill: 'product-management',
      level: 'working',
      text: 'Shapes and runs the work of one product team, with support.',
      reason: 'Plainer words',
    })
    const url = String(sent.headers.location)
    const page = await admin.get(url)
    expect($(page.body)('.govuk-inset-text').text()).toContain('agreed levels carry across to version 2')
    const approved = await admin.post(`${url}/approve`, formFields(page.body, `${url}/approve`))
    expect(approved.statusCode).toBe(303)
    const banner = $((await admin.get(url)).body)('.govuk-notification-banner').text()
    expect(banner).toContain('the framework is now at version 2')
    expect(banner).toContain("1 person's agreed levels were carried across to version 2 as they were")
    // Nothing is left to move by hand, and no page shows the level as missing.
    expect(await ctx.app.services.framework.migrationChoices()).toEqual([])
    expect(await shown()).toEqual(before)
  })

  it('leads straight to the mapping when a retired skill holds levels, showing every other level meanwhile', async () => {
    const before = await shown()
    const sent = await head.submit('/framework/proposals/new/retire-skill', '/framework/proposals/new/retire-skill', {
      skill: 'creating-value-for-money',
      reason: 'Folded into product management',
    })
    expect(sent.statusCode).toBe(303)
    const url = String(sent.headers.location)
    const page = await admin.get(url)
    expect($(page.body)('.govuk-inset-text').text()).toContain('you will choose where people’s agreed levels')
    const approved = await admin.post(`${url}/approve`, formFields(page.body, `${url}/approve`))
    expect(approved.statusCode).toBe(303)
    expect(approved.headers.location).toBe('/framework/migrate/review?target=version-2')

    const review = await admin.get(String(approved.headers.location))
    expect(review.statusCode).toBe(200)
    const reviewPage = $(review.body)
    expect(reviewPage('.govuk-notification-banner').text()).toContain('the framework is now at version 3')
    expect(reviewPage('#map-creating-value-for-money option[selected]').val()).toBe('none')
    // Until the mapping is applied, Pat's other levels are still shown.
    const meanwhile = await shown()
    expect(meanwhile.agreed['Product management']).toBe('Practitioner')
    expect(meanwhile.assessed).toBe(before.assessed)

    const applied = await admin.post('/framework/migrate', {
      ...formFields(review.body, '/framework/migrate'),
      'map-creating-value-for-money': 'product-management',
    })
    expect(applied.statusCode).toBe(303)
    const banner = $((await admin.get('/framework/versions')).body)('.govuk-notification-banner').text()
    // The framework did not move: the levels moved into the version it was already at.
    expect(banner).not.toContain('is now at version')
    expect(banner).toContain("1 person's agreed levels carried from version 2 into version 3")
    expect((await shown()).agreed['Product management']).toBe('Practitioner')
  })
})
