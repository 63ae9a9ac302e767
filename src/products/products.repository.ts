// The catalogue's tables: things, what they use, their moves of phase and stage, and the people on
// their teams. The only code that reads or writes them.
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, ProductsTable } from '../db/schema.ts'
import { Remembered, databaseKey } from '../db/remembered.ts'
import { updateVersioned } from '../db/versioned.ts'
import type {
  CatalogueChoices,
  MoveAxis,
  Phase,
  Product,
  ProductFilter,
  ProductKind,
  ProductLink,
  ProductMember,
  ProductMove,
  ProductOutline,
  ProductPlace,
  ProductScope,
  Stage,
  StrategyScope,
  TeamLayer,
} from './products.types.ts'

type Db = Kysely<Database>

/** A row as stored, for inserts. */
export interface ProductRow {
  id: string
  kind: ProductKind
  name: string
  purpose: string
  ownerId: string | null
  team: string
  group: string
  area: string
  parentId: string | null
  phase: Phase
  stage: Stage
  example: boolean
  /** 'thing' unless given. */
  scope?: ProductScope
  createdAt: string
  createdByName: string
  updatedAt: string
}

/** The columns a change of details may touch. */
export type ProductChanges = Pick<
  ProductRow,
  'kind' | 'name' | 'purpose' | 'ownerId' | 'team' | 'group' | 'area' | 'parentId' | 'updatedAt'
>

type Joined = Selectable<ProductsTable> & { owner_name: string | null; parent_name: string | null }

const toProduct = (r: Joined): Product => ({
  id: r.id,
  kind: r.kind as ProductKind,
  name: r.name,
  purpose: r.purpose,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  team: r.team,
  group: r.group_name,
  area: r.area,
  parentId: r.parent_id,
  parentName: r.parent_name,
  phase: r.phase as Phase,
  stage: r.stage as Stage,
  example: r.example === 'yes',
  scope: r.scope as ProductScope,
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  version: Number(r.version),
})

