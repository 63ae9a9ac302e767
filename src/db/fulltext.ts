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

// PostgreSQL's text-search parser reads anything like <this> as an HTML tag, so its index sees
// angle brackets as spaces (see the handbook migration). Snippets are made here from the page's
// text, which never keeps our private-use marker characters, so it cannot fake a hit mark.
const MARKERS = /[\uE000-\uE003]/g

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

type HitRow = {
  page_id: string
  slug: string
  title: string
  summary: string
  section_title: string
  body_text: string
}

/**
 * Ranks the matching pages in the database (bm25 on SQLite, ts_rank_cd on PostgreSQL), then makes
 * snippets in JavaScript for the one page of results, the same way on both engines: the engines'
 * own snippet functions read whole page bodies and cost more than the ranking itself.
 */
export async function searchHandbook(
  db: Kysely<Database>,
  terms: string[],
  limit: number,
  offset: number,
): Promise<{ hits: SearchHit[]; total: number }> {
  if (terms.length === 0) return { hits: [], total: 0 }
  let total: number
  let rows: HitRow[]
  if (isPostgres(db)) {
    const query = tsQuery(terms)
    const count = await sql<{
      n: number
    }>`select count(*)::int as n from handbook_pages where search_vector @@ to_tsquery('english', ${query})`.execute(db)
    total = count.rows[0]?.n ?? 0
    if (total === 0) return { hits: [], total }
    rows = (
      await sql<HitRow>`
        select p.id as page_id, p.slug, p.title, p.summary, s.title as section_title, p.body_text
        from handbook_pages p
        join handbook_sections s on s.id = p.section_id
        where p.search_vector @@ to_tsquery('english', ${query})
        order by ts_rank_cd(p.search_vector, to_tsquery('english', ${query}), 1) desc, p.title asc
        limit ${limit} offset ${offset}`.execute(db)
    ).rows
  } else {
    const match = fts5Query(terms)
    const count = await sql<{
      n: number
    }>`select count(*) as n from handbook_search where handbook_search match ${match}`.execute(db)
    total = Number(count.rows[0]?.n ?? 0)
    if (total === 0) return { hits: [], total }
    rows = (
      await sql<HitRow>`
        with ranked as (
          select page_id, bm25(handbook_search, 0.0, 10.0, 4.0, 1.0) as rank
          from handbook_search
          where handbook_search match ${match}
          order by rank, rowid
          limit ${limit} offset ${offset}
        )
        select p.id as page_id, p.slug, p.title, p.summary, s.title as section_title, p.body_text
        from ranked
        join handbook_pages p on p.id = ranked.page_id
        join handbook_sections s on s.id = p.section_id
        order by ranked.rank, p.title`.execute(db)
    ).rows
  }
  return { total, hits: rows.map(r => toHit(r, terms)) }
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu
const SNIPPET_WORDS = 32

/** Does a word of the text count as a hit for one of the search terms (allowing for endings)? */
function isHit(word: string, stems: string[]): boolean {
  const w = word.toLowerCase()
  return stems.some(stem => w.startsWith(stem))
}

/**
 * About 32 words of the page around the first hit, with every hit wrapped in the private-use
 * marker characters. Stems allow for word endings, roughly as the engines' stemmers do.
 */
export function makeSnippet(text: string, terms: string[]): string {
  const stems = terms.map(t => (t.length > 5 ? t.slice(0, t.length - 2) : t.length > 3 ? t.slice(0, t.length - 1) : t))
  // Find the first hit cheaply, then look closely only at the text around it.
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.map(escapeRegExp).join('|')})`, 'iu')
  const firstHit = stems.length ? text.search(pattern) : -1
  const windowStart = firstHit > 200 ? text.lastIndexOf(' ', firstHit - 150) + 1 : 0
  const clean = text.slice(windowStart, windowStart + 1200).replace(MARKERS, '')
  const words: { start: number; end: number; hit: boolean }[] = []
  for (const m of clean.matchAll(WORD)) {
    const start = m.index ?? 0
    words.push({ start, end: start + m[0].length, hit: isHit(m[0], stems) })
  }
  if (words.length === 0) return ''
  const first = Math.max(
    0,
    words.findIndex(w => w.hit),
  )
  const from = Math.max(0, first - 8)
  const to = Math.min(words.length, from + SNIPPET_WORDS)
  let out = from > 0 || windowStart > 0 ? '… ' : ''
  let cursor = words[from]?.start ?? 0
  for (let i = from; i < to; i++) {
    const w = words[i]
    if (!w) break
    out += clean.slice(cursor, w.start)
    out += w.hit ? `${HIT_START}${clean.slice(w.start, w.end)}${HIT_END}` : clean.slice(w.start, w.end)
    cursor = w.end
  }
  if (to < words.length || windowStart + 1200 < text.length) out += ' …'
  return out.replace(/\s+/g, ' ').trim()
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function toHit(r: HitRow, terms: string[]): SearchHit {
  return {
    pageId: r.page_id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    sectionTitle: r.section_title,
    snippet: makeSnippet(r.body_text ?? '', terms),
  }
}
