// A person's development plan: its goals, changing them, and progress notes on each.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import type { Viewer } from '../../platform/auth/viewer.ts'
import type { Person } from '../../people/people.types.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { ValidationError } from '../../platform/errors.ts'
import { formErrors, parseForm, saveVersioned, type FormErrors } from '../../platform/forms.ts'
import type { Services } from '../../services.ts'
import { canChangePlan, canSeePlan } from '../development.policy.ts'
import type { Goal } from '../development.repository.ts'
import {
  GOAL_FIELDS,
  GOAL_STATUSES,
  GOAL_STATUS_LABELS,
  NOTE_FIELDS,
  dateParts,
  goalPrefillHref,
  isSafeSourceUrl,
  noteSchema,
  parseGoalForm,
  partsOf,
  readGoalPrefill,
  type DateErrorParts,
  type DateParts,
} from '../development.schemas.ts'
import type { GoalView, SkillRef } from '../development.service.ts'
import {
  dateItems,
  goalParams,
  navFor,
  personNav,
  personPages,
  personParams,
  prefillQuery,
  readList,
} from './shared.ts'

export default async function planRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { people, development } = services
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
        invalid: (errors, status) => again({ errors, dateErrors: form.dateErrors, status }),
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
