// Entry point of `npm run valuekit -- <command>`: the same configuration and database as the server,
// the services built by buildServices (no HTTP app, no stylesheet: an export builds the stylesheet
// itself, only if it is missing), then one command. Exit codes: 0 done,
// 1 failed (the message says why), 2 the command line was not understood.
import { ConfigError, loadConfig } from './config.ts'
import { connect } from './db/connect.ts'
import { migrateToLatest } from './db/migrate.ts'
import {
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  USAGE,
  parseArguments,
  printable,
  runCommand,
} from './handbook/handbook.cli.ts'
import { systemClock } from './platform/clock.ts'
import { buildServices } from './services.ts'

async function main(args: readonly string[]): Promise<number> {
  const parsed = parseArguments(args)
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
    return await runCommand(parsed.command, services, { stdout: process.stdout, stderr: process.stderr })
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
