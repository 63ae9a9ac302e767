import { describe, expect, it } from 'vitest'
import { teamOnion as kind } from './team-onion.kind.ts'

const people = [
  { id: 'u1', name: 'Cora Core' },
  { id: 'u2', name: 'Sid Supporter' },
]

describe('team onion', () => {
  it('reads people in Valuekit and people named in words, by layer', () => {
    const read = kind.read(
      {
        'core-0-person': 'u1',
        'core-0-role': 'Product manager',
        'supporters-0-name': 'Policy team',
        'supporters-1-person': 'u2',
      },
      kind.empty,
      { people },
    )
    expect(read.ok).toBe(true)
    expect(read.value?.core[0]).toMatchObject({ personId: 'u1', name: 'Cora Core', role: 'Product manager' })
    expect(read.value?.supporters.map(m => m.name)).toEqual(['Policy team', 'Sid Supporter'])
    expect(kind.members?.(read.value ?? kind.empty)).toEqual([
      { personId: 'u1', layer: 'core' },
      { personId: 'u2', layer: 'supporters' },
    ])
  })

  it('reports every problem at once', () => {
    const read = kind.read(
      {
        'core-0-person': 'nobody',
        'core-1-role': 'A role with no person',
        'supporters-0-person': 'u1',
        'supporters-1-person': 'u1',
      },
      kind.empty,
      { people },
    )
    expect(read.ok).toBe(false)
    expect(read.errors?.fields['core-0-person']?.text).toBe('Choose someone from the list')
    expect(read.errors?.fields['core-1-name']?.text).toBe('Choose a person or write a name')
    expect(read.errors?.fields['supporters-1-person']?.text).toContain('already on the onion')
  })
})
