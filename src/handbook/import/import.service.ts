// Importing a handbook folder: reading it against this handbook's pages and the framework's
// terms, a dry run that changes nothing, the import itself, and the starter handbook set-up loads.
import { resolve } from 'node:path'
import type { AuditService } from '../../audit/audit.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import {
  BUNDLED_TERMS,
  equivalentSkills,
  type FrameworkTerms,
  type TermsSource,
} from '../../framework/framework.terms.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import type { ImportResult } from './import.types.ts'
import { readHandbookFolder } from './read-folder.ts'
import type { HandbookRepository } from '../handbook.repository.ts'
import { RESERVED_SLUGS } from '../pages/page-rules.ts'
import { applyImport } from './apply.ts'
import { DryRunFinished, type ImportReport, type ImportReadOptions } from './report.ts'

export const STARTER_HANDBOOK_DIR = resolve(import.meta.dirname, '../../../content/handbook')

export class HandbookImport {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HandbookRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly framework: TermsSource,
  ) {}

  // ---- Import and starter content ----

  /** Reads a folder to import; tags must be roles and skills of the framework (the current one unless given). */
  async readFolder(
    folder: string,
    onProgress?: (done: number, total: number, file: string) => void,
    terms?: FrameworkTerms,
    options: ImportReadOptions = {},
    /** Inside a transaction (set-up's starter handbook), its executor: SQLite has one connection. */
    db: DbExecutor = this.db,
  ): Promise<ImportResult> {
    const known = terms ?? (await this.framework.terms())
    const { asPublished = false, ...read } = options
    const sources = asPublished ? [] : await this.repo.pages.listPageSources(db)
    return readHandbookFolder(folder, {
      ...read,
      onProgress,
      knownRoles: known.roles.map(role => role.slug),
      knownSkills: known.skills.map(skill => skill.slug),
      existing: {
        slugBySourceKey: new Map(sources.flatMap(p => (p.sourceKey === null ? [] : [[p.sourceKey, p.slug]]))),
        slugs: new Set(sources.map(p => p.slug)),
      },
    })
  }

  /** Loads the starter handbook as the organisation's own copy, if the handbook is empty. */
  async loadStarter(
    trx: DbExecutor,
    actor: Actor,
    framework: FrameworkTerms = BUNDLED_TERMS,
  ): Promise<ImportReport | null> {
    if ((await this.repo.pages.listPageSummaries(trx)).length > 0) return null
    // Set-up loads it in the same transaction that stores the first framework version, so it
    // passes that framework's terms. The starter pages are tagged with the 2025 framework's
    // skills; an installation starting from another framework gets the matching skills instead,
    // so its pathway can suggest these pages.
    const result = await this.readFolder(STARTER_HANDBOOK_DIR, undefined, BUNDLED_TERMS, {}, trx)
    const pages = result.pages.map(page => ({
      ...page,
      skills: [...new Set(page.skills.flatMap(skill => equivalentSkills(skill, framework)))],
    }))
    return this.apply(trx, actor, { ...result, pages })
  }

  /** Imports what readFolder found: new pages are created, changed pages get a new version. */
  async importResult(
    actor: Actor,
    result: ImportResult,
    onPage?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    return this.db.transaction().execute(trx => this.apply(trx, actor, result, onPage))
  }

  /** What importResult would do, page by page, without changing anything (it is rolled back). */
  async dryRunImport(actor: Actor, result: ImportResult): Promise<ImportReport> {
    try {
      await this.db.transaction().execute(async trx => {
        throw new DryRunFinished(await this.apply(trx, actor, result))
      })
    } catch (error) {
      if (error instanceof DryRunFinished) return error.report
      throw error
    }
    throw new Error('A dry run always rolls back')
  }

  /** The address of every page, for checking an address chosen for an imported page. */
  async slugsInUse(): Promise<Set<string>> {
    const sources = await this.repo.pages.listPageSources(this.db)
    return new Set([...sources.map(p => p.slug), ...RESERVED_SLUGS])
  }

  private apply(trx: DbExecutor, actor: Actor, result: ImportResult, onPage?: (done: number, total: number) => void) {
    return applyImport({ repo: this.repo, audit: this.audit, clock: this.clock }, trx, actor, result, onPage)
  }
}
