// Nunjucks, set up once: the loader is rooted at src/ (so capability views are named like
// 'handbook/views/page.njk') with GOV.UK Frontend and MoJ Frontend macros beside it.
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import nunjucks from 'nunjucks'
import { filters } from './filters.ts'

const require = createRequire(import.meta.url)
const SRC_DIR = resolve(import.meta.dirname, '../..')
const GOVUK_DIR = resolve(dirname(require.resolve('govuk-frontend/package.json')), 'dist')
const MOJ_DIR = dirname(require.resolve('@ministryofjustice/frontend/package.json'))

export type ViewEnvironment = nunjucks.Environment

export function createViewEnvironment(options: { production: boolean }): ViewEnvironment {
  const loader = new nunjucks.FileSystemLoader([SRC_DIR, GOVUK_DIR, MOJ_DIR], { noCache: !options.production })
  // GOV.UK's macros import their helpers by relative path, which Nunjucks resolves again at every
  // macro call (path.resolve took several per cent of a dynamic page): remember each answer.
  const resolved = new Map<string, string>()
  const resolvePath = loader.resolve.bind(loader)
  loader.resolve = (from: string, to: string): string => {
    const key = `${from}\u0000${to}`
    let path = resolved.get(key)
    if (path === undefined) {
      path = resolvePath(from, to)
      if (resolved.size < 10_000) resolved.set(key, path)
    }
    return path
  }
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false })
  for (const [name, fn] of Object.entries(filters)) env.addFilter(name, fn as (...args: unknown[]) => unknown)
  return env
}

/**
 * Renders a page. When a template that another includes fails (a macro's template.njk, a kind's
 * form), Nunjucks' synchronous render gives null instead of throwing, and throws the error later
 * from a queued task: this turns the null into an error for the request (the 500 page, not an
 * empty 200), and isLateTemplateError lets the process recognise the late one.
 */
export function renderView(env: ViewEnvironment, template: string, context: Record<string, unknown>): string {
  const html = env.render(template, context)
  if (html === null) throw new Error(`Could not render ${template}: a template it includes failed`)
  return html
}

/** The error Nunjucks throws after the request, from a queued task, when an included template failed. */
export function isLateTemplateError(err: unknown): boolean {
  return err instanceof Error && err.name === 'Template render error'
}
