// Queries on the path of every request, compiled once. Building and compiling a Kysely query
// costs more than running it on SQLite; for the few queries every page runs (the session, the
// handbook revision, the organisation), we compile once and run the SQL with new parameters.
import { CompiledQuery, type Compilable, type Kysely } from 'kysely'
import type { Database } from './schema.ts'

/**
 * Wraps a query builder that takes string parameters. The query is compiled on first use with
 * stand-in values, which tells us where each parameter goes; later calls only bind the values.
 */
export function prepared<P extends string[], R>(
  db: Kysely<Database>,
  build: (...params: P) => Compilable<R>,
): (...params: P) => Promise<R[]> {
  let compiled: { sql: string; order: number[]; constants: unknown[] } | null = null
  return async (...params: P) => {
    if (!compiled) {
      const standIns = params.map((_, i) => `\u0000prepared-${i}\u0000`) as P
      const query = build(...standIns).compile()
      const order = query.parameters.map(p => standIns.indexOf(p as string))
      compiled = { sql: query.sql, order, constants: [...query.parameters] }
    }
    const { sql, order, constants } = compiled
    const values = order.map((index, i) => (index >= 0 ? params[index] : constants[i]))
    const result = await db.executeQuery<R>(CompiledQuery.raw(sql, values))
    return result.rows
  }
}
