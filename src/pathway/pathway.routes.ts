// Check-ins, a person's pathway and a line manager's team. Each handler loads the person (and
// check-in), asks pathway.policy.ts, calls one service operation, then renders or redirects.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { LEVEL_NAMES, type Level } from '../framework/framework.bundled.ts'
import type { Person } from '../people/people.types.ts'
import { authorize } from '../platform/auth/authorize.ts'
import { requireViewer } from '../platform/auth/viewer.ts'
import type { CurrentUser } from '../platform/auth/roles.ts'
import { StaleVersionError, ValidationError } from '../platform/errors.ts'
import { formErrors, saveVersioned, type FormErrors, type FormResult } from '../platform/forms.ts'
import { uuidParams } from '../platform/http/route-schemas.ts'
import type { Services } from '../services.ts'
import { canRespond } from './pathway.responses.ts'
import type { ReceivedFeedback } from '../feedback/feedback.types.ts'
import { quoteChoices, withQuotes } from '../feedback/feedback.views.ts'
import { readChoices } from '../platform/forms.ts'
import { canSeeFeedbackOf } from '../feedback/feedback.policy.ts'
import {
  checkinHeading,
  checkinPath,
  checkinSkills,
  managerSkills,
  pathwayView,
  personHeading,
  selfSkills,
  statusTag,
} from './pathway.views.ts'
import {
  canAddToOwnPlan,
  canAssessSelf,
  canGiveManagerView,
  canRecordAgreement,
  canReviewCheckin,
  canSeePathway,
  canSeeSelfAssessment,
  canSeeTeam,
  canStartCheckin,
  type Viewer,
} from './pathway.policy.ts'
import {
  fieldOrder,
  readAgreeForm,
  readReviewForm,
  readSelfForm,
  type ParsedForm,
  type SkillField,
} from './pathway.schemas.ts'
import {
  CheckinStageError,
  NO_PROFILE_MESSAGE,
  agreeProblems,
  reviewProblems,
  selfProblems,
  type CheckinDetail,
  type CheckinStatus,
} from './pathway.service.ts'

const personParams = uuidParams('id')
const checkinParams = uuidParams('id', 'checkinId')

type PersonRequest = FastifyRequest<{ Params: { id: string } }>
type CheckinRequest = FastifyRequest<{ Params: { id: string; checkinId: string } }>

function requireUser(request: FastifyRequest): CurrentUser {
  authorize(request.user !== null)
  return request.user
}

const skillFields = (detail: CheckinDetail): SkillField[] =>
  detail.skills.map(s => ({ slug: s.skill.slug, name: s.skill.name }))

/**
 * The saveVersioned steps every check-in form shares: the value or its errors in page order, and
 * after a save that lost the race to another tab or person, the page again with `conflictMessage`
 * and the check-in as saved now.
 */
function checkinSteps<T, R>(
  form: ParsedForm<T>,
  order: string[],
  again: (errors: FormErrors, status: number, latest?: CheckinDetail) => R,
  conflictMessage: string,
  /** What the stage requires of the answers as read: shown with the reader's own errors, at once. */
  rules: (value: T) => Record<string, string>,
) {
  // The pages show the typed levels again from the reading itself, so no raw values are kept.
  const read: FormResult<T> = Object.keys(form.errors).length
    ? { ok: false, errors: formErrors({ ...rules(form.value), ...form.errors }, order), values: {} }
    : { ok: true, value: form.value, values: {} }
  return {
    form: read,
    fields: order,
    invalid: again,
    conflict: (latest: CheckinDetail, _value: T, status: number) =>
      again(formErrors({ form: conflictMessage }), status, latest),
  }
}

