// The handbook's pages (handbook_pages): their text, tags, place in a section, search index, and
// where an imported page came from.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { indexHandbookPage, searchHandbook, unindexHandbookPage, type SearchHit } from '../../db/fulltext.ts'
import { updateVersioned } from '../../db/versioned.ts'
import type { Page, PageSummary, Resource } from '../handbook.types.ts'
import { json, pageRow, toPage } from './rows.ts'

type Db = Kysely<Database>

export class PagesRepository {
  async listPageSummaries(db: Db): Promise<PageSummary[]> {
    const rows = await db
      .selectFrom('handbook_pages')
      .select(['id', 'slug', 'section_id', 'position', 'title', 'summary', 'version', 'updated_at'])
      .orderBy('position')
      .orderBy('title')
      .execute()
    return rows.map(r => ({
      id: r.id,
      slug: r.slug,
      sectionId: r.section_id,
      position: r.position,
      title: r.title,
      summary: r.summary,
      version: r.version,
      updatedAt: r.updated_at,
    }))
  }

  async listPages(db: Db): Promise<Page[]> {
    const rows = await db.selectFrom('handbook_pages').selectAll().orderBy('position').execute()
    return rows.map(toPage)
  }

  async findPageBySlug(db: Db, slug: string): Promise<Page | null> {
    const row = await db.selectFrom('handbook_pages').selectAll().where('slug', '=', slug).executeTakeFirst()
    return row ? toPage(row) : null
  }

  /** Just enough to tell whether a cached rendering is still current. */
  async findPageStamp(db: Db, slug: string): Promise<{ id: string; version: number; sectionId: string } | null> {
    const row = await db
      .selectFrom('handbook_pages')
      .select(['id', 'version', 'section_id'])
      .where('slug', '=', slug)
      .executeTakeFirst()
    return row ? { id: row.id, version: row.version, sectionId: row.section_id } : null
  }

  async slugExists(db: Db, slug: string): Promise<boolean> {
    return (
      (await db.selectFrom('handbook_pages').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined
    )
  }

  async insertPage(db: Db, page: Page): Promise<void> {
    await db.insertInto('handbook_pages').values(pageRow(page)).execute()
    await this.setTags(db, page.id, page.roles, page.skills)
    await indexHandbookPage(db, page)
  }

  /** Saves a new version of a page if it is still at expectedVersion; says whether it saved. */
  async updatePage(db: Db, page: Page, expectedVersion: number): Promise<boolean> {
    const { id: _id, created_at: _c, slug: _s, version: _v, ...changes } = pageRow(page)
    const saved = await updateVersioned(db, 'handbook_pages', page.id, expectedVersion, changes)
    if (!saved) return false
    await this.setTags(db, page.id, page.roles, page.skills)
    await indexHandbookPage(db, page)
    return true
  }

  async setPagePlacement(db: Db, id: string, sectionId: string, position: number): Promise<void> {
    await db.updateTable('handbook_pages').set({ section_id: sectionId, position }).where('id', '=', id).execute()
  }

  async deletePage(db: Db, id: string): Promise<void> {
    await unindexHandbookPage(db, id)
    await db.deleteFrom('handbook_pages').where('id', '=', id).execute()
  }

  async countPagesInSection(db: Db, sectionId: string): Promise<number> {
    const row = await db
      .selectFrom('handbook_pages')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('section_id', '=', sectionId)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  private async setTags(db: Db, pageId: string, roles: string[], skills: string[]): Promise<void> {
    await db.deleteFrom('handbook_page_tags').where('page_id', '=', pageId).execute()
    const rows = [...new Set(roles)]
      .map(slug => ({ page_id: pageId, kind: 'role', slug }))
      .concat([...new Set(skills)].map(slug => ({ page_id: pageId, kind: 'skill', slug })))
    if (rows.length) await db.insertInto('handbook_page_tags').values(rows).execute()
  }

  /** Pages tagged with any of these skills, for development-plan suggestions. */
  async pagesForSkills(db: Db, skills: string[]): Promise<(PageSummary & { skill: string; resources: Resource[] })[]> {
    if (skills.length === 0) return []
    const rows = await db
      .selectFrom('handbook_page_tags as t')
      .innerJoin('handbook_pages as p', 'p.id', 't.page_id')
      .select([
        'p.id',
        'p.slug',
        'p.section_id',
        'p.position',
        'p.title',
        'p.summary',
        'p.version',
        'p.updated_at',
        'p.resources',
        't.slug as skill',
      ])
      .where('t.kind', '=', 'skill')
      .where('t.slug', 'in', skills)
      .orderBy('p.title')
      .execute()
    return rows.map(r => ({
      id: r.id,
      slug: r.slug,
      sectionId: r.section_id,
      position: r.position,
      title: r.title,
      summary: r.summary,
      version: r.version,
      updatedAt: r.updated_at,
      skill: r.skill,
      resources: json<Resource[]>(r.resources, []),
    }))
  }

  search(db: Db, terms: string[], limit: number, offset: number): Promise<{ hits: SearchHit[]; total: number }> {
    return searchHandbook(db, terms, limit, offset)
  }

  // ---- Where imported pages came from ----

  /** Every page's slug and source key (null for pages made in the browser). */
  async listPageSources(db: Db): Promise<{ id: string; slug: string; sourceKey: string | null }[]> {
    const rows = await db.selectFrom('handbook_pages').select(['id', 'slug', 'source_key']).execute()
    return rows.map(row => ({ id: row.id, slug: row.slug, sourceKey: row.source_key ?? null }))
  }

  async setPageSourceKey(db: Db, pageId: string, sourceKey: string): Promise<void> {
    await db.updateTable('handbook_pages').set({ source_key: sourceKey }).where('id', '=', pageId).execute()
  }
}
