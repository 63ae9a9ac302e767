// Importing a handbook in the browser: an editor uploads a zip, reads the same report the command
// line gives (a dry run of the real import), answers where pages should go when another page has
// their address, and confirms. The import then runs in the background, here in this process, and
// its progress is read from memory (the page being imported) and the database (its status).
// The zip is kept in handbook_imports and unpacked again when the import runs, then let go once
// the import is done or has failed; reports never confirmed are forgotten after a day. An import
// whose process stopped (a restart) is found stalled when next read, and said to have failed: the
// pages are written in one transaction, so nothing of it was kept. No HTTP.
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Clock } from '../platform/clock.ts'
import type { Actor } from '../platform/auth/roles.ts'
import { newId } from '../platform/ids.ts'
import { slugify } from '../platform/slug.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { ImportProblem, ImportResult } from './import/import.types.ts'
import type { HandbookRepository } from './handbook.repository.ts'
import type { StoredImportRow } from './handbook.types.ts'
import type { HandbookService } from './handbook.service.ts'
import type { ImportReport } from './import/report.ts'
import { ZipRefusedError, unpackZip } from './handbook.zip.ts'

export type ImportStatus = 'staged' | 'waiting' | 'importing' | 'done' | 'failed'

/** A page that asked for an address another page has: the editor chooses where it goes. */
export interface AddressQuestion {
  sourceKey: string
  sourcePath: string
  title: string
  /** The address it asked for. */
  wanted: string
  /** The address it gets unless the editor chooses another. */
  offered: string
}

/** What the editor reads before confirming: the dry run's report and the questions it raised. */
export interface StagedReport {
  site: ImportResult['site']
  sections: number
  images: number
  report: ImportReport
  questions: AddressQuestion[]
}

export interface HandbookImport {
  id: string
  createdBy: string
  fileName: string
  status: ImportStatus
  staged: StagedReport
  /** The addresses chosen, by source key (after confirming). */
  addresses: Record<string, string>
  /** The report of the import itself, once done. */
  result: ImportReport | null
  failure: string | null
  createdAt: string
}

export interface ImportProgress {
  phase: 'reading' | 'importing'
  done: number
  total: number
}

interface Answers {
  actor: Actor
  addresses: Record<string, string>
}

const SLUG_FORMAT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** A report nobody confirmed within this long is forgotten, with its zip. */
const STAGED_KEPT_MS = 24 * 60 * 60_000
/** An import waiting or running this long, and not running here, stopped with its process. */
export const STALLED_AFTER_MS = 30 * 60_000
export const STALLED_MESSAGE =
  'The import stopped before it finished, probably because the service restarted. Nothing was changed.'

