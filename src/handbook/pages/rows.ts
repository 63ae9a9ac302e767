// Reading the handbook's JSON text columns and mapping page rows, shared by its page and version repositories.
import type { Database } from '../../db/schema.ts'
import type { Heading, Page, Resource } from '../handbook.types.ts'

export const json = <T>(text: string, fallback: T): T => {
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

export function toPage(r: Database['handbook_pages']): Page {
  return {
    id: r.id,
    slug: r.slug,
    sectionId: r.section_id,
    position: r.position,
    title: r.title,
    summary: r.summary,
    body: r.body,
    bodyHtml: r.body_html,
    bodyText: r.body_text,
    headings: json<Heading[]>(r.headings, []),
    roles: json<string[]>(r.roles, []),
    skills: json<string[]>(r.skills, []),
    resources: json<Resource[]>(r.resources, []),
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    updatedByName: r.updated_by_name,
  }
}

export function pageRow(p: Page): Database['handbook_pages'] {
  return {
    id: p.id,
    slug: p.slug,
    section_id: p.sectionId,
    position: p.position,
    title: p.title,
    summary: p.summary,
    body: p.body,
    body_html: p.bodyHtml,
    body_text: p.bodyText,
    headings: JSON.stringify(p.headings),
    roles: JSON.stringify(p.roles),
    skills: JSON.stringify(p.skills),
    resources: JSON.stringify(p.resources),
    version: p.version,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    updated_by: p.updatedBy,
    updated_by_name: p.updatedByName,
  }
}
