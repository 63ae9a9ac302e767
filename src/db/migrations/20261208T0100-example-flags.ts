// The worked example beyond its things and people: objectives, the leadership team's balance of
// work, insight and ideas carry a flag, as things do, so removing the example deletes exactly what
// it made. Objectives of the organisation or an area, a quarter's balance and a piece of insight
// belong to no example thing or person, so nothing else could tell them apart.
import type { Kysely } from 'kysely'

const TABLES = ['objectives', 'portfolio_quarters', 'insight_items', 'insight_ideas'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES)
    await db.schema
      .alterTable(table)
      .addColumn('example', 'text', c => c.notNull().defaultTo('no'))
      .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...TABLES].reverse()) await db.schema.alterTable(table).dropColumn('example').execute()
}
