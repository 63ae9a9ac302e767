// Changes readers suggest to a page, reviewed against the page as it is now (a three-way merge),
// then accepted as a version credited to their author, or declined; the author hears which by email.
import { hasConflictMarkers, lineDiff, merge3, undoneLines, type DiffLine } from '../../platform/diff.ts'
import type { AuditService } from '../../audit/audit.service.ts'
import type { EmailService } from '../../email/email.service.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { HandbookRepository } from '../handbook.repository.ts'
import type { Page, Suggestion } from '../handbook.types.ts'
import { HandbookPages } from '../pages/pages.service.ts'

export interface SuggestionReview {
  suggestion: Suggestion
  page: Page
  /** The text the page would have if accepted, or null when it cannot be combined automatically. */
  proposedBody: string | null
  /**
   * The suggestion combined with the page as it is now by a three-way merge: where both changed
   * the same lines, both versions between conflict markers (`conflicts` says how many places).
   */
  mergedBody: string
  conflicts: number
  pageChangedSince: boolean
  diff: DiffLine[]
}

/** What the conflict markers in a combined text call each side. */
export const MERGE_LABELS = { ours: 'The page now', theirs: 'The suggestion' }

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)

export class HandbookSuggestions {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HandbookRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly pages: HandbookPages,
    /** Tells the author of a suggestion what was decided (the email outbox). */
    private readonly email: Pick<EmailService, 'enqueue'>,
  ) {}

  async suggest(
    actor: Actor & { id: string },
    slug: string,
    input: { title: string; summary: string; body: string; reason: string },
    baseVersion: number,
  ): Promise<Suggestion> {
    const page = await this.pages.page(slug)
    const base = await this.repo.versions.findVersion(this.db, page.id, baseVersion)
    if (!base) throw new NotFoundError('No such version')
    if (base.title === input.title && base.summary === input.summary && base.body === input.body) {
      throw new ValidationError({
        body: 'You have not changed anything. Change the page text, title or summary, then send your suggestion',
      })
    }
    const id = newId()
    await this.db.transaction().execute(async trx => {
      await this.repo.suggestions.insertSuggestion(trx, {
        id,
        pageId: page.id,
        baseVersion,
        ...input,
        createdAt: this.clock().toISOString(),
        createdBy: actor.id,
      })
      await this.audit.record(trx, actor, {
        action: 'handbook.suggestion-made',
        subjectType: 'handbook-suggestion',
        subjectId: id,
        summary: `Suggested a change to "${page.title}"`,
      })
    })
    return this.suggestion(id)
  }

  async suggestion(id: string): Promise<Suggestion> {
    const s = await this.repo.suggestions.findSuggestion(this.db, id)
    if (!s) throw new NotFoundError('No such suggestion')
    return s
  }

  openSuggestions(): Promise<Suggestion[]> {
    return this.repo.suggestions.listSuggestions(this.db, { status: 'open' })
  }

  /** How many suggested changes wait for an editor, and since when (for the home page). */
  openSuggestionSummary(): Promise<{ count: number; oldestAt: string | null }> {
    return this.repo.suggestions.openSuggestionSummary(this.db)
  }

  suggestionsBy(userId: string): Promise<Suggestion[]> {
    return this.repo.suggestions.listSuggestions(this.db, { authorId: userId })
  }

  /** What accepting would do: the suggestion combined with any changes made since it was based. */
  async review(id: string): Promise<SuggestionReview> {
    const suggestion = await this.suggestion(id)
    const page = await this.pages.page(suggestion.pageSlug)
    const base = await this.repo.versions.findVersion(this.db, page.id, suggestion.baseVersion)
    const pageChangedSince = page.version !== suggestion.baseVersion
    // Changes accepted since the suggestion was made are kept: the suggestion is merged into the
    // page as it is now, never laid over it.
    const merged =
      pageChangedSince && base
        ? merge3(base.body, page.body, suggestion.body, MERGE_LABELS)
        : { text: suggestion.body, conflicts: 0 }
    const proposedBody = merged.conflicts === 0 ? merged.text : null
    return {
      suggestion,
      page,
      proposedBody,
      mergedBody: merged.text,
      conflicts: merged.conflicts,
      pageChangedSince,
      diff: lineDiff(page.body, merged.text),
    }
  }

  /**
   * Accepts a suggestion as a new version credited to its author. The editor confirms the text
   * they saw (body) against the page version they saw (pageVersion), so nothing changes unseen.
   */
  async acceptSuggestion(
    actor: Actor & { id: string },
    id: string,
    body: string,
    pageVersion: number,
    options: { undoLaterChanges?: boolean } = {},
  ): Promise<Page> {
    const suggestion = await this.suggestion(id)
    if (suggestion.status !== 'open') throw new ConflictError('This suggestion has already been decided')
    const page = await this.pages.page(suggestion.pageSlug)
    if (hasConflictMarkers(body))
      throw new ValidationError({
        body: 'The text still has conflict markers (lines starting <<<<<<<, ======= or >>>>>>>). Choose what to keep in each place, remove the markers, then accept',
      })
    // Text that would undo a change made to the page since the suggestion's base (such as
    // another suggestion accepted meanwhile) is saved only when the editor says they mean it.
    if (page.version === pageVersion && page.version !== suggestion.baseVersion && !options.undoLaterChanges) {
      const base = await this.repo.versions.findVersion(this.db, page.id, suggestion.baseVersion)
      const undone = base ? undoneLines(base.body, page.body, body) : []
      if (undone.length > 0)
        throw new ValidationError({
          body: `This text would undo ${undone.length === 1 ? 'a change' : `${undone.length} changes`} made to the page since the suggestion was sent, such as ‘${truncate(undone[0] ?? '', 80)}’. Keep ${undone.length === 1 ? 'it' : 'them'}, or confirm that you mean to remove ${undone.length === 1 ? 'it' : 'them'}`,
        })
    }
    const author = { id: suggestion.createdBy, name: suggestion.createdByName }
    // One transaction for the new version and the decision: if someone else decided the
    // suggestion meanwhile, the page is left as it was.
    return this.db.transaction().execute(async trx => {
      const saved = await this.pages.saveVersion(
        trx,
        actor,
        page.slug,
        {
          title: suggestion.title,
          summary: suggestion.summary,
          sectionId: page.sectionId,
          body,
          roles: page.roles,
          skills: page.skills,
          resources: page.resources,
          changeNote: '',
        },
        pageVersion,
        { author, suggestionId: suggestion.id },
      )
      const decided = await this.repo.suggestions.decideSuggestion(trx, id, {
        status: 'accepted',
        at: this.clock().toISOString(),
        by: actor.id,
        note: null,
        resultingVersion: saved.version,
      })
      if (!decided) throw new ConflictError('This suggestion has already been decided')
      await this.audit.record(trx, actor, {
        action: 'handbook.suggestion-accepted',
        subjectType: 'handbook-suggestion',
        subjectId: id,
        summary: `Accepted ${author.name}'s change to "${page.title}" as version ${saved.version}`,
      })
      // The author hears what was decided, unless they decided it themselves.
      if (author.id !== actor.id)
        await this.email.enqueue(trx, actor, {
          kind: 'suggestion-outcome',
          recipient: author,
          outcome: 'accepted',
          pageTitle: saved.title,
          pageSlug: saved.slug,
          version: saved.version,
        })
      return saved
    })
  }

  async declineSuggestion(actor: Actor & { id: string }, id: string, reason: string): Promise<void> {
    const suggestion = await this.suggestion(id)
    await this.db.transaction().execute(async trx => {
      const decided = await this.repo.suggestions.decideSuggestion(trx, id, {
        status: 'declined',
        at: this.clock().toISOString(),
        by: actor.id,
        note: reason,
        resultingVersion: null,
      })
      if (!decided) throw new ConflictError('This suggestion has already been decided')
      await this.audit.record(trx, actor, {
        action: 'handbook.suggestion-declined',
        subjectType: 'handbook-suggestion',
        subjectId: id,
        summary: `Declined ${suggestion.createdByName}'s change to "${suggestion.pageTitle}"`,
      })
      if (suggestion.createdBy !== actor.id)
        await this.email.enqueue(trx, actor, {
          kind: 'suggestion-outcome',
          recipient: { id: suggestion.createdBy, name: suggestion.createdByName },
          outcome: 'declined',
          pageTitle: suggestion.pageTitle,
          pageSlug: suggestion.pageSlug,
          version: null,
        })
    })
  }
}
