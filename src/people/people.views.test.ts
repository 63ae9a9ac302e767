import { describe, expect, it } from 'vitest'
import { BUNDLED_TERMS } from '../framework/framework.terms.ts'
import type { Person } from './people.types.ts'
import { listQuerySchema } from './people.schemas.ts'
import { choiceItems, describeInput, listHref, listView, profileView, rolesFor } from './people.views.ts'

function person(overrides: Partial<Person> = {}): Person {
  return {
    id: 'p1',
    name: 'Ada Lovelace',
    email: 'ada@example.gov.uk',
    accountRole: 'member',
    accountStatus: 'active',
    hasProfile: true,
    careerRole: 'product-manager',
    lineManagerId: null,
    lineManagerName: null,
    associateOfId: null,
    associateOfName: null,
    businessArea: 'Digital',
    group: '',
    dateIntoRole: null,
    headOfProfession: false,
    oneToOneCadenceDays: 14,
    version: 1,
    updatedAt: null,
    ...overrides,
  }
}

describe('people presenters', () => {
  it('keeps the filters in the address of each page of the list', () => {
    expect(listHref({ role: 'product-manager', area: 'Digital & data', group: '' }, false, 2)).toBe(
      '/people?role=product-manager&area=Digital+%26+data&page=2',
    )
    expect(listHref({ role: 'x', area: '', group: '' }, true, 1)).toBe('/people?show=accounts')
    expect(listHref({ role: '', area: '', group: '' }, false, 1)).toBe('/people')
  })

  it('lists people with role names, the chosen filters selected and a page either side', () => {
    const query = listQuerySchema.parse({ area: 'Digital', page: '5' })
    const view = listView(BUNDLED_TERMS, {
      query,
      showAccounts: false,
      result: { people: [person()], page: 5, pages: 9, total: 180 },
      areas: [
        { businessArea: 'Digital', group: 'Web' },
        { businessArea: 'Policy', group: '' },
        { businessArea: '', group: 'Apps' },
      ],
    })
    expect(view.pageTitle).toBe('People')
    expect(view.people[0]?.careerRoleName).toBe('Product manager')
    expect(view.areaItems).toEqual([
      { value: '', text: 'All areas', selected: false },
      { value: 'Digital', text: 'Digital', selected: true },
      { value: 'Policy', text: 'Policy', selected: false },
    ])
    expect(view.groupItems.map(i => i.value)).toEqual(['', 'Apps', 'Web'])
    expect(view.filtered).toBe(true)
    expect(view.pagination?.items.map(i => i.number ?? '…')).toEqual([1, '…', 4, 5, 6, '…', 9])
  })

  it('names the role in a profile and describes each step of its history', () => {
    const step = {
      id: 'h1',
      personId: 'p1',
      careerRole: 'head-of-product',
      businessArea: 'Digital',
      group: '',
      lineManagerId: null,
      lineManagerName: null,
      change: 'promotion',
      fromDate: '2026-11-01',
      recordedAt: '2026-11-01T10:00:00.000Z',
      recordedByName: 'Grace',
    }
    const view = profileView(BUNDLED_TERMS, person(), [step, { ...step, change: 'odd' }], { manage: true, list: false })
    expect(view.careerRoleName).toBe('Product manager')
    expect(view.history[0]).toEqual({
      title: 'Promoted: Head of product',
      byline: 'recorded by Grace',
      datetime: '2026-11-01',
      dateText: '1 November 2026',
      lines: ['Business area: Digital', 'Group: none', 'Line manager: none'],
    })
    expect(view.history[1]?.title).toBe('odd: Head of product')
  })

  it('keeps a retired role the person holds among the choices', () => {
    expect(rolesFor(BUNDLED_TERMS, person({ careerRole: 'retired-role' })).at(-1)).toBe('retired-role')
    expect(rolesFor(BUNDLED_TERMS, person())).toHaveLength(BUNDLED_TERMS.roles.length)
  })

  it('leaves the person out of their own line manager choices and keeps a typed address', () => {
    const list = [
      { id: 'p1', name: 'Ada', email: 'ada@example.gov.uk' },
      { id: 'p2', name: 'Grace', email: 'grace@example.gov.uk' },
    ]
    expect(choiceItems(list, 'new@example.gov.uk', 'No line manager', 'p1')).toEqual([
      { value: '', text: 'No line manager', selected: false },
      { value: 'grace@example.gov.uk', text: 'Grace (grace@example.gov.uk)', selected: false },
      { value: 'new@example.gov.uk', text: 'new@example.gov.uk', selected: true },
    ])
  })

  it('describes one side of a conflict in words', () => {
    const words = describeInput(BUNDLED_TERMS, {
      careerRole: 'product-manager',
      lineManagerEmail: '',
      associateOfEmail: 'kept@example.gov.uk',
      businessArea: 'Digital',
      group: '',
      dateIntoRole: '2025-03-31',
      cadenceDays: null,
    } as never)
    expect(words).toMatchObject({
      careerRole: 'Product manager',
      lineManager: 'None',
      associateOf: 'None',
      group: 'None',
      dateIntoRole: '31 March 2025',
    })
  })
})
