// Check-ins and pathways on both engines, wired as src/app.ts wires them: real repositories and
// real framework, people, handbook and audit services, and a clock the tests move.
import { rejection } from '../../test/assert.ts'
import type { Kysely } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { buildTestServices, servicesOn } from '../../test/build-test-services.ts'
import { DIALECTS, type DialectName, type TestDb } from '../../test/dialects.ts'
import { insertSection, insertUser } from '../../test/factories.ts'
import type { AuditService } from '../audit/audit.service.ts'
import type { Database } from '../db/schema.ts'
import { FrameworkRepository } from '../framework/framework.repository.ts'
import { FRAMEWORK_2017, type Level } from '../framework/framework.bundled.ts'
import { activeSkills, bundledDocument } from '../framework/framework.document.ts'
import { type FrameworkService } from '../framework/framework.service.ts'
import type { HandbookService } from '../handbook/handbook.service.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { ProfileChanges } from '../people/people.types.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Actor, Role } from '../platform/auth/roles.ts'
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import { parseCapabilityQuery } from '../profession/profession.schemas.ts'
import { CHECKIN_DUE_DAYS, isCheckinOverdue } from './pathway.rules.ts'
import {
  CheckinStageError,
  NO_PROFILE_MESSAGE,
  PathwayService,
  nextRole,
  roleSkills,
  type CheckinDetail,
  type SelfInput,
} from './pathway.service.ts'

const PM_SKILLS = [
  'agile-and-lean-practices',
  'applying-user-centred-insights',
  'creating-value-for-money',
  'life-cycle-management',
  'managing-product-outcomes',
  'product-leadership',
  'product-management',
  'stakeholder-relationship-management',
  'strategic-ownership',
]

interface World {
  testDb: TestDb
  db: Kysely<Database>
  pathway: PathwayService
  framework: FrameworkService
  people: PeopleService
  handbook: HandbookService
  audit: AuditService
  founder: Actor
  clock: { now: Date }
  /** A person with a profile, and the viewer they are when signed in. */
  person(name: string, profile?: Partial<ProfileChanges>, role?: Role): Promise<Viewer>
  viewerOf(id: string): Promise<Viewer>
  /** An agreed check-in written straight into the tables. */
  agreed(o: {
    personId: string
    versionId: string
    agreedAt: string
    createdAt?: string
    kind?: string
    roleSlug?: string
    levels: Record<string, Level>
  }): Promise<string>
  events(): Promise<{ action: string; summary: string }[]>
}

