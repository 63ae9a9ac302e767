// Data access for following an upstream handbook: the source followed and, per upstream page, the
// merge base and the newest upstream text. Returns domain types, never raw rows.
import type { Selectable } from 'kysely'
import type { DbExecutor } from '../db/connect.ts'
import type { HandbookUpstreamPagesTable } from '../db/schema.ts'
import type { UpstreamPageRecord, UpstreamSource, UpstreamState } from './upstream.types.ts'

const SOURCE_ID = 'upstream'
const STATES: readonly UpstreamState[] = ['current', 'changed', 'new', 'deleted']

function toRecord(row: Selectable<HandbookUpstreamPagesTable>): UpstreamPageRecord {
  const state = STATES.find(s => s === row.state) ?? 'changed'
  return {
    upstreamSlug: row.upstream_slug,
    pageSlug: row.page_slug,
    title: row.title,
    sectionSlug: row.section_slug,
    sectionTitle: row.section_title,
    summary: row.summary,
    baseBody: row.base_body,
    upstreamBody: row.upstream_body,
    upstreamHash: row.upstream_hash,
    state,
    checkedAt: row.checked_at,
  }
}

export class UpstreamRepository {
  async source(db: DbExecutor): Promise<UpstreamSource | null> {
    const row = await db.selectFrom('handbook_upstream').selectAll().where('id', '=', SOURCE_ID).executeTakeFirst()
    return row ? { source: row.source, checkedAt: row.checked_at, checkedByName: row.checked_by_name } : null
  }

  async saveSource(db: DbExecutor, source: UpstreamSource): Promise<void> {
    const values = { source: source.source, checked_at: source.checkedAt, checked_by_name: source.checkedByName }
    await db
      .insertInto('handbook_upstream')
      .values({ id: SOURCE_ID, ...values })
      .onConflict(oc => oc.column('id').doUpdateSet(values))
      .execute()
  }

  async listPages(db: DbExecutor): Promise<UpstreamPageRecord[]> {
    const rows = await db.selectFrom('handbook_upstream_pages').selectAll().orderBy('upstream_slug').execute()
    return rows.map(toRecord)
  }

  async findPage(db: DbExecutor, upstreamSlug: string): Promise<UpstreamPageRecord | null> {
    const row = await db
      .selectFrom('handbook_upstream_pages')
      .selectAll()
      .where('upstream_slug', '=', upstreamSlug)
      .executeTakeFirst()
    return row ? toRecord(row) : null
  }

  async savePage(db: DbExecutor, record: UpstreamPageRecord): Promise<void> {
    const values = {
      page_slug: record.pageSlug,
      title: record.title,
      section_slug: record.sectionSlug,
      section_title: record.sectionTitle,
      summary: record.summary,
      base_body: record.baseBody,
      upstream_body: record.upstreamBody,
      upstream_hash: record.upstreamHash,
      state: record.state,
      checked_at: record.checkedAt,
    }
    await db
      .insertInto('handbook_upstream_pages')
      .values({ upstream_slug: record.upstreamSlug, ...values })
      .onConflict(oc => oc.column('upstream_slug').doUpdateSet(values))
      .execute()
  }
}
