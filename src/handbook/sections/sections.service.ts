// The handbook's sections: listed in reading order, created, renamed, moved and deleted when empty.
import type { AuditService } from '../../audit/audit.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { NotFoundError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { HandbookRepository } from '../handbook.repository.ts'
import type { Section } from '../handbook.types.ts'
import { slugify } from '../pages/page-rules.ts'

export class HandbookSections {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HandbookRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async sections(): Promise<Section[]> {
    return this.repo.sections.listSections(this.db)
  }

  async section(slug: string): Promise<Section> {
    const section = await this.repo.sections.findSectionBySlug(this.db, slug)
    if (!section) throw new NotFoundError('No such section')
    return section
  }

  async createSection(actor: Actor, input: { title: string; summary: string }): Promise<Section> {
    const at = this.clock().toISOString()
    return this.db.transaction().execute(async trx => {
      const sections = await this.repo.sections.listSections(trx)
      const taken = new Set(sections.map(s => s.slug))
      let slug = slugify(input.title)
      for (let n = 2; taken.has(slug); n++) slug = `${slugify(input.title)}-${n}`
      const section: Section = {
        id: newId(),
        slug,
        title: input.title,
        summary: input.summary,
        position: sections.length + 1,
      }
      await this.repo.sections.insertSection(trx, section, at)
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.section-created',
        subjectType: 'handbook-section',
        subjectId: section.id,
        summary: `Created the section "${section.title}"`,
      })
      return section
    })
  }

  async updateSection(actor: Actor, slug: string, input: { title: string; summary: string }): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const section = await this.repo.sections.findSectionBySlug(trx, slug)
      if (!section) throw new NotFoundError('No such section')
      await this.repo.sections.updateSection(trx, section.id, input, this.clock().toISOString())
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.section-updated',
        subjectType: 'handbook-section',
        subjectId: section.id,
        summary: `Changed the section "${input.title}"`,
      })
    })
  }

  async reorderSection(actor: Actor, slug: string, direction: 'up' | 'down'): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const sections = await this.repo.sections.listSections(trx)
      const index = sections.findIndex(s => s.slug === slug)
      if (index < 0) throw new NotFoundError('No such section')
      const swapWith = direction === 'up' ? index - 1 : index + 1
      if (swapWith < 0 || swapWith >= sections.length) return
      const reordered = [...sections]
      const [moving] = reordered.splice(index, 1)
      if (!moving) return
      reordered.splice(swapWith, 0, moving)
      for (const [i, s] of reordered.entries())
        if (s.position !== i + 1) await this.repo.sections.setSectionPosition(trx, s.id, i + 1)
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.section-reordered',
        subjectType: 'handbook-section',
        subjectId: moving.id,
        summary: `Moved the section "${moving.title}" ${direction}`,
      })
    })
  }

  async deleteSection(actor: Actor, slug: string): Promise<void> {
    await this.db.transaction().execute(async trx => {
      const section = await this.repo.sections.findSectionBySlug(trx, slug)
      if (!section) throw new NotFoundError('No such section')
      if ((await this.repo.pages.countPagesInSection(trx, section.id)) > 0) {
        throw new ValidationError({
          section: 'Move or delete the pages in this section first. Only an empty section can be deleted',
        })
      }
      await this.repo.sections.deleteSection(trx, section.id)
      await this.repo.revision.bumpRevision(trx)
      await this.audit.record(trx, actor, {
        action: 'handbook.section-deleted',
        subjectType: 'handbook-section',
        subjectId: section.id,
        summary: `Deleted the empty section "${section.title}"`,
      })
    })
  }
}
