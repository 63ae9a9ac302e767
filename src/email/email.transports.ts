// The two ways Valuekit sends email: GOV.UK Notify through its official client, and SMTP through
// nodemailer. Each says which failures are worth trying again. Neither logs a body or a key.
import { createTransport, type Transporter } from 'nodemailer'
import { NotifyClient } from 'notifications-node-client'
import type { EmailConfig } from '../config.ts'
import { PermanentSendError, type EmailTransport, type OutgoingEmail } from './email.types.ts'

/** How long one send may take before it counts as failed (its outcome is then unknown). */
export const SEND_TIMEOUT_MS = 30_000

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${Math.round(ms / 1000)} seconds`)), ms)
    timer.unref()
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/** A one-line reason from a Notify error: its status and Notify's own message, never the request. */
function notifyProblem(err: unknown): { message: string; permanent: boolean } {
  const e = err as {
    response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } }
    code?: string
    message?: string
  }
  const status = e.response?.status
  if (status === undefined)
    return { message: `Could not reach GOV.UK Notify (${e.code ?? e.message ?? 'no answer'})`, permanent: false }
  const first = e.response?.data?.errors?.[0]
  const said = first ? `${first.error ?? 'Error'}: ${first.message ?? ''}` : 'no details'
  // 400: Notify refused this message (a bad address, a missing personalisation field, trial
  // mode): it will refuse it again. 403, 429 and 5xx may pass later (a key being fixed, a limit).
  return { message: `GOV.UK Notify answered ${status} (${said})`.slice(0, 300), permanent: status === 400 }
}

export class NotifyTransport implements EmailTransport {
  readonly name = 'notify' as const
  private readonly client: NotifyClient

  constructor(
    private readonly config: Extract<EmailConfig, { kind: 'notify' }>,
    private readonly timeoutMs = SEND_TIMEOUT_MS,
  ) {
    this.client = config.baseUrl ? new NotifyClient(config.baseUrl, config.apiKey) : new NotifyClient(config.apiKey)
  }

  async send(email: OutgoingEmail): Promise<string> {
    try {
      const response = await withTimeout(
        this.client.sendEmail(this.config.templateId, email.to, {
          personalisation: { subject: email.subject, body: email.body },
          reference: email.reference,
        }),
        this.timeoutMs,
        'GOV.UK Notify',
      )
      return response.data.id
    } catch (err) {
      const problem = notifyProblem(err)
      if (problem.permanent) throw new PermanentSendError(problem.message)
      throw new Error(problem.message)
    }
  }

  /** Notify keeps the reference we send: ask it whether a message with this one was accepted. */
  async findSent(reference: string): Promise<string | null> {
    try {
      const response = await withTimeout(
        this.client.getNotifications('email', undefined, reference),
        this.timeoutMs,
        'GOV.UK Notify',
      )
      const found = response.data.notifications.find(n => n.reference === reference)
      return found ? found.id : null
    } catch (err) {
      throw new Error(notifyProblem(err).message)
    }
  }
}

/** Host, port, TLS and any user and password from an smtp:// or smtps:// address. */
export function smtpServerOf(url: string): {
  host: string
  port: number
  secure: boolean
  auth?: { user: string; pass: string }
} {
  const u = new URL(url)
  const secure = u.protocol === 'smtps:'
  const port = u.port ? Number(u.port) : secure ? 465 : 25
  const user = decodeURIComponent(u.username)
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(u.password) } } : {}),
  }
}

export class SmtpTransport implements EmailTransport {
  readonly name = 'smtp' as const
  private readonly transporter: Transporter
  private readonly domain: string

  constructor(
    private readonly config: Extract<EmailConfig, { kind: 'smtp' }>,
    baseUrl: string,
  ) {
    this.transporter = createTransport({
      ...smtpServerOf(config.url),
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: SEND_TIMEOUT_MS,
      logger: false,
      debug: false,
    })
    this.domain = new URL(baseUrl).hostname || 'valuekit.invalid'
  }

  async send(email: OutgoingEmail): Promise<string> {
    // The same Message-ID on every attempt: if a message is sent twice (see the ADR), mail
    // programs that recognise it show it once.
    const messageId = `<${email.reference}@${this.domain}>`
    try {
      await this.transporter.sendMail({
        from: this.config.from,
        to: email.to,
        subject: email.subject,
        text: email.body,
        messageId,
      })
      return messageId
    } catch (err) {
      const e = err as { responseCode?: number; code?: string; message?: string }
      if (typeof e.responseCode === 'number') {
        const message = `The SMTP server answered ${e.responseCode}`
        // 5xx: the server refuses this message for good (no such mailbox, sender not allowed).
        if (e.responseCode >= 500) throw new PermanentSendError(message)
        throw new Error(message)
      }
      throw new Error(`Could not reach the SMTP server (${e.code ?? 'no answer'})`)
    }
  }

  close(): void {
    this.transporter.close()
  }
}

/** The transport the configuration names, or null when email is off. */
export function transportFor(config: EmailConfig, baseUrl: string): EmailTransport | null {
  if (config.kind === 'notify') return new NotifyTransport(config)
  if (config.kind === 'smtp') return new SmtpTransport(config, baseUrl)
  return null
}
