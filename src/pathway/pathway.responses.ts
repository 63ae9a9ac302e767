// After a line manager agrees a check-in, the person confirms the agreed levels or queries them
// (which skills, and why). A query goes to the line manager (their task list, and an email that
// says only that a query is waiting), who answers it: the levels changed (re-agreed) or kept, with
// a reply. Each step is versioned (two tabs, or the person and the manager at once, never lose a
// change silently) and audited without what anyone wrote.
//
// Queries are personal data: whoever may see the check-in sees them (pathway.policy.ts), nobody
// else; their text never goes into the audit log, the logs or an email.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { EmailService } from '../email/email.service.ts'
import type { Level } from '../framework/framework.bundled.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Clock } from '../platform/clock.ts'
import { ConflictError, ForbiddenError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { canReviewCheckin } from './pathway.policy.ts'
import type {
  CheckinResponse,
  CheckinResponsesRepository,
  LatestAgreed,
  QueryOutcome,
  ResponseStatus,
  WaitingQuery,
} from './pathway.responses.repository.ts'
import type { CheckinDetail, PathwayService } from './pathway.service.ts'

export type { CheckinResponse, LatestAgreed, QueryOutcome, ResponseStatus, WaitingQuery }

export const QUERY_MAX = 1000
export const REPLY_MAX = 2000

export interface QueryInput {
  skills: string[]
  text: string
}

export interface AnswerInput {
  /** The level now agreed for each queried skill. */
  levels: Record<string, Level | null>
  reply: string
}

/** The response moved on (confirmed, queried or answered elsewhere) so this step no longer applies. */
export class ResponseStageError extends ConflictError {}

/** Which steps are open to the person on an agreed check-in, given its response so far. */
export const canRespond = (checkin: CheckinDetail['checkin'], response: CheckinResponse | null): boolean =>
  checkin.status === 'agreed' && checkin.kind === 'check-in' && (response === null || response.status === 'answered')

/** A query's problems: at least one of the check-in's skills, and a reason within length. */
export function queryProblems(detail: CheckinDetail, input: QueryInput): Record<string, string> {
  const errors: Record<string, string> = {}
  const known = new Set(detail.skills.map(s => s.skill.slug))
  if (input.skills.length === 0 || input.skills.some(s => !known.has(s)))
    errors.skills = 'Select the skills you want to query'
  if (input.text === '') errors.text = 'Say why you are querying these levels'
  else if (input.text.length > QUERY_MAX) errors.text = 'Your reason must be 1,000 characters or fewer'
  return errors
}

/** An answer's problems: a level for every queried skill, and a reply within length. */
export function answerProblems(detail: CheckinDetail, response: CheckinResponse, input: AnswerInput) {
  const errors: Record<string, string> = {}
  for (const s of detail.skills.filter(s => response.querySkills.includes(s.skill.slug)))
    if (!input.levels[s.skill.slug]) errors[`level-${s.skill.slug}`] = `Select the agreed level for ${s.skill.name}`
  if (input.reply === '') errors.reply = `Write a reply to ${detail.person.name}`
  else if (input.reply.length > REPLY_MAX) errors.reply = 'Your reply must be 2,000 characters or fewer'
  return errors
}

class Stale extends Error {}

export class CheckinResponses {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: CheckinResponsesRepository,
    private readonly pathway: Pick<PathwayService, 'checkin'>,
    private readonly email: Pick<EmailService, 'enqueue'>,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The response to a check-in, if the person has given one. */
  of(checkinId: string): Promise<CheckinResponse | null> {
    return this.repo.find(this.db, checkinId)
  }

  /** Queries waiting for the line manager's answer, oldest first: for their task list. */
  waitingFor(managerId: string): Promise<WaitingQuery[]> {
    return this.repo.waitingFor(this.db, managerId)
  }

  /**
   * The person's latest agreed check-in and their response to it: for their pathway, and for
   * their task list while it waits to be confirmed (no response yet, or a query answered).
   */
  async latest(personId: string): Promise<{ agreed: LatestAgreed; response: CheckinResponse | null } | null> {
    const agreed = await this.repo.latestAgreed(this.db, personId)
    if (!agreed) return null
    return { agreed, response: await this.repo.find(this.db, agreed.checkinId) }
  }

  /** The person confirms the agreed levels. `expectedVersion` is the response's (0: none yet). */
  async confirm(viewer: Viewer, personId: string, checkinId: string, expectedVersion: number) {
    const detail = await this.pathway.checkin(personId, checkinId)
    await this.respond(viewer, detail, expectedVersion, async (trx, at) => {
      const changes = { status: 'confirmed' as const, confirmedAt: at }
      const saved =
        expectedVersion === 0
          ? await this.repo.insert(trx, checkinId, personId, changes)
          : await this.repo.update(trx, checkinId, expectedVersion, ['answered'], changes)
      if (saved)
        await this.audit.record(trx, viewer.user, {
          action: 'checkin.levels-confirmed',
          subjectType: 'checkin',
          subjectId: checkinId,
          summary: 'Confirmed the agreed levels of their check-in',
        })
      return saved
    })
  }

  /** The person queries some of the agreed levels; their line manager is told a query waits. */
  async query(viewer: Viewer, personId: string, checkinId: string, input: QueryInput, expectedVersion: number) {
    const detail = await this.pathway.checkin(personId, checkinId)
    const errors = queryProblems(detail, input)
    if (Object.keys(errors).length) throw new ValidationError(errors)
    const managerId = detail.person.lineManagerId ?? detail.checkin.managerId
    const managerName = detail.person.lineManagerId ? detail.person.lineManagerName : detail.checkin.managerName
    if (!managerId)
      throw new ValidationError({
        text: 'You do not have a line manager in Valuekit to answer a query. Ask a leader to add one',
      })
    const querySkills = detail.skills.map(s => s.skill.slug).filter(s => input.skills.includes(s))
    await this.respond(viewer, detail, expectedVersion, async (trx, at) => {
      const changes = {
        status: 'queried' as const,
        managerId,
        queriedAt: at,
        querySkills,
        queryText: input.text,
        answeredAt: null,
        answeredByName: null,
        outcome: null,
        reply: '',
      }
      const saved =
        expectedVersion === 0
          ? await this.repo.insert(trx, checkinId, personId, changes)
          : await this.repo.update(trx, checkinId, expectedVersion, ['answered'], changes)
      if (!saved) return false
      await this.audit.record(trx, viewer.user, {
        action: 'checkin.levels-queried',
        subjectType: 'checkin',
        subjectId: checkinId,
        summary: `Queried the agreed levels of ${querySkills.length === 1 ? 'one skill' : `${querySkills.length} skills`} in their check-in`,
      })
      await this.email.enqueue(trx, viewer.user, {
        kind: 'levels-queried',
        recipient: { id: managerId, name: managerName ?? 'Line manager' },
        personName: detail.person.name,
        path: `/people/${personId}/check-ins/${checkinId}/answer`,
      })
      return true
    })
  }

  /** The line manager answers a query: each queried level kept or changed, with a reply. */
  async answer(
    viewer: Viewer,
    personId: string,
    checkinId: string,
    input: AnswerInput,
    expectedVersion: number,
  ): Promise<QueryOutcome> {
    const detail = await this.pathway.checkin(personId, checkinId)
    if (!canReviewCheckin(viewer, detail.person)) throw new ForbiddenError('Only the line manager answers a query')
    const response = await this.repo.find(this.db, checkinId)
    if (!response || response.status !== 'queried') throw new ResponseStageError('There is no query to answer')
    const errors = answerProblems(detail, response, input)
    if (Object.keys(errors).length) throw new ValidationError(errors)
    const changed = detail.skills
      .filter(s => response.querySkills.includes(s.skill.slug))
      .flatMap(s => {
        const level = input.levels[s.skill.slug]
        return level && level !== s.rating.agreedLevel ? [{ skillSlug: s.skill.slug, level }] : []
      })
    const outcome: QueryOutcome = changed.length > 0 ? 'changed' : 'kept'
    const at = this.clock().toISOString()
    await this.saving(checkinId, async () =>
      this.db.transaction().execute(async trx => {
        const saved = await this.repo.update(trx, checkinId, expectedVersion, ['queried'], {
          status: 'answered',
          answeredAt: at,
          answeredByName: viewer.user.name,
          outcome,
          reply: input.reply,
        })
        if (!saved) await this.refuse(trx, checkinId, ['queried'])
        if (changed.length) await this.repo.reagree(trx, checkinId, changed, at)
        await this.audit.record(trx, viewer.user, {
          action: 'checkin.query-answered',
          subjectType: 'checkin',
          subjectId: checkinId,
          summary:
            outcome === 'changed'
              ? `Answered ${detail.person.name}'s query and changed ${changed.length === 1 ? 'one agreed level' : `${changed.length} agreed levels`}`
              : `Answered ${detail.person.name}'s query and kept the agreed levels`,
        })
      }),
    )
    return outcome
  }

  // ---- Shared steps -----------------------------------------------------------------------------

  private async respond(
    viewer: Viewer,
    detail: CheckinDetail,
    expectedVersion: number,
    write: (trx: DbExecutor, at: string) => Promise<boolean>,
  ): Promise<void> {
    if (viewer.user.id !== detail.person.id) throw new ForbiddenError('Only the person responds to their agreed levels')
    const before = await this.repo.find(this.db, detail.checkin.id)
    if (!canRespond(detail.checkin, before))
      throw new ResponseStageError(
        detail.checkin.status !== 'agreed' ? 'This check-in has not been agreed yet' : stageMessage(before?.status),
      )
    const at = this.clock().toISOString()
    await this.saving(detail.checkin.id, () =>
      this.db.transaction().execute(async trx => {
        if (!(await write(trx, at)))
          await this.refuse(trx, detail.checkin.id, expectedVersion === 0 ? [] : ['answered'])
      }),
    )
  }

  /** Inside the transaction, after a refused write: the stage moved on, or a newer version was saved. */
  private async refuse(db: DbExecutor, checkinId: string, stages: readonly ResponseStatus[]): Promise<never> {
    const now = await this.repo.find(db, checkinId)
    if (now && !stages.includes(now.status)) throw new ResponseStageError(stageMessage(now.status))
    throw new Stale()
  }

  private async saving(checkinId: string, save: () => Promise<unknown>): Promise<void> {
    try {
      await save()
    } catch (err) {
      if (err instanceof Stale)
        throw new StaleVersionError(await this.repo.find(this.db, checkinId), 'This was changed since you opened it')
      throw err
    }
  }
}

function stageMessage(status: ResponseStatus | undefined): string {
  switch (status) {
    case 'confirmed':
      return 'These levels have already been confirmed'
    case 'queried':
      return 'These levels have been queried and are waiting for an answer'
    default:
      return 'This query has already been answered'
  }
}
