// `npm run valuekit -- email send`: sends every email that is due now, then stops. Useful when the
// server is not running, or to see at once why something fails. Prints counts only: never a
// body, an address or a link.
import type { Services } from '../services.ts'
import { emailWorkerFor } from './email.runner.ts'

export const EMAIL_COMMANDS =
  '  email send                    send every email that is due now, then stop\n' +
  '  email digests                 queue the weekly reminder digests due now, then send what is due\n'

export function isEmailCommand(args: readonly string[]): boolean {
  return args.find(arg => !arg.startsWith('-')) === 'email'
}

export type EmailCommandParse =
  | { kind: 'command'; run: (services: Services, streams: Streams) => Promise<number> }
  | { kind: 'usage-error'; message: string }

interface Streams {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
}

export function parseEmailArguments(args: readonly string[]): EmailCommandParse {
  const words = args.filter(arg => !arg.startsWith('-'))
  if (words.length === 2 && words[1] === 'send') return { kind: 'command', run: sendDue }
  if (words.length === 2 && words[1] === 'digests') return { kind: 'command', run: sendDigests }
  return { kind: 'usage-error', message: 'The email commands are `email send` and `email digests`' }
}

async function sendDue(services: Services, streams: Streams): Promise<number> {
  const worker = emailWorkerFor(services)
  if (!worker) {
    streams.stderr.write('Email is off: set NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID, or SMTP_URL and EMAIL_FROM.\n')
    return 1
  }
  const done = await worker.drain()
  streams.stdout.write(
    `Sent ${done.sent}; ${done.retrying} to try again later; ${done.failed} failed; ${done.cancelled} not sent (no account).\n`,
  )
  return done.failed > 0 ? 1 : 0
}

/** Queues the reminder digests due now (at most one a week each, however often it runs), then sends. */
async function sendDigests(services: Services, streams: Streams): Promise<number> {
  const worker = emailWorkerFor(services)
  if (!worker) {
    streams.stderr.write('Email is off: set NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID, or SMTP_URL and EMAIL_FROM.\n')
    return 1
  }
  const run = await services.reminders.sendDigests()
  streams.stdout.write(
    `Queued ${run.queued} reminder digests; ${run.nothingDue} people had nothing due; ${run.optedOut} chose no reminders; ${run.notYet} not due one yet.\n`,
  )
  return sendDue(services, streams)
}
