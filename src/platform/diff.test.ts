import { describe, expect, it } from 'vitest'
import { changed, diffHunks, diffView, hasConflictMarkers, lineDiff, merge3, undoneLines, wordDiff } from './diff.ts'

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

describe('diffHunks and diffView', () => {
  const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n')
  const after = before.replace('line 5', 'line five').replace('line 16', 'line 16\nnew line')

  it('shows changed lines with three lines of context, in separate hunks', () => {
    const hunks = diffHunks(lineDiff(before, after))
    expect(hunks).toHaveLength(2)
    expect(hunks[0]?.oldStart).toBe(2)
    expect(hunks[0]?.lines.map(l => l.text)).toEqual([
      'line 2',
      'line 3',
      'line 4',
      'line 5',
      'line five',
      'line 6',
      'line 7',
      'line 8',
    ])
    expect(hunks[1]?.newStart).toBe(14)
    expect(hunks[1]?.lines.filter(l => l.kind === 'added').map(l => l.text)).toEqual(['new line'])
  })

  it('joins hunks whose context touches, and gives the whole text when asked', () => {
    expect(diffHunks(lineDiff(before, after), 6)).toHaveLength(1)
    const whole = diffView(lineDiff(before, after), { whole: true })
    expect(whole.hunks).toHaveLength(1)
    expect(whole.hunks[0]?.lines).toHaveLength(22)
    expect(diffView(lineDiff(before, after)).hunks[0]?.label).toBe(
      'Around lines 2 to 8 of the new text (lines 2 to 8 before)',
    )
  })

  it('marks the words that changed within a changed line', () => {
    const [hunk] = diffHunks(lineDiff('Apply for a licence today', 'Apply for a permit today'))
    const removed = hunk?.lines.find(l => l.kind === 'removed')
    const added = hunk?.lines.find(l => l.kind === 'added')
    expect(removed?.words).toEqual([
      { kind: 'same', text: 'Apply for a ' },
      { kind: 'removed', text: 'licence' },
      { kind: 'same', text: ' today' },
    ])
    expect(added?.words?.find(w => w.kind === 'added')?.text).toBe('permit')
  })

  it('leaves lines with nothing in common whole', () => {
    const [hunk] = diffHunks(lineDiff('Completely different', 'Nothing alike here at all'))
    expect(hunk?.lines.every(l => l.words === undefined)).toBe(true)
  })
})

describe('merge3', () => {
  const labels = { ours: 'Page now', theirs: 'Suggestion' }
  const base = 'Intro\n\nWe meet on Mondays.\n\nOutro\n'

  it('takes a change made on one side only', () => {
    const ours = 'Intro changed\n\nWe meet on Mondays.\n\nOutro\n'
    const theirs = 'Intro\n\nWe meet on Mondays.\n\nOutro, updated\n'
    expect(merge3(base, ours, theirs, labels)).toEqual({
      text: 'Intro changed\n\nWe meet on Mondays.\n\nOutro, updated\n',
      conflicts: 0,
    })
  })

  it('takes the same change made on both sides once', () => {
    const both = 'Intro\n\nWe meet on Tuesdays.\n\nOutro\n'
    expect(merge3(base, both, both, labels)).toEqual({ text: both, conflicts: 0 })
  })

  it('keeps both versions between markers where both sides changed the same lines', () => {
    const ours = 'Intro\n\nWe meet on Tuesdays.\n\nOutro\n'
    const theirs = 'Intro\n\nWe meet every Wednesday.\n\nOutro\n'
    const merged = merge3(base, ours, theirs, labels)
    expect(merged.conflicts).toBe(1)
    expect(merged.text).toBe(
      'Intro\n\n<<<<<<< Page now\nWe meet on Tuesdays.\n=======\nWe meet every Wednesday.\n>>>>>>> Suggestion\n\nOutro\n',
    )
    expect(hasConflictMarkers(merged.text)).toBe(true)
    expect(hasConflictMarkers(ours)).toBe(false)
  })

  it('handles empty texts and additions at the end', () => {
    expect(merge3('', 'a', '', labels).text).toBe('a')
    expect(merge3('a\n', 'a\nb\n', 'a\nc\n', labels).conflicts).toBe(1)
  })
})

describe('undoneLines', () => {
  it('lists lines added since the base whose new words the proposed text leaves out', () => {
    const base = 'One\nTwo\n'
    const current = 'One\nTwo, accepted\n'
    expect(undoneLines(base, current, 'One\nTwo, suggested\n')).toEqual(['Two, accepted'])
    expect(undoneLines(base, current, 'One\nTwo, accepted\nThree\n')).toEqual([])
    // Reworded around the accepted words: kept.
    expect(undoneLines(base, current, 'One\nTwo, accepted and then suggested\n')).toEqual([])
    expect(undoneLines(base, base, 'Anything')).toEqual([])
  })

  it('lists lines removed since the base that the proposed text brings back', () => {
    expect(undoneLines('One\nTwo\nThree\n', 'One\nThree\n', 'One\nTwo\nThree, suggested\n')).toEqual(['Two'])
  })
})
