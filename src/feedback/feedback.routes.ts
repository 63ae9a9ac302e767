// Peer feedback's pages. Each handler loads, asks feedback.policy.ts (the service asks again), calls
// one operation, then renders or redirects. Answers are shown only to the person who asked and
// their line manager; the colleague asked sees the request and their own part of it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { authorize } from '../platform/auth/authorize.ts'
import { requireViewer } from '../platform/auth/viewer.ts'
import { ValidationError } from '../platform/errors.ts'
import { formErrors, readText, type FormErrors } from '../platform/forms.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import type { Services } from '../services.ts'
import { canAnswerAsk, canSeeFeedbackOf, canUseFeedback, canWithdraw, type Viewer } from './feedback.policy.ts'
import { ASK_FIELDS, answerFields, readAnswerForm, readAskForm, readVersion } from './feedback.schemas.ts'
import { AskClosedError, MAX_COLLEAGUES, type AnswerInput, type AskDetail, type AskInput } from './feedback.service.ts'
import { askTag, requestView } from './feedback.views.ts'

const requestParams = uuidParams('requestId')
const askParams = uuidParams('askId')
const personParams = uuidParams('id')

export default async function feedbackRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { feedback, people } = services

  function viewerOf(request: FastifyRequest): Viewer {
    const viewer = requireViewer(request)
    authorize(canUseFeedback(viewer))
    return viewer
  }

  // ---- The viewer's feedback: asked of them, and asked by them ---------------------------------

  app.get('/feedback', { config: { access: 'signed-in' } }, async (request, reply) => {
    const viewer = viewerOf(request)
    const person = await people.get(viewer.user.id)
    const [waiting, requests] = await Promise.all([
      feedback.waitingFor(viewer.user.id),
      feedback.requestsOf(viewer, person),
    ])
    return reply.page('feedback/views/index.njk', {
      pageTitle: 'Feedback from colleagues',
      waiting,
      requests: requests.map(requestView),
    })
  })

  // ---- Asking --------------------------------------------------------------------------------

  async function newPage(
    reply: FastifyReply,
    viewer: Viewer,
    input: AskInput,
    o: { errors?: FormErrors; status?: number; q?: string } = {},
  ) {
    const [colleagues, skills] = await Promise.all([
      feedback.colleagueChoices(viewer, { q: o.q, chosen: input.colleagues }),
      feedback.skillChoices(),
    ])
    const item = (checked: boolean) => (c: { id: string; name: string; email: string }) => ({
      value: c.id,
      text: c.name,
      hint: { text: c.email, classes: 'app-break-anywhere' },
      checked,
    })
    const colleagueItems = [...colleagues.chosen.map(item(true)), ...colleagues.offered.map(item(false))]
    return reply.page(
      'feedback/views/new.njk',
      {
        pageTitle: 'Ask colleagues for feedback',
        errors: o.errors,
        max: MAX_COLLEAGUES,
        note: input.note,
        colleagues,
        colleagueItems,
        skillItems: skills.map(s => ({ value: s.slug, text: s.name, checked: input.skills.includes(s.slug) })),
      },
      { status: o.status ?? 200 },
    )
  }

  app.get('/feedback/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    const viewer = viewerOf(request)
    return newPage(reply, viewer, { colleagues: [], skills: [], note: '' })
  })

  app.post('/feedback/new', { config: { access: 'signed-in' } }, async (request, reply) => {
    const viewer = viewerOf(request)
    const input = readAskForm(request.body)
    // "Search" finds colleagues by name, keeping everything chosen and typed so far.
    if (readText(request.body, 'find', 10) !== '')
      return newPage(reply, viewer, input, { q: readText(request.body, 'q', 100) })
    try {
      const id = await feedback.ask(viewer, input)
      request.session.flash({
        kind: 'success',
        heading: 'Your request for feedback has been sent',
        text: 'Each colleague will see it on their home page. You will see their answers here.',
      })
      return reply.seeOther(`/feedback/requests/${id}`)
    } catch (err) {
      if (err instanceof ValidationError)
        return newPage(reply, viewer, input, { errors: formErrors(err.fieldErrors, ASK_FIELDS), status: 400 })
      throw err
    }
  })

  // ---- A request: the person and their line manager ------------------------------------------

  app.get<{ Params: { requestId: string } }>(
    '/feedback/requests/:requestId',
    { config: { access: 'signed-in' }, schema: { params: requestParams } },
    async (request, reply) => {
      const viewer = viewerOf(request)
      const detail = await feedback.request(viewer, request.params.requestId)
      const self = viewer.user.id === detail.person.id
      return reply.page('feedback/views/request.njk', {
        pageTitle: self ? 'Your request for feedback' : `Feedback for ${detail.person.name}`,
        self,
        person: { id: detail.person.id, name: detail.person.name },
        request: requestView(detail),
        canWithdraw: canWithdraw(viewer, detail.request) && detail.asks.some(a => a.status === 'asked'),
      })
    },
  )

  app.post<{ Params: { requestId: string } }>(
    '/feedback/requests/:requestId/withdraw',
    { config: { access: 'signed-in' }, schema: { params: requestParams } },
    async (request, reply) => {
      const viewer = viewerOf(request)
      const detail = await feedback.request(viewer, request.params.requestId)
      authorize(viewer.user.id === detail.request.personId)
      const path = `/feedback/requests/${detail.request.id}`
      try {
        await feedback.withdraw(viewer, detail.request.id, readVersion(request.body))
      } catch (err) {
        if (!(err instanceof AskClosedError)) throw err
        request.session.flash({ kind: 'important', heading: err.message })
        return reply.seeOther(path)
      }
      request.session.flash({
        kind: 'success',
        heading: 'You have withdrawn your request',
        text: 'Colleagues who had not answered are no longer asked. Answers already given stay here.',
      })
      return reply.seeOther(path)
    },
  )

  // ---- A person's feedback, for them and their line manager ------------------------------------

  app.get<{ Params: { id: string } }>(
    '/people/:id/feedback',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const viewer = viewerOf(request)
      const person = await people.get(request.params.id)
      authorize(canSeeFeedbackOf(viewer, person))
      const self = viewer.user.id === person.id
      const requests = await feedback.requestsOf(viewer, person)
      return reply.page('feedback/views/person.njk', {
        pageTitle: self ? 'Feedback from your colleagues' : `Feedback for ${person.name}`,
        self,
        person: { id: person.id, name: person.name },
        requests: requests.map(requestView),
      })
    },
  )

  // ---- Answering: the colleague asked ----------------------------------------------------------

  function askPage(
    reply: FastifyReply,
    d: AskDetail,
    o: { input?: AnswerInput; errors?: FormErrors; closed?: string; status?: number } = {},
  ) {
    const open = d.ask.status === 'asked' && !o.closed
    return reply.page(
      'feedback/views/ask.njk',
      {
        pageTitle: `Give ${d.request.personName} feedback`,
        path: `/feedback/asks/${d.ask.id}`,
        personName: d.request.personName,
        askedAt: d.request.createdAt,
        note: d.request.note,
        version: d.ask.version,
        open,
        closed: o.closed,
        tag: askTag(d.ask.status),
        answeredAt: d.ask.answeredAt,
        errors: o.errors,
        skills: d.skills.map(s => ({ slug: s.slug, name: s.name, value: o.input?.answers[s.slug] ?? '' })),
      },
      { status: o.status ?? 200 },
    )
  }

  app.get<{ Params: { askId: string } }>(
    '/feedback/asks/:askId',
    { config: { access: 'signed-in' }, schema: { params: askParams } },
    async (request, reply) => {
      const viewer = viewerOf(request)
      const detail = await feedback.askFor(viewer, request.params.askId)
      return askPage(reply, detail)
    },
  )

  app.post<{ Params: { askId: string } }>(
    '/feedback/asks/:askId',
    { config: { access: 'signed-in' }, schema: { params: askParams } },
    async (request, reply) => {
      const viewer = viewerOf(request)
      const detail = await feedback.askFor(viewer, request.params.askId)
      authorize(canAnswerAsk(viewer, detail.ask))
      const input = readAnswerForm(request.body, detail.skills)
      try {
        await feedback.answer(viewer, detail.ask.id, input, readVersion(request.body))
      } catch (err) {
        if (err instanceof ValidationError)
          return askPage(reply, detail, {
            input,
            errors: formErrors(err.fieldErrors, answerFields(detail.skills)),
            status: 400,
          })
        if (err instanceof AskClosedError) {
          // Shown as it is now, with what they wrote kept on the page so nothing is lost.
          const latest = await feedback.askFor(viewer, detail.ask.id)
          return askPage(reply, latest, { input, closed: err.message, status: 409 })
        }
        throw err
      }
      request.session.flash({
        kind: 'success',
        heading: `Your feedback has been sent to ${detail.request.personName}`,
        text: 'Only they and their line manager can read it.',
      })
      return reply.seeOther('/')
    },
  )

  app.post<{ Params: { askId: string } }>(
    '/feedback/asks/:askId/decline',
    { config: { access: 'signed-in' }, schema: { params: askParams } },
    async (request, reply) => {
      const viewer = viewerOf(request)
      const detail = await feedback.askFor(viewer, request.params.askId)
      authorize(canAnswerAsk(viewer, detail.ask))
      try {
        await feedback.decline(viewer, detail.ask.id, readVersion(request.body))
      } catch (err) {
        if (!(err instanceof AskClosedError)) throw err
        request.session.flash({ kind: 'important', heading: err.message })
        return reply.seeOther(`/feedback/asks/${detail.ask.id}`)
      }
      request.session.flash({ kind: 'success', heading: `You have declined ${detail.request.personName}'s request` })
      return reply.seeOther('/')
    },
  )
}
