import { describe, expect, it } from 'vitest'
import { actionName, namedChoices, subjectName } from './audit.views.ts'

describe('audit event names', () => {
  it('names known events in plain English', () => {
    expect(actionName('checkin.agreed')).toBe('Check-in levels agreed')
    expect(actionName('framework.migrated')).toBe('Agreed levels carried to a new framework version')
    expect(actionName('organisation.created')).toBe('Valuekit set up')
  })

  it('puts any other code into words from its parts, never showing the code', () => {
    expect(actionName('person.added')).toBe('Person added')
    expect(actionName('handbook.page-updated')).toBe('Handbook page updated')
    expect(actionName('roadmap.item-moved')).toBe('Roadmap item moved')
    expect(actionName('something-new.was-done')).toBe('Something new was done')
    expect(actionName('bare')).toBe('Bare')
  })

  it('names kinds of thing', () => {
    expect(subjectName('handbook-page')).toBe('Handbook page')
    expect(subjectName('checkin')).toBe('Check-in')
    expect(subjectName('new-kind')).toBe('New kind')
  })

  it('offers choices by name, sorted, keeping the code as the value', () => {
    expect(namedChoices(['person.added', 'checkin.agreed'], actionName, 'person.added')).toEqual([
      { value: 'checkin.agreed', text: 'Check-in levels agreed', selected: false },
      { value: 'person.added', text: 'Person added', selected: true },
    ])
  })
})
