import { describe, expect, it } from 'vitest'
import { NotFoundError } from '../platform/errors.ts'
import { FRAMEWORK_2025, LEVELS, LEVEL_NAMES, withLeadership } from './framework.bundled.ts'
import { frameworkView, levelItems, levelOptions, levelsView, skillView } from './framework.views.ts'

const doc = withLeadership(FRAMEWORK_2025)
const withRetired = {
  ...doc,
  skills: doc.skills.map(s => (s.slug === doc.skills[0]?.slug ? { ...s, retired: true } : s)),
}

describe('framework presenters', () => {
  it('shows the active roles of the shape across and the skills down, core first, retired ones apart', () => {
    const view = frameworkView(withRetired, 'small', slug => `/framework/skills/${slug}`)
    expect(view.roles.map(r => r.name)).toEqual(['Associate product manager', 'Product manager', 'Head of product'])
    expect(view.groups.map(g => g.title)).toEqual(['Core skills', 'Leadership capabilities'])
    const first = view.groups[0]?.rows[0]
    expect(first?.href).toBe(`/framework/skills/${first?.skill.slug}`)
    expect(first?.levels).toHaveLength(3)
    expect(view.retiredSkills.map(s => s.skill.slug)).toEqual([doc.skills[0]?.slug])
    expect(view.groups.flatMap(g => g.rows).some(r => r.skill.slug === doc.skills[0]?.slug)).toBe(false)
  })

  it('leaves out a group with no skills', () => {
    expect(frameworkView(FRAMEWORK_2025, 'small', s => s).groups.map(g => g.title)).toEqual(['Core skills'])
  })

  it('describes one skill at each level and what each role expects', () => {
    const slug = doc.skills[1]?.slug ?? ''
    const view = skillView(doc, 'enterprise', slug)
    expect(view.descriptors.map(d => d.name)).toEqual(LEVELS.map(l => LEVEL_NAMES[l]))
    expect(view.expectations).toHaveLength(5)
    expect(() => skillView(doc, 'enterprise', 'no-such-skill')).toThrow(NotFoundError)
  })

  it('offers levels as radios, with not expected first when asked, and as a drop-down', () => {
    expect(levelsView()).toHaveLength(LEVELS.length)
    const radios = levelItems('working', true)
    expect(radios[0]).toEqual({ value: 'none', text: 'Not expected', checked: false })
    expect(radios.filter(r => r.checked).map(r => r.value)).toEqual(['working'])
    expect(levelItems(undefined, false)).toHaveLength(LEVELS.length)
    expect(
      levelOptions(undefined)
        .filter(o => o.selected)
        .map(o => o.value),
    ).toEqual(['none'])
    expect(
      levelOptions('expert')
        .filter(o => o.selected)
        .map(o => o.value),
    ).toEqual(['expert'])
  })
})
