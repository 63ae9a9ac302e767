// The profession pages' presenters: the capability view's title, its pages and its download link.
import { pagination } from '../platform/pagination.ts'
import { heatmapRowsHtml, overdueRowsHtml } from './profession.html.ts'
import type { CapabilityView } from './profession.service.ts'

/** The query string that keeps the filters in force (and a page number, when given). */
export function filterQuery(filters: CapabilityView['filters'], page?: number): string {
  const params = new URLSearchParams()
  if (filters.role) params.set('role', filters.role)
  if (filters.area) params.set('area', filters.area)
  if (filters.group) params.set('group', filters.group)
  if (page !== undefined && page > 1) params.set('page', String(page))
  return params.toString()
}

/** Links to the pages of people in the heatmap, keeping the filters, or null on one page. */
export function capabilityPagination(view: Pick<CapabilityView, 'filters' | 'heatmap'>) {
  const { page, pages } = view.heatmap
  return pagination({
    page,
    pages,
    landmarkLabel: 'Pages of people',
    href: n => {
      const query = filterQuery(view.filters, n)
      return `/profession/capability${query ? `?${query}` : ''}#people`
    },
  })
}

/** The capability view: its title says which page of people it is on. */
export function capabilityPage(view: CapabilityView) {
  const filters = filterQuery(view.filters)
  return {
    pageTitle:
      view.heatmap.pages > 1
        ? `Capability of the profession (page ${view.heatmap.page} of ${view.heatmap.pages})`
        : 'Capability of the profession',
    view,
    heatmapRowsHtml: heatmapRowsHtml(view.heatmap.rows),
    overdueRowsHtml: overdueRowsHtml(view.overdue.rows),
    pagination: capabilityPagination(view),
    csvHref: `/profession/capability.csv${filters ? `?${filters}` : ''}`,
  }
}
