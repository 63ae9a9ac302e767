// Checks the page in front of the browser against WCAG 2.2 AA with axe-core. Every page a journey
// visits goes through here (house rule 13). A rule may be disabled only with a comment and an
// issue link next to it.
import AxeBuilder from '@axe-core/playwright'
import { expect, type BrowserContext, type CDPSession, type Page } from '@playwright/test'

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

interface Violation {
  id: string
  impact?: string | null
  help: string
  helpUrl: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** One readable paragraph per rule broken: its id, what it asks for, and where it fails. */
export function describeViolations(violations: Violation[]): string {
  return violations
    .map(v => {
      const where = v.nodes
        .map(n => `    - ${n.target.map(t => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ')}`)
        .join('\n')
      return `  ${v.id} (${v.impact ?? 'no impact given'}): ${v.help}\n    ${v.helpUrl}\n${where}`
    })
    .join('\n')
}

// axe runs in the page and waits on timers, which never fire while the browser runs no scripts,
// so on a page opened with JavaScript switched off it would wait for ever. For the length of the
// check, scripts are switched back on through the DevTools protocol. The page's own scripts do
// not run then: the browser skipped them when it read the page, so axe sees exactly what someone
// without JavaScript gets. A session of our own that switches scripts off and on again overrides
// the one Playwright set up; it stays attached (and scripts off) until the page closes, because
// detaching it would drop its setting and switch scripts on for the pages that follow.
const contextsWithoutScripts = new WeakSet<BrowserContext>()
const sessions = new WeakMap<Page, CDPSession>()

/** Tells the check that pages in this context run no JavaScript. */
export function markScriptsOff(context: BrowserContext): void {
  contextsWithoutScripts.add(context)
}

export function scriptsAreOff(context: BrowserContext): boolean {
  return contextsWithoutScripts.has(context)
}

async function withScriptsOn<T>(page: Page, work: () => Promise<T>): Promise<T> {
  let session = sessions.get(page)
  if (!session) {
    session = await page.context().newCDPSession(page)
    sessions.set(page, session)
  }
  await session.send('Emulation.setScriptExecutionDisabled', { value: true })
  await session.send('Emulation.setScriptExecutionDisabled', { value: false })
  try {
    return await work()
  } finally {
    await session.send('Emulation.setScriptExecutionDisabled', { value: true })
  }
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const analyze = () => new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  const results = scriptsAreOff(page.context()) ? await withScriptsOn(page, analyze) : await analyze()
  const where = `${await page.title()} (${page.url()})`
  // Compared as text, so a failure reads as a list of rules and selectors rather than a dump of objects.
  expect(describeViolations(results.violations), `axe found accessibility problems on ${where}`).toBe('')
}
