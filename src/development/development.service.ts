// Development plans, 1:1s and rotations: a person's goals (with a measure, a date, linked skills,
// a status and progress notes), their 1:1s with their line manager or associated senior product
// manager (with a cadence and actions), and an associate's placements across teams, phases and
// lifecycle stages.
//
// Routes authorise who may do what (development.policy.ts); this service keeps the rules of the
// records themselves, and never puts what people wrote (goals' notes, agendas, 1:1 notes) in
// the audit log.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { HandbookService } from '../handbook/handbook.service.ts'
import type { Person } from '../people/people.types.ts'
import { defaultCadenceDays, type PeopleService } from '../people/people.service.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { addDays, daysBetween, ukToday } from '../platform/dates.ts'
import { ForbiddenError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import type {
  DevelopmentRepository,
  Goal,
  GoalNote,
  Meeting,
  MeetingAction,
  MeetingDates,
  MeetingSummary,
  OwnedAction,
  Rotation,
} from './development.repository.ts'
import { oneToOnePartners } from './development.policy.ts'
import {
  GOAL_STATUSES,
  GOAL_STATUS_LABELS,
  PHASES,
  PHASE_LABELS,
  STAGES,
  STAGE_LABELS,
  type ActionForm,
  type GoalForm,
  type GoalStatus,
  type MeetingForm,
  type RotationForm,
} from './development.schemas.ts'

/** A skill of the current framework version, as goals link to it. */
export interface SkillRef {
  readonly slug: string
  readonly name: string
  readonly group: string
  readonly retired?: boolean
}

/**
 * Where development gets the current framework version's skills, retired ones included: a port
 * implemented by FrameworkVersions and handed in by buildServices (src/services.ts).
 */
export interface SkillSource {
  currentSkills(): Promise<readonly SkillRef[]>
  /** Skills expected of the role or of the next one; null when every skill is open. */
  skillsForRole(roleSlug: string): Promise<ReadonlySet<string> | null>
}

export interface GoalView extends Goal {
  statusLabel: string
  /** Past its date and not done or dropped. */
  overdue: boolean
  linkedSkills: { slug: string; name: string }[]
}

export type CadenceStatus = 'overdue' | 'on-track' | 'none'

export interface Cadence {
  /** Days between 1:1s. */
  days: number
  lastHeldOn: string | null
  /** The date the next 1:1 should be held by: the last one plus the cadence. */
  nextDueOn: string | null
  /** A 1:1 already recorded for a date after today. */
  nextPlannedOn: string | null
  status: CadenceStatus
  daysOverdue: number
}

/** The days between a person's 1:1s: their own setting, or the default for their role. */
export const cadenceDaysOf = (p: Pick<Person, 'hasProfile' | 'oneToOneCadenceDays' | 'careerRole'>): number =>
  p.hasProfile && p.oneToOneCadenceDays > 0 ? p.oneToOneCadenceDays : defaultCadenceDays(p.careerRole ?? '')

/** A 1:1 is overdue when the last one is older than the cadence. */
export function cadenceOf(
  days: number,
  dates: Pick<MeetingDates, 'lastHeldOn' | 'nextPlannedOn'> | undefined,
  today: string,
): Cadence {
  const lastHeldOn = dates?.lastHeldOn ?? null
  const nextPlannedOn = dates?.nextPlannedOn ?? null
  if (!lastHeldOn) return { days, lastHeldOn, nextDueOn: null, nextPlannedOn, status: 'none', daysOverdue: 0 }
  const nextDueOn = addDays(lastHeldOn, days)
  const daysOverdue = Math.max(0, daysBetween(nextDueOn, today))
  return { days, lastHeldOn, nextDueOn, nextPlannedOn, status: daysOverdue > 0 ? 'overdue' : 'on-track', daysOverdue }
}

/** How many days ahead an open 1:1 action counts as due on someone's task list. */
export const ACTION_DUE_AHEAD_DAYS = 7
/** At most this many actions and goals are listed for one person at once. */
const TASK_LIMIT = 20

/** What needs a person in their development records, for their home page's task list. */
export interface DevelopmentTasks {
  today: string
  /** Their own 1:1s with their line manager or associated senior (null: not in the profession). */
  ownCadence: Cadence | null
  /** People they have 1:1s with as line manager or associated senior, whose 1:1 is overdue. */
  reportsOverdue: { person: Person; cadence: Cadence }[]
  /** Open actions they own, due within ACTION_DUE_AHEAD_DAYS or already past their date. */
  actions: OwnedAction[]
  /** Their goals past their date, not done or dropped. */
  goals: Goal[]
}

export type Relationship = 'line manager' | 'associated senior product manager'

export interface Partner {
  id: string
  name: string
  relationship: Relationship
}

export interface OverviewRow {
  person: Person
  relationship: Relationship
  cadence: Cadence
  openActions: number
}

export interface RotationView extends Rotation {
  phaseLabel: string
  stageLabel: string
  current: boolean
}

export interface Experience {
  slug: string
  label: string
  /** How many placements, started by today, were in this phase or stage. */
  placements: number
}

export class DevelopmentService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: DevelopmentRepository,
    private readonly people: PeopleService,
    private readonly handbook: HandbookService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly skills: SkillSource,
  ) {}

  today(): string {
    return ukToday(this.clock)
  }

  // ---- Skills ----

  /**
   * Skills a goal may link to: the current framework's, plus any retired ones it already has.
   * For a person in a career role, only the skills their role or the next one expects (and any
   * the goal already has): leadership skills are no choice for a product manager's goal.
   */
  async skillChoices(keep: readonly string[] = [], careerRole: string | null = null): Promise<SkillRef[]> {
    const all = await this.skills.currentSkills()
    const forRole = careerRole ? await this.skills.skillsForRole(careerRole) : null
    return all.filter(s => keep.includes(s.slug) || (!s.retired && (forRole === null || forRole.has(s.slug))))
  }

  private async skillNames(): Promise<Map<string, string>> {
    return new Map((await this.skills.currentSkills()).map(s => [s.slug, s.name]))
  }

  /** Handbook pages tagged with a skill, with their reading and training, to suggest goals. */
  async suggestionsFor(skill: string) {
    const known = (await this.skillChoices()).some(s => s.slug === skill)
    return known ? this.handbook.pagesForSkills([skill]) : []
  }

  // ---- Development plan ----

  private view(goal: Goal, names: Map<string, string>, today: string): GoalView {
    const status = (GOAL_STATUSES as readonly string[]).includes(goal.status)
      ? (goal.status as GoalStatus)
      : 'not-started'
    return {
      ...goal,
      status,
      statusLabel: GOAL_STATUS_LABELS[status],
      overdue: goal.dueOn < today && (status === 'not-started' || status === 'in-progress'),
      linkedSkills: goal.skills.map(slug => ({ slug, name: names.get(slug) ?? slug })),
    }
  }

  /** A person's goals grouped by status, in the order not started, in progress, done, dropped. */
  async plan(personId: string) {
    const [goals, names] = await Promise.all([this.repo.goalsOf(this.db, personId), this.skillNames()])
    const today = this.today()
    const views = goals.map(g => this.view(g, names, today))
    return {
      groups: GOAL_STATUSES.map(status => ({
        status,
        label: GOAL_STATUS_LABELS[status],
        goals: views.filter(g => g.status === status),
      })),
      total: views.length,
      overdue: views.filter(g => g.overdue).length,
    }
  }

  async goal(personId: string, goalId: string): Promise<{ goal: GoalView; notes: GoalNote[] }> {
    const goal = await this.repo.findGoal(this.db, goalId)
    if (!goal || goal.personId !== personId) throw new NotFoundError('No such goal')
    const [notes, names] = await Promise.all([this.repo.notesOf(this.db, goalId), this.skillNames()])
    return { goal: this.view(goal, names, this.today()), notes }
  }

  /** Goals link to current skills, and keep any since retired that they already had. */
  private checkSkills(all: readonly SkillRef[], skills: string[], keep: readonly string[] = []): void {
    const allowed = new Set(all.filter(s => !s.retired || keep.includes(s.slug)).map(s => s.slug))
    if (!skills.every(s => allowed.has(s))) throw new ValidationError({ skills: 'Select skills from the list' })
  }

  async addGoal(actor: Actor, person: Person, form: GoalForm): Promise<Goal> {
    this.checkSkills(await this.skills.currentSkills(), form.skills)
    const at = this.clock().toISOString()
    const id = newId()
    await this.db.transaction().execute(async trx => {
      await this.repo.insertGoal(trx, {
        id,
        personId: person.id,
        title: form.title,
        measure: form.measure,
        dueOn: form.dueOn,
        status: 'not-started',
        skills: form.skills,
        sourceTitle: form.sourceTitle,
        sourceUrl: form.sourceUrl,
        createdAt: at,
        updatedAt: at,
      })
      await this.audit.record(trx, actor, {
        action: 'goal.added',
        subjectType: 'person',
        subjectId: person.id,
        summary: `Added a goal to the development plan of ${person.name}`,
      })
    })
    const goal = await this.repo.findGoal(this.db, id)
    if (!goal) throw new NotFoundError('No such goal')
    return goal
  }

  /** Saves a goal if nobody saved it since expectedVersion, or throws StaleVersionError<GoalView> with theirs. */
  async changeGoal(
    actor: Actor,
    person: Person,
    goalId: string,
    form: GoalForm,
    expectedVersion: number,
  ): Promise<void> {
    const at = this.clock().toISOString()
    // Read before the transaction: on SQLite a query outside it would wait for it to end.
    const all = await this.skills.currentSkills()
    const names = new Map(all.map(s => [s.slug, s.name]))
    const today = this.today()
    await this.db.transaction().execute(async trx => {
      const before = await this.repo.findGoal(trx, goalId)
      if (!before || before.personId !== person.id) throw new NotFoundError('No such goal')
      this.checkSkills(all, form.skills, before.skills)
      const saved = await this.repo.updateGoal(trx, goalId, form, expectedVersion, at)
      if (!saved) {
        const latest = await this.repo.findGoal(trx, goalId)
        if (!latest) throw new NotFoundError('No such goal')
        throw new StaleVersionError(this.view(latest, names, today), 'Someone else changed this goal')
      }
      const statusChange =
        before.status !== form.status ? ` (now ${GOAL_STATUS_LABELS[form.status].toLowerCase()})` : ''
      await this.audit.record(trx, actor, {
        action: 'goal.changed',
        subjectType: 'person',
        subjectId: person.id,
        summary: `Changed a goal in the development plan of ${person.name}${statusChange}`,
      })
    })
  }

  async addGoalNote(actor: Actor, person: Person, goalId: string, text: string): Promise<void> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const goal = await this.repo.findGoal(trx, goalId)
      if (!goal || goal.personId !== person.id) throw new NotFoundError('No such goal')
      await this.repo.insertGoalNote(trx, {
        id: newId(),
        goalId,
        authorId: actor.id,
        authorName: actor.name,
        text,
        createdAt: at,
      })
      await this.audit.record(trx, actor, {
        action: 'goal.note-added',
        subjectType: 'person',
        subjectId: person.id,
        summary: `Added a progress note to a goal in the development plan of ${person.name}`,
      })
    })
  }

  // ---- 1:1s ----

  /** The people this person has 1:1s with. */
  partnersOf(person: Person): Partner[] {
    const partners: Partner[] = []
    if (person.lineManagerId)
      partners.push({ id: person.lineManagerId, name: person.lineManagerName ?? '', relationship: 'line manager' })
    if (person.associateOfId && person.associateOfId !== person.lineManagerId)
      partners.push({
        id: person.associateOfId,
        name: person.associateOfName ?? '',
        relationship: 'associated senior product manager',
      })
    return partners
  }

  async cadence(person: Person): Promise<Cadence> {
    const today = this.today()
    const [dates] = await this.repo.meetingDates(this.db, { personId: person.id }, today)
    return cadenceOf(cadenceDaysOf(person), dates, today)
  }

  /** A person's 1:1s (dates and who with, never what was said) and when the next is due. */
  async oneToOnes(person: Person): Promise<{ meetings: MeetingSummary[]; cadence: Cadence; today: string }> {
    const [meetings, cadence] = await Promise.all([this.repo.meetingsOf(this.db, person.id), this.cadence(person)])
    return { meetings, cadence, today: this.today() }
  }

  /** One 1:1 with its actions. The caller must have checked the viewer is one of the two. */
  async meeting(personId: string, meetingId: string): Promise<{ meeting: Meeting; actions: MeetingAction[] }> {
    const meeting = await this.findMeeting(personId, meetingId)
    const actions = await this.repo.actionsOf(this.db, meetingId)
    return { meeting, actions }
  }

  /** Loads a 1:1 of this person (without its actions), for checking who may see it. */
  async findMeeting(personId: string, meetingId: string): Promise<Meeting> {
    const meeting = await this.repo.findMeeting(this.db, meetingId)
    if (!meeting || meeting.personId !== personId) throw new NotFoundError('No such 1:1')
    return meeting
  }

  /** "Ava Associate and Sam Senior", for the audit log. */
  private async between(person: Person, withId: string): Promise<string> {
    return `${person.name} and ${(await this.people.get(withId)).name}`
  }

  async recordOneToOne(actor: Actor, person: Person, form: MeetingForm): Promise<string> {
    if (!oneToOnePartners(person).includes(form.withId))
      throw new ValidationError({ withId: 'Select who the 1:1 is with' })
    if (actor.id !== person.id && actor.id !== form.withId)
      throw new ForbiddenError('Only the two people in a 1:1 can record it')
    const at = this.clock().toISOString()
    const id = newId()
    const between = await this.between(person, form.withId)
    await this.db.transaction().execute(async trx => {
      await this.repo.insertMeeting(trx, {
        id,
        personId: person.id,
        withId: form.withId,
        heldOn: form.heldOn,
        agenda: form.agenda,
        notes: form.notes,
        createdAt: at,
      })
      await this.audit.record(trx, actor, {
        action: 'one-to-one.recorded',
        subjectType: 'person',
        subjectId: person.id,
        summary: `Recorded a 1:1 between ${between}`,
      })
    })
    return id
  }

  /** Saves a 1:1 if nobody saved it since expectedVersion, or throws StaleVersionError<Meeting> with theirs. */
  async changeOneToOne(
    actor: Actor,
    person: Person,
    meetingId: string,
    form: Pick<MeetingForm, 'heldOn' | 'agenda' | 'notes'>,
    expectedVersion: number,
  ): Promise<void> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const before = await this.repo.findMeeting(trx, meetingId)
      if (!before || before.personId !== person.id) throw new NotFoundError('No such 1:1')
      if (actor.id !== before.personId && actor.id !== before.withId)
        throw new ForbiddenError('Only the two people in a 1:1 can change it')
      if (!(await this.repo.updateMeeting(trx, meetingId, form, expectedVersion, at))) {
        const latest = await this.repo.findMeeting(trx, meetingId)
        if (!latest) throw new NotFoundError('No such 1:1')
        throw new StaleVersionError(latest, 'Someone else changed the record of this 1:1')
      }
      await this.audit.record(trx, actor, {
        action: 'one-to-one.changed',
        subjectType: 'person',
        subjectId: person.id,
        summary: `Changed the record of a 1:1 between ${before.personName} and ${before.withName}`,
      })
    })
  }

  async addAction(actor: Actor, person: Person, meetingId: string, form: ActionForm): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const meeting = await this.repo.findMeeting(trx, meetingId)
      if (!meeting || meeting.personId !== person.id) throw new NotFoundError('No such 1:1')
      if (actor.id !== meeting.personId && actor.id !== meeting.withId)
        throw new ForbiddenError('Only the two people in a 1:1 can add actions')
      if (form.ownerId !== meeting.personId && form.ownerId !== meeting.withId)
        throw new ValidationError({ ownerId: 'Select who will do the action' })
      await this.repo.insertAction(trx, {
        id: newId(),
        meetingId,
        text: form.text,
        ownerId: form.ownerId,
        ownerName: null,
        dueOn: form.dueOn,
        status: 'open',
        completedAt: null,
      })
      await this.audit.record(trx, actor, {
        action: 'one-to-one.action-added',
        subjectType: 'person',
        subjectId: person.id,
        summary: `Added an action to a 1:1 between ${meeting.personName} and ${meeting.withName}`,
      })
    })
  }

  /** Marks an action done; says whether it was open (marking a done action again changes nothing). */
  async completeAction(actor: Actor, person: Person, meetingId: string, actionId: string): Promise<boolean> {
    const at = this.clock().toISOString()
    return this.db.transaction().execute(async trx => {
      const meeting = await this.repo.findMeeting(trx, meetingId)
      if (!meeting || meeting.personId !== person.id) throw new NotFoundError('No such 1:1')
      if (actor.id !== meeting.personId && actor.id !== meeting.withId)
        throw new ForbiddenError('Only the two people in a 1:1 can complete its actions')
      const action = await this.repo.findAction(trx, meetingId, actionId)
      if (!action) throw new NotFoundError('No such action')
      const changed = await this.repo.completeAction(trx, meetingId, actionId, at)
      if (changed)
        await this.audit.record(trx, actor, {
          action: 'one-to-one.action-done',
          subjectType: 'person',
          subjectId: person.id,
          summary: `Completed an action from a 1:1 between ${meeting.personName} and ${meeting.withName}`,
        })
      return changed
    })
  }

  /**
   * For a manager: each person whose line manager or associated senior they are, with their
   * last 1:1, the next due, whether it is overdue and the open actions from 1:1s with the
   * manager. Three queries, whatever the number of people.
   */
  async overview(managerId: string): Promise<OverviewRow[]> {
    const today = this.today()
    const [reports, dates, open] = await Promise.all([
      this.people.reportsOf(managerId),
      this.repo.meetingDates(this.db, { reportsOf: managerId }, today),
      this.repo.openActionsWith(this.db, managerId),
    ])
    const byPerson = new Map(dates.map(d => [d.personId, d]))
    return reports
      .filter(p => p.id !== managerId)
      .map(p => ({
        person: p,
        relationship:
          p.lineManagerId === managerId ? ('line manager' as const) : ('associated senior product manager' as const),
        cadence: cadenceOf(cadenceDaysOf(p), byPerson.get(p.id), today),
        openActions: open.get(p.id) ?? 0,
      }))
  }

  /**
   * What needs the person in 1:1s and their plan: their own 1:1 cadence, their reports' overdue
   * 1:1s (only if they manage someone), the actions they own that are due, and their goals past
   * their date. A handful of indexed queries, whatever the size of the profession.
   */
  async tasksFor(person: Person, managesOthers: boolean): Promise<DevelopmentTasks> {
    const today = this.today()
    const [ownCadence, overview, actions, goals] = await Promise.all([
      person.hasProfile && this.partnersOf(person).length > 0 ? this.cadence(person) : Promise.resolve(null),
      managesOthers ? this.overview(person.id) : Promise.resolve([]),
      this.repo.actionsDueFor(this.db, person.id, addDays(today, ACTION_DUE_AHEAD_DAYS), TASK_LIMIT),
      person.hasProfile ? this.repo.goalsPastDue(this.db, person.id, today, TASK_LIMIT) : Promise.resolve([]),
    ])
    return {
      today,
      ownCadence,
      reportsOverdue: overview
        .filter(row => row.cadence.status !== 'on-track' && row.cadence.nextPlannedOn === null)
        .map(row => ({ person: row.person, cadence: row.cadence })),
      actions,
      goals,
    }
  }

  // ---- Rotations ----

  private rotationView(r: Rotation, today: string): RotationView {
    const phase = (PHASES as readonly string[]).includes(r.phase) ? (r.phase as keyof typeof PHASE_LABELS) : null
    const stage = (STAGES as readonly string[]).includes(r.stage) ? (r.stage as keyof typeof STAGE_LABELS) : null
    return {
      ...r,
      phaseLabel: phase ? PHASE_LABELS[phase] : r.phase,
      stageLabel: stage ? STAGE_LABELS[stage] : r.stage,
      current: r.startedOn <= today && (r.endedOn === null || r.endedOn >= today),
    }
  }

  /** A person's placements, and which phases and stages they have experienced and which not yet. */
  async rotations(
    personId: string,
  ): Promise<{ placements: RotationView[]; phases: Experience[]; stages: Experience[] }> {
    const today = this.today()
    const placements = (await this.repo.rotationsOf(this.db, personId)).map(r => this.rotationView(r, today))
    const started = placements.filter(p => p.startedOn <= today)
    return {
      placements,
      phases: PHASES.map(slug => ({
        slug,
        label: PHASE_LABELS[slug],
        placements: started.filter(p => p.phase === slug).length,
      })),
      stages: STAGES.map(slug => ({
        slug,
        label: STAGE_LABELS[slug],
        placements: started.filter(p => p.stage === slug).length,
      })),
    }
  }

  async rotation(personId: string, rotationId: string): Promise<Rotation> {
    const rotation = await this.repo.findRotation(this.db, rotationId)
    if (!rotation || rotation.personId !== personId) throw new NotFoundError('No such placement')
    return rotation
  }

  async addRotation(actor: Actor, person: Person, form: RotationForm): Promise<Rotation> {
    const at = this.clock().toISOString()
    const rotation: Rotation = { id: newId(), personId: person.id, ...form, createdAt: at }
    await this.db.transaction().execute(async trx => {
      await this.repo.insertRotation(trx, rotation)
      await this.audit.record(trx, actor, {
        action: 'rotation.added',
        subjectType: 'person',
        subjectId: person.id,
        summary: `Added a placement to the rotations of ${person.name}`,
      })
    })
    return rotation
  }

  async changeRotation(actor: Actor, person: Person, rotationId: string, form: RotationForm): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const before = await this.repo.findRotation(trx, rotationId)
      if (!before || before.personId !== person.id) throw new NotFoundError('No such placement')
      await this.repo.updateRotation(trx, rotationId, form)
      await this.audit.record(trx, actor, {
        action: 'rotation.changed',
        subjectType: 'person',
        subjectId: person.id,
        summary: `Changed a placement in the rotations of ${person.name}`,
      })
    })
  }
}
