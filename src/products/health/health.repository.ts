// The health check's tables: its rounds, who answered each round (never what), and how many people
// gave each score to each statement (never who). The only code that reads or writes them.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { DYSFUNCTIONS, SCORES, type Dysfunction, type HealthAnswers, type HealthRound } from './health.types.ts'

type Db = Kysely<Database>

export interface Tally {
  roundId: string
  dysfunction: Dysfunction
  score: number
  answers: number
}

export class HealthRepository {
  private roundsQuery(db: Db) {
    return db
      .selectFrom('health_rounds as r')
      .selectAll('r')
      .select(eb =>
        eb
          .selectFrom('health_respondents as p')
          .select(e => e.fn.countAll<number>().as('n'))
          .whereRef('p.round_id', '=', 'r.id')
          .as('respondents'),
      )
  }

  private toRound(r: {
    id: string
    product_id: string
    number: number
    status: string
    opened_at: string
    opened_by_name: string
    closed_at: string | null
    respondents: number | null
  }): HealthRound {
    return {
      id: r.id,
      productId: r.product_id,
      number: Number(r.number),
      status: r.status === 'open' ? 'open' : 'closed',
      openedAt: r.opened_at,
      openedByName: r.opened_by_name,
      closedAt: r.closed_at,
      respondents: Number(r.respondents ?? 0),
    }
  }

  /** A thing's rounds, the latest first. */
  async rounds(db: Db, productId: string): Promise<HealthRound[]> {
    const rows = await this.roundsQuery(db).where('r.product_id', '=', productId).orderBy('r.number', 'desc').execute()
    return rows.map(r => this.toRound(r))
  }

  async findRound(db: Db, id: string): Promise<HealthRound | undefined> {
    const row = await this.roundsQuery(db).where('r.id', '=', id).executeTakeFirst()
    return row ? this.toRound(row) : undefined
  }

  /**
   * Opens a round with every cell of its tally at zero, so that answering only ever changes
   * counts: no row is ever added in the order people answer.
   */
  async insertRound(db: Db, round: { id: string; productId: string; number: number; at: string; byName: string }) {
    await db
      .insertInto('health_rounds')
      .values({
        id: round.id,
        product_id: round.productId,
        number: round.number,
        status: 'open',
        opened_at: round.at,
        opened_by_name: round.byName,
        closed_at: null,
      })
      .execute()
    await db
      .insertInto('health_tallies')
      .values(
        DYSFUNCTIONS.flatMap(d => SCORES.map(score => ({ round_id: round.id, dysfunction: d, score, answers: 0 }))),
      )
      .execute()
  }

  /** Closes a round if it is open; false if it was not. */
  async closeRound(db: Db, id: string, at: string): Promise<boolean> {
    const result = await db
      .updateTable('health_rounds')
      .set({ status: 'closed', closed_at: at })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  async latestNumber(db: Db, productId: string): Promise<number> {
    const row = await db
      .selectFrom('health_rounds')
      .select(eb => eb.fn.max('number').as('n'))
      .where('product_id', '=', productId)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  async hasAnswered(db: Db, roundId: string, personId: string): Promise<boolean> {
    const row = await db
      .selectFrom('health_respondents')
      .select('person_id')
      .where('round_id', '=', roundId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
    return row !== undefined
  }

  /** Records that someone answered. A second time for the same round breaks the primary key. */
  async addRespondent(db: Db, roundId: string, personId: string): Promise<void> {
    await db.insertInto('health_respondents').values({ round_id: roundId, person_id: personId }).execute()
  }

  /**
   * Counts one set of answers. One statement rewrites every cell of the round's tally (adding one
   * to the cells chosen and nothing to the rest), so no cell is touched later or earlier than the
   * others because of what one person answered.
   */
  async addAnswers(db: Db, roundId: string, answers: HealthAnswers): Promise<void> {
    await db
      .updateTable('health_tallies')
      .set(eb => ({
        answers: eb(
          'answers',
          '+',
          eb
            .case()
            .when(eb.or(DYSFUNCTIONS.map(d => eb.and([eb('dysfunction', '=', d), eb('score', '=', answers[d])]))))
            .then(1)
            .else(0)
            .end(),
        ),
      }))
      .where('round_id', '=', roundId)
      .execute()
  }

  async tallies(db: Db, roundIds: readonly string[]): Promise<Tally[]> {
    if (roundIds.length === 0) return []
    const rows = await db
      .selectFrom('health_tallies')
      .selectAll()
      .where('round_id', 'in', [...roundIds])
      .execute()
    return rows.map(r => ({
      roundId: r.round_id,
      dysfunction: r.dysfunction as Dysfunction,
      score: Number(r.score),
      answers: Number(r.answers),
    }))
  }
}
