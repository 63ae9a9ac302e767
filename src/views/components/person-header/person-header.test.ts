import { describe, expect, it } from 'vitest'
import { renderComponent } from '../../../../test/render-component.ts'

describe('app person header', () => {
  it('captions the person with their role, area and line manager, then the heading', () => {
    const { $ } = renderComponent('person-header', 'appPersonHeader', {
      name: 'Ada Lovelace',
      roleName: 'Product manager',
      area: 'Digital',
      lineManagerName: 'Grace Hopper',
      heading: 'Development plan',
    })
    expect($('[data-testid=person-caption]').text()).toBe(
      'Ada Lovelace, product manager, Digital, line manager Grace Hopper',
    )
    expect($('h1').text()).toBe('Development plan')
    expect($('nav')).toHaveLength(0)
  })

  it('says "(you)" on the person’s own pages and adds tabs when given', () => {
    const { $ } = renderComponent('person-header', 'appPersonHeader', {
      name: 'Ada Lovelace',
      self: true,
      heading: 'Your 1:1s',
      subNav: [
        { text: 'Development plan', href: '/people/1/plan', active: false },
        { text: '1:1s', href: '/people/1/one-to-ones', active: true },
      ],
      subNavLabel: 'Development of Ada Lovelace',
    })
    expect($('[data-testid=person-caption]').text()).toBe('Ada Lovelace (you)')
    expect($('nav').attr('aria-label')).toBe('Development of Ada Lovelace')
    expect($('[aria-current=page]').text().trim()).toBe('1:1s')
  })

  it('escapes the name', () => {
    const { html } = renderComponent('person-header', 'appPersonHeader', { name: '<i>x</i>', heading: 'h' })
    expect(html).not.toContain('<i>')
  })
})
