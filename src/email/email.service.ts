// Email: the outbox's front. Other capabilities call `enqueue` inside the transaction of the change
// that causes a message, so the message exists exactly when the change does; the worker
// (email.worker.ts) sends it later. Administrators read what was sent, what failed and why.
import { createHmac } from 'node:crypto'
import type { AuditService } from '../audit/audit.service.ts'
import type { EmailConfig } from '../config.ts'
import type { DbExecutor } from '../db/connect.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { ConflictError, NotFoundError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import { payloadOf, subjectOf } from './email.messages.ts'
import type { EmailRepository } from './email.repository.ts'
import type {
  EmailTransport,
  MessageKind,
  MessageStatus,
  NewMessage,
  OrganisationNameSource,
  OutboxMessage,
  RecipientSource,
} from './email.types.ts'
import { EmailWorker, type WorkerLog, type WorkerOptions } from './email.worker.ts'

export const EMAIL_PAGE_SIZE = 50

export interface EmailSettings {
  readonly email: EmailConfig
  /** Keys the links messages carry (set-password tokens are derived from it and the message id). */
  readonly sessionSecret: string
}

export interface EmailLog {
  readonly messages: OutboxMessage[]
  readonly total: number
  readonly page: number
  readonly pages: number
  readonly counts: Record<MessageStatus, number>
}

export class EmailService {
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly db: DbExecutor,
    private readonly repo: EmailRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly settings: EmailSettings,
  ) {}

  /** Whether Valuekit sends email at all. With neither Notify nor SMTP configured it does not. */
  get enabled(): boolean {
    return this.settings.email.kind !== 'off'
  }

  /** How email is sent: 'notify', 'smtp' or 'off'. */
  get method(): EmailConfig['kind'] {
    return this.settings.email.kind
  }

  /**
   * Puts a message in the outbox inside the caller's transaction, or does nothing and answers
   * null when email is off (nothing piles up to be sent the day it is turned on). A message with a
   * dedupe key that was already queued is not queued again (null).
   */
  async enqueue(
    trx: DbExecutor,
    actor: Actor,
    message: NewMessage,
    options: { dedupeKey?: string } = {},
  ): Promise<{ id: string } | null> {
    if (!this.enabled) return null
    const id = newId()
    try {
      await this.repo.insert(trx, {
        id,
        kind: message.kind,
        recipientId: message.recipient.id,
        recipientName: message.recipient.name,
        subject: subjectOf(message),
        payload: payloadOf(message),
        dedupeKey: options.dedupeKey ?? null,
        createdAt: this.clock().toISOString(),
        createdByName: actor.name,
      })
    } catch (err) {
      if (options.dedupeKey && isUniqueViolation(err)) return null
      throw err
    }
    this.wakeSoon()
    return { id }
  }

  /**
   * The secret in a message's link: an HMAC of its id under the session secret, so the outbox
   * never stores a live token and every instance derives the same one. The caller stores only its
   * hash (as it does for any one-time token).
   */
  linkToken(messageId: string): string {
    return createHmac('sha256', this.settings.sessionSecret).update(`email-link\n${messageId}`).digest('base64url')
  }

  /** What was sent, what is waiting and what failed, newest first, a page at a time. */
  async list(filter: { status?: MessageStatus | undefined }, page: number): Promise<EmailLog> {
    const counts = await this.repo.counts(this.db)
    const total = filter.status ? counts[filter.status] : Object.values(counts).reduce((a, b) => a + b, 0)
    const pages = Math.max(1, Math.ceil(total / EMAIL_PAGE_SIZE))
    const safePage = Math.min(Math.max(1, Math.floor(page)), pages)
    const { messages } = await this.repo.list(this.db, filter, EMAIL_PAGE_SIZE, (safePage - 1) * EMAIL_PAGE_SIZE)
    return { messages, total, page: safePage, pages, counts }
  }

  async get(id: string): Promise<OutboxMessage> {
    const message = await this.repo.find(this.db, id)
    if (!message) throw new NotFoundError('No such email')
    return message
  }

  /** The latest message of a kind to someone, such as their invitation. */
  latestFor(recipientId: string, kind: MessageKind): Promise<OutboxMessage | null> {
    return this.repo.latestFor(this.db, recipientId, kind)
  }

  /** Tries a failed or cancelled message again from the start. Audited. */
  async retry(actor: Actor, id: string): Promise<void> {
    if (!this.enabled) throw new ConflictError('Email is off, so nothing can be sent')
    const message = await this.get(id)
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.requeue(trx, id, this.clock().toISOString())))
        throw new ConflictError('This email is not one that failed')
      await this.audit.record(trx, actor, {
        action: 'email.retried',
        subjectType: 'email',
        subjectId: id,
        summary: `Asked for “${message.subject}” to ${message.recipientName} to be sent again`,
      })
    })
    this.wakeSoon()
  }

  /** A worker that sends this outbox's messages through `transport` (see email.runner.ts). */
  worker(
    transport: EmailTransport,
    recipients: RecipientSource,
    organisation: OrganisationNameSource,
    baseUrl: string,
    options: Partial<WorkerOptions> = {},
    log?: WorkerLog,
  ): EmailWorker {
    return new EmailWorker(
      this.db,
      this.repo,
      transport,
      recipients,
      organisation,
      { baseUrl, linkToken: id => this.linkToken(id) },
      this.clock,
      options,
      log,
    )
  }

  /** Called soon after a message is queued: the worker in this process looks for work at once. */
  onQueued(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private wakeSoon(): void {
    // After the caller's transaction has most likely committed; the worker's poll catches the rest.
    if (this.listeners.size > 0) setTimeout(() => this.listeners.forEach(listener => listener()), 50).unref()
  }
}
