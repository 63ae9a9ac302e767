// Applying what was read: new sections and pages are created, changed pages get a new version,
// and a page from another source, or made in the browser, is never replaced. Runs in the caller's transaction.
import type { AuditService } from '../../audit/audit.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { newId } from '../../platform/ids.ts'
import type { ImportResult, ImportedPage } from './import.types.ts'
import { createLinkResolver } from './links.ts'
import { resolveStoredImage } from '../handbook.images.ts'
import type { HandbookRepository } from '../handbook.repository.ts'
import type { Page, Section } from '../handbook.types.ts'
import { renderMarkdown } from '../markdown.ts'
import { RESERVED_SLUGS, stalePage, versionOf } from '../pages/page-rules.ts'
import type { ImportReport, ImportedPageOutcome } from './report.ts'

/** Imports what readFolder found in the transaction given: the report says what happened to each page. */
export async function applyImport(
  { repo, audit, clock }: { repo: HandbookRepository; audit: AuditService; clock: Clock },
  trx: DbExecutor,
  actor: Actor,
  result: ImportResult,
  onPage?: (done: number, total: number) => void,
): Promise<ImportReport> {
  const at = clock().toISOString()
  const report: ImportReport = {
    sectionsCreated: 0,
    pagesCreated: 0,
    pagesUpdated: 0,
    pagesUnchanged: 0,
    imagesStored: 0,
    problems: [...result.problems],
    pages: [],
  }
  const outcome = (page: ImportedPage, what: ImportedPageOutcome['outcome']) => {
    report.pages?.push({ slug: page.slug, title: page.title, sourcePath: page.sourcePath, outcome: what })
    onPage?.(report.pages?.length ?? 0, result.pages.length)
  }
  for (const image of result.images) {
    const stored = await repo.images.insertImage(trx, {
      id: image.id,
      fileName: image.fileName,
      contentType: image.contentType,
      bytes: image.bytes,
      sourceKey: image.sourcePath,
      createdAt: at,
      createdByName: actor.name,
    })
    if (stored) report.imagesStored++
  }
  const sources = await repo.pages.listPageSources(trx)
  const bySourceKey = new Map(sources.flatMap(p => (p.sourceKey === null ? [] : [[p.sourceKey, p.slug]])))
  const sourceOfSlug = new Map(sources.map(p => [p.slug, p.sourceKey]))
  const sections = new Map((await repo.sections.listSections(trx)).map(s => [s.slug, s]))
  let nextSectionPosition = sections.size + 1
  for (const imported of [...result.sections].sort((a, b) => a.order - b.order)) {
    if (sections.has(imported.slug)) continue
    const section: Section = {
      id: newId(),
      slug: imported.slug,
      title: imported.title,
      summary: imported.summary,
      position: nextSectionPosition++,
    }
    await repo.sections.insertSection(trx, section, at)
    sections.set(section.slug, section)
    report.sectionsCreated++
  }
  const existing = new Map((await repo.pages.listPages(trx)).map(p => [p.slug, p]))
  const positions = new Map<string, number>()
  for (const p of existing.values()) positions.set(p.sectionId, Math.max(positions.get(p.sectionId) ?? 0, p.position))
  for (const original of [...result.pages].sort((a, b) => a.order - b.order)) {
    const imported = RESERVED_SLUGS.has(original.slug) ? { ...original, slug: `${original.slug}-page` } : original
    if (imported !== original) {
      report.problems.push({
        file: imported.sourcePath,
        message: `The address ${original.slug} is kept for the handbook itself, so the page is at ${imported.slug}`,
        severity: 'warning',
      })
    }
    const section = sections.get(imported.sectionSlug)
    if (!section) {
      report.problems.push({
        file: imported.sourcePath,
        message: `Section ${imported.sectionSlug} was not found, so the page was not imported`,
        severity: 'error',
      })
      outcome(imported, 'refused')
      continue
    }
    // A page from another source, or made in the browser, is never replaced by an import.
    const slugOwner = sourceOfSlug.get(imported.slug)
    const keptSlug = bySourceKey.get(imported.sourceKey)
    if (keptSlug === undefined ? slugOwner !== undefined && slugOwner !== null : keptSlug !== imported.slug) {
      report.problems.push({
        file: imported.sourcePath,
        message: `The handbook already has a page at ${imported.slug} that did not come from this file, so this page was not imported. Import again to give it a new address`,
        severity: 'error',
      })
      outcome(imported, 'refused')
      continue
    }
    const rendered = renderMarkdown(imported.body, {
      resolveLink: createLinkResolver(result, imported),
      resolveImage: resolveStoredImage,
    })
    for (const link of rendered.brokenLinks) {
      if (!report.problems.some(p => p.file === imported.sourcePath && p.message.includes(link))) {
        report.problems.push({
          file: imported.sourcePath,
          message: `Broken link to ${link} (kept as plain text)`,
          severity: 'warning',
        })
      }
    }
    const before = existing.get(imported.slug)
    const fields = {
      sectionId: section.id,
      title: imported.title,
      summary: imported.summary,
      body: imported.body,
      bodyHtml: rendered.html,
      bodyText: rendered.text,
      headings: rendered.headings,
      roles: imported.roles,
      skills: imported.skills,
      resources: imported.resources,
      updatedAt: at,
      updatedBy: actor.id,
      updatedByName: actor.name,
    }
    if (!before) {
      const position = (positions.get(section.id) ?? 0) + 1
      positions.set(section.id, position)
      const page: Page = { ...fields, id: newId(), slug: imported.slug, position, version: 1, createdAt: at }
      await repo.pages.insertPage(trx, page)
      await repo.pages.setPageSourceKey(trx, page.id, imported.sourceKey)
      await repo.versions.insertVersion(trx, versionOf(page, 'Imported', actor, at, null))
      report.pagesCreated++
      outcome(imported, 'created')
      continue
    }
    if (slugOwner === null) await repo.pages.setPageSourceKey(trx, before.id, imported.sourceKey)
    const same =
      before.title === fields.title &&
      before.summary === fields.summary &&
      before.body === fields.body &&
      before.sectionId === fields.sectionId &&
      JSON.stringify([before.roles, before.skills, before.resources]) ===
        JSON.stringify([fields.roles, fields.skills, fields.resources])
    if (same) {
      report.pagesUnchanged++
      outcome(imported, 'unchanged')
      continue
    }
    const page: Page = { ...before, ...fields, version: before.version + 1 }
    if (!(await repo.pages.updatePage(trx, page, before.version)))
      throw stalePage((await repo.pages.findPageBySlug(trx, before.slug)) ?? before)
    await repo.versions.insertVersion(trx, versionOf(page, 'Imported', actor, at, null))
    report.pagesUpdated++
    outcome(imported, 'updated')
  }
  await repo.revision.bumpRevision(trx)
  await audit.record(trx, actor, {
    action: 'handbook.imported',
    subjectType: 'handbook',
    summary: `Imported the handbook: ${report.pagesCreated} pages created, ${report.pagesUpdated} updated, ${report.pagesUnchanged} unchanged, ${report.problems.length} problems`,
  })
  return report
}
