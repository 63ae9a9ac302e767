import { describe, expect, it } from 'vitest'
import { renderComponent } from '../../../../test/render-component.ts'
import { pagination } from '../../../platform/pagination.ts'

describe('app pagination', () => {
  it('renders numbered links with the current page marked and an ellipsis for gaps', () => {
    const params = pagination({ page: 5, pages: 9, href: n => `/people?page=${n}`, landmarkLabel: 'Pages of people' })
    const { $ } = renderComponent('pagination', 'appPagination', params)
    expect($('nav.govuk-pagination').attr('aria-label')).toBe('Pages of people')
    expect($('.govuk-pagination__item--current a').attr('href')).toBe('/people?page=5')
    expect($('.govuk-pagination__item--current a').attr('aria-current')).toBe('page')
    expect($('.govuk-pagination__item--ellipsis')).toHaveLength(2)
    expect($('.govuk-pagination__prev a').attr('href')).toBe('/people?page=4')
    expect($('.govuk-pagination__next a').attr('href')).toBe('/people?page=6')
  })

  it('renders nothing for a list on one page', () => {
    expect(renderComponent('pagination', 'appPagination', null).html.trim()).toBe('')
  })
})
