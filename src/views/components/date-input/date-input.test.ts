import { describe, expect, it } from 'vitest'
import { renderComponent } from '../../../../test/render-component.ts'
import { formErrors, withDateLinks } from '../../../platform/forms.ts'

describe('app date input', () => {
  it('shows the boxes as typed with the legend and hint', () => {
    const { $ } = renderComponent('date-input', 'appDateInput', {
      name: 'dueOn',
      legend: 'When is it due?',
      hint: 'For example, 27 3 2027',
      value: { day: '7', month: '3', year: '2027' },
    })
    expect($('legend').text().trim()).toBe('When is it due?')
    expect($('#dueOn-hint').text().trim()).toBe('For example, 27 3 2027')
    expect(
      $('input')
        .map((_, el) => [[$(el).attr('name'), $(el).val()]])
        .get(),
    ).toEqual([
      ['dueOn-day', '7'],
      ['dueOn-month', '3'],
      ['dueOn-year', '2027'],
    ])
    expect($('#dueOn-year').hasClass('govuk-input--width-4')).toBe(true)
    expect($('.govuk-error-message')).toHaveLength(0)
  })

  it('shows the field’s message and marks only the wrong boxes', () => {
    const errors = withDateLinks(formErrors({ dueOn: 'The date must include a month' }), { dueOn: ['month'] })
    const { $ } = renderComponent('date-input', 'appDateInput', {
      name: 'dueOn',
      legend: 'When is it due?',
      value: { day: '7', month: '', year: '2027' },
      errors,
    })
    expect($('.govuk-error-message').text()).toContain('The date must include a month')
    expect($('.govuk-form-group').hasClass('govuk-form-group--error')).toBe(true)
    expect(
      $('.govuk-input--error')
        .map((_, el) => $(el).attr('id'))
        .get(),
    ).toEqual(['dueOn-month'])
  })

  it('escapes what was typed', () => {
    const { html } = renderComponent('date-input', 'appDateInput', {
      name: 'd',
      legend: 'Date',
      value: { day: '"><script>alert(1)</script>', month: '', year: '' },
    })
    expect(html).not.toContain('<script>')
  })
})
