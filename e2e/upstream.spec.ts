// Following an upstream handbook: two pages of this project's own are imported, the handbook is
// exported with the command-line tool, and that export is set as the upstream (so both pages start up
// to date). An editor then changes one page in the browser. Upstream changes both pages (the export's
// handbook.json is edited, as a newer export would be) and is checked again from the command line. The
// editor opens the upstream page, takes upstream's change on the page they did not edit, keeps their
// own edit on the other, and sees each outcome on the page itself. The review page reflows at 320 px.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { runCli } from './support/cli.ts'
import { expect, follow, navigateBy, test, visit } from './support/fixtures.ts'

/** A page as the export's handbook.json lists it (only what this journey reads and changes). */
interface ManifestPage {
  slug: string
  markdown: string
}

test('take an upstream change on one page and keep a local edit on another', async ({ pageAs, journey }, testInfo) => {
  // Four command-line runs under a shared machine: more time than one browser journey needs.
  test.slow()
  const suffix = journey.suffix
  const take = { slug: `tea-breaks-${suffix}`, title: `Tea breaks ${suffix}` }
  const keep = { slug: `desk-booking-${suffix}`, title: `Desk booking ${suffix}` }
  const folder = mkdtempSync(join(tmpdir(), 'valuekit-e2e-upstream-'))
  try {
    // This project's two pages, imported from a folder in the handbook's own format.
    const source = join(folder, 'source', `01-office-life-${suffix}`)
    mkdirSync(source, { recursive: true })
    writeFileSync(
      join(source, '_section.yml'),
      `title: Office life ${suffix}\norder: 90\nsummary: How we share the office.\n`,
    )
    writeFileSync(
      join(source, `01-${take.slug}.md`),
      `---\ntitle: ${take.title}\norder: 1\nsummary: When to rest.\n---\n\nStop for tea at eleven.\n\nWash your own cup.\n`,
    )
    writeFileSync(
      join(source, `02-${keep.slug}.md`),
      `---\ntitle: ${keep.title}\norder: 2\nsummary: How to get a desk.\n---\n\nBook a desk in the app.\n\nClear the desk when you leave.\n`,
    )
    const imported = await runCli(['handbook', 'import', join(folder, 'source')])
    expect(imported.code, imported.output).toBe(0)

    // The handbook exported as it is now, followed as the upstream: both pages start up to date.
    const exported = join(folder, 'export')
    const exportRun = await runCli(['handbook', 'export', exported])
    expect(exportRun.code, exportRun.output).toBe(0)
    const first = await runCli(['handbook', 'upstream', 'check', exported])
    expect(first.code, first.output).toBe(0)
    expect(first.stdout).not.toContain(take.slug)
    expect(first.stdout).not.toContain(keep.slug)

    // The editor changes one page here.
    const editor = await pageAs('editor')
    const localLine = `Book a desk by noon on Thursday for the week after (${suffix}).`
    await visit(editor, `/handbook/${keep.slug}/edit`)
    const box = editor.getByLabel('Page text')
    await box.fill(`${(await box.inputValue()).trimEnd()}\n\n${localLine}`)
    await navigateBy(editor, () => editor.getByRole('button', { name: 'Save page' }).click())
    await expect(editor.getByText('Your changes have been saved')).toBeVisible()

    // Upstream changes both pages; checking again lists them.
    const upstreamTea = `Take a break away from the screen every hour (${suffix}).`
    const upstreamDesk = `Desks by the windows are for people who need daylight (${suffix}).`
    const manifestFile = join(exported, 'handbook.json')
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { pages: ManifestPage[] }
    const changePage = (slug: string, change: (markdown: string) => string) => {
      const page = manifest.pages.find(p => p.slug === slug)
      if (!page) throw new Error(`The export has no page ${slug}`)
      page.markdown = change(page.markdown)
    }
    changePage(take.slug, markdown => markdown.replace('Wash your own cup.', `Wash your own cup.\n\n${upstreamTea}`))
    changePage(keep.slug, markdown => markdown.replace('Book a desk in the app.', upstreamDesk))
    writeFileSync(manifestFile, JSON.stringify(manifest))
    const second = await runCli(['handbook', 'upstream', 'check', exported])
    expect(second.code, second.output).toBe(0)
    expect(second.stdout).toMatch(new RegExp(`changed\\s+${take.slug}\\n`))
    expect(second.stdout).toMatch(new RegExp(`changed\\s+${keep.slug}\\n`))

    await visit(editor, '/handbook/upstream')
    await expect(editor.getByRole('heading', { level: 1, name: 'Upstream handbook' })).toBeVisible()
    const pages = editor.getByRole('table', { name: 'Pages changed, added or deleted upstream' })
    await expect(pages.getByRole('row', { name: new RegExp(take.title) })).toContainText('Changed upstream')
    await expect(pages.getByRole('row', { name: new RegExp(keep.title) })).toContainText('Changed upstream')

    // Take upstream's change on the page not edited here.
    await follow(editor, pages.getByRole('link', { name: take.title, exact: true }))
    await expect(editor.getByRole('heading', { level: 1, name: take.title })).toBeVisible()
    await expect(editor.getByRole('list', { name: /What upstream changed/ })).toContainText(upstreamTea)
    await expect(editor.getByText('You have not changed this page since you last took upstream’s text.')).toBeVisible()
    await navigateBy(editor, () => editor.getByRole('button', { name: 'Take upstream’s version' }).click())
    await expect(editor.getByText('Took upstream’s change')).toBeVisible()
    await expect(pages.getByRole('link', { name: take.title, exact: true })).toHaveCount(0)

    // Keep the local edit on the other: both changes are shown first.
    await follow(editor, pages.getByRole('link', { name: keep.title, exact: true }))
    await expect(editor.getByRole('list', { name: /What upstream changed/ })).toContainText(upstreamDesk)
    await expect(editor.getByRole('list', { name: /What you changed/ })).toContainText(localLine)
    await screenshotAt320(editor, testInfo.outputPath('upstream-review-320.png'))
    await navigateBy(editor, () => editor.getByRole('button', { name: 'Keep your version' }).click())
    await expect(editor.getByText('Kept your version')).toBeVisible()
    await expect(pages.getByRole('link', { name: keep.title, exact: true })).toHaveCount(0)

    // Each outcome on the page itself.
    await visit(editor, `/handbook/${take.slug}`)
    const taken = editor.getByRole('main')
    await expect(taken).toContainText(upstreamTea)
    await expect(taken).toContainText('Wash your own cup.')
    await visit(editor, `/handbook/${keep.slug}`)
    const kept = editor.getByRole('main')
    await expect(kept).toContainText(localLine)
    await expect(kept).toContainText('Book a desk in the app.')
    await expect(kept).not.toContainText(upstreamDesk)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

/** Screenshots the page 320 px wide and checks that nothing makes it scroll sideways. */
async function screenshotAt320(page: Page, path: string): Promise<void> {
  const size = page.viewportSize()
  await page.setViewportSize({ width: 320, height: 900 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)
  await page.screenshot({ path, fullPage: true })
  if (size) await page.setViewportSize(size)
}
