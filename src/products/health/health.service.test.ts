// The team health check on both engines: rounds, answering once, results only for a closed round
// three people answered, and, above all, that nothing in the tables ties an answer to a person.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices } from '../../../test/build-test-services.ts'
import { DIALECTS, type TestDb } from '../../../test/dialects.ts'
import { insertUser } from '../../../test/factories.ts'
import { AuditRepository } from '../../audit/audit.repository.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import { ConflictError, ValidationError } from '../../platform/errors.ts'
import type { Services } from '../../services.ts'
import type { Product } from '../products.types.ts'
import { HealthRepository } from './health.repository.ts'
import { AlreadyAnsweredError, averagesOf } from './health.service.ts'
import type { HealthAnswers } from './health.types.ts'

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('Expected the operation to fail')
}

const answers = (trust: number, conflict: number, commitment: number, accountability: number, results: number) =>
  ({ trust, conflict, commitment, accountability, results }) satisfies HealthAnswers

describe('averages', () => {
  it('weighs each score by how many gave it, to one decimal place', () => {
    expect(
      averagesOf([
        { roundId: 'r', dysfunction: 'trust', score: 5, answers: 2 },
        { roundId: 'r', dysfunction: 'trust', score: 2, answers: 1 },
        { roundId: 'r', dysfunction: 'conflict', score: 1, answers: 3 },
      ]),
    ).toEqual({ trust: 4, conflict: 1, commitment: 0, accountability: 0, results: 0 })
  })
})

