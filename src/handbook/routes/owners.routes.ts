// Owners and review dates of pages and sections, what is due for review, and readers' feedback:
// "Was this page useful?" for every reader, the owner's queue, and each page's usefulness.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { actorOf } from '../../accounts/accounts.service.ts'
import { authorize } from '../../platform/auth/authorize.ts'
import { ConflictError, staleRecord } from '../../platform/errors.ts'
import {
  FormProblems,
  datePartsOf,
  formErrors,
  type FormErrors,
  formText,
  parseForm,
  readChoice,
  readDateInput,
  readText,
} from '../../platform/forms.ts'
import { uuidParams } from '../../platform/http/route-schemas.ts'
import type { Services } from '../../services.ts'
import type { Ownership, OwnershipInput } from '../handbook.types.ts'
import { REVIEW_PERIODS, type ReviewPeriod } from '../handbook.owners.ts'
import { formatDate } from '../../platform/dates.ts'
import {
  canDealWithFeedback,
  canManageOwners,
  canMarkReviewed,
  canSeeAllFeedback,
  canSeeFeedbackQueue,
  canSeeUsefulness,
} from '../handbook.policy.ts'
import { feedbackQueueView, ownerFormView, reviewView, usefulnessView } from '../handbook.views.ts'
import { readingGate, requireUser, slugParams } from './shared.ts'

/** The longest comment a reader can leave. */
export const MAX_FEEDBACK_COMMENT = 1200
/** Answers one browser may send in a minute. */
export const FEEDBACK_RATE_LIMIT = 10

const OWNER_FIELDS = ['ownerKind', 'ownerEmail', 'ownerTeam', 'reviewBy']
const OWNER_KINDS = ['person', 'team', 'none'] as const

const feedbackSchema = z.object({
  useful: formText(z.enum(['yes', 'no'], { message: 'Select yes if the page was useful' })),
  comment: formText(
    z.string().max(MAX_FEEDBACK_COMMENT, {
      message: `Your comment must be ${MAX_FEEDBACK_COMMENT.toLocaleString('en-GB')} characters or fewer`,
    }),
  ),
})

