import { describe, expect, it } from 'vitest'
import { changed, lineDiff, wordDiff } from './diff.ts'

describe('lineDiff', () => {
  it('marks each line added, removed or the same', () => {
    expect(lineDiff('one\ntwo\nthree', 'one\n2\nthree\nfour')).toEqual([
      { kind: 'same', text: 'one' },
      { kind: 'removed', text: 'two' },
      { kind: 'added', text: '2' },
      { kind: 'same', text: 'three' },
      { kind: 'added', text: 'four' },
    ])
  })

  it('treats a missing final line break as no change', () => {
    expect(changed(lineDiff('a\n', 'a'))).toBe(false)
    expect(changed(lineDiff('a', 'b'))).toBe(true)
  })
})

describe('wordDiff', () => {
  it('gives runs of words', () => {
    expect(wordDiff('Apply for a licence', 'Apply for a permit')).toEqual([
      { kind: 'same', text: 'Apply for a ' },
      { kind: 'removed', text: 'licence' },
      { kind: 'added', text: 'permit' },
    ])
  })
})
