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

export interface WardleyMap {
  title: string
  components: MapComponent[]
  /** Lines of the format Valuekit keeps but does not draw, in their order. */
  other: string[]
}

export interface TextProblem {
  line: number
  message: string
}

export type ParsedMap = { ok: true; map: WardleyMap } | { ok: false; problems: TextProblem[] }

const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`
const PLACE = new RegExp(String.raw`^\[\s*${NUMBER}\s*,\s*${NUMBER}\s*\]\s*(.*)$`)
const ELEMENT = /^(anchor|component)\s+(.+?)\s*(\[.*)$/
const LINK = /^([^[\]]+?)\s*->\s*([^[\];]+?)\s*$/
const EVOLVE = new RegExp(String.raw`^evolve\s+(.+?)\s+${NUMBER}\s*$`)

export const MAX_TEXT_LINES = 1000

/** Reads the text of an Online Wardley Map. `newId` names each component (kept ids stay stable). */
export function parseOwm(text: string, newId: (name: string) => string): ParsedMap {
  const problems: TextProblem[] = []
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  if (lines.length > MAX_TEXT_LINES)
    return { ok: false, problems: [{ line: MAX_TEXT_LINES + 1, message: `Paste ${MAX_TEXT_LINES} lines or fewer` }] }
  const map: WardleyMap = { title: '', components: [], other: [] }
  const byName = new Map<string, MapComponent>()
  const links: { line: number; from: string; to: string }[] = []
  const moves: { line: number; name: string; to: number }[] = []

  lines.forEach((raw, i) => {
    const line = raw.trim()
    const at = i + 1
    if (line === '') return
    const title = /^title\s+(.*)$/.exec(line)
    if (title && map.title === '') {
      map.title = title[1]?.trim() ?? ''
      return
    }
    const element = ELEMENT.exec(line)
    if (element) {
      const [, keyword, name = '', rest = ''] = element
      const place = PLACE.exec(rest)
      const visibility = Number(place?.[1])
      const evolution = Number(place?.[2])
      if (!place || !inRange(visibility) || !inRange(evolution)) {
        problems.push({ line: at, message: `Give ${name} a place as [visibility, evolution], each from 0 to 1` })
        return
      }
      if (byName.has(name)) {
        problems.push({ line: at, message: `${name} is on the map twice: give each a different name` })
        return
      }
      const component: MapComponent = {
        id: newId(name),
        name,
        type: keyword === 'anchor' ? 'need' : 'component',
        visibility,
        evolution,
        moveTo: null,
        needs: [],
        decoration: place[3]?.trim() ?? '',
      }
      byName.set(name, component)
      map.components.push(component)
      return
    }
    const placeless = /^(?:anchor|component)\s+(.+)$/.exec(line)
    if (placeless) {
      problems.push({ line: at, message: `Give ${placeless[1]} a place as [visibility, evolution], each from 0 to 1` })
      return
    }
    const evolve = EVOLVE.exec(line)
    if (evolve && !evolve[1]?.includes('->')) {
      moves.push({ line: at, name: evolve[1] ?? '', to: Number(evolve[2]) })
      return
    }
    const link = LINK.exec(line)
    if (link && !line.startsWith('//') && !/^(note|annotation|annotations|pipeline|evolve)\b/.test(line)) {
      links.push({ line: at, from: link[1] ?? '', to: link[2] ?? '' })
      return
    }
    map.other.push(line)
  })

  for (const link of links) {
    const from = byName.get(link.from)
    const to = byName.get(link.to)
    if (!from || !to) {
      // A link to something Valuekit does not draw (a pipeline, a submap) is kept as written.
      map.other.push(`${link.from}->${link.to}`)
      continue
    }
    if (from === to) problems.push({ line: link.line, message: `${link.from} cannot depend on itself` })
    else if (!from.needs.includes(to.id)) from.needs.push(to.id)
  }
  for (const move of moves) {
    const component = byName.get(move.name)
    if (!component) problems.push({ line: move.line, message: `There is no component called ${move.name} to evolve` })
    else if (!inRange(move.to))
      problems.push({ line: move.line, message: `Evolve ${move.name} to a place from 0 to 1` })
    else component.moveTo = move.to
  }
  if (problems.length === 0 && map.components.length === 0)
    problems.push({ line: 1, message: 'The text has no anchor or component lines: paste a whole map' })
  return problems.length > 0 ? { ok: false, problems } : { ok: true, map }
}

/** Writes a map in the text format: title, elements in order, links, movement, then other lines. */
export function formatOwm(map: WardleyMap): string {
  const names = new Map(map.components.map(c => [c.id, c.name]))
  const out: string[] = []
  if (map.title) out.push(`title ${map.title}`)
  for (const c of map.components) {
    const place = `[${c.visibility}, ${c.evolution}]`
    out.push(
      `${c.type === 'need' ? 'anchor' : 'component'} ${c.name} ${place}${c.decoration ? ` ${c.decoration}` : ''}`,
    )
  }
  for (const c of map.components)
    for (const id of c.needs) {
      const to = names.get(id)
      if (to) out.push(`${c.name}->${to}`)
    }
  for (const c of map.components) if (c.moveTo !== null) out.push(`evolve ${c.name} ${c.moveTo}`)
  out.push(...map.other)
  return `${out.join('\n')}\n`
}

const inRange = (n: number) => Number.isFinite(n) && n >= 0 && n <= 1
