// Evidence packs on both engines, through the services as buildServices wires them: one pack per
// person and role, agreed levels and gaps from the pathway, evidence picked only from the person's
// own sent check-ins, versioned saves, and sharing audited without content.
import { afterEach, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation, type TestServices } from '../../test/build-test-services.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { sentCheckin, viewerFor } from '../../test/evidence.ts'
import { insertUser } from '../../test/factories.ts'
import type { ProfileChanges } from '../people/people.types.ts'
import type { Role } from '../platform/auth/roles.ts'
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { levelGap, skillProblems, STAR_MAX } from './evidence.service.ts'

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('Expected the operation to fail')
}

const story = { situation: 'S', task: 'T', action: 'A', result: 'R' }

describe('what a skill form may hold', () => {
  it('asks for all four parts of an example once one is given, and each within its limit', () => {
    expect(skillProblems({ picked: [], situation: '', task: '', action: '', result: '' }, [])).toEqual({})
    expect(skillProblems({ picked: [], ...story, task: '', action: 'x'.repeat(STAR_MAX + 1) }, [])).toEqual({
      task: 'Enter the task of your example',
      action: 'Action must be 1,200 characters or fewer',
    })
    expect(skillProblems({ picked: ['a', 'b'], ...story }, ['a'])).toEqual({
      picked: 'Choose evidence from your own check-ins',
    })
  })

  it('measures the gap in levels, none when the level is met or either is missing', () => {
    expect(levelGap('expert', 'working')).toBe(2)
    expect(levelGap('working', 'expert')).toBe(0)
    expect(levelGap('working', null)).toBeNull()
    expect(levelGap(null, 'working')).toBeNull()
  })
})

