import { describe, expect, it } from 'vitest'
import type { Product } from './products.types.ts'
import { catalogueView, moveItems, productFormView, productValues } from './products.views.ts'

const product = (over: Partial<Product> = {}): Product => ({
  id: 'p1',
  kind: 'service',
  name: 'Apply for a fishing licence',
  purpose: 'Anglers get a licence',
  ownerId: 'u1',
  ownerName: 'Olu Owner',
  team: 'Rod',
  group: 'Outdoors',
  area: 'Licensing',
  parentId: null,
  parentName: null,
  phase: 'beta',
  stage: 'growth',
  example: false,
  scope: 'thing',
  createdAt: '2026-11-01T10:00:00.000Z',
  createdByName: 'Ada',
  updatedAt: '2026-11-01T10:00:00.000Z',
  version: 3,
  ...over,
})

describe('catalogueView', () => {
  it('keeps the filters in every page link and marks what was chosen', () => {
    const view = catalogueView(
      { items: [product()], total: 120, page: 2, pages: 3 },
      { q: 'fish', kind: 'service', area: 'Licensing' },
      { areas: ['Grants', 'Licensing'], groups: [], owners: [{ id: 'u1', name: 'Olu Owner' }] },
    )
    expect(view.filtered).toBe(true)
    expect(view.pagination?.previous?.href).toBe('/products?q=fish&kind=service&area=Licensing')
    expect(view.pagination?.next?.href).toBe('/products?q=fish&kind=service&area=Licensing&page=3')
    expect(view.kindItems.find(i => i.selected)?.value).toBe('service')
    expect(view.areaItems.find(i => i.selected)?.value).toBe('Licensing')
    expect(view.rows[0]).toMatchObject({ href: '/products/p1', kind: 'Service', phase: 'Beta', stage: 'Growth' })
  })
})

describe('productFormView', () => {
  it('offers services for a feature (never itself) and checks what it uses', () => {
    const values = {
      ...productValues(product(), [{ id: 'd1', kind: 'data', name: 'Record', phase: 'live' }]),
      id: 'p1',
    }
    const view = productFormView('edit', values, {
      services: [
        { id: 'p1', kind: 'service', name: 'Apply for a fishing licence', phase: 'beta' },
        { id: 'p2', kind: 'service', name: 'Register a boat', phase: 'live' },
      ],
      usable: [{ id: 'd1', kind: 'data', name: 'Record', phase: 'live' }],
      owners: [{ id: 'u1', name: 'Olu Owner' }],
      areas: [],
      groups: [],
    })
    expect(view.parentItems.map(i => i.value)).toEqual(['', 'p2'])
    expect(view.useItems).toEqual([{ value: 'd1', text: 'Record (data)', checked: true }])
    expect(view.ownerItems.find(i => 'selected' in i && i.selected)?.value).toBe('u1')
    expect(view.kindItems.find(i => i.checked)?.value).toBe('service')
  })
})

describe('moveItems', () => {
  it('names each move and keeps its reason', () => {
    const items = moveItems([
      {
        id: 'm2',
        productId: 'p1',
        axis: 'phase',
        from: 'alpha',
        to: 'beta',
        movedOn: '2026-10-01',
        reason: 'Passed',
        recordedAt: '',
        recordedByName: 'Ada',
      },
      {
        id: 'm1',
        productId: 'p1',
        axis: 'stage',
        from: null,
        to: 'introduction',
        movedOn: '2026-09-01',
        reason: 'Added',
        recordedAt: '',
        recordedByName: 'Ada',
      },
    ])
    expect(items.map(i => i.title)).toEqual(['Phase: Alpha to Beta', 'Stage: started in Introduction'])
    expect(items[0]).toMatchObject({ text: 'Passed', dateText: '1 October 2026', byline: 'Recorded by Ada' })
  })
})
