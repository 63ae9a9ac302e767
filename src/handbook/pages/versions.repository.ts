// Every saved version of a handbook page (handbook_page_versions).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { PageVersion, VersionMeta } from '../handbook.types.ts'
import { json } from './rows.ts'

type Db = Kysely<Database>

export class VersionsRepository {
  async insertVersion(db: Db, v: PageVersion): Promise<void> {
    await db
      .insertInto('handbook_page_versions')
      .values({
        id: v.id,
        page_id: v.pageId,
        version: v.version,
        title: v.title,
        summary: v.summary,
        body: v.body,
        meta: JSON.stringify(v.meta),
        change_note: v.changeNote,
        created_at: v.createdAt,
        created_by: v.createdBy,
        created_by_name: v.createdByName,
        suggestion_id: v.suggestionId,
      })
      .execute()
  }

  async listVersions(db: Db, pageId: string): Promise<Omit<PageVersion, 'body'>[]> {
    const rows = await db
      .selectFrom('handbook_page_versions')
      .select([
        'id',
        'page_id',
        'version',
        'title',
        'summary',
        'meta',
        'change_note',
        'created_at',
        'created_by',
        'created_by_name',
        'suggestion_id',
      ])
      .where('page_id', '=', pageId)
      .orderBy('version', 'desc')
      .execute()
    return rows.map(r => ({
      id: r.id,
      pageId: r.page_id,
      version: r.version,
      title: r.title,
      summary: r.summary,
      meta: json<VersionMeta>(r.meta, { sectionId: '', roles: [], skills: [], resources: [] }),
      changeNote: r.change_note,
      createdAt: r.created_at,
      createdBy: r.created_by,
      createdByName: r.created_by_name,
      suggestionId: r.suggestion_id,
    }))
  }

  async findVersion(db: Db, pageId: string, version: number): Promise<PageVersion | null> {
    const r = await db
      .selectFrom('handbook_page_versions')
      .selectAll()
      .where('page_id', '=', pageId)
      .where('version', '=', version)
      .executeTakeFirst()
    if (!r) return null
    return {
      id: r.id,
      pageId: r.page_id,
      version: r.version,
      title: r.title,
      summary: r.summary,
      body: r.body,
      meta: json<VersionMeta>(r.meta, { sectionId: '', roles: [], skills: [], resources: [] }),
      changeNote: r.change_note,
      createdAt: r.created_at,
      createdBy: r.created_by,
      createdByName: r.created_by_name,
      suggestionId: r.suggestion_id,
    }
  }
}
