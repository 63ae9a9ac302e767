import { describe, expect, it } from 'vitest'
import { slugify } from './slug.ts'

describe('slugify', () => {
  it('keeps letters and digits, drops accents, and joins words with single hyphens', () => {
    expect(slugify('Café au lait: 2 cups!')).toBe('cafe-au-lait-2-cups')
    expect(slugify('  --Apply for a fishing licence--  ')).toBe('apply-for-a-fishing-licence')
  })

  it('says nothing when nothing is left, and never ends in a hyphen when cut short', () => {
    expect(slugify('!!!')).toBe('')
    expect(slugify('abc def', 4)).toBe('abc')
    expect(slugify('x'.repeat(100))).toHaveLength(80)
  })
})
