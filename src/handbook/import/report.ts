// What an import did, or would do: counts, problems, and what happened to each page read.
import type { ImportProblem } from './import.types.ts'

export interface ImportReport {
  sectionsCreated: number
  pagesCreated: number
  pagesUpdated: number
  pagesUnchanged: number
  /** Images stored by this import (ones kept before are not counted again). */
  imagesStored: number
  problems: ImportProblem[]
  /** What happened to each page read, in reading order. */
  pages?: ImportedPageOutcome[]
}

export interface ImportedPageOutcome {
  slug: string
  title: string
  sourcePath: string
  outcome: 'created' | 'updated' | 'unchanged' | 'refused'
}

/** Thrown to roll a dry run back, carrying what it would have done. */
export class DryRunFinished extends Error {
  constructor(readonly report: ImportReport) {
    super('Dry run')
  }
}

/** What an import reads besides the folder: the site's address and the name its source keys start with. */
export interface ImportReadOptions {
  siteUrl?: string
  sourceName?: string
  /** Read the folder as the site has it, ignoring this handbook's pages (following an upstream). */
  asPublished?: boolean
}
