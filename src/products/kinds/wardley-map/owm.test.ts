import { describe, expect, it } from 'vitest'
import { formatOwm, parseOwm } from './owm.ts'

// A map as Online Wardley Maps writes it, in the order formatOwm writes: it must come back unchanged.
const LICENCE_MAP = `title Fishing licences
anchor Angler [0.95, 0.62]
component Buy a licence online [0.82, 0.5] label [12, -6]
component Licence rules engine [0.6, 0.28] (inertia)
component Payments [0.45, 0.72] (buy)
component Hosting [0.12, 0.91]
Angler->Buy a licence online
Buy a licence online->Licence rules engine
Buy a licence online->Payments
Licence rules engine->Hosting
evolve Licence rules engine 0.48
note Rules change every spring [0.7, 0.1]
pipeline Payments [0.5, 0.9]
style wardley
`

let ids = 0
const newId = () => `id-${++ids}`

describe('Online Wardley Maps text', () => {
  it('reads anchors, components, dependencies and movement, keeping every other line', () => {
    const parsed = parseOwm(LICENCE_MAP, newId)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
    const { map } = parsed
    expect(map.title).toBe('Fishing licences')
    expect(map.components.map(c => [c.name, c.type, c.visibility, c.evolution])).toEqual([
      ['Angler', 'need', 0.95, 0.62],
      ['Buy a licence online', 'component', 0.82, 0.5],
      ['Licence rules engine', 'component', 0.6, 0.28],
      ['Payments', 'component', 0.45, 0.72],
      ['Hosting', 'component', 0.12, 0.91],
    ])
    const byName = new Map(map.components.map(c => [c.name, c]))
    const names = (ids: string[]) => ids.map(id => map.components.find(c => c.id === id)?.name)
    expect(names(byName.get('Buy a licence online')?.needs ?? [])).toEqual(['Licence rules engine', 'Payments'])
    expect(byName.get('Licence rules engine')?.moveTo).toBe(0.48)
    expect(byName.get('Licence rules engine')?.decoration).toBe('(inertia)')
    expect(map.other).toEqual([
      'note Rules change every spring [0.7, 0.1]',
      'pipeline Payments [0.5, 0.9]',
      'style wardley',
    ])
  })

  it('writes a map back out exactly as it came in', () => {
    const parsed = parseOwm(LICENCE_MAP, newId)
    if (!parsed.ok) throw new Error('not parsed')
    expect(formatOwm(parsed.map)).toBe(LICENCE_MAP)
  })

  it('keeps lines in the order they were written, blank lines and comments too', () => {
    const shuffled = [
      'style wardley',
      'Payments->Hosting',
      'component Hosting [0.1, 0.9]',
      'component Payments [0.4, 0.7]',
      '',
      '// a comment',
    ].join('\r\n')
    const first = parseOwm(shuffled, newId)
    if (!first.ok) throw new Error('not parsed')
    const text = formatOwm(first.map)
    expect(text).toBe(`${shuffled.replace(/\r\n/g, '\n')}\n`)
    const again = parseOwm(text, newId)
    if (!again.ok) throw new Error('not parsed')
    expect(formatOwm(again.map)).toBe(text)
  })

  it('keeps links to things it does not draw, such as pipelines, as written', () => {
    const parsed = parseOwm('component Payments [0.4, 0.7]\nPayments->Card schemes', newId)
    if (!parsed.ok) throw new Error('not parsed')
    expect(parsed.map.components[0]?.needs).toEqual([])
    expect(parsed.map.other).toEqual(['Payments->Card schemes'])
  })

  it('names every problem with its line at once', () => {
    const parsed = parseOwm(
      [
        'component Payments [1.4, 0.7]',
        'component Hosting',
        'component Payments [0.4, 0.7]',
        'component Payments [0.3, 0.7]',
        'evolve Kettle 0.8',
        'evolve Payments 3',
      ].join('\n'),
      newId,
    )
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.problems).toEqual([
      { line: 1, message: 'Give Payments a place as [visibility, evolution], each from 0 to 1' },
      { line: 2, message: 'Give Hosting a place as [visibility, evolution], each from 0 to 1' },
      { line: 4, message: 'Payments is on the map twice: give each a different name' },
      { line: 5, message: 'There is no component called Kettle to evolve' },
      { line: 6, message: 'Evolve Payments to a place from 0 to 1' },
    ])
  })

  it('refuses text with nothing to draw, and text too long to be a map', () => {
    const empty = parseOwm('title Nothing here\nstyle wardley', newId)
    expect(empty.ok ? [] : empty.problems.map(p => p.message)).toEqual([
      'The text has no anchor or component lines: paste a whole map',
    ])
    const wide = parseOwm(`component A [0.5, 0.5]\nnote ${'x'.repeat(1000)}`, newId)
    expect(wide.ok ? [] : wide.problems).toEqual([{ line: 2, message: 'Make the line 1,000 characters or fewer' }])
    const long = parseOwm('note x [0.1, 0.1]\n'.repeat(1001), newId)
    expect(long.ok ? [] : long.problems.map(p => p.message)).toEqual(['Paste 1000 lines or fewer'])
  })
})

