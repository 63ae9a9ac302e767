// A person's 1:1s, recording and changing them, their actions, and a manager's view of the 1:1s
// with their people.
import type { FastifyInstance, FastifyReply } from 'fastify'
import { actorOf } from '../../accounts/accounts.service.ts'
import type { Viewer } from '../../platform/auth/viewer.ts'
import type { Person } from '../../people/people.types.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { formErrors, saveVersioned, type FormErrors } from '../../platform/forms.ts'
import { formatDate } from '../../platform/http/filters.ts'
import type { Services } from '../../services.ts'
import {
  canChangeMeeting,
  canRecordOneToOne,
  canSeeMeeting,
  canSeeOneToOnes,
  withChoicesFor,
} from '../development.policy.ts'
import type { Meeting } from '../development.repository.ts'
import { parseActionForm, parseMeetingForm } from '../development.schemas.ts'
import { datePartsOf, readDateParts } from '../../platform/forms.ts'
import { actionParams, meetingParams, personPages, personParams, requireUser } from './shared.ts'
import {
  meetingFormView,
  meetingView,
  oneToOnesView,
  overviewView,
  personNav,
  type MeetingFormInput,
} from '../development.views.ts'

export default async function oneToOnesRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { people, development } = services
  const { load, personContext } = personPages(people)

  app.get<{ Params: { id: string } }>(
    '/people/:id/one-to-ones',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canSeeOneToOnes(viewer, person))
      const { meetings, cadence, today } = await development.oneToOnes(person)
      return reply.page(
        'development/views/one-to-ones.njk',
        {
          pageTitle: viewer.user.id === person.id ? 'Your 1:1s' : `1:1s: ${person.name}`,
          ...(await personContext(viewer, person)),
          ...oneToOnesView(meetings, today, m => canSeeMeeting(viewer, m)),
          cadence,
          partners: development.partnersOf(person),
          subNav: personNav(viewer, person, 'one-to-ones'),
          can: { record: canRecordOneToOne(viewer, person) },
        },
        { nav: 'one-to-ones' },
      )
    },
  )

  type MeetingFormView = MeetingFormInput & { status?: number }

  async function meetingForm(reply: FastifyReply, o: MeetingFormView) {
    return reply.page(
      'development/views/one-to-one-form.njk',
      {
        ...meetingFormView(o, development.partnersOf(o.person), withChoicesFor(o.viewer, o.person)),
        ...(await personContext(o.viewer, o.person)),
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
        held: datePartsOf(development.today()),
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
          held: readDateParts(request.body, 'heldOn'),
          errors: form.errors,
          status: 400,
        })
      const id = await development.recordOneToOne(actorOf(user), person, form.value)
      request.session.flash({ kind: 'success', heading: '1:1 recorded' })
      return reply.seeOther(`/people/${person.id}/one-to-ones/${id}`)
    },
  )

  async function meetingPage(
    reply: FastifyReply,
    viewer: Viewer,
    person: Person,
    meetingId: string,
    extra: { errors?: FormErrors; values?: Record<string, unknown>; status?: number } = {},
  ) {
    const { meeting, actions } = await development.meeting(person.id, meetingId)
    authorize(canSeeMeeting(viewer, meeting))
    const values = extra.values ?? {}
    return reply.page(
      'development/views/one-to-one.njk',
      {
        pageTitle: `1:1 on ${formatDate(meeting.heldOn)}`,
        ...(await personContext(viewer, person)),
        ...meetingView(viewer, meeting, actions, {
          today: development.today(),
          values,
          actionDue: readDateParts(values, 'actionDueOn'),
          errors: extra.errors,
        }),
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
        held: datePartsOf(meeting.heldOn),
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
      const held = readDateParts(request.body, 'heldOn')
      const again = (extra: Partial<MeetingFormView>) =>
        meetingForm(reply, { mode: 'edit', viewer, person, meeting, values, held, ...extra })
      return saveVersioned({
        form,
        save: value => development.changeOneToOne(actorOf(user), person, meeting.id, value, value.version ?? -1),
        invalid: (errors, status) => again({ errors, status }),
        conflict: (latest: Meeting, _value, status) =>
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
        ...overviewView(rows, slug => terms.roleName(slug)),
      },
      { nav: 'one-to-ones' },
    )
  })
}
