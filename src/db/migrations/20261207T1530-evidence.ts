// Evidence packs for promotion: a person's case for a role they are going for. One pack per person
// and target role; per skill, the check-in evidence they picked and one example in the STAR shape
// (situation, task, action, result); and the named people they shared it with, read-only.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence_packs')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role_slug', 'text', c => c.notNull())
    .addColumn('created_at', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addUniqueConstraint('evidence_packs_person_role', ['person_id', 'role_slug'])
    .execute()
  await db.schema
    .createTable('evidence_pack_skills')
    .addColumn('id', 'text', c => c.primaryKey())
    .addColumn('pack_id', 'text', c => c.notNull().references('evidence_packs.id').onDelete('cascade'))
    .addColumn('skill_slug', 'text', c => c.notNull())
    .addColumn('picked', 'text', c => c.notNull())
    .addColumn('situation', 'text', c => c.notNull())
    .addColumn('task', 'text', c => c.notNull())
    .addColumn('action', 'text', c => c.notNull())
    .addColumn('result', 'text', c => c.notNull())
    .addColumn('updated_at', 'text', c => c.notNull())
    .addColumn('version', 'integer', c => c.notNull().defaultTo(1))
    .addUniqueConstraint('evidence_pack_skills_pack_skill', ['pack_id', 'skill_slug'])
    .execute()
  await db.schema
    .createTable('evidence_pack_shares')
    .addColumn('pack_id', 'text', c => c.notNull().references('evidence_packs.id').onDelete('cascade'))
    .addColumn('person_id', 'text', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('shared_at', 'text', c => c.notNull())
    .addPrimaryKeyConstraint('evidence_pack_shares_pk', ['pack_id', 'person_id'])
    .execute()
  // "Shared with me": the packs shared with a person.
  await db.schema.createIndex('evidence_pack_shares_person').on('evidence_pack_shares').column('person_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('evidence_pack_shares').execute()
  await db.schema.dropTable('evidence_pack_skills').execute()
  await db.schema.dropTable('evidence_packs').execute()
}
