import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, setUpInstallation, TEST_PASSWORD, type TestContext } from '../../test/build-test-app.ts'
import { DIALECTS } from '../../test/dialects.ts'
import { loadConfig } from '../config.ts'
import { connect } from '../db/connect.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { hashToken } from '../platform/ids.ts'
import { systemClock } from '../platform/clock.ts'
import { buildServices } from '../services.ts'
import {
  EXIT_FAILED,
  EXIT_OK,
  exportCommand,
  formatImportReport,
  importCommand,
  parseArguments,
  printable,
  type CommandStreams,
} from './handbook.cli.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const folders: string[] = []

afterAll(async () => {
  await Promise.all(folders.map(folder => rm(folder, { recursive: true, force: true })))
})

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'valuekit-cli-'))
  folders.push(folder)
  return folder
}

/** Writes files (path → content) into a folder. */
async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true })
    await writeFile(path.join(root, file), content)
  }
}

/** A small Jekyll site: _config.yml and _includes (skipped), front matter, nested folders, links and problems. */
const JEKYLL_SITE: Record<string, string> = {
  '_config.yml': 'title: Our handbook\ntheme: just-the-docs\n',
  '_includes/footer.html': '<footer>{{ site.title }}</footer>\n',
  'index.md':
    '---\nlayout: home\ntitle: Welcome\npermalink: /\n---\n\nStart with [the first guide](guides/first-guide.md).\n',
  'guides/first-guide.md': [
    '---',
    'layout: page',
    'title: First guide',
    'nav_order: 1',
    'description: How to begin.',
    '---',
    '',
    '# First guide',
    '',
    'Read the [second guide](second-guide.md#getting-started) next, and [the old page](old-page.md).',
    '',
    '![A diagram of the process](../assets/images/diagram.png)',
    '',
  ].join('\n'),
  'guides/second-guide.md':
    '---\ntitle: Second guide\nnav_order: 2\n---\n\n## Getting started\n\nGo back to [the welcome page](../index.md).\n',
  'guides/untitled.md': '---\nlayout: page\n---\n\nSome text, but no title anywhere.\n',
}

class Capture extends Writable {
  text = ''
  constructor(readonly isTTY = false) {
    super()
  }
  override _write(chunk: unknown, _encoding: BufferEncoding, done: () => void): void {
    this.text += String(chunk)
    done()
  }
}

function streams(tty = false): CommandStreams & { stdout: Capture; stderr: Capture } {
  return { stdout: new Capture(), stderr: new Capture(tty) }
}

describe('parseArguments', () => {
  it.each([
    [['handbook', 'import', 'site'], { kind: 'handbook-import', folder: 'site' }],
    [['handbook', 'export', 'out'], { kind: 'handbook-export', folder: 'out', force: false }],
    [['handbook', 'export', '--force', 'out'], { kind: 'handbook-export', folder: 'out', force: true }],
    [['handbook', 'export', '--', '-odd-name'], { kind: 'handbook-export', folder: '-odd-name', force: false }],
  ])('reads %j', (args, command) => {
    expect(parseArguments(args)).toEqual({ kind: 'command', command })
  })

  it.each([[['--help']], [['handbook', '-h']], [['handbook', 'import', 'site', '--help']]])(
    'asks for help: %j',
    args => {
      expect(parseArguments(args)).toEqual({ kind: 'help' })
    },
  )

  it.each([
    [[], 'Say which command to run'],
    [['people'], 'Unknown command people'],
    [['handbook'], 'Say import or export after handbook'],
    [['handbook', 'delete', 'x'], 'Unknown command handbook delete'],
    [['handbook', 'import'], 'Say which folder to import from'],
    [['handbook', 'export'], 'Say which folder to export to'],
    [['handbook', 'import', 'a', 'b'], 'Unexpected b'],
    [['handbook', 'import', '--force', 'a'], '--force is only for handbook export'],
    [['handbook', 'import', '--verbose', 'a'], 'Unknown option --verbose'],
    [['handbook', 'import\u001b[2J'], 'Unknown command handbook import?[2J'],
  ])('refuses %j', (args, message) => {
    expect(parseArguments(args)).toEqual({ kind: 'usage-error', message })
  })
})

describe('printable', () => {
  it('replaces control characters, so file names cannot send escape sequences to the terminal', () => {
    expect(printable('a\u001b]0;title\u0007b\nc\u009bd é')).toBe('a?]0;title?b?c?d é')
  })
})

