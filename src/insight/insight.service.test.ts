// The insight service and its repository on both engines: adding insight tagged to things and
// problems, the backlog's filters, search and pages, changes refused from an out-of-date form,
// merging a duplicate without losing a tag or an idea link (and recording it in both histories),
// feedback from the public held until it is moderated, "what do we know about this problem?",
// and every change audited against the things it is tagged to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../test/build-test-services.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { insertUser } from '../../test/factories.ts'
import type { Actor } from '../platform/auth/roles.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import { ConflictError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import type { Product } from '../products/products.types.ts'
import type { RoadmapItem } from '../products/roadmap/roadmap.types.ts'
import { BACKLOG_PAGE_SIZE, publicTitle, type InsightService } from './insight.service.ts'
import type { InsightInput } from './insight.types.ts'

const input = (title: string, o: Partial<InsightInput> = {}): InsightInput => ({
  title,
  kind: 'research',
  source: 'Usability testing, round 2',
  observedOn: '2026-11-02',
  evidence: `Five of eight people said so: ${title}`,
  ...o,
})

describe.each(DIALECTS)('insight service on %s', dialect => {
  let t: TestServices
  let insight: InsightService
  let actor: Actor
  let boats: Product
  let fishing: Product
  let renewals: RoadmapItem
  let payments: RoadmapItem

  const thing = (name: string) =>
    t.services.products.create(SYSTEM_ACTOR, {
      kind: 'service',
      name,
      purpose: `People ${name.toLowerCase()}`,
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'beta',
      stage: 'growth',
    })

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    insight = t.services.insight
    actor = await insertUser(t.db, { name: 'Ida Insight' })
    boats = await thing('Register a boat')
    fishing = await thing('Get a fishing licence')
    renewals = await t.services.roadmap.add(SYSTEM_ACTOR, boats, {
      column: 'now',
      problem: 'Renewals arrive late',
      outcome: 'On time',
      metricId: null,
    })
    payments = await t.services.roadmap.add(SYSTEM_ACTOR, boats, {
      column: 'next',
      problem: 'Payments fail on mobile',
      outcome: 'Fewer failures',
      metricId: null,
    })
  })
  afterAll(() => t.close())

  it('adds insight tagged to a thing and a problem, audited against the thing', async () => {
    const before = await t.services.audit.lastChange('product', boats.id)
    const id = await insight.add(actor, input('Owners forget the renewal date'), [
      { productId: boats.id, itemId: renewals.id },
    ])
    const record = await insight.get(id)
    expect(record.status).toBe('published')
    expect(record.things.map(x => x.productName)).toEqual(['Register a boat'])
    expect(record.problems.map(p => p.problem)).toEqual(['Renewals arrive late'])
    expect(await t.services.audit.lastChange('product', boats.id)).not.toBe(before)
    const history = await insight.history(id)
    expect(history[0]?.title).toBe('Added')
    expect(history[0]?.note).toContain('Renewals arrive late')

    // A problem of another thing, or an unknown thing, is refused and nothing is saved.
    await expect(
      insight.add(actor, input('Wrong tag'), [{ productId: fishing.id, itemId: renewals.id }]),
    ).rejects.toBeInstanceOf(ValidationError)
    expect((await insight.backlog({ q: 'wrong tag' }, 1)).total).toBe(0)
  })

  it('finds insight by words, kind, thing, problem and origin, a page at a time', async () => {
    for (let n = 1; n <= BACKLOG_PAGE_SIZE + 2; n++)
      await insight.add(
        actor,
        input(`Analytics note ${n}`, { kind: 'analytics', observedOn: `2026-10-${String(n).padStart(2, '0')}` }),
        [{ productId: fishing.id, itemId: null }],
      )
    const first = await insight.backlog({ kind: 'analytics' }, 1)
    expect(first.total).toBe(BACKLOG_PAGE_SIZE + 2)
    expect(first.pages).toBe(2)
    expect(first.items[0]?.title).toBe('Analytics note 22')
    expect(first.items[0]?.things.map(x => x.productName)).toEqual(['Get a fishing licence'])
    expect((await insight.backlog({ kind: 'analytics' }, 2)).items.map(i => i.title)).toEqual([
      'Analytics note 2',
      'Analytics note 1',
    ])
    expect((await insight.backlog({ q: 'note 1' }, 1)).items.map(i => i.title)).toContain('Analytics note 12')
    expect((await insight.backlog({ q: 'RENEWAL forget' }, 1)).items.map(i => i.title)).toEqual([
      'Owners forget the renewal date',
    ])
    expect((await insight.backlog({ q: '100%' }, 1)).total).toBe(0)
    expect((await insight.backlog({ productId: boats.id }, 1)).total).toBe(1)
    expect((await insight.backlog({ itemId: renewals.id }, 1)).total).toBe(1)
    expect((await insight.backlog({ origin: 'public' }, 1)).total).toBe(0)
    expect((await insight.thingChoices()).map(c => c.name)).toEqual(['Get a fishing licence', 'Register a boat'])
  })

  it('refuses a change from an out-of-date form, keeping the one saved first', async () => {
    const id = await insight.add(actor, input('Letters are confusing'))
    const opened = await insight.get(id)
    await insight.update(actor, opened, input('Letters are confusing to most'), opened.version)
    const error = await insight.update(actor, opened, input('Letters confuse'), opened.version).catch(e => e)
    expect(error).toBeInstanceOf(StaleVersionError)
    expect((error as StaleVersionError<{ title: string }>).latest.title).toBe('Letters are confusing to most')
    expect((await insight.history(id))[0]?.title).toBe('Changed the summary and the evidence')
    // Tagged to nothing, its changes are audited against the insight itself.
    expect(await t.services.audit.lastChange('insight', id)).not.toBe('')
  })

  it('tags and untags, refusing a tag it has already', async () => {
    const id = await insight.add(actor, input('Mobile payments time out'))
    const piece = await insight.get(id)
    await insight.tag(actor, piece, { productId: boats.id, itemId: payments.id })
    await expect(insight.tag(actor, piece, { productId: boats.id, itemId: payments.id })).rejects.toBeInstanceOf(
      ValidationError,
    )
    let record = await insight.get(id)
    expect(record.things.map(x => x.productId)).toEqual([boats.id])
    expect(record.problems.map(p => p.itemId)).toEqual([payments.id])
    await insight.untag(actor, piece, { productId: boats.id, itemId: null })
    record = await insight.get(id)
    expect(record.things).toEqual([])
    expect(record.problems).toEqual([])
    expect((await insight.history(id)).map(e => e.title)).toEqual([
      'No longer tagged to Register a boat',
      'Tagged to the problem ‘Payments fail on mobile’ on the roadmap of Register a boat',
      'Added',
    ])
  })

  it('merges a duplicate: its tags and idea links move to the kept one and both histories say so', async () => {
    const keptId = await insight.add(actor, input('Owners miss reminder letters'), [
      { productId: boats.id, itemId: renewals.id },
    ])
    const dupId = await insight.add(actor, input('Reminder letters go missing', { kind: 'support', source: 'Calls' }), [
      { productId: boats.id, itemId: renewals.id },
      { productId: boats.id, itemId: payments.id },
      { productId: fishing.id, itemId: null },
    ])
    const ideaId = await insight.addIdea(
      actor,
      { title: 'Send reminders by text', description: 'A text message', itemId: null },
      [dupId],
    )
    const bothIdea = await insight.addIdea(actor, { title: 'Email reminders', description: 'An email', itemId: null }, [
      dupId,
      keptId,
    ])
    const kept = await insight.get(keptId)
    const dup = await insight.get(dupId)

    // Out of date: nothing changes.
    await expect(
      insight.merge(actor, kept, dup, { kept: kept.version, duplicate: dup.version + 1 }),
    ).rejects.toBeInstanceOf(StaleVersionError)
    expect((await insight.get(dupId)).status).toBe('published')

    const moved = await insight.merge(actor, kept, dup, { kept: kept.version, duplicate: dup.version })
    expect(moved).toEqual({ things: 1, problems: 1, ideas: 1 })
    const after = await insight.get(keptId)
    expect(after.things.map(x => x.productName)).toEqual(['Get a fishing licence', 'Register a boat'])
    expect(after.problems.map(p => p.problem).sort()).toEqual(['Payments fail on mobile', 'Renewals arrive late'])
    expect(after.ideas.map(i => i.title)).toEqual(['Email reminders', 'Send reminders by text'])
    expect((await insight.idea(ideaId)).insight.map(i => i.id)).toEqual([keptId])
    expect((await insight.idea(bothIdea)).insight.map(i => i.id)).toEqual([keptId])

    const merged = await insight.get(dupId)
    expect(merged.status).toBe('merged')
    expect(merged.mergedIntoId).toBe(keptId)
    expect(merged.mergedIntoTitle).toBe('Owners miss reminder letters')
    expect(merged.things).toEqual([])
    expect((await insight.history(keptId))[0]?.title).toBe('Merged in ‘Reminder letters go missing’')
    expect((await insight.history(keptId))[0]?.note).toContain('1 thing, 1 problem, 1 idea')
    expect((await insight.history(dupId))[0]?.title).toBe('Merged into ‘Owners miss reminder letters’')
    // Merged insight leaves the backlog, and cannot be merged or changed again.
    expect((await insight.backlog({ q: 'go missing' }, 1)).total).toBe(0)
    await expect(
      insight.merge(actor, after, merged, { kept: after.version, duplicate: merged.version }),
    ).rejects.toBeInstanceOf(ValidationError)
    await expect(insight.update(actor, merged, input('x'), merged.version)).rejects.toBeInstanceOf(ConflictError)
  })

  it('holds feedback from the public until it is moderated', async () => {
    const long = `${'The renewal page would not load on my phone and '.repeat(3)}I gave up.`
    const id = await insight.addFromPublic(boats.id, { text: long, itemId: renewals.id })
    const held = await insight.get(id)
    expect(held).toMatchObject({
      status: 'held',
      origin: 'public',
      kind: 'feedback',
      source: 'public feedback',
      createdById: null,
      evidence: long,
      observedOn: '2026-11-24',
    })
    expect(held.title.length).toBeLessThanOrEqual(80)
    expect(held.problems.map(p => p.itemId)).toEqual([renewals.id])
    // Not shown yet: not in the backlog, not under the problem.
    expect((await insight.backlog({ origin: 'public' }, 1)).total).toBe(0)
    expect((await insight.aboutProblem(renewals.id)).insight.map(i => i.id)).not.toContain(id)
    expect((await insight.moderationQueue()).map(h => [h.id, h.productName, h.problem])).toEqual([
      [id, 'Register a boat', 'Renewals arrive late'],
    ])

    await expect(insight.addFromPublic(boats.id, { text: '   ' })).rejects.toBeInstanceOf(ValidationError)
    await expect(insight.addFromPublic(boats.id, { text: 'x'.repeat(2001) })).rejects.toBeInstanceOf(ValidationError)
    // A problem of another thing is not tagged.
    const other = await insight.addFromPublic(fishing.id, { text: 'Where do I start?', itemId: renewals.id })
    expect((await insight.get(other)).problems).toEqual([])

    await expect(insight.approve(actor, held, held.version + 1)).rejects.toBeInstanceOf(StaleVersionError)
    await insight.approve(actor, held, held.version)
    expect((await insight.get(id)).status).toBe('published')
    expect((await insight.backlog({ origin: 'public' }, 1)).total).toBe(1)
    expect((await insight.aboutProblem(renewals.id)).insight.map(i => i.id)).toContain(id)
    await expect(insight.approve(actor, await insight.get(id), held.version + 1)).rejects.toBeInstanceOf(ConflictError)

    await insight.reject(actor, await insight.get(other))
    await expect(insight.get(other)).rejects.toThrow('No such insight')
    expect(await insight.moderationQueue()).toEqual([])
  })

  it('answers what we know about a problem: its insight and the ideas for it or behind it', async () => {
    const known = await insight.aboutProblem(renewals.id)
    expect(known.insight.map(i => i.title)).toContain('Owners miss reminder letters')
    expect(known.insight.map(i => i.title)).not.toContain('Reminder letters go missing')
    expect(known.ideas.map(i => [i.title, i.insightCount]).sort()).toEqual([
      ['Email reminders', 1],
      ['Send reminders by text', 1],
    ])
    const direct = await insight.addIdea(actor, {
      title: 'Take card payments in the app',
      description: 'No redirect',
      itemId: payments.id,
    })
    expect((await insight.aboutProblem(payments.id)).ideas.map(i => i.id)).toContain(direct)
    const idea = await insight.idea(direct)
    expect([idea.productName, idea.problem]).toEqual(['Register a boat', 'Payments fail on mobile'])
    await expect(
      insight.updateIdea(actor, idea, { ...idea, title: 'Changed' }, idea.version + 1),
    ).rejects.toBeInstanceOf(StaleVersionError)
    await insight.updateIdea(
      actor,
      idea,
      { title: 'Pay in the app', description: 'No redirect', itemId: null },
      idea.version,
    )
    expect((await insight.aboutProblem(payments.id)).ideas.map(i => i.id)).not.toContain(direct)
  })

  it('gives public feedback a short title', () => {
    expect(publicTitle('  Short and clear\nmore')).toBe('Short and clear')
    const title = publicTitle('word '.repeat(40))
    expect(title.endsWith('…')).toBe(true)
    expect(title.length).toBeLessThanOrEqual(80)
  })
})
