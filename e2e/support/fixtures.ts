// The `test` every journey uses: Playwright's, pointed at the server global set-up started, with
// pages for each role and the two ways of moving about that check each page with axe-core.
import { test as base, expect, type BrowserContext, type Locator, type Page, type Response } from '@playwright/test'
import { expectNoAxeViolations, markScriptsOff, scriptsAreOff } from './axe.ts'
import { journeyDataFor, type JourneyData } from './journey-data.ts'
import { storageStatePath, type Role } from './people.ts'
import { readRun, type RunInfo } from './run.ts'

export { expect }

interface Fixtures {
  run: RunInfo
  /** Pages and names this project's journeys work on (see journey-data.ts). */
  journey: JourneyData
  /** A page in a browser context of its own, signed in as someone in the role. */
  pageAs: (role: Role) => Promise<Page>
  /** A page in a browser context of its own with nothing stored: no cookies, nobody signed in. */
  freshPage: () => Promise<Page>
  /** A page in a browser context of its own, signed in with a browser state saved earlier. */
  pageWithState: (storageStatePath: string) => Promise<Page>
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  run: async ({}, use) => {
    await use(readRun())
  },
  baseURL: async ({ run }, use) => {
    await use(run.baseUrl)
  },
  context: async ({ context, javaScriptEnabled }, use) => {
    if (!javaScriptEnabled) markScriptsOff(context)
    await use(context)
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  journey: async ({}, use, testInfo) => {
    await use(journeyDataFor(testInfo.project.name))
  },
  pageAs: async ({ browser, baseURL, javaScriptEnabled, viewport }, use) => {
    const contexts: BrowserContext[] = []
    await use(async role => {
      const context = await browser.newContext({
        baseURL,
        javaScriptEnabled,
        viewport,
        storageState: storageStatePath(role),
      })
      if (!javaScriptEnabled) markScriptsOff(context)
      contexts.push(context)
      return context.newPage()
    })
    await Promise.all(contexts.map(c => c.close()))
  },
  freshPage: async ({ browser, baseURL, javaScriptEnabled, viewport }, use) => {
    const contexts: BrowserContext[] = []
    await use(async () => {
      const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport })
      if (!javaScriptEnabled) markScriptsOff(context)
      contexts.push(context)
      return context.newPage()
    })
    await Promise.all(contexts.map(c => c.close()))
  },
  pageWithState: async ({ browser, baseURL, javaScriptEnabled, viewport }, use) => {
    const contexts: BrowserContext[] = []
    await use(async storageState => {
      const context = await browser.newContext({ baseURL, javaScriptEnabled, viewport, storageState })
      if (!javaScriptEnabled) markScriptsOff(context)
      contexts.push(context)
      return context.newPage()
    })
    await Promise.all(contexts.map(c => c.close()))
  },
})

/**
 * Opens a path (or full URL), expects the final response to have the status given (200 unless
 * told), and checks the page with axe.
 */
export async function visit(page: Page, url: string, options: { status?: number } = {}): Promise<Response | null> {
  const response = await page.goto(url)
  if (response && !url.startsWith('file:')) expect(response.status(), `status of ${url}`).toBe(options.status ?? 200)
  await checkPage(page)
  return response
}

async function checkPage(page: Page): Promise<void> {
  // GOV.UK Frontend's first inline script marks the body: proof that scripts ran, or did not.
  const body = page.locator('body')
  if (scriptsAreOff(page.context())) await expect(body).not.toHaveClass(/govuk-frontend-supported/)
  else if (page.url().startsWith('http')) await expect(body).toHaveClass(/govuk-frontend-supported/)
  await expectNoAxeViolations(page)
}

/**
 * Does something that loads a new page (clicks a link, submits a form, presses Enter), waits
 * for that page to load, and checks it with axe.
 */
export async function navigateBy(page: Page, action: () => Promise<unknown>): Promise<void> {
  const navigated = page.waitForEvent('framenavigated', { predicate: frame => frame === page.mainFrame() })
  await action()
  await navigated
  await page.waitForLoadState('load')
  await checkPage(page)
}

/** Clicks a link or button and checks the page it leads to. */
export function follow(page: Page, target: Locator): Promise<void> {
  return navigateBy(page, () => target.click())
}

/** Presses Tab until the element has the focus, as someone using only a keyboard would. */
export async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate(el => el === document.activeElement).catch(() => false)) return
    await page.keyboard.press('Tab')
  }
  await expect(target, `reached by pressing Tab at most ${maxPresses} times`).toBeFocused({ timeout: 1 })
}

/**
 * The value next to a key in a GOV.UK summary list (a <dl>, whose rows have no role of their own),
 * anywhere on the page or within part of it (such as one summary card).
 */
export function summaryValue(scope: Page | Locator, key: string): Locator {
  // The term is looked for within each row, so its locator starts from the page, not the scope.
  const page = 'goto' in scope ? scope : scope.page()
  return scope
    .locator('.govuk-summary-list__row')
    .filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(key)}\\s*$`) }) })
    .getByRole('definition')
}

/** The error summary at the top of a page with errors. */
export function errorSummary(page: Page): Locator {
  return page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) })
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
