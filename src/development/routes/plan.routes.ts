// A person's development plan: its goals, changing them, and progress notes on each.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import type { Viewer } from '../../platform/auth/viewer.ts'
import type { Person } from '../../people/people.types.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { ValidationError } from '../../platform/errors.ts'
import { formErrors, parseForm, saveVersioned, type FormErrors } from '../../platform/forms.ts'
import { datePartsOf, readDateParts } from '../../platform/forms.ts'
import type { Services } from '../../services.ts'
import { canChangePlan, canSeePlan } from '../development.policy.ts'
import type { Goal } from '../development.repository.ts'
import { GOAL_FIELDS, NOTE_FIELDS, noteSchema, parseGoalForm, readGoalPrefill } from '../development.schemas.ts'
import type { GoalView } from '../development.service.ts'
import { goalParams, personPages, personParams, prefillQuery, readList } from './shared.ts'
import { goalFormView, noteItems, navFor, personNav, type GoalFormInput } from '../development.views.ts'

export default async function planRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { people, development } = services

  /** A posted goal form: what the reader made of it, what was typed, and the skills ticked. */
  const readGoalPost = (body: unknown, skills: readonly { slug: string }[], mode: 'new' | 'edit') => {
    const values = (body ?? {}) as Record<string, unknown>
    const form = parseGoalForm(body, { skills: skills.map(s => s.slug), today: development.today(), mode })
    return { form, values, chosen: readList(values.skills) }
  }
  const { load, personContext } = personPages(people)

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

  type GoalFormView = GoalFormInput & { viewer: Viewer; status?: number }

  async function goalForm(reply: FastifyReply, o: GoalFormView) {
    const skills = await development.skillChoices(o.goal?.skills ?? [], o.person.careerRole)
    return reply.page(
      'development/views/goal-form.njk',
      { ...goalFormView(o, skills), ...(await personContext(o.viewer, o.person)) },
      { status: o.status ?? 200, nav: navFor(o.viewer, o.person) },
    )
  }

  app.get<{ Params: { id: string } }>(
    '/people/:id/plan/goals/new',
    { config: { access: 'signed-in' }, schema: { params: personParams, querystring: prefillQuery } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canChangePlan(viewer, person))
      const skills = await development.skillChoices([], person.careerRole)
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
      const skills = await development.skillChoices([], person.careerRole)
      const { form, values, chosen } = readGoalPost(request.body, skills, 'new')
      if (!form.ok || !form.value)
        return goalForm(reply, {
          mode: 'new',
          person,
          viewer,
          values,
          skills: chosen,
          due: readDateParts(request.body, 'dueOn'),
          errors: form.errors,
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
            due: readDateParts(request.body, 'dueOn'),
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
        notes: noteItems(notes),
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
        due: datePartsOf(goal.dueOn),
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
      const skills = await development.skillChoices(goal.skills, person.careerRole)
      const { form, values, chosen } = readGoalPost(request.body, skills, 'edit')
      const due = readDateParts(request.body, 'dueOn')
      const again = (extra: Partial<GoalFormView>) =>
        goalForm(reply, { mode: 'edit', person, viewer, goal, values, skills: chosen, due, ...extra })
      return saveVersioned({
        form,
        fields: GOAL_FIELDS,
        save: value => development.changeGoal(actorOf(user), person, goal.id, value, value.version ?? -1),
        invalid: (errors, status) => again({ errors, status }),
        // Both versions are shown; the form keeps what they typed, now based on the latest.
        conflict: (latest: GoalView, value, status) =>
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
}
