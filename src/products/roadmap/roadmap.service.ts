// A thing's roadmap: adding and changing items, moving them between Now, Next and Later and up or
// down within a column, marking them done or dropped, and decisions taken on them after a
// hypothesis is tested. Every change is kept as an event in the item's history, in the same
// transaction. Items are versioned: a change made from an out-of-date page throws
// StaleVersionError<RoadmapItem>.
import type { AuditService } from '../../audit/audit.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { MetricsService } from '../metrics/metrics.service.ts'
import type { Product } from '../products.types.ts'
import type { RoadmapRepository } from './roadmap.repository.ts'
import {
  COLUMN_LABELS,
  COLUMNS,
  DECISION_LABELS,
  type Board,
  type Column,
  type Decision,
  type EventKind,
  type ItemDetails,
  type ItemStatus,
  type Move,
  type NewItem,
  type RoadmapEvent,
  type RoadmapItem,
} from './roadmap.types.ts'

/** Arranges items as the roadmap page shows them: open items by column in order, then the rest. */
export function arrange(items: readonly RoadmapItem[]): Board {
  const byPlace = (a: RoadmapItem, b: RoadmapItem) => a.position - b.position || a.createdAt.localeCompare(b.createdAt)
  const columns = Object.fromEntries(
    COLUMNS.map(c => [c, items.filter(i => i.status === 'open' && i.column === c).sort(byPlace)]),
  ) as Record<Column, RoadmapItem[]>
  const closed = items.filter(i => i.status !== 'open').sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
  return { columns, closed }
}

