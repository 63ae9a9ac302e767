import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createViewEnvironment } from './views.ts'

describe('view environment', () => {
  it('resolves relative template paths as Nunjucks does, answering each once', () => {
    const env = createViewEnvironment({ production: true })
    // Nunjucks' types leave out the environment's loaders.
    const [loader] = (env as unknown as { loaders: { resolve(from: string, to: string): string }[] }).loaders
    if (!loader) throw new Error('expected a loader')
    const from = resolve('/templates/govuk/components/button/template.njk')
    expect(loader.resolve(from, '../../macros/attributes.njk')).toBe(resolve('/templates/govuk/macros/attributes.njk'))
    expect(loader.resolve(from, '../../macros/attributes.njk')).toBe(resolve('/templates/govuk/macros/attributes.njk'))
    expect(loader.resolve(from, './other.njk')).toBe(resolve('/templates/govuk/components/button/other.njk'))
  })

  it('renders GOV.UK macros, whose helpers are imported by relative path, the same every time', () => {
    const env = createViewEnvironment({ production: true })
    const template =
      '{% from "govuk/components/button/macro.njk" import govukButton %}{{ govukButton({ text: "Save", attributes: { id: "save" } }) }}'
    const first = env.renderString(template, {})
    expect(first).toContain('id="save"')
    expect(first).toContain('Save')
    expect(env.renderString(template, {})).toBe(first)
  })
})
