// A real SMTP server on loopback for tests (smtp-server, from the nodemailer project): it takes
// every message, parses it (mailparser) and keeps it. It can refuse the next messages with a code.
import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  subject: string
  text: string
  messageId: string
}

export class SmtpSink {
  readonly received: ReceivedMail[] = []
  private readonly refusals: number[] = []
  private waiters: { count: number; resolve: () => void }[] = []
  private readonly listeners: ((mail: ReceivedMail) => void)[] = []
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const refusal = this.refusals.shift()
      simpleParser(stream)
        .then(mail => {
          if (refusal) {
            const err = Object.assign(new Error('Refused by the test'), { responseCode: refusal })
            return callback(err)
          }
          const received: ReceivedMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map(r => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            messageId: mail.messageId ?? '',
          }
          this.received.push(received)
          for (const listener of this.listeners) listener(received)
          callback()
          this.waiters = this.waiters.filter(w => {
            if (this.received.length < w.count) return true
            w.resolve()
            return false
          })
        })
        .catch(callback)
    },
  })
  port = 0

  async start(): Promise<this> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.server.address() as AddressInfo).port
    return this
  }

  async stop(): Promise<void> {
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  /** Calls `listener` with each message as it arrives. */
  onMail(listener: (mail: ReceivedMail) => void): void {
    this.listeners.push(listener)
  }

  /** Lets the process end while the server still listens (the journeys' runner). */
  unref(): void {
    this.server.server.unref()
  }

  /** The next messages are refused with these SMTP reply codes. */
  refuse(...codes: number[]): void {
    this.refusals.push(...codes)
  }

  /** Resolves once this many messages have arrived in all. */
  waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Only ${this.received.length} of ${count} emails arrived`)),
        timeoutMs,
      )
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
      })
    })
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`
  }
}

/** The environment that points Valuekit at a sink. */
export function smtpEnv(sink: SmtpSink): Record<string, string> {
  return { SMTP_URL: sink.url, EMAIL_FROM: 'Valuekit <valuekit@test.invalid>' }
}