export default async function ownersRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const { handbook, handbookOwners: owners, accounts } = services
  const mayRead = readingGate(services)

  // ---- Owners and review dates ----

  type Subject = { kind: 'page' | 'section'; id: string; slug: string; title: string; sectionTitle?: string }
  const subjectOf = async (kind: 'page' | 'section', slug: string): Promise<Subject> => {
    if (kind === 'section') {
      const section = await handbook.section(slug)
      return { kind, id: section.id, slug: section.slug, title: section.title }
    }
    const page = await handbook.page(slug)
    return { kind, id: page.id, slug: page.slug, title: page.title }
  }
  const placeOf = (s: Subject) => (s.kind === 'page' ? `/handbook/${s.slug}` : `/handbook/sections/${s.slug}`)

  const ownerForm = async (
    reply: FastifyReply,
    subject: Subject,
    own: Ownership | null,
    values: Record<string, unknown>,
    extra: { errors?: unknown; latest?: Ownership | null } = {},
    status = 200,
  ) =>
    reply.page(
      'handbook/views/owner-form.njk',
      ownerFormView(subject, own, values, { ...extra, action: `${placeOf(subject)}/owner` }),
      { status, nav: 'handbook' },
    )

  /** The form's values as they are saved: the owner's kind, email or team, and the date boxes. */
  const valuesOf = async (own: Ownership | null): Promise<Record<string, unknown>> => {
    const person = own?.ownerUserId ? await accounts.get(own.ownerUserId).catch(() => null) : null
    const date = datePartsOf(own?.reviewBy)
    return {
      ownerKind: person ? 'person' : own?.ownerTeam ? 'team' : 'none',
      ownerEmail: person?.email ?? '',
      ownerTeam: own?.ownerTeam ?? '',
      'reviewBy-day': date.day,
      'reviewBy-month': date.month,
      'reviewBy-year': date.year,
      baseVersion: String(own?.version ?? 0),
    }
  }

  const readOwnerForm = async (body: unknown, today: string) => {
    const problems = new FormProblems()
    const kind = readChoice(body, 'ownerKind', OWNER_KINDS)
    if (!kind) problems.add('ownerKind', 'Select who owns it: a person, a team or no one yet')
    let ownerUserId: string | null = null
    let ownerTeam: string | null = null
    if (kind === 'person') {
      const email = readText(body, 'ownerEmail', 320)
      if (!email) problems.add('ownerEmail', 'Enter the email address of the person who owns it')
      else {
        const person = /^[^\s@]+@[^\s@]+$/.test(email) ? await accounts.findByEmail(email) : null
        if (!person || person.status === 'disabled')
          problems.add('ownerEmail', 'Enter the email address of someone with an account on Valuekit')
        else ownerUserId = person.id
      }
    } else if (kind === 'team') {
      ownerTeam = readText(body, 'ownerTeam', 200)
      if (!ownerTeam) problems.add('ownerTeam', 'Enter the name of the team that owns it')
      else if (ownerTeam.length > 120) problems.add('ownerTeam', 'Team name must be 120 characters or fewer')
    }
    const reviewBy = problems.date(
      'reviewBy',
      readDateInput(body, 'reviewBy', {
        label: 'Review-by date',
        required: false,
        limits: [{ min: today, message: 'Review-by date must be today or in the future' }],
      }),
    )
    const base = readText(body, 'baseVersion', 12)
    if (!/^\d+$/.test(base)) problems.add('ownerKind', 'The form is out of date. Reload the page and try again')
    const value =
      reviewBy === undefined
        ? undefined
        : { input: { ownerUserId, ownerTeam, reviewBy } as OwnershipInput, base: Number(base) }
    return problems.result(OWNER_FIELDS, value, body)
  }

  for (const kind of ['page', 'section'] as const) {
    const path = kind === 'page' ? '/handbook/:slug/owner' : '/handbook/sections/:slug/owner'
    app.get<{ Params: { slug: string } }>(
      path,
      { config: { access: 'signed-in' }, schema: { params: slugParams } },
      async (request, reply) => {
        authorize(canManageOwners(request.user))
        const subject = await subjectOf(kind, request.params.slug)
        const own = await owners.own(subject.id)
        return ownerForm(reply, subject, own, await valuesOf(own))
      },
    )

    app.post<{ Params: { slug: string } }>(
      path,
      { config: { access: 'signed-in' }, schema: { params: slugParams } },
      async (request, reply) => {
        const user = requireUser(request)
        authorize(canManageOwners(user))
        const subject = await subjectOf(kind, request.params.slug)
        const values = request.body as Record<string, unknown>
        const form = await readOwnerForm(request.body, services.clock().toISOString().slice(0, 10))
        if (!form.ok)
          return ownerForm(reply, subject, await owners.own(subject.id), values, { errors: form.errors }, 400)
        try {
          await owners.set(actorOf(user), subject, form.value.input, form.value.base)
        } catch (err) {
          const latest = staleRecord<Ownership | null>(err)
          if (latest !== undefined) {
            return ownerForm(
              reply,
              subject,
              latest,
              { ...values, baseVersion: String(latest?.version ?? 0) },
              { latest, errors: undefined },
              409,
            )
          }
          throw err
        }
        request.session.flash({
          kind: 'success',
          heading: `You changed the owner and review date of ‘${subject.title}’`,
        })
        return reply.seeOther(kind === 'page' ? `/handbook/${subject.slug}` : '/handbook/review')
      },
    )
  }

  // ---- Marking a page or section reviewed (its owner, or an editor) ----

  const stewardshipOf = async (subject: Subject) => {
    if (subject.kind === 'section') return owners.forSection(subject.id)
    return owners.forPage(await handbook.page(subject.slug))
  }

  const reviewedForm = async (
    reply: FastifyReply,
    subject: Subject,
    values: { months: string; baseVersion: string },
    extra: { errors?: FormErrors; changedBy?: string } = {},
    status = 200,
  ) =>
    reply.page(
      'handbook/views/reviewed.njk',
      {
        pageTitle: `Mark ‘${subject.title}’ as reviewed`,
        subject,
        place: placeOf(subject),
        action: `${placeOf(subject)}/reviewed`,
        stewardship: await stewardshipOf(subject),
        periods: REVIEW_PERIODS.map(months => ({
          value: String(months),
          text: `In ${months} months`,
          checked: values.months === String(months),
        })),
        values,
        ...extra,
      },
      { status, nav: 'handbook' },
    )

  for (const kind of ['page', 'section'] as const) {
    const path = kind === 'page' ? '/handbook/:slug/reviewed' : '/handbook/sections/:slug/reviewed'
    /** The page or section, once the policy says this person may mark it reviewed. */
    const reviewable = async (request: FastifyRequest<{ Params: { slug: string } }>) => {
      const user = requireUser(request)
      const subject = await subjectOf(kind, request.params.slug)
      authorize(canMarkReviewed(user, await stewardshipOf(subject)))
      return { user, subject }
    }
    app.get<{ Params: { slug: string } }>(
      path,
      { config: { access: 'signed-in' }, schema: { params: slugParams } },
      async (request, reply) => {
        const { subject } = await reviewable(request)
        const own = await owners.own(subject.id)
        return reviewedForm(reply, subject, { months: '6', baseVersion: String(own?.version ?? 0) })
      },
    )

    app.post<{ Params: { slug: string } }>(
      path,
      { config: { access: 'signed-in' }, schema: { params: slugParams } },
      async (request, reply) => {
        const { user, subject } = await reviewable(request)
        const months = readChoice(
          request.body,
          'months',
          REVIEW_PERIODS.map(m => String(m)),
        )
        const base = readText(request.body, 'baseVersion', 12)
        const values = { months: months ?? '', baseVersion: base }
        if (!months || !/^\d+$/.test(base))
          return reviewedForm(
            reply,
            subject,
            values,
            { errors: formErrors({ months: 'Select when it should be reviewed next' }, ['months']) },
            400,
          )
        try {
          const next = await owners.markReviewed(actorOf(user), subject, Number(months) as ReviewPeriod, Number(base))
          request.session.flash({
            kind: 'success',
            heading: `You marked ‘${subject.title}’ as reviewed`,
            text: `It is next due for review by ${formatDate(next)}.`,
          })
          return reply.seeOther(placeOf(subject))
        } catch (err) {
          const latest = staleRecord<Ownership | null>(err)
          if (latest === undefined) throw err
          return reviewedForm(
            reply,
            subject,
            { months, baseVersion: String(latest?.version ?? 0) },
            { changedBy: latest?.updatedByName ?? 'Someone' },
            409,
          )
        }
      },
    )
  }

  app.get('/handbook/review', { config: { access: 'signed-in' } }, async (request, reply) => {
    authorize(canManageOwners(request.user))
    return reply.page('handbook/views/review.njk', reviewView(await owners.overview()), { nav: 'handbook' })
  })

  // ---- Was this page useful? ----

  const feedbackForm = (
    reply: FastifyReply,
    page: { slug: string; title: string },
    values: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) =>
    reply.page(
      'handbook/views/feedback-form.njk',
      { pageTitle: `Was ‘${page.title}’ useful?`, page, values, errors, maxComment: MAX_FEEDBACK_COMMENT },
      { status, nav: 'handbook' },
    )

  app.get<{ Params: { slug: string }; Querystring: { useful?: string } }>(
    '/handbook/:slug/feedback',
    {
      config: { access: 'public' },
      schema: {
        params: slugParams,
        querystring: { type: 'object', properties: { useful: { type: 'string', enum: ['yes', 'no'] } } },
      },
    },
    async (request, reply) => {
      if (!(await mayRead(request, reply))) return reply
      const page = await handbook.page(request.params.slug)
      return feedbackForm(reply, page, { useful: request.query.useful ?? '' })
    },
  )

  app.post<{ Params: { slug: string } }>(
    '/handbook/:slug/feedback',
    {
      // Public readers too: the form token ties each answer to a browser's session, and each
      // browser's address may send only a few a minute.
      config: { access: 'public', rateLimit: { max: FEEDBACK_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: { params: slugParams },
    },
    async (request, reply) => {
      if (!(await mayRead(request, reply))) return reply
      const page = await handbook.page(request.params.slug)
      const values = request.body as Record<string, unknown>
      const parsed = parseForm(feedbackSchema, request.body, ['useful', 'comment'])
      if (!parsed.ok) return feedbackForm(reply, page, values, parsed.errors, 400)
      await owners.give(page, { useful: parsed.value.useful === 'yes', comment: parsed.value.comment })
      request.session.flash({
        kind: 'success',
        heading: 'Thank you for your feedback',
        text: 'The owner of the page will read it.',
      })
      return reply.seeOther(`/handbook/${page.slug}`)
    },
  )

  // ---- The owner's queue ----

  app.get<{ Querystring: { team?: string; all?: string } }>(
    '/handbook/feedback',
    {
      config: { access: 'signed-in' },
      schema: {
        querystring: {
          type: 'object',
          properties: { team: { type: 'string', maxLength: 120 }, all: { type: 'string', enum: ['yes'] } },
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request)
      authorize(canSeeFeedbackQueue(user))
      const editor = canSeeAllFeedback(user)
      const team = editor ? request.query.team?.trim() : undefined
      const all = editor && request.query.all === 'yes'
      const filter = all ? { all: true as const } : team ? { team } : { userId: user.id }
      const [answers, teams] = await Promise.all([owners.queue(filter), editor ? owners.teams() : []])
      return reply.page(
        'handbook/views/feedback-queue.njk',
        feedbackQueueView(answers, { editor, teams, team: team ?? null, all }),
        { nav: 'handbook' },
      )
    },
  )

  const answerParams = uuidParams('id')
  app.post<{ Params: { id: string } }>(
    '/handbook/feedback/:id/done',
    { config: { access: 'signed-in' }, schema: { params: answerParams } },
    async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const user = requireUser(request)
      const answer = await owners.feedback(request.params.id)
      const page = await handbook.page(answer.pageSlug)
      authorize(canDealWithFeedback(user, await owners.forPage(page)))
      try {
        await owners.markDone(actorOf(user), answer)
        request.session.flash({ kind: 'success', heading: `Marked as dealt with: feedback on ‘${answer.pageTitle}’` })
      } catch (err) {
        if (!(err instanceof ConflictError)) throw err
        request.session.flash({ kind: 'important', heading: 'Someone has already dealt with this feedback' })
      }
      const back = (request.body as Record<string, unknown>).returnTo
      return reply.seeOther(
        typeof back === 'string' && /^\/handbook\/feedback(\?[\w=&%+-]*)?$/.test(back) ? back : '/handbook/feedback',
      )
    },
  )

  app.get<{ Params: { slug: string } }>(
    '/handbook/:slug/usefulness',
    { config: { access: 'signed-in' }, schema: { params: slugParams } },
    async (request, reply) => {
      const user = requireUser(request)
      const page = await handbook.page(request.params.slug)
      const stewardship = await owners.forPage(page)
      authorize(canSeeUsefulness(user, stewardship))
      const [usefulness, answers] = await Promise.all([owners.usefulness(page.id), owners.answersFor(page.id)])
      return reply.page('handbook/views/usefulness.njk', usefulnessView(page, usefulness, answers), { nav: 'handbook' })
    },
  )
}
