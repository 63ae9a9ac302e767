import { describe, expect, it } from 'vitest'
import { loadedMessage, removedMessage, statusRows, thingsInWords, whatLoadingAdds } from './example.views.ts'

describe('the worked example presenters', () => {
  it('lists things by kind in words, in catalogue order', () => {
    expect(thingsInWords({})).toBe('nothing')
    expect(thingsInWords({ feature: 1 })).toBe('1 feature')
    expect(thingsInWords({ data: 2, service: 1, capability: 3 })).toBe('1 service, 3 capabilities and 2 kinds of data')
    expect(thingsInWords({ technology: 1, feature: 2 })).toBe('2 features and 1 piece of technology')
  })

  it('shows people and each kind that has things', () => {
    expect(statusRows({ loaded: true, people: 1, things: { service: 2 }, thingCount: 2 })).toEqual([
      { key: { text: 'People' }, value: { text: '1 example person' } },
      { key: { text: 'Service' }, value: { text: '2' } },
    ])
  })

  it('says what loading adds, from the data', () => {
    const lines = whatLoadingAdds()
    expect(lines[0]).toMatch(
      /^50 product people in two business areas \(Licensing and permits and Grants and support\)/,
    )
    expect(lines[1]).toMatch(/^6 services, 4 features, 1 capability, 1 piece of technology and 1 kind of data/)
    expect(lines[2]).toBe(
      'for each of the 6 services, metrics measured over the last six months, a roadmap, hypotheses with results, options to prioritise, decisions and strategy reviews, with a service assessment being prepared and team health check results for 2 services',
    )
  })

  it('sums up a load and a removal', () => {
    expect(
      loadedMessage({
        people: 50,
        things: 13,
        documents: 50,
        checkins: { draft: 1, submitted: 2, reviewed: 3, agreed: 1 },
        goals: 12,
      }),
    ).toBe('Added 50 people, 13 things with 50 strategy documents, 1 agreed check-in and 12 development goals.')
    expect(removedMessage({ people: 1, things: 0 })).toBe(
      'Removed the worked example’s 1 person and 0 things. Everything else is as it was.',
    )
  })
})
