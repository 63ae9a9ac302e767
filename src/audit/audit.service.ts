// The audit log: who changed what and when. Other capabilities record events inside their own
// transactions (pass the transaction as db), so an event exists exactly when its change does.
// Summaries name what changed, never the personal content of notes or assessments.
import type { DbExecutor } from '../db/connect.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { newId } from '../platform/ids.ts'
import type { AuditEvent, AuditFilter, AuditRepository } from './audit.repository.ts'

export interface AuditRecord {
  readonly action: string
  readonly subjectType: string
  readonly subjectId?: string | null
  readonly summary: string
}

export const AUDIT_PAGE_SIZE = 50

export class AuditService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(db: DbExecutor, actor: Actor, record: AuditRecord): Promise<void> {
    await this.repo.insert(db, {
      id: newId(),
      occurredAt: this.clock().toISOString(),
      actorId: actor.id,
      actorName: actor.name,
      action: record.action,
      subjectType: record.subjectType,
      subjectId: record.subjectId ?? null,
      summary: record.summary.replace(/[\r\n]+/g, ' ').slice(0, 500),
    })
  }

  /**
   * Changes whenever an event about the subject is recorded. Every change to a thing's strategy
   * is audited, so this keys the pages that show it (products/routes/strategy.routes.ts).
   */
  lastChange(subjectType: string, subjectId: string): Promise<string> {
    return this.repo.lastChange(this.db, subjectType, subjectId)
  }

  /** Changes whenever an event about any subject of the type is recorded (keys leaders' views). */
  lastChangeOfType(subjectType: string): Promise<string> {
    return this.repo.lastChangeOfType(this.db, subjectType)
  }

  async list(
    filter: AuditFilter,
    page: number,
  ): Promise<{ events: AuditEvent[]; total: number; page: number; pages: number }> {
    const safePage = Math.max(1, Math.floor(page))
    const { events, total } = await this.repo.list(this.db, filter, AUDIT_PAGE_SIZE, (safePage - 1) * AUDIT_PAGE_SIZE)
    return { events, total, page: safePage, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) }
  }

  async filterChoices(): Promise<{ actors: { id: string; name: string }[]; actions: string[] }> {
    const [actors, actions] = await Promise.all([this.repo.actors(this.db), this.repo.actions(this.db)])
    return { actors, actions }
  }
}
