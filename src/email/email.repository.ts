// The outbox table, email_outbox: the only code that reads or writes it. Every write that takes
// or finishes a message is guarded by its status (and, once leased, by the worker holding it), so
// two workers can never both record one message.
import { sql, type Kysely, type Selectable } from 'kysely'
import type { DbExecutor } from '../db/connect.ts'
import { lockSkippingLocked } from '../db/dialect.ts'
import type { Database, EmailOutboxTable } from '../db/schema.ts'
import type { ClaimedMessage, MessageKind, MessageStatus, OutboxMessage } from './email.types.ts'

type Row = Selectable<EmailOutboxTable>

const parsePayload = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

function toMessage(row: Row): OutboxMessage {
  return {
    id: row.id,
    kind: row.kind as MessageKind,
    recipientId: row.recipient_id,
    recipientName: row.recipient_name,
    recipientEmail: row.recipient_email,
    subject: row.subject,
    payload: parsePayload(row.payload),
    status: row.status as MessageStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at,
    leaseUntil: row.lease_until,
    lastError: row.last_error,
    transport: row.transport,
    providerId: row.provider_id,
    resent: Number(row.resent) === 1,
    createdAt: row.created_at,
    createdByName: row.created_by_name,
    sentAt: row.sent_at,
  }
}

export interface NewOutboxRow {
  id: string
  kind: MessageKind
  recipientId: string
  recipientName: string
  subject: string
  payload: Record<string, unknown>
  dedupeKey: string | null
  createdAt: string
  createdByName: string
}

export class EmailRepository {
  async insert(db: DbExecutor, row: NewOutboxRow): Promise<void> {
    await db
      .insertInto('email_outbox')
      .values({
        id: row.id,
        kind: row.kind,
        recipient_id: row.recipientId,
        recipient_name: row.recipientName,
        recipient_email: null,
        subject: row.subject,
        payload: JSON.stringify(row.payload),
        dedupe_key: row.dedupeKey,
        status: 'pending',
        attempts: 0,
        next_attempt_at: row.createdAt,
        lease_until: null,
        leased_by: null,
        last_error: null,
        transport: null,
        provider_id: null,
        resent: 0,
        created_at: row.createdAt,
        created_by_name: row.createdByName,
        sent_at: null,
        updated_at: row.createdAt,
      })
      .execute()
  }

  async find(db: DbExecutor, id: string): Promise<OutboxMessage | null> {
    const row = await db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toMessage(row) : null
  }

  /**
   * Leases up to `limit` messages that are due (pending, next attempt reached) or whose lease ran
   * out (a worker stopped while sending them), oldest first, to `worker` until `leaseUntil`. Run
   * it inside a transaction: on PostgreSQL the rows are locked and rows other workers hold are
   * skipped; on SQLite the transaction holds the only write lock.
   */
  async claim(
    trx: DbExecutor,
    o: { worker: string; now: string; leaseUntil: string; limit: number },
  ): Promise<ClaimedMessage[]> {
    const due = await lockSkippingLocked(
      trx as Kysely<Database>,
      trx
        .selectFrom('email_outbox')
        .select(['id', 'status'])
        .where(eb =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', o.now)]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', o.now)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(o.limit),
    ).execute()
    if (due.length === 0) return []
    const interrupted = new Set(due.filter(d => d.status === 'sending').map(d => d.id))
    const rows = await trx
      .updateTable('email_outbox')
      .set({
        status: 'sending',
        leased_by: o.worker,
        lease_until: o.leaseUntil,
        attempts: sql<number>`attempts + 1`,
        updated_at: o.now,
      })
      .where(
        'id',
        'in',
        due.map(d => d.id),
      )
      .returningAll()
      .execute()
    return rows
      .map(row => ({ ...toMessage(row), interrupted: interrupted.has(row.id) }))
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.id.localeCompare(b.id))
  }

  /** Records a message as sent, if this worker still holds it. False when it does not. */
  async markSent(
    db: DbExecutor,
    o: {
      id: string
      worker: string
      at: string
      transport: string
      providerId: string
      email: string
      resent: boolean
    },
  ): Promise<boolean> {
    const result = await db
      .updateTable('email_outbox')
      .set({
        status: 'sent',
        sent_at: o.at,
        transport: o.transport,
        provider_id: o.providerId,
        recipient_email: o.email,
        lease_until: null,
        last_error: null,
        resent: o.resent ? 1 : 0,
        updated_at: o.at,
      })
      .where('id', '=', o.id)
      .where('status', '=', 'sending')
      .where('leased_by', '=', o.worker)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /**
   * Records a failed attempt, if this worker still holds the message: 'pending' again with the
   * next attempt at `retryAt`, or finished ('failed' or 'cancelled') when retryAt is null.
   */
  async markUnsent(
    db: DbExecutor,
    o: {
      id: string
      worker: string
      at: string
      error: string
      status: 'pending' | 'failed' | 'cancelled'
      retryAt: string | null
      transport: string | null
    },
  ): Promise<boolean> {
    const result = await db
      .updateTable('email_outbox')
      .set({
        status: o.status,
        next_attempt_at: o.retryAt ?? o.at,
        lease_until: null,
        last_error: o.error,
        transport: o.transport,
        updated_at: o.at,
      })
      .where('id', '=', o.id)
      .where('status', '=', 'sending')
      .where('leased_by', '=', o.worker)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** Puts a failed or cancelled message back in the queue to be tried now. False if it was not failed. */
  async requeue(db: DbExecutor, id: string, at: string): Promise<boolean> {
    const result = await db
      .updateTable('email_outbox')
      .set({ status: 'pending', next_attempt_at: at, attempts: 0, updated_at: at })
      .where('id', '=', id)
      .where('status', 'in', ['failed', 'cancelled'])
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  /** Messages newest first, optionally of one status, a page at a time, with how many there are. */
  async list(
    db: DbExecutor,
    filter: { status?: MessageStatus | undefined },
    limit: number,
    offset: number,
  ): Promise<{ messages: OutboxMessage[]; total: number }> {
    let query = db.selectFrom('email_outbox')
    if (filter.status) query = query.where('status', '=', filter.status)
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      query.select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ])
    return { messages: rows.map(toMessage), total: Number(count.n) }
  }

  /** How many messages are in each status. */
  async counts(db: DbExecutor): Promise<Record<MessageStatus, number>> {
    const rows = await db
      .selectFrom('email_outbox')
      .select(['status', eb => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute()
    const counts: Record<MessageStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0, cancelled: 0 }
    for (const row of rows) if (row.status in counts) counts[row.status as MessageStatus] = Number(row.n)
    return counts
  }

  /** The latest message of a kind to one account (an administrator sees whether someone was invited). */
  async latestFor(db: DbExecutor, recipientId: string, kind: MessageKind): Promise<OutboxMessage | null> {
    const row = await db
      .selectFrom('email_outbox')
      .selectAll()
      .where('recipient_id', '=', recipientId)
      .where('kind', '=', kind)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row ? toMessage(row) : null
  }
}
