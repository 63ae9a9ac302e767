import { describe, expect, it } from 'vitest'
import { capabilityPagination, filterQuery } from './profession.views.ts'

const filters = { role: 'product-manager', area: 'Digital', group: null }

describe('profession presenters', () => {
  it('keeps the filters in force, and a page number after the first', () => {
    expect(filterQuery(filters)).toBe('role=product-manager&area=Digital')
    expect(filterQuery(filters, 1)).toBe('role=product-manager&area=Digital')
    expect(filterQuery({ role: null, area: null, group: 'Web' }, 3)).toBe('group=Web&page=3')
  })

  it('links to the pages of people at the heatmap, keeping the filters', () => {
    const heatmap = { rows: [], page: 1, pages: 8, from: 1, to: 50 }
    const p = capabilityPagination({ filters, heatmap })
    expect(p?.landmarkLabel).toBe('Pages of people')
    expect(p?.next?.href).toBe('/profession/capability?role=product-manager&area=Digital&page=2#people')
    expect(p?.items.map(i => i.number ?? '…')).toEqual([1, 2, 3, '…', 8])
    expect(p?.items[0]?.href).toBe('/profession/capability?role=product-manager&area=Digital#people')
    expect(capabilityPagination({ filters, heatmap: { ...heatmap, pages: 1 } })).toBeNull()
  })
})
