// The text format of Online Wardley Maps (onlinewardleymaps.com), read into a map and written
// back out. What Valuekit draws (anchors, components, dependencies, planned movement) is read into
// the map; every other line (title aside: notes, pipelines, annotations, styles, labels and
// decorations after a component's place) is kept as written, so a map moves in and out unchanged.
//
// Places are [visibility, evolution], each from 0 to 1: visibility 1 is the top of the map (seen
// by the user), evolution 0 is genesis and 1 commodity.

export interface MapComponent {
  id: string
  name: string
  /** A user need (an anchor, at the top of the chain) or a component serving it. */
  type: 'need' | 'component'
  visibility: number
  evolution: number
  /** Where it is planned to move to on the evolution axis, or null. */
  moveTo: number | null
  /** Ids of the components it depends on. */
  needs: string[]
  /** What followed its place on its line (a label, "(inertia)", "(build)"), kept as written. */
  decoration: string
}

/**
 * A line of the text as it was written, so the text goes out as it came in: a line kept as written
 * (a note, a pipeline, a comment, a blank line), or the line that gave the title, placed a
 * component, linked two or moved one. Those are written as they were while what they say still
 * holds, and written afresh when the map has changed since.
 */
export type MapLine =
  | { kind: 'text'; text: string }
  | { kind: 'title'; text: string }
  | { kind: 'component'; text: string; id: string }
  | { kind: 'evolve'; text: string; id: string }
  | { kind: 'link'; text: string; id: string; to: string }

export interface WardleyMap {
  title: string
  components: MapComponent[]
  /** Lines of the format Valuekit keeps but does not draw, in their order. */
  other: string[]
  /** The text's lines in order, when the map came from text (maps drawn with the form have none). */
  lines?: MapLine[]
}

export interface TextProblem {
  line: number
  message: string
}

export type ParsedMap = { ok: true; map: WardleyMap } | { ok: false; problems: TextProblem[] }