describe.each(DIALECTS)('team health check on %s', dialect => {
  let testDb: TestDb
  let services: Services
  let people: (Actor & { id: string })[]
  let product: Product
  const repo = new HealthRepository()

  beforeAll(async () => {
    const built = await buildTestServices({ dialect })
    testDb = built.testDb
    services = built.services
    people = []
    for (const name of ['Ada', 'Bo', 'Cy', 'Di', 'Ed', 'Flo']) people.push(await insertUser(built.db, { name }))
    product = await services.products.create(people[0] as Actor, {
      kind: 'service',
      name: 'Book a ferry',
      purpose: 'Islanders book crossings',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'live',
      stage: 'maturity',
    })
  })
  afterAll(() => testDb.destroy())

  const person = (i: number) => {
    const p = people[i]
    if (!p) throw new Error('No such person')
    return p
  }

  it('opens numbered rounds, closing the one still open', async () => {
    const first = await services.health.open(person(0), product)
    expect(first).toMatchObject({ number: 1, status: 'open', respondents: 0 })
    const second = await services.health.open(person(0), product)
    expect(second.number).toBe(2)
    const rounds = await repo.rounds(testDb.db.kysely, product.id)
    expect(rounds.map(r => [r.number, r.status])).toEqual([
      [2, 'open'],
      [1, 'closed'],
    ])
    // A closed round takes no answers.
    const closed = rounds[1]
    if (!closed) throw new Error('No round 1')
    expect(await rejection(services.health.answer(person(1), product, closed, answers(3, 3, 3, 3, 3)))).toBeInstanceOf(
      ConflictError,
    )
  })

  it('counts each person once and refuses a second answer, counting nothing', async () => {
    const { open } = await services.health.overview(product.id, person(1).id)
    if (!open) throw new Error('No open round')
    await services.health.answer(person(1), product, open, answers(4, 2, 3, 3, 5))
    expect((await services.health.overview(product.id, person(1).id)).answered).toBe(true)
    expect((await services.health.overview(product.id, person(2).id)).answered).toBe(false)
    const twice = await rejection(services.health.answer(person(1), product, open, answers(1, 1, 1, 1, 1)))
    expect(twice).toBeInstanceOf(AlreadyAnsweredError)
    const cells = await repo.tallies(testDb.db.kysely, [open.id])
    expect(cells.reduce((n, c) => n + c.answers, 0)).toBe(5)
    expect(await rejection(services.health.answer(person(2), product, open, answers(0, 3, 3, 3, 3)))).toBeInstanceOf(
      ValidationError,
    )
  })

  it('gives results only for a closed round at least three people answered', async () => {
    const { open } = await services.health.overview(product.id, person(0).id)
    if (!open) throw new Error('No open round')
    await services.health.answer(person(2), product, open, answers(5, 3, 4, 2, 4))
    await services.health.answer(person(3), product, open, answers(3, 1, 5, 1, 3))
    expect((await services.health.results(product.id))[0]?.averages).toBeNull()
    await services.health.close(person(0), product, await services.health.round(product.id, open.id))
    const [latest, first] = await services.health.results(product.id)
    expect(latest?.averages).toEqual({ trust: 4, conflict: 2, commitment: 4, accountability: 2, results: 4 })
    expect(first?.averages).toBeNull()
    expect(await rejection(services.health.close(person(0), product, open))).toBeInstanceOf(ConflictError)
  })

  it('keeps who answered apart from what was answered, with nothing in the tables to join them', async () => {
    const db = testDb.db.kysely
    const columns = async (table: string) =>
      (await db.introspection.getTables())
        .find(t => t.name === table)
        ?.columns.map(c => c.name)
        .sort()
    // Who: the round and the person, and nothing else (no time, no order number, no answer).
    expect(await columns('health_respondents')).toEqual(['person_id', 'round_id'])
    // What: counts of each score for each statement, and nothing about any one person.
    expect(await columns('health_tallies')).toEqual(['answers', 'dysfunction', 'round_id', 'score'])

    // The same answers given in a different order by different people leave the same rows: the
    // tables hold nothing of who gave which answers, nor of the order they came in.
    const given = [answers(4, 2, 3, 3, 5), answers(5, 3, 4, 2, 4), answers(3, 1, 5, 1, 3)]
    const snapshot = async (roundId: string) => {
      const rows = await db
        .selectFrom('health_tallies')
        .select(['dysfunction', 'score', 'answers'])
        .where('round_id', '=', roundId)
        .execute()
      return rows.map(r => `${r.dysfunction}:${r.score}:${r.answers}`)
    }
    const a = await services.health.open(person(0), product)
    for (const [i, who] of [3, 4, 5].entries())
      await services.health.answer(person(who), product, a, given[i] as HealthAnswers)
    const b = await services.health.open(person(0), product)
    for (const [i, who] of [5, 1, 2].entries())
      await services.health.answer(person(who), product, b, given[2 - i] as HealthAnswers)
    // Every cell exists from the start (25 rows, answering adds none), in the same stored order.
    expect(await snapshot(a.id)).toHaveLength(25)
    expect(await snapshot(a.id)).toEqual(await snapshot(b.id))
    if (dialect === 'sqlite') {
      // SQLite's hidden rowid gives the order rows were made: the same for both rounds.
      const rowids = async (roundId: string) =>
        (
          await sql<{
            key: string
          }>`select dysfunction || ':' || score as key from health_tallies where round_id = ${roundId} order by rowid`.execute(
            db,
          )
        ).rows.map(r => r.key)
      expect(await rowids(a.id)).toEqual(await rowids(b.id))
    } else {
      // PostgreSQL writes a new row version for every change: every cell of the round is rewritten
      // by every answer, so the physical order of the cells says nothing about what was chosen.
      const physical = async (roundId: string) =>
        (
          await sql<{
            key: string
          }>`select dysfunction || ':' || score as key from health_tallies where round_id = ${roundId} order by ctid`.execute(
            db,
          )
        ).rows.map(r => r.key)
      expect(await physical(a.id)).toEqual(await physical(b.id))
    }
    // The audit log says who answered which round, never what.
    const { events } = await new AuditRepository().list(db, {}, 1000, 0)
    const answered = events.filter(e => e.action === 'health.answered')
    expect(answered.length).toBe(9)
    for (const e of answered) expect(e.summary).toMatch(/^Answered round \d of the team health check of Book a ferry$/)
  })

  it('goes when the thing is removed', async () => {
    await services.products.delete(person(0), product)
    expect(await services.health.results(product.id)).toEqual([])
    expect(await testDb.db.kysely.selectFrom('health_tallies').selectAll().execute()).toEqual([])
  })
})
