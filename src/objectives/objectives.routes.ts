// Objectives' pages: a quarter's objectives as a tree with each level's progress, a thing's
// objectives, setting one (first choosing whom it is for), an objective with its key results,
// changing it (versioned: a lost race answers 409 with what was typed kept) and removing it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { actorOf } from '../accounts/accounts.service.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { requireViewer, type Viewer } from '../platform/auth/viewer.ts'
import { ValidationError } from '../platform/errors.ts'
import { formErrors, formValues, readText, saveVersioned, type FormErrors, type FormValues } from '../platform/forms.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import { addQuarters, isQuarter, quarterLabel } from '../products/prioritisation/prioritisation.types.ts'
import type { Services } from '../services.ts'
import { canSeeObjectives, canSetObjectives } from './objectives.policy.ts'
import { OBJECTIVE_FIELDS, readObjective, readVersion } from './objectives.schemas.ts'
import type { ObjectiveChoices } from './objectives.service.ts'
import { LEVEL_LABELS, placeName, type NamedScope, type Objective, type Scope } from './objectives.types.ts'
import {
  objectiveCard,
  objectiveConflict,
  objectiveFormView,
  objectiveHref,
  objectivesHref,
  objectiveValues,
  objectiveView,
  quarterLinks,
  quarterTree,
  thingObjectivesHref,
} from './objectives.views.ts'

const NAV = 'objectives'
const config = { access: 'signed-in' } as const
const idParams = uuidParams('id')
const QUARTER = '^\\d{4}-Q[1-4]$'
const quarterQuery = {
  type: 'object',
  properties: { quarter: { type: 'string', pattern: QUARTER } },
} as const
const scopeQuery = {
  type: 'object',
  properties: {
    quarter: { type: 'string', pattern: QUARTER },
    level: { type: 'string', enum: ['organisation', 'area', 'group', 'thing'] },
    area: { type: 'string', maxLength: 200 },
    group: { type: 'string', maxLength: 200 },
    thing: { type: 'string', pattern: '^[0-9a-f-]{36}$' },
  },
} as const

type Id = { Params: { id: string } }
interface ScopeQuery {
  quarter?: string
  level?: string
  area?: string
  group?: string
  thing?: string
}

/** The address of the objective form for a scope and quarter. */
export function newObjectiveHref(scope: Scope, quarter: string): string {
  const q = new URLSearchParams({ quarter, level: scope.level })
  if (scope.level === 'area' || scope.level === 'group') q.set('area', scope.area)
  if (scope.level === 'group') q.set('group', scope.group)
  if (scope.level === 'thing' && scope.productId) q.set('thing', scope.productId)
  return `/objectives/new?${q.toString()}`
}

