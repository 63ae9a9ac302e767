// A page's history: every version, one version, two compared, and an old version restored.
import { lineDiff, wordDiff } from '../../platform/diff.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import { NotFoundError } from '../../platform/errors.ts'
import type { HandbookRepository } from '../handbook.repository.ts'
import type { Page, PageVersion } from '../handbook.types.ts'
import { HandbookPages } from './pages.service.ts'

export class HandbookVersions {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HandbookRepository,
    private readonly pages: HandbookPages,
  ) {}

  async history(slug: string) {
    const page = await this.pages.page(slug)
    return { page, versions: await this.repo.versions.listVersions(this.db, page.id) }
  }

  async version(slug: string, version: number): Promise<{ page: Page; version: PageVersion }> {
    const page = await this.pages.page(slug)
    const found = await this.repo.versions.findVersion(this.db, page.id, version)
    if (!found) throw new NotFoundError('No such version')
    return { page, version: found }
  }

  async compare(slug: string, from: number, to: number) {
    const page = await this.pages.page(slug)
    const [a, b] = await Promise.all([
      this.repo.versions.findVersion(this.db, page.id, from),
      this.repo.versions.findVersion(this.db, page.id, to),
    ])
    if (!a || !b) throw new NotFoundError('No such version')
    return {
      page,
      from: a,
      to: b,
      title: wordDiff(a.title, b.title),
      summary: wordDiff(a.summary, b.summary),
      body: lineDiff(a.body, b.body),
    }
  }

  /** Makes an old version the newest one again (history keeps everything in between). */
  async restore(actor: Actor, slug: string, version: number, baseVersion: number): Promise<Page> {
    const { version: old } = await this.version(slug, version)
    return this.pages.updatePage(
      actor,
      slug,
      {
        title: old.title,
        summary: old.summary,
        sectionId: old.meta.sectionId,
        body: old.body,
        roles: old.meta.roles,
        skills: old.meta.skills,
        resources: old.meta.resources,
        changeNote: `Restored version ${version}`,
      },
      baseVersion,
    )
  }
}
