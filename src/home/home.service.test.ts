// The home page's facts on both engines, gathered through the real services: each part only for
// the people it concerns, and the new look-ups the other capabilities offer for it (actions due,
// goals past their date, proposals to review, people below expectation, the count of accounts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation, type TestServices } from '../../test/build-test-services.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { insertPage, insertSection, insertUser } from '../../test/factories.ts'
import type { ProfileChanges } from '../people/people.types.ts'
import { SYSTEM_ACTOR, type Role } from '../platform/auth/roles.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import { homeTasks } from './home.views.ts'

describe.each(DIALECTS)('home service on %s', dialect => {
  let t: TestServices
  const ids: Record<string, string> = {}
  const users: Record<string, { id: string; name: string; email: string; role: Role }> = {}

  const viewerOf = async (key: string): Promise<Viewer> => {
    const user = users[key]
    if (!user) throw new Error(`No ${key}`)
    const viewer = await t.services.people.viewer(user)
    if (!viewer) throw new Error(`No viewer for ${key}`)
    return viewer
  }

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    const founder = await installOrganisation(t)
    users.admin = { id: founder.id ?? '', name: founder.name, email: 'fay@example.gov.uk', role: 'administrator' }
    const { people } = t.services
    const add = async (key: string, name: string, role: Role, profile: Partial<ProfileChanges> | null) => {
      const user = await insertUser(t.db, { name, role, email: `${key}@example.gov.uk` })
      users[key] = { id: user.id, name, email: user.email, role }
      ids[key] = user.id
      if (profile)
        await people.saveProfile(
          SYSTEM_ACTOR,
          user.id,
          {
            careerRole: 'product-manager',
            lineManagerId: null,
            associateOfId: null,
            businessArea: 'Digital',
            group: 'Payments',
            dateIntoRole: null,
            headOfProfession: false,
            oneToOneCadenceDays: 28,
            ...profile,
          },
          0,
        )
    }
    await add('mel', 'Mel Manager', 'member', { careerRole: 'senior-product-manager' })
    await add('pat', 'Pat Person', 'member', { lineManagerId: ids.mel })
    await add('hope', 'Hope Head', 'member', { careerRole: 'head-of-product', headOfProfession: true })
    await add('lee', 'Lee Leader', 'leader', { careerRole: 'lead-product-manager' })
  })
  afterAll(() => t.close())

  it('no longer counts the administrator as alone once people are added', async () => {
    expect(await t.services.accounts.count()).toBe(5)
    const facts = await t.services.home.facts(await viewerOf('admin'))
    expect(facts.newInstallation).toBe(false)
    // An administrator without a profile has no check-in and no profession summary.
    expect(facts.checkin).toBeNull()
    expect(facts.profession).toBeNull()
  })

  it('lists the actions a person owns that are due, and their goals past their date', async () => {
    const { development, people } = t.services
    const pat = await people.get(ids.pat ?? '')
    const patActor = { id: pat.id, name: pat.name }
    const meeting = await development.recordOneToOne(patActor, pat, {
      withId: ids.mel ?? '',
      heldOn: '2026-11-02',
      agenda: 'Plans',
      notes: '',
      version: null,
    })
    const action = (text: string, ownerId: string, dueOn: string) =>
      development.addAction(patActor, pat, meeting, { text, ownerId, dueOn })
    await action('Write up the research', pat.id, '2026-11-20')
    await action('Share the roadmap', pat.id, '2026-11-30')
    await action('Plan the next quarter', pat.id, '2026-12-31')
    await action('Book a room', ids.mel ?? '', '2026-11-21')
    await development.addGoal(patActor, pat, {
      title: 'Lead a discovery',
      measure: 'Shared at a show and tell',
      dueOn: '2026-12-31',
      skills: [],
      status: 'not-started',
      sourceTitle: null,
      sourceUrl: null,
      version: null,
    })
    const late = await development.addGoal(patActor, pat, {
      title: 'Run a retro',
      measure: 'Held',
      dueOn: '2026-10-01',
      skills: [],
      status: 'in-progress',
      sourceTitle: null,
      sourceUrl: null,
      version: null,
    })

    const facts = await t.services.home.facts(await viewerOf('pat'))
    expect(facts.development.actions.map(a => [a.text, a.dueOn, a.withName])).toEqual([
      ['Write up the research', '2026-11-20', 'Mel Manager'],
      ['Share the roadmap', '2026-11-30', 'Mel Manager'],
    ])
    expect(facts.development.goals.map(g => g.id)).toEqual([late.id])
    // Pat has never had a check-in: overdue.
    expect(facts.checkin).toMatchObject({ open: null, lastAgreedAt: null, overdue: true })

    // Mel owns one action, and is told Pat's 1:1 is not overdue (held three weeks ago).
    const mel = await t.services.home.facts(await viewerOf('mel'))
    expect(mel.development.actions.map(a => a.text)).toEqual(['Book a room'])
    expect(mel.development.reportsOverdue).toEqual([])
    expect(mel.overdueReports.map(o => o.name)).toEqual(['Pat Person'])
    expect(homeTasks(mel).map(task => task.title)).toContain('Pat Person is overdue a check-in')
  })

  it('gives proposals to heads of profession and administrators who did not make them', async () => {
    const hope = await viewerOf('hope')
    const proposal = await t.services.framework.propose(
      hope,
      { kind: 'descriptor', payload: { skill: 'product-leadership', level: 'expert', text: 'Sets direction' } },
      'Clearer',
    )
    expect((await t.services.home.facts(hope)).proposals).toEqual([])
    const admin = await t.services.home.facts(await viewerOf('admin'))
    expect(admin.proposals).toEqual([
      { id: proposal.id, summary: proposal.summary, proposedAt: proposal.proposedAt, proposedByName: 'Hope Head' },
    ])
    expect((await t.services.home.facts(await viewerOf('pat'))).proposals).toEqual([])
  })

  it('summarises the profession for heads of profession, and counts people below expectation', async () => {
    const summary = (await t.services.home.facts(await viewerOf('hope'))).profession
    expect(summary).toMatchObject({ scopeArea: null, people: 4, overdue: 4, belowExpectation: 0 })
    expect(summary?.quarter.label).toBe('October to December 2026')

    // Pat's check-in is agreed with every level at awareness: below a product manager's expectations.
    const { pathway, people } = t.services
    const pat = await viewerOf('pat')
    const mel = await viewerOf('mel')
    const draft = await pathway.startCheckin(pat, pat.user.id)
    const skills = (await pathway.checkin(pat.user.id, draft.id)).skills.map(s => s.skill.slug)
    const levels = Object.fromEntries(skills.map(s => [s, { level: 'awareness' as const, evidence: '', note: '' }]))
    const sent = await pathway.saveSelf(pat, pat.user.id, draft.id, { ratings: levels }, draft.version, true)
    const reviewed = await pathway.saveReview(mel, pat.user.id, draft.id, { ratings: levels }, sent.checkin.version)
    await pathway.agree(mel, pat.user.id, draft.id, { ratings: levels, note: '' }, reviewed.checkin.version)
    expect((await people.get(pat.user.id)).hasProfile).toBe(true)

    const after = (await t.services.home.facts(await viewerOf('hope'))).profession
    expect(after).toMatchObject({ people: 4, overdue: 3, belowExpectation: 1 })
    // A leader sees their own area only; Lee's is Digital, where everyone is.
    expect((await t.services.home.facts(await viewerOf('lee'))).profession).toMatchObject({
      scopeArea: 'Digital',
      people: 4,
    })
  })

  it('flags the strategy of things a person owns', async () => {
    const { products } = t.services
    await products.create(
      { id: ids.mel ?? '', name: 'Mel Manager' },
      {
        kind: 'service',
        name: 'Apply for a fishing licence',
        purpose: 'Anglers get a licence online',
        ownerId: ids.mel ?? null,
        team: 'Rod and line',
        group: 'Outdoors',
        area: 'Licensing',
        parentId: null,
        uses: [],
        phase: 'alpha',
        stage: 'introduction',
      },
    )
    const facts = await t.services.home.facts(await viewerOf('mel'))
    expect(facts.owned.total).toBeGreaterThanOrEqual(1)
    expect(facts.flagged).toHaveLength(1)
    expect(facts.flagged[0]?.flags.map(f => f.text)).toContain('There is no problem statement yet')
  })

  it('gives owners their handbook pages past review, and readers’ answers waiting, through the handbook’s service', async () => {
    const { handbookOwners } = t.services
    const admin = { id: users.admin?.id ?? '', name: 'Fay Founder' }
    const section = await insertSection(t.db, { title: 'Ways of working' })
    const late = await insertPage(t.db, { sectionId: section.id, title: 'Running a retro', slug: 'running-a-retro' })
    const fine = await insertPage(t.db, { sectionId: section.id, title: 'Roadmaps', slug: 'roadmaps' })
    const others = await insertPage(t.db, { sectionId: section.id, title: 'Budgets', slug: 'budgets' })
    const own = (page: { id: string; title: string }, owner: string, reviewBy: string) =>
      handbookOwners.set(admin, { kind: 'page', ...page }, { ownerUserId: owner, ownerTeam: null, reviewBy }, 0)
    await own(late, ids.pat ?? '', '2026-10-01')
    await own(fine, ids.pat ?? '', '2027-03-01')
    await own(others, ids.mel ?? '', '2026-09-01')
    await handbookOwners.give(fine, { useful: false, comment: 'Out of date' })
    await handbookOwners.give(others, { useful: true, comment: '' })

    const pat = await t.services.home.facts(await viewerOf('pat'))
    expect(pat.handbook.overdue.map(i => i.title)).toEqual(['Running a retro'])
    expect(pat.handbook.feedback.count).toBe(1)
    const keys = homeTasks(pat).map(task => task.key)
    expect(keys).toContain(`handbook-review-${late.id}`)
    expect(keys).toContain('handbook-feedback')
    expect(keys).not.toContain(`handbook-review-${others.id}`)
  })

  it('reads the flags of every thing a person owns in one grouped read, the same as each strategy page’s', async () => {
    const { products, strategy } = t.services
    const mel = { id: ids.mel ?? '', name: 'Mel Manager' }
    const thing = (name: string, kind: 'service' | 'feature') =>
      products.create(mel, {
        kind,
        name,
        purpose: 'A purpose',
        ownerId: ids.mel ?? null,
        team: 'Team',
        group: 'Outdoors',
        area: 'Licensing',
        parentId: null,
        uses: [],
        phase: 'beta',
        stage: 'growth',
      })
    await thing('Licence checker', 'service')
    await thing('Renew a rod licence', 'service')
    const owned = await products.allOwnedBy(ids.mel ?? '')
    expect(owned.length).toBeGreaterThanOrEqual(3)
    const many = await strategy.flagsOfMany(owned)
    for (const product of owned) expect(many.get(product.id)).toEqual(await strategy.flags(product))
    const facts = await t.services.home.facts(await viewerOf('mel'))
    expect(facts.owned).toEqual({ total: owned.length, checked: owned.length })
  })
})
