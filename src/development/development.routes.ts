// A person's development plan, their 1:1s and (for associates) their rotations, and a manager's
// view of the 1:1s with their people. Each handler loads the person, asks development.policy.ts,
// calls one service operation, then renders or redirects.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import type { Viewer } from '../people/people.policy.ts'
import type { Person } from '../people/people.repository.ts'
import { authorize } from '../platform/auth/authorize.ts'
import type { CurrentUser } from '../platform/auth/roles.ts'
import { ValidationError } from '../platform/errors.ts'
import { formErrors, parseForm, saveVersioned, type FormErrors } from '../platform/forms.ts'
import { formatDate } from '../platform/http/filters.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import type { Services } from '../services.ts'
import {
  canAddRotation,
  canChangeMeeting,
  canChangePlan,
  canManageRotations,
  canRecordOneToOne,
  canSeeMeeting,
  canSeeOneToOnes,
  canSeePathway,
  canSeePlan,
  canSeeRotations,
  withChoicesFor,
} from './development.policy.ts'
import type { Goal, Meeting, MeetingAction, Rotation } from './development.repository.ts'
import {
  GOAL_FIELDS,
  GOAL_STATUSES,
  GOAL_STATUS_LABELS,
  NOTE_FIELDS,
  PHASES,
  PHASE_LABELS,
  STAGES,
  STAGE_LABELS,
  dateParts,
  goalPrefillHref,
  isSafeSourceUrl,
  noteSchema,
  parseActionForm,
  parseGoalForm,
  parseMeetingForm,
  parseRotationForm,
  partsOf,
  readGoalPrefill,
  type DateErrorParts,
  type DateParts,
} from './development.schemas.ts'
import { GoalConflictError, MeetingConflictError, type GoalView, type SkillRef } from './development.service.ts'

const personParams = uuidParams('id')
const goalParams = uuidParams('id', 'goalId')
const meetingParams = uuidParams('id', 'meetingId')
const actionParams = uuidParams('id', 'meetingId', 'actionId')
const rotationParams = uuidParams('id', 'rotationId')
const prefillQuery = {
  type: 'object',
  properties: Object.fromEntries(
    ['skill', 'title', 'sourceTitle', 'sourceUrl'].map(n => [n, { type: 'string', maxLength: 2000 }]),
  ),
} as const

function requireUser(request: FastifyRequest): CurrentUser {
  authorize(request.user !== null)
  return request.user
}

/** The three boxes of a GOV.UK date input, marking the ones that are wrong. */
function dateItems(parts: DateParts, bad: readonly string[] = []) {
  return (['day', 'month', 'year'] as const).map(name => ({
    name,
    value: parts[name],
    classes: `govuk-input--width-${name === 'year' ? 4 : 2}${bad.includes(name) ? ' govuk-input--error' : ''}`,
  }))
}

