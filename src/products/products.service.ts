// The catalogue: things in the common language (services, features, capabilities, technology and
// data), how they link, who owns them, and their GOV.UK phase and lifecycle stage with a dated
// history and a reason for every move. Routes decide who may (products.policy.ts); this service
// keeps the rules of the records.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { PeopleService } from '../people/people.service.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { ukToday } from '../platform/dates.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import type { DocumentsRepository } from './documents.repository.ts'
import type { ProductsRepository } from './products.repository.ts'
import {
  PHASE_LABELS,
  PHASES,
  STAGE_LABELS,
  STAGES,
  USED_KINDS,
  type CatalogueChoices,
  type MoveRequest,
  type NewProduct,
  type Product,
  type ProductDetails,
  type ProductFilter,
  type ProductKind,
  type ProductLink,
  type ProductMember,
  type ProductMove,
  type ProductOutline,
  type ProductPlace,
  type StrategyScope,
  strategyTitle,
} from './products.types.ts'

export const CATALOGUE_PAGE_SIZE = 50

export interface CataloguePage {
  items: Product[]
  total: number
  page: number
  pages: number
}

export class ProductsService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: ProductsRepository,
    private readonly documents: DocumentsRepository,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return ukToday(this.clock)
  }

  async list(filter: ProductFilter, page: number): Promise<CataloguePage> {
    const total = await this.repo.count(this.db, filter)
    const pages = Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE))
    const safePage = Math.min(Math.max(1, Math.floor(page) || 1), pages)
    const items = await this.repo.list(this.db, filter, {
      offset: (safePage - 1) * CATALOGUE_PAGE_SIZE,
      limit: CATALOGUE_PAGE_SIZE,
    })
    return { items, total, page: safePage, pages }
  }

  /** The things a person owns, by name, and how many in all: the owner index, two reads. */
  /** Every thing a person owns, by name. */
  async allOwnedBy(personId: string): Promise<Product[]> {
    const filter = { ownerId: personId }
    const total = await this.repo.count(this.db, filter)
    return total === 0 ? [] : this.repo.list(this.db, filter, { offset: 0, limit: total })
  }

  async ownedBy(personId: string, limit: number): Promise<{ items: Product[]; total: number }> {
    const filter = { ownerId: personId }
    const [items, total] = await Promise.all([
      this.repo.list(this.db, filter, { offset: 0, limit }),
      this.repo.count(this.db, filter),
    ])
    return { items, total }
  }

  /** A thing in the catalogue; an area's or the organisation's strategy record is not found here. */
  async get(id: string): Promise<Product> {
    const product = await this.repo.find(this.db, id)
    if (!product || product.scope !== 'thing') throw new NotFoundError('No such thing')
    return product
  }

  /** What a strategy page is about: a thing, or the strategy record of an area or the organisation. */
  async subject(id: string): Promise<Product> {
    const product = await this.repo.find(this.db, id)
    if (!product) throw new NotFoundError('No such strategy')
    return product
  }

  /**
   * The areas that may have a strategy of their own: every area people are in or things sit in.
   * An area nobody is in and no thing names has no strategy page.
   */
  async strategyAreas(): Promise<string[]> {
    const [people, choices] = await Promise.all([this.people.areas(), this.repo.catalogueChoices(this.db)])
    return [...new Set([...people.map(p => p.businessArea), ...choices.areas])].filter(Boolean).sort()
  }

  /**
   * The strategy record of an area or of the organisation, if someone has started it. Throws
   * NotFoundError for an area that strategyAreas does not know.
   */
  async findStrategy(which: StrategyScope): Promise<Product | undefined> {
    if (which.scope === 'area' && !(await this.strategyAreas()).includes(which.area))
      throw new NotFoundError('No such area')
    return this.repo.findScope(this.db, which)
  }

  /**
   * The strategy record of an area or of the organisation, started (empty, and audited) if nobody
   * has started it yet. The worked example starts its areas' and the organisation's as its own
   * (`example`), so removing it takes them away with its things.
   */
  async strategyFor(actor: Actor, which: StrategyScope, options: { example?: boolean } = {}): Promise<Product> {
    const found = await this.repo.findScope(this.db, which)
    if (found) return found
    if (which.scope === 'area' && !(await this.strategyAreas()).includes(which.area))
      throw new NotFoundError('No such area')
    const at = this.clock().toISOString()
    const id = newId()
    const area = which.scope === 'area' ? which.area : ''
    // Named as its pages call it, so every part's page and breadcrumbs say whose strategy it is.
    const name = strategyTitle({ scope: which.scope, name: '', area })
    try {
      await this.db.transaction().execute(async trx => {
        await this.repo.insert(trx, {
          id,
          // The kind and phase of a strategy record are never shown or used: every page and rule
          // that depends on them asks for things (scope 'thing') first.
          kind: 'capability',
          name,
          purpose: '',
          ownerId: null,
          team: '',
          group: '',
          area,
          parentId: null,
          phase: 'live',
          stage: 'maturity',
          example: options.example ?? false,
          scope: which.scope,
          createdAt: at,
          createdByName: actor.name,
          updatedAt: at,
        })
        await this.audit.record(trx, actor, {
          action: 'product.strategy-started',
          subjectType: 'product',
          subjectId: id,
          summary:
            which.scope === 'area' ? `Started the strategy of the ${area} area` : 'Started the organisation’s strategy',
        })
      })
    } catch (err) {
      // Two people opened it for the first time at once: the other one started it.
      if (!isUniqueViolation(err)) throw err
    }
    const started = await this.repo.findScope(this.db, which)
    if (!started) throw new NotFoundError('No such strategy')
    return started
  }

  /** The names of the things given, by id, for pages that list things another capability links to. */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const things = await this.repo.outline(this.db, { ids: [...new Set(ids)] })
    return new Map(things.map(t => [t.id, t.name]))
  }

  links(id: string) {
    return this.repo.links(this.db, id)
  }

  moves(id: string): Promise<ProductMove[]> {
    return this.repo.moves(this.db, id)
  }

  members(id: string): Promise<ProductMember[]> {
    return this.repo.members(this.db, id)
  }

  /** Changes whenever anything the catalogue shows may have changed: keys its cached pages. */
  catalogueVersion(): Promise<string> {
    return this.repo.catalogueVersion(this.db)
  }

  /**
   * Changes whenever anything a thing's strategy page shows may have changed: any change to its
   * strategy (every one is audited against the thing), the catalogue (names of linked things and
   * owners), or the day (flags for what is stale). Keys the strategy page's cache.
   */
  async strategyVersion(product: Product): Promise<string> {
    const [changes, catalogue] = await Promise.all([
      this.audit.lastChange('product', product.id),
      this.repo.catalogueVersion(this.db),
    ])
    return `${product.version}|${changes}|${catalogue}|${this.today()}`
  }

  /** Things in brief, by name: in an area (and a group within it), with the given ids, or all. */
  outline(o: { area?: string; group?: string; ids?: readonly string[] } = {}): Promise<ProductOutline[]> {
    return this.repo.outline(this.db, o)
  }

  /** Every area and group things sit in. */
  places(): Promise<ProductPlace[]> {
    return this.repo.places(this.db)
  }

  catalogueChoices(): Promise<CatalogueChoices> {
    return this.repo.catalogueChoices(this.db)
  }

  /** What a thing's form offers: services a feature can belong to, what a service can use, owners. */
  async formChoices(): Promise<{
    services: ProductLink[]
    usable: ProductLink[]
    owners: { id: string; name: string }[]
    areas: string[]
    groups: string[]
  }> {
    const [services, usable, owners, choices] = await Promise.all([
      this.repo.choices(this.db, ['service']),
      this.repo.choices(this.db, USED_KINDS),
      this.people.list({ withProfileOnly: true }),
      this.repo.catalogueChoices(this.db),
    ])
    // Areas and groups people are in, and those things already use: offered as suggestions.
    const places = await this.people.areas()
    const known = (extra: string[], own: string[]) => [...new Set([...extra, ...own])].filter(Boolean).sort()
    return {
      services,
      usable,
      owners: owners.map(p => ({ id: p.id, name: p.name })),
      areas: known(
        choices.areas,
        places.map(p => p.businessArea),
      ),
      groups: known(
        choices.groups,
        places.map(p => p.group),
      ),
    }
  }

  /** Checks the links a thing's details make; throws ValidationError with every problem. */
  private async check(details: ProductDetails, self: string | null): Promise<void> {
    const problems: Record<string, string> = {}
    if (details.kind === 'feature') {
      if (!details.parentId) problems.parentId = 'Choose the service this feature is part of'
      else {
        const parent = await this.repo.find(this.db, details.parentId)
        if (!parent || parent.kind !== 'service') problems.parentId = 'Choose a service from the list'
      }
    }
    if (details.uses.length > 0) {
      if (details.kind !== 'service' && details.kind !== 'feature')
        problems.uses = 'Only services and features use capabilities, technology and data'
      else {
        const usable = new Set((await this.repo.choices(this.db, USED_KINDS)).map(l => l.id))
        if (details.uses.some(id => !usable.has(id) || id === self))
          problems.uses = 'Choose capabilities, technology and data from the list'
      }
    }
    if (details.ownerId) {
      try {
        const owner = await this.people.get(details.ownerId)
        if (!owner.hasProfile) problems.ownerId = 'Choose an owner from the list'
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err
        problems.ownerId = 'Choose an owner from the list'
      }
    }
    if (Object.keys(problems).length > 0) throw new ValidationError(problems)
  }

  async create(actor: Actor, input: NewProduct): Promise<Product> {
    const details = { ...input, parentId: input.kind === 'feature' ? input.parentId : null }
    await this.check(details, null)
    const at = this.clock().toISOString()
    const id = newId()
    const today = this.today()
    await this.db.transaction().execute(async trx => {
      await this.repo.insert(trx, {
        id,
        kind: details.kind,
        name: details.name,
        purpose: details.purpose,
        ownerId: details.ownerId,
        team: details.team,
        group: details.group,
        area: details.area,
        parentId: details.parentId,
        phase: input.phase,
        stage: input.stage,
        example: input.example ?? false,
        createdAt: at,
        createdByName: actor.name,
        updatedAt: at,
      })
      await this.repo.setUses(trx, id, details.uses)
      for (const [axis, to] of [
        ['phase', input.phase],
        ['stage', input.stage],
      ] as const)
        await this.repo.insertMove(trx, {
          id: newId(),
          productId: id,
          axis,
          from: null,
          to,
          movedOn: today,
          reason: 'Added to the catalogue',
          recordedAt: at,
          recordedById: actor.id,
          recordedByName: actor.name,
        })
      await this.audit.record(trx, actor, {
        action: 'product.added',
        subjectType: 'product',
        subjectId: id,
        summary: `Added ${details.kind} ${details.name} to the catalogue`,
      })
    })
    return this.get(id)
  }

  /** Saves a thing's details if nobody saved it since expectedVersion, or throws StaleVersionError<Product>. */
  async update(actor: Actor, product: Product, details: ProductDetails, expectedVersion: number): Promise<void> {
    const clean = { ...details, parentId: details.kind === 'feature' ? details.parentId : null }
    await this.check(clean, product.id)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const saved = await this.repo.update(trx, product.id, { ...clean, updatedAt: at }, expectedVersion)
      if (!saved) throw await this.stale(trx, product.id)
      await this.repo.setUses(trx, product.id, clean.kind === 'service' || clean.kind === 'feature' ? clean.uses : [])
      const changed = (['name', 'purpose', 'ownerId', 'team', 'group', 'area', 'kind', 'parentId'] as const).filter(
        k => product[k] !== clean[k],
      )
      await this.audit.record(trx, actor, {
        action: 'product.changed',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Changed ${product.name}${changed.length ? ` (${changed.join(', ')})` : ''}`,
      })
    })
  }

  private async stale(db: DbExecutor, id: string): Promise<StaleVersionError<Product>> {
    const latest = await this.repo.find(db, id)
    if (!latest) throw new NotFoundError('No such thing')
    return new StaleVersionError(latest, 'Someone else changed this thing')
  }

  /** Moves a thing to another phase or stage, dated, with a reason; kept in its history. */
  async move(actor: Actor, product: Product, request: MoveRequest, expectedVersion: number): Promise<void> {
    const options: readonly string[] = request.axis === 'phase' ? PHASES : STAGES
    if (!options.includes(request.to)) throw new ValidationError({ to: 'Choose where it has moved to' })
    const from = request.axis === 'phase' ? product.phase : product.stage
    if (from === request.to)
      throw new ValidationError({
        to: `It is already in ${request.axis === 'phase' ? PHASE_LABELS[product.phase] : STAGE_LABELS[product.stage]}`,
      })
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const saved = await this.repo.setPosition(trx, product.id, request.axis, request.to, expectedVersion, at)
      if (!saved) throw await this.stale(trx, product.id)
      await this.repo.insertMove(trx, {
        id: newId(),
        productId: product.id,
        axis: request.axis,
        from,
        to: request.to,
        movedOn: request.movedOn,
        reason: request.reason,
        recordedAt: at,
        recordedById: actor.id,
        recordedByName: actor.name,
      })
      await this.audit.record(trx, actor, {
        action: `product.${request.axis}-moved`,
        subjectType: 'product',
        subjectId: product.id,
        summary: `Moved ${product.name} from ${from} to ${request.to}`,
      })
    })
  }

  /** How many things of the worked example there are, by kind (kinds with none are left out). */
  async exampleCounts(): Promise<Partial<Record<ProductKind, number>>> {
    const counts: Partial<Record<ProductKind, number>> = {}
    for (const { kind, scope } of await this.repo.examples(this.db))
      if (scope === 'thing') counts[kind] = (counts[kind] ?? 0) + 1
    return counts
  }

  /** How many strategies of areas or the organisation the worked example started. */
  async exampleStrategies(): Promise<number> {
    return (await this.repo.examples(this.db)).filter(e => e.scope !== 'thing').length
  }

  /**
   * Removes every thing of the worked example with its strategy documents, links and history, in
   * one transaction with one audit event, and the strategies of areas and the organisation it
   * started. Things that are not examples stay; a real feature of an example service stays,
   * unlinked. Returns how many things were removed.
   */
  async removeExample(actor: Actor): Promise<number> {
    return this.db.transaction().execute(async trx => {
      const examples = await this.repo.examples(trx)
      if (examples.length === 0) return 0
      await this.documents.deleteForSubjects(
        trx,
        examples.map(e => e.id),
      )
      await this.repo.deleteExamples(trx)
      const removed = examples.filter(e => e.scope === 'thing').length
      await this.audit.record(trx, actor, {
        action: 'product.example-removed',
        subjectType: 'product',
        summary: `Removed the ${removed === 1 ? 'thing' : `${removed} things`} of the worked example from the catalogue`,
      })
      return removed
    })
  }

  /** Removes a thing, its links, history and strategy. Features that belonged to it stay, unlinked. */
  async delete(actor: Actor, product: Product): Promise<void> {
    await this.db.transaction().execute(async trx => {
      await this.documents.deleteForSubject(trx, product.id)
      await this.repo.delete(trx, product.id)
      await this.audit.record(trx, actor, {
        action: 'product.removed',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Removed ${product.kind} ${product.name} from the catalogue`,
      })
    })
  }
}
