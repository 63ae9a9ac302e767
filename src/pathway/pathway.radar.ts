// A radar chart of levels of mastery, drawn on the server as SVG: one axis per skill, levels 0
// (not assessed) to 4 (expert) from the centre out, and up to three series (self-assessed,
// agreed, expected). Each series differs in line style, marker shape and colour, so colour is
// never the only signal, and the chart names itself with <title> and <desc>. Pages show the
// same figures as a table beside it. Pure: text in, text out; every piece of text is escaped.
import { LEVEL_NAMES, LEVELS, type Level } from '../framework/framework.bundled.ts'
import { escapeHtml } from '../platform/html.ts'

export type SeriesKey = 'self' | 'agreed' | 'expected'

export interface RadarSeries {
  readonly key: SeriesKey
  /** As shown in the legend, e.g. "Expected for product manager". */
  readonly label: string
  /** One per axis, in axis order; null where there is no level. */
  readonly levels: readonly (Level | null)[]
}

export interface RadarInput {
  /** Unique on the page: prefixes the ids of the title and description. */
  readonly id: string
  readonly title: string
  /** Skill names, one per axis, clockwise from the top. */
  readonly axes: readonly string[]
  readonly series: readonly RadarSeries[]
}

interface SeriesStyle {
  readonly colour: string
  readonly dash: string | null
  readonly marker: 'circle' | 'square' | 'triangle'
  readonly lineName: string
}

/** Solid, dashed and dotted lines; circles, squares and triangles; and three colours besides. */
export const SERIES_STYLES: Record<SeriesKey, SeriesStyle> = {
  self: { colour: '#1d70b8', dash: null, marker: 'circle', lineName: 'solid line, circles' },
  agreed: { colour: '#00703c', dash: '9 5', marker: 'square', lineName: 'dashed line, squares' },
  expected: { colour: '#0b0c0c', dash: '2 5', marker: 'triangle', lineName: 'dotted line, triangles' },
}

export const RADAR_WIDTH = 640
export const RADAR_CENTRE = { x: 320, y: 250 } as const
/** The radius of level 4 (expert); each level is a quarter of it. */
export const RADAR_RADIUS = 160
const LABEL_GAP = 18
const LEGEND_TOP = RADAR_CENTRE.y + RADAR_RADIUS + 95
const LEGEND_ROW = 28
const MAX_AXES = 40
/** The font of the rest of the page (an SVG does not take it from the page's text styles). */
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

/** 0 for no level, 1 (awareness) to 4 (expert). */
export const levelValue = (level: Level | null | undefined): number => (level ? LEVELS.indexOf(level) + 1 : 0)

const round = (n: number): number => Math.round(n * 100) / 100

/** The angle of an axis: the first points straight up, the rest follow clockwise. */
function angle(index: number, count: number): number {
  return -Math.PI / 2 + (2 * Math.PI * index) / Math.max(1, count)
}

/** Where a value (0 to 4, or any radius fraction times 4) sits on an axis. */
export function pointFor(index: number, count: number, value: number): { x: number; y: number } {
  const r = (RADAR_RADIUS * value) / LEVELS.length
  const a = angle(index, count)
  return { x: round(RADAR_CENTRE.x + r * Math.cos(a)), y: round(RADAR_CENTRE.y + r * Math.sin(a)) }
}

/** Splits a name into lines of about `width` characters, at most three (the last is shortened). */
export function wrap(text: string, width = 16, maxLines = 3): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = `${kept[maxLines - 1] ?? ''}…`
  return kept
}

/**
 * A marker of the series' shape. Sizes differ (triangle largest, circle smallest, drawn in that
 * order) so that where two series give the same level, the one underneath still shows round it.
 */
function marker(style: SeriesStyle, x: number, y: number, extra: string): string {
  const common = `fill="${style.colour}" stroke="#ffffff" stroke-width="1"${extra}`
  switch (style.marker) {
    case 'circle':
      return `<circle cx="${x}" cy="${y}" r="4.5" ${common}/>`
    case 'square':
      return `<rect x="${round(x - 6.5)}" y="${round(y - 6.5)}" width="13" height="13" ${common}/>`
    case 'triangle':
      return `<polygon points="${round(x)},${round(y - 10)} ${round(x + 9)},${round(y + 6)} ${round(x - 9)},${round(y + 6)}" ${common}/>`
  }
}

function line(style: SeriesStyle): string {
  const dash = style.dash ? ` stroke-dasharray="${style.dash}" stroke-linecap="round"` : ''
  return `stroke="${style.colour}" stroke-width="2.5" fill="none"${dash}`
}

/** One sentence per skill giving every series' level, for the chart's description. */
export function describe(input: RadarInput): string {
  const sentences = input.axes.map((axis, i) => {
    const parts = input.series.map(s => {
      const level = s.levels[i] ?? null
      return `${s.label}: ${level ? LEVEL_NAMES[level] : 'None'}`
    })
    return `${axis} – ${parts.join('; ')}.`
  })
  const count = input.axes.length
  const intro =
    count === 0
      ? 'There are no skills to show.'
      : `Radar chart of ${count === 1 ? '1 skill' : `${count} skills`}, each on a scale from 0 (none) to 4 (expert), showing ${input.series
          .map(s => `${s.label} (${SERIES_STYLES[s.key].lineName})`)
          .join(', ')}. The table after the chart gives the same levels.`
  return [intro, ...sentences].join(' ')
}

