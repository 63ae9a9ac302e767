// Who may do what with insight, as a table of kinds of viewer against actions.
import { describe, expect, it } from 'vitest'
import type { Viewer } from '../platform/auth/viewer.ts'
import {
  canAddInsight,
  canEditIdea,
  canEditInsight,
  canModerate,
  canSeeInsight,
  canSeePiece,
} from './insight.policy.ts'

const viewer = (id: string, o: Partial<Viewer> & { role?: Viewer['user']['role'] } = {}): Viewer => ({
  user: { id, name: id, email: `${id}@example.gov.uk`, role: o.role ?? 'member' },
  businessArea: null,
  headOfProfession: false,
  hasProfile: false,
  lineManagerId: null,
  managesSomeone: false,
  group: null,
  careerRole: null,
  ...o,
})

const author = viewer('author')
const stranger = viewer('stranger', { hasProfile: true })
const admin = viewer('admin', { role: 'administrator' })
const head = viewer('head', { careerRole: 'head-of-product', hasProfile: true })
const published = { status: 'published' as const, createdById: 'author' }
const merged = { status: 'merged' as const, createdById: 'author' }
const held = { status: 'held' as const, createdById: null }

describe('insight policy', () => {
  it('lets everyone signed in read and add, and nobody signed out', () => {
    for (const v of [author, stranger, admin, head]) {
      expect(canSeeInsight(v)).toBe(true)
      expect(canAddInsight(v)).toBe(true)
    }
    expect(canSeeInsight(null)).toBe(false)
    expect(canAddInsight(null)).toBe(false)
  })

  it.each([
    ['its author', author, false, true],
    ['someone responsible for a tagged thing', stranger, true, true],
    ['anyone else', stranger, false, false],
    ['an administrator', admin, false, true],
    ['a head of product', head, false, true],
    ['nobody signed in', null, true, false],
  ] as const)('lets %s change published insight: %s', (_who, v, responsible, expected) => {
    expect(canEditInsight(v, published, responsible)).toBe(expected)
  })

  it('changes merged insight no more, and held feedback only by moderating it', () => {
    expect(canEditInsight(admin, merged, true)).toBe(false)
    expect(canEditInsight(admin, held, true)).toBe(false)
    expect(canModerate(stranger, true)).toBe(true)
    expect(canModerate(stranger, false)).toBe(false)
    expect(canSeePiece(stranger, held, false)).toBe(false)
    expect(canSeePiece(stranger, held, true)).toBe(true)
    expect(canSeePiece(stranger, merged, false)).toBe(true)
  })

  it('lets an idea be changed by its author, the thing’s people, heads of product and administrators', () => {
    const idea = { createdById: 'author' }
    expect(canEditIdea(author, idea, false)).toBe(true)
    expect(canEditIdea(stranger, idea, false)).toBe(false)
    expect(canEditIdea(stranger, idea, true)).toBe(true)
    expect(canEditIdea(head, idea, false)).toBe(true)
    expect(canEditIdea(admin, { createdById: null }, false)).toBe(true)
    expect(canEditIdea(stranger, { createdById: null }, false)).toBe(false)
  })
})
