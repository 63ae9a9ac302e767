// The roadmap service on both engines: items in order, every move kept in the item's history,
// moving up and down (renumbering when halving runs out), moves refused from an out-of-date page,
// marking done and back again, and decisions applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../../test/build-test-services.ts'
import { DIALECTS } from '../../../test/dialects.ts'
import { SYSTEM_ACTOR } from '../../platform/auth/roles.ts'
import { StaleVersionError, ValidationError } from '../../platform/errors.ts'
import type { Product } from '../products.types.ts'
import type { RoadmapService } from './roadmap.service.ts'
import type { Column, RoadmapItem } from './roadmap.types.ts'

/** The value, which the test knows is there. */
function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('Expected a value')
  return value
}

describe.each(DIALECTS)('roadmap service on %s', dialect => {
  let t: TestServices
  let product: Product
  let roadmap: RoadmapService

  const problems = async (column: Column) => (await roadmap.board(product.id)).columns[column].map(i => i.problem)
  const fresh = (item: RoadmapItem) => roadmap.get(product.id, item.id)

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    roadmap = t.services.roadmap
    product = await t.services.products.create(SYSTEM_ACTOR, {
      kind: 'service',
      name: 'Book a driving test',
      purpose: 'Learners book tests',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'beta',
      stage: 'growth',
    })
  })
  afterAll(() => t.close())

  const add = (problem: string, column: Column = 'next') =>
    roadmap.add(SYSTEM_ACTOR, product, { column, problem, outcome: 'Better', metricId: null })

  it('adds items at the end of their column and moves them up, down and across', async () => {
    const a = await add('A')
    const b = await add('B')
    const c = await add('C')
    expect(await problems('next')).toEqual(['A', 'B', 'C'])
    await roadmap.move(SYSTEM_ACTOR, product, c, 'up', c.version)
    expect(await problems('next')).toEqual(['A', 'C', 'B'])
    const a1 = await fresh(a)
    await roadmap.move(SYSTEM_ACTOR, product, a1, 'down', a1.version)
    expect(await problems('next')).toEqual(['C', 'A', 'B'])
    const b1 = await fresh(b)
    await roadmap.move(SYSTEM_ACTOR, product, b1, 'now', b1.version)
    expect(await problems('now')).toEqual(['B'])
    expect(await problems('next')).toEqual(['C', 'A'])
    expect((await roadmap.history(b.id)).map(e => e.title)).toEqual(['Moved from Next to Now', 'Added to Next'])
    const audit = await t.db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'roadmap.item-moved')
      .execute()
    expect(audit.map(e => e.summary)).toContain('Moved from Next to Now on the roadmap of Book a driving test')
  })

  it('refuses moves it cannot make and moves from an out-of-date page', async () => {
    const [first] = (await roadmap.board(product.id)).columns.next
    const error = await roadmap.move(SYSTEM_ACTOR, product, must(first), 'up', must(first).version).catch(e => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).fieldErrors.move).toBe('It is first in Next already')
    await expect(roadmap.move(SYSTEM_ACTOR, product, must(first), 'next', must(first).version)).rejects.toThrow(
      ValidationError,
    )
    const stale = await roadmap.move(SYSTEM_ACTOR, product, must(first), 'later', must(first).version - 1).catch(e => e)
    expect(stale).toBeInstanceOf(StaleVersionError)
    expect((stale as StaleVersionError<RoadmapItem>).latest.column).toBe('next')
    expect(await problems('later')).toEqual([])
  })

  it('keeps the order right after many moves into the same gap', async () => {
    await add('X', 'later')
    await add('Y', 'later')
    await add('Z', 'later')
    // The last item moves up between the first two, again and again: each move halves the gap
    // after the first item until there is no room, and the column is numbered afresh.
    for (let i = 0; i < 60; i++) {
      const last = must((await roadmap.board(product.id)).columns.later.at(-1))
      await roadmap.move(SYSTEM_ACTOR, product, last, 'up', last.version)
    }
    expect(await problems('later')).toEqual(['X', 'Y', 'Z'])
    const positions = (await roadmap.board(product.id)).columns.later.map(i => i.position)
    expect(new Set(positions).size).toBe(3)
    expect(positions.every(p => p < 4)).toBe(true)
  })

  it('marks done, brings back and keeps a decision, each in the history', async () => {
    const item = await add('Done soon', 'now')
    await roadmap.setStatus(SYSTEM_ACTOR, product, item, 'done', 'Shipped and measured', item.version)
    expect((await roadmap.board(product.id)).closed.map(i => i.problem)).toContain('Done soon')
    const done = await fresh(item)
    await expect(roadmap.setStatus(SYSTEM_ACTOR, product, done, 'done', '', done.version)).rejects.toThrow(
      ValidationError,
    )
    await roadmap.setStatus(SYSTEM_ACTOR, product, done, 'open', '', done.version)
    expect((await problems('now')).at(-1)).toBe('Done soon')
    await t.db.transaction().execute(trx =>
      roadmap.decide(trx, SYSTEM_ACTOR, product, item.id, 'drop', {
        why: 'after its hypothesis failed',
        note: 'No effect',
      }),
    )
    const after = await fresh(item)
    expect(after.status).toBe('dropped')
    expect((await roadmap.history(item.id)).map(e => e.title)).toEqual([
      'Decided to drop it after its hypothesis failed',
      'Put back on the roadmap in Now',
      'Marked as done',
      'Added to Now',
    ])
  })

  it('keeps what an item was when it changes, and refuses another thing’s metric', async () => {
    const item = await add('Old problem')
    await roadmap.update(
      SYSTEM_ACTOR,
      product,
      item,
      { problem: 'New problem', outcome: 'Better', metricId: null },
      item.version,
    )
    const [changed] = await roadmap.history(item.id)
    expect(changed).toMatchObject({ title: 'Changed the problem', note: 'The problem was: Old problem' })
    const latest = await fresh(item)
    await expect(
      roadmap.update(
        SYSTEM_ACTOR,
        product,
        latest,
        { ...latest, metricId: '00000000-0000-4000-8000-000000000000' },
        latest.version,
      ),
    ).rejects.toThrow(ValidationError)
    await expect(
      roadmap.update(SYSTEM_ACTOR, product, item, { ...latest, problem: 'Stale' }, item.version),
    ).rejects.toBeInstanceOf(StaleVersionError)
  })
})
