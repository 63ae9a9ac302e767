// The hook a roadmap item's page calls: listed in the composition root, it gives the section
// "What do we know about this problem?" with the published insight tagged to the problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestServices, type TestServices } from '../../test/build-test-services.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import { problemKnowledgeSection } from './insight.roadmap.ts'

const viewer: Viewer = {
  user: { id: 'v1', name: 'Vic', email: 'vic@example.gov.uk', role: 'member' },
  businessArea: null,
  headOfProfession: false,
  hasProfile: false,
  lineManagerId: null,
  managesSomeone: false,
  group: null,
  careerRole: null,
}

describe('the roadmap item hook', () => {
  let t: TestServices
  beforeAll(async () => {
    t = await buildTestServices()
  })
  afterAll(() => t.close())

  it('is what the roadmap routes are given, and lists insight tagged to the problem', async () => {
    const { products, roadmap, insight, roadmapItemSections } = t.services
    const product = await products.create(SYSTEM_ACTOR, {
      kind: 'service',
      name: 'Register a boat',
      purpose: 'Boat owners register',
      ownerId: null,
      team: '',
      group: '',
      area: '',
      parentId: null,
      uses: [],
      phase: 'beta',
      stage: 'growth',
    })
    const item = await roadmap.add(SYSTEM_ACTOR, product, {
      column: 'now',
      problem: 'Renewals arrive late',
      outcome: 'On time',
      metricId: null,
    })
    await insight.add(
      SYSTEM_ACTOR,
      {
        title: 'Owners forget',
        kind: 'analytics',
        source: 'Renewal data',
        observedOn: '2026-11-01',
        evidence: 'A third renew late',
      },
      [{ productId: product.id, itemId: item.id }],
    )
    expect(roadmapItemSections).toHaveLength(1)
    const [fromServices] = await Promise.all(roadmapItemSections.map(s => s(viewer, product, item)))
    const section = await problemKnowledgeSection(insight)(viewer, product, item)
    expect(fromServices).toEqual(section)
    expect(section?.key).toBe('what-we-know')
    expect(section?.groups[0]?.rows.map(r => r.text)).toEqual(['Owners forget'])
    expect(section?.actions.map(a => a.text)).toContain('Add insight about this problem')
  })
})
