// Entry point of `npm run valuekit -- <command>`: the same configuration and database as the server,
// the services built by buildServices (no HTTP app, no stylesheet: an export builds the stylesheet
// itself, only if it is missing), then one command. The first word chooses whose commands they are:
// `example` the worked example's (src/example/example.cli.ts), anything else the handbook's
// (src/handbook/handbook.cli.ts). Exit codes: 0 done, 1 failed (the message says why), 2 the
// command line was not understood.
import { ConfigError, loadConfig } from './config.ts'
import { connect } from './db/connect.ts'
import { migrateToLatest } from './db/migrate.ts'
import { EMAIL_COMMANDS, parseEmailArguments } from './email/email.cli.ts'
import { EXAMPLE_COMMANDS, parseExampleArguments, runExampleCommand } from './example/example.cli.ts'
import {
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  parseArguments,
  printable,
  runCommand,
  usage,
} from './handbook/handbook.cli.ts'
import { systemClock } from './platform/clock.ts'
import { buildServices, type Services } from './services.ts'
import { isUpstreamCommand, parseUpstreamArguments, UPSTREAM_COMMANDS } from './upstream/upstream.cli.ts'

const USAGE = usage(EXAMPLE_COMMANDS + EMAIL_COMMANDS + UPSTREAM_COMMANDS)

/** The command asked for, read by the parser of the capability its first word names. */
function parse(args: readonly string[]) {
  const first = args.find(arg => !arg.startsWith('-'))
  if (isUpstreamCommand(args)) {
    const parsed = parseUpstreamArguments(args)
    if (parsed.kind !== 'command') return parsed
    const { run } = parsed
    return { kind: 'command' as const, run: (services: Services) => run(services, STREAMS) }
  }
  if (first === 'email') {
    const parsed = parseEmailArguments(args)
    if (parsed.kind !== 'command') return parsed
    const { run } = parsed
    return { kind: 'command' as const, run: (services: Services) => run(services, STREAMS) }
  }
  if (first === 'example') {
    const parsed = parseExampleArguments(args)
    if (parsed.kind !== 'command') return parsed
    const { command } = parsed
    return { kind: 'command' as const, run: (services: Services) => runExampleCommand(command, services, STREAMS) }
  }
  const parsed = parseArguments(args)
  if (parsed.kind !== 'command') return parsed
  const { command } = parsed
  return { kind: 'command' as const, run: (services: Services) => runCommand(command, services, STREAMS) }
}

const STREAMS = { stdout: process.stdout, stderr: process.stderr }

async function main(args: readonly string[]): Promise<number> {
  const parsed = parse(args)
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE)
    return EXIT_OK
  }
  if (parsed.kind === 'usage-error') {
    process.stderr.write(`${parsed.message}.\n\n${USAGE}`)
    return EXIT_USAGE
  }

  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    return EXIT_FAILED
  }
  const db = connect(config.database, {
    onPoolError: error => process.stderr.write(`Database connection error: ${error.message}\n`),
  })
  try {
    await migrateToLatest(db)
    const services = buildServices({ db, clock: systemClock, config })
    return await parsed.run(services)
  } finally {
    await db.close()
  }
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    process.stderr.write(`Something went wrong: ${printable(message)}\n`)
    process.exitCode = EXIT_FAILED
  },
)
