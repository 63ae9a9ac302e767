// The only code that touches publications and their snapshots.
import type { Kysely, Selectable } from 'kysely'
import type { Database, PublicationSnapshotsTable, PublicationsTable } from '../db/schema.ts'
import { Remembered, databaseKey } from '../db/remembered.ts'
import { updateVersioned } from '../db/versioned.ts'
import type { Publication, PublicPage, PublishedVersion, Snapshot, Withheld } from './open.types.ts'

type Db = Kysely<Database>

const toPublication = (r: Selectable<PublicationsTable>): Publication => ({
  productId: r.product_id,
  slug: r.slug,
  latestVersion: Number(r.latest_version),
  withdrawnAt: r.withdrawn_at,
  updatedAt: r.updated_at,
  version: Number(r.version),
})

const toVersion = (r: Selectable<PublicationSnapshotsTable>): PublishedVersion => ({
  productId: r.product_id,
  number: Number(r.number),
  content: JSON.parse(r.content) as Snapshot,
  withheld: JSON.parse(r.withheld) as Withheld[],
  publishedAt: r.published_at,
  publishedByName: r.published_by_name,
})

export class OpenRepository {
  // Which snapshot a public page shows, read on every view of it (it keys the page cache):
  // remembered for a moment (db/remembered.ts); every write to publications forgets it.
  private readonly pageVersions = new Remembered<string | null>()

  /** `<product id>:<latest version>` of the page at slug, or null when there is none or it was taken down. */
  pageVersion(db: Db, slug: string): Promise<string | null> {
    return this.pageVersions.get(`${databaseKey(db)}:${slug}`, async () => {
      const row = await db
        .selectFrom('publications')
        .select(['product_id', 'latest_version', 'withdrawn_at'])
        .where('slug', '=', slug)
        .executeTakeFirst()
      return row && row.withdrawn_at === null ? `${row.product_id}:${Number(row.latest_version)}` : null
    })
  }

  /** The same, without waiting, when it is remembered; undefined otherwise (no query). */
  rememberedPageVersion(db: Db, slug: string): string | null | undefined {
    return this.pageVersions.peek(`${databaseKey(db)}:${slug}`)
  }

  async publication(db: Db, productId: string): Promise<Publication | undefined> {
    const row = await db.selectFrom('publications').selectAll().where('product_id', '=', productId).executeTakeFirst()
    return row ? toPublication(row) : undefined
  }

  async bySlug(db: Db, slug: string): Promise<Publication | undefined> {
    const row = await db.selectFrom('publications').selectAll().where('slug', '=', slug).executeTakeFirst()
    return row ? toPublication(row) : undefined
  }

  async slugTaken(db: Db, slug: string, productId: string): Promise<boolean> {
    const row = await db
      .selectFrom('publications')
      .select('product_id')
      .where('slug', '=', slug)
      .where('product_id', '<>', productId)
      .executeTakeFirst()
    return row !== undefined
  }

  async insertPublication(db: Db, productId: string, slug: string, at: string): Promise<void> {
    this.pageVersions.changed()
    await db
      .insertInto('publications')
      .values({ product_id: productId, slug, latest_version: 1, withdrawn_at: null, updated_at: at })
      .execute()
  }

  /** Points the publication at a new snapshot (and shows it again) if it is still at expectedVersion. */
  async advance(db: Db, productId: string, expectedVersion: number, latest: number, at: string): Promise<boolean> {
    this.pageVersions.changed()
    const saved = await updateVersioned(db, 'publications', productId, expectedVersion, {
      latest_version: latest,
      withdrawn_at: null,
      updated_at: at,
    })
    return saved !== undefined
  }

  async withdraw(db: Db, productId: string, expectedVersion: number, at: string): Promise<boolean> {
    this.pageVersions.changed()
    const saved = await updateVersioned(db, 'publications', productId, expectedVersion, {
      withdrawn_at: at,
      updated_at: at,
    })
    return saved !== undefined
  }

  async insertSnapshot(
    db: Db,
    s: {
      productId: string
      number: number
      content: Snapshot
      withheld: Withheld[]
      at: string
      byId: string | null
      byName: string
    },
  ): Promise<void> {
    await db
      .insertInto('publication_snapshots')
      .values({
        product_id: s.productId,
        number: s.number,
        content: JSON.stringify(s.content),
        withheld: JSON.stringify(s.withheld),
        published_at: s.at,
        published_by: s.byId,
        published_by_name: s.byName,
      })
      .execute()
  }

  async snapshot(db: Db, productId: string, number: number): Promise<PublishedVersion | undefined> {
    const row = await db
      .selectFrom('publication_snapshots')
      .selectAll()
      .where('product_id', '=', productId)
      .where('number', '=', number)
      .executeTakeFirst()
    return row ? toVersion(row) : undefined
  }

  async snapshots(db: Db, productId: string): Promise<PublishedVersion[]> {
    const rows = await db
      .selectFrom('publication_snapshots')
      .selectAll()
      .where('product_id', '=', productId)
      .orderBy('number', 'desc')
      .execute()
    return rows.map(toVersion)
  }

  /** Everything public now, with the name it was published under, by name. */
  async published(db: Db): Promise<{ slug: string; name: string; purpose: string; publishedAt: string }[]> {
    const rows = await db
      .selectFrom('publications as p')
      .innerJoin('publication_snapshots as s', join =>
        join.onRef('s.product_id', '=', 'p.product_id').onRef('s.number', '=', 'p.latest_version'),
      )
      .select(['p.slug', 's.content', 's.published_at'])
      .where('p.withdrawn_at', 'is', null)
      .execute()
    return rows
      .map(r => {
        const content = JSON.parse(r.content) as Snapshot
        return { slug: r.slug, name: content.name, purpose: content.purpose, publishedAt: r.published_at }
      })
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  /** The latest snapshot of everything public now, with its address, by name. */
  async publicPages(db: Db): Promise<PublicPage[]> {
    const rows = await db
      .selectFrom('publications as p')
      .innerJoin('publication_snapshots as s', join =>
        join.onRef('s.product_id', '=', 'p.product_id').onRef('s.number', '=', 'p.latest_version'),
      )
      .select('p.slug')
      .selectAll('s')
      .where('p.withdrawn_at', 'is', null)
      .execute()
    return rows
      .map(({ slug, ...snapshot }) => ({ slug, snapshot: toVersion(snapshot) }))
      .sort((a, b) => a.snapshot.content.name.localeCompare(b.snapshot.content.name))
  }
}
