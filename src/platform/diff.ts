// Readable differences between two texts, for history pages, conflicts and suggestions, and a
// three-way merge for combining two changes made from the same text. Shown by the appDiff
// component, which marks added and removed lines in words, not by colour alone.
import { diffArrays, diffLines, diffWordsWithSpace } from 'diff'

/** A run of words within a changed line. */
export interface DiffWords {
  kind: 'added' | 'removed' | 'same'
  text: string
}

export interface DiffLine {
  kind: 'added' | 'removed' | 'same'
  text: string
  /** For a changed line paired with its counterpart: the words that changed, marked. */
  words?: DiffWords[]
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

/**
 * Marks the words that changed: each run of removed lines followed by added lines is paired line
 * by line, and each pair gets its word-level runs (the removed line its kept and removed words,
 * the added line its kept and added words). Lines too different to pair usefully are left whole.
 */
export function withWords(lines: readonly DiffLine[]): DiffLine[] {
  const out = lines.map(l => ({ ...l }))
  for (let i = 0; i < out.length;) {
    if (out[i]?.kind !== 'removed') {
      i++
      continue
    }
    let r = i
    while (out[r]?.kind === 'removed') r++
    let a = r
    while (out[a]?.kind === 'added') a++
    const removed = out.slice(i, r)
    const added = out.slice(r, a)
    for (let k = 0; k < Math.min(removed.length, added.length); k++) {
      const before = removed[k]
      const after = added[k]
      if (!before || !after) continue
      const runs = wordDiff(before.text, after.text) as DiffWords[]
      const kept = runs.filter(w => w.kind === 'same').reduce((n, w) => n + w.text.trim().length, 0)
      // Only when at least a third of the line is kept: otherwise every word would be marked.
      if (kept * 3 < Math.max(before.text.length, after.text.length)) continue
      before.words = runs.filter(w => w.kind !== 'added')
      after.words = runs.filter(w => w.kind !== 'removed')
    }
    i = a
  }
  return out
}

/** Lines of a change shown together, with where they start in the old and new texts. */
export interface DiffHunk {
  /** First line number in the old text and the new text (from 1). */
  oldStart: number
  newStart: number
  /** How many lines of the old and the new text the hunk covers. */
  oldLines: number
  newLines: number
  lines: DiffLine[]
}

/**
 * Groups a line diff into hunks: the changed lines with `context` unchanged lines either side,
 * hunks whose context would touch joined into one. With `context` Infinity, one hunk of
 * everything (the whole page). Changed lines carry their word-level runs.
 */
export function diffHunks(lines: readonly DiffLine[], context = 3): DiffHunk[] {
  const marked = withWords(lines)
  const show = new Array<boolean>(marked.length).fill(false)
  marked.forEach((line, i) => {
    if (line.kind === 'same') return
    const from = Math.max(0, i - context)
    const to = Math.min(marked.length - 1, i + context)
    for (let k = from; k <= to; k++) show[k] = true
  })
  const hunks: DiffHunk[] = []
  let oldAt = 1
  let newAt = 1
  let current: DiffHunk | null = null
  marked.forEach((line, i) => {
    if (show[i]) {
      current ??= { oldStart: oldAt, newStart: newAt, oldLines: 0, newLines: 0, lines: [] }
      current.lines.push(line)
      if (line.kind !== 'added') current.oldLines++
      if (line.kind !== 'removed') current.newLines++
    } else if (current) {
      hunks.push(current)
      current = null
    }
    if (line.kind !== 'added') oldAt++
    if (line.kind !== 'removed') newAt++
  })
  if (current) hunks.push(current)
  return hunks
}

/** A diff ready for the appDiff component: in hunks, or the whole text when asked. */
export interface DiffView {
  hunks: (DiffHunk & { label: string })[]
  whole: boolean
  changed: boolean
}

const linesLabel = (start: number, count: number) =>
  count <= 1 ? `line ${start}` : `lines ${start} to ${start + count - 1}`

/** The changes between two texts, in hunks with a few lines of context, or whole. */
export function diffView(lines: readonly DiffLine[], options: { whole?: boolean; context?: number } = {}): DiffView {
  const whole = options.whole ?? false
  const hunks = diffHunks(lines, whole ? Infinity : (options.context ?? 3))
  return {
    whole,
    changed: changed(lines),
    hunks: hunks.map(h => ({
      ...h,
      label: whole
        ? 'The whole text'
        : `Around ${linesLabel(h.newStart, Math.max(1, h.newLines))} of the new text (${linesLabel(h.oldStart, Math.max(1, h.oldLines))} before)`,
    })),
  }
}

/** Where a three-way merge could not combine two changes, as the editor sees it. */
export interface MergeLabels {
  ours: string
  theirs: string
}

export const CONFLICT_START = '<<<<<<<'
export const CONFLICT_MIDDLE = '======='
export const CONFLICT_END = '>>>>>>>'

export interface MergeResult {
  /** The merged text, with conflict markers around each place both sides changed differently. */
  text: string
  conflicts: number
}

const splitLines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'))

/** For each line of base, the line of other it is kept as (or -1 when changed or removed). */
function keptLines(base: string[], other: string[]): number[] {
  const map = new Array<number>(base.length).fill(-1)
  let b = 0
  let o = 0
  for (const part of diffArrays(base, other)) {
    const n = part.count ?? part.value.length
    if (part.added) o += n
    else if (part.removed) b += n
    else for (let k = 0; k < n; k++) map[b++] = o++
  }
  return map
}

const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i])

