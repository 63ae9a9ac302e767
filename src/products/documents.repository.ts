// Strategy documents of every kind, stored as JSON text with every version kept: the only code
// that reads or writes strategy_documents and strategy_document_versions.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { updateVersioned } from '../db/versioned.ts'

type Db = Kysely<Database>

export interface StoredDocument {
  id: string
  subject: string
  kind: string
  content: string
  version: number
  updatedAt: string
  updatedByName: string
}

export interface StoredVersion {
  documentId: string
  version: number
  content: string
  note: string
  savedAt: string
  savedByName: string
}

export interface SavedBy {
  at: string
  byId: string | null
  byName: string
}

const toDocument = (r: {
  id: string
  subject: string
  kind: string
  content: string
  version: number
  updated_at: string
  updated_by_name: string
}): StoredDocument => ({
  id: r.id,
  subject: r.subject,
  kind: r.kind,
  content: r.content,
  version: Number(r.version),
  updatedAt: r.updated_at,
  updatedByName: r.updated_by_name,
})

export class DocumentsRepository {
  async find(db: Db, subject: string, kind: string): Promise<StoredDocument | undefined> {
    const row = await db
      .selectFrom('strategy_documents')
      .selectAll()
      .where('subject', '=', subject)
      .where('kind', '=', kind)
      .executeTakeFirst()
    return row ? toDocument(row) : undefined
  }

  async forSubject(db: Db, subject: string): Promise<StoredDocument[]> {
    const rows = await db.selectFrom('strategy_documents').selectAll().where('subject', '=', subject).execute()
    return rows.map(toDocument)
  }

  /** The first version of a document. Fails on the (subject, kind) key if someone created it first. */
  async insert(db: Db, doc: { id: string; subject: string; kind: string; content: string }, by: SavedBy, note: string) {
    await db
      .insertInto('strategy_documents')
      .values({
        id: doc.id,
        subject: doc.subject,
        kind: doc.kind,
        content: doc.content,
        version: 1,
        updated_at: by.at,
        updated_by: by.byId,
        updated_by_name: by.byName,
      })
      .execute()
    await this.insertVersion(db, doc.id, 1, doc.content, by, note)
  }

  /** A new version, if the document is still at expectedVersion: the new version number, or undefined. */
  async update(
    db: Db,
    id: string,
    expectedVersion: number,
    content: string,
    by: SavedBy,
    note: string,
  ): Promise<number | undefined> {
    const saved = await updateVersioned(db, 'strategy_documents', id, expectedVersion, {
      content,
      updated_at: by.at,
      updated_by: by.byId,
      updated_by_name: by.byName,
    })
    if (!saved) return undefined
    await this.insertVersion(db, id, Number(saved.version), content, by, note)
    return Number(saved.version)
  }

  private async insertVersion(db: Db, id: string, version: number, content: string, by: SavedBy, note: string) {
    await db
      .insertInto('strategy_document_versions')
      .values({
        document_id: id,
        version,
        content,
        note,
        saved_at: by.at,
        saved_by: by.byId,
        saved_by_name: by.byName,
      })
      .execute()
  }

  /** Every version, newest first. */
  async versions(db: Db, documentId: string): Promise<StoredVersion[]> {
    const rows = await db
      .selectFrom('strategy_document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('version', 'desc')
      .execute()
    return rows.map(r => ({
      documentId: r.document_id,
      version: Number(r.version),
      content: r.content,
      note: r.note,
      savedAt: r.saved_at,
      savedByName: r.saved_by_name,
    }))
  }

  async version(db: Db, documentId: string, version: number): Promise<StoredVersion | undefined> {
    const r = await db
      .selectFrom('strategy_document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('version', '=', version)
      .executeTakeFirst()
    return r
      ? {
          documentId: r.document_id,
          version: Number(r.version),
          content: r.content,
          note: r.note,
          savedAt: r.saved_at,
          savedByName: r.saved_by_name,
        }
      : undefined
  }

  async deleteForSubject(db: Db, subject: string): Promise<void> {
    await db.deleteFrom('strategy_documents').where('subject', '=', subject).execute()
  }

  /** Deletes the documents of many subjects at once (their versions go with them). */
  async deleteForSubjects(db: Db, subjects: readonly string[]): Promise<void> {
    for (let i = 0; i < subjects.length; i += 500)
      await db
        .deleteFrom('strategy_documents')
        .where('subject', 'in', subjects.slice(i, i + 500))
        .execute()
  }
}