export default async function pathwayRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { people, pathway } = services

  async function load(request: PersonRequest) {
    const user = requireUser(request)
    const viewer = requireViewer(request)
    const person = await people.get(request.params.id)
    return { user, viewer, person }
  }

  async function loadCheckin(request: CheckinRequest) {
    const { viewer, person } = await load(request)
    authorize(canSeePathway(viewer, person))
    const detail = await pathway.checkin(person.id, request.params.checkinId)
    return { viewer, person, detail }
  }

  const navFor = (viewer: Viewer, person: Person) =>
    viewer.user.id === person.id ? 'pathway' : canReviewCheckin(viewer, person) ? 'team' : undefined

  // ---- My pathway ----------------------------------------------------------------------------

  app.get('/pathway', { config: { access: 'signed-in' } }, async (request, reply) => {
    const user = requireUser(request)
    return reply.seeOther(`/people/${user.id}/pathway`)
  })

  app.get<{ Params: { id: string } }>(
    '/people/:id/pathway',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canSeePathway(viewer, person))
      const view = await pathway.pathway(viewer, person.id)
      const self = viewer.user.id === person.id
      const base = {
        pageTitle: self ? 'Your pathway' : `Pathway: ${person.name}`,
        ...personHeading(viewer, person),
      }
      if (!view.hasProfile)
        return reply.page(
          'pathway/views/pathway.njk',
          { ...base, hasProfile: false, noProfileMessage: NO_PROFILE_MESSAGE },
          { nav: navFor(viewer, person) },
        )
      const latest = await services.checkinResponses.latest(person.id)
      return reply.page(
        'pathway/views/pathway.njk',
        {
          ...base,
          hasProfile: true,
          levelsResponse: latest
            ? {
                agreedAt: latest.agreed.agreedAt,
                path: checkinPath(person.id, latest.agreed.checkinId),
                status: latest.response?.status ?? null,
                confirmedAt: latest.response?.confirmedAt ?? null,
                queriedAt: latest.response?.queriedAt ?? null,
                answeredAt: latest.response?.answeredAt ?? null,
              }
            : null,
          ...pathwayView(view, person.id),
          can: {
            start: canStartCheckin(viewer, person) && !view.open,
            continueDraft: view.open !== null && canAssessSelf(viewer, view.open),
            review:
              view.open !== null && canGiveManagerView(viewer, person, view.open) && view.open.status === 'submitted',
            agree: view.open !== null && canRecordAgreement(viewer, person, view.open),
            addToPlan: canAddToOwnPlan(viewer, person),
            feedback: canSeeFeedbackOf(viewer, person),
          },
        },
        { nav: navFor(viewer, person) },
      )
    },
  )

  // ---- Starting a check-in -------------------------------------------------------------------

  async function startPage(reply: FastifyReply, viewer: Viewer, person: Person, errors?: FormErrors, status = 200) {
    return reply.page(
      'pathway/views/new.njk',
      {
        pageTitle: 'Start a check-in',
        ...personHeading(viewer, person),
        hasProfile: person.hasProfile && person.careerRole !== null,
        noProfileMessage: NO_PROFILE_MESSAGE,
        lineManagerName: person.lineManagerName,
        errors,
      },
      { status, nav: 'pathway' },
    )
  }

  app.get<{ Params: { id: string } }>(
    '/people/:id/check-ins/new',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canStartCheckin(viewer, person))
      const open = await pathway.openCheckin(person.id)
      if (open) return reply.seeOther(checkinPath(person.id, open.id, open.status === 'draft' ? 'self' : ''))
      return startPage(reply, viewer, person)
    },
  )

  app.post<{ Params: { id: string } }>(
    '/people/:id/check-ins/new',
    { config: { access: 'signed-in' }, schema: { params: personParams } },
    async (request, reply) => {
      const { viewer, person } = await load(request)
      authorize(canStartCheckin(viewer, person))
      try {
        const checkin = await pathway.startCheckin(viewer, person.id)
        return reply.seeOther(checkinPath(person.id, checkin.id, 'self'))
      } catch (err) {
        if (err instanceof ValidationError) return startPage(reply, viewer, person, formErrors(err.fieldErrors), 400)
        throw err
      }
    },
  )

  // ---- Reading a check-in --------------------------------------------------------------------

  app.get<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail } = await loadCheckin(request)
      const { checkin } = detail
      const showSelf = canSeeSelfAssessment(viewer, checkin)
      const showManager = checkin.status === 'reviewed' || checkin.status === 'agreed'
      // The person's response to agreed levels (pathway.responses.ts): seen by whoever sees the check-in.
      const agreedOwn = checkin.status === 'agreed' && checkin.kind === 'check-in'
      const response = agreedOwn ? await services.checkinResponses.of(checkin.id) : null
      const names = new Map(detail.skills.map(s => [s.skill.slug, s.skill.name]))
      const levelsResponse = agreedOwn
        ? {
            self: viewer.user.id === person.id,
            personName: person.name,
            path: checkinPath(person.id, checkin.id),
            response: response
              ? { ...response, querySkillNames: response.querySkills.map(slug => names.get(slug) ?? slug) }
              : null,
            can: {
              respond: viewer.user.id === person.id && canRespond(checkin, response),
              answer: canReviewCheckin(viewer, person) && response?.status === 'queried',
            },
          }
        : null
      return reply.page(
        'pathway/views/checkin.njk',
        {
          pageTitle: viewer.user.id === person.id ? 'Your check-in' : `Check-in: ${person.name}`,
          ...checkinHeading(viewer, detail),
          show: { self: showSelf, manager: showManager, agreed: checkin.status === 'agreed' },
          levelsResponse,
          skills: checkinSkills(detail, showSelf),
          can: {
            continueDraft: canAssessSelf(viewer, checkin),
            review: canGiveManagerView(viewer, person, checkin),
            agree: canRecordAgreement(viewer, person, checkin),
          },
        },
        { nav: navFor(viewer, person) },
      )
    },
  )

  // ---- The person's own levels ---------------------------------------------------------------

  interface SelfPage {
    viewer: Viewer
    detail: CheckinDetail
    values: Record<string, { level: Level | null; evidence: string }>
    version: number
    errors?: FormErrors
    conflict?: CheckinDetail
    status?: number
    /** Peer feedback the person received on the check-in's skills, offered to quote as evidence. */
    received: ReceivedFeedback[]
  }

  const receivedFor = (detail: CheckinDetail) =>
    services.feedback.receivedOn(
      detail.person.id,
      detail.skills.map(s => s.skill.slug),
    )

  function selfPage(reply: FastifyReply, o: SelfPage) {
    const { detail } = o
    return reply.page(
      'pathway/views/self.njk',
      {
        pageTitle: 'Assess your skills',
        ...checkinHeading(o.viewer, detail),
        lineManagerName: detail.person.lineManagerName,
        version: o.version,
        errors: o.errors,
        skills: selfSkills(detail, o.values, o.conflict).map(s => ({
          ...s,
          quotes: quoteChoices(o.received, s.skill.slug, s.evidence),
        })),
        conflict: o.conflict !== undefined,
      },
      { status: o.status ?? 200, nav: 'pathway' },
    )
  }

  const savedSelf = (detail: CheckinDetail) =>
    Object.fromEntries(
      detail.skills.map(s => [s.skill.slug, { level: s.rating.selfLevel, evidence: s.rating.selfEvidence }]),
    )

  app.get<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/self',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail } = await loadCheckin(request)
      authorize(canStartCheckin(viewer, person))
      if (!canAssessSelf(viewer, detail.checkin)) {
        request.session.flash({ kind: 'important', heading: 'You have already submitted this check-in' })
        return reply.seeOther(checkinPath(person.id, detail.checkin.id))
      }
      return selfPage(reply, {
        viewer,
        detail,
        values: savedSelf(detail),
        version: detail.checkin.version,
        received: await receivedFor(detail),
      })
    },
  )

  app.post<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/self',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail } = await loadCheckin(request)
      authorize(canStartCheckin(viewer, person))
      const form = readSelfForm(request.body, skillFields(detail))
      // Peer feedback ticked under a skill is quoted at the end of its evidence, then checked like
      // anything typed (src/feedback: only feedback this person received on that skill).
      const received = await receivedFor(detail)
      form.value.ratings = withQuotes(
        form.value.ratings,
        received,
        Object.fromEntries(
          detail.skills.map(s => [s.skill.slug, readChoices(request.body, `quote-${s.skill.slug}`).chosen]),
        ),
      )
      const order = fieldOrder(skillFields(detail), 'evidence')
      const again = (errors: FormErrors, status: number, conflict?: CheckinDetail) =>
        selfPage(reply, {
          received,
          viewer,
          detail: conflict ?? detail,
          values: form.value.ratings,
          version: conflict ? conflict.checkin.version : form.version,
          errors,
          conflict,
          status,
        })
      return saveVersioned({
        ...checkinSteps(
          form,
          order,
          again,
          'This check-in was saved in another tab or window after you opened it. What was saved is shown under each skill; your answers are in the form. Check them, then save again',
          value => selfProblems(detail, value, form.submit),
        ),
        // Sending is a separate step after checking the answers: "submit" saves the draft once
        // every skill has a level, then shows the answers to check.
        save: value => {
          const problems = form.submit ? selfProblems(detail, value, true) : {}
          if (Object.keys(problems).length) throw new ValidationError(problems)
          return pathway.saveSelf(viewer, person.id, detail.checkin.id, value, form.version, false)
        },
        otherwise: err => {
          if (!(err instanceof CheckinStageError)) return undefined
          request.session.flash({ kind: 'important', heading: err.message })
          return reply.seeOther(checkinPath(person.id, detail.checkin.id))
        },
        saved: () => {
          if (form.submit) return reply.seeOther(checkinPath(person.id, detail.checkin.id, 'check'))
          request.session.flash({ kind: 'success', heading: 'Your draft has been saved' })
          return reply.seeOther(checkinPath(person.id, detail.checkin.id, 'self'))
        },
      })
    },
  )

  // ---- Checking the answers before sending -----------------------------------------------------

  /** The saved answers of a draft, as the form would send them. */
  const savedInput = (detail: CheckinDetail) => ({ ratings: savedSelf(detail) })

  function checkPage(reply: FastifyReply, viewer: Viewer, detail: CheckinDetail, errors?: FormErrors, status = 200) {
    const path = checkinPath(detail.person.id, detail.checkin.id)
    return reply.page(
      'pathway/views/check.njk',
      {
        pageTitle: 'Check your answers before sending your check-in',
        ...checkinHeading(viewer, detail),
        lineManagerName: detail.person.lineManagerName,
        version: detail.checkin.version,
        errors,
        rows: detail.skills.map(s => ({
          name: s.skill.name,
          level: s.rating.selfLevel ? LEVEL_NAMES[s.rating.selfLevel] : 'Not answered',
          evidence: s.rating.selfEvidence,
          changeHref: `${path}/self#level-${s.skill.slug}`,
        })),
      },
      { status, nav: 'pathway' },
    )
  }

  app.get<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/check',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail } = await loadCheckin(request)
      authorize(canStartCheckin(viewer, person))
      if (!canAssessSelf(viewer, detail.checkin)) {
        request.session.flash({ kind: 'important', heading: 'You have already submitted this check-in' })
        return reply.seeOther(checkinPath(person.id, detail.checkin.id))
      }
      // A draft with a skill unanswered goes back to the form, which says which.
      if (Object.keys(selfProblems(detail, savedInput(detail), true)).some(k => k.startsWith('level-')))
        return reply.seeOther(checkinPath(person.id, detail.checkin.id, 'self'))
      return checkPage(reply, viewer, detail)
    },
  )

  app.post<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/check',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail } = await loadCheckin(request)
      authorize(canStartCheckin(viewer, person))
      const version = readSelfForm(request.body, []).version
      try {
        await pathway.saveSelf(viewer, person.id, detail.checkin.id, savedInput(detail), version, true)
      } catch (err) {
        if (err instanceof CheckinStageError) {
          request.session.flash({ kind: 'important', heading: err.message })
          return reply.seeOther(checkinPath(person.id, detail.checkin.id))
        }
        if (err instanceof StaleVersionError) {
          request.session.flash({
            kind: 'important',
            heading: 'Your answers were changed in another tab or window',
            text: 'Check them again, then send your check-in.',
          })
          return reply.seeOther(checkinPath(person.id, detail.checkin.id, 'check'))
        }
        if (err instanceof ValidationError) {
          if (Object.keys(err.fieldErrors).some(k => k.startsWith('level-')))
            return reply.seeOther(checkinPath(person.id, detail.checkin.id, 'self'))
          return checkPage(reply, viewer, detail, formErrors(err.fieldErrors), 400)
        }
        throw err
      }
      request.session.flash({
        kind: 'success',
        heading: 'Your check-in has been sent to your line manager',
        text: `${person.lineManagerName ?? 'Your line manager'} will give their view of each skill, then you will agree your levels together.`,
      })
      return reply.seeOther(checkinPath(person.id, detail.checkin.id))
    },
  )

  // ---- The line manager's view ---------------------------------------------------------------

  interface ManagerPage {
    viewer: Viewer
    detail: CheckinDetail
    values: Record<string, { level: Level | null; note: string }>
    overallNote?: string
    version: number
    errors?: FormErrors
    conflict?: boolean
    status?: number
  }

  function reviewPage(reply: FastifyReply, o: ManagerPage) {
    const { detail } = o
    return reply.page(
      'pathway/views/review.njk',
      {
        pageTitle: `Give your view: ${detail.person.name}`,
        ...checkinHeading(o.viewer, detail),
        version: o.version,
        errors: o.errors,
        conflict: o.conflict ?? false,
        skills: managerSkills(detail, o.values, false),
      },
      { status: o.status ?? 200, nav: 'team' },
    )
  }

  /** A line manager's page again with their answers; after a conflict, beside the check-in as saved now. */
  const managerAgain =
    (
      page: (reply: FastifyReply, o: ManagerPage) => Promise<FastifyReply>,
      reply: FastifyReply,
      viewer: Viewer,
      detail: CheckinDetail,
      form: ParsedForm<{ ratings: ManagerPage['values']; note?: string }>,
    ) =>
    (errors: FormErrors, status: number, latest?: CheckinDetail) =>
      page(reply, {
        viewer,
        detail: latest ?? detail,
        values: form.value.ratings,
        overallNote: form.value.note,
        version: latest ? latest.checkin.version : form.version,
        errors,
        conflict: latest !== undefined,
        status,
      })

  /** Where a line manager goes when the check-in is not at the stage the page is for. */
  function elsewhere(request: FastifyRequest, reply: FastifyReply, detail: CheckinDetail, message: string) {
    request.session.flash({ kind: 'important', heading: message })
    const { checkin, person } = detail
    return reply.seeOther(checkinPath(person.id, checkin.id, checkin.status === 'submitted' ? 'review' : ''))
  }

  /** For saveVersioned: a check-in that moved on to another stage sends the line manager elsewhere. */
  const stageMoved = (request: FastifyRequest, reply: FastifyReply, detail: CheckinDetail) => (err: unknown) =>
    err instanceof CheckinStageError ? elsewhere(request, reply, detail, err.message) : undefined

  app.get<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/review',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail } = await loadCheckin(request)
      authorize(canReviewCheckin(viewer, person))
      if (!canGiveManagerView(viewer, person, detail.checkin))
        return elsewhere(
          request,
          reply,
          detail,
          detail.checkin.status === 'draft'
            ? `${person.name} has not submitted this check-in yet`
            : 'This check-in has already been agreed',
        )
      const values = Object.fromEntries(
        detail.skills.map(s => [s.skill.slug, { level: s.rating.managerLevel, note: s.rating.managerNote }]),
      )
      return reviewPage(reply, { viewer, detail, values, version: detail.checkin.version })
    },
  )

  app.post<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/review',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail } = await loadCheckin(request)
      authorize(canReviewCheckin(viewer, person))
      const form = readReviewForm(request.body, skillFields(detail))
      const order = fieldOrder(skillFields(detail), 'note')
      const again = managerAgain(reviewPage, reply, viewer, detail, form)
      return saveVersioned({
        ...checkinSteps(
          form,
          order,
          again,
          'Your view of this check-in was saved in another tab or window after you opened it. Your answers are in the form: check them, then save again',
          value => reviewProblems(detail, value),
        ),
        save: value => pathway.saveReview(viewer, person.id, detail.checkin.id, value, form.version),
        otherwise: stageMoved(request, reply, detail),
        saved: () => reply.seeOther(checkinPath(person.id, detail.checkin.id, 'agree')),
      })
    },
  )

  // ---- Agreeing the levels -------------------------------------------------------------------

  function agreePage(reply: FastifyReply, o: ManagerPage) {
    const { detail } = o
    const differences = detail.skills.filter(s => s.differs).length
    return reply.page(
      'pathway/views/agree.njk',
      {
        pageTitle: `Agree levels: ${detail.person.name}`,
        ...checkinHeading(o.viewer, detail),
        version: o.version,
        errors: o.errors,
        conflict: o.conflict ?? false,
        differences,
        overallNote: o.overallNote ?? '',
        skills: managerSkills(detail, o.values, true),
      },
      { status: o.status ?? 200, nav: 'team' },
    )
  }

  app.get<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/agree',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail } = await loadCheckin(request)
      authorize(canReviewCheckin(viewer, person))
      if (!canRecordAgreement(viewer, person, detail.checkin))
        return elsewhere(request, reply, detail, agreeElsewhere(detail.checkin.status, person.name))
      // Where the two views match, that level is chosen already; where they differ, nothing is.
      const values = Object.fromEntries(
        detail.skills.map(s => [
          s.skill.slug,
          { level: s.rating.agreedLevel ?? (s.differs ? null : s.rating.managerLevel), note: s.rating.agreedNote },
        ]),
      )
      return agreePage(reply, { viewer, detail, values, version: detail.checkin.version })
    },
  )

  app.post<{ Params: { id: string; checkinId: string } }>(
    '/people/:id/check-ins/:checkinId/agree',
    { config: { access: 'signed-in' }, schema: { params: checkinParams } },
    async (request, reply) => {
      const { viewer, person, detail } = await loadCheckin(request)
      authorize(canReviewCheckin(viewer, person))
      if (!canRecordAgreement(viewer, person, detail.checkin))
        return elsewhere(request, reply, detail, agreeElsewhere(detail.checkin.status, person.name))
      const form = readAgreeForm(request.body, skillFields(detail))
      const order = fieldOrder(skillFields(detail), 'note')
      const again = managerAgain(agreePage, reply, viewer, detail, form)
      return saveVersioned({
        ...checkinSteps(
          form,
          order,
          again,
          'Your view of this check-in was changed in another tab or window after you opened this page. Check the two views in the table, then record the agreed levels again',
          value => agreeProblems(detail, value),
        ),
        save: value => pathway.agree(viewer, person.id, detail.checkin.id, value, form.version),
        otherwise: stageMoved(request, reply, detail),
        saved: () => {
          request.session.flash({
            kind: 'success',
            heading: `You have recorded ${person.name}'s agreed levels`,
            text: 'They are now their current levels on their pathway.',
          })
          return reply.seeOther(checkinPath(person.id, detail.checkin.id))
        },
      })
    },
  )

  // ---- A line manager's team -----------------------------------------------------------------

  app.get('/team', { config: { access: 'signed-in' } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const team = await pathway.team(viewer)
    authorize(canSeeTeam(viewer, team !== null) && team !== null)
    return reply.page(
      'pathway/views/team.njk',
      {
        pageTitle: 'Your team',
        members: team.members.map(m => ({ ...m, tag: m.latest ? statusTag(m.latest.status) : null })),
        waiting: team.waiting.map(w => ({
          ...w,
          tag: statusTag(w.status),
          path: checkinPath(w.personId, w.id, w.status === 'submitted' ? 'review' : 'agree'),
          action: w.status === 'submitted' ? 'Give your view' : 'Record agreed levels',
        })),
        overdue: team.overdue,
      },
      { nav: 'team' },
    )
  })
}

function agreeElsewhere(status: CheckinStatus, name: string): string {
  if (status === 'draft') return `${name} has not submitted this check-in yet`
  if (status === 'submitted') return 'Give your own view of each skill before you record the agreed levels'
  return 'This check-in has already been agreed'
}
