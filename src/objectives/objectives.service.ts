// Objectives and key results: setting, changing and removing objectives for the organisation, an
// area, a group or a thing, and reading a quarter's objectives as a tree. Key results are metrics
// of things and roadmap items serve objectives; both are read through the products capability's
// services, never copied. Every change is kept in the objective's history and the audit log in
// the same transaction; a thing's objectives are audited against the thing, so its strategy page
// (cached until the thing's latest audit event changes) shows them at once. Routes decide who may
// (objectives.policy.ts).
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { ukToday } from '../platform/dates.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import type { MetricsService } from '../products/metrics/metrics.service.ts'
import type { Metric, MetricStanding } from '../products/metrics/metrics.types.ts'
import { isQuarter, quarterLabel, quarterOf } from '../products/prioritisation/prioritisation.types.ts'
import type { ProductsService } from '../products/products.service.ts'
import type { Product, ProductOutline } from '../products/products.types.ts'
import type { RoadmapService } from '../products/roadmap/roadmap.service.ts'
import type { RoadmapItem } from '../products/roadmap/roadmap.types.ts'
import type { ObjectivesRepository } from './objectives.repository.ts'
import {
  LEVELS,
  parentScope,
  placeName,
  type Level,
  type NamedScope,
  type Objective,
  type ObjectiveEvent,
  type ObjectiveInput,
  type Scope,
} from './objectives.types.ts'

/** Key results an objective may have: a few, so that each one matters. */
export const MAX_KEY_RESULTS = 5

/** What the objective form offers for a scope and quarter. */
export interface ObjectiveChoices {
  /** Objectives one level up in the same quarter that this one may support. */
  parents: Objective[]
  /** The level those are at, or null for the organisation. */
  parentScope: NamedScope | null
  /** Metrics of the things in scope, each with its thing's name. */
  metrics: { metric: Metric; thingName: string }[]
  /** Open roadmap items of the things in scope (and any already linked), each with its thing's name. */
  items: { item: RoadmapItem; thingName: string }[]
}

/** An objective with what its page shows. */
export interface ObjectiveDetail {
  objective: Objective
  scope: NamedScope
  parent: Objective | null
  children: Objective[]
  /** Standings of the metrics of the objective and its children, by metric id. */
  standings: Map<string, MetricStanding>
  items: { item: RoadmapItem; thingName: string }[]
  /** Names of the things the objectives and metrics belong to, by id. */
  thingNames: Map<string, string>
  history: ObjectiveEvent[]
}

/** A set of objectives with the standings of their metrics and the names of their things. */
export interface ObjectiveSet {
  objectives: Objective[]
  standings: Map<string, MetricStanding>
  thingNames: Map<string, string>
}

/** A raw scope as asked for in an address or a form. */
export interface ScopeRequest {
  level: string
  area?: string
  group?: string
  productId?: string
}

const auditSubject = (o: Pick<Objective, 'id' | 'level' | 'productId'>) =>
  o.level === 'thing' && o.productId
    ? { subjectType: 'product', subjectId: o.productId }
    : { subjectType: 'objective', subjectId: o.id }

