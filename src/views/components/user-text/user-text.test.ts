import { describe, expect, it } from 'vitest'
import { renderComponent } from '../../../../test/render-component.ts'

describe('app user text', () => {
  it('makes paragraphs of blank-line-separated text and keeps single line breaks', () => {
    const { $ } = renderComponent('user-text', 'appUserText', {
      text: 'First line\nsecond line\n\n\n\nNext paragraph  ',
    })
    expect($('p.govuk-body')).toHaveLength(2)
    expect($('p').first().html()).toBe('First line<br>\nsecond line')
    expect($('p').last().text()).toBe('Next paragraph')
  })

  it('escapes markup someone typed', () => {
    const { html, $ } = renderComponent('user-text', 'appUserText', { text: '<script>alert(1)</script> & <b>bold</b>' })
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<b>')
    expect($('p').text()).toBe('<script>alert(1)</script> & <b>bold</b>')
  })

  it('renders nothing for empty text and takes other paragraph classes', () => {
    expect(renderComponent('user-text', 'appUserText', { text: '' }).html.trim()).toBe('')
    expect(renderComponent('user-text', 'appUserText', {}).html.trim()).toBe('')
    const { $ } = renderComponent('user-text', 'appUserText', { text: 'Hi', classes: 'govuk-body-s' })
    expect($('p').attr('class')).toBe('govuk-body-s')
  })
})
