// The development service on both engines, wired as src/app.ts wires it: real repositories, a
// real people, handbook and audit service, and a clock the tests move.
import { rejection } from '../../test/assert.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, installOrganisation } from '../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import { AuditRepository } from '../audit/audit.repository.ts'
import type { DbExecutor } from '../db/connect.ts'
import { FrameworkRepository } from '../framework/framework.repository.ts'
import type { FrameworkVersion } from '../framework/framework.types.ts'
import type { Person, ProfileChanges } from '../people/people.types.ts'
import type { PeopleService } from '../people/people.service.ts'
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/roles.ts'
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import type { Meeting } from './development.repository.ts'
import type { GoalForm } from './development.schemas.ts'
import { cadenceOf, type DevelopmentService, type GoalView } from './development.service.ts'

/** The framework's versions as stored, with skills the test retires marked retired in the current one. */
class RetiringFrameworkRepository extends FrameworkRepository {
  readonly retired = new Set<string>()
  override async findCurrent(db: DbExecutor): Promise<FrameworkVersion | null> {
    const current = await super.findCurrent(db)
    if (!current || this.retired.size === 0) return current
    const skills = current.document.skills.map(s => (this.retired.has(s.slug) ? { ...s, retired: true } : s))
    return { ...current, document: { ...current.document, skills } }
  }
}

const DAY = 86_400_000

describe('cadence', () => {
  it('is due the cadence after the last 1:1 and overdue the day after', () => {
    expect(cadenceOf(14, { lastHeldOn: '2026-11-10', nextPlannedOn: null }, '2026-11-24')).toMatchObject({
      nextDueOn: '2026-11-24',
      status: 'on-track',
      daysOverdue: 0,
    })
    expect(cadenceOf(14, { lastHeldOn: '2026-11-09', nextPlannedOn: '2026-11-30' }, '2026-11-24')).toMatchObject({
      nextDueOn: '2026-11-23',
      nextPlannedOn: '2026-11-30',
      status: 'overdue',
      daysOverdue: 1,
    })
    expect(cadenceOf(28, undefined, '2026-11-24')).toMatchObject({ status: 'none', nextDueOn: null, days: 28 })
  })

  it('counts across the change to summer time without losing a day', () => {
    expect(cadenceOf(14, { lastHeldOn: '2027-03-20', nextPlannedOn: null }, '2027-04-05')).toMatchObject({
      nextDueOn: '2027-04-03',
      daysOverdue: 2,
    })
  })
})

