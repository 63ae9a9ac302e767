import { describe, expect, it } from 'vitest'
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
