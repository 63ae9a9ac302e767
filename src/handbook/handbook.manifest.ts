// The machine-readable part of a static export: `handbook.json`, every page's Markdown with its
// section and a content hash, so another Valuekit can follow this handbook (src/upstream/), and the
// images the pages show: each one's id (the start of its SHA-256, as in the pages' image addresses)
// and the file in the export that holds it.
import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Page, Section } from './handbook.types.ts'

export const MANIFEST_FILE = 'handbook.json'
export const MANIFEST_FORMAT = 1

/** sha256 of a page's Markdown, hex: how a follower tells an unchanged page at a glance. */
export function contentHash(markdown: string): string {
  return createHash('sha256').update(markdown, 'utf8').digest('hex')
}

const text = (max: number) => z.string().max(max)

export const manifestSchema = z.object({
  generator: z.literal('Valuekit'),
  format: z.literal(MANIFEST_FORMAT),
  exportedAt: text(40),
  pages: z
    .array(
      z.object({
        slug: z.string().regex(/^[a-z0-9-]{1,100}$/),
        title: text(200).min(1),
        summary: text(1000),
        section: z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/), title: text(200).min(1) }),
        roles: z.array(text(100)).max(100),
        skills: z.array(text(100)).max(100),
        markdown: text(500_000),
        hash: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(10_000),
  /** Absent from exports made before images were exported. */
  images: z
    .array(
      z.object({
        id: z.string().regex(/^[0-9a-f]{32}$/),
        file: z.string().regex(/^images\/[0-9a-f]{32}\/[A-Za-z0-9._-]{1,100}$/),
        contentType: text(100),
        size: z.number().int().nonnegative(),
      }),
    )
    .max(10_000)
    .optional(),
})

export type HandbookManifest = z.infer<typeof manifestSchema>

/** A stored image as the export wrote it: its id and the file (relative to the export) holding it. */
export interface ManifestImage {
  readonly id: string
  readonly file: string
  readonly contentType: string
  readonly size: number
}

/** The manifest of these sections' pages, in reading order, and of the images they show. */
export function handbookManifest(
  sections: readonly (Section & { pages: Page[] })[],
  exportedAt: string,
  images: readonly ManifestImage[] = [],
): HandbookManifest {
  return {
    generator: 'Valuekit',
    format: MANIFEST_FORMAT,
    exportedAt,
    pages: sections.flatMap(section =>
      section.pages.map(page => ({
        slug: page.slug,
        title: page.title,
        summary: page.summary,
        section: { slug: section.slug, title: section.title },
        roles: page.roles,
        skills: page.skills,
        markdown: page.body,
        hash: contentHash(page.body),
      })),
    ),
    images: images.map(({ id, file, contentType, size }) => ({ id, file, contentType, size })),
  }
}
