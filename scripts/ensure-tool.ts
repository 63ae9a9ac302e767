// Makes sure a program from Debian's packages is on this machine before a script needs it: the
// browser journeys need Chromium, the benchmark needs wrk. When the program is missing and this
// user may install packages (root, with apt-get), it installs the package; otherwise it stops at
// once with one line that says exactly what to run.
//
//   tsx scripts/ensure-tool.ts chromium     (run by `npm run test:e2e` before the journeys)
//   tsx scripts/ensure-tool.ts wrk          (run by `npm run bench`)
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { pathToFileURL } from 'node:url'

export interface Tool {
  /** Where the program must be: Playwright and the benchmark use this path. */
  readonly path: string
  /** The Debian package that puts it there. */
  readonly debianPackage: string
  /** What needs it, for the message. */
  readonly neededBy: string
}

export const TOOLS: Readonly<Record<string, Tool>> = {
  chromium: { path: '/usr/bin/chromium', debianPackage: 'chromium', neededBy: 'The browser journeys' },
  wrk: { path: '/usr/bin/wrk', debianPackage: 'wrk', neededBy: 'The benchmark' },
}

export interface Machine {
  readonly exists: (path: string) => boolean
  readonly isRoot: boolean
  readonly hasAptGet: boolean
  /** Runs a command, showing its output; true when it succeeded. */
  readonly run: (command: string, args: readonly string[]) => boolean
}

export type Outcome =
  { readonly ok: true; readonly installed: boolean } | { readonly ok: false; readonly message: string }

/** What to do about one tool on this machine. Pure apart from what `machine` does. */
export function ensureTool(tool: Tool, machine: Machine): Outcome {
  if (machine.exists(tool.path)) return { ok: true, installed: false }
  const howTo = `sudo apt-get install -y ${tool.debianPackage}`
  if (!machine.isRoot || !machine.hasAptGet) {
    return { ok: false, message: `${tool.neededBy} need ${tool.path}. Install it with: ${howTo}` }
  }
  const env = ['-y', '-qq', '-o', 'Dpkg::Use-Pty=0']
  const installed =
    machine.run('apt-get', ['install', ...env, tool.debianPackage]) ||
    (machine.run('apt-get', ['update', '-qq']) && machine.run('apt-get', ['install', ...env, tool.debianPackage]))
  if (!installed || !machine.exists(tool.path)) {
    return { ok: false, message: `${tool.neededBy} need ${tool.path}, and installing it failed. Run: ${howTo}` }
  }
  return { ok: true, installed: true }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export const thisMachine: Machine = {
  exists: executable,
  isRoot: process.getuid?.() === 0,
  hasAptGet: executable('/usr/bin/apt-get'),
  run: (command, args) =>
    spawnSync(command, [...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0,
}

function main(names: readonly string[]): number {
  for (const name of names) {
    const tool = TOOLS[name]
    if (!tool) {
      process.stderr.write(`Unknown tool "${name}". Known: ${Object.keys(TOOLS).join(', ')}\n`)
      return 2
    }
    if (!thisMachine.exists(tool.path))
      process.stdout.write(`Installing ${tool.debianPackage} from Debian's packages…\n`)
    const outcome = ensureTool(tool, thisMachine)
    if (!outcome.ok) {
      process.stderr.write(`${outcome.message}\n`)
      return 1
    }
  }
  return 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2))
}
