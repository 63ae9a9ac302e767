// A Wardley map of the thing's value chain: the user need at the top, the components that meet it
// below, placed by how visible they are to the user and how evolved they are (genesis,
// custom-built, product, commodity), what each depends on, and where each is planned to move.
// Edited with forms (a row per component, a row per dependency), drawn on the server as SVG with
// the same content as a table, and read from or written to the text of Online Wardley Maps (owm.ts).
import { z } from 'zod'
import { FormProblems, readText, type FormResult, type FormValues } from '../../../platform/forms.ts'
import { newId } from '../../../platform/ids.ts'
import { MAX_ITEMS, rowCount, type DocumentKind } from '../kind.ts'
import { formatOwm, MAX_LINE_LENGTH, MAX_TEXT_LINES, parseOwm, type MapComponent, type WardleyMap } from './owm.ts'

const place = z.number().min(0).max(1)
const componentSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(100),
  type: z.enum(['need', 'component']),
  visibility: place,
  evolution: place,
  moveTo: place.nullable(),
  needs: z.array(z.string().max(64)).max(MAX_ITEMS),
  decoration: z.string().max(300),
})
const text = z.string().max(MAX_LINE_LENGTH)
const lineSchema = z.union([
  z.object({ kind: z.enum(['text', 'title']), text }),
  z.object({ kind: z.enum(['component', 'evolve']), text, id: z.string().max(64) }),
  z.object({ kind: z.literal('link'), text, id: z.string().max(64), to: z.string().max(64) }),
])
const schema = z.object({
  title: z.string().max(200),
  components: z.array(componentSchema).max(MAX_ITEMS),
  other: z.array(text).max(MAX_TEXT_LINES),
  lines: z.array(lineSchema).max(MAX_TEXT_LINES).optional(),
}) satisfies z.ZodType<WardleyMap>

/** The four stages of evolution, with where each starts on the axis (0 to 1). */
export const STAGES = [
  { name: 'Genesis', from: 0, hint: 'new, uncertain, made for the first time' },
  { name: 'Custom-built', from: 0.17, hint: 'made for us, still changing' },
  { name: 'Product', from: 0.4, hint: 'bought or rented, understood' },
  { name: 'Commodity', from: 0.7, hint: 'a utility: standard, cheap, expected' },
] as const

export const stageOf = (evolution: number): string =>
  [...STAGES].reverse().find(s => evolution >= s.from)?.name ?? 'Genesis'

/** 0 to 1 as 0 to 100, without float noise (0.07 is 7, not 7.000000000000001). */
const percent = (n: number) => String(Number((n * 100).toFixed(2)))
/** 0 to 100 back to 0 to 1, without float noise. */
const fraction = (n: number) => Number((n / 100).toFixed(4))

const TYPE_LABELS = { need: 'User need', component: 'Component' } as const

function readPercent(body: unknown, field: string, label: string, problems: FormProblems, required: boolean) {
  const text = readText(body, field, 20)
  if (text === '') {
    if (required) problems.add(field, `Enter ${label}, from 0 to 100`)
    return null
  }
  const n = Number(text)
  if (!/^\d+(\.\d+)?$/.test(text) || !Number.isFinite(n) || n > 100) {
    problems.add(field, `${label[0]?.toUpperCase()}${label.slice(1)} must be a number from 0 to 100`)
    return null
  }
  return fraction(n)
}

/** The map's drawing: a box 760 × 540, the plot inside it. */
export const DRAWING = { width: 760, height: 540, left: 56, top: 24, plotWidth: 680, plotHeight: 440 } as const

/** The order the table lists the map's items in, most visible first: each item's number is its place here. */
const tableOrder = (map: WardleyMap) =>
  [...map.components].sort((a, b) => b.visibility - a.visibility || a.name.localeCompare(b.name))

export function drawMap(map: WardleyMap) {
  const d = DRAWING
  // On a narrow screen the drawing shows each item's number in the table instead of its name,
  // large enough to read (names at that scale would be a few pixels high and overlap).
  const numbers = new Map(tableOrder(map).map((c, i) => [c.id, i + 1]))
  const x = (evolution: number) => Math.round(d.left + evolution * d.plotWidth)
  const y = (visibility: number) => Math.round(d.top + (1 - visibility) * d.plotHeight)
  const byId = new Map(map.components.map(c => [c.id, c]))
  const points = map.components.map(c => ({
    id: c.id,
    name: c.name,
    number: numbers.get(c.id) ?? 0,
    need: c.type === 'need',
    x: x(c.evolution),
    y: y(c.visibility),
    // Labels sit to the right, or to the left near the right edge.
    labelX: c.evolution > 0.8 ? x(c.evolution) - 10 : x(c.evolution) + 10,
    labelAnchor: c.evolution > 0.8 ? 'end' : 'start',
    move: c.moveTo === null ? null : { x: x(c.moveTo), y: y(c.visibility) },
  }))
  const links = map.components.flatMap(c =>
    c.needs
      .map(id => byId.get(id))
      .filter((to): to is MapComponent => to !== undefined)
      .map(to => ({ x1: x(c.evolution), y1: y(c.visibility), x2: x(to.evolution), y2: y(to.visibility) })),
  )
  const stages = STAGES.map((s, i) => {
    const next = STAGES[i + 1]?.from ?? 1
    return { name: s.name, x: x((s.from + next) / 2), line: i === 0 ? null : x(s.from) }
  })
  return { drawing: d, points, links, stages, bottom: d.top + d.plotHeight }
}

