import { describe, expect, it } from 'vitest'
import { renderComponent } from '../../../../test/render-component.ts'

const crumbs = (params: Record<string, unknown>) => {
  const { $ } = renderComponent('strategy-breadcrumbs', 'appStrategyBreadcrumbs', params)
  return $('.govuk-breadcrumbs__list-item')
    .map((_, li) => `${$(li).text().trim()} ${$(li).find('a').attr('href') ?? ''}`.trim())
    .get()
}

describe('app strategy breadcrumbs', () => {
  it('lead from a thing to the catalogue, then the thing, then the items given', () => {
    const product = { id: 'p1', name: 'Apply for a licence', scope: 'thing' }
    expect(crumbs({ product, items: [{ text: 'Roadmap', href: '/products/p1/roadmap' }] })).toEqual([
      'Products and services /products',
      'Apply for a licence /products/p1',
      'Roadmap /products/p1/roadmap',
    ])
  })

  it('lead from an area or the organisation to the list of those strategies', () => {
    const product = { id: 'a1', name: 'Strategy for the Tax area', scope: 'area' }
    expect(crumbs({ product })).toEqual([
      'Strategies of areas and the organisation /strategy',
      'Strategy for the Tax area /products/a1',
    ])
    expect(crumbs({ product: { ...product, scope: 'organisation' }, self: true })).toEqual([
      'Strategies of areas and the organisation /strategy',
    ])
  })
})
