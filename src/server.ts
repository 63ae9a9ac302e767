// Entry point: configuration → database → migrations → app → listen. Prints the one-time set-up
// link while the installation has no administrator, and closes cleanly on SIGINT/SIGTERM.
import { buildApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { connect } from './db/connect.ts'
import { migrateToLatest } from './db/migrate.ts'
import { emailWorkerFor } from './email/email.runner.ts'
import { DigestSchedule } from './reminders/reminders.runner.ts'
import { isLateTemplateError } from './platform/http/views.ts'

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const db = connect(config.database, {
    onPoolError: err => console.error(`Database connection error: ${err.message}`),
  })
  await migrateToLatest(db)
  const app = await buildApp({ config, db })

  // A template that fails inside an include is reported twice by Nunjucks: to the request (which
  // answers with the error page, see renderView) and again later as an uncaught exception. The
  // second is logged, not allowed to stop the service for everyone; anything else still does.
  process.on('uncaughtException', err => {
    if (isLateTemplateError(err)) {
      app.log.error({ err }, 'A template failed to render')
      return
    }
    app.log.fatal({ err }, 'Stopping after an error nothing handled')
    process.exit(1)
  })

  // The email outbox's worker: sends what the pages queue, with retries (src/email/email.worker.ts).
  const emailWorker = emailWorkerFor(app.services, { log: app.log })
  // The reminder digests: looks every hour for people due their weekly email (src/reminders).
  const digests = emailWorker ? new DigestSchedule(app.services.reminders, app.log) : null

  const close = async (signal: string) => {
    app.log.info({ signal }, 'Shutting down')
    await digests?.stop()
    await emailWorker?.stop()
    await app.close()
    await db.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void close('SIGINT'))
  process.once('SIGTERM', () => void close('SIGTERM'))

  await app.listen({ port: config.port, host: config.host })
  const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.filename}` : 'PostgreSQL'
  app.log.info({ database: config.database.kind }, `Valuekit is running at ${config.baseUrl} using ${where}`)
  if (emailWorker) {
    emailWorker.start(listener => app.services.email.onQueued(listener))
    digests?.start()
    app.log.info(
      { email: config.email.kind },
      `Sending email through ${config.email.kind === 'notify' ? 'GOV.UK Notify' : 'SMTP'}`,
    )
  } else app.log.info({ email: 'off' }, 'Email is off: no email will be sent')

  const token = await app.services.setup.issueSetupToken()
  if (token) {
    // Printed to the console only (never to the log stream): whoever holds it becomes the
    // first administrator. It works once and expires in 24 hours.
    console.log(
      [
        '',
        '  Valuekit is not set up yet. To set it up, open this one-time link:',
        '',
        `    ${config.baseUrl}/setup/${token}`,
        '',
        '  It works once, within 24 hours. Restart the server to get a new one.',
        '',
      ].join('\n'),
    )
  }
}

main().catch(err => {
  console.error(err)
  process.exit(1)
})
