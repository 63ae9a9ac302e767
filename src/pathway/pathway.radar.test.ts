// The radar chart: well-formed SVG that names itself, points at the radius of their level, a
// legend in words, and sensible output for any number of skills and for missing levels.
import * as cheerio from 'cheerio'
import { describe, expect, it } from 'vitest'
import type { Level } from '../framework/framework.bundled.ts'
import {
  RADAR_CENTRE,
  RADAR_RADIUS,
  SERIES_STYLES,
  describe as describeChart,
  levelValue,
  pointFor,
  radarSvg,
  wrap,
  type RadarInput,
} from './pathway.radar.ts'

/**
 * A strict check that text is well-formed XML: every tag closed in order, attributes quoted and
 * not repeated, no stray '<' or '&'. Enough for what the chart produces.
 */
function wellFormed(xml: string): void {
  const stack: string[] = []
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy
  let index = 0
  while (index < xml.length) {
    token.lastIndex = index
    const m = token.exec(xml)
    if (!m) throw new Error(`Not well-formed at ${index}: ${xml.slice(index, index + 40)}`)
    const [whole, closing, name, attrs, selfClosing, text] = m
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|#\d+);)/.test(text)) throw new Error(`Bare & in text: ${text}`)
    } else if (name) {
      const attrNames = [...(attrs ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)].map(a => {
        if (/&(?!(amp|lt|gt|quot|#\d+);)/.test(a[2] ?? '')) throw new Error(`Bare & in attribute ${a[1]}`)
        return a[1]
      })
      if (new Set(attrNames).size !== attrNames.length) throw new Error(`Repeated attribute on <${name}>`)
      if (closing) {
        const open = stack.pop()
        if (open !== name) throw new Error(`</${name}> closes <${open}>`)
      } else if (!selfClosing) {
        stack.push(name)
      }
    }
    index += whole.length
  }
  if (stack.length) throw new Error(`Unclosed: ${stack.join(', ')}`)
}

const LEVEL_SEQUENCE: Level[] = ['awareness', 'working', 'practitioner', 'expert']

function input(count: number, overrides: Partial<RadarInput> = {}): RadarInput {
  const axes = Array.from({ length: count }, (_, i) => `Skill number ${i + 1}`)
  return {
    id: 'chart',
    title: 'Your levels against product manager',
    axes,
    series: [
      { key: 'self', label: 'Self-assessed', levels: axes.map((_, i) => LEVEL_SEQUENCE[i % 4] ?? null) },
      { key: 'agreed', label: 'Agreed', levels: axes.map(() => 'working' as const) },
      { key: 'expected', label: 'Expected for product manager', levels: axes.map(() => 'practitioner' as const) },
    ],
    ...overrides,
  }
}

const distance = (x: number, y: number) => Math.hypot(x - RADAR_CENTRE.x, y - RADAR_CENTRE.y)

describe('radar chart', () => {
  it('is well-formed SVG that names itself for assistive technology', () => {
    const svg = radarSvg(input(9))
    wellFormed(svg)
    const $ = cheerio.load(svg, { xml: true })
    const root = $('svg')
    expect(root.attr('xmlns')).toBe('http://www.w3.org/2000/svg')
    expect(root.attr('role')).toBe('img')
    expect(root.attr('aria-labelledby')).toBe('chart-title chart-desc')
    expect($('title#chart-title').text()).toBe('Your levels against product manager')
    const desc = $('desc#chart-desc').text()
    expect(desc).toContain('Radar chart of 9 skills')
    expect(desc).toContain(
      'Skill number 1 – Self-assessed: Awareness; Agreed: Working; Expected for product manager: Practitioner.',
    )
    expect(desc).toContain('The table after the chart gives the same levels.')
  })

  it('puts each marker at the radius of its level, a quarter of the chart per level', () => {
    const svg = radarSvg(input(8))
    const $ = cheerio.load(svg, { xml: true })
    const circles = $('[data-series="self"] circle')
    expect(circles.length).toBe(8)
    circles.each((_, el) => {
      const node = $(el)
      const level = Number(node.attr('data-level'))
      const r = distance(Number(node.attr('cx')), Number(node.attr('cy')))
      expect(r).toBeCloseTo((RADAR_RADIUS * level) / 4, 1)
    })
    // The first axis points straight up: a practitioner marker there sits three quarters up.
    const first = pointFor(0, 8, 3)
    expect(first).toEqual({ x: RADAR_CENTRE.x, y: RADAR_CENTRE.y - (RADAR_RADIUS * 3) / 4 })
    // The third of eight axes points right.
    const third = pointFor(2, 8, 4)
    expect(third.x).toBeCloseTo(RADAR_CENTRE.x + RADAR_RADIUS, 5)
    expect(third.y).toBeCloseTo(RADAR_CENTRE.y, 5)
  })

  it('tells the series apart by line, marker and colour, with a legend in words', () => {
    const $ = cheerio.load(radarSvg(input(5)), { xml: true })
    expect($('[data-series="self"] path').attr('stroke-dasharray')).toBeUndefined()
    expect($('[data-series="agreed"] path').attr('stroke-dasharray')).toBe(SERIES_STYLES.agreed.dash)
    expect($('[data-series="expected"] path').attr('stroke-dasharray')).toBe(SERIES_STYLES.expected.dash)
    expect($('[data-series="self"] circle').length).toBe(5)
    expect($('[data-series="agreed"] rect').length).toBe(5)
    expect($('[data-series="expected"] polygon').length).toBe(5)
    const colours = new Set(Object.values(SERIES_STYLES).map(s => s.colour))
    expect(colours.size).toBe(3)
    const legend = $('[data-legend]')
      .map((_, el) => $(el).text())
      .get()
    expect(legend).toEqual(['Self-assessed', 'Agreed', 'Expected for product manager'])
    expect($('[data-legend="agreed"] rect').length).toBe(1)
    expect($('[data-legend="expected"] line').attr('stroke-dasharray')).toBe(SERIES_STYLES.expected.dash)
  })

  it.each([1, 2, 3, 7, 15])('draws %i skills', count => {
    const svg = radarSvg(input(count))
    wellFormed(svg)
    const $ = cheerio.load(svg, { xml: true })
    expect($('svg').attr('data-axes')).toBe(String(count))
    expect($('[data-axis]').filter('text').length).toBe(count)
    expect($('[data-series="agreed"] rect').length).toBe(count)
    // Grid rings: polygons from three skills, circles below that.
    if (count >= 3) expect($('.app-radar__grid polygon').length).toBe(4)
    else expect($('.app-radar__grid circle').length).toBe(4)
    // Each series' line closes only when it makes a shape.
    const path = $('[data-series="agreed"] path').attr('d') ?? ''
    if (count === 1) expect($('[data-series="agreed"] path').length).toBe(0)
    else expect(path.endsWith('Z')).toBe(count >= 3)
  })

  it('leaves out markers for missing levels and says when a series has none', () => {
    const axes = ['One', 'Two', 'Three', 'Four']
    const svg = radarSvg({
      id: 'gaps',
      title: 'Levels',
      axes,
      series: [
        { key: 'self', label: 'Self-assessed', levels: ['working', null, 'expert', null] },
        { key: 'agreed', label: 'Agreed', levels: [null, null, null, null] },
        { key: 'expected', label: 'Expected', levels: ['working', 'working'] },
      ],
    })
    wellFormed(svg)
    const $ = cheerio.load(svg, { xml: true })
    expect($('[data-series="self"] circle').length).toBe(2)
    // The line goes through the centre where there is no level.
    expect($('[data-series="self"] path').attr('d')).toContain(`L${RADAR_CENTRE.x} ${RADAR_CENTRE.y}`)
    expect($('[data-series="agreed"]').length).toBe(0)
    expect($('[data-legend="agreed"]').text()).toBe('Agreed (none yet)')
    // A series shorter than the axes counts the rest as missing.
    expect($('[data-series="expected"] polygon').length).toBe(2)
    expect($('desc').text()).toContain('Two – Self-assessed: None; Agreed: None; Expected: Working.')
    expect($('desc').text()).toContain('Four – Self-assessed: None; Agreed: None; Expected: None.')
  })

  it('draws an empty chart when there are no skills', () => {
    const svg = radarSvg(input(0))
    wellFormed(svg)
    expect(cheerio.load(svg, { xml: true })('desc').text()).toBe('There are no skills to show.')
  })

  it('escapes every piece of text', () => {
    const svg = radarSvg({
      id: 'x"><script>',
      title: 'Levels & <things>',
      axes: ['<script>alert(1)</script>', 'Tom & "Jerry"'],
      series: [{ key: 'self', label: "Ann's <b>levels</b>", levels: ['working', 'expert'] }],
    })
    wellFormed(svg)
    expect(svg).not.toContain('<script>')
    expect(svg).not.toContain('<b>')
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(svg).toContain('Tom &amp; &quot;Jerry&quot;')
    expect(svg).toContain('Levels &amp; &lt;things&gt;')
    expect(svg).toContain('Ann&#39;s &lt;b&gt;levels&lt;/b&gt;')
  })

  it('wraps long skill names into at most three lines', () => {
    expect(wrap('Stakeholder relationship management')).toEqual(['Stakeholder', 'relationship', 'management'])
    expect(wrap('Agile and Lean practices')).toEqual(['Agile and Lean', 'practices'])
    expect(wrap('one two three four five six seven eight nine ten eleven twelve', 10)).toEqual([
      'one two',
      'three four',
      'five six…',
    ])
    const $ = cheerio.load(radarSvg(input(3, { axes: ['Stakeholder relationship management', 'B', 'C'] })), {
      xml: true,
    })
    expect($('[data-axis="0"] tspan').length).toBe(3)
  })

  it('scores levels 1 to 4 and nothing as 0', () => {
    expect(LEVEL_SEQUENCE.map(levelValue)).toEqual([1, 2, 3, 4])
    expect(levelValue(null)).toBe(0)
    expect(describeChart(input(1))).toContain('Radar chart of 1 skill,')
  })
})