export default async function developmentRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { people, development } = services

  /** The signed-in person, what policies know of them, and the person the page is about. */
  async function load(request: FastifyRequest<{ Params: { id: string } }>) {
    const user = requireUser(request)
    const viewer = await people.viewer(user)
    authorize(viewer !== null)
    const person = await people.get(request.params.id)
    return { user, viewer, person }
  }

  /** Tabs between the parts of a person's development the viewer may see. */
  function personNav(viewer: Viewer, person: Person, current: 'plan' | 'one-to-ones' | 'rotations') {
    const items = [
      // The associated senior sees the plan but not the pathway and its check-ins.
      canSeePathway(viewer, person) && { key: 'pathway', text: 'Pathway', href: `/people/${person.id}/pathway` },
      canSeePlan(viewer, person) && { key: 'plan', text: 'Development plan', href: `/people/${person.id}/plan` },
      canSeeOneToOnes(viewer, person) && { key: 'one-to-ones', text: '1:1s', href: `/people/${person.id}/one-to-ones` },
      canSeeRotations(viewer, person) &&
        person.careerRole === 'associate-product-manager' && {
          key: 'rotations',
          text: 'Rotations',
          href: `/people/${person.id}/rotations`,
        },
    ].filter((i): i is { key: string; text: string; href: string } => Boolean(i))
    return items.length > 1 ? items.map(i => ({ text: i.text, href: i.href, active: i.key === current })) : null
  }

  /** Which service navigation item is current: the person's own pathway, or their manager's team. */
  const navFor = (viewer: Viewer, person: Person) =>
    viewer.user.id === person.id ? 'pathway' : viewer.user.id === person.lineManagerId ? 'team' : undefined

  const personContext = async (viewer: Viewer, person: Person) => {
    const terms = await people.careerRoles()
    return {
      person: { ...person, roleName: person.careerRole ? terms.roleName(person.careerRole) : null },
      self: viewer.user.id === person.id,
    }
  }

  // ---- Development plan -----------------------------------------------------------------------

  app.get<{ Params: { id: string } }>(
    '/people/:id/plan',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canSeePlan(viewer, person))
      const plan = await development.plan(person.id)
      return reply.page(
        'development/views/plan.njk',
        {
          pageTitle: viewer.user.id === person.id ? 'Your development plan' : `Development plan: ${person.name}`,
          ...(await personContext(viewer, person)),
          plan,
          subNav: personNav(viewer, person, 'plan'),
          can: { change: canChangePlan(viewer, person) },
        },
        { nav: navFor(viewer, person) },
      )
    },
  )

  const skillItems = (skills: readonly SkillRef[], selected: readonly string[]) =>
    skills.map(s => ({
      value: s.slug,
      text: s.retired ? `${s.name} (retired)` : s.name,
      checked: selected.includes(s.slug),
    }))

  interface GoalFormView {
    mode: 'new' | 'edit'
    person: Person
    viewer: Viewer
    values: Record<string, unknown>
    skills: string[]
    due: DateParts
    goal?: GoalView
    errors?: FormErrors
    dateErrors?: DateErrorParts
    conflict?: { latest: GoalView; yours: Record<string, unknown> }
    suggestions?: Awaited<ReturnType<typeof development.suggestionsFor>>
    suggestedSkill?: SkillRef | null
    status?: number
  }

  async function goalForm(reply: FastifyReply, o: GoalFormView) {
    const skills = await development.skillChoices(o.goal?.skills ?? [])
    const title = o.mode === 'new' ? 'Add a goal' : 'Change a goal'
    const skillNames = new Map(skills.map(s => [s.slug, s.name]))
    return reply.page(
      'development/views/goal-form.njk',
      {
        pageTitle: title,
        ...(await personContext(o.viewer, o.person)),
        mode: o.mode,
        goal: o.goal,
        values: o.values,
        errors: o.errors,
        dueItems: dateItems(o.due, o.dateErrors?.dueOn),
        skillItems: skillItems(skills, o.skills),
        statusItems: GOAL_STATUSES.map(s => ({
          value: s,
          text: GOAL_STATUS_LABELS[s],
          checked: o.values.status === s,
        })),
        conflict: o.conflict
          ? {
              latest: o.conflict.latest,
              yours: {
                ...o.conflict.yours,
                statusLabel: GOAL_STATUS_LABELS[o.conflict.yours.status as keyof typeof GOAL_STATUS_LABELS] ?? '',
                skillNames: o.skills.map(s => skillNames.get(s) ?? s),
              },
            }
          : null,
        suggestions: (o.suggestions ?? []).map(page => ({
          ...page,
          href: o.suggestedSkill
            ? goalPrefillHref(o.person.id, {
                skill: o.suggestedSkill.slug,
                title: page.title,
                sourceTitle: page.title,
                sourceUrl: `/handbook/${page.slug}`,
              })
            : null,
          resources: page.resources.map(r => ({
            ...r,
            href:
              o.suggestedSkill && isSafeSourceUrl(r.url)
                ? goalPrefillHref(o.person.id, {
                    skill: o.suggestedSkill.slug,
                    title: r.title,
                    sourceTitle: r.title,
                    sourceUrl: r.url,
                  })
                : null,
          })),
        })),
        suggestedSkill: o.suggestedSkill ?? null,
        skillOptions: [{ value: '', text: 'Choose a skill' }].concat(
          skills
            .filter(s => !s.retired)
            .map(s => ({ value: s.slug, text: s.name, selected: s.slug === o.suggestedSkill?.slug })),
        ),
      },
      { status: o.status ?? 200, nav: navFor(o.viewer, o.person) },
    )
  }

  app.get<{ Params: { id: string } }>(
    '/people/:id/plan/goals/new',
    { config: { access: 'signed-in' }, schema: { params: personParams, querystring: prefillQuery } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canChangePlan(viewer, person))
      const skills = await development.skillChoices()
      const prefill = readGoalPrefill(
        request.query,
        skills.map(s => s.slug),
      )
      const suggestedSkill = skills.find(s => s.slug === prefill.skill) ?? null
      return goalForm(reply, {
        mode: 'new',
        person,
        viewer,
        values: { title: prefill.title, sourceTitle: prefill.sourceTitle, sourceUrl: prefill.sourceUrl },
        skills: prefill.skills,
        due: { day: '', month: '', year: '' },
        suggestedSkill,
        suggestions: suggestedSkill && !prefill.sourceUrl ? await development.suggestionsFor(suggestedSkill.slug) : [],
      })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/people/:id/plan/goals/new',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { user, viewer, person } = await load(request)
      authorize(canChangePlan(viewer, person))
      const skills = await development.skillChoices()
      const form = parseGoalForm(request.body, {
        skills: skills.map(s => s.slug),
        today: development.today(),
        mode: 'new',
      })
      const values = (request.body ?? {}) as Record<string, unknown>
      const chosen = readList(values.skills)
      if (!form.ok || !form.value)
        return goalForm(reply, {
          mode: 'new',
          person,
          viewer,
          values,
          skills: chosen,
          due: dateParts(request.body, 'dueOn'),
          errors: form.errors,
          dateErrors: form.dateErrors,
          status: 400,
        })
      try {
        await development.addGoal(actorOf(user), person, form.value)
      } catch (err) {
        if (err instanceof ValidationError)
          return goalForm(reply, {
            mode: 'new',
            person,
            viewer,
            values,
            skills: chosen,
            due: dateParts(request.body, 'dueOn'),
            errors: formErrors(err.fieldErrors, GOAL_FIELDS),
            status: 400,
          })
        throw err
      }
      request.session.flash({ kind: 'success', heading: `Goal added: ${form.value.title}` })
      return reply.seeOther(`/people/${person.id}/plan`)
    },
  )

  const goalRender = async (
    reply: FastifyReply,
    viewer: Viewer,
    person: Person,
    goalId: string,
    extra: { errors?: FormErrors; values?: Record<string, unknown>; status?: number } = {},
  ) => {
    const { goal, notes } = await development.goal(person.id, goalId)
    return reply.page(
      'development/views/goal.njk',
      {
        pageTitle: goal.title,
        ...(await personContext(viewer, person)),
        goal,
        notes,
        values: extra.values ?? {},
        errors: extra.errors,
        can: { change: canChangePlan(viewer, person) },
      },
      { status: extra.status ?? 200, nav: navFor(viewer, person) },
    )
  }

  app.get<{ Params: { id: string; goalId: string } }>(
    '/people/:id/plan/goals/:goalId',
    { config: { access: 'signed-in' }, schema: { params: goalParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canSeePlan(viewer, person))
      return goalRender(reply, viewer, person, request.params.goalId)
    },
  )

  const goalValues = (g: Goal) => ({
    title: g.title,
    measure: g.measure,
    status: g.status,
    version: g.version,
  })

  app.get<{ Params: { id: string; goalId: string } }>(
    '/people/:id/plan/goals/:goalId/edit',
    { config: { access: 'signed-in' }, schema: { params: goalParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canChangePlan(viewer, person))
      const { goal } = await development.goal(person.id, request.params.goalId)
      return goalForm(reply, {
        mode: 'edit',
        person,
        viewer,
        goal,
        values: goalValues(goal),
        skills: goal.skills,
        due: partsOf(goal.dueOn),
      })
    },
  )

  app.post<{ Params: { id: string; goalId: string } }>(
    '/people/:id/plan/goals/:goalId/edit',
    { config: { access: 'signed-in' }, schema: { params: goalParams } },
    async (request, reply) => {
      const { user, viewer, person } = await load(request)
      authorize(canChangePlan(viewer, person))
      const { goal } = await development.goal(person.id, request.params.goalId)
      const skills = await development.skillChoices(goal.skills)
      const form = parseGoalForm(request.body, {
        skills: skills.map(s => s.slug),
        today: development.today(),
        mode: 'edit',
      })
      const values = (request.body ?? {}) as Record<string, unknown>
      const chosen = readList(values.skills)
      const due = dateParts(request.body, 'dueOn')
      const again = (extra: Partial<GoalFormView>) =>
        goalForm(reply, { mode: 'edit', person, viewer, goal, values, skills: chosen, due, ...extra })
      return saveVersioned({
        form,
        fields: GOAL_FIELDS,
        save: value => development.changeGoal(actorOf(user), person, goal.id, value, value.version ?? -1),
        latest: err => (err instanceof GoalConflictError ? err.latest : undefined),
        invalid: (errors, status) => again({ errors, dateErrors: form.dateErrors, status }),
        // Both versions are shown; the form keeps what they typed, now based on the latest.
        conflict: (latest, value, status) =>
          again({
            goal: latest,
            values: { ...values, version: latest.version },
            conflict: { latest, yours: { ...value } },
            errors: formErrors({
              title: 'Someone else changed this goal while you were changing it. Check both versions, then save again',
            }),
            status,
          }),
        saved: () => {
          request.session.flash({ kind: 'success', heading: 'Goal saved' })
          return reply.seeOther(`/people/${person.id}/plan/goals/${goal.id}`)
        },
      })
    },
  )

  app.post<{ Params: { id: string; goalId: string } }>(
    '/people/:id/plan/goals/:goalId/notes',
    { config: { access: 'signed-in' }, schema: { params: goalParams } },
    async (request, reply) => {
      const { user, viewer, person } = await load(request)
      authorize(canChangePlan(viewer, person))
      const parsed = parseForm(noteSchema, request.body, NOTE_FIELDS)
      if (!parsed.ok)
        return goalRender(reply, viewer, person, request.params.goalId, {
          errors: parsed.errors,
          values: request.body as Record<string, unknown>,
          status: 400,
        })
      await development.addGoalNote(actorOf(user), person, request.params.goalId, parsed.value.text)
      request.session.flash({ kind: 'success', heading: 'Progress note added' })
      return reply.seeOther(`/people/${person.id}/plan/goals/${request.params.goalId}#notes`)
    },
  )

  // ---- 1:1s -----------------------------------------------------------------------------------

  app.get<{ Params: { id: string } }>(
    '/people/:id/one-to-ones',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canSeeOneToOnes(viewer, person))
      const { meetings, cadence, today } = await development.oneToOnes(person)
      const rows = meetings.map(m => ({ ...m, visible: canSeeMeeting(viewer, m), upcoming: m.heldOn > today }))
      return reply.page(
        'development/views/one-to-ones.njk',
        {
          pageTitle: viewer.user.id === person.id ? 'Your 1:1s' : `1:1s: ${person.name}`,
          ...(await personContext(viewer, person)),
          upcoming: rows.filter(r => r.upcoming).reverse(),
          past: rows.filter(r => !r.upcoming),
          cadence,
          partners: development.partnersOf(person),
          subNav: personNav(viewer, person, 'one-to-ones'),
          can: { record: canRecordOneToOne(viewer, person) },
        },
        { nav: 'one-to-ones' },
      )
    },
  )

  interface MeetingFormView {
    mode: 'new' | 'edit'
    viewer: Viewer
    person: Person
    values: Record<string, unknown>
    held: DateParts
    meeting?: Meeting
    errors?: FormErrors
    dateErrors?: DateErrorParts
    conflict?: Meeting
    status?: number
  }

  async function meetingForm(reply: FastifyReply, o: MeetingFormView) {
    const partners = development.partnersOf(o.person)
    const choices = withChoicesFor(o.viewer, o.person)
    const withOptions = partners
      .filter(p => choices.includes(p.id))
      .map(p => ({
        value: p.id,
        text: p.id === o.viewer.user.id ? `You (${p.relationship})` : p.name,
        hint: { text: `${o.viewer.user.id === o.person.id ? 'Your' : 'Their'} ${p.relationship}` },
        checked: o.values.withId === p.id,
      }))
    const other = o.meeting
      ? o.viewer.user.id === o.meeting.personId
        ? o.meeting.withName
        : o.meeting.personName
      : null
    return reply.page(
      'development/views/one-to-one-form.njk',
      {
        pageTitle: o.mode === 'new' ? 'Record a 1:1' : 'Change the record of a 1:1',
        ...(await personContext(o.viewer, o.person)),
        mode: o.mode,
        meeting: o.meeting,
        other,
        withOptions,
        values: o.values,
        errors: o.errors,
        heldItems: dateItems(o.held, o.dateErrors?.heldOn),
        conflict: o.conflict,
      },
      { status: o.status ?? 200, nav: 'one-to-ones' },
    )
  }

  app.get<{ Params: { id: string } }>(
    '/people/:id/one-to-ones/new',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canRecordOneToOne(viewer, person))
      const choices = withChoicesFor(viewer, person)
      return meetingForm(reply, {
        mode: 'new',
        viewer,
        person,
        values: { withId: choices.length === 1 ? choices[0] : undefined },
        held: partsOf(development.today()),
      })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/people/:id/one-to-ones/new',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { user, viewer, person } = await load(request)
      authorize(canRecordOneToOne(viewer, person))
      const form = parseMeetingForm(request.body, {
        mode: 'new',
        withChoices: withChoicesFor(viewer, person),
        today: development.today(),
      })
      const values = (request.body ?? {}) as Record<string, unknown>
      if (!form.ok || !form.value)
        return meetingForm(reply, {
          mode: 'new',
          viewer,
          person,
          values,
          held: dateParts(request.body, 'heldOn'),
          errors: form.errors,
          dateErrors: form.dateErrors,
          status: 400,
        })
      const id = await development.recordOneToOne(actorOf(user), person, form.value)
      request.session.flash({ kind: 'success', heading: '1:1 recorded' })
      return reply.seeOther(`/people/${person.id}/one-to-ones/${id}`)
    },
  )

  const actionRows = (actions: MeetingAction[], today: string) =>
    actions.map(a => ({ ...a, overdue: a.status === 'open' && a.dueOn !== null && a.dueOn < today }))

  async function meetingPage(
    reply: FastifyReply,
    viewer: Viewer,
    person: Person,
    meetingId: string,
    extra: { errors?: FormErrors; dateErrors?: DateErrorParts; values?: Record<string, unknown>; status?: number } = {},
  ) {
    const { meeting, actions } = await development.meeting(person.id, meetingId)
    authorize(canSeeMeeting(viewer, meeting))
    const values = extra.values ?? {}
    return reply.page(
      'development/views/one-to-one.njk',
      {
        pageTitle: `1:1 on ${formatDate(meeting.heldOn)}`,
        ...(await personContext(viewer, person)),
        meeting,
        other: viewer.user.id === meeting.personId ? meeting.withName : meeting.personName,
        actions: actionRows(actions, development.today()),
        ownerItems: [
          { id: meeting.personId, name: meeting.personName },
          { id: meeting.withId, name: meeting.withName },
        ].map(p => ({
          value: p.id,
          text: p.id === viewer.user.id ? `You (${p.name})` : p.name,
          checked: values.ownerId === p.id,
        })),
        dueItems: dateItems(dateParts(values, 'actionDueOn'), extra.dateErrors?.actionDueOn),
        values,
        errors: extra.errors,
        can: { change: canChangeMeeting(viewer, meeting) },
      },
      { status: extra.status ?? 200, nav: 'one-to-ones' },
    )
  }

  app.get<{ Params: { id: string; meetingId: string } }>(
    '/people/:id/one-to-ones/:meetingId',
    { config: { access: 'signed-in' }, schema: { params: meetingParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      return meetingPage(reply, viewer, person, request.params.meetingId)
    },
  )

  const meetingValues = (m: Meeting) => ({ agenda: m.agenda, notes: m.notes, version: m.version })

  app.get<{ Params: { id: string; meetingId: string } }>(
    '/people/:id/one-to-ones/:meetingId/edit',
    { config: { access: 'signed-in' }, schema: { params: meetingParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      const meeting = await development.findMeeting(person.id, request.params.meetingId)
      authorize(canChangeMeeting(viewer, meeting))
      return meetingForm(reply, {
        mode: 'edit',
        viewer,
        person,
        meeting,
        values: meetingValues(meeting),
        held: partsOf(meeting.heldOn),
      })
    },
  )

  app.post<{ Params: { id: string; meetingId: string } }>(
    '/people/:id/one-to-ones/:meetingId/edit',
    { config: { access: 'signed-in' }, schema: { params: meetingParams } },
    async (request, reply) => {
      const { user, viewer, person } = await load(request)
      const meeting = await development.findMeeting(person.id, request.params.meetingId)
      authorize(canChangeMeeting(viewer, meeting))
      const form = parseMeetingForm(request.body, { mode: 'edit', withChoices: [], today: development.today() })
      const values = (request.body ?? {}) as Record<string, unknown>
      const held = dateParts(request.body, 'heldOn')
      const again = (extra: Partial<MeetingFormView>) =>
        meetingForm(reply, { mode: 'edit', viewer, person, meeting, values, held, ...extra })
      return saveVersioned({
        form,
        save: value => development.changeOneToOne(actorOf(user), person, meeting.id, value, value.version ?? -1),
        latest: err => (err instanceof MeetingConflictError ? err.latest : undefined),
        invalid: (errors, status) => again({ errors, dateErrors: form.dateErrors, status }),
        conflict: (latest, _value, status) =>
          again({
            meeting: latest,
            values: { ...values, version: latest.version },
            conflict: latest,
            errors: formErrors({
              agenda:
                'Someone else changed the record of this 1:1 while you were changing it. Check both versions, then save again',
            }),
            status,
          }),
        saved: () => {
          request.session.flash({ kind: 'success', heading: '1:1 saved' })
          return reply.seeOther(`/people/${person.id}/one-to-ones/${meeting.id}`)
        },
      })
    },
  )

  app.post<{ Params: { id: string; meetingId: string } }>(
    '/people/:id/one-to-ones/:meetingId/actions',
    { config: { access: 'signed-in' }, schema: { params: meetingParams } },
    async (request, reply) => {
      const { user, viewer, person } = await load(request)
      const meeting = await development.findMeeting(person.id, request.params.meetingId)
      authorize(canChangeMeeting(viewer, meeting))
      const form = parseActionForm(request.body, [meeting.personId, meeting.withId])
      const values = (request.body ?? {}) as Record<string, unknown>
      if (!form.ok || !form.value)
        return meetingPage(reply, viewer, person, meeting.id, {
          errors: form.errors,
          dateErrors: form.dateErrors,
          values,
          status: 400,
        })
      await development.addAction(actorOf(user), person, meeting.id, form.value)
      request.session.flash({ kind: 'success', heading: 'Action added' })
      return reply.seeOther(`/people/${person.id}/one-to-ones/${meeting.id}#actions`)
    },
  )

  app.post<{ Params: { id: string; meetingId: string; actionId: string } }>(
    '/people/:id/one-to-ones/:meetingId/actions/:actionId/done',
    { config: { access: 'signed-in' }, schema: { params: actionParams } },
    async (request, reply) => {
      const { user, viewer, person } = await load(request)
      const meeting = await development.findMeeting(person.id, request.params.meetingId)
      authorize(canChangeMeeting(viewer, meeting))
      const changed = await development.completeAction(actorOf(user), person, meeting.id, request.params.actionId)
      if (changed) request.session.flash({ kind: 'success', heading: 'Action marked as done' })
      return reply.seeOther(`/people/${person.id}/one-to-ones/${meeting.id}#actions`)
    },
  )

  app.get('/one-to-ones', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request)
    const me = await people.get(user.id)
    const [rows, own, terms] = await Promise.all([
      development.overview(user.id),
      development.cadence(me),
      people.careerRoles(),
    ])
    return reply.page(
      'development/views/overview.njk',
      {
        pageTitle: '1:1s',
        me,
        own,
        ownPartners: development.partnersOf(me),
        rows: rows.map(r => ({ ...r, roleName: r.person.careerRole ? terms.roleName(r.person.careerRole) : '' })),
        overdueCount: rows.filter(r => r.cadence.status === 'overdue').length,
      },
      { nav: 'one-to-ones' },
    )
  })

  // ---- Rotations ------------------------------------------------------------------------------

  app.get<{ Params: { id: string } }>(
    '/people/:id/rotations',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canSeeRotations(viewer, person))
      const { placements, phases, stages } = await development.rotations(person.id)
      return reply.page(
        'development/views/rotations.njk',
        {
          pageTitle: viewer.user.id === person.id ? 'Your rotations' : `Rotations: ${person.name}`,
          ...(await personContext(viewer, person)),
          placements,
          phases,
          stages,
          subNav: personNav(viewer, person, 'rotations'),
          can: { add: canAddRotation(viewer, person), change: canManageRotations(viewer, person) },
        },
        { nav: navFor(viewer, person) },
      )
    },
  )

  interface RotationFormView {
    viewer: Viewer
    person: Person
    rotation?: Rotation
    values: Record<string, unknown>
    started: DateParts
    ended: DateParts
    errors?: FormErrors
    dateErrors?: DateErrorParts
    status?: number
  }

  async function rotationForm(reply: FastifyReply, o: RotationFormView) {
    return reply.page(
      'development/views/rotation-form.njk',
      {
        pageTitle: o.rotation ? 'Change a placement' : 'Add a placement',
        ...(await personContext(o.viewer, o.person)),
        rotation: o.rotation,
        values: o.values,
        errors: o.errors,
        phaseItems: PHASES.map(p => ({ value: p, text: PHASE_LABELS[p], checked: o.values.phase === p })),
        stageItems: STAGES.map(s => ({ value: s, text: STAGE_LABELS[s], checked: o.values.stage === s })),
        startedItems: dateItems(o.started, o.dateErrors?.startedOn),
        endedItems: dateItems(o.ended, o.dateErrors?.endedOn),
      },
      { status: o.status ?? 200, nav: navFor(o.viewer, o.person) },
    )
  }

  app.get<{ Params: { id: string } }>(
    '/people/:id/rotations/new',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canAddRotation(viewer, person))
      return rotationForm(reply, {
        viewer,
        person,
        values: {},
        started: { day: '', month: '', year: '' },
        ended: { day: '', month: '', year: '' },
      })
    },
  )

  app.post<{ Params: { id: string } }>(
    '/people/:id/rotations/new',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { user, viewer, person } = await load(request)
      authorize(canAddRotation(viewer, person))
      const form = parseRotationForm(request.body)
      if (!form.ok || !form.value)
        return rotationForm(reply, {
          viewer,
          person,
          values: (request.body ?? {}) as Record<string, unknown>,
          started: dateParts(request.body, 'startedOn'),
          ended: dateParts(request.body, 'endedOn'),
          errors: form.errors,
          dateErrors: form.dateErrors,
          status: 400,
        })
      await development.addRotation(actorOf(user), person, form.value)
      request.session.flash({ kind: 'success', heading: 'Placement added' })
      return reply.seeOther(`/people/${person.id}/rotations`)
    },
  )

  app.get<{ Params: { id: string; rotationId: string } }>(
    '/people/:id/rotations/:rotationId/edit',
    { config: { access: 'signed-in' }, schema: { params: rotationParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canManageRotations(viewer, person))
      const rotation = await development.rotation(person.id, request.params.rotationId)
      return rotationForm(reply, {
        viewer,
        person,
        rotation,
        values: { team: rotation.team, product: rotation.product, phase: rotation.phase, stage: rotation.stage },
        started: partsOf(rotation.startedOn),
        ended: partsOf(rotation.endedOn),
      })
    },
  )

  app.post<{ Params: { id: string; rotationId: string } }>(
    '/people/:id/rotations/:rotationId/edit',
    { config: { access: 'signed-in' }, schema: { params: rotationParams } },
    async (request, reply) => {
      const { user, viewer, person } = await load(request)
      authorize(canManageRotations(viewer, person))
      const rotation = await development.rotation(person.id, request.params.rotationId)
      const form = parseRotationForm(request.body)
      if (!form.ok || !form.value)
        return rotationForm(reply, {
          viewer,
          person,
          rotation,
          values: (request.body ?? {}) as Record<string, unknown>,
          started: dateParts(request.body, 'startedOn'),
          ended: dateParts(request.body, 'endedOn'),
          errors: form.errors,
          dateErrors: form.dateErrors,
          status: 400,
        })
      await development.changeRotation(actorOf(user), person, rotation.id, form.value)
      request.session.flash({ kind: 'success', heading: 'Placement saved' })
      return reply.seeOther(`/people/${person.id}/rotations`)
    },
  )
}

function readList(v: unknown): string[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []
  return list.filter((x): x is string => typeof x === 'string').slice(0, 100)
}