/** Escapes LIKE's wildcards so a search for "50%" finds "50%". */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, c => `\\${c}`)}%`

export class ProductsRepository {
  // The catalogue's filter choices (distinct areas, groups and owners) are read on every page of
  // the catalogue: remembered for a moment, forgotten by every write to things (db/remembered.ts).
  private readonly choicesKnown = new Remembered<CatalogueChoices>({ max: 100 })
  private readonly versionKnown = new Remembered<string>({ max: 100 })

  /** Forgets what is remembered: called as every write to things begins. */
  private written(): void {
    this.choicesKnown.changed()
    this.versionKnown.changed()
  }

  /**
   * A short text that changes whenever anything the catalogue shows may have changed: a thing
   * added, changed, moved, linked or removed (every save bumps its version; the count and the
   * latest updated_at), or an owner's name (users). Remembered for a moment.
   */
  catalogueVersion(db: Db): Promise<string> {
    return this.versionKnown.get(databaseKey(db), async () => {
      const row = await db
        .selectNoFrom(eb => [
          eb
            .selectFrom('products')
            .select(e => e.fn.max('updated_at').as('m'))
            .as('changed'),
          eb
            .selectFrom('products')
            .select(e => e.fn.countAll<number>().as('n'))
            .as('things'),
          eb
            .selectFrom('products')
            .select(e => e.fn.sum<number>('version').as('n'))
            .as('versions'),
          eb
            .selectFrom('users')
            .select(e => e.fn.max('updated_at').as('m'))
            .as('accounts'),
        ])
        .executeTakeFirstOrThrow()
      return [row.changed, row.things, row.versions, row.accounts].map(v => String(v ?? '')).join('|')
    })
  }

  private base(db: Db) {
    return db
      .selectFrom('products as p')
      .leftJoin('users as o', 'o.id', 'p.owner_id')
      .leftJoin('products as parent', 'parent.id', 'p.parent_id')
      .selectAll('p')
      .select(['o.name as owner_name', 'parent.name as parent_name'])
  }

  async find(db: Db, id: string): Promise<Product | undefined> {
    const row = await this.base(db).where('p.id', '=', id).executeTakeFirst()
    return row ? toProduct(row as Joined) : undefined
  }

  /** Things in the catalogue only: an area's or the organisation's strategy record is not a thing. */
  private filtered(db: Db, filter: ProductFilter) {
    let query = db.selectFrom('products as p').where('p.scope', '=', 'thing')
    if (filter.kind) query = query.where('p.kind', '=', filter.kind)
    if (filter.phase) query = query.where('p.phase', '=', filter.phase)
    if (filter.area) query = query.where('p.area', '=', filter.area)
    if (filter.ownerId) query = query.where('p.owner_id', '=', filter.ownerId)
    for (const word of (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8))
      query = query.where(sql<boolean>`p.name_key like ${likeText(word)} escape '\\'`)
    return query
  }

  async list(db: Db, filter: ProductFilter, page: { offset: number; limit: number }): Promise<Product[]> {
    const ids = this.filtered(db, filter)
      .select('p.id')
      .orderBy('p.name_key')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
    const rows = await this.base(db).where('p.id', 'in', ids).orderBy('p.name_key').orderBy('p.id').execute()
    return rows.map(r => toProduct(r as Joined))
  }

  async count(db: Db, filter: ProductFilter): Promise<number> {
    const row = await this.filtered(db, filter)
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /**
   * Things in brief, by name: those in an area (and a group within it) when given, those with the
   * given ids when given, or every thing. Strategy records of areas and the organisation are
   * included only when asked for by id (so their names show where their roadmap items are named).
   */
  async outline(db: Db, o: { area?: string; group?: string; ids?: readonly string[] }): Promise<ProductOutline[]> {
    if (o.ids && o.ids.length === 0) return []
    let query = db.selectFrom('products').select(['id', 'kind', 'name', 'area', 'group_name'])
    if (!o.ids) query = query.where('scope', '=', 'thing')
    if (o.area !== undefined) query = query.where('area', '=', o.area)
    if (o.group !== undefined) query = query.where('group_name', '=', o.group)
    if (o.ids) query = query.where('id', 'in', [...o.ids])
    const rows = await query.orderBy('name_key').orderBy('id').execute()
    return rows.map(r => ({ id: r.id, kind: r.kind as ProductKind, name: r.name, area: r.area, group: r.group_name }))
  }

  /** Every area and group things sit in, by area then group. */
  async places(db: Db): Promise<ProductPlace[]> {
    const rows = await db
      .selectFrom('products')
      .select(['area', 'group_name'])
      .where('scope', '=', 'thing')
      .distinct()
      .orderBy('area')
      .orderBy('group_name')
      .execute()
    return rows.map(r => ({ area: r.area, group: r.group_name }))
  }

  /** Things of the given kinds, by name: the choices for links. */
  async choices(db: Db, kinds: readonly ProductKind[]): Promise<ProductLink[]> {
    if (kinds.length === 0) return []
    const rows = await db
      .selectFrom('products')
      .select(['id', 'kind', 'name', 'phase'])
      .where('scope', '=', 'thing')
      .where('kind', 'in', [...kinds])
      .orderBy('name_key')
      .execute()
    return rows.map(r => ({ id: r.id, kind: r.kind as ProductKind, name: r.name, phase: r.phase as Phase }))
  }

  catalogueChoices(db: Db): Promise<CatalogueChoices> {
    return this.choicesKnown.get(databaseKey(db), () => this.readCatalogueChoices(db))
  }

  private async readCatalogueChoices(db: Db): Promise<CatalogueChoices> {
    const [areas, groups, owners] = await Promise.all([
      db
        .selectFrom('products')
        .select('area')
        .distinct()
        .where('scope', '=', 'thing')
        .where('area', '!=', '')
        .orderBy('area')
        .execute(),
      db
        .selectFrom('products')
        .select('group_name')
        .distinct()
        .where('scope', '=', 'thing')
        .where('group_name', '!=', '')
        .orderBy('group_name')
        .execute(),
      db
        .selectFrom('products as p')
        .innerJoin('users as u', 'u.id', 'p.owner_id')
        .where('p.scope', '=', 'thing')
        .select(['u.id', 'u.name'])
        .distinct()
        .orderBy('u.name')
        .execute(),
    ])
    return {
      areas: areas.map(r => r.area),
      groups: groups.map(r => r.group_name),
      owners: owners.map(r => ({ id: r.id, name: r.name })),
    }
  }

  /** The strategy record of an area or of the organisation, when it has been started. */
  async findScope(db: Db, which: StrategyScope): Promise<Product | undefined> {
    let query = this.base(db).where('p.scope', '=', which.scope)
    if (which.scope === 'area') query = query.where('p.area', '=', which.area)
    const row = await query.executeTakeFirst()
    return row ? toProduct(row as Joined) : undefined
  }

  async insert(db: Db, row: ProductRow): Promise<void> {
    this.written()
    await db
      .insertInto('products')
      .values({
        id: row.id,
        kind: row.kind,
        name: row.name,
        name_key: row.name.toLowerCase(),
        purpose: row.purpose,
        owner_id: row.ownerId,
        team: row.team,
        group_name: row.group,
        area: row.area,
        parent_id: row.parentId,
        phase: row.phase,
        stage: row.stage,
        example: row.example ? 'yes' : 'no',
        scope: row.scope ?? 'thing',
        created_at: row.createdAt,
        created_by_name: row.createdByName,
        updated_at: row.updatedAt,
      })
      .execute()
  }

  /** Saves new details if the thing is still at expectedVersion; false when someone saved first. */
  async update(db: Db, id: string, changes: ProductChanges, expectedVersion: number): Promise<boolean> {
    this.written()
    const saved = await updateVersioned(db, 'products', id, expectedVersion, {
      kind: changes.kind,
      name: changes.name,
      name_key: changes.name.toLowerCase(),
      purpose: changes.purpose,
      owner_id: changes.ownerId,
      team: changes.team,
      group_name: changes.group,
      area: changes.area,
      parent_id: changes.parentId,
      updated_at: changes.updatedAt,
    })
    return saved !== undefined
  }

  /** Moves a thing's phase or stage if it is still at expectedVersion. */
  async setPosition(
    db: Db,
    id: string,
    axis: MoveAxis,
    value: string,
    expectedVersion: number,
    at: string,
  ): Promise<boolean> {
    this.written()
    const changes = axis === 'phase' ? { phase: value, updated_at: at } : { stage: value, updated_at: at }
    return (await updateVersioned(db, 'products', id, expectedVersion, changes)) !== undefined
  }

  async delete(db: Db, id: string): Promise<void> {
    this.written()
    await db.deleteFrom('products').where('id', '=', id).execute()
  }

  /** The records of the worked example: its things and the strategies of areas and the organisation it started. */
  async examples(db: Db): Promise<{ id: string; kind: ProductKind; scope: string }[]> {
    const rows = await db.selectFrom('products').select(['id', 'kind', 'scope']).where('example', '=', 'yes').execute()
    return rows.map(r => ({ id: r.id, kind: r.kind as ProductKind, scope: r.scope }))
  }

  /** Deletes the records of the worked example (links, moves, teams and every part of their strategies go with them). */
  async deleteExamples(db: Db): Promise<number> {
    this.written()
    const result = await db.deleteFrom('products').where('example', '=', 'yes').executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  // ---- Links ----

  /** The things this one uses, and the things that use it or belong to it. */
  async links(db: Db, id: string): Promise<{ uses: ProductLink[]; usedBy: ProductLink[]; features: ProductLink[] }> {
    const [uses, usedBy, features] = await Promise.all([
      db
        .selectFrom('product_uses as u')
        .innerJoin('products as p', 'p.id', 'u.uses_id')
        .select(['p.id', 'p.kind', 'p.name', 'p.phase'])
        .where('u.product_id', '=', id)
        .orderBy('p.name_key')
        .execute(),
      db
        .selectFrom('product_uses as u')
        .innerJoin('products as p', 'p.id', 'u.product_id')
        .select(['p.id', 'p.kind', 'p.name', 'p.phase'])
        .where('u.uses_id', '=', id)
        .orderBy('p.name_key')
        .execute(),
      db
        .selectFrom('products as p')
        .select(['p.id', 'p.kind', 'p.name', 'p.phase'])
        .where('p.parent_id', '=', id)
        .orderBy('p.name_key')
        .execute(),
    ])
    const link = (r: { id: string; kind: string; name: string; phase: string }): ProductLink => ({
      id: r.id,
      kind: r.kind as ProductKind,
      name: r.name,
      phase: r.phase as Phase,
    })
    return { uses: uses.map(link), usedBy: usedBy.map(link), features: features.map(link) }
  }

  async setUses(db: Db, id: string, uses: readonly string[]): Promise<void> {
    await db.deleteFrom('product_uses').where('product_id', '=', id).execute()
    if (uses.length > 0)
      await db
        .insertInto('product_uses')
        .values(uses.map(usesId => ({ product_id: id, uses_id: usesId })))
        .execute()
  }

  // ---- Phase and stage history ----

  async insertMove(db: Db, move: ProductMove & { recordedById: string | null }): Promise<void> {
    await db
      .insertInto('product_moves')
      .values({
        id: move.id,
        product_id: move.productId,
        axis: move.axis,
        from_value: move.from,
        to_value: move.to,
        moved_on: move.movedOn,
        reason: move.reason,
        recorded_at: move.recordedAt,
        recorded_by: move.recordedById,
        recorded_by_name: move.recordedByName,
      })
      .execute()
  }

  /** Every move of a thing, latest first. */
  async moves(db: Db, id: string): Promise<ProductMove[]> {
    const rows = await db
      .selectFrom('product_moves')
      .selectAll()
      .where('product_id', '=', id)
      .orderBy('moved_on', 'desc')
      .orderBy('recorded_at', 'desc')
      .execute()
    return rows.map(r => ({
      id: r.id,
      productId: r.product_id,
      axis: r.axis as MoveAxis,
      from: r.from_value,
      to: r.to_value,
      movedOn: r.moved_on,
      reason: r.reason,
      recordedAt: r.recorded_at,
      recordedByName: r.recorded_by_name,
    }))
  }

  // ---- Team ----

  async members(db: Db, id: string): Promise<ProductMember[]> {
    const rows = await db
      .selectFrom('product_members')
      .select(['person_id', 'layer'])
      .where('product_id', '=', id)
      .execute()
    return rows.map(r => ({ personId: r.person_id, layer: r.layer as TeamLayer }))
  }

  async setMembers(db: Db, id: string, members: readonly ProductMember[]): Promise<void> {
    await db.deleteFrom('product_members').where('product_id', '=', id).execute()
    const unique = [...new Map(members.map(m => [m.personId, m])).values()]
    if (unique.length > 0)
      await db
        .insertInto('product_members')
        .values(unique.map(m => ({ product_id: id, person_id: m.personId, layer: m.layer })))
        .execute()
  }
}
