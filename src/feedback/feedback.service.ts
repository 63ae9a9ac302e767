// Peer feedback: a person asks named colleagues for feedback on chosen skills of the current
// framework, with an optional note. Each colleague is told on their task list and by email (which
// names the person and links to the request, nothing more), then answers per skill or declines.
// Answers are final once sent: there are no drafts and no edits, so what a person quotes in a
// check-in is what was said. A request can be withdrawn; answers already given stay with the person.
//
// Answers and notes are personal data: never in the audit log, the logs or an email.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { EmailService } from '../email/email.service.ts'
import { activeSkills } from '../framework/framework.document.ts'
import type { FrameworkVersions } from '../framework/framework.versions.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Person, AccountChoice } from '../people/people.types.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Clock } from '../platform/clock.ts'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import { canAnswerAsk, canSeeFeedbackOf, canWithdraw } from './feedback.policy.ts'
import type { FeedbackRepository } from './feedback.repository.ts'
import type { AskWaiting, FeedbackAnswer, FeedbackAsk, FeedbackRequest, ReceivedFeedback } from './feedback.types.ts'

export const MAX_COLLEAGUES = 10
export const NOTE_MAX = 1000
export const ANSWER_MAX = 2000
/** Up to this many accounts, the form lists everyone; beyond it, the person finds colleagues by name. */
export const COLLEAGUE_LIST_MAX = 50
/** The most colleagues one search offers. */
export const COLLEAGUE_MATCHES = 20

/** The colleagues the form offers: those already chosen, then everyone (a small profession) or a search's matches. */
export interface ColleagueChoices {
  chosen: AccountChoice[]
  offered: AccountChoice[]
  /** Everyone is listed: the profession is small enough. */
  listed: boolean
  /** What was searched for ('' for no search). */
  q: string
  /** The search matched more people than it offers. */
  more: boolean
}

export interface AskInput {
  colleagues: string[]
  skills: string[]
  note: string
}

export interface AnswerInput {
  /** Skill slug → what the colleague wrote ('' for a skill they leave out). */
  answers: Record<string, string>
}

export interface Skill {
  slug: string
  name: string
}

export interface RequestDetail {
  request: FeedbackRequest
  skills: Skill[]
  asks: FeedbackAsk[]
  answers: FeedbackAnswer[]
}

export interface AskDetail {
  ask: FeedbackAsk
  request: FeedbackRequest
  skills: Skill[]
}

/** The ask was answered, declined or withdrawn since the page was opened. */
export class AskClosedError extends ConflictError {}

/** What asking requires: 1 to 10 colleagues (not yourself), at least one current skill, a short note. */
export function askProblems(
  input: AskInput,
  o: { self: string; colleagueIds: ReadonlySet<string>; skillSlugs: ReadonlySet<string> },
): Record<string, string> {
  const errors: Record<string, string> = {}
  if (input.colleagues.length === 0) errors.colleagues = 'Select the colleagues you want feedback from'
  else if (input.colleagues.length > MAX_COLLEAGUES) errors.colleagues = `Select ${MAX_COLLEAGUES} colleagues or fewer`
  else if (input.colleagues.some(id => id === o.self || !o.colleagueIds.has(id)))
    errors.colleagues = 'Select colleagues from the list'
  if (input.skills.length === 0 || input.skills.some(s => !o.skillSlugs.has(s)))
    errors.skills = 'Select the skills you want feedback on'
  if (input.note.length > NOTE_MAX) errors.note = 'Your note must be 1,000 characters or fewer'
  return errors
}

/** What answering requires: something for at least one skill, each answer within length. */
export function answerProblems(skills: readonly Skill[], input: AnswerInput): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const s of skills)
    if ((input.answers[s.slug] ?? '').length > ANSWER_MAX)
      errors[`answer-${s.slug}`] = `Your feedback on ${s.name} must be 2,000 characters or fewer`
  if (!skills.some(s => (input.answers[s.slug] ?? '') !== '') && skills[0])
    errors[`answer-${skills[0].slug}`] = 'Write feedback on at least one skill, or decline the request'
  return errors
}