const NUMBER = String.raw`(-?\d*\.?\d+)`
const PLACE = new RegExp(String.raw`^\[\s*${NUMBER}\s*,\s*${NUMBER}\s*\]\s*(.*)$`)
const ELEMENT = /^(anchor|component)\s+(.+?)\s*(\[.*)$/
// A dependency, perhaps with a note after a semicolon ("Hot water->Kettle; limited by").
const LINK = /^([^[\];]+?)\s*->\s*([^[\];]+?)\s*(;.*)?$/
// Planned movement, perhaps with a label or a method after the place ("evolve Kettle 0.62 label [16, 5]").
const EVOLVE = new RegExp(String.raw`^evolve\s+(.+?)\s+${NUMBER}(?:\s+((?:label\b|\().*))?$`)
// Lines whose arrows are not dependencies: the evolution axis's stages, and kinds Valuekit keeps as written.
const NOT_A_LINK = /^(\/\/|(note|annotation|annotations|pipeline|evolve|evolution|submap|url|market|ecosystem)\b)/

export const MAX_TEXT_LINES = 1000
export const MAX_LINE_LENGTH = 1000

interface Element {
  type: MapComponent['type']
  name: string
  visibility: number
  evolution: number
  decoration: string
}

/** An anchor or component line read, or null when it is not one (or has no place). */
function readElement(line: string): Element | null {
  const element = ELEMENT.exec(line.trim())
  const place = element ? PLACE.exec(element[3] ?? '') : null
  if (!element || !place) return null
  return {
    type: element[1] === 'anchor' ? 'need' : 'component',
    name: element[2] ?? '',
    visibility: Number(place[1]),
    evolution: Number(place[2]),
    decoration: place[3]?.trim() ?? '',
  }
}

function readEvolve(line: string): { name: string; to: number; decoration: string } | null {
  const evolve = EVOLVE.exec(line.trim())
  if (!evolve || evolve[1]?.includes('->')) return null
  return { name: evolve[1] ?? '', to: Number(evolve[2]), decoration: evolve[3]?.trim() ?? '' }
}

function readLink(line: string): { from: string; to: string; note: string } | null {
  const trimmed = line.trim()
  if (NOT_A_LINK.test(trimmed)) return null
  const link = LINK.exec(trimmed)
  return link ? { from: link[1] ?? '', to: link[2] ?? '', note: link[3] ?? '' } : null
}

/** Reads the text of an Online Wardley Map. `newId` names each component (kept ids stay stable). */
export function parseOwm(text: string, newId: (name: string) => string): ParsedMap {
  const problems: TextProblem[] = []
  const raws = text.replace(/\r\n?/g, '\n').split('\n')
  if (raws.length > MAX_TEXT_LINES)
    return { ok: false, problems: [{ line: MAX_TEXT_LINES + 1, message: `Paste ${MAX_TEXT_LINES} lines or fewer` }] }
  const map: WardleyMap = { title: '', components: [], other: [], lines: [] }
  const lines: MapLine[] = []
  const byName = new Map<string, MapComponent>()
  const links: { line: number; from: string; to: string; at: number }[] = []
  const moves: { line: number; name: string; to: number; at: number }[] = []
  // Inside a pipeline's braces, components give only their evolution: kept as written.
  let inPipeline = false
  let afterPipeline = false

  raws.forEach((raw, i) => {
    const line = raw.trim()
    const at = i + 1
    const keep = () => {
      lines.push({ kind: 'text', text: raw })
      if (line !== '') map.other.push(line)
    }
    if (raw.length > MAX_LINE_LENGTH) {
      problems.push({
        line: at,
        message: `Make the line ${MAX_LINE_LENGTH.toLocaleString('en-GB')} characters or fewer`,
      })
      return
    }
    if (inPipeline) {
      if (line.startsWith('}')) inPipeline = false
      return keep()
    }
    if (line === '{' && afterPipeline) {
      inPipeline = true
      afterPipeline = false
      return keep()
    }
    afterPipeline = /^pipeline\s+[^[]+$/.test(line)
    if (line === '') return keep()
    const title = /^title\s+(.*)$/.exec(line)
    if (title && map.title === '') {
      map.title = title[1]?.trim() ?? ''
      lines.push({ kind: 'title', text: raw })
      return
    }
    if (ELEMENT.test(line)) {
      const element = readElement(line)
      const name = ELEMENT.exec(line)?.[2] ?? ''
      if (!element || !inRange(element.visibility) || !inRange(element.evolution)) {
        problems.push({ line: at, message: `Give ${name} a place as [visibility, evolution], each from 0 to 1` })
        return
      }
      if (byName.has(name)) {
        problems.push({ line: at, message: `${name} is on the map twice: give each a different name` })
        return
      }
      const component: MapComponent = { id: newId(name), ...element, moveTo: null, needs: [] }
      byName.set(name, component)
      map.components.push(component)
      lines.push({ kind: 'component', text: raw, id: component.id })
      return
    }
    const placeless = /^(?:anchor|component)\s+(.+)$/.exec(line)
    if (placeless) {
      problems.push({ line: at, message: `Give ${placeless[1]} a place as [visibility, evolution], each from 0 to 1` })
      return
    }
    const evolve = readEvolve(line)
    if (evolve) {
      moves.push({ line: at, name: evolve.name, to: evolve.to, at: lines.length })
      lines.push({ kind: 'text', text: raw })
      return
    }
    const link = readLink(line)
    if (link) {
      links.push({ line: at, from: link.from, to: link.to, at: lines.length })
      lines.push({ kind: 'text', text: raw })
      return
    }
    keep()
  })

  for (const link of links) {
    const from = byName.get(link.from)
    const to = byName.get(link.to)
    if (!from || !to) {
      // A link to something Valuekit does not draw (a pipeline, a submap) is kept as written.
      map.other.push((lines[link.at]?.text ?? '').trim())
      continue
    }
    if (from === to) problems.push({ line: link.line, message: `${link.from} cannot depend on itself` })
    else {
      if (!from.needs.includes(to.id)) from.needs.push(to.id)
      lines[link.at] = { kind: 'link', text: lines[link.at]?.text ?? '', id: from.id, to: to.id }
    }
  }
  for (const move of moves) {
    const component = byName.get(move.name)
    if (!component) problems.push({ line: move.line, message: `There is no component called ${move.name} to evolve` })
    else if (!inRange(move.to))
      problems.push({ line: move.line, message: `Evolve ${move.name} to a place from 0 to 1` })
    else {
      component.moveTo = move.to
      lines[move.at] = { kind: 'evolve', text: lines[move.at]?.text ?? '', id: component.id }
    }
  }
  if (problems.length === 0 && map.components.length === 0)
    problems.push({ line: 1, message: 'The text has no anchor or component lines: paste a whole map' })
  map.lines = lines
  return problems.length > 0 ? { ok: false, problems } : { ok: true, map }
}

const elementLine = (c: MapComponent, indent = '') =>
  `${indent}${c.type === 'need' ? 'anchor' : 'component'} ${c.name} [${c.visibility}, ${c.evolution}]${c.decoration ? ` ${c.decoration}` : ''}`
const indentOf = (text: string) => /^\s*/.exec(text)?.[0] ?? ''

/**
 * Writes a map in the text format. A map that came from text is written line by line as it came,
 * each line as it was written while it still says what the map says; what was added since follows
 * the last line of its kind. A map drawn with the form is written title, elements, links,
 * movement, then the other lines.
 */
export function formatOwm(map: WardleyMap): string {
  if (map.lines) return formatLines(map, map.lines)
  const names = new Map(map.components.map(c => [c.id, c.name]))
  const out: string[] = []
  if (map.title) out.push(`title ${map.title}`)
  for (const c of map.components) out.push(elementLine(c))
  for (const c of map.components)
    for (const id of c.needs) {
      const to = names.get(id)
      if (to) out.push(`${c.name}->${to}`)
    }
  for (const c of map.components) if (c.moveTo !== null) out.push(`evolve ${c.name} ${c.moveTo}`)
  out.push(...map.other)
  return `${out.join('\n')}\n`
}

function formatLines(map: WardleyMap, lines: readonly MapLine[]): string {
  const byId = new Map(map.components.map(c => [c.id, c]))
  const out: string[] = []
  const placed = new Set<string>()
  const linked = new Set<string>()
  const moved = new Set<string>()
  const last = { title: -1, component: -1, link: -1, evolve: -1 }
  for (const line of lines) {
    if (line.kind === 'text') {
      out.push(line.text)
      continue
    }
    if (line.kind === 'title') {
      if (last.title >= 0 || !map.title) continue
      const before = /^\s*title\s+(.*)$/.exec(line.text)?.[1]?.trim()
      out.push(before === map.title ? line.text : `${indentOf(line.text)}title ${map.title}`)
      last.title = out.length - 1
      continue
    }
    const c = byId.get(line.id)
    if (!c) continue
    if (line.kind === 'component') {
      if (placed.has(c.id)) continue
      const before = readElement(line.text)
      const same =
        before !== null &&
        before.name === c.name &&
        before.type === c.type &&
        before.visibility === c.visibility &&
        before.evolution === c.evolution &&
        before.decoration === c.decoration
      out.push(same ? line.text : elementLine(c, indentOf(line.text)))
      placed.add(c.id)
      last.component = out.length - 1
    } else if (line.kind === 'link') {
      const to = byId.get(line.to)
      if (!to || !c.needs.includes(line.to)) continue
      const before = readLink(line.text)
      out.push(
        before?.from === c.name && before.to === to.name
          ? line.text
          : `${indentOf(line.text)}${c.name}->${to.name}${before?.note ?? ''}`,
      )
      linked.add(`${c.id} ${line.to}`)
      last.link = out.length - 1
    } else {
      if (c.moveTo === null || moved.has(c.id)) continue
      const before = readEvolve(line.text)
      out.push(
        before?.name === c.name && before.to === c.moveTo
          ? line.text
          : `${indentOf(line.text)}evolve ${c.name} ${c.moveTo}${before?.decoration ? ` ${before.decoration}` : ''}`,
      )
      moved.add(c.id)
      last.evolve = out.length - 1
    }
  }
  // What the map gained since it was read: each after the last line of its kind.
  const added = {
    title: map.title && last.title < 0 ? [`title ${map.title}`] : [],
    component: map.components.filter(c => !placed.has(c.id)).map(c => elementLine(c)),
    link: map.components.flatMap(c =>
      c.needs
        .filter(id => byId.has(id) && !linked.has(`${c.id} ${id}`))
        .map(id => `${c.name}->${byId.get(id)?.name ?? ''}`),
    ),
    evolve: map.components.filter(c => c.moveTo !== null && !moved.has(c.id)).map(c => `evolve ${c.name} ${c.moveTo}`),
  }
  const componentsAt = last.component >= 0 ? last.component : last.title
  const linksAt = last.link >= 0 ? last.link : componentsAt
  const evolveAt = last.evolve >= 0 ? last.evolve : linksAt
  const after = new Map<number, string[]>()
  const put = (at: number, more: string[]) => after.set(at, [...(after.get(at) ?? []), ...more])
  put(-1, added.title)
  put(componentsAt, added.component)
  put(linksAt, added.link)
  put(evolveAt, added.evolve)
  const text = [...(after.get(-1) ?? []), ...out.flatMap((line, i) => [line, ...(after.get(i) ?? [])])].join('\n')
  return text.endsWith('\n') ? text : `${text}\n`
}

const inRange = (n: number) => Number.isFinite(n) && n >= 0 && n <= 1
