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
    const none = { objectives: 0, insight: 0, ideas: 0, quarters: 0, strategies: 0 }
    expect(statusRows({ loaded: true, people: 1, things: { service: 2 }, thingCount: 2, ...none })).toEqual([
      { key: { text: 'People' }, value: { text: '1 example person' } },
      { key: { text: 'Service' }, value: { text: '2' } },
    ])
    expect(
      statusRows({ loaded: true, people: 0, things: {}, thingCount: 0, ...none, objectives: 11, quarters: 4 }),
    ).toEqual([
      { key: { text: 'People' }, value: { text: '0 example people' } },
      { key: { text: 'Objectives' }, value: { text: '11' } },
      { key: { text: 'Quarters of the leadership team’s balance of work' }, value: { text: '4' } },
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
    expect(lines[4]).toMatch(/^strategies for both areas and the organisation, and 11 objectives for this quarter/)
    expect(lines[5]).toMatch(/^13 pieces of user insight tagged to problems on roadmaps, with 3 ideas/)
    expect(lines[6]).toBe(
      'Apply for a street trading licence, published in the open with one part held back, and feedback from the public waiting for moderation',
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
        objectives: 11,
        insight: 13,
        ideas: 3,
        quarters: 4,
        strategies: 3,
        published: 1,
      }),
    ).toBe(
      'Added 50 people, 13 things with 50 strategy documents, 1 agreed check-in, 12 development goals, 11 objectives and 13 pieces of insight.',
    )
    const none = { objectives: 0, insight: 0, ideas: 0, quarters: 0, strategies: 0 }
    expect(removedMessage({ people: 1, things: 0, ...none })).toBe(
      'Removed the worked example’s 1 person and 0 things. Everything else is as it was.',
    )
    expect(
      removedMessage({ people: 50, things: 13, objectives: 11, insight: 14, ideas: 3, quarters: 4, strategies: 3 }),
    ).toBe(
      'Removed the worked example’s 50 people, 13 things, 11 objectives, 14 pieces of insight, 3 ideas, 4 quarters of balance and 3 area and organisation strategies. Everything else is as it was.',
    )
  })
})