export class FeedbackService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: FeedbackRepository,
    private readonly framework: Pick<FrameworkVersions, 'current' | 'versionById'>,
    private readonly people: Pick<PeopleService, 'get' | 'managerChoices' | 'accountsByIds' | 'listPage'>,
    private readonly email: Pick<EmailService, 'enqueue'>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The skills of the current framework, in its order: what feedback can be asked on. */
  async skillChoices(): Promise<Skill[]> {
    return activeSkills((await this.framework.current()).document).map(s => ({ slug: s.slug, name: s.name }))
  }

  /** Who can be asked: every account but the viewer's own, by name. */
  async colleagueChoices(
    viewer: Viewer,
    o: { q?: string; chosen?: readonly string[] } = {},
  ): Promise<ColleagueChoices> {
    const self = viewer.user.id
    const q = (o.q ?? '').trim().slice(0, 100)
    const chosen = (await this.people.accountsByIds((o.chosen ?? []).slice(0, MAX_COLLEAGUES * 2))).filter(
      a => a.id !== self,
    )
    const taken = new Set([self, ...chosen.map(a => a.id)])
    if (q !== '') {
      // The people list's own search: each word in the name or the email address.
      const { people } = await this.people.listPage({ q }, 1)
      const matches = people
        .filter(p => p.accountStatus !== 'disabled' && !taken.has(p.id))
        .map(p => ({ id: p.id, name: p.name, email: p.email }))
      return {
        chosen,
        offered: matches.slice(0, COLLEAGUE_MATCHES),
        listed: false,
        q,
        more: matches.length > COLLEAGUE_MATCHES,
      }
    }
    const everyone = (await this.people.managerChoices(COLLEAGUE_LIST_MAX + 2)).filter(a => a.id !== self)
    const listed = everyone.length <= COLLEAGUE_LIST_MAX
    return { chosen, offered: listed ? everyone.filter(a => !taken.has(a.id)) : [], listed, q, more: false }
  }

  /** Asks colleagues for feedback; each is emailed (when email is on) in the same transaction. */
  async ask(viewer: Viewer, input: AskInput): Promise<string> {
    const [current, accounts] = await Promise.all([
      this.framework.current(),
      this.people.accountsByIds(input.colleagues.slice(0, MAX_COLLEAGUES + 1)),
    ])
    const skills = activeSkills(current.document)
    const errors = askProblems(input, {
      self: viewer.user.id,
      colleagueIds: new Set(accounts.map(a => a.id)),
      skillSlugs: new Set(skills.map(s => s.slug)),
    })
    if (Object.keys(errors).length) throw new ValidationError(errors)
    const chosen = skills.filter(s => input.skills.includes(s.slug)).map(s => s.slug)
    const colleagues = accounts.filter(a => input.colleagues.includes(a.id))
    const id = newId()
    const asks = colleagues.map(c => ({ id: newId(), colleagueId: c.id, name: c.name }))
    await this.db.transaction().execute(async trx => {
      await this.repo.insert(trx, {
        id,
        personId: viewer.user.id,
        frameworkVersionId: current.id,
        skills: chosen,
        note: input.note,
        createdAt: this.clock().toISOString(),
        asks,
      })
      await this.audit.record(trx, viewer.user, {
        action: 'feedback.requested',
        subjectType: 'feedback-request',
        subjectId: id,
        summary: `Asked ${colleagues.length === 1 ? 'one colleague' : `${colleagues.length} colleagues`} for feedback on ${chosen.length === 1 ? 'one skill' : `${chosen.length} skills`}`,
      })
      for (const a of asks)
        await this.email.enqueue(trx, viewer.user, {
          kind: 'feedback-requested',
          recipient: { id: a.colleagueId, name: a.name },
          personName: viewer.user.name,
          path: `/feedback/asks/${a.id}`,
        })
    })
    return id
  }

  private async skillsOf(request: FeedbackRequest): Promise<Skill[]> {
    const version = await this.framework.versionById(request.frameworkVersionId)
    const names = new Map(version.document.skills.map(s => [s.slug, s.name]))
    return request.skills.map(slug => ({ slug, name: names.get(slug) ?? slug }))
  }

  /** One request with every colleague asked and their answers: for the person and their line manager. */
  async request(viewer: Viewer, requestId: string): Promise<RequestDetail & { person: Person }> {
    const request = await this.repo.findRequest(this.db, requestId)
    if (!request) throw new NotFoundError('No such request')
    const person = await this.people.get(request.personId)
    if (!canSeeFeedbackOf(viewer, person)) throw new ForbiddenError('Not allowed')
    const asks = await this.repo.asksOf(this.db, [request.id])
    const answers = await this.repo.answersOf(
      this.db,
      asks.filter(a => a.status === 'answered').map(a => a.id),
    )
    return { request, person, skills: await this.skillsOf(request), asks, answers }
  }

  /** Every request of a person, newest first, with colleagues and answers: for them and their line manager. */
  async requestsOf(viewer: Viewer, person: Person): Promise<RequestDetail[]> {
    if (!canSeeFeedbackOf(viewer, person)) throw new ForbiddenError('Not allowed')
    const requests = await this.repo.requestsOf(this.db, person.id)
    const asks = await this.repo.asksOf(
      this.db,
      requests.map(r => r.id),
    )
    const answers = await this.repo.answersOf(
      this.db,
      asks.filter(a => a.status === 'answered').map(a => a.id),
    )
    return Promise.all(
      requests.map(async request => {
        const mine = asks.filter(a => a.requestId === request.id)
        const ids = new Set(mine.map(a => a.id))
        return {
          request,
          skills: await this.skillsOf(request),
          asks: mine,
          answers: answers.filter(a => ids.has(a.askId)),
        }
      }),
    )
  }

  /** What is asked of a colleague: only they see it (the person's note and the skills). */
  async askFor(viewer: Viewer, askId: string): Promise<AskDetail> {
    const ask = await this.repo.findAsk(this.db, askId)
    if (!ask) throw new NotFoundError('No such request')
    if (!canAnswerAsk(viewer, ask)) throw new ForbiddenError('Not allowed')
    const request = await this.repo.findRequest(this.db, ask.requestId)
    if (!request) throw new NotFoundError('No such request')
    return { ask, request, skills: await this.skillsOf(request) }
  }

  /** The colleague sends their feedback: final once sent. */
  async answer(viewer: Viewer, askId: string, input: AnswerInput, expectedVersion: number): Promise<void> {
    const { ask, request, skills } = await this.askFor(viewer, askId)
    if (ask.status !== 'asked') throw new AskClosedError(closedMessage(ask.status))
    const errors = answerProblems(skills, input)
    if (Object.keys(errors).length) throw new ValidationError(errors)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.closeAsk(trx, ask.id, expectedVersion, 'answered', at))) await this.refuse(trx, ask.id)
      await this.repo.insertAnswers(
        trx,
        skills
          .filter(s => (input.answers[s.slug] ?? '') !== '')
          .map(s => ({ askId: ask.id, skillSlug: s.slug, text: input.answers[s.slug] ?? '' })),
      )
      await this.audit.record(trx, viewer.user, {
        action: 'feedback.answered',
        subjectType: 'feedback-request',
        subjectId: request.id,
        summary: `Gave ${request.personName} feedback`,
      })
    })
  }

  /** The colleague declines. */
  async decline(viewer: Viewer, askId: string, expectedVersion: number): Promise<void> {
    const { ask, request } = await this.askFor(viewer, askId)
    if (ask.status !== 'asked') throw new AskClosedError(closedMessage(ask.status))
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.closeAsk(trx, ask.id, expectedVersion, 'declined', null))) await this.refuse(trx, ask.id)
      await this.audit.record(trx, viewer.user, {
        action: 'feedback.declined',
        subjectType: 'feedback-request',
        subjectId: request.id,
        summary: `Declined to give ${request.personName} feedback`,
      })
    })
  }

  /** The person withdraws a request: colleagues who have not answered are no longer asked. */
  async withdraw(viewer: Viewer, requestId: string, expectedVersion: number): Promise<void> {
    const request = await this.repo.findRequest(this.db, requestId)
    if (!request) throw new NotFoundError('No such request')
    if (viewer.user.id !== request.personId) throw new ForbiddenError('Only the person withdraws their request')
    if (!canWithdraw(viewer, request)) throw new AskClosedError('This request has already been withdrawn')
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.withdraw(trx, request.id, expectedVersion, this.clock().toISOString())))
        throw new AskClosedError('This request was changed since you opened it')
      await this.audit.record(trx, viewer.user, {
        action: 'feedback.withdrawn',
        subjectType: 'feedback-request',
        subjectId: request.id,
        summary: 'Withdrew a request for feedback',
      })
    })
  }

  /** Requests waiting for this colleague: for their task list. */
  waitingFor(colleagueId: string): Promise<AskWaiting[]> {
    return this.repo.waitingFor(this.db, colleagueId)
  }

  /** Feedback the person received on these skills, newest first: to quote as evidence in their check-in. */
  receivedOn(personId: string, skillSlugs: readonly string[]): Promise<ReceivedFeedback[]> {
    return this.repo.receivedOn(this.db, personId, skillSlugs)
  }

  private async refuse(db: DbExecutor, askId: string): Promise<never> {
    const now = await this.repo.findAsk(db, askId)
    throw new AskClosedError(closedMessage(now?.status ?? 'withdrawn'))
  }
}

export function closedMessage(status: FeedbackAsk['status']): string {
  switch (status) {
    case 'answered':
      return 'You have already sent your feedback'
    case 'declined':
      return 'You have declined this request'
    case 'withdrawn':
      return 'This request has been withdrawn'
    default:
      return 'This request was changed since you opened it'
  }
}
