import { describe, expect, it } from 'vitest'
import type { Viewer } from '../platform/auth/viewer.ts'
import { nav } from './handbook.nav.ts'

const viewer = (role: Viewer['user']['role']): Viewer => ({
  user: { id: 'u', name: 'Someone', email: 'someone@example.gov.uk', role },
  hasProfile: false,
  businessArea: null,
  headOfProfession: false,
  lineManagerId: null,
  managesSomeone: false,
  group: null,
  careerRole: null,
})
const keys = (items: readonly { key: string }[]) => items.map(i => i.key)

describe('handbook navigation', () => {
  it('offers the handbook to people who are not signed in only when it is public', () => {
    expect(keys(nav(null, { publicHandbook: false }))).toEqual([])
    expect(keys(nav(null, { publicHandbook: true }))).toEqual(['handbook'])
  })

  it('offers the suggestions queue to the people who review suggestions', () => {
    expect(keys(nav(viewer('member'), { publicHandbook: false }))).toEqual(['handbook'])
    expect(keys(nav(viewer('editor'), { publicHandbook: false }))).toEqual(['handbook', 'suggestions'])
  })
})
