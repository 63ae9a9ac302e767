import { describe, expect, it } from 'vitest'
import { fitOf, valuePropositionCanvas as kind } from './value-proposition-canvas.kind.ts'

const saved = {
  jobs: [{ id: 'j1', text: 'Fish legally' }],
  pains: [
    { id: 'p1', text: 'Which licence?' },
    { id: 'p2', text: 'Queues' },
  ],
  gains: [{ id: 'g1', text: 'Fish today' }],
  products: [{ id: 'o1', text: 'Online licence' }],
  relievers: [{ id: 'r1', text: 'Checker', answers: ['p1'] }],
  creators: [{ id: 'c1', text: 'Licence by email', answers: [] }],
}

describe('value proposition canvas', () => {
  it('shows the fit: what answers each pain and gain, and what answers nothing', () => {
    const fit = fitOf(saved)
    expect(fit.painsAnswered).toBe(1)
    expect(fit.pains.find(p => p.item.id === 'p2')?.by).toEqual([])
    expect(fit.gainsAnswered).toBe(0)
    expect(fit.unlinked.map(i => i.text)).toEqual(['Licence by email'])
    expect(kind.summary(saved).notes).toEqual([
      'No pain reliever answers: Queues',
      'No gain creator answers: Fish today',
    ])
  })

  it('keeps ids when text changes, so links hold, and drops links to removed pains', () => {
    const body = {
      ...kind.values(saved),
      'pains-0-text': 'Which licence do I need?',
      'pains-1-text': '',
      'relievers-0-answers': ['p1', 'p2'],
      'relievers-1-text': 'A new reliever',
    }
    const read = kind.read(body, saved, { people: [] })
    expect(read.ok).toBe(true)
    expect(read.value?.pains).toEqual([{ id: 'p1', text: 'Which licence do I need?' }])
    expect(read.value?.relievers[0]).toEqual({ id: 'r1', text: 'Checker', answers: ['p1'] })
    expect(read.value?.relievers[1]?.text).toBe('A new reliever')
    expect(read.value?.relievers[1]?.id).not.toBe('')
  })

  it('does not accept an id it did not give out', () => {
    const read = kind.read({ 'jobs-0-id': 'forged', 'jobs-0-text': 'A job' }, saved, { people: [] })
    expect(read.value?.jobs[0]?.id).not.toBe('forged')
  })
})
