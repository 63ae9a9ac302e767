// The choice of what public feedback is about, as radios: each published problem, then the whole
// roadmap or something else, the visitor's choice kept; nothing to choose on a page with no problems.
import { describe, expect, it } from 'vitest'
import { feedbackChoices } from './open.views.ts'

describe('feedbackChoices', () => {
  const problems = [
    { itemId: 'a1', label: 'Now: Renewals arrive late' },
    { itemId: 'b2', label: 'Next: Payments fail on mobile' },
  ]

  it('offers each problem, then the whole roadmap or something else, keeping the choice', () => {
    expect(feedbackChoices(problems, 'b2')).toEqual([
      { value: 'a1', text: 'Now: Renewals arrive late', checked: false },
      { value: 'b2', text: 'Next: Payments fail on mobile', checked: true },
      { divider: 'or' },
      { value: 'whole-roadmap', text: 'The whole roadmap', checked: false },
      { value: 'something-else', text: 'Something else', checked: false },
    ])
  })

  it('offers nothing when the page shows no problems', () => {
    expect(feedbackChoices([], '')).toEqual([])
  })
})
