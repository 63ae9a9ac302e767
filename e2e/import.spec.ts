// Importing: the command-line tool reads a small Jekyll-style folder, in which one page links to
// another and one link is broken. It reports the broken link, and the pages appear in the handbook
// with the link between them working.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from './support/cli.ts'
import { expect, follow, test, visit } from './support/fixtures.ts'

test('import a Jekyll folder from the command line', async ({ pageAs, journey }) => {
  const suffix = journey.suffix
  const folder = mkdtempSync(join(tmpdir(), 'valuekit-e2e-import-'))
  try {
    writeFileSync(join(folder, '_config.yml'), 'title: Team handbook\nmarkdown: kramdown\n')
    mkdirSync(join(folder, '_layouts'))
    writeFileSync(join(folder, '_layouts', 'page.html'), '<html><body>{{ content }}</body></html>\n')
    const guides = join(folder, `guides-${suffix}`)
    mkdirSync(guides)
    writeFileSync(
      join(guides, `planning-together-${suffix}.md`),
      [
        '---',
        'layout: page',
        `title: Planning together ${suffix}`,
        'summary: How the team plans its work.',
        '---',
        '',
        'We plan every two weeks.',
        '',
        `Read [how we deliver](delivering-in-small-steps-${suffix}.md) next.`,
        '',
        'The [old planning guide](retired-planning-guide.md) has gone.',
        '',
      ].join('\n'),
    )
    writeFileSync(
      join(guides, `delivering-in-small-steps-${suffix}.md`),
      [
        '---',
        'layout: page',
        `title: Delivering in small steps ${suffix}`,
        '---',
        '',
        'We release something every week, so we learn sooner.',
        '',
      ].join('\n'),
    )

    const result = await runCli(['handbook', 'import', folder])
    expect(result.code, result.output).toBe(0)
    expect(result.output).toContain('retired-planning-guide.md')
    expect(result.output).toMatch(/broken link/i)

    const page = await pageAs('member')
    await visit(page, '/handbook')
    await follow(page, page.getByRole('link', { name: `Planning together ${suffix}`, exact: true }))
    await expect(page.getByRole('heading', { level: 1, name: `Planning together ${suffix}` })).toBeVisible()
    await expect(page.getByText('We plan every two weeks.')).toBeVisible()
    await follow(page, page.getByRole('link', { name: 'how we deliver' }))
    await expect(page).toHaveURL(new RegExp(`/handbook/delivering-in-small-steps-${suffix}$`))
    await expect(page.getByRole('heading', { level: 1, name: `Delivering in small steps ${suffix}` })).toBeVisible()
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
