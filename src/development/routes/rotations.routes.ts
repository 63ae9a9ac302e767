// An associate's rotations: the placements they have had, adding and changing them.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import type { Viewer } from '../../platform/auth/viewer.ts'
import type { Person } from '../../people/people.types.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { datePartsOf, readDateParts } from '../../platform/forms.ts'
import type { Services } from '../../services.ts'
import { canAddRotation, canManageRotations, canSeeRotations } from '../development.policy.ts'
import { parseRotationForm } from '../development.schemas.ts'
import { personPages, personParams, rotationParams } from './shared.ts'
import { navFor, personNav, rotationFormView, type RotationFormInput } from '../development.views.ts'

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

  type RotationFormView = RotationFormInput & { viewer: Viewer; person: Person; status?: number }

  async function rotationForm(reply: FastifyReply, o: RotationFormView) {
    return reply.page(
      'development/views/rotation-form.njk',
      {
        ...rotationFormView(o),
        ...(await personContext(o.viewer, o.person)),
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
          started: readDateParts(request.body, 'startedOn'),
          ended: readDateParts(request.body, 'endedOn'),
          errors: form.errors,
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
        started: datePartsOf(rotation.startedOn),
        ended: datePartsOf(rotation.endedOn),
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
          started: readDateParts(request.body, 'startedOn'),
          ended: readDateParts(request.body, 'endedOn'),
          errors: form.errors,
          status: 400,
        })
      await development.changeRotation(actorOf(user), person, rotation.id, form.value)
      request.session.flash({ kind: 'success', heading: 'Placement saved' })
      return reply.seeOther(`/people/${person.id}/rotations`)
    },
  )
}
