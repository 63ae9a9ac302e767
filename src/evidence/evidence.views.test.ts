// The evidence pack's presenters: gaps in words, what each skill shows, the task list's statuses,
// the check-in evidence offered as checkboxes, and the role radios.
import { describe, expect, it } from 'vitest'
import type { PackSkillView, PackView } from './evidence.service.ts'
import type { PackSkill } from './evidence.types.ts'
import {
  evidenceItems,
  gapText,
  listPage,
  packPage,
  roleItems,
  skillSection,
  skillValues,
  starFields,
  moreExampleSlots,
} from './evidence.views.ts'

const saved = (o: Partial<PackSkill> = {}): PackSkill => ({
  id: 's1',
  packId: 'p1',
  skillSlug: 'product-management',
  picked: [],
  situation: 'Claims were slow',
  task: 'Find out why',
  action: 'I mapped it',
  result: 'Two days',
  more: [],
  updatedAt: '2026-12-01T10:00:00.000Z',
  version: 3,
  ...o,
})

const row = (o: Partial<PackSkillView> = {}): PackSkillView => ({
  skill: { slug: 'product-management', name: 'Product management', gist: 'Owns the product' },
  expected: 'expert',
  agreed: 'practitioner',
  gap: 1,
  saved: null,
  picked: [],
  ...o,
})

