// The handbook's command-line commands, run by src/cli.ts (`npm run valuekit -- handbook …`):
//   handbook import <folder>            reads a Markdown handbook and imports it, reporting every problem;
//   handbook export <folder> [--force]  writes the handbook as a static website.
// Each command takes the services and two output streams and returns the exit code, so tests run them
// without spawning a process. Reports go to stdout; progress and refusals go to stderr.
import { stat } from 'node:fs/promises'
import path from 'node:path'
import cliProgress from 'cli-progress'
import type { Actor } from '../platform/auth/roles.ts'
import type { Services } from '../services.ts'
import { ExportRefusedError, exportHandbook, type ExportSummary } from './handbook.export.ts'
import type { ImportProblem, ImportResult } from './import/import.types.ts'
import type { ImportReport } from './import/report.ts'

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

/** Who the audit log and page history say made the imported versions. */
export const IMPORT_ACTOR: Actor = { id: null, name: 'Handbook import' }

export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean }

export interface CommandStreams {
  readonly stdout: OutputStream
  readonly stderr: OutputStream
}

export type Command =
  | {
      readonly kind: 'handbook-import'
      readonly folder: string
      readonly dryRun?: boolean
      readonly siteUrl?: string
    }
  | { readonly kind: 'handbook-export'; readonly folder: string; readonly force: boolean }

export type ParsedArguments =
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string }
  | { readonly kind: 'command'; readonly command: Command }

/** The lines of the command line's help that describe the handbook's commands. */
export const HANDBOOK_COMMANDS = `  handbook import <folder>            Import a Markdown handbook (Jekyll, Eleventy or Docusaurus style)
                                      from a folder. Run it again after changing the files: only
                                      changed pages get a new version.
      [--dry-run]                     Show the report without changing the handbook.
      [--site-url <address>]          Where the site was published, so links to pages that were
                                      not imported point there (read from the site when it says).
  handbook export <folder> [--force]  Write the handbook as a static website into a folder, to open
                                      in a browser or publish on any web server.
`

/** The command line's help: src/cli.ts passes the other capabilities' commands. */
export function usage(otherCommands = ''): string {
  return `Usage: npm run valuekit -- <command>

Commands:
${HANDBOOK_COMMANDS}${otherCommands}
Options:
  --force   With export: write into a folder that is not empty and was not made by an export.
  --help    Show this help.

The commands use the same settings as the server (DATABASE_URL, DATA_DIR and so on).
`
}

const NOT_SET_UP =
  'Valuekit is not set up yet. Run `npm start`, open the set-up link it prints and complete set-up, ' +
  'then run this command again.\n'

/** Reads `valuekit` arguments (process.argv without node and the script). */
export function parseArguments(args: readonly string[]): ParsedArguments {
  const positional: string[] = []
  let force = false
  let dryRun = false
  let siteUrl: string | undefined
  let optionsEnded = false
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? ''
    if (optionsEnded || !arg.startsWith('-') || arg === '-') positional.push(arg)
    else if (arg === '--') optionsEnded = true
    else if (arg === '--help' || arg === '-h') return { kind: 'help' }
    else if (arg === '--force') force = true
    else if (arg === '--dry-run') dryRun = true
    else if (arg === '--site-url' || arg.startsWith('--site-url=')) {
      const value = arg === '--site-url' ? args[++i] : arg.slice('--site-url='.length)
      if (value === undefined || !/^https?:\/\/[^\s/]+/i.test(value)) {
        return { kind: 'usage-error', message: '--site-url needs a web address starting https:// or http://' }
      }
      siteUrl = value
    } else return { kind: 'usage-error', message: `Unknown option ${printable(arg)}` }
  }
  const [group, action, folder, ...extra] = positional
  if (group === undefined) return { kind: 'usage-error', message: 'Say which command to run' }
  if (group !== 'handbook') return { kind: 'usage-error', message: `Unknown command ${printable(group)}` }
  if (action !== 'import' && action !== 'export') {
    return {
      kind: 'usage-error',
      message:
        action === undefined ? 'Say import or export after handbook' : `Unknown command handbook ${printable(action)}`,
    }
  }
  if (folder === undefined || folder.trim() === '') {
    return { kind: 'usage-error', message: `Say which folder to ${action === 'import' ? 'import from' : 'export to'}` }
  }
  if (extra.length > 0) return { kind: 'usage-error', message: `Unexpected ${printable(extra.join(' '))}` }
  if (action === 'import') {
    if (force) return { kind: 'usage-error', message: '--force is only for handbook export' }
    return {
      kind: 'command',
      command: { kind: 'handbook-import', folder, ...(dryRun ? { dryRun } : {}), ...(siteUrl ? { siteUrl } : {}) },
    }
  }
  if (dryRun || siteUrl !== undefined) {
    return { kind: 'usage-error', message: '--dry-run and --site-url are only for handbook import' }
  }
  return { kind: 'command', command: { kind: 'handbook-export', folder, force } }
}

