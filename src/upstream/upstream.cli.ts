// `npm run valuekit -- handbook upstream check <source>`: follow an upstream handbook (a folder of
// Markdown, an export folder, or the http(s) address of a published export) and list the pages
// whose upstream text changed. It writes no handbook page: editors decide at /handbook/upstream.
import type { Actor } from '../platform/auth/roles.ts'
import type { Services } from '../services.ts'
import { UpstreamReadError } from './upstream.source.ts'

export const UPSTREAM_COMMANDS =
  '  handbook upstream check <source>  follow a handbook (folder or address) and list what changed upstream\n'

export const UPSTREAM_ACTOR: Actor = { id: null, name: 'Command line' }

interface Streams {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

export type UpstreamCommandParse =
  | { kind: 'command'; run: (services: Services, streams: Streams) => Promise<number> }
  | { kind: 'usage-error'; message: string }

export function isUpstreamCommand(args: readonly string[]): boolean {
  const words = args.filter(arg => !arg.startsWith('-'))
  return words[0] === 'handbook' && words[1] === 'upstream'
}

export function parseUpstreamArguments(args: readonly string[]): UpstreamCommandParse {
  const words = args.filter(arg => !arg.startsWith('-'))
  const source = words[3]
  if (words.length !== 4 || words[2] !== 'check' || !source)
    return { kind: 'usage-error', message: 'The upstream command is `handbook upstream check <folder or address>`' }
  return { kind: 'command', run: (services, streams) => check(services, streams, source) }
}

const STATE_WORDS = { changed: 'changed', new: 'new', deleted: 'deleted', current: 'up to date' }

async function check(services: Services, streams: Streams, source: string): Promise<number> {
  try {
    const status = await services.upstream.check(UPSTREAM_ACTOR, source)
    streams.stdout.write(
      `Checked ${source}: ${status.current} pages up to date, ${status.pages.length} to look at on /handbook/upstream.\n`,
    )
    for (const page of status.pages)
      streams.stdout.write(`  ${STATE_WORDS[page.state].padEnd(8)} ${page.upstreamSlug}\n`)
    return 0
  } catch (error) {
    if (!(error instanceof UpstreamReadError)) throw error
    streams.stderr.write(`${error.message}\n`)
    return 1
  }
}