describe.each(DIALECTS)('evidence service on %s', dialect => {
  let t: TestServices | undefined
  afterEach(async () => {
    await t?.close()
    t = undefined
  })

  async function world() {
    // A clock that moves a second at each reading, so what happened later sorts later.
    let now = Date.parse('2026-11-24T10:00:00.000Z')
    t = await buildTestServices({ dialect, clock: () => new Date((now += 1000)) })
    const built = t
    const founder = await installOrganisation(built, { framework: { base: '2025', leadership: false } })
    const person = async (name: string, profile: Partial<ProfileChanges> | null, role: Role = 'member') => {
      const user = await insertUser(built.db, {
        name,
        role,
        email: `${name.split(' ')[0]?.toLowerCase()}@example.gov.uk`,
      })
      if (profile)
        await built.services.people.saveProfile(
          founder,
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
            ...profile,
          },
          0,
        )
      return viewerFor(built.services, user.id)
    }
    const manager = await person('Mel Manager', { careerRole: 'senior-product-manager' })
    const pat = await person('Pat Person', { lineManagerId: manager.user.id })
    const reader = await person('Rae Reader', null, 'editor')
    return { ...built.services, manager, pat, reader, person }
  }

  it('keeps one pack per person and role, for roles of the pathway', async () => {
    const w = await world()
    const { roles, suggested } = await w.evidence.roleChoices(w.pat)
    expect(suggested).toBe('senior-product-manager')
    expect(roles.map(r => r.slug)).toContain('lead-product-manager')
    const first = await w.evidence.create(w.pat, 'senior-product-manager')
    expect(first.created).toBe(true)
    const again = await w.evidence.create(w.pat, 'senior-product-manager')
    expect(again).toEqual({ pack: first.pack, created: false })
    const other = await w.evidence.create(w.pat, 'lead-product-manager')
    expect(other.pack.id).not.toBe(first.pack.id)
    expect(await rejection(w.evidence.create(w.pat, 'astronaut'))).toBeInstanceOf(ValidationError)
    expect(await rejection(w.evidence.create(w.reader, 'senior-product-manager'))).toBeInstanceOf(ForbiddenError)
    const list = await w.evidence.list(w.pat)
    expect(list.own.map(p => p.roleName).sort()).toEqual(['Lead product manager', 'Senior product manager'])
    expect(list.shared).toEqual([])
  })

  it('reads expected and agreed levels, the gap, and says when there is no agreed level', async () => {
    const w = await world()
    const { pack } = await w.evidence.create(w.pat, 'senior-product-manager')
    const before = await w.evidence.view(pack)
    expect(before.hasAgreed).toBe(false)
    const pm = before.skills.find(s => s.skill.slug === 'product-management')
    expect(pm).toMatchObject({ expected: 'expert', agreed: null, gap: null, saved: null, picked: [] })

    await sentCheckin(w, w.pat.user.id, {
      level: 'working',
      agreed: { 'product-management': 'practitioner' },
      evidence: {},
    })
    const after = await w.evidence.view(pack)
    expect(after.hasAgreed).toBe(true)
    expect(after.skills.find(s => s.skill.slug === 'product-management')).toMatchObject({
      expected: 'expert',
      agreed: 'practitioner',
      gap: 1,
    })
    expect(after.skills.length).toBeGreaterThan(5)
  })

  it('offers evidence from sent check-ins only, and saves picks and an example with versions', async () => {
    const w = await world()
    const { pack } = await w.evidence.create(w.pat, 'senior-product-manager')
    const agreedId = await sentCheckin(w, w.pat.user.id, {
      level: 'working',
      evidence: { 'product-management': 'Agreed evidence', 'applying-user-centred-insights': 'Other skill' },
    })
    const sentId = await sentCheckin(w, w.pat.user.id, {
      level: 'working',
      evidence: { 'product-management': 'Newer evidence' },
      agree: false,
    })
    const form = await w.evidence.skillForm(pack, 'product-management')
    expect(form.offered.map(o => [o.checkinId, o.text])).toEqual([
      [sentId, 'Newer evidence'],
      [agreedId, 'Agreed evidence'],
    ])
    expect(await rejection(w.evidence.skillForm(pack, 'not-a-skill'))).toBeInstanceOf(NotFoundError)

    const refused = await rejection(
      w.evidence.saveSkill(w.pat, pack, 'product-management', { picked: ['someone-else'], ...story, task: '' }, 0),
    )
    expect(refused).toBeInstanceOf(ValidationError)
    expect((refused as ValidationError).fieldErrors).toEqual({
      picked: 'Choose evidence from your own check-ins',
      task: 'Enter the task of your example',
    })

    const saved = await w.evidence.saveSkill(w.pat, pack, 'product-management', { picked: [agreedId], ...story }, 0)
    expect(saved.version).toBe(1)
    const stale = await rejection(
      w.evidence.saveSkill(w.pat, pack, 'product-management', { picked: [], ...story, result: 'Late' }, 0),
    )
    expect(stale).toBeInstanceOf(StaleVersionError)
    const resaved = await w.evidence.saveSkill(
      w.pat,
      pack,
      'product-management',
      { picked: [agreedId, sentId], ...story, result: 'Better' },
      1,
    )
    expect(resaved.version).toBe(2)
    const overtaken = await rejection(
      w.evidence.saveSkill(w.pat, pack, 'product-management', { picked: [], ...story }, 1),
    )
    expect(overtaken).toBeInstanceOf(StaleVersionError)
    expect((overtaken as StaleVersionError<{ saved: { result: string } }>).latest.saved.result).toBe('Better')

    const view = await w.evidence.view(pack)
    const pm = view.skills.find(s => s.skill.slug === 'product-management')
    expect(pm?.picked.map(p => p.text)).toEqual(['Newer evidence', 'Agreed evidence'])
    expect(pm?.saved?.result).toBe('Better')
    expect(
      await rejection(w.evidence.saveSkill(w.manager, pack, 'product-management', { picked: [], ...story }, 2)),
    ).toBeInstanceOf(ForbiddenError)
  })

  it('shares with named people, audits who without content, and stops sharing', async () => {
    const w = await world()
    const { pack } = await w.evidence.create(w.pat, 'senior-product-manager')
    await w.evidence.saveSkill(w.pat, pack, 'product-management', { picked: [], ...story, action: 'A secret plan' }, 0)
    expect(await w.evidence.find(pack.id, w.reader.user.id)).toMatchObject({
      pack: { id: pack.id },
      sharedWithViewer: false,
    })

    const email = (await w.people.get(w.reader.user.id)).email
    expect(await w.evidence.share(w.pat, pack, email.toUpperCase())).toMatchObject({ added: true })
    expect(await w.evidence.share(w.pat, pack, email)).toMatchObject({ added: false })
    const problems = async (address: string) =>
      ((await rejection(w.evidence.share(w.pat, pack, address))) as ValidationError).fieldErrors
    expect(await problems('nobody@example.gov.uk')).toEqual({
      email: 'There is nobody with that email address in Valuekit',
    })
    expect(await problems((await w.people.get(w.pat.user.id)).email)).toEqual({
      email: 'This is your own evidence pack: enter someone else’s email address',
    })
    expect(await rejection(w.evidence.share(w.manager, pack, email))).toBeInstanceOf(ForbiddenError)

    expect(await w.evidence.find(pack.id, w.reader.user.id)).toMatchObject({
      pack: { id: pack.id },
      sharedWithViewer: true,
    })
    expect((await w.evidence.find(pack.id, w.manager.user.id)).sharedWithViewer).toBe(false)
    const shared = await w.evidence.list(w.reader)
    expect(shared.shared.map(p => [p.id, p.ownerName, p.roleName])).toEqual([
      [pack.id, 'Pat Person', 'Senior product manager'],
    ])
    expect((await w.evidence.shares(w.pat, pack)).map(s => s.name)).toEqual(['Rae Reader'])

    expect(await w.evidence.unshare(w.pat, pack, w.reader.user.id)).toEqual({ name: 'Rae Reader' })
    expect(await w.evidence.unshare(w.pat, pack, w.reader.user.id)).toBeNull()
    expect((await w.evidence.find(pack.id, w.reader.user.id)).sharedWithViewer).toBe(false)
    expect((await w.evidence.list(w.reader)).shared).toEqual([])

    const events = (await w.audit.list({}, 1)).events.filter(e => e.subjectType === 'evidence-pack')
    expect(events.map(e => [e.action, e.summary])).toEqual([
      ['evidence.unshared', 'Stopped sharing an evidence pack with Rae Reader'],
      ['evidence.shared', 'Shared an evidence pack with Rae Reader'],
    ])
    expect(JSON.stringify(events)).not.toContain('secret')
  })
})
