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
import type { ImportProblem } from './handbook.import.ts'
import type { ImportReport } from './handbook.service.ts'

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
  | { readonly kind: 'handbook-import'; readonly folder: string }
  | { readonly kind: 'handbook-export'; readonly folder: string; readonly force: boolean }

export type ParsedArguments =
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string }
  | { readonly kind: 'command'; readonly command: Command }

/** The lines of the command line's help that describe the handbook's commands. */
export const HANDBOOK_COMMANDS = `  handbook import <folder>            Import a Markdown handbook (Jekyll, Eleventy or Docusaurus style)
                                      from a folder. Run it again after changing the files: only
                                      changed pages get a new version.
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
  let optionsEnded = false
  for (const arg of args) {
    if (optionsEnded || !arg.startsWith('-') || arg === '-') positional.push(arg)
    else if (arg === '--') optionsEnded = true
    else if (arg === '--help' || arg === '-h') return { kind: 'help' }
    else if (arg === '--force') force = true
    else return { kind: 'usage-error', message: `Unknown option ${printable(arg)}` }
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
    return { kind: 'command', command: { kind: 'handbook-import', folder } }
  }
  return { kind: 'command', command: { kind: 'handbook-export', folder, force } }
}

export function runCommand(command: Command, services: Services, streams: CommandStreams): Promise<number> {
  switch (command.kind) {
    case 'handbook-import':
      return importCommand(services, command.folder, streams)
    case 'handbook-export':
      return exportCommand(services, command.folder, { force: command.force }, streams)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Import

/** Imports a handbook folder: exit code 0 when every page was imported (warnings allowed), 1 otherwise. */
export async function importCommand(services: Services, folder: string, streams: CommandStreams): Promise<number> {
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
  const result = await services.handbook.readFolder(root, progress.update).finally(progress.stop)

  if (result.pages.length === 0) {
    const report: ImportReport = {
      sectionsCreated: 0,
      pagesCreated: 0,
      pagesUpdated: 0,
      pagesUnchanged: 0,
      problems: result.problems,
    }
    stdout.write(formatImportReport(root, report))
    return EXIT_FAILED
  }
  const report = await services.handbook.importResult(IMPORT_ACTOR, result)
  stdout.write(formatImportReport(root, report))
  return report.problems.some(problem => problem.severity === 'error') ? EXIT_FAILED : EXIT_OK
}

/** The printed import report: counts, then every problem grouped by file, then a summary line. */
export function formatImportReport(folder: string, report: ImportReport): string {
  const read = report.pagesCreated + report.pagesUpdated + report.pagesUnchanged
  const errors = report.problems.filter(problem => problem.severity === 'error').length
  const warnings = report.problems.length - errors
  const lines: string[] = []
  if (read === 0) {
    lines.push(`No pages were imported from ${printable(folder)}.`, '')
  } else {
    const counts: [string, number][] = [
      ['Sections created', report.sectionsCreated],
      ['Pages created', report.pagesCreated],
      ['Pages updated', report.pagesUpdated],
      ['Pages unchanged', report.pagesUnchanged],
    ]
    lines.push(`Imported the handbook from ${printable(folder)}`, '')
    for (const [label, count] of counts) lines.push(`  ${`${label}:`.padEnd(18)}${count}`)
    lines.push('')
  }

  const byFile = groupByFile(report.problems)
  if (byFile.size > 0) {
    lines.push(`${plural(report.problems.length, 'problem')} in ${plural(byFile.size, 'file')}:`, '')
    for (const [file, problems] of byFile) {
      lines.push(printable(file))
      for (const problem of problems) {
        lines.push(`  ${problem.severity === 'error' ? 'Error' : 'Warning'}: ${printable(problem.message)}`)
      }
      lines.push('')
    }
  }

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

/** Problems grouped by file (files in name order), errors before warnings within a file. */
function groupByFile(problems: readonly ImportProblem[]): Map<string, ImportProblem[]> {
  const sorted = [...problems].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
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
