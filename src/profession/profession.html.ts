// The two long tables of the capability view (the heatmap's rows and the overdue check-ins),
// written as HTML here rather than in Nunjucks: 50 rows of 10 cells cost the template engine
// about a millisecond and a half of CPU a page, and string building a tenth of that, and
// rendering is most of what a page costs. Every value is escaped here, so the template outputs
// the result as it is; profession.html.test.ts holds it to that.
import { formatDate } from '../platform/dates.ts'
import { escapeHtml } from '../platform/html.ts'
import type { HeatmapRow, Marker, OverdueView } from './profession.service.ts'

/** Colour is an extra signal only: each marker's words are always in the cell. */
export const MARKER_TAG: Record<Marker, string> = {
  below: 'govuk-tag--orange',
  meets: 'govuk-tag--green',
  above: 'govuk-tag--purple',
  none: 'govuk-tag--grey',
  'not-expected': 'govuk-tag--grey',
}

const personLink = (id: string, name: string) =>
  `<a class="govuk-link" href="/people/${encodeURIComponent(id)}/pathway">${escapeHtml(name)}</a>`

/** The heatmap's body rows: a person (with their role) then a cell per skill. */
export function heatmapRowsHtml(rows: readonly HeatmapRow[]): string {
  let html = ''
  for (const row of rows) {
    html += `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${personLink(row.id, row.name)}<br><span class="govuk-!-font-size-16 govuk-!-font-weight-regular">${escapeHtml(row.roleName)}</span></th>`
    for (const c of row.cells) {
      const level = c.level ? `${escapeHtml(c.levelName)} ` : ''
      html += `<td class="govuk-table__cell app-heatmap__cell--${c.marker}">${level}<strong class="govuk-tag ${MARKER_TAG[c.marker]}">${escapeHtml(c.markerText)}</strong></td>`
    }
    html += '</tr>\n'
  }
  return html
}

/** The overdue check-ins' body rows: person, role, last agreed check-in, line manager. */
export function overdueRowsHtml(rows: readonly OverdueView[]): string {
  let html = ''
  for (const o of rows) {
    const last = o.lastAgreedAt ? formatDate(o.lastAgreedAt) : 'Never'
    html += `<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${personLink(o.id, o.name)}</th><td class="govuk-table__cell">${escapeHtml(o.roleName)}</td><td class="govuk-table__cell">${escapeHtml(last)}</td><td class="govuk-table__cell">${escapeHtml(o.lineManagerName ?? 'None')}</td></tr>\n`
  }
  return html
}
