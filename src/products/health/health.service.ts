// The team health check: rounds that someone who can change the strategy opens and closes, which
// each person on the team answers once, anonymously. Who answered is kept apart from what was
// answered (see health.repository.ts), and results are given only for a closed round at least
// three people answered, so nobody can work out one person's answers by watching the averages
// move as people answer. Answers are never logged and never in an audit summary.
import type { AuditService } from '../../audit/audit.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import { isUniqueViolation } from '../../db/dialect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { Product } from '../products.types.ts'
import type { HealthRepository, Tally } from './health.repository.ts'
import {
  DYSFUNCTIONS,
  MIN_RESPONDENTS,
  SCORES,
  type Dysfunction,
  type HealthAnswers,
  type HealthRound,
  type RoundResults,
} from './health.types.ts'

/** Someone tried to answer a round they have already answered. */
export class AlreadyAnsweredError extends ConflictError {
  override readonly name = 'AlreadyAnsweredError'
  constructor() {
    super('You have already answered this round')
  }
}

/** Averages from a round's tally, to one decimal place. */
export function averagesOf(tallies: readonly Tally[]): Record<Dysfunction, number> {
  const averages = {} as Record<Dysfunction, number>
  for (const d of DYSFUNCTIONS) {
    const cells = tallies.filter(t => t.dysfunction === d)
    const count = cells.reduce((n, t) => n + t.answers, 0)
    const sum = cells.reduce((n, t) => n + t.answers * t.score, 0)
    averages[d] = count === 0 ? 0 : Math.round((sum / count) * 10) / 10
  }
  return averages
}

/** Whether a round's results may be shown: it is closed and enough people answered. */
export const resultsShown = (round: HealthRound): boolean =>
  round.status === 'closed' && round.respondents >= MIN_RESPONDENTS

export interface HealthOverview {
  /** Every round, the latest first, with results where they may be shown. */
  rounds: RoundResults[]
  open: HealthRound | null
  /** Whether the person asking has answered the open round. */
  answered: boolean
}

type Subject = Pick<Product, 'id' | 'name'>

export class HealthService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HealthRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The rounds of a thing with the results that may be shown. */
  async results(productId: string): Promise<RoundResults[]> {
    const rounds = await this.repo.rounds(this.db, productId)
    const shown = rounds.filter(resultsShown)
    const tallies = await this.repo.tallies(
      this.db,
      shown.map(r => r.id),
    )
    return rounds.map(round => ({
      round,
      averages: resultsShown(round) ? averagesOf(tallies.filter(t => t.roundId === round.id)) : null,
    }))
  }

  async overview(productId: string, personId: string): Promise<HealthOverview> {
    const rounds = await this.results(productId)
    const open = rounds.find(r => r.round.status === 'open')?.round ?? null
    const answered = open ? await this.repo.hasAnswered(this.db, open.id, personId) : false
    return { rounds, open, answered }
  }

  async round(productId: string, roundId: string): Promise<HealthRound> {
    const round = await this.repo.findRound(this.db, roundId)
    if (!round || round.productId !== productId) throw new NotFoundError('No such round')
    return round
  }

  /** Opens the next round, closing any round still open. */
  async open(actor: Actor, product: Subject): Promise<HealthRound> {
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      for (const r of (await this.repo.rounds(trx, product.id)).filter(r => r.status === 'open'))
        await this.repo.closeRound(trx, r.id, at)
      const number = (await this.repo.latestNumber(trx, product.id)) + 1
      await this.repo.insertRound(trx, { id, productId: product.id, number, at, byName: actor.name })
      await this.audit.record(trx, actor, {
        action: 'health.round-opened',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Opened round ${number} of the team health check of ${product.name}`,
      })
    })
    return this.round(product.id, id)
  }

  async close(actor: Actor, product: Subject, round: HealthRound): Promise<void> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.closeRound(trx, round.id, at))) throw new ConflictError('This round is already closed')
      await this.audit.record(trx, actor, {
        action: 'health.round-closed',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Closed round ${round.number} of the team health check of ${product.name} (${round.respondents} answered)`,
      })
    })
  }

  /**
   * Counts one person's answers to an open round, once. Who answered and what they answered are
   * written to different tables in one transaction, with nothing shared but the round.
   */
  async answer(actor: Actor & { id: string }, product: Subject, round: HealthRound, answers: HealthAnswers) {
    for (const d of DYSFUNCTIONS)
      if (!(SCORES as readonly number[]).includes(answers[d]))
        throw new ValidationError({ [d]: 'Choose an answer from 1 to 5' })
    try {
      await this.db.transaction().execute(async trx => {
        const current = await this.repo.findRound(trx, round.id)
        if (!current || current.status !== 'open') throw new ConflictError('This round has closed')
        if (await this.repo.hasAnswered(trx, round.id, actor.id)) throw new AlreadyAnsweredError()
        await this.repo.addRespondent(trx, round.id, actor.id)
        await this.repo.addAnswers(trx, round.id, answers)
        await this.audit.record(trx, actor, {
          action: 'health.answered',
          subjectType: 'product',
          subjectId: product.id,
          summary: `Answered round ${round.number} of the team health check of ${product.name}`,
        })
      })
    } catch (err) {
      // Two answers from one person at once: the second breaks the key and counts nothing.
      if (isUniqueViolation(err)) throw new AlreadyAnsweredError()
      throw err
    }
  }
}
