// Saves to records that carry a version: the one way every repository writes a shared record that
// two people may change at once. A save names the version it started from; when nobody saved in
// between, one row changes and its version goes up by one. Otherwise nothing is written and the
// caller learns so, to show the person both versions (see StaleVersionError in platform/errors).
import type { Kysely, Selectable, UpdateObject } from 'kysely'
import type { Database } from './schema.ts'

/** The tables whose rows carry a version, each with the column that names a row. */
export const VERSIONED_KEYS = {
  organisation: 'id',
  users: 'id',
  people: 'user_id',
  handbook_pages: 'id',
  handbook_owners: 'id',
  checkins: 'id',
  goals: 'id',
  one_to_ones: 'id',
  products: 'id',
  strategy_documents: 'id',
  product_metrics: 'id',
  roadmap_items: 'id',
  hypotheses: 'id',
  service_assessments: 'id',
  priority_options: 'id',
  priority_boards: 'product_id',
  backlog_quarters: 'id',
  product_decisions: 'id',
  strategy_reviews: 'id',
  objectives: 'id',
  portfolio_quarters: 'id',
  insight_items: 'id',
  insight_ideas: 'id',
  publications: 'product_id',
  evidence_pack_skills: 'id',
  checkin_responses: 'checkin_id',
  feedback_asks: 'id',
  feedback_requests: 'id',
} as const satisfies { readonly [T in keyof Database]?: keyof Database[T] & string }

export type VersionedTable = keyof typeof VERSIONED_KEYS

/** The columns a save may change: anything but the row's key and its version. */
export type VersionedChanges<T extends VersionedTable> = Omit<
  UpdateObject<Database, T>,
  'version' | (typeof VERSIONED_KEYS)[T]
>

/** Further conditions on the row: each listed column must hold one of the values given. */
export type VersionedGuard<T extends VersionedTable> = {
  readonly [C in keyof Selectable<Database[T]> & string]?: readonly Selectable<Database[T]>[C][]
}

// Kysely's builders cannot follow a table chosen by a type parameter, so the statement is built
// against this shape; the public signature above keeps callers to the real tables and columns.
type Row = { version: number } & Record<string, unknown>
type Loose = Kysely<Record<string, Row>>

/**
 * Changes one row of a versioned table if it is still at expectedVersion (and meets `guard`),
 * bumping its version. Gives the row as saved, or undefined when nothing matched: someone saved
 * first, the row has gone, or the guard no longer holds. Takes the database or a transaction.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Kysely<Database>,
  table: T,
  id: string,
  expectedVersion: number,
  changes: VersionedChanges<T>,
  guard: VersionedGuard<T> = {},
): Promise<Selectable<Database[T]> | undefined> {
  const loose = db as unknown as Loose
  let query = loose
    .updateTable(table as string)
    .set(eb => ({ ...(changes as Record<string, unknown>), version: eb('version', '+', 1) }))
    .where(VERSIONED_KEYS[table] as string, '=', id)
    .where('version', '=', expectedVersion)
  for (const [column, values] of Object.entries(guard) as [string, readonly unknown[] | undefined][])
    if (values) query = query.where(column, 'in', [...values])
  const row = await query.returningAll().executeTakeFirst()
  return row as Selectable<Database[T]> | undefined
}
