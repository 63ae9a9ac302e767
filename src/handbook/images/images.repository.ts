// Images handbook pages show (handbook_images), kept by an id made from their bytes.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { StoredImage } from '../handbook.types.ts'

type Db = Kysely<Database>

export class ImagesRepository {
  /** Stores an image unless one with the same bytes (so the same id) is already kept; says whether it stored it. */
  async insertImage(db: Db, image: StoredImage): Promise<boolean> {
    const result = await db
      .insertInto('handbook_images')
      .values({
        id: image.id,
        file_name: image.fileName,
        content_type: image.contentType,
        size: image.bytes.length,
        bytes: image.bytes,
        source_key: image.sourceKey,
        created_at: image.createdAt,
        created_by_name: image.createdByName,
      })
      .onConflict(conflict => conflict.column('id').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async findImage(db: Db, id: string): Promise<StoredImage | null> {
    const row = await db.selectFrom('handbook_images').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    return {
      id: row.id,
      fileName: row.file_name,
      contentType: row.content_type,
      bytes: Buffer.from(row.bytes),
      sourceKey: row.source_key,
      createdAt: row.created_at,
      createdByName: row.created_by_name,
    }
  }
}
