// Indexes for the profession views (src/profession): each person's latest agreed check-in, their
// last agreed date, the agreed levels of a check-in without reading the table, and the cheap
// "has anything changed" look-ups that key the views' caches.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Latest agreed check-in per person against a framework version, in the order the window
  // function ranks them, so neither engine sorts and SQLite reads the index alone.
  await db.schema
    .createIndex('checkins_latest_agreed')
    .on('checkins')
    .columns(['framework_version_id', 'status', 'person_id', 'agreed_at desc', 'created_at desc', 'id desc'])
    .execute()
  // A person's last agreed check-in of any version (for "check-in overdue").
  await db.schema
    .createIndex('checkins_person_agreed')
    .on('checkins')
    .columns(['person_id', 'status', 'agreed_at'])
    .execute()
  // The agreed level of each skill of a check-in, read from the index alone.
  await db.schema
    .createIndex('checkin_ratings_agreed')
    .on('checkin_ratings')
    .columns(['checkin_id', 'skill_slug', 'agreed_level'])
    .execute()
  // The most recent change to profiles, accounts and history: part of the views' cache keys.
  await db.schema.createIndex('people_updated_at').on('people').column('updated_at').execute()
  await db.schema.createIndex('users_updated_at').on('users').column('updated_at').execute()
  // The heatmap lists people by name, a page at a time.
  await db.schema.createIndex('users_name').on('users').columns(['name', 'email', 'id']).execute()
  await db.schema.createIndex('person_history_recorded_at').on('person_history').column('recorded_at').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'person_history_recorded_at',
    'users_name',
    'users_updated_at',
    'people_updated_at',
    'checkin_ratings_agreed',
    'checkins_person_agreed',
    'checkins_latest_agreed',
  ]) {
    await db.schema.dropIndex(name).execute()
  }
}
