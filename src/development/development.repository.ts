// Development plans (goals and their progress notes), 1:1s and their actions, and rotations.
// Lists of 1:1s carry dates and names only: agendas and notes are read one meeting at a time.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'

type Db = Kysely<Database>

export interface Goal {
  id: string
  personId: string
  title: string
  measure: string
  dueOn: string
  status: string
  skills: string[]
  sourceTitle: string | null
  sourceUrl: string | null
  createdAt: string
  updatedAt: string
  version: number
  noteCount: number
}

export type NewGoal = Omit<Goal, 'noteCount' | 'version'>

export interface GoalChanges {
  title: string
  measure: string
  dueOn: string
  status: string
  skills: string[]
}

export interface GoalNote {
  id: string
  goalId: string
  authorId: string | null
  authorName: string
  text: string
  createdAt: string
}

/** A 1:1 without what was said in it. */
export interface MeetingSummary {
  id: string
  personId: string
  withId: string
  withName: string
  heldOn: string
  actionCount: number
  openActions: number
}

export interface Meeting extends MeetingSummary {
  personName: string
  agenda: string
  notes: string
  createdAt: string
  updatedAt: string
  version: number
}

export interface NewMeeting {
  id: string
  personId: string
  withId: string
  heldOn: string
  agenda: string
  notes: string
  createdAt: string
}

export interface MeetingAction {
  id: string
  meetingId: string
  text: string
  ownerId: string | null
  ownerName: string | null
  dueOn: string | null
  status: 'open' | 'done'
  completedAt: string | null
}

export interface Rotation {
  id: string
  personId: string
  team: string
  product: string
  phase: string
  stage: string
  startedOn: string
  endedOn: string | null
  createdAt: string
}

export type RotationChanges = Pick<Rotation, 'team' | 'product' | 'phase' | 'stage' | 'startedOn' | 'endedOn'>

/** An open action someone owns, with the 1:1 it came from: for their task list. */
export interface OwnedAction {
  id: string
  meetingId: string
  /** The person whose 1:1 it was (the meeting's page is under them). */
  personId: string
  personName: string
  withName: string
  text: string
  dueOn: string
}

/** When a person last had a 1:1 (on or before today) and the next one already planned. */
export interface MeetingDates {
  personId: string
  lastHeldOn: string | null
  nextPlannedOn: string | null
}

function skillsOf(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter((s): s is string => typeof s === 'string') : []
  } catch {
    return []
  }
}

export class DevelopmentRepository {
  // ---- Goals ----

  private goals(db: Db) {
    return db
      .selectFrom('goals as g')
      .selectAll('g')
      .select(eb =>
        eb
          .selectFrom('goal_notes as n')
          .whereRef('n.goal_id', '=', 'g.id')
          .select(eb.fn.countAll<number>().as('c'))
          .as('note_count'),
      )
  }

  private toGoal(r: Awaited<ReturnType<ReturnType<DevelopmentRepository['goals']>['executeTakeFirstOrThrow']>>): Goal {
    return {
      id: r.id,
      personId: r.person_id,
      title: r.title,
      measure: r.measure,
      dueOn: r.due_on,
      status: r.status,
      skills: skillsOf(r.skills),
      sourceTitle: r.source_title,
      sourceUrl: r.source_url,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
      noteCount: Number(r.note_count ?? 0),
    }
  }

  async insertGoal(db: Db, goal: NewGoal): Promise<void> {
    await db
      .insertInto('goals')
      .values({
        id: goal.id,
        person_id: goal.personId,
        title: goal.title,
        measure: goal.measure,
        due_on: goal.dueOn,
        status: goal.status,
        skills: JSON.stringify(goal.skills),
        source_title: goal.sourceTitle,
        source_url: goal.sourceUrl,
        created_at: goal.createdAt,
        updated_at: goal.updatedAt,
        version: 1,
      })
      .execute()
  }

  async findGoal(db: Db, id: string): Promise<Goal | null> {
    const row = await this.goals(db).where('g.id', '=', id).executeTakeFirst()
    return row ? this.toGoal(row) : null
  }

