import { describe, expect, it } from 'vitest'
import type { WardleyMap } from './owm.ts'
import { DRAWING, drawMap, mapRows, stageOf, wardleyMap as kind } from './wardley-map.kind.ts'

const saved: WardleyMap = {
  title: 'Fishing licences',
  components: [
    {
      id: 'a',
      name: 'Angler',
      type: 'need',
      visibility: 0.95,
      evolution: 0.62,
      moveTo: null,
      needs: ['b'],
      decoration: '',
    },
    {
      id: 'b',
      name: 'Buy online',
      type: 'component',
      visibility: 0.8,
      evolution: 0.5,
      moveTo: null,
      needs: ['c'],
      decoration: 'label [4, 4]',
    },
    {
      id: 'c',
      name: 'Rules engine',
      type: 'component',
      visibility: 0.07,
      evolution: 0.28,
      moveTo: 0.48,
      needs: [],
      decoration: '',
    },
  ],
  other: ['style wardley'],
}

describe('Wardley map', () => {
  it('fills its form from a saved map and reads it back unchanged', () => {
    const values = kind.values(saved)
    expect(values['component-2-visibility']).toBe('7')
    expect(values['component-2-moveTo']).toBe('48')
    expect(values['link-1-from']).toBe('Buy online')
    expect(values['link-1-to']).toBe('Rules engine')
    const read = kind.read(values, saved, { people: [] })
    expect(read.ok).toBe(true)
    expect(read.value).toEqual(saved)
  })

  it('keeps ids and the text format’s extras when names change, and adds new items and links', () => {
    const body = {
      ...kind.values(saved),
      'component-1-name': 'Buy a licence online',
      'link-0-to': 'Buy a licence online',
      'link-1-from': 'Buy a licence online',
      'component-3-name': 'Payments',
      'component-3-visibility': '40',
      'component-3-evolution': '72.5',
      'link-2-from': 'Buy a licence online',
      'link-2-to': 'Payments',
    }
    const read = kind.read(body, saved, { people: [] })
    expect(read.errors?.list).toBeUndefined()
    const map = read.value
    if (!map) throw new Error('not read')
    expect(map.components[1]).toMatchObject({ id: 'b', name: 'Buy a licence online', decoration: 'label [4, 4]' })
    const payments = map.components[3]
    expect(payments).toMatchObject({ name: 'Payments', visibility: 0.4, evolution: 0.725, moveTo: null })
    expect(map.components[1]?.needs).toEqual(['c', payments?.id])
    expect(map.other).toEqual(['style wardley'])
  })

  it('shows every problem at once and keeps what was typed', () => {
    const body = {
      'component-0-name': 'Angler',
      'component-0-visibility': '',
      'component-0-evolution': 'lots',
      'component-1-name': 'Angler',
      'component-1-visibility': '101',
      'component-1-evolution': '5',
      'component-2-name': '',
      'component-2-visibility': '50',
      'component-2-moveTo': '-3',
      'link-0-from': 'Angler',
      'link-0-to': 'Kettle',
    }
    const read = kind.read(body, kind.empty, { people: [] })
    expect(read.ok).toBe(false)
    expect(read.errors?.list.map(e => e.text)).toEqual(
      expect.arrayContaining([
        'Enter the visibility of Angler, from 0 to 100',
        'The evolution of Angler must be a number from 0 to 100',
        'Angler is on the map twice: give each a different name',
        'The visibility of Angler must be a number from 0 to 100',
        'Enter a name for item 3, or clear its row',
        'Enter the evolution of item 3, from 0 to 100',
        'Where item 3 is moving to must be a number from 0 to 100',
        'Choose what Angler depends on, in dependency 1',
      ]),
    )
    expect(read.values['component-0-evolution']).toBe('lots')
  })

  it('asks for at least one item', () => {
    const read = kind.read({ title: 'Empty' }, kind.empty, { people: [] })
    expect(read.errors?.list.map(e => e.text)).toEqual([
      'Add at least one item to the map, starting with the user need',
    ])
  })

  it('draws each item by visibility and evolution, with its links and planned movement', () => {
    const { points, links, stages } = drawMap(saved)
    const rules = points.find(p => p.name === 'Rules engine')
    expect(rules?.x).toBe(Math.round(DRAWING.left + 0.28 * DRAWING.plotWidth))
    expect(rules?.y).toBe(Math.round(DRAWING.top + 0.93 * DRAWING.plotHeight))
    expect(rules?.move?.x).toBe(Math.round(DRAWING.left + 0.48 * DRAWING.plotWidth))
    expect(points.find(p => p.name === 'Angler')?.need).toBe(true)
    expect(links).toHaveLength(2)
    expect(stages.map(s => s.name)).toEqual(['Genesis', 'Custom-built', 'Product', 'Commodity'])
  })

  it('lists the same content as a table, most visible first, and summarises it', () => {
    expect(mapRows(saved).map(r => [r.name, r.stage, r.moveTo, r.needs])).toEqual([
      ['Angler', 'Product', '', ['Buy online']],
      ['Buy online', 'Product', '', ['Rules engine']],
      ['Rules engine', 'Custom-built', '48 (Product)', []],
    ])
    expect(stageOf(0)).toBe('Genesis')
    expect(stageOf(0.7)).toBe('Commodity')
    expect(kind.summary(saved).lines).toEqual([
      'User need: Angler',
      '3 items on the map',
      'Moving: Rules engine to product',
    ])
  })

  it('reads pasted text, keeping the ids of items already on the map', () => {
    const text = kind.text
    if (!text) throw new Error('no text format')
    const parsed = text.parse('anchor Angler [0.9, 0.6]\ncomponent Kettle [0.5, 0.5]\nAngler->Kettle', saved)
    if (!parsed.ok) throw new Error(parsed.problems.join())
    expect(parsed.content.components[0]?.id).toBe('a')
    expect(parsed.content.components[1]?.id).not.toBe('b')
    const bad = text.parse('component Kettle', saved)
    expect(bad.ok ? [] : bad.problems).toEqual([
      'Line 1: Give Kettle a place as [visibility, evolution], each from 0 to 1',
    ])
    expect(text.format(saved)).toContain('evolve Rules engine 0.48')
  })
})
