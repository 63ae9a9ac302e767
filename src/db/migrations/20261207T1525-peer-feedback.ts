// Confirming or querying agreed levels (pathway) and peer feedback (feedback).
//
// checkin_responses: the person's answer to the levels their line manager agreed in a check-in:
// confirmed, or queried (which skills and why), and the line manager's answer to a query (levels
// changed, or kept with a reply). One row per agreed check-in; the audit log keeps every step.
//
// feedback_requests, feedback_asks, feedback_answers: a person asks named colleagues for feedback
// on chosen skills; each colleague answers (per skill, final once sent) or declines. Personal data.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('checkin_responses')
    .addColumn('checkin_id', 'text', c => c.primaryKey().references('checkins.id').onDelete('cascade'))
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    // Who answers a query: the line manager when it was raised.
    .addColumn('manager_id', 'text', c => c.references('users.id').onDelete('set null'))
    // 'confirmed' | 'queried' | 'answered'
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('queried_at', 'text')
    // JSON array of skill slugs.
    .addColumn('query_skills', 'text', c => c.notNull().defaultTo('[]'))
    .addColumn('query_text', 'text', c => c.notNull().defaultTo(''))
    .addColumn('answered_at', 'text')
    .addColumn('answered_by_name', 'text')
    // 'changed' | 'kept'
    .addColumn('outcome', 'text')
    .addColumn('reply', 'text', c => c.notNull().defaultTo(''))
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('checkin_responses_manager')
    .on('checkin_responses')
    .columns(['manager_id', 'status'])
    .execute()

  await db.schema
    .createTable('feedback_requests')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('framework_version_id', 'text', c => c.notNull().references('framework_versions.id'))
    // JSON array of skill slugs, in framework order.
    .addColumn('skills', 'text', c => c.notNull())
    .addColumn('note', 'text', c => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('withdrawn_at', 'text')
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .createIndex('feedback_requests_person')
    .on('feedback_requests')
    .columns(['person_id', 'created_at'])
    .execute()

  await db.schema
    .createTable('feedback_asks')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('request_id', 'text', c => c.notNull().references('feedback_requests.id').onDelete('cascade'))
    .addColumn('colleague_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    // 'asked' | 'answered' | 'declined' | 'withdrawn'
    .addColumn('status', 'text', c => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .addUniqueConstraint('feedback_asks_request_colleague', ['request_id', 'colleague_id'])
    .execute()
  await db.schema
    .createIndex('feedback_asks_colleague')
    .on('feedback_asks')
    .columns(['colleague_id', 'status'])
    .execute()

  await db.schema
    .createTable('feedback_answers')
    .addColumn('ask_id', 'text', c => c.notNull().references('feedback_asks.id').onDelete('cascade'))
    .addColumn('skill_slug', 'text', c => c.notNull())
    .addColumn('text', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('feedback_answers_pk', ['ask_id', 'skill_slug'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('feedback_answers').execute()
  await db.schema.dropTable('feedback_asks').execute()
  await db.schema.dropTable('feedback_requests').execute()
  await db.schema.dropTable('checkin_responses').execute()
}
