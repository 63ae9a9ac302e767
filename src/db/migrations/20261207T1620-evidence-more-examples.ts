// More than one STAR example per skill of an evidence pack. The first example stays in its four
// columns (situation, task, action, result); any further ones are kept, in order, as JSON in
// more_examples, each with the same four parts. Nothing needs copying: every pack has none yet.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('evidence_pack_skills')
    .addColumn('more_examples', 'text', c => c.notNull().defaultTo('[]'))
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('evidence_pack_skills').dropColumn('more_examples').execute()
}
