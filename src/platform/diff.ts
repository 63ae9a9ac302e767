// Readable differences between two texts, for history pages, conflicts and suggestions. Shown by
// the appDiff component, which marks added and removed lines in words, not by colour alone.
import { diffLines, diffWordsWithSpace } from 'diff'

export interface DiffLine {
  kind: 'added' | 'removed' | 'same'
  text: string
}

/** Line by line: every line of both texts, each marked added, removed or the same. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const out: DiffLine[] = []
  for (const part of diffLines(
    before.endsWith('\n') ? before : `${before}\n`,
    after.endsWith('\n') ? after : `${after}\n`,
  )) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same'
    for (const line of part.value.replace(/\n$/, '').split('\n')) out.push({ kind, text: line })
  }
  return out
}

/** Words changed in a short text such as a title: [{ kind, text }] runs. */
export function wordDiff(before: string, after: string): DiffLine[] {
  return diffWordsWithSpace(before, after).map(p => ({
    kind: p.added ? 'added' : p.removed ? 'removed' : 'same',
    text: p.value,
  }))
}

/** True when the two texts differ at all. */
export const changed = (lines: readonly DiffLine[]): boolean => lines.some(l => l.kind !== 'same')