  async goalsOf(db: Db, personId: string): Promise<Goal[]> {
    const rows = await this.goals(db)
      .where('g.person_id', '=', personId)
      .orderBy('g.due_on')
      .orderBy('g.created_at')
      .execute()
    return rows.map(r => this.toGoal(r))
  }

  /** The person's goals past their date and neither done nor dropped, oldest date first (index range). */
  async goalsPastDue(db: Db, personId: string, today: string, limit: number): Promise<Goal[]> {
    const rows = await this.goals(db)
      .where('g.person_id', '=', personId)
      .where('g.due_on', '<', today)
      .where('g.status', 'not in', ['done', 'dropped'])
      .orderBy('g.due_on')
      .orderBy('g.id')
      .limit(limit)
      .execute()
    return rows.map(r => this.toGoal(r))
  }

  /** Saves a goal only if nobody saved since expectedVersion; says whether it saved. */
  async updateGoal(db: Db, id: string, c: GoalChanges, expectedVersion: number, at: string): Promise<boolean> {
    const saved = await updateVersioned(db, 'goals', id, expectedVersion, {
      title: c.title,
      measure: c.measure,
      due_on: c.dueOn,
      status: c.status,
      skills: JSON.stringify(c.skills),
      updated_at: at,
    })
    return saved !== undefined
  }

  async insertGoalNote(db: Db, note: GoalNote): Promise<void> {
    await db
      .insertInto('goal_notes')
      .values({
        id: note.id,
        goal_id: note.goalId,
        author_id: note.authorId,
        author_name: note.authorName,
        text: note.text,
        created_at: note.createdAt,
      })
      .execute()
  }

  /** Progress notes on a goal, newest first. */
  async notesOf(db: Db, goalId: string): Promise<GoalNote[]> {
    const rows = await db
      .selectFrom('goal_notes')
      .selectAll()
      .where('goal_id', '=', goalId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute()
    return rows.map(r => ({
      id: r.id,
      goalId: r.goal_id,
      authorId: r.author_id,
      authorName: r.author_name,
      text: r.text,
      createdAt: r.created_at,
    }))
  }

  // ---- 1:1s ----

  private meetings(db: Db) {
    return db
      .selectFrom('one_to_ones as m')
      .innerJoin('users as w', 'w.id', 'm.with_id')
      .innerJoin('users as p', 'p.id', 'm.person_id')
      .select(['m.id', 'm.person_id', 'p.name as person_name', 'm.with_id', 'w.name as with_name', 'm.held_on'])
      .select(eb => [
        eb
          .selectFrom('one_to_one_actions as a')
          .whereRef('a.meeting_id', '=', 'm.id')
          .select(eb.fn.countAll<number>().as('c'))
          .as('action_count'),
        eb
          .selectFrom('one_to_one_actions as a')
          .whereRef('a.meeting_id', '=', 'm.id')
          .where('a.status', '=', 'open')
          .select(eb.fn.countAll<number>().as('c'))
          .as('open_actions'),
      ])
  }

  async insertMeeting(db: Db, m: NewMeeting): Promise<void> {
    await db
      .insertInto('one_to_ones')
      .values({
        id: m.id,
        person_id: m.personId,
        with_id: m.withId,
        held_on: m.heldOn,
        agenda: m.agenda,
        notes: m.notes,
        created_at: m.createdAt,
        updated_at: m.createdAt,
        version: 1,
      })
      .execute()
  }

  async findMeeting(db: Db, id: string): Promise<Meeting | null> {
    const r = await this.meetings(db)
      .select(['m.agenda', 'm.notes', 'm.created_at', 'm.updated_at', 'm.version'])
      .where('m.id', '=', id)
      .executeTakeFirst()
    if (!r) return null
    return {
      id: r.id,
      personId: r.person_id,
      personName: r.person_name,
      withId: r.with_id,
      withName: r.with_name,
      heldOn: r.held_on,
      actionCount: Number(r.action_count ?? 0),
      openActions: Number(r.open_actions ?? 0),
      agenda: r.agenda,
      notes: r.notes,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    }
  }

  /** A person's 1:1s, latest first: dates, names and action counts, never agendas or notes. */
  async meetingsOf(db: Db, personId: string): Promise<MeetingSummary[]> {
    const rows = await this.meetings(db)
      .where('m.person_id', '=', personId)
      .orderBy('m.held_on', 'desc')
      .orderBy('m.created_at', 'desc')
      .execute()
    return rows.map(r => ({
      id: r.id,
      personId: r.person_id,
      withId: r.with_id,
      withName: r.with_name,
      heldOn: r.held_on,
      actionCount: Number(r.action_count ?? 0),
      openActions: Number(r.open_actions ?? 0),
    }))
  }

  async updateMeeting(
    db: Db,
    id: string,
    c: { heldOn: string; agenda: string; notes: string },
    expectedVersion: number,
    at: string,
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'one_to_ones', id, expectedVersion, {
      held_on: c.heldOn,
      agenda: c.agenda,
      notes: c.notes,
      updated_at: at,
    })
    return saved !== undefined
  }

