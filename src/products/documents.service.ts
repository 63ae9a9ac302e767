// Strategy documents, every kind through one mechanism: the registry (kinds/index.ts) says what
// each kind holds; this service stores it as versioned JSON with every version kept, detects
// concurrent edits (StaleVersionError carrying the document as it is now), compares any two
// versions section by section, and restores an old version as a new one. The team onion also
// keeps the thing's team (who may change its strategy) in step.
import type { AuditService } from '../audit/audit.service.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { changed, lineDiff, type DiffLine } from '../platform/diff.ts'
import { NotFoundError, StaleVersionError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import type { DocumentsRepository, StoredVersion } from './documents.repository.ts'
import { kindInSentence, type DocumentKind, type FormContext } from './kinds/kind.ts'
import type { ProductsRepository } from './products.repository.ts'

/** A document as pages show it; version 0 means nothing has been written yet. */
export interface StrategyDocument<T = unknown> {
  kind: DocumentKind<T>
  subject: string
  content: T
  version: number
  updatedAt: string | null
  updatedByName: string | null
}

export interface DocumentVersion<T = unknown> {
  version: number
  content: T
  note: string
  savedAt: string
  savedByName: string
}

export interface SectionDiff {
  heading: string
  lines: DiffLine[]
  changed: boolean
}

/** What a save is about: a subject (a thing's id) and, for the audit log, its name. */
export interface DocumentSubject {
  id: string
  name: string
}

export class DocumentsService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: DocumentsRepository,
    private readonly products: ProductsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Reads stored JSON through the kind's schema; content that no longer fits reads as empty. */
  private parse<T>(kind: DocumentKind<T>, json: string): T {
    try {
      const parsed = kind.schema.safeParse(JSON.parse(json))
      return parsed.success ? parsed.data : kind.empty
    } catch {
      return kind.empty
    }
  }

  get<T>(subject: string, kind: DocumentKind<T>): Promise<StrategyDocument<T>> {
    return this.read(this.db, subject, kind)
  }

  /** Reads with the given executor: inside a transaction, its own (SQLite has one connection). */
  private async read<T>(db: DbExecutor, subject: string, kind: DocumentKind<T>): Promise<StrategyDocument<T>> {
    const stored = await this.repo.find(db, subject, kind.slug)
    return stored
      ? {
          kind,
          subject,
          content: this.parse(kind, stored.content),
          version: stored.version,
          updatedAt: stored.updatedAt,
          updatedByName: stored.updatedByName,
        }
      : { kind, subject, content: kind.empty, version: 0, updatedAt: null, updatedByName: null }
  }

  /** Every kind's document for a subject, in registry order (empty ones included). */
  async all(subject: string, kinds: readonly DocumentKind[]): Promise<StrategyDocument[]> {
    const stored = new Map((await this.repo.forSubject(this.db, subject)).map(d => [d.kind, d]))
    return kinds.map(kind => {
      const s = stored.get(kind.slug)
      return s
        ? {
            kind,
            subject,
            content: this.parse(kind, s.content),
            version: s.version,
            updatedAt: s.updatedAt,
            updatedByName: s.updatedByName,
          }
        : { kind, subject, content: kind.empty, version: 0, updatedAt: null, updatedByName: null }
    })
  }

  /**
   * Saves a new version if the document is still at expectedVersion (0: not written yet); else
   * throws StaleVersionError<StrategyDocument<T>> with the document as it is now.
   */
  async save<T>(
    actor: Actor,
    subject: DocumentSubject,
    kind: DocumentKind<T>,
    content: T,
    expectedVersion: number,
    note = '',
  ): Promise<number> {
    const json = JSON.stringify(kind.schema.parse(content))
    const by = { at: this.clock().toISOString(), byId: actor.id, byName: actor.name }
    let version = 0
    try {
      await this.db.transaction().execute(async trx => {
        const existing = await this.repo.find(trx, subject.id, kind.slug)
        if (!existing) {
          if (expectedVersion !== 0) throw new NotFoundError('No such document')
          await this.repo.insert(trx, { id: newId(), subject: subject.id, kind: kind.slug, content: json }, by, note)
          version = 1
        } else {
          const saved = await this.repo.update(trx, existing.id, expectedVersion, json, by, note)
          if (saved === undefined)
            throw new StaleVersionError(await this.read(trx, subject.id, kind), 'Changed by someone else')
          version = saved
        }
        if (kind.members) await this.products.setMembers(trx, subject.id, kind.members(content))
        await this.audit.record(trx, actor, {
          action: 'strategy.document-saved',
          subjectType: 'product',
          subjectId: subject.id,
          summary: `${note.startsWith('Restored') ? 'Restored' : 'Saved'} the ${kindInSentence(kind)} of ${subject.name} (version ${version})`,
        })
      })
    } catch (err) {
      // Two people wrote the first version at once: the second learns of the first.
      if (isUniqueViolation(err))
        throw new StaleVersionError(await this.get(subject.id, kind), 'Changed by someone else')
      throw err
    }
    return version
  }

  private async stored(subject: string, kind: DocumentKind) {
    const doc = await this.repo.find(this.db, subject, kind.slug)
    if (!doc) throw new NotFoundError('Nothing has been written yet')
    return doc
  }

  /** Every version, newest first. */
  async versions<T>(subject: string, kind: DocumentKind<T>): Promise<DocumentVersion<T>[]> {
    const doc = await this.repo.find(this.db, subject, kind.slug)
    if (!doc) return []
    return (await this.repo.versions(this.db, doc.id)).map(v => this.versionOf(kind, v))
  }

  private versionOf<T>(kind: DocumentKind<T>, v: StoredVersion): DocumentVersion<T> {
    return {
      version: v.version,
      content: this.parse(kind, v.content),
      note: v.note,
      savedAt: v.savedAt,
      savedByName: v.savedByName,
    }
  }

  async version<T>(subject: string, kind: DocumentKind<T>, number: number): Promise<DocumentVersion<T>> {
    const doc = await this.stored(subject, kind as DocumentKind)
    const v = await this.repo.version(this.db, doc.id, number)
    if (!v) throw new NotFoundError('No such version')
    return this.versionOf(kind, v)
  }

  /** What changed between two versions, section by section. */
  async compare<T>(
    subject: string,
    kind: DocumentKind<T>,
    from: number,
    to: number,
    context?: FormContext,
  ): Promise<{ from: DocumentVersion<T>; to: DocumentVersion<T>; sections: SectionDiff[] }> {
    const [a, b] = await Promise.all([this.version(subject, kind, from), this.version(subject, kind, to)])
    return { from: a, to: b, sections: diffSections(kind, a.content, b.content, context) }
  }

  /** Saves an old version's content as the newest version. */
  async restore<T>(
    actor: Actor,
    subject: DocumentSubject,
    kind: DocumentKind<T>,
    number: number,
    expectedVersion: number,
  ): Promise<number> {
    const old = await this.version(subject.id, kind, number)
    return this.save(actor, subject, kind, old.content, expectedVersion, `Restored version ${number}`)
  }
}

/** Section by section, the lines that differ between two contents of one kind. */
export function diffSections<T>(kind: DocumentKind<T>, a: T, b: T, context?: FormContext): SectionDiff[] {
  const before = kind.sections(a, context)
  const after = kind.sections(b, context)
  return after.map((section, i) => {
    const lines = lineDiff(before[i]?.text ?? '', section.text)
    return { heading: section.heading, lines, changed: changed(lines) }
  })
}
