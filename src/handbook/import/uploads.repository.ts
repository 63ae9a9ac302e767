// Handbooks uploaded as a zip in the browser (handbook_imports): staged with their report, then imported.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { StoredImportRow } from '../handbook.types.ts'

type Db = Kysely<Database>

export class UploadsRepository {
  async insertImport(db: Db, row: StoredImportRow): Promise<void> {
    await db
      .insertInto('handbook_imports')
      .values({
        id: row.id,
        created_by: row.createdBy,
        file_name: row.fileName,
        zip: row.zip,
        status: row.status,
        report: row.report,
        answers: row.answers,
        result: row.result,
        failure: row.failure,
        created_at: row.createdAt,
        updated_at: row.updatedAt,
      })
      .execute()
  }

  async findImport(db: Db, id: string): Promise<StoredImportRow | null> {
    const row = await db.selectFrom('handbook_imports').selectAll().where('id', '=', id).executeTakeFirst()
    if (!row) return null
    return {
      id: row.id,
      createdBy: row.created_by,
      fileName: row.file_name,
      zip: Buffer.from(row.zip),
      status: row.status,
      report: row.report,
      answers: row.answers,
      result: row.result,
      failure: row.failure,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    }
  }

  /** Moves an import on, only from the status given; says whether it did (two confirmations start one run). */
  async moveImport(
    db: Db,
    id: string,
    from: string,
    changes: Partial<Pick<StoredImportRow, 'status' | 'answers' | 'result' | 'failure' | 'zip'>> & {
      updatedAt: string
    },
  ): Promise<boolean> {
    const result = await db
      .updateTable('handbook_imports')
      .set({
        ...(changes.status === undefined ? {} : { status: changes.status }),
        ...(changes.zip === undefined ? {} : { zip: changes.zip }),
        ...(changes.answers === undefined ? {} : { answers: changes.answers }),
        ...(changes.result === undefined ? {} : { result: changes.result }),
        ...(changes.failure === undefined ? {} : { failure: changes.failure }),
        updated_at: changes.updatedAt,
      })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) > 0
  }

  /** Forgets imports whose report was read but never confirmed, staged before the time given. */
  async pruneStagedImports(db: Db, before: string): Promise<void> {
    await db.deleteFrom('handbook_imports').where('status', '=', 'staged').where('created_at', '<', before).execute()
  }
}
