import { describe, expect, it } from 'vitest'
import {
  FRAMEWORK_2017,
  FRAMEWORK_2025,
  LEADERSHIP_EXTENSION,
  LEVEL_NAMES,
  LEVEL_SUMMARIES,
  LEVELS,
  MAPPING_2017_TO_2025,
  withLeadership,
  type FrameworkDocument,
  type Level,
} from './framework.bundled.ts'

const ROLE_ORDER = [
  'associate-product-manager',
  'product-manager',
  'senior-product-manager',
  'lead-product-manager',
  'head-of-product',
]

const A = 'awareness'
const W = 'working'
const P = 'practitioner'
const E = 'expert'

// Copied cell by cell from domain.md §3a A. Columns: associate, PM, senior, lead, head of product.
const EXPECTED_2025: [string, string, (Level | null)[]][] = [
  ['agile-and-lean-practices', 'Agile and Lean practices', [W, P, P, E, E]],
  ['applying-user-centred-insights', 'Applying user-centred insights', [W, P, P, E, E]],
  ['creating-value-for-money', 'Creating value for money', [A, W, P, P, E]],
  ['life-cycle-management', 'Life cycle management', [A, W, P, E, E]],
  ['managing-product-outcomes', 'Managing product outcomes', [A, W, P, P, E]],
  ['product-leadership', 'Product leadership', [A, W, P, P, E]],
  ['product-management', 'Product management', [W, P, E, E, E]],
  ['stakeholder-relationship-management', 'Stakeholder relationship management', [W, P, P, E, E]],
  ['strategic-ownership', 'Strategic ownership', [A, W, P, E, E]],
]

// Copied cell by cell from domain.md §3a B.
const EXPECTED_2017: [string, string, (Level | null)[]][] = [
  ['ddat-perspective', 'DDaT perspective', [A, W, P, E, E]],
  ['financial-ownership', 'Financial ownership', [A, P, P, P, P]],
  ['lifecycle-perspective', 'Lifecycle perspective', [A, W, P, E, E]],
  ['problem-ownership', 'Problem ownership', [W, P, E, E, E]],
  ['product-ownership', 'Product ownership', [A, P, E, E, E]],
  ['strategy-ownership', 'Strategy ownership', [W, P, P, E, E]],
  ['understanding-constraints', 'Understanding constraints', [A, W, P, E, E]],
  ['user-focus', 'User focus', [W, P, P, P, E]],
  ['working-with-agility', 'Working with agility', [A, W, E, E, E]],
]

const LEADERSHIP_SLUGS = [
  'business-strategy',
  'digital-transformation',
  'teaching',
  'mentoring',
  'coaching',
  'facilitating',
]
const EXPECTED_LEADERSHIP: (Level | null)[] = [null, null, W, P, E]

const tableOf = (doc: { expectations: FrameworkDocument['expectations'] }, skillSlug: string): (Level | null)[] =>
  ROLE_ORDER.map(roleSlug => {
    const level = doc.expectations[roleSlug]?.[skillSlug]
    if (level === undefined) throw new Error(`missing expectation ${roleSlug}/${skillSlug}`)
    return level
  })

describe('levels', () => {
  it('lists the four levels in order with names and a one-sentence summary each', () => {
    expect(LEVELS).toEqual(['awareness', 'working', 'practitioner', 'expert'])
    expect(LEVELS.map(level => LEVEL_NAMES[level])).toEqual(['Awareness', 'Working', 'Practitioner', 'Expert'])
    for (const level of LEVELS) {
      const summary = LEVEL_SUMMARIES[level]
      expect(summary.length).toBeGreaterThan(20)
      expect(summary.trim().endsWith('.')).toBe(true)
      expect(summary.slice(0, -1)).not.toContain('. ')
    }
  })
})

