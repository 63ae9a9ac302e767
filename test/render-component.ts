// Renders one app- component through its macro, as a page would, for component tests.
import * as cheerio from 'cheerio'
import { createViewEnvironment } from '../src/platform/http/views.ts'

const env = createViewEnvironment({ production: false })

/**
 * The HTML of `macroName(params)` from src/views/components/<folder>/macro.njk, and cheerio
 * loaded with it. The template text is fixed here; only `params` comes from the test.
 */
export function renderComponent(folder: string, macroName: string, params: unknown) {
  if (!/^[a-z-]+$/.test(folder) || !/^[A-Za-z]+$/.test(macroName)) throw new Error('Bad component name')
  const html = env.renderString(
    `{% from "views/components/${folder}/macro.njk" import ${macroName} %}{{ ${macroName}(params) }}`,
    { params },
  )
  return { html, $: cheerio.load(html) }
}
