// Full-text search over handbook pages, the one place the two engines differ in kind:
// SQLite keeps an FTS5 table in step with the pages (ranked by bm25); PostgreSQL derives a
// weighted tsvector column from each page (GIN-indexed, ranked by ts_rank_cd). Both mark hits
// in snippets with private-use characters that the caller escapes, then turns into <mark>.
import { sql, type Kysely } from 'kysely'
import { HIT_END, HIT_START, fts5Query, isPostgres, tsQuery } from './dialect.ts'
import type { Database } from './schema.ts'

export interface SearchHit {
  pageId: string
  slug: string
  title: string
  summary: string
  sectionTitle: string
  snippet: string
}

// PostgreSQL's text-search parser reads anything like <this> as an HTML tag, and ts_headline drops
// tags from snippets. The index sees angle brackets as spaces (see the handbook migration), and
// snippets are made from text with stand-ins for them, which are turned back afterwards.
// Page text never keeps our private-use marker characters, so it cannot fake a hit mark.
const MARKERS = /[\uE000-\uE003]/g
const SNIPPET_FROM = '<>\uE000\uE001\uE002\uE003'
const SNIPPET_TO = '\uE002\uE003'

function restoreAngleBrackets(text: string): string {
  return text.replace(/\uE002/g, '<').replace(/\uE003/g, '>')
}

export async function indexHandbookPage(
  db: Kysely<Database>,
  page: { id: string; title: string; summary: string; bodyText: string },
): Promise<void> {
  if (isPostgres(db)) return // the generated column follows the row
  await sql`delete from handbook_search where page_id = ${page.id}`.execute(db)
  await sql`insert into handbook_search (page_id, title, summary, body) values (${page.id}, ${page.title}, ${page.summary}, ${page.bodyText.replace(MARKERS, '')})`.execute(
    db,
  )
}

export async function unindexHandbookPage(db: Kysely<Database>, pageId: string): Promise<void> {
  if (isPostgres(db)) return
  await sql`delete from handbook_search where page_id = ${pageId}`.execute(db)
}

export async function searchHandbook(
  db: Kysely<Database>,
  terms: string[],
  limit: number,
  offset: number,
): Promise<{ hits: SearchHit[]; total: number }> {
  if (terms.length === 0) return { hits: [], total: 0 }
  if (isPostgres(db)) {
    const query = tsQuery(terms)
    const options = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`
    const total = await sql<{
      n: number
    }>`select count(*)::int as n from handbook_pages where search_vector @@ to_tsquery('english', ${query})`.execute(db)
    const rows = await sql<{
      page_id: string
      slug: string
      title: string
      summary: string
      section_title: string
      snippet: string
    }>`
      select top.id as page_id, top.slug, top.title, top.summary, s.title as section_title,
             ts_headline('english', translate(top.body_text, ${SNIPPET_FROM}, ${SNIPPET_TO}), to_tsquery('english', ${query}), ${options}) as snippet
      from (
        select id, slug, title, summary, body_text, section_id,
               ts_rank_cd(search_vector, to_tsquery('english', ${query}), 1) as rank
        from handbook_pages
        where search_vector @@ to_tsquery('english', ${query})
        order by rank desc, title asc
        limit ${limit} offset ${offset}
      ) top
      join handbook_sections s on s.id = top.section_id
      order by top.rank desc, top.title asc`.execute(db)
    return {
      total: total.rows[0]?.n ?? 0,
      hits: rows.rows.map(toHit).map(h => ({ ...h, snippet: restoreAngleBrackets(h.snippet) })),
    }
  }
  const match = fts5Query(terms)
  const total = await sql<{
    n: number
  }>`select count(*) as n from handbook_search where handbook_search match ${match}`.execute(db)
  if (Number(total.rows[0]?.n ?? 0) === 0) return { hits: [], total: 0 }
  // Rank first, then make snippets for the one page of results only: snippet() is the costly part.
  const rows = await sql<{
    page_id: string
    slug: string
    title: string
    summary: string
    section_title: string
    snippet: string
  }>`
    select f.page_id, p.slug, p.title, p.summary, s.title as section_title,
           snippet(handbook_search, 3, ${HIT_START}, ${HIT_END}, ' … ', 24) as snippet
    from handbook_search f
    join handbook_pages p on p.id = f.page_id
    join handbook_sections s on s.id = p.section_id
    where handbook_search match ${match}
      and f.rowid in (
        select rowid from handbook_search where handbook_search match ${match}
        order by bm25(handbook_search, 0.0, 10.0, 4.0, 1.0), rowid
        limit ${limit} offset ${offset}
      )
    order by bm25(handbook_search, 0.0, 10.0, 4.0, 1.0), p.title`.execute(db)
  return { total: Number(total.rows[0]?.n ?? 0), hits: rows.rows.map(toHit) }
}

function toHit(r: {
  page_id: string
  slug: string
  title: string
  summary: string
  section_title: string
  snippet: string
}): SearchHit {
  return {
    pageId: r.page_id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    sectionTitle: r.section_title,
    snippet: r.snippet ?? '',
  }
}