describe.each([
  ['2025', FRAMEWORK_2025, EXPECTED_2025],
  ['2017', FRAMEWORK_2017, EXPECTED_2017],
] as const)('the %s framework', (_, doc, expected) => {
  it('has the five roles in pathway order, with their shapes and a summary', () => {
    expect(doc.roles.map(role => [role.slug, role.name, role.shapes])).toEqual([
      ['associate-product-manager', 'Associate product manager', ['small', 'medium', 'enterprise']],
      ['product-manager', 'Product manager', ['small', 'medium', 'enterprise']],
      ['senior-product-manager', 'Senior product manager', ['medium', 'enterprise']],
      ['lead-product-manager', 'Lead product manager', ['enterprise']],
      ['head-of-product', 'Head of product', ['small', 'medium', 'enterprise']],
    ])
    for (const role of doc.roles) expect(role.summary.length).toBeGreaterThan(20)
  })

  it('names its source and licence', () => {
    expect(doc.source).toMatch(/^https:\/\//)
    expect(doc.licence).toBe('Open Government Licence v3.0')
    expect(doc.name.length).toBeGreaterThan(0)
  })

  it('has exactly the published skills, in order, all core', () => {
    expect(doc.skills.map(skill => [skill.slug, skill.name])).toEqual(expected.map(([slug, name]) => [slug, name]))
    for (const skill of doc.skills) expect(skill.group).toBe('core')
  })

  it.each(expected)('expects the published level of %s for each role', (slug, _name, levels) => {
    expect(tableOf(doc, slug)).toEqual(levels)
  })

  it('has an expectation for every role and skill, and no others', () => {
    expect(Object.keys(doc.expectations).sort()).toEqual([...ROLE_ORDER].sort())
    const skillSlugs = doc.skills.map(skill => skill.slug).sort()
    for (const roleSlug of ROLE_ORDER) expect(Object.keys(doc.expectations[roleSlug] ?? {}).sort()).toEqual(skillSlugs)
  })

  it('uses unique slugs', () => {
    const skillSlugs = doc.skills.map(skill => skill.slug)
    const roleSlugs = doc.roles.map(role => role.slug)
    expect(new Set(skillSlugs).size).toBe(skillSlugs.length)
    expect(new Set(roleSlugs).size).toBe(roleSlugs.length)
    for (const slug of [...skillSlugs, ...roleSlugs]) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })
})

describe('the 2025 framework', () => {
  it('is the 28 February 2025 revision of the product manager roles', () => {
    expect(FRAMEWORK_2025.name).toBe('Government Digital and Data capability framework, product manager roles')
    expect(FRAMEWORK_2025.source).toBe('https://ddat-capability-framework.service.gov.uk/')
    expect(FRAMEWORK_2017.name).toBe('Product and service management community version (2017)')
    expect(FRAMEWORK_2017.source).toBe('https://github.com/alphagov/ddat-pathway-product-service-manager')
    expect(FRAMEWORK_2025.key).not.toBe(FRAMEWORK_2017.key)
  })
})

describe('descriptors and gists', () => {
  const allSkills = [...FRAMEWORK_2025.skills, ...FRAMEWORK_2017.skills, ...LEADERSHIP_EXTENSION.skills]

  it('covers 24 skills', () => {
    expect(allSkills).toHaveLength(24)
  })

  it.each(allSkills.map(skill => [skill.slug, skill] as const))('%s has a gist and four descriptors', (_, skill) => {
    expect(skill.gist.trim().length).toBeGreaterThan(20)
    expect(skill.gist.trim().endsWith('.')).toBe(true)
    expect(Object.keys(skill.descriptors).sort()).toEqual([...LEVELS].sort())
    const texts = LEVELS.map(level => skill.descriptors[level])
    for (const text of texts) {
      expect(text.trim().length).toBeGreaterThan(40)
      expect(text.length).toBeLessThan(320)
      expect(text).toMatch(/\b[Yy]ou\b/)
      const sentences = text.split(/(?<=\.)\s+/)
      expect(sentences.length).toBeGreaterThanOrEqual(2)
      expect(sentences.length).toBeLessThanOrEqual(3)
    }
    expect(new Set(texts).size).toBe(4)
  })

  it('never repeats a descriptor between skills', () => {
    const texts = allSkills.flatMap(skill => LEVELS.map(level => skill.descriptors[level]))
    expect(new Set(texts).size).toBe(texts.length)
  })
})

describe('the leadership extension', () => {
  it('has the six leadership capabilities', () => {
    expect(LEADERSHIP_EXTENSION.skills.map(skill => skill.slug)).toEqual(LEADERSHIP_SLUGS)
    for (const skill of LEADERSHIP_EXTENSION.skills) expect(skill.group).toBe('leadership')
  })

  it.each(LEADERSHIP_SLUGS)('expects %s from senior product manager upwards', slug => {
    expect(tableOf(LEADERSHIP_EXTENSION, slug)).toEqual(EXPECTED_LEADERSHIP)
  })
})

describe('withLeadership', () => {
  it.each([
    ['2025', FRAMEWORK_2025],
    ['2017', FRAMEWORK_2017],
  ] as const)('adds the six leadership skills and their expectations to the %s framework', (_, doc) => {
    const extended = withLeadership(doc)
    expect(extended.skills).toHaveLength(doc.skills.length + 6)
    expect(extended.skills.slice(doc.skills.length).map(skill => skill.slug)).toEqual(LEADERSHIP_SLUGS)
    for (const slug of LEADERSHIP_SLUGS) expect(tableOf(extended, slug)).toEqual(EXPECTED_LEADERSHIP)
    for (const skill of doc.skills) expect(tableOf(extended, skill.slug)).toEqual(tableOf(doc, skill.slug))
    expect(extended.key).toBe(doc.key)
  })

  it('leaves the bundled document unchanged', () => {
    const before = JSON.stringify(FRAMEWORK_2025)
    const extended = withLeadership(FRAMEWORK_2025)
    const [firstSkill] = extended.skills
    const [firstRole] = extended.roles
    const headExpectations = extended.expectations['head-of-product']
    if (!firstSkill || !firstRole || !headExpectations) throw new Error('extended framework is incomplete')
    firstSkill.descriptors.awareness = 'changed'
    firstRole.shapes.pop()
    headExpectations['product-management'] = null
    expect(JSON.stringify(FRAMEWORK_2025)).toBe(before)
    expect(FRAMEWORK_2025.skills.some(skill => skill.group === 'leadership')).toBe(false)
  })

  it('does not add the skills twice', () => {
    const twice = withLeadership(withLeadership(FRAMEWORK_2025))
    expect(twice.skills).toHaveLength(15)
    expect(twice).toEqual(withLeadership(FRAMEWORK_2025))
  })
})

describe('mapping from 2017 to 2025', () => {
  const slugs2017 = FRAMEWORK_2017.skills.map(skill => skill.slug)
  const slugs2025 = new Set(FRAMEWORK_2025.skills.map(skill => skill.slug))

  it('covers every 2017 skill and points only at 2025 skills', () => {
    expect(Object.keys(MAPPING_2017_TO_2025).sort()).toEqual([...slugs2017].sort())
    for (const targets of Object.values(MAPPING_2017_TO_2025)) {
      for (const target of targets) expect(slugs2025.has(target)).toBe(true)
    }
  })

  it('carries each skill to its successor', () => {
    expect(MAPPING_2017_TO_2025).toEqual({
      'working-with-agility': ['agile-and-lean-practices'],
      'lifecycle-perspective': ['life-cycle-management'],
      'user-focus': ['applying-user-centred-insights'],
      'financial-ownership': ['creating-value-for-money'],
      'strategy-ownership': ['strategic-ownership'],
      'product-ownership': ['product-management'],
      'problem-ownership': ['product-management'],
      'ddat-perspective': [],
      'understanding-constraints': [],
    })
  })
})
