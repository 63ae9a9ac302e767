import { describe, expect, it } from 'vitest'
import type { Level } from '../framework/framework.bundled.ts'
import type { Viewer } from './pathway.policy.ts'
import type { CheckinDetail, CheckinSkill } from './pathway.service.ts'
import {
  checkinHeading,
  checkinPath,
  checkinSkills,
  levelItems,
  managerSkills,
  selfSkills,
  statusTag,
} from './pathway.views.ts'

const descriptors: Record<Level, string> = {
  awareness: 'Knows of it',
  working: 'Does it with help',
  practitioner: 'Does it alone',
  expert: 'Teaches it',
}

function skill(slug: string, rating: Partial<CheckinSkill['rating']> = {}): CheckinSkill {
  return {
    skill: { slug, name: slug, gist: '', descriptors, retired: false },
    expected: 'working',
    rating: {
      selfLevel: null,
      selfEvidence: '',
      managerLevel: null,
      managerNote: '',
      agreedLevel: null,
      agreedNote: '',
      ...rating,
    } as CheckinSkill['rating'],
    differs: false,
  }
}

function detail(status: CheckinDetail['checkin']['status'], skills: CheckinSkill[]): CheckinDetail {
  return {
    checkin: { id: 'c1', status } as CheckinDetail['checkin'],
    person: { id: 'p1', name: 'Ada' } as CheckinDetail['person'],
    version: { number: 2, name: 'Framework 2025' } as CheckinDetail['version'],
    isCurrentVersion: true,
    roleName: 'Product manager',
    skills,
  }
}

const self: Viewer = {
  user: { id: 'p1', name: 'Ada', email: 'a@example.gov.uk', role: 'member' },
  businessArea: null,
  headOfProfession: false,
  hasProfile: true,
  lineManagerId: null,
  managesSomeone: false,
  group: null,
  careerRole: null,
}

describe('pathway presenters', () => {
  it('tags each status and builds the addresses of a check-in', () => {
    expect(statusTag('agreed')).toEqual({ text: expect.any(String), classes: 'govuk-tag--green' })
    expect(checkinPath('p1', 'c1')).toBe('/people/p1/check-ins/c1')
    expect(checkinPath('p1', 'c1', 'self')).toBe('/people/p1/check-ins/c1/self')
  })

  it('offers the four levels with their descriptors as hints', () => {
    const items = levelItems(descriptors, 'expert')
    expect(items.map(i => i.hint?.text)).toEqual(Object.values(descriptors))
    expect(items.filter(i => i.checked).map(i => i.value)).toEqual(['expert'])
    expect(levelItems(null, null).every(i => i.hint === undefined)).toBe(true)
  })

  it('heads a check-in page with whose it is, its status and its version', () => {
    const heading = checkinHeading(self, detail('draft', []))
    expect(heading).toMatchObject({
      person: { id: 'p1', name: 'Ada' },
      self: true,
      checkin: { path: '/people/p1/check-ins/c1', tag: { classes: 'govuk-tag--grey' } },
      version: { number: 2, name: 'Framework 2025' },
    })
  })

  it('shows the descriptor of the agreed level once agreed, else the person’s own only to those who may see it', () => {
    const skills = [skill('a', { selfLevel: 'working', agreedLevel: 'expert' })]
    expect(checkinSkills(detail('agreed', skills), false)[0]?.shownDescriptor).toEqual({
      level: 'Expert',
      text: 'Teaches it',
    })
    expect(checkinSkills(detail('submitted', skills), true)[0]?.shownDescriptor?.text).toBe('Does it with help')
    expect(checkinSkills(detail('submitted', skills), false)[0]?.shownDescriptor).toBeNull()
    expect(checkinSkills(detail('submitted', skills), false)[0]?.selfName).toBe('Working')
  })

  it('keeps the person’s answers and shows what is saved now after a conflict', () => {
    const latest = detail('draft', [skill('a', { selfLevel: 'expert', selfEvidence: 'Saved elsewhere' })])
    const rows = selfSkills(
      detail('draft', [skill('a'), skill('b')]),
      { a: { level: 'working', evidence: 'Mine' } },
      latest,
    )
    expect(rows[0]).toMatchObject({ evidence: 'Mine', saved: { level: 'Expert', evidence: 'Saved elsewhere' } })
    expect(rows[1]).toMatchObject({ evidence: '', saved: null })
  })

  it('shows the line manager their own earlier view only when agreeing', () => {
    const d = detail('reviewed', [skill('a', { managerLevel: 'practitioner' })])
    expect(managerSkills(d, { a: { level: 'working', note: 'Fine' } }, true)[0]).toMatchObject({
      managerName: 'Practitioner',
      note: 'Fine',
    })
    expect(managerSkills(d, {}, false)[0]).not.toHaveProperty('managerName')
  })
})