  /**
   * When each person last had a 1:1 and the next one planned, in one query: for one person, or
   * for everyone whose line manager or associated senior is `reportsOf`.
   */
  async meetingDates(
    db: Db,
    scope: { personId: string } | { reportsOf: string },
    today: string,
  ): Promise<MeetingDates[]> {
    let q = db
      .selectFrom('one_to_ones as m')
      .select(eb => [
        'm.person_id',
        eb.fn
          .max(
            eb.case().when('m.held_on', '<=', today).then(eb.ref('m.held_on')).else(eb.val<string | null>(null)).end(),
          )
          .as('last_held_on'),
        eb.fn
          .min(
            eb.case().when('m.held_on', '>', today).then(eb.ref('m.held_on')).else(eb.val<string | null>(null)).end(),
          )
          .as('next_planned_on'),
      ])
      .groupBy('m.person_id')
    if ('personId' in scope) q = q.where('m.person_id', '=', scope.personId)
    else q = q.where('m.person_id', 'in', this.reportIds(db, scope.reportsOf))
    const rows = await q.execute()
    return rows.map(r => ({
      personId: r.person_id,
      lastHeldOn: r.last_held_on ?? null,
      nextPlannedOn: r.next_planned_on ?? null,
    }))
  }

  /** Open actions from 1:1s between each of a manager's people and the manager, in one query. */
  async openActionsWith(db: Db, managerId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('one_to_one_actions as a')
      .innerJoin('one_to_ones as m', 'm.id', 'a.meeting_id')
      .select(eb => ['m.person_id', eb.fn.countAll<number>().as('c')])
      .where('a.status', '=', 'open')
      .where('m.with_id', '=', managerId)
      .where('m.person_id', 'in', this.reportIds(db, managerId))
      .groupBy('m.person_id')
      .execute()
    return new Map(rows.map(r => [r.person_id, Number(r.c)]))
  }

  private reportIds(db: Db, managerId: string) {
    return db
      .selectFrom('people')
      .select('user_id')
      .where(eb => eb.or([eb('line_manager_id', '=', managerId), eb('associate_of_id', '=', managerId)]))
  }

  /**
   * Open actions the person owns, due on or before dueBy, earliest first, from 1:1s they are one
   * of the two in: one range read of the owner index.
   */
  async actionsDueFor(db: Db, ownerId: string, dueBy: string, limit: number): Promise<OwnedAction[]> {
    const rows = await db
      .selectFrom('one_to_one_actions as a')
      .innerJoin('one_to_ones as m', 'm.id', 'a.meeting_id')
      .innerJoin('users as p', 'p.id', 'm.person_id')
      .innerJoin('users as w', 'w.id', 'm.with_id')
      .select([
        'a.id',
        'a.meeting_id',
        'm.person_id',
        'p.name as person_name',
        'w.name as with_name',
        'a.text',
        'a.due_on',
      ])
      .where('a.owner_id', '=', ownerId)
      .where('a.status', '=', 'open')
      .where('a.due_on', 'is not', null)
      .where('a.due_on', '<=', dueBy)
      .where(eb => eb.or([eb('m.person_id', '=', ownerId), eb('m.with_id', '=', ownerId)]))
      .orderBy('a.due_on')
      .orderBy('a.id')
      .limit(limit)
      .execute()
    return rows.map(r => ({
      id: r.id,
      meetingId: r.meeting_id,
      personId: r.person_id,
      personName: r.person_name,
      withName: r.with_name,
      text: r.text,
      dueOn: r.due_on ?? dueBy,
    }))
  }