describe('formatImportReport', () => {
  it('says when a folder has no pages', () => {
    const text = formatImportReport('/tmp/empty', {
      sectionsCreated: 0,
      pagesCreated: 0,
      pagesUpdated: 0,
      pagesUnchanged: 0,
      imagesStored: 0,
      problems: [],
    })
    expect(text).toBe(
      'No pages were imported from /tmp/empty.\n\nThe folder has no Markdown pages (.md or .markdown files) to import.\n',
    )
  })
})

describe.each(DIALECTS)('handbook commands (%s)', dialect => {
  let ctx: TestContext
  let site: string

  beforeAll(async () => {
    ctx = await buildTestApp({ dialect })
    await setUpInstallation(ctx)
    site = await tempFolder()
    await writeFiles(site, JEKYLL_SITE)
  })
  afterAll(() => ctx.close())

  it('imports a Jekyll site, reporting every problem grouped by file, and fails because a page was skipped', async () => {
    const io = streams()
    expect(await importCommand(ctx.app.services, site, io)).toBe(EXIT_FAILED)

    expect(io.stdout.text).toContain(`Imported the handbook from ${site}\n`)
    expect(io.stdout.text).toContain(
      '  Sections created: 2\n  Pages created:    3\n  Pages updated:    0\n  Pages unchanged:  0\n',
    )
    expect(io.stdout.text).toContain('3 problems in 2 files:\n')
    expect(io.stdout.text).toContain(
      'guides/first-guide.md\n' +
        '  Warning, line 10: Broken link to old-page.md\n' +
        '  Warning, line 12: Missing image ../assets/images/diagram.png\n',
    )
    expect(io.stdout.text).toContain('guides/untitled.md\n  Error: Page has no title\n')
    expect(io.stdout.text).toMatch(
      /Finished with 1 error and 2 warnings\. Pages with errors were not imported: fix them and run the import again\.\n$/,
    )
    // Progress goes to stderr, as plain lines when it is not a terminal.
    expect(io.stderr.text).toContain(`Reading the handbook in ${site}\n`)
    expect(io.stderr.text).toContain('Reading pages: 4 of 4\n')

    const { handbook } = ctx.app.services
    const welcome = await handbook.page('home')
    expect(welcome.title).toBe('Welcome')
    const first = await handbook.page('first-guide')
    expect(first.summary).toBe('How to begin.')
    expect(first.updatedByName).toBe('Handbook import')
    expect(first.bodyHtml).toContain('href="/handbook/second-guide#section-getting-started"')
    expect(first.bodyHtml).not.toContain('old-page')
    expect((await handbook.section('guides')).title).toBe('Guides')
  })

  it('leaves pages unchanged when the same folder is imported again, then imports what was fixed', async () => {
    const again = streams()
    expect(await importCommand(ctx.app.services, site, again)).toBe(EXIT_FAILED)
    expect(again.stdout.text).toContain(
      '  Sections created: 0\n  Pages created:    0\n  Pages updated:    0\n  Pages unchanged:  3\n',
    )

    await writeFiles(site, {
      'guides/untitled.md': '---\ntitle: Now it has a title\n---\n\nSome text.\n',
      'guides/second-guide.md':
        '---\ntitle: Second guide\nnav_order: 2\n---\n\n## Getting started\n\nGo back to [the welcome page](../index.md) and start.\n',
    })
    const fixed = streams()
    expect(await importCommand(ctx.app.services, site, fixed)).toBe(EXIT_OK)
    expect(fixed.stdout.text).toContain(
      '  Sections created: 0\n  Pages created:    1\n  Pages updated:    1\n  Pages unchanged:  2\n',
    )
    expect(fixed.stdout.text).not.toContain('Error:')
    expect(fixed.stdout.text).toMatch(/Finished with 2 warnings\.\n$/)
    const second = await ctx.app.services.handbook.page('second-guide')
    expect(second.version).toBe(2)
    expect(second.body).toContain('and start.')
  })

  it('draws a progress bar when stderr is a terminal', async () => {
    const io = streams(true)
    await importCommand(ctx.app.services, site, io)
    expect(io.stderr.text).toContain('Reading pages [')
    expect(io.stderr.text).toContain('4 of 4')
    expect(io.stderr.text).not.toContain('Reading pages: ')
  })

  it('says when the folder does not exist, or has no pages', async () => {
    const missing = streams()
    const nowhere = path.join(site, 'no-such-folder')
    expect(await importCommand(ctx.app.services, nowhere, missing)).toBe(EXIT_FAILED)
    expect(missing.stderr.text).toBe(`There is no folder at ${nowhere}. Check the path and try again.\n`)
    expect(missing.stdout.text).toBe('')

    const empty = streams()
    expect(await importCommand(ctx.app.services, await tempFolder(), empty)).toBe(EXIT_FAILED)
    expect(empty.stdout.text).toContain('No pages were imported from')
  })

  it('exports into a new folder, and refuses a folder it did not make unless forced', async () => {
    const io = streams()
    const out = path.join(await tempFolder(), 'site')
    expect(await exportCommand(ctx.app.services, out, { force: false }, io)).toBe(EXIT_OK)
    expect(io.stdout.text).toContain(`Exported the handbook to ${out}\n`)
    expect(io.stdout.text).toContain('  44 pages            in 7 sections\n')
    expect(io.stdout.text).toContain(`Open ${path.join(out, 'index.html')} in a browser`)
    expect(existsSync(path.join(out, 'first-guide.html'))).toBe(true)

    const busy = await tempFolder()
    await writeFile(path.join(busy, 'report.docx'), 'Not ours')
    const refused = streams()
    expect(await exportCommand(ctx.app.services, busy, { force: false }, refused)).toBe(EXIT_FAILED)
    expect(refused.stderr.text).toContain('is not empty and was not made by a handbook export')
    expect(refused.stderr.text).toContain('--force')
    expect(existsSync(path.join(busy, 'index.html'))).toBe(false)
    expect(await exportCommand(ctx.app.services, busy, { force: true }, streams())).toBe(EXIT_OK)
    expect(existsSync(path.join(busy, 'index.html'))).toBe(true)
  })
})