export function runCommand(command: Command, services: Services, streams: CommandStreams): Promise<number> {
  switch (command.kind) {
    case 'handbook-import':
      return importCommand(services, command.folder, streams, { dryRun: command.dryRun, siteUrl: command.siteUrl })
    case 'handbook-export':
      return exportCommand(services, command.folder, { force: command.force }, streams)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Import

/** Imports a handbook folder: exit code 0 when every page was imported (warnings allowed), 1 otherwise. */
export async function importCommand(
  services: Services,
  folder: string,
  streams: CommandStreams,
  options: { dryRun?: boolean; siteUrl?: string } = {},
): Promise<number> {
  const { stdout, stderr } = streams
  if (!(await services.organisation.get())) {
    stderr.write(NOT_SET_UP)
    return EXIT_FAILED
  }
  const root = path.resolve(folder)
  if (!(await isFolder(root))) {
    stderr.write(`There is no folder at ${printable(root)}. Check the path and try again.\n`)
    return EXIT_FAILED
  }

  stderr.write(`Reading the handbook in ${printable(root)}\n`)
  const progress = createProgress(stderr, 'Reading pages')
  const result = await services.handbook
    .readFolder(root, progress.update, undefined, { siteUrl: options.siteUrl })
    .finally(progress.stop)

  if (result.pages.length === 0) {
    const report: ImportReport = {
      sectionsCreated: 0,
      pagesCreated: 0,
      pagesUpdated: 0,
      pagesUnchanged: 0,
      imagesStored: 0,
      problems: result.problems,
    }
    stdout.write(formatImportReport(root, report))
    return EXIT_FAILED
  }
  if (options.dryRun) {
    stdout.write(formatDryRun(root, result))
    return result.problems.some(problem => problem.severity === 'error') ? EXIT_FAILED : EXIT_OK
  }
  const report = await services.handbook.importResult(IMPORT_ACTOR, result)
  stdout.write(formatImportReport(root, report))
  return report.problems.some(problem => problem.severity === 'error') ? EXIT_FAILED : EXIT_OK
}

/** The printed import report: counts, then every problem grouped by file (with its line), then summary counts. */
export function formatImportReport(folder: string, report: ImportReport): string {
  const read = report.pagesCreated + report.pagesUpdated + report.pagesUnchanged
  const lines: string[] = []
  if (read === 0) {
    lines.push(`No pages were imported from ${printable(folder)}.`, '')
  } else {
    const counts: [string, number][] = [
      ['Sections created', report.sectionsCreated],
      ['Pages created', report.pagesCreated],
      ['Pages updated', report.pagesUpdated],
      ['Pages unchanged', report.pagesUnchanged],
      ['Images stored', report.imagesStored],
    ]
    lines.push(`Imported the handbook from ${printable(folder)}`, '')
    for (const [label, count] of counts) lines.push(`  ${`${label}:`.padEnd(18)}${count}`)
    lines.push('')
  }
  lines.push(...problemLines(report.problems))
  const errors = report.problems.filter(problem => problem.severity === 'error').length
  const warnings = report.problems.filter(problem => problem.severity === 'warning').length
  if (read === 0) {
    lines.push(
      errors > 0
        ? 'Fix the errors and run the import again.'
        : 'The folder has no Markdown pages (.md or .markdown files) to import.',
    )
  } else if (errors > 0) {
    lines.push(
      `Finished with ${plural(errors, 'error')} and ${plural(warnings, 'warning')}. ` +
        'Pages with errors were not imported: fix them and run the import again.',
    )
  } else if (warnings > 0) {
    lines.push(`Finished with ${plural(warnings, 'warning')}.`)
  } else {
    lines.push('Finished with no problems.')
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`
}

/** What an import would do, without doing it: the pages and sections found, and the same report. */
export function formatDryRun(folder: string, result: ImportResult): string {
  const lines = [
    `Read the handbook in ${printable(folder)} (${siteNames[result.site]}). Nothing was changed: this was a dry run.`,
    '',
    `  ${'Sections:'.padEnd(18)}${result.sections.length}`,
    `  ${'Pages:'.padEnd(18)}${result.pages.length}`,
    `  ${'Images:'.padEnd(18)}${result.images.length}`,
    '',
    ...problemLines(result.problems),
    'Run the command again without --dry-run to import.',
  ]
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n')}\n`
}

const siteNames: Record<ImportResult['site'], string> = {
  plain: 'Markdown files',
  jekyll: 'a Jekyll site',
  eleventy: 'an Eleventy site',
  docusaurus: 'a Docusaurus site',
}

const SEVERITY_LABELS: Record<ImportProblem['severity'], string> = { error: 'Error', warning: 'Warning', note: 'Note' }

/** Every problem grouped by file, then how many of each kind: what was lost, removed, converted or kept. */
function problemLines(problems: readonly ImportProblem[]): string[] {
  const lines: string[] = []
  const byFile = groupByFile(problems)
  if (byFile.size > 0) {
    const notes = problems.filter(problem => problem.severity === 'note').length
    const real = problems.length - notes
    const heading =
      real > 0 ? `${plural(real, 'problem')}${notes > 0 ? ` and ${plural(notes, 'note')}` : ''}` : plural(notes, 'note')
    lines.push(`${heading} in ${plural(byFile.size, 'file')}:`, '')
    for (const [file, fileProblems] of byFile) {
      lines.push(printable(file))
      for (const problem of fileProblems) {
        const where = problem.line === undefined ? '' : `, line ${problem.line}`
        lines.push(`  ${SEVERITY_LABELS[problem.severity]}${where}: ${printable(problem.message)}`)
      }
      lines.push('')
    }
  }
  const kinds: [string, RegExp][] = [
    ['Links that do not work', /^Broken link|is not allowed/],
    ['Links to the original site', /not imported, so it points at/],
    ['Images kept', /^Kept the image/],
    ['Images linked to', /^Kept the address of the image/],
    ['Images missing or refused', /^(?:Missing image|Image |Cannot read image|Removed the image)/],
    ['Tags and blocks removed', /^Removed/],
    ['Tags and blocks converted', /^Converted/],
  ]
  const counted = kinds
    .map(([label, pattern]) => [label, problems.filter(problem => pattern.test(problem.message)).length] as const)
    .filter(([, count]) => count > 0)
  if (counted.length > 0) {
    lines.push('In all:', '')
    for (const [label, count] of counted) lines.push(`  ${`${label}:`.padEnd(28)}${count}`)
    lines.push('')
  }
  return lines
}

/** Problems grouped by file (files in name order), errors before warnings within a file, then by line. */
function groupByFile(problems: readonly ImportProblem[]): Map<string, ImportProblem[]> {
  const rank = { error: 0, warning: 1, note: 1 }
  const sorted = [...problems].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      rank[a.severity] - rank[b.severity] ||
      (a.line ?? 0) - (b.line ?? 0) ||
      problems.indexOf(a) - problems.indexOf(b),
  )
  const byFile = new Map<string, ImportProblem[]>()
  for (const problem of sorted) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem])
  return byFile
}

