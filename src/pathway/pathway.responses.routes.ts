// Confirming or querying agreed levels, and answering a query: pathway.responses.ts behind thin
// handlers. Load the check-in (whoever may see it, per pathway.policy.ts), ask who may act, call
// one operation, then redirect or show the form again with every problem at once.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { LEVELS, type Level } from '../framework/framework.bundled.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { requireViewer } from '../platform/auth/viewer.ts'
import { StaleVersionError } from '../platform/errors.ts'
import { formErrors, readChoice, readChoices, readText, saveVersioned, type FormErrors } from '../platform/forms.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import type { Services } from '../services.ts'
import { canReviewCheckin, canSeePathway, type Viewer } from './pathway.policy.ts'
import {
  ResponseStageError,
  canRespond,
  type AnswerInput,
  type CheckinResponse,
  type QueryInput,
} from './pathway.responses.ts'
import type { CheckinDetail } from './pathway.service.ts'
import { checkinHeading, checkinPath, levelItems } from './pathway.views.ts'
import { LEVEL_NAMES } from '../framework/framework.bundled.ts'

const checkinParams = uuidParams('id', 'checkinId')
type CheckinRequest = FastifyRequest<{ Params: { id: string; checkinId: string } }>

const readVersion = (body: unknown): number => {
  const n = Number(readText(body, 'version', 20))
  return Number.isInteger(n) && n >= 0 ? n : -1
}

