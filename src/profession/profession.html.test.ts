import * as cheerio from 'cheerio'
import { describe, expect, it } from 'vitest'
import { heatmapRowsHtml, overdueRowsHtml } from './profession.html.ts'
import type { HeatmapRow } from './profession.service.ts'

const HOSTILE = `<img src=x onerror="alert('x')">&`

describe('the capability view tables', () => {
  it('writes a heatmap row with the level and marker in words, the colour as a class, and names escaped', () => {
    const row: HeatmapRow = {
      id: 'a1b2',
      name: HOSTILE,
      roleName: 'Product manager',
      cells: [
        {
          skill: 'agile',
          level: 'working',
          levelName: 'Working',
          expectedName: 'Practitioner',
          marker: 'below',
          markerText: 'Below',
        },
        {
          skill: 'strategy',
          level: null,
          levelName: '',
          expectedName: 'Working',
          marker: 'none',
          markerText: 'No assessment',
        },
      ],
    }
    const html = heatmapRowsHtml([row])
    expect(html).not.toContain('<img')
    const $ = cheerio.load(`<table><tbody>${html}</tbody></table>`)
    expect($('th a').text()).toBe(HOSTILE)
    expect($('th a').attr('href')).toBe('/people/a1b2/pathway')
    expect(
      $('td')
        .map((_, td) => $(td).text())
        .get(),
    ).toEqual(['Working Below', 'No assessment'])
    expect($('td').first().attr('class')).toBe('govuk-table__cell app-heatmap__cell--below')
    expect($('td .govuk-tag--orange').text()).toBe('Below')
    expect($('td .govuk-tag--grey').text()).toBe('No assessment')
  })

  it('writes overdue rows with the date in words, or Never, and no line manager as None', () => {
    const html = overdueRowsHtml([
      { id: 'p1', name: HOSTILE, roleName: 'Associate product manager', lineManagerName: null, lastAgreedAt: null },
      {
        id: 'p2',
        name: 'Ali',
        roleName: 'Product manager',
        lineManagerName: '<b>Mo</b>',
        lastAgreedAt: '2026-03-01T09:00:00.000Z',
      },
    ])
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>')
    const $ = cheerio.load(`<table><tbody>${html}</tbody></table>`)
    const rows = $('tr')
      .map((_, tr) => [
        $(tr)
          .find('th, td')
          .map((_, c) => $(c).text())
          .get(),
      ])
      .get()
    expect(rows).toEqual([
      [HOSTILE, 'Associate product manager', 'Never', 'None'],
      ['Ali', 'Product manager', '1 March 2026', '<b>Mo</b>'],
    ])
  })
})