describe.each(DIALECTS)('development service on %s', dialect => {
  let testDb: TestDb
  let development: DevelopmentService
  let people: PeopleService
  let now = new Date('2026-11-24T10:00:00.000Z')
  const clock = () => new Date(now)
  const advance = (days: number) => {
    now = new Date(now.getTime() + days * DAY)
  }
  const frameworkRepo = new RetiringFrameworkRepository()
  let associate: Person
  let manager: Person & Actor
  let senior: Person & Actor
  let other: Person & Actor
  let actorOfAssociate: Actor

  const goalForm = (o: Partial<GoalForm> = {}): GoalForm => ({
    title: 'Lead a discovery',
    measure: 'I have shared what we learned at a show and tell',
    dueOn: '2027-03-31',
    skills: ['life-cycle-management'],
    status: 'not-started',
    sourceTitle: null,
    sourceUrl: null,
    version: null,
    ...o,
  })
  const auditSummaries = async () =>
    (await new AuditRepository().list(testDb.db.kysely, {}, 100_000, 0)).events.map(e => e.summary)

  beforeAll(async () => {
    const built = await buildTestServices({ dialect, clock, replace: { framework: frameworkRepo } })
    testDb = built.testDb
    const db = built.db
    ;({ people, development } = built.services)
    // The skills goals link to: the 2025 framework with the leadership capabilities.
    await installOrganisation(built)

    const profile = (o: Partial<ProfileChanges>): ProfileChanges => ({
      careerRole: 'senior-product-manager',
      lineManagerId: null,
      associateOfId: null,
      businessArea: 'Digital',
      group: 'Payments',
      dateIntoRole: null,
      headOfProfession: false,
      oneToOneCadenceDays: 28,
      ...o,
    })
    const person = async (name: string, o: Partial<ProfileChanges>) => {
      const user = await insertUser(db, { name })
      return { ...(await people.saveProfile(SYSTEM_ACTOR, user.id, profile(o), 0)), name }
    }
    manager = await person('Mel Manager', {})
    senior = await person('Sam Senior', {})
    other = await person('Otto Other', { careerRole: 'product-manager', lineManagerId: manager.id })
    associate = await person('Ava Associate', {
      careerRole: 'associate-product-manager',
      lineManagerId: manager.id,
      associateOfId: senior.id,
      oneToOneCadenceDays: 14,
    })
    actorOfAssociate = { id: associate.id, name: associate.name }
  })
  afterAll(() => testDb.destroy())

  describe('goals', () => {
    it('go from not started to done, grouped by status, with overdue ones flagged', async () => {
      const goal = await development.addGoal(actorOfAssociate, associate, goalForm())
      const soon = await development.addGoal(
        manager,
        associate,
        goalForm({ title: 'Write stories', dueOn: '2026-12-01' }),
      )
      expect(goal).toMatchObject({ status: 'not-started', version: 1, skills: ['life-cycle-management'] })

      let plan = await development.plan(associate.id)
      expect(plan.groups.map(g => g.status)).toEqual(['not-started', 'in-progress', 'done', 'dropped'])
      expect(plan.groups[0]?.goals.map(g => g.title)).toEqual(['Write stories', 'Lead a discovery'])
      expect(plan.groups[0]?.goals[1]?.linkedSkills).toEqual([
        { slug: 'life-cycle-management', name: 'Life cycle management' },
      ])
      expect(plan.overdue).toBe(0)

      await development.changeGoal(actorOfAssociate, associate, goal.id, goalForm({ status: 'in-progress' }), 1)
      await development.changeGoal(
        actorOfAssociate,
        associate,
        soon.id,
        goalForm({ title: 'Write stories', dueOn: '2026-12-01', status: 'done' }),
        1,
      )
      plan = await development.plan(associate.id)
      expect(plan.groups[1]?.goals.map(g => g.title)).toEqual(['Lead a discovery'])
      expect(plan.groups[2]?.goals.map(g => g.title)).toEqual(['Write stories'])

      // Past their dates: only the goal still in progress is overdue.
      advance(200)
      try {
        plan = await development.plan(associate.id)
        expect(plan.overdue).toBe(1)
        expect(plan.groups[1]?.goals[0]?.overdue).toBe(true)
        expect(plan.groups[2]?.goals[0]?.overdue).toBe(false)
      } finally {
        advance(-200)
      }
      const summaries = await auditSummaries()
      expect(summaries).toContain('Added a goal to the development plan of Ava Associate')
      expect(summaries).toContain('Changed a goal in the development plan of Ava Associate (now done)')
      expect(summaries.some(s => s.includes('Lead a discovery'))).toBe(false)
    })

    it('refuses a save based on an old version, returning the latest', async () => {
      const goal = await development.addGoal(
        actorOfAssociate,
        associate,
        goalForm({ title: 'Present at a show and tell' }),
      )
      await development.changeGoal(manager, associate, goal.id, goalForm({ title: 'Present at two show and tells' }), 1)
      const error = await rejection(
        development.changeGoal(actorOfAssociate, associate, goal.id, goalForm({ title: 'Present once' }), 1),
      )
      expect(error).toBeInstanceOf(StaleVersionError)
      expect((error as StaleVersionError<GoalView>).latest).toMatchObject({
        title: 'Present at two show and tells',
        version: 2,
      })
      expect((await development.goal(associate.id, goal.id)).goal.title).toBe('Present at two show and tells')
    })

    it('links only to skills of the current framework, keeping retired ones a goal already has', async () => {
      expect(
        await rejection(development.addGoal(actorOfAssociate, associate, goalForm({ skills: ['no-such-skill'] }))),
      ).toBeInstanceOf(ValidationError)
      const goal = await development.addGoal(actorOfAssociate, associate, goalForm({ skills: ['product-leadership'] }))
      frameworkRepo.retired.add('product-leadership')
      try {
        expect((await development.skillChoices()).some(s => s.slug === 'product-leadership')).toBe(false)
        expect(
          await rejection(
            development.addGoal(actorOfAssociate, associate, goalForm({ skills: ['product-leadership'] })),
          ),
        ).toBeInstanceOf(ValidationError)
        await development.changeGoal(
          actorOfAssociate,
          associate,
          goal.id,
          goalForm({ skills: ['product-leadership'] }),
          1,
        )
        expect((await development.goal(associate.id, goal.id)).goal.skills).toEqual(['product-leadership'])
      } finally {
        frameworkRepo.retired.clear()
      }
    })

    it('keeps progress notes newest first, out of the audit log, and only on the person’s own goals', async () => {
      const goal = await development.addGoal(actorOfAssociate, associate, goalForm({ title: 'Learn Wardley mapping' }))
      await development.addGoalNote(actorOfAssociate, associate, goal.id, 'Read the first chapters')
      now = new Date(now.getTime() + 60_000)
      await development.addGoalNote(manager, associate, goal.id, 'Try it on the payments roadmap')
      const { goal: view, notes } = await development.goal(associate.id, goal.id)
      expect(view.noteCount).toBe(2)
      expect(notes.map(n => [n.text, n.authorName])).toEqual([
        ['Try it on the payments roadmap', 'Mel Manager'],
        ['Read the first chapters', 'Ava Associate'],
      ])
      expect((await auditSummaries()).some(s => s.includes('chapters') || s.includes('roadmap'))).toBe(false)
      expect(await rejection(development.goal(other.id, goal.id))).toBeInstanceOf(NotFoundError)
      const otherPerson = await people.get(other.id)
      expect(await rejection(development.addGoalNote(other, otherPerson, goal.id, 'Not mine'))).toBeInstanceOf(
        NotFoundError,
      )
    })
  })

  describe('1:1s', () => {
    let meetingId: string

    it('are recorded between the person and their line manager or associated senior only', async () => {
      const form = {
        withId: senior.id,
        heldOn: '2026-11-20',
        agenda: 'Rotation plans',
        notes: 'Spring move',
        version: null,
      }
      meetingId = await development.recordOneToOne(actorOfAssociate, associate, form)
      expect(
        await rejection(development.recordOneToOne(actorOfAssociate, associate, { ...form, withId: other.id })),
      ).toBeInstanceOf(ValidationError)
      // The line manager cannot record a 1:1 that is between the associate and someone else.
      expect(await rejection(development.recordOneToOne(manager, associate, form))).toBeInstanceOf(ForbiddenError)
      const { meeting } = await development.meeting(associate.id, meetingId)
      expect(meeting).toMatchObject({
        personName: 'Ava Associate',
        withName: 'Sam Senior',
        agenda: 'Rotation plans',
        version: 1,
      })
      expect(await auditSummaries()).toContain('Recorded a 1:1 between Ava Associate and Sam Senior')
      expect((await auditSummaries()).some(s => s.includes('Rotation plans') || s.includes('Spring move'))).toBe(false)
    })

    it('computes the next due date and overdue from the cadence and the clock', async () => {
      // Fortnightly, last on 20 November: due by 4 December.
      expect(await development.cadence(associate)).toMatchObject({
        days: 14,
        lastHeldOn: '2026-11-20',
        nextDueOn: '2026-12-04',
        status: 'on-track',
      })
      advance(11)
      try {
        expect(await development.cadence(associate)).toMatchObject({ status: 'overdue', daysOverdue: 1 })
      } finally {
        advance(-11)
      }
      // A 1:1 planned for later is not the last one.
      await development.recordOneToOne(manager, associate, {
        withId: manager.id,
        heldOn: '2026-12-02',
        agenda: 'Objectives',
        notes: '',
        version: null,
      })
      expect(await development.cadence(associate)).toMatchObject({
        lastHeldOn: '2026-11-20',
        nextPlannedOn: '2026-12-02',
      })
      const { meetings } = await development.oneToOnes(associate)
      expect(meetings.map(m => m.heldOn)).toEqual(['2026-12-02', '2026-11-20'])
      expect(Object.keys(meetings[0] ?? {})).not.toContain('notes')
      expect(Object.keys(meetings[0] ?? {})).not.toContain('agenda')
    })

    it('refuses a change based on an old version', async () => {
      await development.changeOneToOne(
        senior,
        associate,
        meetingId,
        { heldOn: '2026-11-20', agenda: 'Rotation plans', notes: 'Spring move agreed' },
        1,
      )
      const error = await rejection(
        development.changeOneToOne(
          actorOfAssociate,
          associate,
          meetingId,
          { heldOn: '2026-11-20', agenda: 'x', notes: 'y' },
          1,
        ),
      )
      expect(error).toBeInstanceOf(StaleVersionError)
      expect((error as StaleVersionError<Meeting>).latest).toMatchObject({ notes: 'Spring move agreed', version: 2 })
      expect(
        await rejection(
          development.changeOneToOne(manager, associate, meetingId, { heldOn: '2026-11-20', agenda: '', notes: '' }, 2),
        ),
      ).toBeInstanceOf(ForbiddenError)
    })

    it('has actions owned by one of the two, completed once', async () => {
      const form = { text: 'Book the move', ownerId: associate.id, dueOn: '2026-12-01' }
      expect(
        await rejection(development.addAction(senior, associate, meetingId, { ...form, ownerId: manager.id })),
      ).toBeInstanceOf(ValidationError)
      expect(await rejection(development.addAction(manager, associate, meetingId, form))).toBeInstanceOf(ForbiddenError)
      await development.addAction(senior, associate, meetingId, form)
      await development.addAction(actorOfAssociate, associate, meetingId, {
        ...form,
        text: 'Share the plan',
        ownerId: senior.id,
        dueOn: '2026-12-05',
      })
      let { actions } = await development.meeting(associate.id, meetingId)
      expect(actions.map(a => [a.text, a.ownerName, a.status])).toEqual([
        ['Book the move', 'Ava Associate', 'open'],
        ['Share the plan', 'Sam Senior', 'open'],
      ])
      const first = actions[0]?.id ?? ''
      expect(await development.completeAction(actorOfAssociate, associate, meetingId, first)).toBe(true)
      expect(await development.completeAction(actorOfAssociate, associate, meetingId, first)).toBe(false)
      expect(await rejection(development.completeAction(manager, associate, meetingId, first))).toBeInstanceOf(
        ForbiddenError,
      )
      ;({ actions } = await development.meeting(associate.id, meetingId))
      expect(actions.map(a => a.status)).toEqual(['open', 'done'])
      expect(actions[1]?.completedAt).toBe(now.toISOString())
      expect((await development.oneToOnes(associate)).meetings.find(m => m.id === meetingId)).toMatchObject({
        actionCount: 2,
        openActions: 1,
      })
    })

    it('gives a manager each of their people with the last 1:1, the next due and open actions', async () => {
      const forSenior = await development.overview(senior.id)
      expect(forSenior.map(r => [r.person.name, r.relationship, r.cadence.lastHeldOn, r.openActions])).toEqual([
        ['Ava Associate', 'associated senior product manager', '2026-11-20', 1],
      ])
      const forManager = await development.overview(manager.id)
      expect(forManager.map(r => [r.person.name, r.relationship, r.cadence.status, r.openActions])).toEqual([
        ['Ava Associate', 'line manager', 'on-track', 0],
        ['Otto Other', 'line manager', 'none', 0],
      ])
      expect(forManager[1]?.cadence.days).toBe(28)
      expect(await development.overview(other.id)).toEqual([])
    })
  })

  describe('rotations', () => {
    it('sum up the phases and stages experienced by placements started so far', async () => {
      await development.addRotation(senior, associate, {
        team: 'Licensing',
        product: 'Apply for a licence',
        phase: 'alpha',
        stage: 'introduction',
        startedOn: '2026-03-01',
        endedOn: '2026-08-31',
      })
      const current = await development.addRotation(manager, associate, {
        team: 'Payments',
        product: 'Pay a fine',
        phase: 'live',
        stage: 'maturity',
        startedOn: '2026-09-01',
        endedOn: null,
      })
      await development.addRotation(manager, associate, {
        team: 'Benefits',
        product: 'Claim a benefit',
        phase: 'beta',
        stage: 'growth',
        startedOn: '2027-04-01',
        endedOn: null,
      })
      const { placements, phases, stages } = await development.rotations(associate.id)
      expect(placements.map(p => [p.team, p.current])).toEqual([
        ['Benefits', false],
        ['Payments', true],
        ['Licensing', false],
      ])
      expect(phases.filter(p => p.placements > 0).map(p => p.slug)).toEqual(['alpha', 'live'])
      expect(stages.filter(s => s.placements === 0).map(s => s.label)).toEqual(['Growth', 'Decline'])

      await development.changeRotation(manager, associate, current.id, {
        team: 'Payments',
        product: 'Pay a fine',
        phase: 'retirement',
        stage: 'decline',
        startedOn: '2026-09-01',
        endedOn: '2026-11-01',
      })
      const after = await development.rotations(associate.id)
      expect(after.phases.filter(p => p.placements > 0).map(p => p.slug)).toEqual(['alpha', 'retirement'])
      expect(after.placements.find(p => p.id === current.id)?.current).toBe(false)
      expect(await rejection(development.rotation(other.id, current.id))).toBeInstanceOf(NotFoundError)
      expect(await auditSummaries()).toContain('Added a placement to the rotations of Ava Associate')
    })
  })
})
