// The handbook's sections (handbook_sections), in reading order.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Section } from '../handbook.types.ts'

type Db = Kysely<Database>

export class SectionsRepository {
  async listSections(db: Db): Promise<Section[]> {
    const rows = await db
      .selectFrom('handbook_sections')
      .select(['id', 'slug', 'title', 'summary', 'position'])
      .orderBy('position')
      .orderBy('title')
      .execute()
    return rows
  }

  async findSectionBySlug(db: Db, slug: string): Promise<Section | null> {
    return (
      (await db
        .selectFrom('handbook_sections')
        .select(['id', 'slug', 'title', 'summary', 'position'])
        .where('slug', '=', slug)
        .executeTakeFirst()) ?? null
    )
  }

  async findSectionById(db: Db, id: string): Promise<Section | null> {
    return (
      (await db
        .selectFrom('handbook_sections')
        .select(['id', 'slug', 'title', 'summary', 'position'])
        .where('id', '=', id)
        .executeTakeFirst()) ?? null
    )
  }

  async insertSection(db: Db, s: Section, at: string): Promise<void> {
    await db
      .insertInto('handbook_sections')
      .values({ ...s, created_at: at, updated_at: at })
      .execute()
  }

  async updateSection(db: Db, id: string, changes: { title: string; summary: string }, at: string): Promise<void> {
    await db
      .updateTable('handbook_sections')
      .set({ ...changes, updated_at: at })
      .where('id', '=', id)
      .execute()
  }

  async setSectionPosition(db: Db, id: string, position: number): Promise<void> {
    await db.updateTable('handbook_sections').set({ position }).where('id', '=', id).execute()
  }

  async deleteSection(db: Db, id: string): Promise<void> {
    await db.deleteFrom('handbook_sections').where('id', '=', id).execute()
  }
}