  async insertAction(db: Db, a: MeetingAction): Promise<void> {
    await db
      .insertInto('one_to_one_actions')
      .values({
        id: a.id,
        meeting_id: a.meetingId,
        text: a.text,
        owner_id: a.ownerId,
        due_on: a.dueOn,
        status: a.status,
        completed_at: a.completedAt,
      })
      .execute()
  }

  /** A 1:1's actions: open ones first, each group by due date. */
  async actionsOf(db: Db, meetingId: string): Promise<MeetingAction[]> {
    const rows = await db
      .selectFrom('one_to_one_actions as a')
      .leftJoin('users as o', 'o.id', 'a.owner_id')
      .select([
        'a.id',
        'a.meeting_id',
        'a.text',
        'a.owner_id',
        'o.name as owner_name',
        'a.due_on',
        'a.status',
        'a.completed_at',
      ])
      .where('a.meeting_id', '=', meetingId)
      .orderBy('a.status', 'desc')
      .orderBy('a.due_on')
      .orderBy('a.text')
      .orderBy('a.id')
      .execute()
    return rows.map(r => ({
      id: r.id,
      meetingId: r.meeting_id,
      text: r.text,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      dueOn: r.due_on,
      status: r.status === 'done' ? 'done' : 'open',
      completedAt: r.completed_at,
    }))
  }

  /** Marks an open action of this meeting done; says whether it changed anything. */
  async completeAction(db: Db, meetingId: string, actionId: string, at: string): Promise<boolean> {
    const result = await db
      .updateTable('one_to_one_actions')
      .set({ status: 'done', completed_at: at })
      .where('id', '=', actionId)
      .where('meeting_id', '=', meetingId)
      .where('status', '=', 'open')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async findAction(db: Db, meetingId: string, actionId: string): Promise<MeetingAction | null> {
    return (await this.actionsOf(db, meetingId)).find(a => a.id === actionId) ?? null
  }

  // ---- Rotations ----

  private toRotation(r: Database['rotations']): Rotation {
    return {
      id: r.id,
      personId: r.person_id,
      team: r.team,
      product: r.product,
      phase: r.phase,
      stage: r.stage,
      startedOn: r.started_on,
      endedOn: r.ended_on,
      createdAt: r.created_at,
    }
  }

  async insertRotation(db: Db, r: Rotation): Promise<void> {
    await db
      .insertInto('rotations')
      .values({
        id: r.id,
        person_id: r.personId,
        team: r.team,
        product: r.product,
        phase: r.phase,
        stage: r.stage,
        started_on: r.startedOn,
        ended_on: r.endedOn,
        created_at: r.createdAt,
      })
      .execute()
  }

  async findRotation(db: Db, id: string): Promise<Rotation | null> {
    const row = await db.selectFrom('rotations').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? this.toRotation(row) : null
  }

  /** A person's placements, latest first. */
  async rotationsOf(db: Db, personId: string): Promise<Rotation[]> {
    const rows = await db
      .selectFrom('rotations')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('started_on', 'desc')
      .orderBy('created_at', 'desc')
      .execute()
    return rows.map(r => this.toRotation(r))
  }

  async updateRotation(db: Db, id: string, c: RotationChanges): Promise<boolean> {
    const result = await db
      .updateTable('rotations')
      .set({
        team: c.team,
        product: c.product,
        phase: c.phase,
        stage: c.stage,
        started_on: c.startedOn,
        ended_on: c.endedOn,
      })
      .where('id', '=', id)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }
}