/** The map as rows of a table: the same content as the drawing. */
export function mapRows(map: WardleyMap) {
  const names = new Map(map.components.map(c => [c.id, c.name]))
  return tableOrder(map).map((c, i) => ({
    number: i + 1,
    name: c.name,
    type: TYPE_LABELS[c.type],
    visibility: percent(c.visibility),
    evolution: percent(c.evolution),
    stage: stageOf(c.evolution),
    moveTo: c.moveTo === null ? '' : `${percent(c.moveTo)} (${stageOf(c.moveTo)})`,
    needs: c.needs.map(id => names.get(id) ?? '').filter(Boolean),
  }))
}

function describe(map: WardleyMap): string {
  const needs = map.components.filter(c => c.type === 'need').map(c => c.name)
  const moving = map.components.filter(c => c.moveTo !== null).length
  const parts = [
    `${map.components.length === 1 ? '1 item' : `${map.components.length} items`} on the map`,
    needs.length > 0 ? `serving ${needs.join(', ')}` : '',
    moving > 0 ? `${moving === 1 ? '1 is' : `${moving} are`} planned to move` : '',
  ]
  return `${parts.filter(Boolean).join(', ')}. The table below the map lists each one.`
}

export const wardleyMap: DocumentKind<WardleyMap> = {
  slug: 'wardley-map',
  name: 'Wardley map',
  nameInSentence: 'Wardley map',
  purpose:
    'Map the chain of components that meets the user need, how evolved each is, and where you expect them to move.',
  guidance: [
    'Start with the user need: it sits at the top. Then add what meets it, and what those depend on, down to the commodities at the bottom.',
    'Visibility runs from 100 (the user sees it) to 0 (hidden deep in the chain). Evolution runs from 0 (genesis: new and uncertain) to 100 (commodity: standard and cheap).',
    'Give a component a “moving to” point where you expect it to evolve, for example when you plan to buy instead of build.',
  ],
  schema,
  empty: { title: '', components: [], other: [] },
  templates: { form: 'products/kinds/wardley-map/form.njk', show: 'products/kinds/wardley-map/show.njk' },
  values(content) {
    const values: FormValues = { title: content.title }
    const names = new Map(content.components.map(c => [c.id, c.name]))
    content.components.forEach((c, n) => {
      values[`component-${n}-id`] = c.id
      values[`component-${n}-name`] = c.name
      values[`component-${n}-type`] = c.type
      values[`component-${n}-visibility`] = percent(c.visibility)
      values[`component-${n}-evolution`] = percent(c.evolution)
      values[`component-${n}-moveTo`] = c.moveTo === null ? '' : percent(c.moveTo)
    })
    let n = 0
    for (const c of content.components)
      for (const id of c.needs) {
        values[`link-${n}-from`] = c.name
        values[`link-${n}-to`] = names.get(id) ?? ''
        n++
      }
    return values
  },
  read(body, saved): FormResult<WardleyMap> {
    const problems = new FormProblems()
    const values = (body ?? {}) as FormValues
    const title = readText(body, 'title', 1000)
    if (title.length > 200) problems.add('title', 'Title must be 200 characters or fewer')
    const known = new Map(saved.components.map(c => [c.id, c]))
    const components: MapComponent[] = []
    const byName = new Map<string, MapComponent>()
    for (let n = 0; n < rowCount(values, 'component', 0); n++) {
      const key = `component-${n}`
      const name = readText(body, `${key}-name`, 1000)
      const fields = ['visibility', 'evolution', 'moveTo'].map(f => readText(body, `${key}-${f}`, 20))
      if (name === '' && fields.every(f => f === '')) continue
      if (name === '') problems.add(`${key}-name`, `Enter a name for item ${n + 1}, or clear its row`)
      else if (name.length > 100) problems.add(`${key}-name`, 'Name must be 100 characters or fewer')
      else if (/->|[[\]]/.test(name)) problems.add(`${key}-name`, 'Name cannot contain “->”, “[” or “]”')
      else if (byName.has(name)) problems.add(`${key}-name`, `${name} is on the map twice: give each a different name`)
      const label = name || `item ${n + 1}`
      const visibility = readPercent(body, `${key}-visibility`, `the visibility of ${label}`, problems, true)
      const evolution = readPercent(body, `${key}-evolution`, `the evolution of ${label}`, problems, true)
      const moveTo = readPercent(body, `${key}-moveTo`, `where ${label} is moving to`, problems, false)
      const posted = readText(body, `${key}-id`, 64)
      const before = known.get(posted)
      const component: MapComponent = {
        id: before ? posted : newId(),
        name: name.slice(0, 100),
        type: readText(body, `${key}-type`, 20) === 'need' ? 'need' : 'component',
        visibility: visibility ?? 0,
        evolution: evolution ?? 0,
        moveTo,
        needs: [],
        decoration: before?.decoration ?? '',
      }
      components.push(component)
      if (name) byName.set(name, component)
    }
    if (components.length > MAX_ITEMS) problems.add('component-0-name', `No more than ${MAX_ITEMS} items on one map`)
    // A dependency names its items as the form showed them: an item renamed in the same form is
    // still found by its saved name, so renaming an item keeps its dependencies.
    const savedIds = new Map(saved.components.map(c => [c.name, c.id]))
    const byId = new Map(components.map(c => [c.id, c]))
    const find = (name: string) => byName.get(name) ?? byId.get(savedIds.get(name) ?? '')
    const shown: FormValues = { ...values }
    for (let n = 0; n < rowCount(values, 'link', 0); n++) {
      const from = readText(body, `link-${n}-from`, 200)
      const to = readText(body, `link-${n}-to`, 200)
      if (from === '' && to === '') continue
      const a = find(from)
      const b = find(to)
      // Shown again under the names they have now, so the lists keep the choice.
      if (a?.name) shown[`link-${n}-from`] = a.name
      if (b?.name) shown[`link-${n}-to`] = b.name
      if (!a) problems.add(`link-${n}-from`, `Choose what depends on something, in dependency ${n + 1}`)
      if (!b) problems.add(`link-${n}-to`, `Choose what ${a?.name || from || 'it'} depends on, in dependency ${n + 1}`)
      if (a && b && a === b) problems.add(`link-${n}-to`, `${a.name || from} cannot depend on itself`)
      else if (a && b && !a.needs.includes(b.id)) a.needs.push(b.id)
    }
    if (problems.empty && components.length === 0)
      problems.add('component-0-name', 'Add at least one item to the map, starting with the user need')
    return problems.result(
      ['title', 'component-0-name', 'component-0-visibility', 'component-0-evolution', 'link-0-from'],
      {
        title,
        components: components.slice(0, MAX_ITEMS),
        other: saved.other,
        // The text's lines, so a map imported and then changed with the form is written back out
        // in its own order, changed only where it was changed.
        ...(saved.lines ? { lines: saved.lines } : {}),
      },
      shown,
    )
  },
  sections(content) {
    const rows = mapRows(content)
    return [
      { heading: 'Title', text: content.title },
      {
        heading: 'Items on the map',
        text: rows
          .map(
            r =>
              `- ${r.name} (${r.type.toLowerCase()}): visibility ${r.visibility}, evolution ${r.evolution} (${r.stage})${r.moveTo ? `, moving to ${r.moveTo}` : ''}`,
          )
          .join('\n'),
      },
      {
        heading: 'Dependencies',
        text: rows
          .filter(r => r.needs.length > 0)
          .map(r => `- ${r.name} depends on ${r.needs.join(', ')}`)
          .join('\n'),
      },
    ]
  },
  summary(content) {
    const needs = content.components.filter(c => c.type === 'need').map(c => c.name)
    const moving = content.components.filter(c => c.moveTo !== null)
    return {
      lines: [
        ...(needs.length > 0 ? [`User need: ${needs.join(', ')}`] : []),
        `${content.components.length === 1 ? '1 item' : `${content.components.length} items`} on the map`,
        ...(moving.length > 0
          ? [`Moving: ${moving.map(c => `${c.name} to ${stageOf(c.moveTo ?? 0).toLowerCase()}`).join(', ')}`]
          : []),
      ],
      notes: needs.length === 0 && content.components.length > 0 ? ['The map has no user need at the top'] : [],
    }
  },
  isEmpty: content => content.components.length === 0,
  formView(values) {
    const count = rowCount(values, 'component')
    const names: string[] = []
    for (let n = 0; n < count; n++) {
      const name = String(values[`component-${n}-name`] ?? '').trim()
      if (name && !names.includes(name)) names.push(name)
    }
    return {
      rowCounts: { component: count, link: rowCount(values, 'link') },
      componentNames: names,
      stages: STAGES,
    }
  },
  showView: content => ({ map: drawMap(content), rows: mapRows(content), description: describe(content) }),
  text: {
    label: 'Online Wardley Maps text',
    extension: 'txt',
    hint: 'Paste the whole text of a map from onlinewardleymaps.com. Lines Valuekit does not draw, such as notes and pipelines, are kept and written back out when you download the text.',
    parse(text, saved) {
      const ids = new Map(saved.components.map(c => [c.name, c.id]))
      const parsed = parseOwm(text, name => ids.get(name) ?? newId())
      if (!parsed.ok) return { ok: false, problems: parsed.problems.map(p => `Line ${p.line}: ${p.message}`) }
      const over = parsed.map.components.length > MAX_ITEMS
      if (over) return { ok: false, problems: [`A map can hold ${MAX_ITEMS} items or fewer`] }
      return { ok: true, content: parsed.map }
    },
    format: formatOwm,
  },
}
