// Who sees which leaders' view, as a table of people against views.
import { describe, expect, it } from 'vitest'
import type { Role } from '../platform/auth/roles.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import {
  canRecordBalance,
  canSeeAreaView,
  canSeeBalance,
  canSeeGroupView,
  canSeeOrganisationView,
  canSeePortfolio,
} from './portfolio.policy.ts'

const person = (o: {
  role?: Role
  careerRole?: string | null
  area?: string | null
  group?: string | null
  head?: boolean
}): Viewer => ({
  user: { id: 'u', name: 'U', email: 'u@example.gov.uk', role: o.role ?? 'member' },
  hasProfile: o.careerRole !== undefined,
  businessArea: o.area ?? null,
  group: o.group ?? null,
  careerRole: o.careerRole ?? null,
  headOfProfession: o.head ?? false,
  lineManagerId: null,
  managesSomeone: false,
})

const PEOPLE = {
  admin: person({ role: 'administrator' }),
  headOfProduct: person({ careerRole: 'head-of-product' }),
  headOfProfession: person({ careerRole: 'product-manager', head: true }),
  lead: person({ careerRole: 'lead-product-manager', area: 'Licensing' }),
  leaderRole: person({ role: 'leader', careerRole: 'product-manager', area: 'Licensing' }),
  otherLead: person({ careerRole: 'lead-product-manager', area: 'Grants' }),
  spm: person({ careerRole: 'senior-product-manager', area: 'Licensing', group: 'Fishing' }),
  pm: person({ careerRole: 'product-manager', area: 'Licensing', group: 'Fishing' }),
  editor: person({ role: 'editor' }),
}

// organisation, area Licensing, group Licensing/Fishing, group Licensing/Boats, balance, front page
const TABLE: Record<keyof typeof PEOPLE, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  admin: [true, true, true, true, true, true],
  headOfProduct: [true, true, true, true, true, true],
  headOfProfession: [true, true, true, true, true, true],
  lead: [false, true, true, true, true, true],
  leaderRole: [false, true, true, true, true, true],
  otherLead: [false, false, false, false, true, true],
  spm: [false, false, true, false, false, true],
  pm: [false, false, false, false, false, false],
  editor: [false, false, false, false, false, false],
}

describe('portfolio policy', () => {
  it.each(Object.entries(TABLE))('%s', (who, expected) => {
    const v = PEOPLE[who as keyof typeof PEOPLE]
    expect([
      canSeeOrganisationView(v),
      canSeeAreaView(v, 'Licensing'),
      canSeeGroupView(v, 'Licensing', 'Fishing'),
      canSeeGroupView(v, 'Licensing', 'Boats'),
      canSeeBalance(v),
      canSeePortfolio(v),
    ]).toEqual(expected)
    expect(canRecordBalance(v)).toBe(canSeeBalance(v))
  })

  it('refuses everyone signed out, and the empty area and group', () => {
    expect(canSeePortfolio(null)).toBe(false)
    expect(canSeeAreaView(null, 'Licensing')).toBe(false)
    expect(canSeeAreaView(person({ careerRole: 'lead-product-manager', area: '' }), '')).toBe(false)
    expect(canSeeGroupView(person({ careerRole: 'senior-product-manager', area: 'A', group: '' }), 'A', '')).toBe(false)
  })
})
