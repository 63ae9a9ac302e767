// Objectives through their pages: every problem at once with what was typed kept, a thing's
// objective with a key result that moves as a measurement arrives (and shows on the cached
// strategy page), an area's objective it supports in the quarter's tree, who may set them, a
// stale change answered with 409, and removing an objective its children outlive.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type Agent, type TestContext } from '../../test/build-test-app.ts'
import { addThing, errorSummary, productWorld, type Named } from '../../test/products.ts'
import { SYSTEM_ACTOR } from '../platform/auth/roles.ts'
import type { Metric } from '../products/metrics/metrics.types.ts'

describe('objective pages', () => {
  let ctx: TestContext
  let owner: Named
  let lead: Named
  let other: Named
  let admin: Agent
  let thingId: string
  let metric: Metric
  let itemId: string
  let quarter: string
  let thingObjective: string
  let areaObjective: string

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    admin = world.admin
    owner = await world.member('Olu Owner', { businessArea: 'Licensing', group: 'Renewals' })
    lead = await world.member('Lena Lead', { careerRole: 'lead-product-manager', businessArea: 'Licensing' })
    other = await world.member('Otto Other', { businessArea: 'Grants', group: '' })
    const added = await addThing(owner, {
      name: 'Renew a fishing licence',
      purpose: 'Lets anglers renew',
      area: 'Licensing',
      group: 'Renewals',
    })
    thingId = added.id
    const { products, metrics, roadmap, objectives } = ctx.app.services
    const product = await products.get(thingId)
    metric = await metrics.create(SYSTEM_ACTOR, product, {
      name: 'Completion rate',
      definition: 'Renewals finished over renewals started',
      unit: '%',
      direction: 'higher',
      baseline: 60,
      target: 80,
      targetDate: null,
    })
    itemId = (
      await roadmap.add(SYSTEM_ACTOR, product, {
        column: 'now',
        problem: 'People give up at the payment step',
        outcome: 'More finish',
        metricId: metric.id,
      })
    ).id
    quarter = objectives.currentQuarter()
  })
  afterAll(() => ctx.close())

  it('lists every problem at once and keeps what was typed', async () => {
    const page = await owner.get(`/objectives/things/${thingId}`)
    expect(page.statusCode).toBe(200)
    const set = $(page.body)('a:contains("Set an objective for")').first().attr('href') ?? ''
    expect(set).toContain('level=thing')
    const form = await owner.get(set)
    expect(form.statusCode).toBe(200)
    const bad = await owner.post(set, { ...formFields(form.body, set), title: '', description: 'Fewer calls' })
    expect(bad.statusCode).toBe(400)
    expect(errorSummary(bad.body)).toContain('Enter the objective')
    expect(errorSummary(bad.body)).toContain('Choose at least one metric as a key result')
    expect($(bad.body)('#description').text()).toBe('Fewer calls')
    expect($(bad.body)('title').text()).toMatch(/^Error: /)
    const foreign = await owner.post(set, {
      ...formFields(form.body, set),
      title: 'More renew online',
      metricIds: '00000000-0000-4000-8000-000000000000',
    })
    expect(errorSummary(foreign.body)).toContain('Choose metrics from the list')
  })

  it('refuses people who may not set the thing’s objectives, and lets everyone read them', async () => {
    const set = `/objectives/new?quarter=${quarter}&level=thing&thing=${thingId}`
    expect((await other.get(set)).statusCode).toBe(403)
    expect((await other.post(set, { title: 'x' })).statusCode).toBe(403)
    expect((await other.get(`/objectives/things/${thingId}`)).statusCode).toBe(200)
    expect($((await other.get(`/objectives/things/${thingId}`)).body)('a:contains("Set an objective")')).toHaveLength(0)
    const area = `/objectives/new?quarter=${quarter}&level=area&area=Licensing`
    expect((await owner.get(area)).statusCode).toBe(403)
    expect((await lead.get(area)).statusCode).toBe(200)
  })

  it('sets a thing’s objective whose key result moves as a measurement arrives', async () => {
    const strategyBefore = await other.get(`/products/${thingId}`)
    expect($(strategyBefore.body)('[data-testid="part-objectives"]').text()).toContain('Nothing here yet')
    const set = `/objectives/new?quarter=${quarter}&level=thing&thing=${thingId}`
    const form = await owner.get(set)
    const saved = await owner.post(set, {
      ...formFields(form.body, set),
      title: 'More people renew online',
      description: 'Anglers renew without calling us',
      metricIds: metric.id,
      itemIds: itemId,
    })
    expect(saved.statusCode).toBe(303)
    thingObjective = String(saved.headers.location)
    let page = $((await other.get(thingObjective)).body)
    expect(page('h1').text()).toBe('More people renew online')
    expect(page('[data-testid="key-results"]').text()).toContain('Raise Completion rate from 60% to 80%')
    expect(page('[data-testid="key-results"]').text()).toContain('Not measured yet')
    expect(page('[data-testid="items"]').text()).toContain('People give up at the payment step')
    expect(page('a:contains("Change the objective")')).toHaveLength(0)

    const { products, metrics } = ctx.app.services
    await metrics.addMeasurements(SYSTEM_ACTOR, await products.get(thingId), metric, [
      { measuredOn: '2026-11-02', value: 70, note: '' },
    ])
    page = $((await other.get(thingObjective)).body)
    expect(page('[data-testid="objective-progress"]').text()).toContain('50%')
    expect(page('[data-testid="key-results"]').text()).toContain('70% on 2 November 2026')
    // Five columns are wider than a phone: the table scrolls within its own region, not the page.
    expect(page('.app-table-scroll[role="region"][tabindex="0"] [data-testid="key-results"]')).toHaveLength(1)

    const strategy = $((await other.get(`/products/${thingId}`)).body)
    expect(strategy('[data-testid="part-objectives"]').text()).toContain('More people renew online: 50% of the way')
  })

  it('shows a quarter’s objectives as a tree, the thing’s under the area’s it supports', async () => {
    const set = `/objectives/new?quarter=${quarter}&level=area&area=Licensing`
    const form = await lead.get(set)
    const saved = await lead.post(set, {
      ...formFields(form.body, set),
      title: 'Licences are quick to get',
      metricIds: metric.id,
    })
    expect(saved.statusCode).toBe(303)
    areaObjective = String(saved.headers.location)
    // The thing's objective supports a group objective one level up, and there is none: so it can't pick the area's.
    const edit = `${thingObjective}/edit`
    const editForm = await owner.get(edit)
    expect($(editForm.body)('input[name="parentId"]')).toHaveLength(0)
    expect(editForm.body).toContain('has no objectives for this quarter yet')
  })

  it('links an objective to the one it supports and shows each level’s progress', async () => {
    // A group objective under the area's, then the thing's objective under the group's.
    const set = `/objectives/new?quarter=${quarter}&level=group&area=Licensing&group=Renewals`
    const form = await lead.get(set)
    const areaId = areaObjective.split('/').pop() ?? ''
    const saved = await lead.post(set, {
      ...formFields(form.body, set),
      title: 'Renewing takes minutes',
      parentId: areaId,
      metricIds: metric.id,
    })
    expect(saved.statusCode).toBe(303)
    const groupId = String(saved.headers.location).split('/').pop() ?? ''
    const edit = `${thingObjective}/edit`
    const fields = formFields((await owner.get(edit)).body, edit)
    expect(fields.title).toBe('More people renew online')
    const linked = await owner.post(edit, { ...fields, parentId: groupId })
    expect(linked.statusCode).toBe(303)

    const tree = $((await other.get(`/objectives?quarter=${quarter}`)).body)
    const top = tree('[data-testid="objective-tree-0"] > li')
    expect(top).toHaveLength(1)
    expect(top.find('[data-testid="objective-tree-1"]').text()).toContain('Renewing takes minutes')
    expect(top.find('[data-testid="objective-tree-2"]').text()).toContain('More people renew online')
    const levels = tree('[data-testid="levels"] tbody tr')
      .toArray()
      .map(r => tree(r).text().replace(/\s+/g, ' ').trim())
    expect(levels).toEqual([
      expect.stringContaining('Organisation No objectives'),
      expect.stringContaining('Area 1 objective 50%'),
      expect.stringContaining('Group 1 objective 50%'),
      expect.stringContaining('Thing 1 objective 50%'),
    ])
    const history = $((await other.get(thingObjective)).body)('[data-testid="objective-history"]').text()
    expect(history).toContain('Changed the objective it supports')
  })

  it('answers a stale change with 409, keeping what was typed beside the latest', async () => {
    const edit = `${thingObjective}/edit`
    const first = formFields((await owner.get(edit)).body, edit)
    const second = formFields((await lead.get(edit)).body, edit)
    expect((await lead.post(edit, { ...second, title: 'Most people renew online' })).statusCode).toBe(303)
    const stale = await owner.post(edit, { ...first, title: 'Everyone renews online' })
    expect(stale.statusCode).toBe(409)
    const page = $(stale.body)
    expect(page('#title').val()).toBe('Everyone renews online')
    expect(page('[data-testid="conflict"]').text()).toContain('Most people renew online')
  })

  it('removes an objective; those that supported it stay, supporting none', async () => {
    const groupPage = $((await other.get(thingObjective)).body)
    const groupHref = groupPage('[data-testid="objective-facts"] a[href^="/objectives/"]').last().attr('href') ?? ''
    expect((await owner.get(`${groupHref}/delete`)).statusCode).toBe(403)
    expect((await owner.post(`${groupHref}/delete`, { _csrf: await owner.token() })).statusCode).toBe(403)
    const confirm = await lead.get(`${groupHref}/delete`)
    expect(confirm.body).toContain('1 objective supports it')
    const removed = await lead.post(`${groupHref}/delete`, formFields(confirm.body, `${groupHref}/delete`))
    expect(removed.statusCode).toBe(303)
    expect((await other.get(groupHref)).statusCode).toBe(404)
    const page = $((await other.get(thingObjective)).body)
    expect(page('[data-testid="objective-facts"]').text()).toContain('None')
    expect(page('[data-testid="objective-history"]').text()).toContain('No longer supports an objective')
  })

  it('names the field the way its label does when why it matters is too long', async () => {
    const set = `/objectives/new?quarter=${quarter}&level=thing&thing=${thingId}`
    const form = await owner.get(set)
    const bad = await owner.post(set, { ...formFields(form.body, set), title: 'Quick', description: 'x'.repeat(2001) })
    expect(bad.statusCode).toBe(400)
    expect($(bad.body)('label[for="description"]').text()).toContain('Why it matters')
    expect(errorSummary(bad.body)).toContain('Why it matters must be 2,000 characters or fewer')
  })

  it('lists no more than 40 metrics or roadmap items for a big area, and finds the others by name', async () => {
    const { products, metrics, roadmap } = ctx.app.services
    const big = await addThing(lead, {
      name: 'Catch more fish',
      purpose: 'Anglers catch',
      area: 'Licensing',
      group: '',
    })
    const product = await products.get(big.id)
    for (let n = 1; n <= 41; n++) {
      await metrics.create(SYSTEM_ACTOR, product, {
        name: `Bites a day ${n}`,
        definition: 'Bites counted at the lake',
        unit: '',
        direction: 'higher',
        baseline: 1,
        target: 5,
        targetDate: null,
      })
      await roadmap.add(SYSTEM_ACTOR, product, {
        column: 'next',
        problem: `Anglers miss bite number ${n}`,
        outcome: 'More bites',
        metricId: null,
      })
    }
    const set = `/objectives/new?quarter=${quarter}&level=area&area=Licensing`
    const form = await lead.get(set)
    expect(form.statusCode).toBe(200)
    let page = $(form.body)
    // Nothing is listed until a search asks for it: 42 metrics and 42 items are too many to read.
    expect(page('input[name="metricIds"]')).toHaveLength(0)
    expect(page('input[name="itemIds"]')).toHaveLength(0)
    expect(page('[data-testid="metrics-note"]').text()).toContain('There are 42 metrics to choose from')
    expect(page('label[for="find"]').text()).toContain('Find metrics and roadmap items')

    const fields = formFields(form.body, set)
    const found = await lead.post(set, {
      ...fields,
      title: 'Anglers catch more',
      action: 'find',
      find: 'bites a day 7',
    })
    expect(found.statusCode).toBe(200)
    page = $(found.body)
    expect(page('#title').val()).toBe('Anglers catch more')
    expect(page('.govuk-error-summary')).toHaveLength(0)
    const listed = page('input[name="metricIds"]')
    expect(listed).toHaveLength(1)
    const chosen = String(listed.attr('value'))
    expect(page('input[name="itemIds"]')).toHaveLength(0)

    // A second search keeps the metric already chosen, and caps what it lists at 40.
    const again = await lead.post(set, {
      ...fields,
      title: 'Anglers catch more',
      metricIds: chosen,
      action: 'find',
      find: 'catch more fish',
    })
    page = $(again.body)
    expect(page('input[name="metricIds"]')).toHaveLength(41)
    expect(page(`input[name="metricIds"][value="${chosen}"]`).attr('checked')).toBeDefined()
    expect(page('input[name="itemIds"]')).toHaveLength(40)
    expect(page('#itemIds-hint, .govuk-hint').text()).toContain('here are the first 40')

    const saved = await lead.post(set, { ...fields, title: 'Anglers catch more', metricIds: chosen, find: 'catch' })
    expect(saved.statusCode).toBe(303)
    const objective = $((await other.get(String(saved.headers.location))).body)
    expect(objective('[data-testid="key-results"]').text()).toContain('Bites a day 7')
  })

  it('names every field the other person saved when a change comes too late, key results included', async () => {
    const edit = `${thingObjective}/edit`
    const first = formFields((await owner.get(edit)).body, edit)
    const second = formFields((await lead.get(edit)).body, edit)
    const theirs = await lead.post(edit, { ...second, description: 'Fewer calls to the office', itemIds: [] })
    expect(theirs.statusCode).toBe(303)
    const stale = await owner.post(edit, { ...first, title: 'Everyone renews online' })
    expect(stale.statusCode).toBe(409)
    const conflict = $(stale.body)('[data-testid="conflict"] .govuk-summary-list__row')
      .toArray()
      .map(r => $(stale.body)(r).text().replace(/\s+/g, ' ').trim())
    expect(conflict).toEqual([
      expect.stringMatching(/^Their objective /),
      'Why it matters Fewer calls to the office',
      expect.stringMatching(/^Supports /),
      'Key results Completion rate',
      'Roadmap items None',
    ])
  })

  it('keeps the quarter page within a narrow screen, in plain words', async () => {
    const page = $((await other.get(`/objectives?quarter=${quarter}`)).body)
    expect(page('.app-table-scroll[role="region"][tabindex="0"] [data-testid="levels"]')).toHaveLength(1)
    expect(page('main').text()).not.toMatch(/\w'\w/)
    const choose = $((await other.get(`/objectives/new?quarter=${quarter}`)).body)
    expect(choose('h1').text()).toBe('Who is the objective for?')
    // Each choice names its level once: an area says it is an area, the organisation nothing more.
    const admins = $((await admin.get(`/objectives/new?quarter=${quarter}`)).body)
    const choices = admins('[data-testid="scope-choices"] li')
      .map((_, li) => admins(li).text().replace(/\s+/g, ' ').trim())
      .get()
    expect(choices).toContain('The organisation')
    expect(choices).toContain('Licensing (area)')
  })
})
