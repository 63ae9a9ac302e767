import { describe, expect, it } from 'vitest'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Person } from '../people/people.types.ts'
import type { Meeting, MeetingAction, MeetingSummary } from './development.repository.ts'
import type { GoalView, OverviewRow, SkillRef } from './development.service.ts'
import {
  goalFormView,
  meetingFormView,
  meetingView,
  navFor,
  noteItems,
  oneToOnesView,
  oneToOneAttention,
  overviewView,
  personHeading,
  personNav,
  rotationFormView,
  skillItems,
} from './development.views.ts'

const MANAGER_ID = '00000000-0000-4000-8000-000000000001'
const PERSON_ID = '00000000-0000-4000-8000-000000000002'

function person(overrides: Partial<Person> = {}): Person {
  return {
    id: PERSON_ID,
    name: 'Ada Lovelace',
    email: 'ada@example.gov.uk',
    accountRole: 'member',
    accountStatus: 'active',
    hasProfile: true,
    careerRole: 'associate-product-manager',
    lineManagerId: MANAGER_ID,
    lineManagerName: 'Grace Hopper',
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

const viewer = (id: string): Viewer => ({
  user: { id, name: 'Someone', email: 'someone@example.gov.uk', role: 'member' },
  businessArea: 'Digital',
  headOfProfession: false,
  hasProfile: true,
  lineManagerId: null,
  managesSomeone: false,
  group: null,
  careerRole: null,
})
const self = viewer(PERSON_ID)
const manager = viewer(MANAGER_ID)
const skills: SkillRef[] = [
  { slug: 'user-focus', name: 'User focus', group: 'core' },
  { slug: 'old-skill', name: 'Old skill', group: 'core', retired: true },
]
const empty = { day: '', month: '', year: '' }

describe('development presenters', () => {
  it('gives an associate tabs for their pathway, plan, 1:1s and rotations, with the current one active', () => {
    const tabs = personNav(self, person(), 'one-to-ones')
    expect(tabs?.map(t => t.href)).toEqual([
      `/people/${PERSON_ID}/pathway`,
      `/people/${PERSON_ID}/plan`,
      `/people/${PERSON_ID}/one-to-ones`,
      `/people/${PERSON_ID}/rotations`,
    ])
    expect(tabs?.filter(t => t.active).map(t => t.text)).toEqual(['1:1s'])
    expect(personNav(self, person({ careerRole: 'product-manager' }), 'plan')?.map(t => t.text)).not.toContain(
      'Rotations',
    )
  })

  it('marks the person’s own pages as their pathway and a manager’s as their team', () => {
    expect(navFor(self, person())).toBe('pathway')
    expect(navFor(manager, person())).toBe('team')
    expect(navFor(viewer('00000000-0000-4000-8000-000000000003'), person())).toBeUndefined()
  })

  it('names the person’s role and says whether the page is the viewer’s own', () => {
    const names = (slug: string) => (slug === 'associate-product-manager' ? 'Associate product manager' : slug)
    expect(personHeading(self, person(), names)).toMatchObject({
      person: { roleName: 'Associate product manager' },
      self: true,
    })
    expect(personHeading(manager, person({ careerRole: null }), names)).toMatchObject({
      person: { roleName: null },
      self: false,
    })
  })

  it('lists a goal’s progress notes with who wrote them and when', () => {
    const items = noteItems([
      {
        id: 'n1',
        goalId: 'g1',
        authorId: null,
        authorName: 'Ada',
        text: 'Done a thing',
        createdAt: '2026-12-01T09:30:00.000Z',
      },
    ])
    expect(items).toEqual([
      {
        title: 'Progress note',
        byline: 'by Ada',
        datetime: '2026-12-01T09:30:00.000Z',
        dateText: expect.stringContaining('1 December 2026'),
        text: 'Done a thing',
      },
    ])
  })

  it('says when a skill is retired and ticks the chosen ones', () => {
    expect(skillItems(skills, ['old-skill'])).toEqual([
      { value: 'user-focus', text: 'User focus', checked: false },
      { value: 'old-skill', text: 'Old skill (retired)', checked: true },
    ])
  })

  it('links suggested pages and safe resources to a prefilled goal, leaving out retired skills as choices', () => {
    const view = goalFormView(
      {
        mode: 'new',
        person: person(),
        values: {},
        skills: [],
        due: empty,
        suggestedSkill: skills[0],
        suggestions: [
          {
            slug: 'discovery',
            title: 'Discovery',
            resources: [
              { title: 'Safe', url: 'https://example.com/safe' },
              { title: 'Unsafe', url: 'javascript:alert(1)' },
            ],
          },
        ] as never,
      },
      skills,
    )
    expect(view.pageTitle).toBe('Add a goal')
    expect(view.suggestions[0]?.href).toContain(`/people/${PERSON_ID}/plan/goals/new?skill=user-focus`)
    expect(view.suggestions[0]?.resources.map(r => r.href === null)).toEqual([false, true])
    expect(view.skillOptions.map(o => o.value)).toEqual(['', 'user-focus'])
    expect(view.conflict).toBeNull()
  })

  it('shows the goal they typed beside the latest one when someone saved first', () => {
    const latest = { title: 'Latest' } as GoalView
    const view = goalFormView(
      {
        mode: 'edit',
        person: person(),
        values: { status: 'done' },
        skills: ['user-focus', 'gone'],
        due: empty,
        conflict: { latest, yours: { title: 'Mine', status: 'done' } },
      },
      skills,
    )
    expect(view.pageTitle).toBe('Change a goal')
    expect(view.conflict?.yours).toMatchObject({
      title: 'Mine',
      statusLabel: 'Done',
      skillNames: ['User focus', 'gone'],
    })
    expect(view.statusItems.filter(i => i.checked).map(i => i.value)).toEqual(['done'])
  })

  it('lists 1:1s to come soonest first and past ones latest first', () => {
    const meetings = ['2026-12-20', '2026-12-10', '2026-11-01'].map(
      (heldOn, i) => ({ id: String(i), heldOn }) as MeetingSummary,
    )
    const view = oneToOnesView(meetings, '2026-12-04', m => m.id !== '2')
    expect(view.upcoming.map(m => m.heldOn)).toEqual(['2026-12-10', '2026-12-20'])
    expect(view.past).toEqual([{ id: '2', heldOn: '2026-11-01', visible: false, upcoming: false }])
  })

  it('offers the people a 1:1 can be with, naming the viewer as you', () => {
    const view = meetingFormView(
      { mode: 'new', viewer: self, person: person(), values: { withId: MANAGER_ID }, held: empty },
      [
        { id: MANAGER_ID, name: 'Grace Hopper', relationship: 'line manager' },
        { id: 'other', name: 'Not a choice', relationship: 'associated senior' },
      ] as never,
      [MANAGER_ID],
    )
    expect(view.withOptions).toEqual([
      { value: MANAGER_ID, text: 'Grace Hopper', hint: { text: 'Your line manager' }, checked: true },
    ])
    expect(view.other).toBeNull()
  })

  it('marks open actions past their date as overdue and names the other person', () => {
    const meeting = { personId: PERSON_ID, personName: 'Ada', withId: MANAGER_ID, withName: 'Grace' } as Meeting
    const actions = [
      { id: 'a', status: 'open', dueOn: '2026-12-01' },
      { id: 'b', status: 'done', dueOn: '2026-12-01' },
      { id: 'c', status: 'open', dueOn: '2026-12-04' },
    ] as MeetingAction[]
    const view = meetingView(self, meeting, actions, { today: '2026-12-04', values: {}, actionDue: empty })
    expect(view.other).toBe('Grace')
    expect(view.actions.map(a => a.overdue)).toEqual([true, false, false])
    expect(view.ownerItems.map(i => i.text)).toEqual(['You (Ada)', 'Grace'])
  })

  it('counts overdue 1:1s in a manager’s overview', () => {
    const rows = [
      { person: person(), cadence: { status: 'overdue' } },
      { person: person({ careerRole: null }), cadence: { status: 'ok' } },
    ] as OverviewRow[]
    const view = overviewView(rows, slug => `Role ${slug}`)
    expect(view.overdueCount).toBe(1)
    expect(view.rows.map(r => r.roleName)).toEqual(['Role associate-product-manager', ''])
  })

  it('never says nobody is overdue above people who have not had a 1:1 yet', () => {
    const rows = [
      { person: person(), cadence: { status: 'none' } },
      { person: person(), cadence: { status: 'none' } },
      { person: person(), cadence: { status: 'ok' } },
    ] as OverviewRow[]
    expect(overviewView(rows, slug => slug).attention).toBe('2 people have not had a 1:1 yet.')
    expect(oneToOneAttention(1, 3)).toBe('1 person is overdue a 1:1, and 3 people have not had one yet.')
    expect(oneToOneAttention(2, 0)).toBe('2 people are overdue a 1:1.')
    expect(oneToOneAttention(0, 1)).toBe('1 person has not had a 1:1 yet.')
    expect(oneToOneAttention(0, 0)).toBe('Everyone has had a 1:1 recently enough: nobody is overdue.')
  })

  it('titles the placement form by whether it adds or changes one', () => {
    const view = rotationFormView({ values: { phase: 'beta' }, started: empty, ended: empty })
    expect(view.pageTitle).toBe('Add a placement')
    expect(view.phaseItems.filter(i => i.checked).map(i => i.value)).toEqual(['beta'])
    expect(rotationFormView({ rotation: {} as never, values: {}, started: empty, ended: empty }).pageTitle).toBe(
      'Change a placement',
    )
  })
})
