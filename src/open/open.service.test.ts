// The open service and its repository on both engines: each problem on a published roadmap keeps
// the item it came from (so public feedback can be about it), feedback is tagged to the problem the
// visitor chose and refused for a problem the page does not show (held back, another thing's, or
// made up), and the public pages are the latest version of each one still public.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../test/build-test-services.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import { ValidationError } from '../platform/errors.ts'
import type { Product } from '../products/products.types.ts'
import type { RoadmapItem } from '../products/roadmap/roadmap.types.ts'
import { publishedProblems } from './open.service.ts'
import { FEEDBACK_SOMETHING_ELSE, FEEDBACK_WHOLE_ROADMAP } from './open.types.ts'

describe.each(DIALECTS)('open service on %s', dialect => {
  let t: TestServices
  let boats: Product
  let fishing: Product
  let shown: RoadmapItem
  let held: RoadmapItem
  let elsewhere: RoadmapItem

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
  const item = (product: Product, problem: string) =>
    t.services.roadmap.add(SYSTEM_ACTOR, product, { column: 'now', problem, outcome: 'Better', metricId: null })

  /** The moderation queue's entry for the feedback with this id. */
  const queued = async (id: string) => (await t.services.insight.moderationQueue()).find(h => h.id === id)

  beforeAll(async () => {
    t = await buildTestServices({ dialect })
    boats = await thing('Register a boat')
    fishing = await thing('Get a fishing licence')
    shown = await item(boats, 'Renewals arrive late')
    held = await item(boats, 'The supplier’s system times out')
    elsewhere = await item(fishing, 'Licences are lost in the post')
    await t.services.open.publish(
      SYSTEM_ACTOR,
      boats,
      new Map([[`roadmap:${held.id}`, 'Names a supplier in negotiation']]),
      0,
    )
    await t.services.open.publish(SYSTEM_ACTOR, fishing, new Map(), 0)
  })
  afterAll(() => t.close())

  it('keeps which roadmap item each published problem came from, and only those published', async () => {
    const { snapshot } = await t.services.open.page('register-a-boat')
    expect(publishedProblems(snapshot)).toEqual([{ itemId: shown.id, label: 'Now: Renewals arrive late' }])
  })

  it('tags feedback to the problem the visitor chose', async () => {
    const id = await t.services.open.leaveFeedback('register-a-boat', {
      text: 'I renewed in May and heard nothing',
      about: shown.id,
    })
    const entry = await queued(id)
    expect(entry?.productId).toBe(boats.id)
    expect(entry?.problem).toBe('Renewals arrive late')
  })

  it('tags feedback about the whole roadmap, or something else, to the thing alone', async () => {
    for (const about of [FEEDBACK_WHOLE_ROADMAP, FEEDBACK_SOMETHING_ELSE]) {
      const id = await t.services.open.leaveFeedback('register-a-boat', { text: `About ${about}`, about })
      const entry = await queued(id)
      expect(entry?.productId).toBe(boats.id)
      expect(entry?.problem).toBeNull()
    }
  })

  it('asks what the feedback is about, with every problem at once, and keeps nothing', async () => {
    const before = (await t.services.insight.moderationQueue()).length
    const refused = await t.services.open.leaveFeedback('register-a-boat', { text: ' ', about: '' }).catch(e => e)
    expect(refused).toBeInstanceOf(ValidationError)
    expect((refused as ValidationError).fieldErrors).toEqual({
      text: 'Enter your feedback',
      about: 'Choose what your feedback is about',
    })
    expect((await t.services.insight.moderationQueue()).length).toBe(before)
  })

  it.each([
    ['a problem that was held back', () => held.id],
    ['a problem on another thing’s roadmap', () => elsewhere.id],
    ['an id that names nothing', () => '00000000-0000-4000-8000-000000000000'],
  ])('refuses %s, keeping nothing', async (_, about) => {
    const before = (await t.services.insight.moderationQueue()).length
    const refused = await t.services.open
      .leaveFeedback('register-a-boat', { text: 'A forged choice', about: about() })
      .catch(e => e)
    expect(refused).toBeInstanceOf(ValidationError)
    expect((refused as ValidationError).fieldErrors).toEqual({
      about: 'Choose one of the problems listed, the whole roadmap or something else',
    })
    expect((await t.services.insight.moderationQueue()).length).toBe(before)
  })

  it('gives the latest version of each page still public, by name, leaving out those taken down', async () => {
    await t.services.open.publish(SYSTEM_ACTOR, boats, new Map(), 1)
    let pages = await t.services.open.publicPages()
    expect(pages.map(p => [p.slug, p.snapshot.number])).toEqual([
      ['get-a-fishing-licence', 1],
      ['register-a-boat', 2],
    ])
    const fishingNow = await t.services.open.publication(fishing.id)
    await t.services.open.withdraw(SYSTEM_ACTOR, fishing, fishingNow?.version ?? 0)
    pages = await t.services.open.publicPages()
    expect(pages.map(p => p.slug)).toEqual(['register-a-boat'])
  })
})
