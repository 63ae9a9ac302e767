import { describe, expect, it } from 'vitest'
import { diffView, lineDiff } from '../../../platform/diff.ts'
import { renderComponent } from '../../../../test/render-component.ts'

describe('app diff', () => {
  it('marks added and removed lines in words as well as colour', () => {
    const { $ } = renderComponent('diff', 'appDiff', {
      lines: [
        { kind: 'same', text: 'kept' },
        { kind: 'removed', text: 'old <b>' },
        { kind: 'added', text: 'new' },
      ],
      label: 'Changes to the problem',
    })
    expect($('ol').attr('aria-label')).toBe('Changes to the problem')
    expect($('li')).toHaveLength(3)
    expect($('.app-diff__line--removed').text()).toContain('Removed: old <b>')
    expect($('.app-diff__line--added').text()).toContain('Added: new')
    expect($('.app-diff__line--removed').html()).toContain('old &lt;b&gt;')
  })
})

describe('app diff in hunks', () => {
  it('shows each hunk under its line numbers, with changed words marked, and no blank lines between', () => {
    const before = Array.from({ length: 12 }, (_, i) => `Line ${i + 1} of the text`).join('\n')
    const after = before.replace('Line 2 of the text', 'Line 2 of the page').replace('Line 11', 'Row 11')
    const { $, html } = renderComponent('diff', 'appDiff', { view: diffView(lineDiff(before, after)) })
    expect(
      $('h3')
        .map((_, h) => $(h).text())
        .get(),
    ).toEqual([
      'Around lines 1 to 5 of the new text (lines 1 to 5 before)',
      'Around lines 8 to 12 of the new text (lines 8 to 12 before)',
    ])
    expect($('ol')).toHaveLength(2)
    expect($('del.app-diff__words').first().text()).toBe('text')
    expect($('ins.app-diff__words').first().text()).toBe('page')
    // Only lines inside the lists: the whitespace between them is not shown as blank lines.
    expect(html).not.toMatch(/<\/li>\s+<li/)
    expect($('li')).toHaveLength(6 + 6)
  })

  it('says when nothing changed', () => {
    const { $ } = renderComponent('diff', 'appDiff', { view: diffView(lineDiff('same', 'same')) })
    expect($('p').text()).toBe('No changes.')
  })
})
