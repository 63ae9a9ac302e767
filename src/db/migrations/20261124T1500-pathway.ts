// The career pathway: the framework as versioned documents with proposals and migrations, the
// people of the profession and their history, check-ins, development plans, 1:1s and rotations.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('framework_versions')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('number', 'integer', c => c.notNull().unique())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('document', 'text', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('note', 'text', c => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('created_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('created_by_name', 'text', c => c.notNull())
    .addColumn('approved_by_name', 'text')
    .execute()

  await db.schema
    .createTable('framework_proposals')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('base_version_id', 'text', c => c.notNull().references('framework_versions.id'))
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('summary', 'text', c => c.notNull())
    .addColumn('reason', 'text', c => c.notNull())
    .addColumn('payload', 'text', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('proposed_at', 'text', c => c.notNull())
    .addColumn('proposed_by', 'text', c => c.notNull().references('users.id'))
    .addColumn('proposed_by_name', 'text', c => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_by_name', 'text')
    .addColumn('review_note', 'text')
    .addColumn('resulting_version_id', 'text', c => c.references('framework_versions.id'))
    .execute()
  await db.schema
    .createIndex('framework_proposals_status')
    .on('framework_proposals')
    .columns(['status', 'proposed_at'])
    .execute()

  await db.schema
    .createTable('framework_migrations')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('from_version_id', 'text', c => c.notNull().references('framework_versions.id'))
    .addColumn('to_version_id', 'text', c => c.notNull().references('framework_versions.id'))
    .addColumn('mapping', 'text', c => c.notNull())
    .addColumn('people_carried', 'integer', c => c.notNull())
    .addColumn('applied_at', 'text', c => c.notNull())
    .addColumn('applied_by', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('applied_by_name', 'text', c => c.notNull())
    .execute()

  await db.schema
    .createTable('people')
    .addColumn('user_id', 'text', c => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('career_role', 'text', c => c.notNull())
    .addColumn('line_manager_id', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('associate_of_id', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('business_area', 'text', c => c.notNull().defaultTo(''))
    .addColumn('group_name', 'text', c => c.notNull().defaultTo(''))
    .addColumn('date_into_role', 'text')
    .addColumn('head_of_profession', 'text', c => c.notNull().defaultTo('no'))
    .addColumn('one_to_one_cadence_days', 'integer', c => c.notNull().defaultTo(28))
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('people_area').on('people').columns(['business_area', 'group_name']).execute()
  await db.schema.createIndex('people_line_manager').on('people').column('line_manager_id').execute()
  await db.schema.createIndex('people_associate_of').on('people').column('associate_of_id').execute()
  await db.schema.createIndex('people_role').on('people').column('career_role').execute()

  await db.schema
    .createTable('person_history')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('career_role', 'text', c => c.notNull())
    .addColumn('business_area', 'text', c => c.notNull())
    .addColumn('group_name', 'text', c => c.notNull())
    .addColumn('line_manager_id', 'text')
    .addColumn('change', 'text', c => c.notNull())
    .addColumn('from_date', 'text', c => c.notNull())
    .addColumn('recorded_at', 'text', c => c.notNull())
    .addColumn('recorded_by_name', 'text', c => c.notNull())
    .execute()
  await db.schema
    .createIndex('person_history_person')
    .on('person_history')
    .columns(['person_id', 'from_date'])
    .execute()
  await db.schema.createIndex('person_history_date').on('person_history').column('from_date').execute()

  await db.schema
    .createTable('checkins')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('framework_version_id', 'text', c => c.notNull().references('framework_versions.id'))
    .addColumn('role_slug', 'text', c => c.notNull())
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('manager_id', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('agreed_at', 'text')
    .addColumn('agreed_note', 'text')
    .addColumn('carried_from_id', 'text')
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('checkins_person').on('checkins').columns(['person_id', 'created_at']).execute()
  await db.schema.createIndex('checkins_status').on('checkins').columns(['status', 'agreed_at']).execute()

  await db.schema
    .createTable('checkin_ratings')
    .addColumn('checkin_id', 'text', c => c.notNull().references('checkins.id').onDelete('cascade'))
    .addColumn('skill_slug', 'text', c => c.notNull())
    .addColumn('self_level', 'text')
    .addColumn('self_evidence', 'text', c => c.notNull().defaultTo(''))
    .addColumn('manager_level', 'text')
    .addColumn('manager_note', 'text', c => c.notNull().defaultTo(''))
    .addColumn('agreed_level', 'text')
    .addColumn('agreed_note', 'text', c => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('checkin_ratings_pk', ['checkin_id', 'skill_slug'])
    .execute()

  await db.schema
    .createTable('goals')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('measure', 'text', c => c.notNull())
    .addColumn('due_on', 'text', c => c.notNull())
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('skills', 'text', c => c.notNull().defaultTo('[]'))
    .addColumn('source_title', 'text')
    .addColumn('source_url', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('goals_person').on('goals').columns(['person_id', 'due_on']).execute()

  await db.schema
    .createTable('goal_notes')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('goal_id', 'text', c => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('author_id', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('author_name', 'text', c => c.notNull())
    .addColumn('text', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('goal_notes_goal').on('goal_notes').columns(['goal_id', 'created_at']).execute()

  await db.schema
    .createTable('one_to_ones')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('with_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('held_on', 'text', c => c.notNull())
    .addColumn('agenda', 'text', c => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', c => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema.createIndex('one_to_ones_person').on('one_to_ones').columns(['person_id', 'held_on']).execute()

  await db.schema
    .createTable('one_to_one_actions')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('meeting_id', 'text', c => c.notNull().references('one_to_ones.id').onDelete('cascade'))
    .addColumn('text', 'text', c => c.notNull())
    .addColumn('owner_id', 'text', c => c.references('users.id').onDelete('set null'))
    .addColumn('due_on', 'text')
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('completed_at', 'text')
    .execute()
  await db.schema.createIndex('one_to_one_actions_meeting').on('one_to_one_actions').column('meeting_id').execute()

  await db.schema
    .createTable('rotations')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('team', 'text', c => c.notNull())
    .addColumn('product', 'text', c => c.notNull())
    .addColumn('phase', 'text', c => c.notNull())
    .addColumn('stage', 'text', c => c.notNull())
    .addColumn('started_on', 'text', c => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('created_at', 'text', c => c.notNull())
    .execute()
  await db.schema.createIndex('rotations_person').on('rotations').columns(['person_id', 'started_on']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'rotations',
    'one_to_one_actions',
    'one_to_ones',
    'goal_notes',
    'goals',
    'checkin_ratings',
    'checkins',
    'person_history',
    'people',
    'framework_migrations',
    'framework_proposals',
    'framework_versions',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
