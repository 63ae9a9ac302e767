// The handbook's revision counter (handbook_state), which keys rendered-page caches: every change bumps it.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { prepared } from '../../db/prepared.ts'
import { Remembered, databaseKey } from '../../db/remembered.ts'

type Db = Kysely<Database>

export class RevisionRepository {
  // Read on every handbook page view (it keys the page cache): compiled once per database, and
  // remembered for a moment (db/remembered.ts); bumpRevision forgets it.
  private revisionQueries = new WeakMap<Db, () => Promise<{ revision: number }[]>>()
  private readonly revisionKnown = new Remembered<number>()

  async revision(db: Db): Promise<number> {
    return this.revisionKnown.get(databaseKey(db), async () => {
      let query = this.revisionQueries.get(db)
      if (!query) {
        query = prepared(db, () => db.selectFrom('handbook_state').select('revision').where('id', '=', 'handbook'))
        this.revisionQueries.set(db, query)
      }
      const [row] = await query()
      return row?.revision ?? 0
    })
  }

  /** The revision if it is remembered and still good; undefined otherwise (no query). */
  rememberedRevision(db: Db): number | undefined {
    return this.revisionKnown.peek(databaseKey(db))
  }

  async bumpRevision(db: Db): Promise<void> {
    this.revisionKnown.changed()
    await db
      .updateTable('handbook_state')
      .set(eb => ({ revision: eb('revision', '+', 1) }))
      .where('id', '=', 'handbook')
      .execute()
  }
}
