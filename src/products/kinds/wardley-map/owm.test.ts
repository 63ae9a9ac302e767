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

  it('puts lines written in another order into its own order, keeping what they say', () => {
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
    expect(text).toBe(
      'component Hosting [0.1, 0.9]\ncomponent Payments [0.4, 0.7]\nPayments->Hosting\nstyle wardley\n// a comment\n',
    )
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
    const long = parseOwm('note x [0.1, 0.1]\n'.repeat(1001), newId)
    expect(long.ok ? [] : long.problems.map(p => p.message)).toEqual(['Paste 1000 lines or fewer'])
  })
})
