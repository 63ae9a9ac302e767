// Prioritisation's tables: options and their scores, the weighted-scoring criteria and the
// version they are saved against, and the backlog's balance per quarter. The only code that
// reads or writes them.
import type { Kysely, Selectable } from 'kysely'
import type { BacklogQuartersTable, Database, PriorityOptionsTable } from '../../db/schema.ts'
import { updateVersioned } from '../../db/versioned.ts'
import {
  WORK_CLASSES,
  type BacklogQuarter,
  type ClassCounts,
  type CriteriaSet,
  type Criterion,
  type Moscow,
  type PriorityOption,
  type Rice,
} from './prioritisation.types.ts'

type Db = Kysely<Database>

const toOption = (r: Selectable<PriorityOptionsTable>, scores: Record<string, number>): PriorityOption => ({
  id: r.id,
  productId: r.product_id,
  title: r.title,
  description: r.description,
  impact: r.impact === null ? null : Number(r.impact),
  effort: r.effort === null ? null : Number(r.effort),
  moscow: (r.moscow as Moscow | null) ?? null,
  rice:
    r.rice_reach === null || r.rice_impact === null || r.rice_confidence === null || r.rice_effort === null
      ? null
      : {
          reach: Number(r.rice_reach),
          impact: Number(r.rice_impact),
          confidence: Number(r.rice_confidence),
          effort: Number(r.rice_effort),
        },
  scores,
  createdAt: r.created_at,
  createdByName: r.created_by_name,
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
  version: Number(r.version),
})

const toQuarter = (r: Selectable<BacklogQuartersTable>): BacklogQuarter => {
  const counts = Object.fromEntries(
    WORK_CLASSES.map(c => [c, { planned: Number(r[`planned_${c}`]), done: Number(r[`done_${c}`]) }]),
  ) as ClassCounts
  return {
    id: r.id,
    productId: r.product_id,
    quarter: r.quarter,
    counts,
    note: r.note,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
    version: Number(r.version),
  }
}

const countColumns = (counts: ClassCounts) => ({
  planned_support: counts.support.planned,
  done_support: counts.support.done,
  planned_features: counts.features.planned,
  done_features: counts.features.done,
  planned_debt: counts.debt.planned,
  done_debt: counts.debt.done,
  planned_innovation: counts.innovation.planned,
  done_innovation: counts.innovation.done,
})

/** The columns a scoring form or the details form may change. */
export interface OptionChanges {
  title?: string
  description?: string
  impact?: number
  effort?: number
  moscow?: Moscow
  rice?: Rice
  updatedAt: string
  updatedByName: string
}

export class PrioritisationRepository {
  private async scoresFor(db: Db, optionIds: readonly string[]): Promise<Map<string, Record<string, number>>> {
    const map = new Map<string, Record<string, number>>(optionIds.map(id => [id, {}]))
    if (optionIds.length === 0) return map
    const rows = await db
      .selectFrom('priority_scores')
      .select(['option_id', 'criterion_id', 'score'])
      .where('option_id', 'in', [...optionIds])
      .execute()
    for (const r of rows) {
      const scores = map.get(r.option_id)
      if (scores) scores[r.criterion_id] = Number(r.score)
    }
    return map
  }

  /** A thing's options, oldest first (by title when added at the same moment). */
  async options(db: Db, productId: string): Promise<PriorityOption[]> {
    const rows = await db
      .selectFrom('priority_options')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('created_at')
      .orderBy('title')
      .orderBy('id')
      .execute()
    const scores = await this.scoresFor(
      db,
      rows.map(r => r.id),
    )
    return rows.map(r => toOption(r, scores.get(r.id) ?? {}))
  }

