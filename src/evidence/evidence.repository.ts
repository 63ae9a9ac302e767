// The only code that touches evidence packs, their skills and their shares. Names of people come
// from the accounts' users table, read only.
import type { Kysely, Selectable } from 'kysely'
import type { Database, EvidencePackSkillsTable, EvidencePacksTable } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'
import type { Pack, PackSkill, Share, SharedPack, SkillInput, StarExample } from './evidence.types.ts'

type Db = Kysely<Database>

const toPack = (r: Selectable<EvidencePacksTable>): Pack => ({
  id: r.id,
  personId: r.person_id,
  roleSlug: r.role_slug,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

const toSkill = (r: Selectable<EvidencePackSkillsTable>): PackSkill => ({
  id: r.id,
  packId: r.pack_id,
  skillSlug: r.skill_slug,
  picked: JSON.parse(r.picked) as string[],
  situation: r.situation,
  task: r.task,
  action: r.action,
  result: r.result,
  more: JSON.parse(r.more_examples) as StarExample[],
  updatedAt: r.updated_at,
  version: Number(r.version),
})

const skillColumns = (input: SkillInput) => ({
  picked: JSON.stringify(input.picked),
  situation: input.situation,
  task: input.task,
  action: input.action,
  result: input.result,
  more_examples: JSON.stringify(input.more ?? []),
})

export class EvidenceRepository {
  async insertPack(db: Db, pack: Pack): Promise<void> {
    await db
      .insertInto('evidence_packs')
      .values({
        id: pack.id,
        person_id: pack.personId,
        role_slug: pack.roleSlug,
        created_at: pack.createdAt,
        updated_at: pack.updatedAt,
      })
      .execute()
  }

  async find(db: Db, id: string): Promise<Pack | null> {
    const row = await db.selectFrom('evidence_packs').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toPack(row) : null
  }

  async findFor(db: Db, personId: string, roleSlug: string): Promise<Pack | null> {
    const row = await db
      .selectFrom('evidence_packs')
      .selectAll()
      .where('person_id', '=', personId)
      .where('role_slug', '=', roleSlug)
      .executeTakeFirst()
    return row ? toPack(row) : null
  }

  /** The person's own packs, most recently changed first. */
  async listFor(db: Db, personId: string): Promise<Pack[]> {
    const rows = await db
      .selectFrom('evidence_packs')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .execute()
    return rows.map(toPack)
  }

  /** Packs shared with the person, most recently shared first, with their owners' names. */
  async sharedWith(db: Db, personId: string): Promise<SharedPack[]> {
    const rows = await db
      .selectFrom('evidence_pack_shares as s')
      .innerJoin('evidence_packs as p', 'p.id', 's.pack_id')
      .innerJoin('users as u', 'u.id', 'p.person_id')
      .selectAll('p')
      .select(['u.name as owner_name', 's.shared_at'])
      .where('s.person_id', '=', personId)
      .orderBy('s.shared_at', 'desc')
      .orderBy('p.id')
      .execute()
    return rows.map(r => ({ ...toPack(r), ownerName: r.owner_name, sharedAt: r.shared_at }))
  }

  async touchPack(db: Db, id: string, at: string): Promise<void> {
    await db.updateTable('evidence_packs').set({ updated_at: at }).where('id', '=', id).execute()
  }

  async skills(db: Db, packId: string): Promise<PackSkill[]> {
    const rows = await db.selectFrom('evidence_pack_skills').selectAll().where('pack_id', '=', packId).execute()
    return rows.map(toSkill)
  }

  async skill(db: Db, packId: string, skillSlug: string): Promise<PackSkill | null> {
    const row = await db
      .selectFrom('evidence_pack_skills')
      .selectAll()
      .where('pack_id', '=', packId)
      .where('skill_slug', '=', skillSlug)
      .executeTakeFirst()
    return row ? toSkill(row) : null
  }

  /** The first save of a skill (version 1); a second first save breaks the unique (pack, skill). */
  async insertSkill(db: Db, o: { id: string; packId: string; skillSlug: string; at: string }, input: SkillInput) {
    await db
      .insertInto('evidence_pack_skills')
      .values({
        id: o.id,
        pack_id: o.packId,
        skill_slug: o.skillSlug,
        updated_at: o.at,
        version: 1,
        ...skillColumns(input),
      })
      .execute()
  }

  /** Saves a skill if it is still at expectedVersion; undefined when someone saved first. */
  async updateSkill(db: Db, id: string, expectedVersion: number, input: SkillInput, at: string) {
    const row = await updateVersioned(db, 'evidence_pack_skills', id, expectedVersion, {
      ...skillColumns(input),
      updated_at: at,
    })
    return row ? toSkill(row) : undefined
  }

  /** Deletes a pack with its skills and shares; false when it was already gone. */
  async deletePack(db: Db, id: string): Promise<boolean> {
    await db.deleteFrom('evidence_pack_shares').where('pack_id', '=', id).execute()
    await db.deleteFrom('evidence_pack_skills').where('pack_id', '=', id).execute()
    const result = await db.deleteFrom('evidence_packs').where('id', '=', id).executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }

  /** Who the pack is shared with, by name. */
  async shares(db: Db, packId: string): Promise<Share[]> {
    const rows = await db
      .selectFrom('evidence_pack_shares as s')
      .innerJoin('users as u', 'u.id', 's.person_id')
      .select(['s.person_id', 'u.name', 'u.email', 's.shared_at'])
      .where('s.pack_id', '=', packId)
      .orderBy('u.name')
      .orderBy('s.person_id')
      .execute()
    return rows.map(r => ({ personId: r.person_id, name: r.name, email: r.email, sharedAt: r.shared_at }))
  }

  async isSharedWith(db: Db, packId: string, personId: string): Promise<boolean> {
    const row = await db
      .selectFrom('evidence_pack_shares')
      .select('pack_id')
      .where('pack_id', '=', packId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
    return row !== undefined
  }

  /** Shares the pack with the person; false when it already was. */
  async addShare(db: Db, packId: string, personId: string, at: string): Promise<boolean> {
    const result = await db
      .insertInto('evidence_pack_shares')
      .values({ pack_id: packId, person_id: personId, shared_at: at })
      .onConflict(oc => oc.columns(['pack_id', 'person_id']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  /** Stops sharing; false when it was not shared with them. */
  async removeShare(db: Db, packId: string, personId: string): Promise<boolean> {
    const result = await db
      .deleteFrom('evidence_pack_shares')
      .where('pack_id', '=', packId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
    return Number(result.numDeletedRows) > 0
  }
}
