// What the registry promises every kind: a unique address that cannot clash with the strategy
// page's own routes, templates that exist, an empty content its schema accepts, and sections for
// diffs and Markdown.
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DOCUMENT_KINDS } from './index.ts'

const RESERVED = ['edit', 'move', 'delete', 'history', 'strategy.md', 'roadmap', 'metrics', 'hypotheses']

describe('the registry of document kinds', () => {
  it('gives every kind a unique address that no other page uses', () => {
    const slugs = DOCUMENT_KINDS.map(k => k.slug)
    expect(new Set(slugs).size).toBe(slugs.length)
    for (const slug of slugs) {
      expect(slug).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(RESERVED).not.toContain(slug)
    }
  })

  it.each(DOCUMENT_KINDS.map(k => [k.slug, k] as const))(
    '%s has templates, an empty value and sections',
    (_slug, kind) => {
      for (const template of [kind.templates.form, kind.templates.show])
        expect(existsSync(new URL(`../../${template}`, import.meta.url)), template).toBe(true)
      expect(kind.schema.safeParse(kind.empty).success).toBe(true)
      expect(kind.isEmpty(kind.empty)).toBe(true)
      expect(kind.sections(kind.empty).length).toBeGreaterThan(0)
      expect(kind.name).toMatch(/^[A-Z][a-z ]+$/)
    },
  )

  it.each(DOCUMENT_KINDS.map(k => [k.slug, k] as const))('%s refuses an empty form with a message', (_slug, kind) => {
    const read = kind.read({}, kind.empty, { people: [] })
    expect(read.ok).toBe(false)
    expect(read.errors?.list.length).toBeGreaterThan(0)
  })
})