// ---------------------------------------------------------------------------------------------------------------
// Export

/** Writes the static site: exit code 0 when written, 1 when the folder cannot be used. */
export async function exportCommand(
  services: Services,
  folder: string,
  options: { force: boolean },
  streams: CommandStreams,
): Promise<number> {
  if (!(await services.organisation.get())) {
    streams.stderr.write(NOT_SET_UP)
    return EXIT_FAILED
  }
  try {
    const summary = await exportHandbook(services, folder, options)
    streams.stdout.write(formatExportSummary(summary))
    return EXIT_OK
  } catch (error) {
    if (!(error instanceof ExportRefusedError)) throw error
    streams.stderr.write(`${printable(error.message)}.\n`)
    return EXIT_FAILED
  }
}

export function formatExportSummary(summary: ExportSummary): string {
  return [
    `Exported the handbook to ${printable(summary.folder)}`,
    '',
    '  index.html          contents',
    `  ${plural(summary.pages, 'page').padEnd(18)}  in ${plural(summary.sections, 'section')}`,
    '  accessibility.html  accessibility statement',
    ...(summary.published > 0
      ? [
          `  open.html           working in the open, and ${plural(summary.published, 'public page')} (open.<name>.html)`,
        ]
      : []),
    ...(summary.images > 0
      ? [`  ${plural(summary.images, 'image').padEnd(18)}  in images/ (the images pages show)`]
      : []),
    `  ${`${plural(summary.assets, 'file')}`.padEnd(18)}  in assets/ (stylesheets and images)`,
    '',
    `Open ${printable(path.join(summary.folder, 'index.html'))} in a browser, or publish the folder on any web server.`,
    '',
  ].join('\n')
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

interface Progress {
  update(done: number, total: number, file: string): void
  stop(): void
}

/** A progress bar on a terminal; elsewhere (a log, a pipe) about ten plain lines. */
export function createProgress(stream: OutputStream, label: string): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: `${label} [{bar}] {value} of {total} {file}`,
        barsize: 30,
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    )
    let started = false
    return {
      update(done, total, file) {
        if (!started) {
          bar.start(total, 0, { file: '' })
          started = true
        }
        bar.update(done, { file: done === total ? '' : shorten(printable(file), 40) })
      },
      stop() {
        if (started) bar.stop()
      },
    }
  }
  return {
    update(done, total) {
      const step = Math.max(1, Math.ceil(total / 10))
      if (done === total || done % step === 0) stream.write(`${label}: ${done} of ${total}\n`)
    },
    stop() {},
  }
}

async function isFolder(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory()
  } catch {
    return false
  }
}

/** Text from files and folders is shown on a terminal: control characters (escape sequences) become '?'. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
}

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `…${text.slice(text.length - length + 1)}`
}

function plural(count: number, singular: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? singular : `${singular}s`}`
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