export class HandbookUploads {
  /** Progress of the imports this process is running, by id. */
  private readonly running = new Map<string, ImportProgress>()

  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HandbookRepository,
    private readonly handbook: HandbookService,
    private readonly clock: Clock,
  ) {}

  /** Reads an uploaded zip and keeps it with its report; a zip that cannot be read safely is refused. */
  async stage(
    actor: Actor & { id: string },
    fileName: string,
    zip: Buffer,
  ): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
    let read: { result: ImportResult; report: ImportReport }
    try {
      read = await this.withUnpacked(fileName, zip, async folder => {
        const result = await this.handbook.readFolder(folder)
        return { result, report: await this.handbook.dryRunImport(actor, result) }
      })
    } catch (error) {
      if (error instanceof ZipRefusedError) return { ok: false, message: error.message }
      throw error
    }
    const { result, report } = read
    if (result.pages.length === 0)
      return {
        ok: false,
        message: 'The zip file has no Markdown pages (.md, .markdown or .mdx files) in it',
      }
    const staged: StagedReport = {
      site: result.site,
      sections: result.sections.length,
      images: result.images.length,
      report,
      questions: result.pages.flatMap(page =>
        page.takenSlug === undefined
          ? []
          : [
              {
                sourceKey: page.sourceKey,
                sourcePath: page.sourcePath,
                title: page.title,
                wanted: page.takenSlug,
                offered: page.slug,
              },
            ],
      ),
    }
    const now = this.clock()
    const at = now.toISOString()
    const id = newId()
    await this.repo.uploads.pruneStagedImports(this.db, new Date(now.getTime() - STAGED_KEPT_MS).toISOString())
    await this.repo.uploads.insertImport(this.db, {
      id,
      createdBy: actor.id,
      fileName: fileName.slice(0, 200),
      zip,
      status: 'staged',
      report: JSON.stringify(staged),
      answers: null,
      result: null,
      failure: null,
      createdAt: at,
      updatedAt: at,
    })
    return { ok: true, id }
  }

  async get(id: string): Promise<HandbookImport | null> {
    const row = await this.repo.uploads.findImport(this.db, id)
    if (!row) return null
    const busy = row.status === 'waiting' || row.status === 'importing'
    const stalled =
      busy && !this.running.has(id) && this.clock().getTime() - Date.parse(row.updatedAt) > STALLED_AFTER_MS
    if (stalled) {
      const changes = { status: 'failed', failure: STALLED_MESSAGE, zip: Buffer.alloc(0) }
      await this.repo.uploads.moveImport(this.db, id, row.status, { ...changes, updatedAt: this.clock().toISOString() })
      return this.get(id)
    }
    return importOf(row)
  }

  /** How far the import has gone, while this process runs it. */
  progress(id: string): ImportProgress | null {
    return this.running.get(id) ?? null
  }

  /**
   * Why an address chosen for a page cannot be used, or null. `others` are the other addresses the
   * import will use (the ones offered and the ones chosen).
   */
  async addressProblem(address: string, others: readonly string[]): Promise<string | null> {
    if (address === '') return 'Enter an address for the page'
    if (address.length > 80) return 'The address must be 80 characters or fewer'
    if (!SLUG_FORMAT.test(address))
      return 'The address must use only lowercase letters, numbers and hyphens, like team-rituals'
    if (others.includes(address)) return `Another page in this import will be at ${address}. Choose a different address`
    const taken = await this.handbook.slugsInUse()
    if (taken.has(address)) return `The handbook already has a page at ${address}. Choose a different address`
    return null
  }

  /** Confirms a staged import with the addresses chosen, and starts it in the background. */
  async confirm(id: string, actor: Actor, addresses: Record<string, string>): Promise<boolean> {
    const answers: Answers = { actor, addresses }
    const moved = await this.repo.uploads.moveImport(this.db, id, 'staged', {
      status: 'waiting',
      answers: JSON.stringify(answers),
      updatedAt: this.clock().toISOString(),
    })
    if (moved) setImmediate(() => void this.run(id))
    return moved
  }

  /** Runs a confirmed import: reads the zip again, uses the chosen addresses, and imports. */
  async run(id: string): Promise<void> {
    const at = () => this.clock().toISOString()
    if (!(await this.repo.uploads.moveImport(this.db, id, 'waiting', { status: 'importing', updatedAt: at() }))) return
    this.running.set(id, { phase: 'reading', done: 0, total: 0 })
    try {
      const row = await this.repo.uploads.findImport(this.db, id)
      if (!row?.answers) throw new Error('The import was not confirmed')
      const answers = JSON.parse(row.answers) as Answers
      const report = await this.withUnpacked(row.fileName, row.zip, async folder => {
        const result = await this.handbook.readFolder(folder, (done, total) =>
          this.running.set(id, { phase: 'reading', done, total }),
        )
        const placed = await this.useAddresses(result, answers.addresses)
        return this.handbook.importResult(answers.actor, placed, (done, total) =>
          this.running.set(id, { phase: 'importing', done, total }),
        )
      })
      await this.repo.uploads.moveImport(this.db, id, 'importing', {
        status: 'done',
        result: JSON.stringify(report),
        zip: Buffer.alloc(0),
        updatedAt: at(),
      })
    } catch (error) {
      const failure =
        error instanceof ZipRefusedError
          ? error.message
          : 'Something went wrong while importing, and nothing was changed. Try the import again'
      await this.repo.uploads.moveImport(this.db, id, 'importing', {
        status: 'failed',
        failure,
        zip: Buffer.alloc(0),
        updatedAt: at(),
      })
    } finally {
      this.running.delete(id)
    }
  }

  /** Puts pages at the addresses chosen, unless another page took one meanwhile (then says so). */
  private async useAddresses(result: ImportResult, addresses: Record<string, string>): Promise<ImportResult> {
    const taken = await this.handbook.slugsInUse()
    for (const page of result.pages) {
      const chosen = addresses[page.sourceKey]
      if (chosen === undefined || chosen === page.slug) continue
      if (taken.has(chosen) || result.pages.some(other => other !== page && other.slug === chosen)) {
        result.problems.push(
          problem(page.sourcePath, `The address ${chosen} was taken meanwhile, so the page is at ${page.slug}`),
        )
        continue
      }
      const before = page.slug
      page.slug = chosen
      // Links between pages were written with the page's address when the folder was read.
      for (const other of result.pages) other.body = moveLinks(other.body, before, chosen)
    }
    // A new result: links between pages are resolved afresh (the resolver's index is kept per result).
    return { ...result, pages: [...result.pages] }
  }

  private async withUnpacked<T>(fileName: string, zip: Buffer, read: (folder: string) => Promise<T>): Promise<T> {
    const temporary = await mkdtemp(path.join(tmpdir(), 'valuekit-import-'))
    try {
      // The folder is named after the zip, so pages of a site with no title keep the same source keys.
      const folder = path.join(temporary, slugify(fileName.replace(/\.zip$/i, '')) || 'handbook')
      await mkdir(folder)
      return await read(await unpackZip(zip, folder))
    } finally {
      await rm(temporary, { recursive: true, force: true })
    }
  }
}

/** Links to /handbook/<from> (inline or reference-style) now go to /handbook/<to>. */
export function moveLinks(body: string, from: string, to: string): string {
  const inline = new RegExp(`(\\]\\(\\s*)/handbook/${from}(?=[)#?\\s])`, 'g')
  const reference = new RegExp(`^(\\s*\\[[^\\]\\n]+\\]:\\s*)/handbook/${from}(?=[#?\\s]|$)`, 'gm')
  return body.replace(inline, `$1/handbook/${to}`).replace(reference, `$1/handbook/${to}`)
}

function problem(file: string, message: string): ImportProblem {
  return { file, message, severity: 'warning' }
}

function importOf(row: StoredImportRow): HandbookImport {
  const answers = row.answers ? (JSON.parse(row.answers) as Answers) : null
  return {
    id: row.id,
    createdBy: row.createdBy,
    fileName: row.fileName,
    status: row.status as ImportStatus,
    staged: JSON.parse(row.report) as StagedReport,
    addresses: answers?.addresses ?? {},
    result: row.result ? (JSON.parse(row.result) as ImportReport) : null,
    failure: row.failure,
    createdAt: row.createdAt,
  }
}