/**
 * A three-way merge of two texts changed from the same base, line by line (diff3): where only one
 * side changed a stretch, its change is taken; where both changed it alike, once; where both
 * changed it differently, both versions are kept between conflict markers, so nothing either side
 * wrote is lost.
 */
export function merge3(base: string, ours: string, theirs: string, labels: MergeLabels): MergeResult {
  const O = splitLines(base)
  const A = splitLines(ours)
  const B = splitLines(theirs)
  const inA = keptLines(O, A)
  const inB = keptLines(O, B)
  const out: string[] = []
  let conflicts = 0
  let o = 0
  let a = 0
  let b = 0
  const settle = (oEnd: number, aEnd: number, bEnd: number) => {
    const oChunk = O.slice(o, oEnd)
    const aChunk = A.slice(a, aEnd)
    const bChunk = B.slice(b, bEnd)
    if (same(aChunk, oChunk)) out.push(...bChunk)
    else if (same(bChunk, oChunk) || same(aChunk, bChunk)) out.push(...aChunk)
    else {
      conflicts++
      out.push(
        `${CONFLICT_START} ${labels.ours}`,
        ...aChunk,
        CONFLICT_MIDDLE,
        ...bChunk,
        `${CONFLICT_END} ${labels.theirs}`,
      )
    }
  }
  for (let i = 0; i < O.length; i++) {
    const ia = inA[i] ?? -1
    const ib = inB[i] ?? -1
    // A base line both sides kept, after everything already settled: a stable point.
    if (ia < a || ib < b) continue
    settle(i, ia, ib)
    out.push(O[i] ?? '')
    o = i + 1
    a = ia + 1
    b = ib + 1
  }
  settle(O.length, A.length, B.length)
  const text = out.join('\n')
  return { text: text === '' ? '' : `${text}${ours.endsWith('\n') || theirs.endsWith('\n') ? '\n' : ''}`, conflicts }
}

/** True when a text still holds conflict markers from merge3. */
export function hasConflictMarkers(text: string): boolean {
  return text
    .split('\n')
    .some(line => line.startsWith(CONFLICT_START) || line === CONFLICT_MIDDLE || line.startsWith(CONFLICT_END))
}

const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []

/**
 * Changes that `current` made to `base` which `proposed` would undo: changes made since a
 * suggestion's base (such as another suggestion accepted meanwhile) that accepting it would lose.
 * A line added since the base is undone when words it brought in are missing from the proposed
 * text (rewording around them is fine); a line removed since the base is undone when the proposed
 * text has it back. Gives the lines concerned (as they are in `current`, or were in `base`).
 */
export function undoneLines(base: string, current: string, proposed: string): string[] {
  const since = lineDiff(base, current).filter(l => l.text.trim() !== '')
  if (since.every(l => l.kind === 'same')) return []
  const count = (text: string) => {
    const counts = new Map<string, number>()
    for (const w of wordsOf(text)) counts.set(w, (counts.get(w) ?? 0) + 1)
    return counts
  }
  const [inBase, inCurrent, inProposed] = [count(base), count(current), count(proposed)]
  const proposedLines = new Set(splitLines(proposed))
  const currentLines = new Set(splitLines(current))
  const undone: string[] = []
  for (const line of since) {
    if (line.kind === 'added') {
      // Words this change brought in (more of them now than in the base) that the proposed text has fewer of.
      const lost = wordsOf(line.text).some(w => {
        const now = inCurrent.get(w) ?? 0
        return now > (inBase.get(w) ?? 0) && (inProposed.get(w) ?? 0) < now
      })
      if (lost) undone.push(line.text)
    } else if (line.kind === 'removed' && proposedLines.has(line.text) && !currentLines.has(line.text)) {
      undone.push(line.text)
    }
  }
  return undone
}