export default async function checkinResponseRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { people, pathway, checkinResponses } = services

  async function load(request: CheckinRequest) {
    const viewer = requireViewer(request)
    const person = await people.get(request.params.id)
    authorize(canSeePathway(viewer, person))
    const detail = await pathway.checkin(person.id, request.params.checkinId)
    const response = await checkinResponses.of(detail.checkin.id)
    return { viewer, person, detail, response }
  }

  const back = (detail: CheckinDetail) => checkinPath(detail.person.id, detail.checkin.id)

  /** A step that no longer applies (confirmed, queried or answered elsewhere): say so on the check-in. */
  function moved(request: FastifyRequest, reply: FastifyReply, detail: CheckinDetail, message: string) {
    request.session.flash({ kind: 'important', heading: message })
    return reply.seeOther(back(detail))
  }

  /** A service refusal because the response moved on (ResponseStageError): say so on the check-in. */
  const stageMoved =
    (request: FastifyRequest, reply: FastifyReply, detail: CheckinDetail) =>
    (err: unknown): FastifyReply | undefined =>
      err instanceof ResponseStageError ? moved(request, reply, detail, err.message) : undefined

  // ---- Confirming ----------------------------------------------------------------------------

  app.post<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/confirm',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail, response } = await load(request)
      authorize(viewer.user.id === person.id)
      if (!canRespond(detail.checkin, response)) return moved(request, reply, detail, 'There is nothing to confirm')
      try {
        await checkinResponses.confirm(viewer, person.id, detail.checkin.id, readVersion(request.body))
      } catch (err) {
        if (err instanceof ResponseStageError) return moved(request, reply, detail, err.message)
        if (err instanceof StaleVersionError)
          return moved(request, reply, detail, 'This was changed in another tab or window. Check it, then try again')
        throw err
      }
      request.session.flash({ kind: 'success', heading: 'You have confirmed your agreed levels' })
      return reply.seeOther(back(detail))
    },
  )

  // ---- Querying ------------------------------------------------------------------------------

  function queryPage(
    reply: FastifyReply,
    o: {
      viewer: Viewer
      detail: CheckinDetail
      response: CheckinResponse | null
      input: QueryInput
      errors?: FormErrors
      status?: number
    },
  ) {
    return reply.page(
      'pathway/views/query.njk',
      {
        pageTitle: 'Query your agreed levels',
        ...checkinHeading(o.viewer, o.detail),
        lineManagerName: o.detail.person.lineManagerName ?? o.detail.checkin.managerName,
        version: o.response?.version ?? 0,
        errors: o.errors,
        text: o.input.text,
        skillItems: o.detail.skills.map(s => ({
          value: s.skill.slug,
          text: `${s.skill.name}: agreed ${s.rating.agreedLevel ? LEVEL_NAMES[s.rating.agreedLevel] : 'none'}`,
          checked: o.input.skills.includes(s.skill.slug),
        })),
      },
      { status: o.status ?? 200, nav: 'pathway' },
    )
  }

  app.get<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/query',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail, response } = await load(request)
      authorize(viewer.user.id === person.id)
      if (!canRespond(detail.checkin, response)) return moved(request, reply, detail, 'There is nothing to query')
      return queryPage(reply, { viewer, detail, response, input: { skills: [], text: '' } })
    },
  )

  app.post<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/query',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail, response } = await load(request)
      authorize(viewer.user.id === person.id)
      if (!canRespond(detail.checkin, response)) return moved(request, reply, detail, 'There is nothing to query')
      const input: QueryInput = {
        skills: readChoices(request.body, 'skills').chosen,
        text: readText(request.body, 'text'),
      }
      return saveVersioned({
        form: { ok: true, value: input },
        fields: ['skills', 'text'],
        save: value => checkinResponses.query(viewer, person.id, detail.checkin.id, value, readVersion(request.body)),
        latest: err => (err instanceof StaleVersionError ? checkinResponses.of(detail.checkin.id) : undefined),
        invalid: (errors, status) => queryPage(reply, { viewer, detail, response, input, errors, status }),
        conflict: (latest, value, status) =>
          queryPage(reply, {
            viewer,
            detail,
            response: latest,
            input: value,
            errors: formErrors({
              form: 'Your response was changed in another tab or window. Your query is below: check it, then send it again',
            }),
            status,
          }),
        saved: () => {
          request.session.flash({
            kind: 'success',
            heading: 'Your query has been sent to your line manager',
            text: 'They will change the levels or reply to you. You will see their answer on this check-in.',
          })
          return reply.seeOther(back(detail))
        },
        otherwise: stageMoved(request, reply, detail),
      })
    },
  )

  // ---- Answering a query ---------------------------------------------------------------------

  function answerPage(
    reply: FastifyReply,
    o: {
      viewer: Viewer
      detail: CheckinDetail
      response: CheckinResponse
      input: AnswerInput
      errors?: FormErrors
      status?: number
    },
  ) {
    const queried = o.detail.skills.filter(s => o.response.querySkills.includes(s.skill.slug))
    return reply.page(
      'pathway/views/answer.njk',
      {
        pageTitle: `Answer the query: ${o.detail.person.name}`,
        ...checkinHeading(o.viewer, o.detail),
        response: o.response,
        version: o.response.version,
        errors: o.errors,
        reply: o.input.reply,
        skills: queried.map(s => ({
          slug: s.skill.slug,
          name: s.skill.name,
          agreedName: s.rating.agreedLevel ? LEVEL_NAMES[s.rating.agreedLevel] : 'None',
          items: levelItems(s.skill.descriptors, o.input.levels[s.skill.slug] ?? null),
        })),
      },
      { status: o.status ?? 200, nav: 'team' },
    )
  }

  const agreedLevels = (detail: CheckinDetail): Record<string, Level | null> =>
    Object.fromEntries(detail.skills.map(s => [s.skill.slug, s.rating.agreedLevel]))

  app.get<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/answer',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail, response } = await load(request)
      authorize(canReviewCheckin(viewer, person))
      if (response?.status !== 'queried') return moved(request, reply, detail, 'There is no query to answer')
      return answerPage(reply, { viewer, detail, response, input: { levels: agreedLevels(detail), reply: '' } })
    },
  )

  app.post<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/answer',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail, response } = await load(request)
      authorize(canReviewCheckin(viewer, person))
      if (response?.status !== 'queried') return moved(request, reply, detail, 'There is no query to answer')
      const input: AnswerInput = {
        levels: Object.fromEntries(
          response.querySkills.map(slug => [slug, readChoice(request.body, `level-${slug}`, LEVELS) ?? null]),
        ),
        reply: readText(request.body, 'reply'),
      }
      return saveVersioned({
        form: { ok: true, value: input },
        fields: [...response.querySkills.map(s => `level-${s}`), 'reply'],
        save: value => checkinResponses.answer(viewer, person.id, detail.checkin.id, value, readVersion(request.body)),
        latest: err => (err instanceof StaleVersionError ? checkinResponses.of(detail.checkin.id) : undefined),
        invalid: (errors, status) => answerPage(reply, { viewer, detail, response, input, errors, status }),
        conflict: async (latest, value, status) => {
          if (latest?.status !== 'queried')
            return moved(request, reply, detail, 'This query was answered in another tab or window')
          return answerPage(reply, {
            viewer,
            detail: await pathway.checkin(person.id, detail.checkin.id),
            response: latest,
            input: value,
            errors: formErrors({
              form: 'This query changed after you opened it. It is shown as it is now; your answer is in the form',
            }),
            status,
          })
        },
        saved: outcome => {
          request.session.flash({
            kind: 'success',
            heading:
              outcome === 'changed'
                ? `You have changed ${person.name}'s agreed levels`
                : `You have replied to ${person.name}`,
            text: `${person.name} can now confirm the levels, or query them again.`,
          })
          return reply.seeOther(back(detail))
        },
        otherwise: stageMoved(request, reply, detail),
      })
    },
  )
}
