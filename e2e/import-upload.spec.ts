// Importing a handbook in the browser: an editor uploads a zip of a small Markdown handbook, reads
// its report, answers where a page goes whose address the starter handbook already has, confirms,
// follows the progress page to the end and opens an imported page with its image. With and without
// JavaScript (without it, "Check progress" reloads the page).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { errorSummary, expect, follow, navigateBy, summaryValue, test, visit } from './support/fixtures.ts'

const BOARD = readFileSync(
  join(import.meta.dirname, '../test/import-fixtures/docusaurus/docs/getting-started/board.png'),
)

function handbookZip(suffix: string): Buffer {
  const folder = `team-handbook-${suffix}/`
  const page = (title: string, body: string) => Buffer.from(`---\ntitle: ${title}\n---\n\n${body}\n`)
  return Buffer.from(
    zipSync({
      [`${folder}working-together-${suffix}.md`]: page(
        `Working together ${suffix}`,
        `We plan together every two weeks.\n\n![Our team board, with three columns](board.png)\n\nSee [how to contribute](how-to-contribute.md).`,
      ),
      [`${folder}how-to-contribute.md`]: page(`Contributing ${suffix}`, 'Suggest a change on any page.'),
      [`${folder}board.png`]: BOARD,
    }),
  )
}

test('import a handbook from a zip in the browser', async ({ pageAs, journey }, testInfo) => {
  const suffix = journey.suffix
  const editor = await pageAs('editor')
  await visit(editor, '/handbook/manage')
  await follow(editor, editor.getByRole('button', { name: 'Import a handbook' }))
  await expect(editor.getByRole('heading', { level: 1, name: 'Import a handbook' })).toBeVisible()

  await editor.getByLabel('Upload a zip file').setInputFiles({
    name: `team-handbook-${suffix}.zip`,
    mimeType: 'application/zip',
    buffer: handbookZip(suffix),
  })
  await follow(editor, editor.getByRole('button', { name: 'Check the handbook' }))
  await expect(editor.getByRole('heading', { level: 1, name: 'Check the handbook before you import it' })).toBeVisible()
  await expect(summaryValue(editor, 'Pages to create')).toHaveText('2')
  await expect(editor.getByTestId('outcome-created')).toContainText(`Working together ${suffix}`)
  await editor.setViewportSize({ width: 320, height: 800 })
  await editor.screenshot({ path: testInfo.outputPath('report-320.png'), fullPage: true })
  await editor.setViewportSize({ width: 1280, height: 800 })

  // The starter handbook has a page at how-to-contribute: the report asks where this one goes.
  await expect(editor.getByRole('radio', { name: /^Use the address how-to-contribute-\d+$/ })).toBeChecked()
  await editor.getByRole('radio', { name: 'Choose another address' }).check()
  const address = editor.getByLabel(`Another address for ‘Contributing ${suffix}’`)
  await address.fill('How To Contribute!')
  await follow(editor, editor.getByRole('button', { name: 'Import the handbook' }))
  await expect(errorSummary(editor)).toContainText('lowercase letters, numbers and hyphens')
  await expect(address).toHaveValue('How To Contribute!')
  await address.fill(`contributing-${suffix}`)
  await follow(editor, editor.getByRole('button', { name: 'Import the handbook' }))

  await expect(editor.getByRole('heading', { level: 1, name: 'Importing the handbook' })).toBeVisible()
  const status = editor.getByTestId('import-status')
  if (testInfo.project.name === 'js') {
    // The page updates itself.
    await expect(status).toHaveText('The handbook has been imported.', { timeout: 20_000 })
    await expect(editor.getByRole('button', { name: 'Check progress' })).toHaveCount(0)
  } else {
    for (let tries = 0; tries < 40; tries++) {
      if ((await status.textContent())?.includes('has been imported')) break
      await follow(editor, editor.getByRole('button', { name: 'Check progress' }))
    }
    await expect(status).toHaveText('The handbook has been imported.')
  }
  await editor.screenshot({ path: testInfo.outputPath('done.png'), fullPage: true })

  await expect(
    editor.getByTestId('imported-pages').getByRole('link', { name: `Contributing ${suffix}` }),
  ).toHaveAttribute('href', `/handbook/contributing-${suffix}`)
  await navigateBy(editor, () =>
    editor
      .getByTestId('imported-pages')
      .getByRole('link', { name: `Working together ${suffix}` })
      .click(),
  )
  await expect(editor.getByRole('heading', { level: 1, name: `Working together ${suffix}` })).toBeVisible()
  const image = editor.getByRole('img', { name: 'Our team board, with three columns' })
  await expect(image).toBeVisible()
  expect(await image.evaluate(img => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
  await expect(editor.getByRole('link', { name: 'how to contribute' })).toHaveAttribute(
    'href',
    `/handbook/contributing-${suffix}`,
  )
  await editor.setViewportSize({ width: 320, height: 800 })
  await editor.screenshot({ path: testInfo.outputPath('imported-page-320.png'), fullPage: true })
})