describe('handbook commands before set-up', () => {
  let ctx: TestContext
  beforeAll(async () => {
    ctx = await buildTestApp()
  })
  afterAll(() => ctx.close())

  it('refuses to import or export and says how to set up', async () => {
    const site = await tempFolder()
    await writeFiles(site, JEKYLL_SITE)
    const io = streams()
    expect(await importCommand(ctx.app.services, site, io)).toBe(EXIT_FAILED)
    expect(io.stderr.text).toContain('Valuekit is not set up yet. Run `npm start`')
    expect(await ctx.app.services.handbook.contents()).toEqual({ sections: [] })

    const out = streams()
    expect(await exportCommand(ctx.app.services, path.join(site, 'out'), { force: false }, out)).toBe(EXIT_FAILED)
    expect(out.stderr.text).toContain('Valuekit is not set up yet')
  })
})

interface Run {
  code: number
  stdout: string
  stderr: string
}

function runCli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise(done => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        done({ code, stdout, stderr })
      },
    )
  })
}

describe('npm run valuekit (the real command line)', () => {
  it('imports a folder into a SQLite database and exports it as a static site', { timeout: 120_000 }, async () => {
    const dir = await tempFolder()
    const env = {
      DATABASE_URL: path.join(dir, 'valuekit.db'),
      DATA_DIR: path.join(dir, 'data'),
      SESSION_SECRET: 'a-test-secret-that-is-long-enough-1234567890',
      NODE_ENV: 'test',
    }
    // Set the installation up through the services, as the set-up page would.
    const config = loadConfig(env)
    const db = connect(config.database)
    await migrateToLatest(db)
    const { setup } = buildServices({ db, clock: systemClock, config })
    const token = await setup.issueSetupToken()
    if (!token) throw new Error('Already set up')
    await setup.complete(hashToken(token), {
      organisationName: 'Department for Command Lines',
      logoText: 'DfCL',
      brandColour: '#912b88',
      pathwayShape: 'small',
      adminName: 'Ada Admin',
      adminEmail: 'ada@example.gov.uk',
      password: TEST_PASSWORD,
      confirmPassword: TEST_PASSWORD,
    })
    await db.close()

    const site = path.join(dir, 'jekyll')
    await writeFiles(site, JEKYLL_SITE)
    const imported = await runCli(['handbook', 'import', site], env)
    expect(imported.stdout).toContain('Pages created:    3')
    expect(imported.stdout).toContain('guides/untitled.md\n  Error: Page has no title')
    expect(imported.stderr).toContain('Reading pages: 4 of 4')
    expect(imported.code).toBe(1)

    const out = path.join(dir, 'static')
    const exported = await runCli(['handbook', 'export', out], env)
    expect(exported.stderr).toBe('')
    expect(exported.code).toBe(0)
    expect(exported.stdout).toContain(`Exported the handbook to ${out}`)
    const index = await readFile(path.join(out, 'index.html'), 'utf8')
    expect(index).toContain('Department for Command Lines')
    expect(index).toContain('href="first-guide.html"')
    expect(await readFile(path.join(out, 'assets/brand.css'), 'utf8')).toContain('#912b88')
    const first = await readFile(path.join(out, 'first-guide.html'), 'utf8')
    expect(first).toContain('href="second-guide.html#section-getting-started"')
    expect(first).not.toContain('<script')
  })
})