async function world(dialect: DialectName, base: '2025' | '2017' = '2025'): Promise<World> {
  const clockState = { now: new Date('2026-11-24T10:00:00.000Z') }
  const clock = () => {
    clockState.now = new Date(clockState.now.getTime() + 1000)
    return new Date(clockState.now)
  }
  const built = await buildTestServices({ dialect, clock })
  const { testDb, db } = built
  const { audit, organisation, people, framework, handbook, pathway } = built.services
  const founder = await insertUser(db, { role: 'administrator', name: 'Fay Founder' })
  await db.transaction().execute(async trx => {
    await organisation.create(trx, founder, {
      name: 'Department for Testing',
      logoText: 'DfT',
      brandColour: '#1d70b8',
      pathwayShape: 'enterprise',
      phase: 'none',
      feedbackUrl: null,
      publicHandbook: false,
    })
    await framework.seed(trx, founder, { base, leadership: false })
  })
  const viewerOf = async (id: string): Promise<Viewer> => {
    const person = await people.get(id)
    const viewer = await people.viewer({
      id,
      name: person.name,
      email: person.email,
      role: person.accountRole as Role,
    })
    if (!viewer) throw new Error('No viewer')
    return viewer
  }
  return {
    testDb,
    db,
    pathway,
    framework,
    people,
    handbook,
    audit,
    founder,
    clock: clockState,
    viewerOf,
    async person(name, profile = {}, role = 'member') {
      const user = await insertUser(db, { name, role })
      if (profile !== null)
        await people.saveProfile(
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
      return viewerOf(user.id)
    },
    async agreed(o) {
      const id = newId()
      await db
        .insertInto('checkins')
        .values({
          id,
          person_id: o.personId,
          framework_version_id: o.versionId,
          role_slug: o.roleSlug ?? 'product-manager',
          kind: o.kind ?? 'check-in',
          status: 'agreed',
          manager_id: null,
          created_at: o.createdAt ?? o.agreedAt,
          submitted_at: o.createdAt ?? o.agreedAt,
          reviewed_at: o.createdAt ?? o.agreedAt,
          agreed_at: o.agreedAt,
          agreed_note: '',
          carried_from_id: null,
          version: 4,
        })
        .execute()
      await db
        .insertInto('checkin_ratings')
        .values(
          Object.entries(o.levels).map(([skill, level]) => ({
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
      return id
    },
    async events() {
      return (await audit.list({}, 1)).events.map(e => ({ action: e.action, summary: e.summary }))
    },
  }
}

/** A self-assessment giving every skill the same level and some private evidence. */
const allAt = (
  slugs: readonly string[],
  level: Level | null,
  evidence = 'Private evidence about my work',
): SelfInput => ({
  ratings: Object.fromEntries(slugs.map(s => [s, { level, evidence }])),
})

describe.each(DIALECTS)('pathway service on %s', dialect => {
  let w: World | undefined
  afterEach(async () => {
    await w?.testDb.destroy()
    w = undefined
  })

  async function team() {
    if (!w) throw new Error('No world')
    const manager = await w.person('Mel Manager', { careerRole: 'senior-product-manager' })
    const person = await w.person('Pat Person', { lineManagerId: manager.user.id })
    return { manager, person }
  }

  describe('a check-in from draft to agreed', () => {
    it('goes draft → submitted → reviewed → agreed, with audit events that hold no assessment text', async () => {
      w = await world(dialect)
      const { manager, person } = await team()
      const draft = await w.pathway.startCheckin(person, person.user.id)
      expect(draft.status).toBe('draft')
      expect(draft.roleSlug).toBe('product-manager')
      expect(draft.frameworkVersionNumber).toBe(1)
      expect(draft.managerId).toBe(manager.user.id)

      let detail = await w.pathway.checkin(person.user.id, draft.id)
      expect(detail.skills.map(s => s.skill.slug)).toEqual(PM_SKILLS)
      expect(detail.skills[0]?.expected).toBe('practitioner')
      expect(detail.skills[0]?.skill.descriptors?.working).toMatch(/short cycles/)

      // A draft saves whatever is there.
      const partial: SelfInput = {
        ratings: { 'agile-and-lean-practices': { level: 'working', evidence: 'Draft note' } },
      }
      detail = await w.pathway.saveSelf(person, person.user.id, draft.id, partial, draft.version, false)
      expect(detail.checkin.status).toBe('draft')
      expect(detail.checkin.version).toBe(draft.version + 1)
      expect(detail.skills[0]?.rating).toMatchObject({ selfLevel: 'working', selfEvidence: 'Draft note' })
      expect(detail.skills[1]?.rating.selfLevel).toBeNull()
      expect(await w.pathway.startCheckin(person, person.user.id)).toMatchObject({ id: draft.id })

      // Submitting needs every level.
      const missing = await rejection(
        w.pathway.saveSelf(person, person.user.id, draft.id, partial, detail.checkin.version, true),
      )
      expect(missing).toBeInstanceOf(ValidationError)
      const fields = (missing as ValidationError).fieldErrors
      expect(Object.keys(fields)).toHaveLength(8)
      expect(fields['level-strategic-ownership']).toBe('Select your level for Strategic ownership')

      const self = allAt(PM_SKILLS, 'practitioner')
      const selfRatings = self.ratings as Record<string, { level: Level; evidence: string }>
      selfRatings['product-management'] = { level: 'expert', evidence: 'I led the claims service' }
      detail = await w.pathway.saveSelf(person, person.user.id, draft.id, self, detail.checkin.version, true)
      expect(detail.checkin.status).toBe('submitted')
      expect(detail.checkin.submittedAt).not.toBeNull()

      // Once submitted, the person cannot change it.
      expect(
        await rejection(w.pathway.saveSelf(person, person.user.id, draft.id, self, detail.checkin.version, false)),
      ).toBeInstanceOf(CheckinStageError)

      // Only the line manager reviews, and gives a level for every skill.
      expect(
        await rejection(
          w.pathway.saveReview(person, person.user.id, draft.id, { ratings: {} }, detail.checkin.version),
        ),
      ).toBeInstanceOf(ForbiddenError)
      expect(
        await rejection(
          w.pathway.saveReview(manager, person.user.id, draft.id, { ratings: {} }, detail.checkin.version),
        ),
      ).toBeInstanceOf(ValidationError)
      // Agreement waits for the manager's view.
      expect(
        await rejection(
          w.pathway.agree(manager, person.user.id, draft.id, { ratings: {}, note: '' }, detail.checkin.version),
        ),
      ).toBeInstanceOf(CheckinStageError)

      const review = {
        ratings: Object.fromEntries(
          PM_SKILLS.map(s => [
            s,
            {
              level: (s === 'product-management' ? 'practitioner' : 'practitioner') as Level,
              note: 'Manager private note',
            },
          ]),
        ),
      }
      review.ratings['strategic-ownership'] = { level: 'working', note: 'Needs a plan' }
      detail = await w.pathway.saveReview(manager, person.user.id, draft.id, review, detail.checkin.version)
      expect(detail.checkin.status).toBe('reviewed')
      expect(detail.checkin.reviewedAt).not.toBeNull()
      // Where the two views differ.
      expect(detail.skills.filter(s => s.differs).map(s => s.skill.slug)).toEqual([
        'product-management',
        'strategic-ownership',
      ])
      const pm = detail.skills.find(s => s.skill.slug === 'product-management')
      expect(pm?.rating).toMatchObject({ selfLevel: 'expert', managerLevel: 'practitioner' })

      const agreed = {
        note: 'Overall private note',
        ratings: Object.fromEntries(
          PM_SKILLS.map(s => [s, { level: 'practitioner' as Level, note: 'Agreed private note' }]),
        ),
      }
      agreed.ratings['strategic-ownership'] = { level: 'working', note: '' }
      detail = await w.pathway.agree(manager, person.user.id, draft.id, agreed, detail.checkin.version)
      expect(detail.checkin.status).toBe('agreed')
      expect(detail.checkin.agreedAt).not.toBeNull()
      expect(detail.checkin.agreedNote).toBe('Overall private note')
      expect(detail.skills.find(s => s.skill.slug === 'strategic-ownership')?.rating.agreedLevel).toBe('working')

      const levels = await w.pathway.currentLevels(person.user.id)
      expect(levels.get('product-management')).toBe('practitioner')
      expect(levels.get('strategic-ownership')).toBe('working')
      expect(levels.size).toBe(9)

      const events = await w.events()
      const ours = events.filter(e => e.action.startsWith('checkin.'))
      expect(ours.map(e => e.action).sort()).toEqual(['checkin.agreed', 'checkin.reviewed', 'checkin.submitted'])
      for (const e of ours) expect(e.summary).not.toMatch(/private|evidence|claims service|Needs a plan|practitioner/i)
      expect(ours.find(e => e.action === 'checkin.reviewed')?.summary).toBe(
        "Gave a line manager's view of Pat Person's check-in",
      )
    })

    it('refuses someone with no profile, and anyone starting a check-in for someone else', async () => {
      w = await world(dialect)
      const user = await insertUser(w.db, { name: 'Nadia Nobody' })
      const nobody = await w.viewerOf(user.id)
      const error = await rejection(w.pathway.startCheckin(nobody, user.id))
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors.start).toBe(NO_PROFILE_MESSAGE)

      const { manager, person } = await team()
      expect(await rejection(w.pathway.startCheckin(manager, person.user.id))).toBeInstanceOf(ForbiddenError)
    })

    it('starts no second check-in while one is with the line manager', async () => {
      w = await world(dialect)
      const { person } = await team()
      const draft = await w.pathway.startCheckin(person, person.user.id)
      await w.pathway.saveSelf(person, person.user.id, draft.id, allAt(PM_SKILLS, 'working'), draft.version, true)
      const error = await rejection(w.pathway.startCheckin(person, person.user.id))
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).fieldErrors.start).toMatch(/has not finished your last check-in/)
      expect((await w.pathway.openCheckin(person.user.id))?.status).toBe('submitted')
    })

    it('needs a line manager to submit to', async () => {
      w = await world(dialect)
      const loner = await w.person('Lone Person')
      const draft = await w.pathway.startCheckin(loner, loner.user.id)
      const error = await rejection(
        w.pathway.saveSelf(loner, loner.user.id, draft.id, allAt(PM_SKILLS, 'working'), draft.version, true),
      )
      expect((error as ValidationError).fieldErrors.form).toMatch(/do not have a line manager/)
    })

    it('refuses a save from a stale version and reports what is saved now', async () => {
      w = await world(dialect)
      const { person } = await team()
      const draft = await w.pathway.startCheckin(person, person.user.id)
      // Saved in one tab…
      await w.pathway.saveSelf(
        person,
        person.user.id,
        draft.id,
        allAt(PM_SKILLS, 'expert', 'From tab one'),
        draft.version,
        false,
      )
      // …then saved again from a tab opened before that.
      const error = await rejection(
        w.pathway.saveSelf(
          person,
          person.user.id,
          draft.id,
          allAt(PM_SKILLS, 'awareness', 'From tab two'),
          draft.version,
          false,
        ),
      )
      expect(error).toBeInstanceOf(StaleVersionError)
      const latest = (error as StaleVersionError<CheckinDetail>).latest
      expect(latest.checkin.version).toBe(draft.version + 1)
      expect(latest.skills[0]?.rating).toMatchObject({ selfLevel: 'expert', selfEvidence: 'From tab one' })
      // Nothing from the stale tab was saved.
      const now = await w.pathway.checkin(person.user.id, draft.id)
      expect(now.skills.every(s => s.rating.selfEvidence === 'From tab one')).toBe(true)
    })

    it('answers not found for a check-in of someone else', async () => {
      w = await world(dialect)
      const { manager, person } = await team()
      const draft = await w.pathway.startCheckin(person, person.user.id)
      expect(await rejection(w.pathway.checkin(manager.user.id, draft.id))).toBeInstanceOf(NotFoundError)
    })
  })

  describe('current levels', () => {
    it('come from the latest agreed check-in in the current version, of either kind', async () => {
      w = await world(dialect)
      const { person } = await team()
      const other = await w.person('Olu Other', { businessArea: 'Tax' })
      const v1 = await w.framework.current()
      const id = person.user.id
      await w.agreed({
        personId: id,
        versionId: v1.id,
        agreedAt: '2026-01-10T09:00:00.000Z',
        levels: { 'product-management': 'awareness' },
      })
      await w.agreed({
        personId: id,
        versionId: v1.id,
        agreedAt: '2026-05-10T09:00:00.000Z',
        levels: { 'product-management': 'practitioner', 'strategic-ownership': 'working' },
      })
      // The same moment, created later: the later one wins.
      await w.agreed({
        personId: id,
        versionId: v1.id,
        agreedAt: '2026-03-01T09:00:00.000Z',
        levels: { 'product-management': 'working' },
      })
      await w.agreed({
        personId: other.user.id,
        versionId: v1.id,
        agreedAt: '2026-02-01T09:00:00.000Z',
        levels: { 'product-management': 'expert' },
      })
      // Neither drafts nor submitted check-ins count.
      const draft = await w.pathway.startCheckin(person, id)
      await w.pathway.saveSelf(person, id, draft.id, allAt(PM_SKILLS, 'expert'), draft.version, true)

      expect(Object.fromEntries(await w.pathway.currentLevels(id))).toEqual({
        'product-management': 'practitioner',
        'strategic-ownership': 'working',
      })
      const both = await w.pathway.currentLevelsFor([id, other.user.id, 'nobody'])
      expect(both.size).toBe(2)
      expect(both.get(other.user.id)?.get('product-management')).toBe('expert')
      const benefits = await w.pathway.currentLevelsFor({ businessArea: 'Benefits' })
      expect([...benefits.keys()]).toEqual([id])
      const everyone = await w.pathway.currentLevelsFor({ businessArea: null })
      expect(everyone.size).toBe(2)
      expect((await w.pathway.currentLevelsFor({ careerRole: 'head-of-product' })).size).toBe(0)

      // A newer version made from this one by an approved change: levels agreed against the older
      // one still count, skill for skill, until a later check-in (carried over or not) replaces them.
      await w.db.updateTable('framework_versions').set({ status: 'superseded' }).execute()
      const v2Id = newId()
      await new FrameworkRepository().insertVersion(w.db, {
        id: v2Id,
        number: 2,
        name: v1.name,
        status: 'current',
        note: 'Next',
        createdAt: '2026-06-01T09:00:00.000Z',
        createdBy: null,
        createdByName: 'Valuekit',
        approvedByName: null,
        document: bundledDocument({ base: '2025', leadership: false }),
      })
      expect(Object.fromEntries(await w.pathway.currentLevels(id))).toEqual({
        'product-management': 'practitioner',
        'strategic-ownership': 'working',
      })
      await w.agreed({
        personId: id,
        versionId: v2Id,
        agreedAt: '2026-06-02T09:00:00.000Z',
        kind: 'carried-over',
        levels: { 'product-management': 'practitioner' },
      })
      expect(Object.fromEntries(await w.pathway.currentLevels(id))).toEqual({ 'product-management': 'practitioner' })
      // A check-in begun in the old version and agreed later still counts: its skills mean the same.
      await w.agreed({
        personId: id,
        versionId: v1.id,
        agreedAt: '2026-07-01T09:00:00.000Z',
        levels: { 'product-management': 'expert' },
      })
      expect(Object.fromEntries(await w.pathway.currentLevels(id))).toEqual({ 'product-management': 'expert' })
    })

    it('knows who is overdue: nobody agreed a check-in in the last 182 days', async () => {
      w = await world(dialect)
      const { manager, person } = await team()
      const fresh = await w.person('Fran Fresh', { lineManagerId: manager.user.id })
      const never = await w.person('Nev Never', { lineManagerId: manager.user.id })
      const v1 = await w.framework.current()
      const now = new Date('2026-11-24T10:00:00.000Z')
      const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString()
      await w.agreed({
        personId: person.user.id,
        versionId: v1.id,
        agreedAt: daysAgo(CHECKIN_DUE_DAYS + 3),
        levels: { 'product-management': 'working' },
      })
      await w.agreed({
        personId: fresh.user.id,
        versionId: v1.id,
        agreedAt: daysAgo(20),
        levels: { 'product-management': 'working' },
      })

      const last = await w.pathway.lastAgreedFor([person.user.id, fresh.user.id, never.user.id])
      expect(last.get(person.user.id)).toBe(daysAgo(CHECKIN_DUE_DAYS + 3))
      expect(last.has(never.user.id)).toBe(false)
      expect(isCheckinOverdue(last.get(person.user.id) ?? null, now)).toBe(true)
      expect(isCheckinOverdue(last.get(fresh.user.id) ?? null, now)).toBe(false)
      expect(isCheckinOverdue(null, now)).toBe(true)
      expect(isCheckinOverdue(daysAgo(CHECKIN_DUE_DAYS - 1), now)).toBe(false)

      const view = await w.pathway.team(manager)
      expect(view?.overdue.map(o => o.name)).toEqual(['Nev Never', 'Pat Person'])
      expect(view?.members.map(m => [m.name, m.overdue])).toEqual([
        ['Fran Fresh', false],
        ['Nev Never', true],
        ['Pat Person', true],
      ])
      expect(await w.pathway.team(person)).toBeNull()

      // Levels carried across to a new framework version (as every approved change does) are not a
      // check-in: the person is still overdue one, as on the profession views.
      const before = (await w.pathway.lastAgreedFor([person.user.id])).get(person.user.id)
      await w.agreed({
        personId: person.user.id,
        versionId: v1.id,
        agreedAt: daysAgo(1),
        kind: 'carried-over',
        levels: { 'product-management': 'working' },
      })
      expect((await w.pathway.lastAgreedFor([person.user.id])).get(person.user.id)).toBe(before)
      expect((await w.pathway.team(manager))?.overdue.map(o => o.name)).toEqual(['Nev Never', 'Pat Person'])
    })
  })

  describe('the team page', () => {
    it('shows what waits for the line manager, and no drafts', async () => {
      w = await world(dialect)
      const { manager, person } = await team()
      const drafter = await w.person('Dee Drafter', { lineManagerId: manager.user.id })
      const d1 = await w.pathway.startCheckin(person, person.user.id)
      await w.pathway.saveSelf(person, person.user.id, d1.id, allAt(PM_SKILLS, 'working'), d1.version, true)
      await w.pathway.startCheckin(drafter, drafter.user.id)

      const view = await w.pathway.team(manager)
      expect(view?.waiting.map(c => [c.name, c.status])).toEqual([['Pat Person', 'submitted']])
      const byName = new Map(view?.members.map(m => [m.name, m]))
      expect(byName.get('Pat Person')).toMatchObject({ waiting: true, roleName: 'Product manager' })
      expect(byName.get('Pat Person')?.latest?.status).toBe('submitted')
      expect(byName.get('Dee Drafter')?.latest).toBeNull()
    })
  })

  describe('overdue check-ins', () => {
    // 182 days after 1 March 2026 is 30 August 2026. In August the UK is an hour ahead of UTC,
    // so 30 August starts at 23:00 UTC on 29 August.
    it('counts a check-in overdue from the UK day 182 days after it was agreed, on My pathway and the team page', async () => {
      w = await world(dialect)
      const { manager, person } = await team()
      const v1 = await w.framework.current()
      await w.agreed({
        personId: person.user.id,
        versionId: v1.id,
        agreedAt: '2026-03-01T09:00:00.000Z',
        levels: { 'product-management': 'working' },
      })
      const world_ = w
      const at = async (time: string) => {
        world_.clock.now = new Date(time)
        const mine = await world_.pathway.pathway(person, person.user.id)
        const theTeam = await world_.pathway.team(manager)
        return {
          myPathway: mine.hasProfile && mine.overdue,
          listed: theTeam?.overdue.map(o => o.name),
          flagged: theTeam?.members.find(m => m.name === 'Pat Person')?.overdue,
        }
      }
      // 29 August (the clock moves a second each time it is read): the cut-off date is 28 February.
      expect(await at('2026-08-29T22:59:00.000Z')).toEqual({ myPathway: false, listed: [], flagged: false })
      // Just after midnight on 30 August: the cut-off date is 1 March, the day it was agreed.
      expect(await at('2026-08-29T23:00:30.000Z')).toEqual({ myPathway: true, listed: ['Pat Person'], flagged: true })
      // 31 August: the cut-off date is 2 March, the day after.
      expect(await at('2026-08-31T12:00:00.000Z')).toEqual({ myPathway: true, listed: ['Pat Person'], flagged: true })
    })

    it('gives the same answer for each person on My pathway, the team page and the capability view', async () => {
      w = await world(dialect)
      const world_ = w
      const manager = await w.person('Mel Manager', { careerRole: 'senior-product-manager' })
      const head = await w.person('Hana Head', { headOfProfession: true })
      const v1 = await w.framework.current()
      // The capability view on a clock that stands still, so all three read the same day.
      const profession = servicesOn(w.testDb, { clock: () => new Date(world_.clock.now) }).profession
      const reports = new Map<string, Viewer>()
      // Around the cut-off date of 30 August 2026, 1 March (GMT, so UK and UTC days are the same).
      const agreed: Record<string, string | null> = {
        'Ann Afternoon-before': '2026-02-28T12:00:00.000Z',
        'Bob Before-midnight': '2026-02-28T23:30:00.000Z',
        'Cat Cut-off-day': '2026-03-01T09:00:00.000Z',
        'Dan Day-after': '2026-03-02T08:00:00.000Z',
        'Eve Ever-since': null,
      }
      for (const [name, agreedAt] of Object.entries(agreed)) {
        const report = await w.person(name, { lineManagerId: manager.user.id })
        reports.set(name, report)
        if (agreedAt)
          await w.agreed({
            personId: report.user.id,
            versionId: v1.id,
            agreedAt,
            levels: { 'product-management': 'working' },
          })
      }

      const answers = async (time: string) => {
        world_.clock.now = new Date(time)
        const myPathway: string[] = []
        for (const [name, report] of reports) {
          const view = await world_.pathway.pathway(report, report.user.id)
          if (view.hasProfile && view.overdue) myPathway.push(name)
        }
        world_.clock.now = new Date(time)
        const theTeam = await world_.pathway.team(manager)
        world_.clock.now = new Date(time)
        const capability = await profession.capability(await profession.snapshot(head), parseCapabilityQuery({}))
        return {
          myPathway,
          teamList: theTeam?.overdue.map(o => o.name).sort(),
          teamFlags: theTeam?.members.filter(m => m.overdue).map(m => m.name),
          capability: capability.overdue.rows
            .map(o => o.name)
            .filter(n => reports.has(n))
            .sort(),
        }
      }
      const expectAllToBe = async (time: string, overdue: string[]) => {
        const seen = await answers(time)
        expect(seen).toEqual({ myPathway: overdue, teamList: overdue, teamFlags: overdue, capability: overdue })
      }

      // Just after midnight on 30 August (UK): everyone agreed on or before 1 March is overdue.
      await expectAllToBe('2026-08-29T23:00:05.000Z', [
        'Ann Afternoon-before',
        'Bob Before-midnight',
        'Cat Cut-off-day',
        'Eve Ever-since',
      ])
      // Just before it, on 29 August, the cut-off date was 28 February.
      await expectAllToBe('2026-08-29T22:58:00.000Z', ['Ann Afternoon-before', 'Bob Before-midnight', 'Eve Ever-since'])
    })
  })

  describe('old check-ins', () => {
    it('read against the framework version they were made in', async () => {
      // Version 1 is the 2017 framework; version 2 (current) is 2025.
      w = await world(dialect, '2017')
      const { person } = await team()
      const v1 = await w.framework.current()
      await w.db.updateTable('framework_versions').set({ status: 'superseded' }).execute()
      await new FrameworkRepository().insertVersion(w.db, {
        id: newId(),
        number: 2,
        name: 'Current',
        status: 'current',
        note: '',
        createdAt: '2026-06-01T09:00:00.000Z',
        createdBy: null,
        createdByName: 'Valuekit',
        approvedByName: null,
        document: bundledDocument({ base: '2025', leadership: false }),
      })
      const oldId = await w.agreed({
        personId: person.user.id,
        versionId: v1.id,
        agreedAt: '2026-01-01T09:00:00.000Z',
        levels: { 'user-focus': 'working', 'working-with-agility': 'practitioner' },
      })
      const detail = await w.pathway.checkin(person.user.id, oldId)
      expect(detail.isCurrentVersion).toBe(false)
      expect(detail.version.number).toBe(1)
      const names = detail.skills.map(s => s.skill.name)
      const oldNames = FRAMEWORK_2017.skills.filter(s => ['user-focus', 'working-with-agility'].includes(s.slug))
      expect(names.sort()).toEqual(oldNames.map(s => s.name).sort())
      const userFocus = detail.skills.find(s => s.skill.slug === 'user-focus')
      expect(userFocus?.skill.descriptors?.working).toBe(
        FRAMEWORK_2017.skills.find(s => s.slug === 'user-focus')?.descriptors.working,
      )
      expect(userFocus?.expected).toBe('practitioner')
      expect((await w.pathway.currentLevels(person.user.id)).size).toBe(0)
    })
  })

  describe('a pathway', () => {
    it('compares levels with this role and the next, lists gaps biggest first with suggestions, and the history', async () => {
      w = await world(dialect)
      const { manager, person } = await team()
      const v1 = await w.framework.current()
      const section = await insertSection(w.db)
      const resource = (n: number) => ({
        kind: 'reading' as const,
        title: `Book ${n}`,
        author: 'An Author',
        format: 'Book',
        length: '200 pages',
        url: `https://example.org/book-${n}`,
      })
      for (let n = 1; n <= 4; n++)
        await w.handbook.createPage(w.founder, {
          title: `Strategy page ${n}`,
          summary: 'About strategy',
          sectionId: section.id,
          body: 'Text.',
          roles: [],
          skills: ['strategic-ownership'],
          resources: [
            resource(n),
            { ...resource(n), title: 'A link that is not on the web', url: 'ftp://example.org/x' },
          ],
          changeNote: '',
        })
      const agreedLevels = Object.fromEntries(PM_SKILLS.map(s => [s, 'practitioner' as Level]))
      agreedLevels['strategic-ownership'] = 'awareness'
      agreedLevels['life-cycle-management'] = 'working'
      agreedLevels['product-management'] = 'expert'
      await w.agreed({
        personId: person.user.id,
        versionId: v1.id,
        agreedAt: '2026-09-01T09:00:00.000Z',
        levels: agreedLevels,
      })
      const draft = await w.pathway.startCheckin(person, person.user.id)

      const view = await w.pathway.pathway(person, person.user.id)
      if (!view.hasProfile) throw new Error('Expected a profile')
      expect(view.role.name).toBe('Product manager')
      expect(view.next?.slug).toBe('senior-product-manager')
      expect(view.radars.map(r => r.id)).toEqual(['radar-current', 'radar-next'])
      expect(view.radars[0]?.axes).toHaveLength(9)
      expect(view.radars[0]?.series.map(s => s.key)).toEqual(['self', 'agreed', 'expected'])
      const row = view.rows.find(r => r.skill.slug === 'strategic-ownership')
      expect(row).toMatchObject({
        self: 'awareness',
        agreed: 'awareness',
        expectedCurrent: 'working',
        expectedNext: 'practitioner',
      })

      // Senior product manager expects practitioner on everything but product management (expert).
      expect(view.gaps.map(g => [g.skill.slug, g.size])).toEqual([
        ['strategic-ownership', 2],
        ['life-cycle-management', 1],
      ])
      const strategy = view.gaps[0]
      expect(strategy?.pages.map(p => p.title)).toEqual(['Strategy page 1', 'Strategy page 2', 'Strategy page 3'])
      expect(strategy?.resources.map(r => r.title)).toEqual(['Book 1', 'Book 2', 'Book 3'])
      const link = new URL(strategy?.pages[0]?.planHref ?? '', 'https://valuekit.test')
      expect(link.pathname).toBe(`/people/${person.user.id}/plan/goals/new`)
      expect(Object.fromEntries(link.searchParams)).toEqual({
        skill: 'strategic-ownership',
        title: 'Read Strategy page 1',
        sourceTitle: 'Strategy page 1',
        sourceUrl: expect.stringMatching(/^\/handbook\/strategy-page-1/),
      })
      expect(view.gaps[1]?.pages).toEqual([])

      expect(view.history.map(h => h.checkin.status)).toEqual(['draft', 'agreed'])
      // Strategic ownership (awareness) is below what a product manager is expected to have (working).
      expect(view.history[1]?.met).toEqual({ count: 8, of: 9 })
      expect(view.open?.id).toBe(draft.id)
      expect(view.lastAgreedAt).toBe('2026-09-01T09:00:00.000Z')
      expect(view.overdue).toBe(false)

      // The line manager sees the same pathway, but not the draft.
      const theirs = await w.pathway.pathway(manager, person.user.id)
      if (!theirs.hasProfile) throw new Error('Expected a profile')
      expect(theirs.history.map(h => h.checkin.status)).toEqual(['agreed'])
      expect(theirs.open).toBeNull()
      // Someone else in the profession sees nothing.
      const stranger = await w.person('Sam Stranger', { businessArea: 'Tax' })
      expect(await rejection(w.pathway.pathway(stranger, person.user.id))).toBeInstanceOf(ForbiddenError)
    })

    it('uses the current role for gaps at the top of the pathway', async () => {
      w = await world(dialect)
      const head = await w.person('Hana Head', { careerRole: 'head-of-product' })
      const view = await w.pathway.pathway(head, head.user.id)
      if (!view.hasProfile) throw new Error('Expected a profile')
      expect(view.next).toBeNull()
      expect(view.radars).toHaveLength(1)
      expect(view.gapsFor.slug).toBe('head-of-product')
      expect(view.gaps).toHaveLength(9)
      expect(view.gaps.every(g => g.size === 4)).toBe(true)
      expect(view.overdue).toBe(true)
    })

    it('has nothing to show for someone not in the profession', async () => {
      w = await world(dialect)
      const user = await insertUser(w.db, { name: 'Nadia Nobody' })
      const viewer = await w.viewerOf(user.id)
      expect(await w.pathway.pathway(viewer, user.id)).toMatchObject({ hasProfile: false })
    })
  })

  describe('roles and skills', () => {
    it('finds the next role in the shape and the skills a role is assessed on', async () => {
      w = await world(dialect)
      const doc = (await w.framework.current()).document
      expect(nextRole(doc, 'enterprise', 'senior-product-manager')?.slug).toBe('lead-product-manager')
      expect(nextRole(doc, 'medium', 'senior-product-manager')?.slug).toBe('head-of-product')
      expect(nextRole(doc, 'small', 'product-manager')?.slug).toBe('head-of-product')
      expect(nextRole(doc, 'small', 'senior-product-manager')).toBeNull()
      expect(nextRole(doc, 'enterprise', 'head-of-product')).toBeNull()
      expect(roleSkills(doc, 'product-manager').map(s => s.slug)).toEqual(activeSkills(doc).map(s => s.slug))
      const withLeadership = bundledDocument({ base: '2025', leadership: true })
      const apm = roleSkills(withLeadership, 'associate-product-manager').map(s => s.slug)
      const head = roleSkills(withLeadership, 'head-of-product').map(s => s.slug)
      expect(head.length).toBeGreaterThan(apm.length)
    })
  })
})