/** The chart as an SVG element, ready to put in the page. */
export function radarSvg(input: RadarInput): string {
  const axes = input.axes.slice(0, MAX_AXES)
  const n = axes.length
  const titleId = `${input.id}-title`
  const descId = `${input.id}-desc`
  const height = LEGEND_TOP + input.series.length * LEGEND_ROW + 10
  const out: string[] = []
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${RADAR_WIDTH} ${height}" width="100%" role="img" aria-labelledby="${escapeHtml(titleId)} ${escapeHtml(descId)}" class="app-radar" focusable="false" font-size="14" font-family="${FONT}" data-axes="${n}">`,
  )
  out.push(`<title id="${escapeHtml(titleId)}">${escapeHtml(input.title)}</title>`)
  out.push(`<desc id="${escapeHtml(descId)}">${escapeHtml(describe({ ...input, axes }))}</desc>`)

  // The grid: a ring for each level (polygons from three axes up, circles below that).
  out.push('<g class="app-radar__grid" fill="none" stroke="#b1b4b6" stroke-width="1">')
  for (let value = 1; value <= LEVELS.length; value++) {
    if (n >= 3) {
      const points = axes.map((_, i) => pointFor(i, n, value)).map(p => `${p.x},${p.y}`)
      out.push(`<polygon points="${points.join(' ')}"/>`)
    } else {
      out.push(
        `<circle cx="${RADAR_CENTRE.x}" cy="${RADAR_CENTRE.y}" r="${round((RADAR_RADIUS * value) / LEVELS.length)}"/>`,
      )
    }
  }
  for (let i = 0; i < Math.max(n, 1); i++) {
    const end = pointFor(i, Math.max(n, 1), LEVELS.length)
    out.push(`<line x1="${RADAR_CENTRE.x}" y1="${RADAR_CENTRE.y}" x2="${end.x}" y2="${end.y}"/>`)
  }
  out.push('</g>')

  // The level of each ring, beside the first axis.
  out.push(
    '<g class="app-radar__levels" fill="#505a5f" font-size="12" stroke="#ffffff" stroke-width="3" paint-order="stroke">',
  )
  LEVELS.forEach((level, index) => {
    const p = pointFor(0, Math.max(n, 1), index + 1)
    out.push(`<text x="${round(p.x + 6)}" y="${round(p.y + 4)}">${index + 1} ${escapeHtml(LEVEL_NAMES[level])}</text>`)
  })
  out.push('</g>')

  // Skill names round the outside.
  out.push('<g class="app-radar__axes" fill="#0b0c0c">')
  axes.forEach((axis, i) => {
    const a = angle(i, n)
    const cos = Math.cos(a)
    const sin = Math.sin(a)
    const x = round(RADAR_CENTRE.x + (RADAR_RADIUS + LABEL_GAP) * cos)
    const y = round(RADAR_CENTRE.y + (RADAR_RADIUS + LABEL_GAP) * sin)
    const anchor = Math.abs(cos) < 0.2 ? 'middle' : cos > 0 ? 'start' : 'end'
    const lines = wrap(axis)
    const lineHeight = 16
    const firstY =
      sin < -0.5
        ? y - (lines.length - 1) * lineHeight
        : sin > 0.5
          ? y + 10
          : y + 5 - ((lines.length - 1) * lineHeight) / 2
    const spans = lines.map(
      (text, j) => `<tspan x="${x}" y="${round(firstY + j * lineHeight)}">${escapeHtml(text)}</tspan>`,
    )
    out.push(`<text text-anchor="${anchor}" data-axis="${i}">${spans.join('')}</text>`)
  })
  out.push('</g>')

  // The series, the expected level underneath so the person's own levels stay on top.
  const order: SeriesKey[] = ['expected', 'agreed', 'self']
  const drawn = [...input.series].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
  for (const series of drawn) {
    const style = SERIES_STYLES[series.key]
    const values = axes.map((_, i) => levelValue(series.levels[i] ?? null))
    if (values.every(v => v === 0)) continue
    const points = values.map((v, i) => pointFor(i, n, v))
    out.push(`<g class="app-radar__series" data-series="${series.key}">`)
    if (n >= 2) {
      const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ') + (n >= 3 ? ' Z' : '')
      out.push(`<path d="${path}" ${line(style)}/>`)
    }
    points.forEach((p, i) => {
      // No level, no marker: the line passes through the centre, and the table says "None".
      if ((values[i] ?? 0) > 0) out.push(marker(style, p.x, p.y, ` data-axis="${i}" data-level="${values[i]}"`))
    })
    out.push('</g>')
  }

  // The legend, in words, with a sample of each line and marker.
  out.push(`<g class="app-radar__legend" fill="#0b0c0c">`)
  input.series.forEach((series, row) => {
    const style = SERIES_STYLES[series.key]
    const y = LEGEND_TOP + row * LEGEND_ROW
    const empty = axes.every((_, i) => levelValue(series.levels[i] ?? null) === 0)
    out.push(`<g data-legend="${series.key}">`)
    out.push(`<line x1="40" y1="${y}" x2="100" y2="${y}" ${line(style)}/>`)
    out.push(marker(style, 70, y, ''))
    out.push(`<text x="112" y="${y + 5}">${escapeHtml(series.label)}${empty ? ' (none yet)' : ''}</text>`)
    out.push('</g>')
  })
  out.push('</g>')
  out.push('</svg>')
  return out.join('')
}
