// Exporting: the command-line tool writes the handbook as a static website, which opens from the
// folder (file://) with no server: its contents page and a page, there and back, both accessible.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expectNoAxeViolations } from './support/axe.ts'
import { runCli } from './support/cli.ts'
import { expect, follow, test, visit } from './support/fixtures.ts'

test('export the handbook as a static site and read it from the folder', async ({ page }) => {
  const folder = mkdtempSync(join(tmpdir(), 'valuekit-e2e-export-'))
  try {
    const result = await runCli(['handbook', 'export', folder])
    expect(result.code, result.output).toBe(0)
    const index = join(folder, 'index.html')
    expect(existsSync(index), `${index} exists`).toBe(true)

    await visit(page, pathToFileURL(index).href)
    await expect(page.getByRole('heading', { level: 1, name: 'Handbook' })).toBeVisible()
    await follow(page, page.getByRole('main').getByRole('link', { name: 'Simplicity and the MVP' }))
    expect(page.url()).toMatch(/^file:\/\//)
    await expect(page.getByRole('heading', { level: 1, name: 'Simplicity and the MVP' })).toBeVisible()
    // The stylesheet came with it: GOV.UK Frontend's body text colour, not the browser's black.
    await expect(page.getByRole('heading', { level: 1 })).toHaveCSS('color', 'rgb(11, 12, 12)')

    await page.goBack()
    await expect(page).toHaveURL(pathToFileURL(index).href)
    await expect(page.getByRole('heading', { level: 1, name: 'Handbook' })).toBeVisible()
    await expectNoAxeViolations(page)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