  async findOption(db: Db, productId: string, id: string): Promise<PriorityOption | undefined> {
    const row = await db
      .selectFrom('priority_options')
      .selectAll()
      .where('product_id', '=', productId)
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row) return undefined
    return toOption(row, (await this.scoresFor(db, [row.id])).get(row.id) ?? {})
  }

  /** Titles of options by id, for the pages of other parts that link to them. */
  async optionTitles(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map()
    const rows = await db
      .selectFrom('priority_options')
      .select(['id', 'title'])
      .where('id', 'in', [...ids])
      .execute()
    return new Map(rows.map(r => [r.id, r.title]))
  }

  async insertOption(
    db: Db,
    row: { id: string; productId: string; title: string; description: string; at: string; byName: string },
  ): Promise<void> {
    await db
      .insertInto('priority_options')
      .values({
        id: row.id,
        product_id: row.productId,
        title: row.title,
        description: row.description,
        created_at: row.at,
        created_by_name: row.byName,
        updated_at: row.at,
        updated_by_name: row.byName,
      })
      .execute()
  }

  /** Saves changes to an option if it is still at expectedVersion; false when someone saved first. */
  async updateOption(db: Db, id: string, expectedVersion: number, changes: OptionChanges): Promise<boolean> {
    const saved = await updateVersioned(db, 'priority_options', id, expectedVersion, {
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.impact !== undefined ? { impact: changes.impact } : {}),
      ...(changes.effort !== undefined ? { effort: changes.effort } : {}),
      ...(changes.moscow !== undefined ? { moscow: changes.moscow } : {}),
      ...(changes.rice !== undefined
        ? {
            rice_reach: changes.rice.reach,
            rice_impact: changes.rice.impact,
            rice_confidence: changes.rice.confidence,
            rice_effort: changes.rice.effort,
          }
        : {}),
      updated_at: changes.updatedAt,
      updated_by_name: changes.updatedByName,
    })
    return saved !== undefined
  }

  async setScores(db: Db, optionId: string, scores: Record<string, number>): Promise<void> {
    await db.deleteFrom('priority_scores').where('option_id', '=', optionId).execute()
    const rows = Object.entries(scores).map(([criterionId, score]) => ({
      option_id: optionId,
      criterion_id: criterionId,
      score,
    }))
    if (rows.length > 0) await db.insertInto('priority_scores').values(rows).execute()
  }

  async deleteOption(db: Db, id: string): Promise<void> {
    await db.deleteFrom('priority_options').where('id', '=', id).execute()
  }

  // ---- Criteria ----

  async criteria(db: Db, productId: string): Promise<CriteriaSet> {
    const [board, rows] = await Promise.all([
      db.selectFrom('priority_boards').selectAll().where('product_id', '=', productId).executeTakeFirst(),
      db
        .selectFrom('priority_criteria')
        .select(['id', 'name', 'weight'])
        .where('product_id', '=', productId)
        .orderBy('position')
        .execute(),
    ])
    return {
      criteria: rows.map(r => ({ id: r.id, name: r.name, weight: Number(r.weight) })),
      version: board ? Number(board.version) : 0,
      updatedAt: board?.updated_at ?? null,
      updatedByName: board?.updated_by_name ?? null,
    }
  }

  /** Starts the criteria's record at version 1; false when someone else started it first. */
  async insertBoard(db: Db, productId: string, at: string, byName: string): Promise<boolean> {
    const inserted = await db
      .insertInto('priority_boards')
      .values({ product_id: productId, updated_at: at, updated_by_name: byName })
      .onConflict(oc => oc.column('product_id').doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
  }

  async bumpBoard(db: Db, productId: string, expectedVersion: number, at: string, byName: string): Promise<boolean> {
    const saved = await updateVersioned(db, 'priority_boards', productId, expectedVersion, {
      updated_at: at,
      updated_by_name: byName,
    })
    return saved !== undefined
  }

  /** Replaces a thing's criteria: kept ids keep their scores; criteria left out lose theirs. */
  async replaceCriteria(db: Db, productId: string, criteria: readonly Criterion[]): Promise<void> {
    const keep = criteria.map(c => c.id)
    let gone = db.deleteFrom('priority_criteria').where('product_id', '=', productId)
    if (keep.length > 0) gone = gone.where('id', 'not in', keep)
    await gone.execute()
    const existing = new Set(
      (await db.selectFrom('priority_criteria').select('id').where('product_id', '=', productId).execute()).map(
        r => r.id,
      ),
    )
    for (const [position, c] of criteria.entries()) {
      if (existing.has(c.id))
        await db
          .updateTable('priority_criteria')
          .set({ name: c.name, weight: c.weight, position })
          .where('id', '=', c.id)
          .execute()
      else
        await db
          .insertInto('priority_criteria')
          .values({ id: c.id, product_id: productId, name: c.name, weight: c.weight, position })
          .execute()
    }
  }

  // ---- The backlog's balance ----

  /** Every quarter recorded for a thing, latest first. */
  async quarters(db: Db, productId: string): Promise<BacklogQuarter[]> {
    const rows = await db
      .selectFrom('backlog_quarters')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('quarter', 'desc')
      .execute()
    return rows.map(toQuarter)
  }

  async findQuarter(db: Db, productId: string, quarter: string): Promise<BacklogQuarter | undefined> {
    const row = await db
      .selectFrom('backlog_quarters')
      .selectAll()
      .where('product_id', '=', productId)
      .where('quarter', '=', quarter)
      .executeTakeFirst()
    return row ? toQuarter(row) : undefined
  }

  async insertQuarter(
    db: Db,
    row: {
      id: string
      productId: string
      quarter: string
      counts: ClassCounts
      note: string
      at: string
      byName: string
    },
  ): Promise<void> {
    await db
      .insertInto('backlog_quarters')
      .values({
        id: row.id,
        product_id: row.productId,
        quarter: row.quarter,
        ...countColumns(row.counts),
        note: row.note,
        updated_at: row.at,
        updated_by_name: row.byName,
      })
      .execute()
  }

  async updateQuarter(
    db: Db,
    id: string,
    expectedVersion: number,
    changes: { counts: ClassCounts; note: string; at: string; byName: string },
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'backlog_quarters', id, expectedVersion, {
      ...countColumns(changes.counts),
      note: changes.note,
      updated_at: changes.at,
      updated_by_name: changes.byName,
    })
    return saved !== undefined
  }
}
