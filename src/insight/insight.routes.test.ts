// Insight through its pages: adding insight with every problem shown at once and nothing typed
// lost; adding it from a roadmap item, where "What do we know about this problem?" then lists it;
// tagging through the tags page; a change from an out-of-date page answered with 409; merging a
// duplicate keeps every link; the backlog's filters; moderation of public feedback; ideas; and
// who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type Agent, type TestContext } from '../../test/build-test-app.ts'
import { createThing, errorSummary, productWorld, type Named } from '../../test/products.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import type { Product } from '../products/products.types.ts'
import type { RoadmapItem } from '../products/roadmap/roadmap.types.ts'

const idFrom = (location: unknown) => String(location).split('/').pop() ?? ''
const whatWeKnow = (html: string) =>
  $(html)('[data-testid="section-what-we-know"] .govuk-list--spaced li > a')
    .map((_, a) => $(html)(a).text().trim())
    .get()

describe('insight pages', () => {
  let ctx: TestContext
  let admin: Agent
  let owner: Named
  let researcher: Named
  let outsider: Named
  let product: Product
  let item: RoadmapItem
  const itemPath = () => `/products/${product.id}/roadmap/${item.id}`

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    admin = world.admin
    owner = await world.member('Orla Owner', { businessArea: 'Waterways' })
    researcher = await world.member('Rhys Researcher', { businessArea: 'Research' })
    outsider = await world.member('Nell Nobody')
    product = await createThing(ctx, {
      name: 'Register a boat',
      purpose: 'Boat owners register online',
      ownerId: owner.id,
      area: 'Waterways',
    })
    item = await ctx.app.services.roadmap.add(SYSTEM_ACTOR, product, {
      column: 'now',
      problem: 'Owners cannot find their registration number',
      outcome: 'Fewer calls',
      metricId: null,
    })
  })
  afterAll(() => ctx.close())

  const addInsight = async (agent: Agent, fields: Record<string, string>, query = '') => {
    const page = await agent.get(`/insight/new${query}`)
    expect(page.statusCode).toBe(200)
    return agent.post('/insight/new', {
      ...formFields(page.body, '/insight/new'),
      kind: 'research',
      source: 'Interviews with 6 owners',
      'observedOn-day': '3',
      'observedOn-month': '11',
      'observedOn-year': '2026',
      evidence: 'Four of six looked for the number on the wrong letter.',
      ...fields,
    })
  }

  it('shows every problem at once and keeps what was typed', async () => {
    const page = await researcher.get('/insight/new')
    const bad = await researcher.post('/insight/new', {
      ...formFields(page.body, '/insight/new'),
      title: 'x'.repeat(151),
      source: '',
      'observedOn-day': '31',
      'observedOn-month': '2',
      'observedOn-year': '2026',
      evidence: 'Kept evidence',
    })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    expect(summary).toContain('The summary must be 150 characters or fewer')
    expect(summary).toContain('Choose what kind of insight it is')
    expect(summary).toContain('Enter where it came from')
    expect(summary).toContain('The date it was learned must be a real date')
    expect($(bad.body)('title').text()).toMatch(/^Error: /)
    expect($(bad.body)('#evidence').text()).toBe('Kept evidence')
    expect($(bad.body)('#observedOn-day').val()).toBe('31')
    const future = await researcher.post('/insight/new', {
      ...formFields(page.body, '/insight/new'),
      title: 'T',
      kind: 'research',
      source: 'S',
      'observedOn-day': '1',
      'observedOn-month': '1',
      'observedOn-year': '2027',
      evidence: 'E',
    })
    expect(errorSummary(future.body)).toContain('The date it was learned must be today or in the past')
  })

  it('adds insight from a roadmap item and lists it under what we know about the problem', async () => {
    const before = await owner.get(itemPath())
    expect($(before.body)('#section-what-we-know').text()).toBe('What do we know about this problem?')
    expect($(before.body)('[data-testid="section-what-we-know"]').text()).toContain('No insight is tagged')
    const addLink = $(before.body)('a:contains("Add insight about this problem")').attr('href') ?? ''
    expect(addLink).toBe(`/insight/new?product=${product.id}&item=${item.id}`)

    const saved = await addInsight(
      researcher,
      { title: 'Owners look on the wrong letter' },
      addLink.slice('/insight/new'.length),
    )
    expect(saved.statusCode).toBe(303)
    const page = await researcher.get(String(saved.headers.location))
    expect($(page.body)('h1').text()).toBe('Owners look on the wrong letter')
    expect($(page.body)('[data-testid="tagged-problems"]').text()).toContain(
      'Owners cannot find their registration number',
    )

    const after = await outsider.get(itemPath())
    expect(whatWeKnow(after.body)).toEqual(['Owners look on the wrong letter'])
    // Signed out, nobody sees it.
    expect((await ctx.app.inject({ method: 'GET', url: itemPath() })).statusCode).toBe(303)
    expect($(after.body)('a:contains("See this insight in the backlog")').attr('href')).toBe(
      `/insight?product=${product.id}&item=${item.id}`,
    )
  })

  it('tags insight to a problem through the tags page', async () => {
    const saved = await addInsight(researcher, { title: 'Registration numbers are hard to read', kind: 'support' })
    const id = idFrom(saved.headers.location)
    const tagsPath = `/insight/${id}/tags`
    const found = await researcher.get(`${tagsPath}?find=boat`)
    // The page's title starts with what its heading says.
    expect($(found.body)('title').text()).toMatch(
      /^Tag to things and problems: Registration numbers are hard to read – /,
    )
    expect($(found.body)('h1').text()).toBe('Tag to things and problems')
    const merge = await researcher.get(`/insight/${id}/merge`)
    expect($(merge.body)('title').text()).toMatch(/^Merge a duplicate into this insight: Registration numbers/)
    expect($(merge.body)('h1').text()).toBe('Merge a duplicate into this insight')
    expect($(found.body)('[data-testid="found-things"] h3').text()).toBe('Register a boat')
    const fields = formFields(found.body, tagsPath)
    const token = Array.isArray(fields._csrf) ? (fields._csrf[0] ?? '') : (fields._csrf ?? '')
    const tagged = await researcher.post(tagsPath, {
      _csrf: token,
      productId: product.id,
      itemId: item.id,
      find: 'boat',
    })
    expect(tagged.statusCode).toBe(303)
    const again = await researcher.post(tagsPath, {
      _csrf: token,
      productId: product.id,
      itemId: item.id,
      find: 'boat',
    })
    expect(again.statusCode).toBe(400)
    expect(errorSummary(again.body)).toContain('It is tagged to that problem already')
    expect(whatWeKnow((await owner.get(itemPath())).body)).toContain('Registration numbers are hard to read')
    expect((await researcher.post(tagsPath, { _csrf: token })).statusCode).toBe(400)
  })

  it('answers a change from an out-of-date page with 409, keeping what was typed', async () => {
    const saved = await addInsight(researcher, { title: 'Letters arrive late' })
    const id = idFrom(saved.headers.location)
    const edit = `/insight/${id}/edit`
    const mine = formFields((await researcher.get(edit)).body, edit)
    // The owner may change it only once it is tagged to their thing.
    expect((await owner.get(edit)).statusCode).toBe(403)
    expect((await researcher.post(edit, { ...mine, title: 'Letters arrive a week late' })).statusCode).toBe(303)
    const stale = await researcher.post(edit, { ...mine, title: 'Letters arrive two weeks late' })
    expect(stale.statusCode).toBe(409)
    expect($(stale.body)('[data-testid="conflict"]').text()).toContain('Letters arrive a week late')
    expect($(stale.body)('#title').val()).toBe('Letters arrive two weeks late')
    // Someone else who is not responsible for a thing it is tagged to may not change it.
    expect((await outsider.get(edit)).statusCode).toBe(403)
  })

  it('merges a duplicate through its page without losing its tags or ideas', async () => {
    const keptId = idFrom((await addInsight(researcher, { title: 'Owners lose their number' })).headers.location)
    const dupId = idFrom(
      (
        await addInsight(
          researcher,
          { title: 'Owners mislay the registration number' },
          `?product=${product.id}&item=${item.id}`,
        )
      ).headers.location,
    )
    const ideaId = await ctx.app.services.insight.addIdea(
      SYSTEM_ACTOR,
      { title: 'Show the number after signing in', description: 'On the account page', itemId: null },
      [dupId],
    )
    const mergePath = `/insight/${keptId}/merge`
    const page = await researcher.get(`${mergePath}?find=mislay`)
    expect(
      $(page.body)('input[name="duplicateId"]')
        .map((_, r) => $(page.body)(r).val())
        .get(),
    ).toEqual([dupId])
    const fields = formFields(page.body, mergePath)
    const none = await researcher.post(mergePath, { ...fields })
    expect(none.statusCode).toBe(400)
    expect(errorSummary(none.body)).toContain('Choose the duplicate to merge into this insight')
    const stale = await researcher.post(mergePath, { ...fields, duplicateId: dupId, version: '99' })
    expect(stale.statusCode).toBe(409)
    const merged = await researcher.post(mergePath, { ...fields, duplicateId: dupId })
    expect(merged.statusCode).toBe(303)
    expect(merged.headers.location).toBe(`/insight/${keptId}`)

    const kept = await researcher.get(`/insight/${keptId}`)
    expect($(kept.body)('[data-testid="tagged-things"]').text()).toContain('Register a boat')
    expect($(kept.body)('[data-testid="tagged-problems"]').text()).toContain(
      'Owners cannot find their registration number',
    )
    expect($(kept.body)('[data-testid="ideas"]').text()).toContain('Show the number after signing in')
    expect($(kept.body)('[data-testid="insight-history"]').text()).toContain(
      'Merged in ‘Owners mislay the registration number’',
    )
    const dup = await researcher.get(`/insight/${dupId}`)
    expect($(dup.body)('[data-testid="merged-into"] a').attr('href')).toBe(`/insight/${keptId}`)
    expect($(dup.body)('a:contains("Merge a duplicate")').length).toBe(0)
    const idea = await outsider.get(`/insight/ideas/${ideaId}`)
    expect($(idea.body)('[data-testid="idea-insight"] a').attr('href')).toBe(`/insight/${keptId}`)
    const known = whatWeKnow((await outsider.get(itemPath())).body)
    expect(known).toContain('Owners lose their number')
    expect(known).not.toContain('Owners mislay the registration number')
    expect(known).toContain('Show the number after signing in')
  })

  it('filters, searches and pages the backlog', async () => {
    const all = await outsider.get('/insight')
    expect(all.statusCode).toBe(200)
    expect($(all.body)('[data-testid="backlog"] h3').length).toBeGreaterThan(2)
    const support = await outsider.get('/insight?kind=support')
    expect($(support.body)('[data-testid="backlog"] h3').text()).toBe('Registration numbers are hard to read')
    const words = await outsider.get('/insight?q=HARD+read')
    expect($(words.body)('[data-testid="backlog"] h3').text()).toBe('Registration numbers are hard to read')
    const problem = await outsider.get(`/insight?product=${product.id}&item=${item.id}`)
    expect($(problem.body)('[data-testid="problem-filter"]').text()).toContain(
      'Owners cannot find their registration number',
    )
    expect($(problem.body)('#thing').val()).toBe('Register a boat')
    const nothing = await outsider.get('/insight?q=zebra')
    expect($(nothing.body)('[data-testid="no-insight"]').text()).toContain('Nothing matches')
    // Anything not offered is ignored rather than refused.
    expect((await outsider.get('/insight?kind=rumour&product=nope')).statusCode).toBe(200)
    // Nobody signed in: asked to sign in.
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/insight' })
    expect(anonymous.statusCode).toBe(303)
  })

  it('filters the backlog by a thing found by name, which works with hundreds of things', async () => {
    // Two hundred things with insight tagged to each: the filter is a box to type in, not a list of them all.
    const tagged = async (name: string) => {
      const thing = await createThing(ctx, { name, purpose: 'Something', ownerId: owner.id, area: 'Waterways' })
      await ctx.app.services.insight.add(
        SYSTEM_ACTOR,
        {
          title: `What we learned about ${name}`,
          kind: 'analytics',
          source: 'Web analytics',
          observedOn: '2026-11-02',
          evidence: 'Numbers',
        },
        [{ productId: thing.id, itemId: null }],
      )
      return thing
    }
    for (let n = 1; n <= 200; n++) await tagged(`Licence to fish river ${n}`)
    const canal = await tagged('Moor on a canal')
    const page = await outsider.get('/insight')
    expect($(page.body)('select#product, select[name="product"]').length).toBe(0)
    expect($(page.body)('input#thing').length).toBe(1)
    expect(page.body.length).toBeLessThan(200_000)

    // Part of one name: that thing's insight, its name kept in the box.
    const one = await outsider.get('/insight?thing=ON+A+canal')
    expect($(one.body)('[data-testid="backlog"] h3').text()).toBe('What we learned about Moor on a canal')
    expect($(one.body)('#thing').val()).toBe('ON A canal')
    expect($(one.body)('[data-testid="thing-matches"]').length).toBe(0)
    // Words that find several: insight tagged to any, and each offered to choose.
    const several = await outsider.get('/insight?thing=river+19')
    const offered = $(several.body)('[data-testid="thing-matches"] a')
    expect(offered.map((_, a) => $(several.body)(a).text()).get()).toEqual([
      'Licence to fish river 119',
      'Licence to fish river 19',
      'Licence to fish river 190',
      'Licence to fish river 191',
      'Licence to fish river 192',
      'Licence to fish river 193',
      'Licence to fish river 194',
      'Licence to fish river 195',
      'Licence to fish river 196',
      'Licence to fish river 197',
      'Licence to fish river 198',
      'Licence to fish river 199',
    ])
    expect($(several.body)('[data-testid="insight-count"]').text()).toContain('12 pieces of insight')
    const chosen = await outsider.get(String(offered.eq(1).attr('href')))
    expect($(chosen.body)('[data-testid="backlog"] h3').text()).toBe('What we learned about Licence to fish river 19')
    // Words that find nothing: said so, and nothing listed.
    const none = await outsider.get('/insight?thing=zebra')
    expect($(none.body)('[data-testid="thing-matches"]').text()).toContain('No thing tagged with insight has ‘zebra’')
    expect($(none.body)('[data-testid="backlog"]').length).toBe(0)
    // A link from a thing's page still names the thing by its id.
    const byId = await outsider.get(`/insight?product=${canal.id}`)
    expect($(byId.body)('#thing').val()).toBe('Moor on a canal')
  })

  it('holds public feedback for the thing’s people to publish or reject', async () => {
    const heldId = await ctx.app.services.insight.addFromPublic(product.id, {
      text: 'I could not find where to renew.',
      itemId: item.id,
    })
    const spamId = await ctx.app.services.insight.addFromPublic(product.id, { text: 'Buy cheap boats' })
    // Not shown to anyone else, nor in the backlog or under the problem.
    expect((await outsider.get(`/insight/${heldId}`)).statusCode).toBe(403)
    expect($((await outsider.get('/insight/moderation')).body)('[data-testid="nothing-held"]').length).toBe(1)
    expect(whatWeKnow((await owner.get(itemPath())).body)).not.toContain('I could not find where to renew.')

    const queue = await owner.get('/insight/moderation')
    expect($(queue.body)('[data-testid="held"] .govuk-inset-text').text()).toContain('I could not find where to renew.')
    const approve = `/insight/${heldId}/approve`
    const fields = formFields(queue.body, approve)
    expect((await outsider.post(approve, fields)).statusCode).toBe(403)
    expect((await owner.post(approve, fields)).statusCode).toBe(303)
    expect(whatWeKnow((await owner.get(itemPath())).body)).toContain('I could not find where to renew.')
    expect((await outsider.get('/insight?origin=public')).body).toContain('I could not find where to renew.')

    const reject = `/insight/${spamId}/reject`
    const confirm = await owner.get(reject)
    expect(confirm.statusCode).toBe(200)
    expect((await owner.post(reject, formFields(confirm.body, reject))).statusCode).toBe(303)
    expect((await owner.get(`/insight/${spamId}`)).statusCode).toBe(404)
  })

  it('adds an idea from insight and links more insight to it', async () => {
    const insightId = idFrom((await addInsight(researcher, { title: 'Owners want a reminder' })).headers.location)
    const form = await researcher.get(`/insight/ideas/new?insight=${insightId}`)
    const bad = await researcher.post('/insight/ideas/new', {
      ...formFields(form.body, '/insight/ideas/new'),
      title: '',
      description: '',
    })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Enter the idea in a few words')
    expect(errorSummary(bad.body)).toContain('Describe the idea')
    const saved = await researcher.post('/insight/ideas/new', {
      ...formFields(form.body, '/insight/ideas/new'),
      title: 'Send a reminder a month before',
      description: 'By email or letter',
    })
    expect(saved.statusCode).toBe(303)
    const ideaPath = String(saved.headers.location)
    const idea = await researcher.get(`${ideaPath}?find=hard+to+read`)
    expect($(idea.body)('[data-testid="idea-insight"]').text()).toContain('Owners want a reminder')
    const link = `${ideaPath}/links`
    const fields = formFields(idea.body, link)
    expect((await researcher.post(link, fields)).statusCode).toBe(303)
    const linked = await outsider.get(ideaPath)
    expect($(linked.body)('[data-testid="idea-insight"] a').length).toBe(2)
    expect((await outsider.post(link, fields)).statusCode).toBe(403)
    expect((await outsider.get('/insight/ideas')).body).toContain('Send a reminder a month before')
    // Anyone signed in may add ideas, including people outside the profession.
    expect((await outsider.get('/insight/ideas/new')).statusCode).toBe(200)
    expect((await admin.get('/insight/ideas/new')).statusCode).toBe(200)
  })
})
