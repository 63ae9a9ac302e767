// A Wardley map through its pages: drawn from the form, shown as SVG and a table, downloaded as
// Online Wardley Maps text and imported from it (every problem at once, the text kept, a conflict
// caught), on the strategy page, and only for kinds with a text format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { $, formFields, type TestContext } from '../../../../test/build-test-app.ts'
import { addThing, errorSummary, productWorld, type Named } from '../../../../test/products.ts'

describe('Wardley map pages', () => {
  let ctx: TestContext
  let owner: Named
  let other: Named
  let path: string

  beforeAll(async () => {
    const world = await productWorld()
    ctx = world.ctx
    owner = await world.member('Mia Mapper', { careerRole: 'product-manager', businessArea: 'Fisheries' })
    other = await world.member('Ned Nobody', { careerRole: 'product-manager', businessArea: 'Benefits' })
    const thing = await addThing(owner, {
      name: 'Apply for a fishing licence',
      purpose: 'Licences for anglers',
      area: 'Fisheries',
    })
    path = `${thing.path}/wardley-map`
  })
  afterAll(() => ctx.close())

  it('draws a map from the form, after adding rows for new links', async () => {
    const form = await owner.get(`${path}/edit`)
    expect(form.statusCode).toBe(200)
    const fields = formFields(form.body, `${path}/edit`)
    const typed = {
      ...fields,
      'component-0-name': 'Angler',
      'component-0-type': 'need',
      'component-0-visibility': '95',
      'component-0-evolution': '60',
      'component-1-name': 'Licence rules',
      'component-1-type': 'component',
      'component-1-visibility': '50',
      'component-1-evolution': '25',
      'component-1-moveTo': '45',
    }
    // "Add more rows" shows the names typed so far in the dependency lists.
    const more = await owner.post(`${path}/edit`, { ...typed, action: 'more' })
    expect(more.statusCode).toBe(200)
    expect(
      $(more.body)('#link-0-from option')
        .map((_, o) => $(more.body)(o).text())
        .get(),
    ).toEqual(['Choose an item', 'Angler', 'Licence rules'])
    const saved = await owner.post(`${path}/edit`, { ...typed, 'link-0-from': 'Angler', 'link-0-to': 'Licence rules' })
    expect(saved.statusCode).toBe(303)
    const page = await owner.get(path)
    const $page = $(page.body)
    expect($page('[data-testid="map-point"]').length).toBe(2)
    expect($page('svg desc').text()).toContain('2 items on the map, serving Angler, 1 is planned to move')
    expect($page('[data-testid="map-table"] tbody tr').first().text()).toContain('Licence rules')
    expect($page('[data-testid="map-table"]').text()).toContain('45 (Product)')
    // Each point carries its number in the table, shown in place of its name on a narrow screen.
    const numbered = $page('[data-testid="map-point"]')
      .map((_, g) => `${$page(g).find('.app-wardley__number').text()} ${$page(g).find('.app-wardley__label').text()}`)
      .get()
    expect(numbered).toEqual(['1 Angler', '2 Licence rules'])
    expect($page('[data-testid="map-table"] tbody th').first().text()).toContain('1. Angler')
  })

  it('shows every problem at once and keeps what was typed', async () => {
    const form = await owner.get(`${path}/edit`)
    const bad = await owner.post(`${path}/edit`, {
      ...formFields(form.body, `${path}/edit`),
      'component-1-visibility': 'high',
      'component-2-name': 'Angler',
      'component-2-visibility': '10',
      'component-2-evolution': '10',
    })
    expect(bad.statusCode).toBe(400)
    const summary = errorSummary(bad.body)
    expect(summary).toContain('The visibility of Licence rules must be a number from 0 to 100')
    expect(summary).toContain('Angler is on the map twice')
    expect($(bad.body)('#component-1-visibility').val()).toBe('high')
  })

  it('downloads the map as text and imports it back, every problem at once', async () => {
    const download = await other.get(`${path}/text`)
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-disposition']).toBe(
      'attachment; filename="apply-for-a-fishing-licence-wardley-map.txt"',
    )
    expect(download.body).toBe(
      'anchor Angler [0.95, 0.6]\ncomponent Licence rules [0.5, 0.25]\nAngler->Licence rules\nevolve Licence rules 0.45\n',
    )

    const form = await owner.get(`${path}/import`)
    expect(form.statusCode).toBe(200)
    const fields = formFields(form.body, `${path}/import`)
    const wrong = 'anchor Angler [0.95, 0.6]\ncomponent Payments\nevolve Kettle 0.5'
    const bad = await owner.post(`${path}/import`, { ...fields, text: wrong })
    expect(bad.statusCode).toBe(400)
    expect($(bad.body)('.govuk-error-summary li').length).toBe(2)
    expect(errorSummary(bad.body)).toContain('Line 2: Give Payments a place')
    expect(errorSummary(bad.body)).toContain('Line 3: There is no component called Kettle to evolve')
    expect($(bad.body)('#text').val()).toBe(wrong)

    const text = `${download.body}component Payments [0.4, 0.75] (buy)\nLicence rules->Payments\nnote Spring rules [0.3, 0.2]\n`
    const good = await owner.post(`${path}/import`, { ...fields, text })
    expect(good.statusCode).toBe(303)
    const again = await owner.get(`${path}/text`)
    expect(again.body).toBe(text)
    const history = await owner.get(`${path}/history`)
    expect($(history.body)('main').text()).toContain('Imported from Online Wardley Maps text')
  })

  it('catches an import that someone else’s save overtook, keeping the text', async () => {
    const form = await owner.get(`${path}/import`)
    const fields = formFields(form.body, `${path}/import`)
    const edit = await owner.get(`${path}/edit`)
    const changed = await owner.post(`${path}/edit`, { ...formFields(edit.body, `${path}/edit`), title: 'Licences' })
    expect(changed.statusCode).toBe(303)
    const text = 'anchor Angler [0.9, 0.6]'
    const late = await owner.post(`${path}/import`, { ...fields, text })
    expect(late.statusCode).toBe(409)
    expect($(late.body)('[data-testid="conflict"]').text()).toContain('Importing now would replace their version')
    expect($(late.body)('#text').val()).toBe(text)
  })

  it('is on the strategy page, and only kinds with a text format have these pages', async () => {
    const strategy = await owner.get(path.replace('/wardley-map', ''))
    expect($(strategy.body)('[data-testid="part-wardley-map"]').text()).toContain('User need: Angler')
    expect((await owner.get(path.replace('wardley-map', 'problem-statement/text'))).statusCode).toBe(404)
    expect((await owner.get(path.replace('wardley-map', 'problem-statement/import'))).statusCode).toBe(404)
    expect((await other.get(`${path}/import`)).statusCode).toBe(403)
  })

  it('calls it a Wardley map in sentences, with the capital of the name it comes from', async () => {
    const thing = await addThing(owner, { name: 'Report a polluted river', purpose: 'Reports', area: 'Fisheries' })
    const page = await owner.get(`${thing.path}/wardley-map`)
    expect($(page.body)('main .govuk-button').first().text().trim()).toBe('Write the Wardley map')
    const form = await owner.get(`${thing.path}/wardley-map/edit`)
    expect($(form.body)('title').text()).toMatch(/^Write the Wardley map: Report a polluted river/)
    const imports = await owner.get(`${thing.path}/wardley-map/import`)
    expect($(imports.body)('h1').text()).toBe('Import the Wardley map')
  })

  it('keeps the text’s own order when a map moved in as text is then changed with the form', async () => {
    const thing = await addThing(owner, { name: 'Book a river bailiff', purpose: 'Bookings', area: 'Fisheries' })
    const at = `${thing.path}/wardley-map`
    const text = [
      'title Bailiffs',
      'anchor Angler [0.95, 0.6]',
      '',
      'component Booking [0.7, 0.4] label [5, 5]',
      'note Only in spring [0.2, 0.2]',
      'Angler->Booking',
      'style wardley',
      '',
    ].join('\n')
    const fields = formFields((await owner.get(`${at}/import`)).body, `${at}/import`)
    expect((await owner.post(`${at}/import`, { ...fields, text })).statusCode).toBe(303)
    expect((await owner.get(`${at}/text`)).body).toBe(text)

    const edit = formFields((await owner.get(`${at}/edit`)).body, `${at}/edit`)
    const changed = await owner.post(`${at}/edit`, { ...edit, 'component-1-visibility': '65' })
    expect(changed.statusCode).toBe(303)
    expect((await owner.get(`${at}/text`)).body).toBe(text.replace('[0.7, 0.4] label', '[0.65, 0.4] label'))
  })

  it('keeps an item’s dependencies when it is renamed, also when the form comes back with errors', async () => {
    const thing = await addThing(owner, { name: 'Stock a fishery', purpose: 'Stocking', area: 'Fisheries' })
    const at = `${thing.path}/wardley-map`
    const fields = formFields((await owner.get(`${at}/import`)).body, `${at}/import`)
    const text = 'anchor Angler [0.95, 0.6]\ncomponent Fish stock [0.5, 0.3]\nAngler->Fish stock\n'
    expect((await owner.post(`${at}/import`, { ...fields, text })).statusCode).toBe(303)

    const form = formFields((await owner.get(`${at}/edit`)).body, `${at}/edit`)
    expect(form['link-0-to']).toBe('Fish stock')
    // Renamed, with a mistake elsewhere: one error, and the dependency still chosen under the new name.
    const wrong = await owner.post(`${at}/edit`, {
      ...form,
      'component-1-name': 'Stocked fish',
      'component-0-visibility': '150',
    })
    expect(wrong.statusCode).toBe(400)
    expect($(wrong.body)('.govuk-error-summary li').length).toBe(1)
    expect($(wrong.body)('#link-0-to option[selected]').text()).toBe('Stocked fish')
    // Renamed and saved: the dependency is kept.
    const saved = await owner.post(`${at}/edit`, { ...form, 'component-1-name': 'Stocked fish' })
    expect(saved.statusCode).toBe(303)
    expect((await owner.get(`${at}/text`)).body).toBe(
      'anchor Angler [0.95, 0.6]\ncomponent Stocked fish [0.5, 0.3]\nAngler->Stocked fish\n',
    )
  })
})
