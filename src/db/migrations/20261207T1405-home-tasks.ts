// Indexes for the home page's task list (src/home): the open 1:1 actions a person owns, by the
// date they are due, so "actions due" is one index range read whoever asks.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('one_to_one_actions_owner')
    .on('one_to_one_actions')
    .columns(['owner_id', 'status', 'due_on'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('one_to_one_actions_owner').execute()
}
