import { describe, expect, it } from 'vitest'
import { problemStatement as kind } from './problem-statement.kind.ts'

describe('problem statement', () => {
  it('needs the problem and limits every part', () => {
    const read = kind.read({ who: 'Anglers', evidence: 'x'.repeat(5001) }, kind.empty, { people: [] })
    expect(read.ok).toBe(false)
    expect(read.errors?.list.map(e => e.text)).toEqual([
      'Enter what is the problem',
      'How do you know must be 5,000 characters or fewer',
    ])
    expect(read.values.who).toBe('Anglers')
  })

  it('gives its text by section for diffs and Markdown, and a summary', () => {
    const content = { problem: 'Wrong licences', who: 'Anglers', impact: '', evidence: '' }
    expect(kind.sections(content).map(s => s.heading)).toEqual([
      'What is the problem?',
      'Who has it?',
      'What happens because of it?',
      'How do you know?',
    ])
    expect(kind.summary(content).lines).toEqual(['What is the problem? Wrong licences', 'Who has it? Anglers'])
  })
})