export default async function objectivesRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { objectives, products } = services

  const reader = (request: FastifyRequest) => {
    const viewer = requireViewer(request)
    authorize(canSeeObjectives(viewer))
    return viewer
  }

  /** Whether the viewer may set objectives for a scope (a thing's asks for its team). */
  const maySet = async (viewer: Viewer, scope: Scope) => {
    if (scope.level !== 'thing' || !scope.productId) return canSetObjectives(viewer, scope, null)
    const [product, members] = await Promise.all([products.get(scope.productId), products.members(scope.productId)])
    return canSetObjectives(viewer, scope, { product, members })
  }

  app.get<{ Querystring: { quarter?: string } }>(
    '/objectives',
    { config, schema: { querystring: quarterQuery } },
    async (request, reply) => {
      reader(request)
      const current = objectives.currentQuarter()
      const quarter = request.query.quarter ?? current
      const set = await objectives.quarter(quarter)
      return reply.page(
        'objectives/views/quarter.njk',
        {
          pageTitle: `Objectives for ${quarterLabel(quarter)}`,
          quarter,
          quarterText: quarterLabel(quarter, true),
          isCurrent: quarter === current,
          quarters: quarterLinks(quarter, current, addQuarters),
          ...quarterTree(set),
          newHref: `/objectives/new?quarter=${quarter}`,
        },
        { nav: NAV },
      )
    },
  )

  app.get<Id>('/objectives/things/:id', { config, schema: { params: idParams } }, async (request, reply) => {
    const viewer = reader(request)
    const scope = await objectives.resolveScope({ level: 'thing', productId: request.params.id })
    const [set, canSet] = await Promise.all([objectives.forThing(scope.productId ?? ''), maySet(viewer, scope)])
    const current = objectives.currentQuarter()
    const quarters = [...new Set(set.objectives.map(o => o.quarter))]
    return reply.page(
      'objectives/views/thing.njk',
      {
        pageTitle: `Objectives: ${scope.name}`,
        scope,
        byQuarter: quarters.map(q => ({
          quarter: quarterLabel(q, true),
          href: objectivesHref(q),
          objectives: set.objectives.filter(o => o.quarter === q).map(o => objectiveCard(o, set)),
        })),
        setLinks: canSet
          ? [0, 1].map(n => {
              const q = addQuarters(current, n)
              return { text: `Set an objective for ${quarterLabel(q)}`, href: newObjectiveHref(scope, q) }
            })
          : [],
      },
      { nav: NAV },
    )
  })

  const objectiveForm = async (
    reply: FastifyReply,
    o: {
      scope: NamedScope
      quarter: string
      values: FormValues
      choices: ObjectiveChoices
      objective?: Objective
      errors?: FormErrors
      status?: number
      conflict?: Objective
    },
  ) =>
    reply.page(
      'objectives/views/objective-form.njk',
      {
        pageTitle: `${o.objective ? 'Change an objective' : 'Set an objective'}: ${o.scope.name}`,
        heading: o.objective ? 'Change an objective' : 'Set an objective',
        caption: `${o.scope.name} · ${quarterLabel(o.quarter)}`,
        scope: o.scope,
        quarter: o.quarter,
        objective: o.objective,
        conflict: o.conflict ? objectiveConflict(o.conflict, o.choices) : null,
        action: o.objective ? objectiveHref(o.objective.id, '/edit') : newObjectiveHref(o.scope, o.quarter),
        cancelHref: o.objective
          ? objectiveHref(o.objective.id)
          : o.scope.productId
            ? thingObjectivesHref(o.scope.productId)
            : objectivesHref(o.quarter),
        addMetricHref: o.scope.productId ? `/products/${o.scope.productId}/metrics/new` : null,
        ...objectiveFormView(o.values, o.choices, o.errors),
      },
      { status: o.status ?? 200, nav: NAV },
    )

  /** The scope the form's address names, once the viewer may set objectives for it. */
  const scopeToSet = async (request: FastifyRequest<{ Querystring: ScopeQuery }>) => {
    const viewer = reader(request)
    const q = request.query
    const scope = await objectives.resolveScope({
      level: q.level ?? '',
      area: q.area,
      group: q.group,
      productId: q.thing,
    })
    authorize(await maySet(viewer, scope))
    const quarter = q.quarter && isQuarter(q.quarter) ? q.quarter : objectives.currentQuarter()
    return { viewer, scope, quarter }
  }

  app.get<{ Querystring: ScopeQuery }>(
    '/objectives/new',
    { config, schema: { querystring: scopeQuery } },
    async (request, reply) => {
      if (!request.query.level) {
        // First, whom the objective is for: the places this viewer may set objectives for.
        const viewer = reader(request)
        const quarter = request.query.quarter ?? objectives.currentQuarter()
        const places = await objectives.places()
        const scopes: Scope[] = [
          { level: 'organisation', area: '', group: '', productId: null },
          ...[...new Set(places.map(p => p.area).filter(Boolean))].map((area): Scope => ({
            level: 'area',
            area,
            group: '',
            productId: null,
          })),
          ...places
            .filter(p => p.group !== '')
            .map((p): Scope => ({ level: 'group', area: p.area, group: p.group, productId: null })),
        ]
        const owned = (await products.list({ ownerId: viewer.user.id }, 1)).items
        const choices = [
          ...scopes
            .filter(s => canSetObjectives(viewer, s, null))
            .map(s => ({ text: placeName(s), level: LEVEL_LABELS[s.level], href: newObjectiveHref(s, quarter) })),
          ...owned.map(p => ({
            text: p.name,
            level: LEVEL_LABELS.thing,
            href: newObjectiveHref({ level: 'thing', area: p.area, group: p.group, productId: p.id }, quarter),
          })),
        ]
        return reply.page(
          'objectives/views/choose.njk',
          {
            pageTitle: `Who is the objective for? ${quarterLabel(quarter)}`,
            quarterText: quarterLabel(quarter),
            choices,
            backHref: objectivesHref(quarter),
          },
          { nav: NAV },
        )
      }
      const { scope, quarter } = await scopeToSet(request)
      const choices = await objectives.choices(scope, quarter)
      return objectiveForm(reply, { scope, quarter, values: { parentId: '' }, choices })
    },
  )

  app.post<{ Querystring: ScopeQuery }>(
    '/objectives/new',
    { config, schema: { querystring: scopeQuery } },
    async (request, reply) => {
      const { viewer, scope, quarter } = await scopeToSet(request)
      const choices = await objectives.choices(scope, quarter)
      // "Find" narrows the long lists of metrics and roadmap items; nothing is saved or checked yet.
      if (isFind(request.body))
        return objectiveForm(reply, { scope, quarter, values: formValues(request.body), choices })
      const form = readObjective(request.body, optionsOf(choices))
      if (!form.ok)
        return objectiveForm(reply, { scope, quarter, values: form.values, choices, errors: form.errors, status: 400 })
      try {
        const objective = await objectives.create(actorOf(viewer.user), scope, quarter, form.value)
        request.session.flash({ kind: 'success', heading: 'Objective set' })
        return reply.seeOther(objectiveHref(objective.id))
      } catch (err) {
        if (err instanceof ValidationError)
          return objectiveForm(reply, {
            scope,
            quarter,
            values: form.values,
            choices,
            errors: formErrors(err.fieldErrors, [...OBJECTIVE_FIELDS]),
            status: 400,
          })
        throw err
      }
    },
  )

  /** An objective with whether the viewer may change it. */
  const loadObjective = async (request: FastifyRequest<Id>) => {
    const viewer = reader(request)
    const objective = await objectives.get(request.params.id)
    return { viewer, objective, canSet: await maySet(viewer, objective) }
  }

  app.get<Id>('/objectives/:id', { config, schema: { params: idParams } }, async (request, reply) => {
    const { objective, canSet } = await loadObjective(request)
    const detail = await objectives.detail(objective.id)
    return reply.page(
      'objectives/views/objective.njk',
      {
        pageTitle: `${objective.title}: objective`,
        ...objectiveView(detail),
        href: objectiveHref(objective.id),
        can: { edit: canSet },
      },
      { nav: NAV },
    )
  })

  const scopeOf = async (objective: Objective): Promise<NamedScope> =>
    objective.level === 'thing'
      ? objectives.resolveScope({ level: 'thing', productId: objective.productId ?? '' })
      : { ...objective, name: placeName(objective) }

  app.get<Id>('/objectives/:id/edit', { config, schema: { params: idParams } }, async (request, reply) => {
    const { objective, canSet } = await loadObjective(request)
    authorize(canSet)
    const [scope, choices] = await Promise.all([
      scopeOf(objective),
      objectives.choices(objective, objective.quarter, objective),
    ])
    return objectiveForm(reply, {
      scope,
      quarter: objective.quarter,
      values: objectiveValues(objective),
      choices,
      objective,
    })
  })

  app.post<Id>('/objectives/:id/edit', { config, schema: { params: idParams } }, async (request, reply) => {
    const { viewer, objective, canSet } = await loadObjective(request)
    authorize(canSet)
    const [scope, choices] = await Promise.all([
      scopeOf(objective),
      objectives.choices(objective, objective.quarter, objective),
    ])
    const quarter = objective.quarter
    if (isFind(request.body))
      return objectiveForm(reply, { scope, quarter, values: formValues(request.body), choices, objective })
    const form = readObjective(request.body, optionsOf(choices))
    return saveVersioned({
      form,
      fields: OBJECTIVE_FIELDS,
      save: input => objectives.update(actorOf(viewer.user), objective, input, readVersion(request.body)),
      invalid: (errors, status) =>
        objectiveForm(reply, { scope, quarter, values: form.values, choices, objective, errors, status }),
      conflict: (latest: Objective, _v, status) =>
        objectiveForm(reply, {
          scope,
          quarter,
          values: { ...form.values, version: String(latest.version) },
          choices,
          objective: latest,
          conflict: latest,
          status,
        }),
      saved: () => {
        request.session.flash({ kind: 'success', heading: 'Objective saved' })
        return reply.seeOther(objectiveHref(objective.id))
      },
    })
  })

  app.get<Id>('/objectives/:id/delete', { config, schema: { params: idParams } }, async (request, reply) => {
    const { objective, canSet } = await loadObjective(request)
    authorize(canSet)
    const detail = await objectives.detail(objective.id)
    return reply.page(
      'objectives/views/delete.njk',
      {
        pageTitle: `Remove the objective: ${objective.title}`,
        objective,
        children: detail.children.length,
        href: objectiveHref(objective.id),
      },
      { nav: NAV },
    )
  })

  app.post<Id>('/objectives/:id/delete', { config, schema: { params: idParams } }, async (request, reply) => {
    const { viewer, objective, canSet } = await loadObjective(request)
    authorize(canSet)
    await objectives.delete(actorOf(viewer.user), objective)
    request.session.flash({ kind: 'success', heading: `Objective removed: ${objective.title}` })
    return reply.seeOther(
      objective.level === 'thing' && objective.productId
        ? thingObjectivesHref(objective.productId)
        : objectivesHref(objective.quarter),
    )
  })
}

/** Whether the form was sent with its Find button, to narrow its lists rather than to save. */
const isFind = (body: unknown) => readText(body, 'action', 20) === 'find'

const optionsOf = (choices: ObjectiveChoices) => ({
  parentIds: choices.parents.map(p => p.id),
  metricIds: choices.metrics.map(m => m.metric.id),
  itemIds: choices.items.map(i => i.item.id),
})
