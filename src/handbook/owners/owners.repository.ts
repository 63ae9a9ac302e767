// Owners and review dates of handbook pages and sections (handbook_owners).
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { updateVersioned } from '../../db/versioned.ts'
import type { Ownership, OwnershipInput } from '../handbook.types.ts'

type Db = Kysely<Database>

export class OwnersRepository {
  private ownershipQuery(db: Db) {
    return db
      .selectFrom('handbook_owners as o')
      .leftJoin('users as u', 'u.id', 'o.owner_user_id')
      .select([
        'o.id',
        'o.page_id',
        'o.owner_user_id',
        'o.owner_team',
        'o.review_by',
        'o.version',
        'o.updated_at',
        'o.updated_by_name',
        'u.name as owner_name',
      ])
  }

  private toOwnership(r: {
    id: string
    page_id: string | null
    owner_user_id: string | null
    owner_team: string | null
    review_by: string | null
    version: number
    updated_at: string
    updated_by_name: string
    owner_name: string | null
  }): Ownership {
    return {
      id: r.id,
      kind: r.page_id ? 'page' : 'section',
      ownerUserId: r.owner_user_id,
      ownerName: r.owner_user_id ? r.owner_name : null,
      ownerTeam: r.owner_team,
      reviewBy: r.review_by,
      version: r.version,
      updatedAt: r.updated_at,
      updatedByName: r.updated_by_name,
    }
  }

  async findOwnership(db: Db, id: string): Promise<Ownership | null> {
    const row = await this.ownershipQuery(db).where('o.id', '=', id).executeTakeFirst()
    return row ? this.toOwnership(row) : null
  }

  async listOwnerships(db: Db): Promise<Ownership[]> {
    return (await this.ownershipQuery(db).execute()).map(r => this.toOwnership(r))
  }

  /** The first owner and date of a page or section; false when one was saved meanwhile. */
  async insertOwnership(
    db: Db,
    subject: { id: string; kind: 'page' | 'section' },
    input: OwnershipInput,
    at: string,
    byName: string,
  ): Promise<boolean> {
    const inserted = await db
      .insertInto('handbook_owners')
      .values({
        id: subject.id,
        page_id: subject.kind === 'page' ? subject.id : null,
        section_id: subject.kind === 'section' ? subject.id : null,
        owner_user_id: input.ownerUserId,
        owner_team: input.ownerTeam,
        review_by: input.reviewBy,
        version: 1,
        updated_at: at,
        updated_by_name: byName,
      })
      .onConflict(oc => oc.column('id').doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1
  }

  async updateOwnership(
    db: Db,
    id: string,
    expectedVersion: number,
    input: OwnershipInput,
    at: string,
    byName: string,
  ): Promise<boolean> {
    const saved = await updateVersioned(db, 'handbook_owners', id, expectedVersion, {
      owner_user_id: input.ownerUserId,
      owner_team: input.ownerTeam,
      review_by: input.reviewBy,
      updated_at: at,
      updated_by_name: byName,
    })
    return saved !== undefined
  }
}