/** "the title and the key results": a list of changes in words. */
const inWords = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`

export class ObjectivesService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: ObjectivesRepository,
    private readonly products: ProductsService,
    private readonly metrics: MetricsService,
    private readonly roadmap: RoadmapService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return ukToday(this.clock)
  }

  currentQuarter(): string {
    return quarterOf(this.today())
  }

  /** The scope an address or a form asks for, with its name; NotFoundError when there is none such. */
  async resolveScope(request: ScopeRequest): Promise<NamedScope & { product: Product | null }> {
    const level = (LEVELS as readonly string[]).includes(request.level) ? (request.level as Level) : null
    const area = (request.area ?? '').trim()
    const group = (request.group ?? '').trim()
    switch (level) {
      case 'organisation':
        return { level, area: '', group: '', productId: null, name: placeName({ level, area, group }), product: null }
      case 'area':
        if (!area) break
        return { level, area, group: '', productId: null, name: area, product: null }
      case 'group':
        if (!group) break
        return { level, area, group, productId: null, name: placeName({ level, area, group }), product: null }
      case 'thing': {
        if (!request.productId) break
        const product = await this.products.get(request.productId)
        return {
          level,
          area: product.area,
          group: product.group,
          productId: product.id,
          name: product.name,
          product,
        }
      }
      default:
        break
    }
    throw new NotFoundError('No such place for objectives')
  }

  /** The name of an objective's scope. */
  private scopeName(scope: Scope, thingNames: Map<string, string>): string {
    return scope.level === 'thing' ? (thingNames.get(scope.productId ?? '') ?? 'A thing') : placeName(scope)
  }

  /** The things whose metrics and roadmap items an objective of this scope may use. */
  private thingsIn(scope: Scope): Promise<ProductOutline[]> {
    switch (scope.level) {
      case 'organisation':
        return this.products.outline()
      case 'area':
        return this.products.outline({ area: scope.area })
      case 'group':
        return this.products.outline({ area: scope.area, group: scope.group })
      case 'thing':
        return this.products.outline({ ids: scope.productId ? [scope.productId] : [] })
    }
  }

  /** Every area and group things sit in: the places objectives can be set for. */
  places() {
    return this.products.places()
  }

  /** What the form offers for an objective of this scope in this quarter (and what it has already). */
  async choices(scope: Scope, quarter: string, current?: Objective): Promise<ObjectiveChoices> {
    const up = parentScope(scope)
    const things = await this.thingsIn(scope)
    const ids = things.map(t => t.id)
    const [parents, metrics, open, linked] = await Promise.all([
      up ? this.repo.list(this.db, { quarter, scope: up }) : Promise.resolve([]),
      this.metrics.forThings(ids),
      this.roadmap.openFor(ids),
      current ? this.roadmap.some(current.itemIds) : Promise.resolve([]),
    ])
    // Metrics already chosen stay on offer even if their thing has moved elsewhere since.
    const known = new Set(metrics.map(m => m.id))
    const kept = current
      ? (await this.metrics.standings(current.metricIds.filter(id => !known.has(id)))).map(s => s.metric)
      : []
    const extraThings = [...kept.map(m => m.productId), ...linked.map(i => i.productId)].filter(id => !ids.includes(id))
    const names = new Map(things.map(t => [t.id, t.name]))
    if (extraThings.length)
      for (const t of await this.products.outline({ ids: [...new Set(extraThings)] })) names.set(t.id, t.name)
    const itemIds = new Set(open.map(i => i.id))
    const items = [...open, ...linked.filter(i => !itemIds.has(i.id))]
    return {
      parents: parents.filter(p => p.id !== current?.id),
      parentScope: up ? { ...up, name: placeName(up) } : null,
      metrics: [...metrics, ...kept].map(metric => ({ metric, thingName: names.get(metric.productId) ?? '' })),
      items: items.map(item => ({ item, thingName: names.get(item.productId) ?? '' })),
    }
  }

  /** Checks the form's choices against what is on offer; throws ValidationError with every problem. */
  private check(input: ObjectiveInput, choices: ObjectiveChoices): void {
    const problems: Record<string, string> = {}
    if (input.parentId !== null && !choices.parents.some(p => p.id === input.parentId))
      problems.parentId = 'Choose an objective from the list'
    if (input.metricIds.length === 0) problems.metricIds = 'Choose at least one metric as a key result'
    else if (input.metricIds.length > MAX_KEY_RESULTS)
      problems.metricIds = `Choose no more than ${MAX_KEY_RESULTS} key results`
    else if (input.metricIds.some(id => !choices.metrics.some(m => m.metric.id === id)))
      problems.metricIds = 'Choose metrics from the list'
    if (input.itemIds.some(id => !choices.items.some(i => i.item.id === id)))
      problems.itemIds = 'Choose roadmap items from the list'
    if (Object.keys(problems).length) throw new ValidationError(problems)
  }

  private async event(db: DbExecutor, actor: Actor, objectiveId: string, title: string, note = '') {
    await this.repo.insertEvent(db, {
      id: newId(),
      objectiveId,
      title,
      note,
      recordedAt: this.clock().toISOString(),
      recordedById: actor.id,
      recordedByName: actor.name,
    })
  }

  async get(id: string): Promise<Objective> {
    const objective = await this.repo.find(this.db, id)
    if (!objective) throw new NotFoundError('No such objective')
    return objective
  }

  /** Sets an objective for a scope in a quarter; the worked example marks its own (`example`). */
  async create(
    actor: Actor,
    scope: NamedScope,
    quarter: string,
    input: ObjectiveInput,
    options: { example?: boolean } = {},
  ): Promise<Objective> {
    if (!isQuarter(quarter)) throw new ValidationError({ quarter: 'Choose a quarter' })
    this.check(input, await this.choices(scope, quarter))
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.insert(trx, {
        id,
        quarter,
        scope,
        input,
        at,
        byName: actor.name,
        example: options.example ?? false,
      })
      await this.event(trx, actor, id, 'Set the objective')
      await this.audit.record(trx, actor, {
        action: 'objective.set',
        ...auditSubject({ id, level: scope.level, productId: scope.productId }),
        summary: `Set an objective for ${scope.name} in ${quarterLabel(quarter)}: ${input.title}`,
      })
    })
    return this.get(id)
  }

  /** Saves an objective if nobody saved it since expectedVersion, or throws StaleVersionError<Objective>. */
  async update(actor: Actor, objective: Objective, input: ObjectiveInput, expectedVersion: number): Promise<void> {
    const choices = await this.choices(objective, objective.quarter, objective)
    this.check(input, choices)
    const at = this.clock().toISOString()
    const metricName = (id: string) => choices.metrics.find(m => m.metric.id === id)?.metric.name ?? 'a metric'
    await this.db.transaction().execute(async trx => {
      const before = (await this.repo.find(trx, objective.id)) ?? objective
      if (!(await this.repo.update(trx, objective.id, input, expectedVersion, at, actor.name))) {
        const latest = await this.repo.find(trx, objective.id)
        if (!latest) throw new NotFoundError('No such objective')
        throw new StaleVersionError(latest, 'Someone else changed this objective')
      }
      const changed: string[] = []
      const was: string[] = []
      if (before.title !== input.title) {
        changed.push('the title')
        was.push(`The title was: ${before.title}`)
      }
      if (before.description !== input.description) {
        changed.push('why it matters')
        was.push(`Why it matters was: ${before.description || '(nothing)'}`)
      }
      if (before.parentId !== input.parentId) {
        changed.push('the objective it supports')
        const parent = before.parentId ? await this.repo.find(trx, before.parentId) : undefined
        was.push(`It supported: ${parent?.title ?? 'no objective'}`)
      }
      const added = input.metricIds.filter(id => !before.metricIds.includes(id))
      const removed = before.metricIds.filter(id => !input.metricIds.includes(id))
      if (added.length || removed.length) {
        changed.push('the key results')
        if (added.length) was.push(`Added key results: ${added.map(metricName).join(', ')}`)
        if (removed.length) was.push(`Removed key results: ${removed.map(metricName).join(', ')}`)
      }
      const itemsChanged =
        input.itemIds.length !== before.itemIds.length || input.itemIds.some(id => !before.itemIds.includes(id))
      if (itemsChanged) changed.push('the roadmap items')
      const title = changed.length ? `Changed ${inWords(changed)}` : 'Saved with no changes'
      await this.event(trx, actor, objective.id, title, was.join('\n'))
      await this.audit.record(trx, actor, {
        action: 'objective.changed',
        ...auditSubject(objective),
        summary: `${title} of an objective for ${quarterLabel(objective.quarter)}: ${input.title}`,
      })
    })
  }

  /** Removes an objective; the objectives that supported it stay, supporting nothing until linked again. */
  async delete(actor: Actor, objective: Objective): Promise<void> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const children = await this.repo.list(trx, { parentId: objective.id })
      await this.repo.unlinkChildren(trx, objective.id, at, actor.name)
      for (const child of children) {
        await this.event(
          trx,
          actor,
          child.id,
          'No longer supports an objective',
          `It supported: ${objective.title}, which was removed`,
        )
        await this.audit.record(trx, actor, {
          action: 'objective.unlinked',
          ...auditSubject(child),
          summary: `An objective no longer supports ${objective.title}, which was removed: ${child.title}`,
        })
      }
      await this.repo.delete(trx, objective.id)
      await this.audit.record(trx, actor, {
        action: 'objective.removed',
        ...auditSubject(objective),
        summary: `Removed an objective for ${quarterLabel(objective.quarter)}: ${objective.title}`,
      })
    })
  }

  /** How many objectives the worked example set. */
  countExample(): Promise<number> {
    return this.repo.countExamples(this.db)
  }

  /**
   * Removes every objective the worked example set, at every level, in one transaction with one
   * audit event; real objectives stay (those that supported one support nothing until linked again).
   */
  async removeExample(actor: Actor): Promise<number> {
    return this.db.transaction().execute(async trx => {
      const removed = await this.repo.deleteExamples(trx)
      if (removed > 0)
        await this.audit.record(trx, actor, {
          action: 'objective.example-removed',
          subjectType: 'objective',
          summary: `Removed the worked example’s ${removed === 1 ? 'objective' : `${removed} objectives`}`,
        })
      return removed
    })
  }

  /** Standings of the metrics and names of the things a set of objectives needs. */
  private async around(objectives: readonly Objective[], more: { metricIds?: string[]; thingIds?: string[] } = {}) {
    const metricIds = [...new Set([...objectives.flatMap(o => o.metricIds), ...(more.metricIds ?? [])])]
    const standings = await this.metrics.standings(metricIds)
    const thingIds = new Set([
      ...objectives.map(o => o.productId).filter((id): id is string => id !== null),
      ...standings.map(s => s.metric.productId),
      ...(more.thingIds ?? []),
    ])
    const things = await this.products.outline({ ids: [...thingIds] })
    return {
      standings: new Map(standings.map(s => [s.metric.id, s])),
      thingNames: new Map(things.map(t => [t.id, t.name])),
    }
  }

  /** A quarter's objectives at every level, with what their progress is read from. */
  async quarter(quarter: string): Promise<ObjectiveSet> {
    const objectives = await this.repo.list(this.db, { quarter })
    return { objectives, ...(await this.around(objectives)) }
  }

  /** A thing's objectives in every quarter, latest first. */
  async forThing(productId: string): Promise<ObjectiveSet> {
    const objectives = await this.repo.list(this.db, { productId })
    return { objectives, ...(await this.around(objectives, { thingIds: [productId] })) }
  }

  /** The objectives set at one level that is not a thing (an area, the organisation), in every quarter. */
  async forScope(scope: Scope): Promise<ObjectiveSet> {
    const objectives = await this.repo.list(this.db, { scope })
    return { objectives, ...(await this.around(objectives)) }
  }

  /** An objective with its scope, the objective it supports, those that support it, its key results and history. */
  async detail(id: string): Promise<ObjectiveDetail> {
    const objective = await this.get(id)
    const [parent, children, history, items] = await Promise.all([
      objective.parentId ? this.repo.find(this.db, objective.parentId) : Promise.resolve(undefined),
      this.repo.list(this.db, { parentId: objective.id }),
      this.repo.events(this.db, objective.id),
      this.roadmap.some(objective.itemIds),
    ])
    const { standings, thingNames } = await this.around([objective, ...children, ...(parent ? [parent] : [])], {
      thingIds: items.map(i => i.productId),
    })
    const order = new Map(objective.itemIds.map((itemId, n) => [itemId, n]))
    return {
      objective,
      scope: { ...objective, name: this.scopeName(objective, thingNames) },
      parent: parent ?? null,
      children,
      standings,
      items: items
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
        .map(item => ({ item, thingName: thingNames.get(item.productId) ?? '' })),
      thingNames,
      history,
    }
  }
}
