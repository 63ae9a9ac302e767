// What every page write follows: the addresses pages take (slugs, reserved words), the version a
// save records, the error a save over someone else's gets, and how search hits are marked.
import { HIT_END, HIT_START } from '../../db/dialect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import { StaleVersionError } from '../../platform/errors.ts'
import { escapeHtml } from '../../platform/html.ts'
import { newId } from '../../platform/ids.ts'
import { slugify as slugOf } from '../../platform/slug.ts'
import type { Page, PageVersion } from '../handbook.types.ts'

/** Someone saved the page after the editor opened it: carries the page as it is now. */
export const stalePage = (latest: Page) => new StaleVersionError(latest, 'The page was changed by someone else')

export function slugify(text: string): string {
  return slugOf(text) || 'page'
}

/** Paths under /handbook that pages cannot take as their slug. */
export const RESERVED_SLUGS = new Set([
  'search',
  'new',
  'manage',
  'suggestions',
  'sections',
  'print',
  'review',
  'feedback',
  'upstream',
  'import',
])

/** A page slug from a title: reserved words get a suffix. */
export function pageSlug(title: string): string {
  const slug = slugify(title)
  return RESERVED_SLUGS.has(slug) ? `${slug}-page` : slug
}

/** Escapes a search snippet and marks the hits with <mark>. */
export function snippetHtml(snippet: string): string {
  return escapeHtml(snippet).split(HIT_START).join('<mark>').split(HIT_END).join('</mark>')
}

/** The version a save records: the page as saved, with who saved it and why. */
export function versionOf(
  page: Page,
  changeNote: string,
  author: Actor,
  at: string,
  suggestionId: string | null,
): PageVersion {
  return {
    id: newId(),
    pageId: page.id,
    version: page.version,
    title: page.title,
    summary: page.summary,
    body: page.body,
    meta: { sectionId: page.sectionId, roles: page.roles, skills: page.skills, resources: page.resources },
    changeNote: changeNote.slice(0, 500),
    createdAt: at,
    createdBy: author.id,
    createdByName: author.name,
    suggestionId,
  }
}