export class RoadmapService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: RoadmapRepository,
    private readonly metrics: MetricsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async board(productId: string): Promise<Board> {
    return arrange(await this.repo.list(this.db, productId))
  }

  /** Items by id, whatever thing they belong to (unknown ids are left out): for objectives. */
  some(ids: readonly string[]): Promise<RoadmapItem[]> {
    return this.repo.findMany(this.db, ids)
  }

  /** The open items of the given things: what objectives may be served by. */
  openFor(productIds: readonly string[]): Promise<RoadmapItem[]> {
    return this.repo.openFor(this.db, productIds)
  }

  /** One of the thing's items; NotFoundError for an item of another thing. */
  async get(productId: string, itemId: string): Promise<RoadmapItem> {
    const item = await this.repo.find(this.db, itemId)
    if (!item || item.productId !== productId) throw new NotFoundError('No such roadmap item')
    return item
  }

  /** Items by id, for pages of other capabilities that link to problems on roadmaps. */
  async byId(ids: readonly string[]): Promise<Map<string, RoadmapItem>> {
    const items = await this.some([...new Set(ids)])
    return new Map(items.map(i => [i.id, i]))
  }

  history(itemId: string): Promise<RoadmapEvent[]> {
    return this.repo.events(this.db, itemId)
  }

  private async checkMetric(product: Product, metricId: string | null): Promise<void> {
    if (metricId !== null && !(await this.metrics.belongs(product.id, metricId)))
      throw new ValidationError({ metricId: 'Choose a metric from the list' })
  }

  private async stale(db: DbExecutor, id: string): Promise<StaleVersionError<RoadmapItem>> {
    const latest = await this.repo.find(db, id)
    if (!latest) throw new NotFoundError('No such roadmap item')
    return new StaleVersionError(latest, 'Someone else changed this roadmap item')
  }

  private async event(db: DbExecutor, actor: Actor, itemId: string, kind: EventKind, title: string, note = '') {
    await this.repo.insertEvent(db, {
      id: newId(),
      itemId,
      kind,
      title,
      note,
      recordedAt: this.clock().toISOString(),
      recordedById: actor.id,
      recordedByName: actor.name,
    })
  }

  private async endOf(db: DbExecutor, productId: string, column: Column): Promise<number> {
    const items = await this.repo.column(db, productId, column)
    return (items[items.length - 1]?.position ?? 0) + 1
  }

  async add(actor: Actor, product: Product, input: NewItem): Promise<RoadmapItem> {
    await this.checkMetric(product, input.metricId)
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const position = await this.endOf(trx, product.id, input.column)
      await this.repo.insert(trx, {
        id,
        productId: product.id,
        column: input.column,
        position,
        details: input,
        at,
        byName: actor.name,
      })
      await this.event(trx, actor, id, 'added', `Added to ${COLUMN_LABELS[input.column]}`)
      await this.audit.record(trx, actor, {
        action: 'roadmap.item-added',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Added an item to ${COLUMN_LABELS[input.column]} on the roadmap of ${product.name}`,
      })
    })
    return this.get(product.id, id)
  }

  /** Changes an item's problem, outcome or metric; the history keeps what they were. */
  async update(actor: Actor, product: Product, item: RoadmapItem, details: ItemDetails, expectedVersion: number) {
    await this.checkMetric(product, details.metricId)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const before = (await this.repo.find(trx, item.id)) ?? item
      if (!(await this.repo.updateDetails(trx, item.id, details, expectedVersion, at, actor.name)))
        throw await this.stale(trx, item.id)
      const changed: string[] = []
      const was: string[] = []
      if (before.problem !== details.problem) {
        changed.push('the problem')
        was.push(`The problem was: ${before.problem}`)
      }
      if (before.outcome !== details.outcome) {
        changed.push('the outcome')
        was.push(`The outcome was: ${before.outcome}`)
      }
      if (before.metricId !== details.metricId) {
        changed.push('the metric')
        was.push(`The metric was: ${before.metricName ?? 'none'}`)
      }
      const title = changed.length
        ? `Changed ${changed.slice(0, -1).join(', ')}${changed.length > 1 ? ' and ' : ''}${changed[changed.length - 1]}`
        : 'Saved with no changes'
      await this.event(trx, actor, item.id, 'changed', title, was.join('\n'))
      await this.audit.record(trx, actor, {
        action: 'roadmap.item-changed',
        subjectType: 'product',
        subjectId: product.id,
        summary: `${title} of a roadmap item of ${product.name}`,
      })
    })
  }

  /**
   * Moves an open item up or down within its column, or to the end of another column. Only the
   * item that moves changes: its position goes between its new neighbours'.
   */
  async move(actor: Actor, product: Product, item: RoadmapItem, move: Move, expectedVersion: number): Promise<void> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const current = await this.repo.find(trx, item.id)
      if (!current || current.productId !== product.id) throw new NotFoundError('No such roadmap item')
      if (current.version !== expectedVersion) throw await this.stale(trx, item.id)
      if (current.status !== 'open') throw new ValidationError({ move: 'Put it back on the roadmap before moving it' })
      const from = COLUMN_LABELS[current.column]
      let place: { column: Column; position: number }
      let title: string
      if (move === 'up' || move === 'down') {
        const list = await this.repo.column(trx, product.id, current.column)
        const position = await this.neighbourly(trx, actor, list, current.id, move)
        place = { column: current.column, position }
        title = `Moved ${move} in ${from}`
      } else {
        if (move === current.column) throw new ValidationError({ move: `It is in ${from} already` })
        place = { column: move, position: await this.endOf(trx, product.id, move) }
        title = `Moved from ${from} to ${COLUMN_LABELS[move]}`
      }
      if (!(await this.repo.setPlace(trx, item.id, place, expectedVersion, at, actor.name)))
        throw await this.stale(trx, item.id)
      await this.event(trx, actor, item.id, 'moved', title)
      await this.audit.record(trx, actor, {
        action: 'roadmap.item-moved',
        subjectType: 'product',
        subjectId: product.id,
        summary: `${title} on the roadmap of ${product.name}`,
      })
    })
  }

  /** The position one place up or down the column, renumbering the column first if there is no room. */
  private async neighbourly(
    trx: DbExecutor,
    actor: Actor,
    list: RoadmapItem[],
    id: string,
    move: 'up' | 'down',
  ): Promise<number> {
    const index = list.findIndex(i => i.id === id)
    const column = COLUMN_LABELS[list[index]?.column ?? 'now']
    if (move === 'up' && index === 0) throw new ValidationError({ move: `It is first in ${column} already` })
    if (move === 'down' && index === list.length - 1)
      throw new ValidationError({ move: `It is last in ${column} already` })
    const between = (l: RoadmapItem[]) => {
      const i = l.findIndex(x => x.id === id)
      const near = l[move === 'up' ? i - 1 : i + 1] as RoadmapItem
      const far = l[move === 'up' ? i - 2 : i + 2]
      return far ? (near.position + far.position) / 2 : near.position + (move === 'up' ? -1 : 1)
    }
    const position = between(list)
    if (list.every(i => i.position !== position)) return position
    // Halving has run out of room: number the others 1, 2, 3… again (each a versioned save).
    const at = this.clock().toISOString()
    const renumbered: RoadmapItem[] = []
    for (const [n, other] of list.entries()) {
      if (
        other.id !== id &&
        !(await this.repo.setPlace(
          trx,
          other.id,
          { column: other.column, position: n + 1 },
          other.version,
          at,
          actor.name,
        ))
      )
        throw await this.stale(trx, other.id)
      renumbered.push({ ...other, position: n + 1 })
    }
    return between(renumbered)
  }

  /** Marks an item done or dropped, or puts it back at the end of its column, with an optional note. */
  async setStatus(
    actor: Actor,
    product: Product,
    item: RoadmapItem,
    status: ItemStatus,
    note: string,
    expectedVersion: number,
  ): Promise<void> {
    if (status === item.status)
      throw new ValidationError({
        status: status === 'open' ? 'It is on the roadmap already' : `It is ${status} already`,
      })
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const position = status === 'open' ? await this.endOf(trx, product.id, item.column) : undefined
      if (
        !(await this.repo.setStatus(
          trx,
          item.id,
          { status, ...(position === undefined ? {} : { position }) },
          expectedVersion,
          at,
          actor.name,
        ))
      )
        throw await this.stale(trx, item.id)
      const title =
        status === 'done'
          ? 'Marked as done'
          : status === 'dropped'
            ? 'Dropped'
            : `Put back on the roadmap in ${COLUMN_LABELS[item.column]}`
      await this.event(trx, actor, item.id, status === 'open' ? 'reopened' : status, title, note)
      await this.audit.record(trx, actor, {
        action: `roadmap.item-${status === 'open' ? 'reopened' : status}`,
        subjectType: 'product',
        subjectId: product.id,
        summary: `${title}: an item on the roadmap of ${product.name}`,
      })
    })
  }

  /**
   * Applies a decision about an item inside the caller's transaction (a hypothesis's result):
   * dropping it drops it; keeping or changing it is recorded. Kept in the item's history either way.
   */
  async decide(
    trx: DbExecutor,
    actor: Actor,
    product: Product,
    itemId: string,
    decision: Decision,
    o: { why: string; note: string },
  ): Promise<void> {
    const item = await this.repo.find(trx, itemId)
    if (!item || item.productId !== product.id) throw new NotFoundError('No such roadmap item')
    const title = `Decided to ${DECISION_LABELS[decision].toLowerCase()} ${o.why}`
    if (decision === 'drop' && item.status !== 'dropped') {
      const at = this.clock().toISOString()
      if (!(await this.repo.setStatus(trx, item.id, { status: 'dropped' }, item.version, at, actor.name)))
        throw await this.stale(trx, item.id)
    }
    await this.event(trx, actor, item.id, 'decision', title, o.note)
    await this.audit.record(trx, actor, {
      action: `roadmap.item-decision`,
      subjectType: 'product',
      subjectId: product.id,
      summary: `Decided to ${decision} an item on the roadmap of ${product.name} ${o.why}`,
    })
  }
}