// Maps as people write them in Online Wardley Maps: anchors, components with labels and methods,
// pipelines old and new, notes, annotations, evolve lines with labels, links with notes and flows,
// the evolution axis's own stages, styles, comments and blank lines. Each must go out as it came in.
const REAL_MAPS = {
  tea: `title Tea shop
anchor Business [0.95, 0.63]
anchor Public [0.95, 0.78]
component Cup of Tea [0.79, 0.61] label [19, -4]
component Cup [0.73, 0.78]
component Tea [0.63, 0.81]
component Hot Water [0.52, 0.80]
component Water [0.38, 0.82]
component Kettle [0.43, 0.35] label [-57, 4]
evolve Kettle 0.62 label [16, 5]
component Power [0.1, 0.7] label [-27, 20] (outsource)
evolve Power 0.89 label [-12, 21]
Business->Cup of Tea
Public->Cup of Tea
Cup of Tea->Cup
Cup of Tea->Tea
Cup of Tea->Hot Water
Hot Water->Water
Hot Water->Kettle; limited by
Kettle->Power

annotation 1 [[0.43,0.49],[0.08,0.79]] Standardising power allows Kettles to evolve faster
annotation 2 [0.48, 0.85] Hot water is obvious and well known
annotations [0.72, 0.03]

note +a generic note appeared [0.23, 0.33]

style wardley
`,
  pipelines: `title Permits
// The user need first
anchor Applicant [0.96, 0.5]
component Apply online [0.8, 0.42] (build)
component Case work [0.6, 0.3] (inertia)
component Hosting [0.2, 0.85] (buy)
pipeline Case work
{
  component Paper files [0.22]
  component Case system [0.55]
}
pipeline Hosting [0.6, 0.95]
Applicant->Apply online
Apply online->Case work
Case work->Hosting
Case work->Case system
Applicant+<>Apply online
evolve Case work 0.55 (buy)
build Apply online
outsource Hosting
evolution Uncharted->Emerging->Good->Best
x-axis Genesis->Custom->Product->Commodity
style colour
`,
}

describe('maps as Online Wardley Maps writes them', () => {
  it.each(Object.entries(REAL_MAPS))('reads the %s map and writes it back out exactly as it came in', (_, text) => {
    const parsed = parseOwm(text, newId)
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
    expect(formatOwm(parsed.map)).toBe(text)
  })

  it('draws what it can of them: links with notes, evolve lines with labels, not the components inside a pipeline', () => {
    const tea = parseOwm(REAL_MAPS.tea, newId)
    const permits = parseOwm(REAL_MAPS.pipelines, newId)
    if (!tea.ok || !permits.ok) throw new Error('not parsed')
    const byName = (map: typeof tea.map, name: string) => map.components.find(c => c.name === name)
    expect(byName(tea.map, 'Kettle')?.moveTo).toBe(0.62)
    expect(byName(tea.map, 'Power')?.decoration).toBe('label [-27, 20] (outsource)')
    expect(byName(tea.map, 'Hot Water')?.needs).toEqual([byName(tea.map, 'Water')?.id, byName(tea.map, 'Kettle')?.id])
    expect(permits.map.components.map(c => c.name)).toEqual(['Applicant', 'Apply online', 'Case work', 'Hosting'])
    expect(byName(permits.map, 'Case work')?.moveTo).toBe(0.55)
    expect(permits.map.other).toContain('evolution Uncharted->Emerging->Good->Best')
    expect(permits.map.other).toContain('Case work->Case system')
  })

  it('writes a changed map in its own order, changing only the lines that no longer hold', () => {
    const parsed = parseOwm(REAL_MAPS.pipelines, newId)
    if (!parsed.ok) throw new Error('not parsed')
    const map = structuredClone(parsed.map)
    const caseWork = map.components.find(c => c.name === 'Case work')
    const hosting = map.components.find(c => c.name === 'Hosting')
    if (!caseWork || !hosting) throw new Error('missing')
    caseWork.name = 'Casework'
    caseWork.moveTo = null
    hosting.visibility = 0.15
    map.components.push({
      id: 'new-id',
      name: 'Payments',
      type: 'component',
      visibility: 0.4,
      evolution: 0.8,
      moveTo: null,
      needs: [],
      decoration: '',
    })
    caseWork.needs.push('new-id')
    const lines = formatOwm(map).split('\n')
    expect(lines.slice(3, 7)).toEqual([
      'component Apply online [0.8, 0.42] (build)',
      'component Casework [0.6, 0.3] (inertia)',
      'component Hosting [0.15, 0.85] (buy)',
      'component Payments [0.4, 0.8]',
    ])
    expect(lines).toContain('Apply online->Casework')
    expect(lines).toContain('Casework->Payments')
    expect(lines).toContain('pipeline Case work')
    expect(lines.some(l => l.startsWith('evolve Case'))).toBe(false)
    expect(lines.slice(-5)).toEqual([
      'outsource Hosting',
      'evolution Uncharted->Emerging->Good->Best',
      'x-axis Genesis->Custom->Product->Commodity',
      'style colour',
      '',
    ])
  })
})