describe('evidence presenters', () => {
  it('puts the gap into words', () => {
    expect(gapText(row())).toBe('1 level below')
    expect(gapText(row({ agreed: 'awareness', gap: 3 }))).toBe('3 levels below')
    expect(gapText(row({ agreed: 'expert', gap: 0 }))).toBe('Meets the expected level')
    expect(gapText(row({ agreed: null, gap: null }))).toBe('Not known until you have an agreed level')
    expect(gapText(row({ expected: null, gap: null }))).toBe('Not expected for this role')
  })

  it('shows a skill’s levels, the picked evidence and a whole example, or says it is empty', () => {
    const empty = skillSection(row({ agreed: null, gap: null }))
    expect(empty.levels.map(l => l.value.text)).toEqual([
      'Expert',
      'No agreed level yet',
      'Not known until you have an agreed level',
    ])
    expect(empty).toMatchObject({ picked: [], example: null, empty: true })

    const full = skillSection(
      row({
        saved: saved(),
        picked: [
          { checkinId: 'c1', writtenAt: '2026-03-03T10:00:00.000Z', skillSlug: 'product-management', text: 'Did it' },
        ],
      }),
    )
    expect(full.picked).toEqual([{ when: 'From the check-in sent on 3 March 2026', text: 'Did it' }])
    expect(full.example?.map(p => p.label)).toEqual(['Situation', 'Task', 'Action', 'Result'])
    expect(full.empty).toBe(false)
    // Half an example (as saved before a rule changed) is not shown as one.
    expect(skillSection(row({ saved: saved({ result: '' }) })).example).toBeNull()
  })

  it('lists skills with their status and sums up the pack', () => {
    const view: PackView = {
      pack: { id: 'p1', personId: 'u1', roleSlug: 'spm', createdAt: '', updatedAt: '2026-12-01T10:00:00.000Z' },
      owner: { id: 'u1', name: 'Pat' },
      roleName: 'Senior product manager',
      roleCurrent: true,
      frameworkVersion: 2,
      hasAgreed: true,
      skills: [
        row({ saved: saved() }),
        row({ skill: { slug: 'agile', name: 'Agile', gist: '' }, agreed: 'expert', gap: 0 }),
      ],
    }
    const page = packPage(view, { edit: true })
    expect(page.title).toBe('Evidence for Senior product manager')
    expect(page.summary).toEqual({ skills: 2, withEvidence: 1, meeting: 1 })
    expect(page.tasks).toEqual([
      {
        title: { text: 'Product management' },
        href: '/evidence/p1/edit/product-management',
        status: { text: 'Evidence added' },
      },
      {
        title: { text: 'Agile' },
        href: '/evidence/p1/edit/agile',
        status: { tag: { text: 'Not started', classes: 'govuk-tag--blue' } },
      },
    ])
    expect(page.hrefs.print).toBe('/evidence/p1/print')
  })

  it('offers check-in evidence as checkboxes, ticking what was picked', () => {
    const items = evidenceItems(
      [
        { checkinId: 'c2', writtenAt: '2026-06-01T10:00:00.000Z', skillSlug: 's', text: 'Newer' },
        { checkinId: 'c1', writtenAt: '2026-01-05T10:00:00.000Z', skillSlug: 's', text: 'Older' },
      ],
      ['c1'],
    )
    expect(items).toEqual([
      { value: 'c2', text: 'From your check-in sent on 1 June 2026', hint: { text: 'Newer' }, checked: false },
      { value: 'c1', text: 'From your check-in sent on 5 January 2026', hint: { text: 'Older' }, checked: true },
    ])
  })

  it('fills the skill form from what is saved, or empty at version 0', () => {
    expect(skillValues(null)).toMatchObject({ picked: [], situation: '', version: '0' })
    expect(skillValues(saved({ picked: ['c1'] }))).toMatchObject({ picked: ['c1'], result: 'Two days', version: '3' })
    expect(starFields({ situation: 'Typed' }).map(f => [f.name, f.value, f.maxlength])).toEqual([
      ['situation', 'Typed', 1200],
      ['task', '', 1200],
      ['action', '', 1200],
      ['result', '', 1200],
    ])
  })

  it('suggests the next role and says where a pack exists already', () => {
    const roles = [
      { slug: 'pm', name: 'Product manager' },
      { slug: 'spm', name: 'Senior product manager' },
    ]
    const items = roleItems(roles, { suggested: 'spm', chosen: undefined, existing: ['pm'] })
    expect(items.map(i => [i.value, i.checked, i.hint?.text])).toEqual([
      ['pm', false, 'You have a pack for this role already: you will go to it'],
      ['spm', true, 'The next role in your pathway'],
    ])
    expect(roleItems(roles, { suggested: 'spm', chosen: 'pm', existing: [] }).find(i => i.checked)?.value).toBe('pm')
  })

  it('lists own packs and packs shared with the viewer', () => {
    const page = listPage(
      {
        own: [
          {
            id: 'a',
            personId: 'u',
            roleSlug: 'spm',
            roleName: 'Senior product manager',
            createdAt: '',
            updatedAt: '2026-12-01T10:00:00.000Z',
          },
        ],
        shared: [
          {
            id: 'b',
            personId: 'v',
            roleSlug: 'lpm',
            roleName: 'Lead product manager',
            createdAt: '',
            updatedAt: '',
            ownerName: 'Vic',
            sharedAt: '2026-12-02T10:00:00.000Z',
          },
        ],
      },
      { make: true },
    )
    expect(page.own).toEqual([
      { href: '/evidence/a', title: 'Evidence for Senior product manager', changed: 'Last changed on 1 December 2026' },
    ])
    expect(page.shared).toEqual([
      {
        href: '/evidence/b',
        title: 'Vic: evidence for Lead product manager',
        changed: 'Shared with you on 2 December 2026',
      },
    ])
  })
})

describe('further example slots', () => {
  it('keeps every slot up to the last one typed in, then offers one more once the first example is whole', () => {
    const first = { situation: 'S', task: 'T', action: 'A', result: 'R' }
    expect(moreExampleSlots({}).map(s => s.slot)).toEqual([])
    expect(moreExampleSlots({ situation: 'Half a story' }).map(s => s.slot)).toEqual([])
    expect(moreExampleSlots(first).map(s => s.slot)).toEqual([2])
    expect(moreExampleSlots({ ...first, 'task-3': 'T' }).map(s => s.slot)).toEqual([2, 3, 4])
    expect(moreExampleSlots({ 'result-5': 'R' }).map(s => s.slot)).toEqual([2, 3, 4, 5])
    const [slot] = moreExampleSlots({ 'situation-2': 'S' })
    expect(slot?.legend).toBe('Example 2 (optional)')
    expect(slot?.fields.map(f => [f.name, f.value])).toEqual([
      ['situation-2', 'S'],
      ['task-2', ''],
      ['action-2', ''],
      ['result-2', ''],
    ])
  })
})
