import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createViewEnvironment, isLateTemplateError, renderView } from './views.ts'

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

describe('rendering a page whose included template fails', () => {
  it('throws for the request, and the late error is recognised', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const nunjucks = (await import('nunjucks')).default
    const dir = mkdtempSync(join(tmpdir(), 'views-'))
    writeFileSync(join(dir, 'page.njk'), 'before {% include "part.njk" %} after')
    writeFileSync(join(dir, 'part.njk'), '{{ x.none }}')
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: true })
    const late = new Promise<unknown>(resolve => {
      const listeners = process.listeners('uncaughtException')
      process.removeAllListeners('uncaughtException')
      process.once('uncaughtException', err => {
        for (const l of listeners) process.on('uncaughtException', l)
        resolve(err)
      })
    })
    expect(() => renderView(env, 'page.njk', {})).toThrow('Could not render page.njk')
    expect(isLateTemplateError(await late)).toBe(true)
    expect(isLateTemplateError(new Error('other'))).toBe(false)
  })
})
