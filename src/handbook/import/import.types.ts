// What reading a handbook folder gives (plain data, no database, no HTTP), and the shapes the
// readers pass between them.
import type { SiteKind } from '../handbook.convert.ts'
import type { ImageType } from '../handbook.images.ts'

export interface ImportedResource {
  kind: 'reading' | 'training'
  title: string
  author: string
  format: string
  length: string
  url: string
}
export interface ImportedSection {
  slug: string
  title: string
  summary: string
  order: number
}
export interface ImportedPage {
  slug: string
  sectionSlug: string
  title: string
  summary: string
  order: number
  body: string
  roles: string[]
  skills: string[]
  resources: ImportedResource[]
  /** The file's path from the folder holding the pages. */
  sourcePath: string
  /** The page's lasting identity: the site's name and the file's path ('team-guide:people/index.md'). */
  sourceKey: string
  /** The page's address on the original site, without its path prefix ('/guides/planning/'), if known. */
  url: string | null
  /** The address the page asked for, when a page from another source (or made in the browser) has it. */
  takenSlug?: string
}
export interface ImportProblem {
  file: string
  /** Line in the file, when the problem has one. */
  line?: number
  message: string
  /** Errors stop a page being imported; warnings say something was lost; notes say what was converted. */
  severity: 'error' | 'warning' | 'note'
}
/** A local image a page shows, read and checked by content. */
export interface ImportedImage {
  /** Lasting name, from its bytes: the same image always has the same address. */
  id: string
  fileName: string
  contentType: ImageType
  bytes: Buffer
  /** Path of the image from the import root. */
  sourcePath: string
}
export interface ImportResult {
  /** Which kind of site the folder holds. */
  site: SiteKind
  /** The original site's address, where links to pages not imported now point. */
  siteUrl: string | null
  sections: ImportedSection[]
  pages: ImportedPage[]
  images: ImportedImage[]
  problems: ImportProblem[]
}
export interface ReadOptions {
  onProgress?: (done: number, total: number, file: string) => void
  knownRoles?: readonly string[]
  knownSkills?: readonly string[]
  /** The published site's address, when the site's configuration does not say it. */
  siteUrl?: string
  /** The name source keys start with; by default the site's title or the folder's name. */
  sourceName?: string
  /** What the handbook has now: the slugs of pages by source key, and every slug in use. */
  existing?: ExistingPages
}
export interface ExistingPages {
  slugBySourceKey: ReadonlyMap<string, string>
  slugs: ReadonlySet<string>
}

export type FrontMatter = Record<string, unknown>

export interface Folder {
  /** Posix path relative to the root; '' for the root. */
  relPath: string
  name: string
  depth: number
  pageFiles: string[]
  metaFiles: string[]
  children: Folder[]
}

export interface ReadPage {
  page: ImportedPage
  /** Section slug named in front matter, overriding the folder's section. */
  sectionOverride: string | null
  /** The section the site's navigation puts the page in, if any. */
  navSection?: string
  /** Line of the file where the body (as stored) starts, so problems found in it name the file's line. */
  firstLine: number
  /** Eleventy's eleventyNavigation. */
  navigation?: { key: string; parent: string | undefined; order: number | undefined; title: string | undefined }
  /** Docusaurus's doc id ('practices/reviews'). */
  docId?: string
}
