// The worked example's command-line commands, run by src/cli.ts (`npm run valuekit -- example …`):
//   example load     loads the fictional department (people, things, strategies, check-ins, plans,
//                    objectives, insight, the leadership balance, a page published in the open);
//   example remove   removes everything it made, and nothing else.
// Each command takes the services and two output streams and returns the exit code, so tests run
// them without spawning a process.
//
// Who the changes are credited to: the command line has nobody signed in, so, as the handbook
// import does, it acts as EXAMPLE_ACTOR, an actor with no account named for where the change came
// from. Choosing "the first administrator" instead would put an action in a real person's name in
// the audit log when they may never have run it. Strategy documents, check-ins and goals are still
// credited to the example people themselves, as they are when an administrator loads it.
import type { Actor } from '../platform/auth/roles.ts'
import type { Services } from '../services.ts'
import { ExampleRefusedError } from './example.service.ts'
import { loadedMessage, removedMessage } from './example.views.ts'

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

/** Who the audit log says loaded or removed the example from the command line. */
export const EXAMPLE_ACTOR: Actor = { id: null, name: 'Worked example (command line)' }

export interface ExampleStreams {
  readonly stdout: { write(text: string): unknown }
  readonly stderr: { write(text: string): unknown }
}

export type ExampleCommand = { readonly kind: 'example-load' } | { readonly kind: 'example-remove' }

export type ParsedExampleArguments =
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string }
  | { readonly kind: 'command'; readonly command: ExampleCommand }

/** The lines of the command line's help that describe these commands. */
export const EXAMPLE_COMMANDS = `  example load                        Load the worked example: a fictional department of about 50
                                      product people with their services, strategies, objectives,
                                      insight, check-ins and plans, marked as example data.
  example remove                      Remove everything the worked example made: its people,
                                      things, objectives, insight and the rest. Nothing else
                                      changes.
`

const NOT_SET_UP =
  'Valuekit is not set up yet. Run `npm start`, open the set-up link it prints and complete set-up ' +
  '(you can load the worked example there too), or run this command again afterwards.\n'

const printable = (text: string) => text.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?')

/** Reads `valuekit example …` arguments (process.argv without node and the script). */
export function parseExampleArguments(args: readonly string[]): ParsedExampleArguments {
  const positional: string[] = []
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') return { kind: 'help' }
    if (arg.startsWith('-') && arg !== '-') return { kind: 'usage-error', message: `Unknown option ${printable(arg)}` }
    positional.push(arg)
  }
  const [group, action, ...extra] = positional
  if (group !== 'example') return { kind: 'usage-error', message: 'Say which command to run' }
  if (action !== 'load' && action !== 'remove')
    return {
      kind: 'usage-error',
      message:
        action === undefined ? 'Say load or remove after example' : `Unknown command example ${printable(action)}`,
    }
  if (extra.length > 0) return { kind: 'usage-error', message: `Unexpected ${printable(extra.join(' '))}` }
  return { kind: 'command', command: { kind: action === 'load' ? 'example-load' : 'example-remove' } }
}

export function runExampleCommand(
  command: ExampleCommand,
  services: Services,
  streams: ExampleStreams,
): Promise<number> {
  return command.kind === 'example-load' ? loadCommand(services, streams) : removeCommand(services, streams)
}

/** Loads the example: 0 when loaded, 1 when refused (not set up, or already loaded). */
export async function loadCommand(services: Services, { stdout, stderr }: ExampleStreams): Promise<number> {
  if (!(await services.organisation.get())) {
    stderr.write(NOT_SET_UP)
    return EXIT_FAILED
  }
  stderr.write('Loading the worked example…\n')
  try {
    const summary = await services.example.load(EXAMPLE_ACTOR)
    stdout.write(
      `Loaded the worked example. ${loadedMessage(summary)}\n` +
        'Sign in as an administrator and open Administration, then Worked example, to see or remove it.\n',
    )
    return EXIT_OK
  } catch (err) {
    if (!(err instanceof ExampleRefusedError)) throw err
    stderr.write(`${err.message}.\nTo remove it, run: npm run valuekit -- example remove\n`)
    return EXIT_FAILED
  }
}

/** Removes the example: 0 when removed or when there was nothing to remove. */
export async function removeCommand(services: Services, { stdout }: ExampleStreams): Promise<number> {
  if (!(await services.example.status()).loaded) {
    stdout.write('The worked example is not loaded: there is nothing to remove.\n')
    return EXIT_OK
  }
  const summary = await services.example.remove(EXAMPLE_ACTOR)
  stdout.write(`${removedMessage(summary)}\n`)
  return EXIT_OK
}
