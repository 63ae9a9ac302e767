// An associate's rotations: the placements they have had, adding and changing them.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import type { Viewer } from '../../platform/auth/viewer.ts'
import type { Person } from '../../people/people.types.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { type FormErrors } from '../../platform/forms.ts'
import type { Services } from '../../services.ts'
import { canAddRotation, canManageRotations, canSeeRotations } from '../development.policy.ts'
import type { Rotation } from '../development.repository.ts'
import {
  PHASES,
  PHASE_LABELS,
  STAGES,
  STAGE_LABELS,
  dateParts,
  parseRotationForm,
  partsOf,
  type DateErrorParts,
  type DateParts,
} from '../development.schemas.ts'
import { dateItems, navFor, personNav, personPages, personParams, rotationParams } from './shared.ts'

export default async function rotationsRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { people, development } = services
  const { load, personContext } = personPages(people)

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
