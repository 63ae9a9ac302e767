import { describe, expect, it } from 'vitest'
import { renderComponent } from '../../../../test/render-component.ts'

describe('app history list', () => {
  it('lists each change with its title, who recorded it, when, and its facts or text', () => {
    const { $ } = renderComponent('history-list', 'appHistoryList', {
      testId: 'history',
      empty: 'Nothing yet.',
      items: [
        {
          title: 'Promoted: Senior product manager',
          byline: 'recorded by Grace',
          datetime: '2026-04-01',
          dateText: '1 April 2026',
          lines: ['Business area: Digital', 'Group: none'],
        },
        {
          title: 'Progress note',
          byline: 'by Ada',
          datetime: '2026-05-01T09:00:00Z',
          dateText: '1 May 2026',
          text: 'Line one\n\n<b>Two</b>',
        },
      ],
    })
    const items = $('[data-testid=history] .moj-timeline__item')
    expect(items).toHaveLength(2)
    expect(items.first().find('.moj-timeline__title').text()).toBe('Promoted: Senior product manager')
    expect(items.first().find('time').attr('datetime')).toBe('2026-04-01')
    expect(
      items
        .first()
        .find('li')
        .map((_, li) => $(li).text())
        .get(),
    ).toEqual(['Business area: Digital', 'Group: none'])
    expect(
      items
        .last()
        .find('p.govuk-body')
        .map((_, p) => $(p).text())
        .get(),
    ).toEqual(['Line one', '<b>Two</b>'])
    expect(items.last().find('b')).toHaveLength(0)
  })

  it('says so when there is no history yet', () => {
    const { $ } = renderComponent('history-list', 'appHistoryList', { empty: 'No progress notes yet.', items: [] })
    expect($('.moj-timeline')).toHaveLength(0)
    expect($('p').text()).toBe('No progress notes yet.')
  })
})
