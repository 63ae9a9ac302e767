// The handbook's owners, review dates and readers' feedback. Each page and section can have an
// owner (a person, or a team by name) and a date to review it by; a page without its own owner
// or date takes its section's. Editors see what is overdue for review and what has no owner.
// "Was this page useful?" answers go to the page owner's queue, and editors see how useful each
// page has been, month by month. Answers are kept without anything that says who gave them.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { addMonths } from '../platform/dates.ts'
import { ConflictError, NotFoundError, StaleVersionError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import type { HandbookRepository } from './handbook.repository.ts'
import type { Feedback, Ownership, OwnershipInput, PageSummary, Section } from './handbook.types.ts'

/** The owner and review date that apply to a page or section: its own, or (for a page) its section's. */
export interface Stewardship {
  ownerUserId: string | null
  ownerName: string | null
  ownerTeam: string | null
  reviewBy: string | null
  /** Where the owner and the date come from. */
  ownerFrom: 'own' | 'section' | null
  reviewFrom: 'own' | 'section' | null
}

export interface StewardedItem {
  kind: 'page' | 'section'
  id: string
  slug: string
  title: string
  /** The page's section (pages only). */
  section: Pick<Section, 'slug' | 'title'> | null
  stewardship: Stewardship
  overdue: boolean
}

export interface ReviewOverview {
  today: string
  overdue: StewardedItem[]
  dueSoon: StewardedItem[]
  withoutOwner: StewardedItem[]
  withoutDate: StewardedItem[]
}

export interface UsefulnessMonth {
  /** YYYY-MM. */
  month: string
  yes: number
  no: number
}

/** What owning handbook pages asks of one person now. */
export interface OwnedWork {
  overdue: StewardedItem[]
  feedback: { count: number; oldestAt: string | null }
}

export type FeedbackQueueFilter = { userId: string } | { team: string } | { all: true }

/** How far ahead, in months, someone who marks a page reviewed may set its next review. */
export const REVIEW_PERIODS = [3, 6, 12] as const
export type ReviewPeriod = (typeof REVIEW_PERIODS)[number]

/** Days ahead that "due soon" looks. */
export const DUE_SOON_DAYS = 30
/** The most answers a queue page shows. */
export const QUEUE_LIMIT = 200

/** Someone saved the owner or date after the form was opened: carries them as they are now. */
export const staleOwnership = (latest: Ownership | null) =>
  new StaleVersionError(latest, 'The owner or review date was changed by someone else')

/** A reader who gave feedback: the audit log says that someone did, never who. */
const READER: Actor = { id: null, name: 'A reader' }

const stewardshipOf = (own: Ownership | null, section: Ownership | null): Stewardship => {
  const ownOwner = own && (own.ownerUserId || own.ownerTeam) ? own : null
  const owner = ownOwner ?? (section && (section.ownerUserId || section.ownerTeam) ? section : null)
  const review = own?.reviewBy ? own : section?.reviewBy ? section : null
  return {
    ownerUserId: owner?.ownerUserId ?? null,
    ownerName: owner?.ownerName ?? null,
    ownerTeam: owner?.ownerUserId ? null : (owner?.ownerTeam ?? null),
    reviewBy: review?.reviewBy ?? null,
    ownerFrom: owner ? (owner === ownOwner ? 'own' : 'section') : null,
    reviewFrom: review ? (review === own ? 'own' : 'section') : null,
  }
}

const hasOwner = (s: Stewardship) => s.ownerUserId !== null || s.ownerTeam !== null

const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

export class HandbookOwners {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: HandbookRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return this.clock().toISOString().slice(0, 10)
  }

  /** Every section and page with the owner and review date that apply to it. */
  async items(): Promise<StewardedItem[]> {
    const [sections, pages, ownerships] = await Promise.all([
      this.repo.sections.listSections(this.db),
      this.repo.pages.listPageSummaries(this.db),
      this.repo.owners.listOwnerships(this.db),
    ])
    const byId = new Map(ownerships.map(o => [o.id, o]))
    const sectionById = new Map(sections.map(s => [s.id, s]))
    const today = this.today()
    const item = (
      kind: 'page' | 'section',
      x: Pick<PageSummary, 'id' | 'slug' | 'title'>,
      section: Section | null,
      stewardship: Stewardship,
    ): StewardedItem => ({
      kind,
      id: x.id,
      slug: x.slug,
      title: x.title,
      section: section ? { slug: section.slug, title: section.title } : null,
      stewardship,
      overdue: stewardship.reviewBy !== null && stewardship.reviewBy < today,
    })
    return [
      ...sections.map(s => item('section', s, null, stewardshipOf(byId.get(s.id) ?? null, null))),
      ...pages.map(p => {
        const section = sectionById.get(p.sectionId) ?? null
        return item('page', p, section, stewardshipOf(byId.get(p.id) ?? null, byId.get(p.sectionId) ?? null))
      }),
    ]
  }

  /** The owner and date that apply to one page (its own or its section's). */
  async forPage(page: { id: string; sectionId: string }): Promise<Stewardship> {
    const [own, section] = await Promise.all([
      this.repo.owners.findOwnership(this.db, page.id),
      this.repo.owners.findOwnership(this.db, page.sectionId),
    ])
    return stewardshipOf(own, section)
  }

  /** The owner and date of a section (its own: a section takes nothing from elsewhere). */
  async forSection(sectionId: string): Promise<Stewardship> {
    return stewardshipOf(await this.repo.owners.findOwnership(this.db, sectionId), null)
  }

  /** The page's or section's own owner and date, as the form edits them (null when never set). */
  own(id: string): Promise<Ownership | null> {
    return this.repo.owners.findOwnership(this.db, id)
  }

  /** What editors check: overdue for review, due soon, and what has no owner or no date. */
  async overview(): Promise<ReviewOverview> {
    const items = await this.items()
    const today = this.today()
    const soon = addDays(today, DUE_SOON_DAYS)
    const byDate = (a: StewardedItem, b: StewardedItem) =>
      (a.stewardship.reviewBy ?? '').localeCompare(b.stewardship.reviewBy ?? '') || a.title.localeCompare(b.title)
    return {
      today,
      overdue: items.filter(i => i.overdue).sort(byDate),
      dueSoon: items
        .filter(i => !i.overdue && i.stewardship.reviewBy !== null && i.stewardship.reviewBy <= soon)
        .sort(byDate),
      withoutOwner: items.filter(i => !hasOwner(i.stewardship)),
      withoutDate: items.filter(i => i.stewardship.reviewBy === null),
    }
  }

  /**
   * Names the owner and review date of a page or section, against the version the form was
   * opened at (0 when it had none): a save that lost the race throws StaleVersionError carrying
   * them as they are now. Audited, and the handbook's revision moves on (pages show their owner).
   */
  async set(
    actor: Actor,
    subject: { kind: 'page' | 'section'; id: string; title: string },
    input: OwnershipInput,
    baseVersion: number,
  ): Promise<Ownership> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const saved =
        baseVersion === 0
          ? await this.repo.owners.insertOwnership(trx, subject, input, at, actor.name)
          : await this.repo.owners.updateOwnership(trx, subject.id, baseVersion, input, at, actor.name)
      if (!saved) throw staleOwnership(await this.repo.owners.findOwnership(trx, subject.id))
      const who = input.ownerTeam ?? (input.ownerUserId ? 'a person' : 'no one')
      await this.audit.record(trx, actor, {
        action: `handbook.${subject.kind}-owner-set`,
        subjectType: `handbook-${subject.kind}`,
        subjectId: subject.id,
        summary: `Set the owner of "${subject.title}" to ${who}${input.reviewBy ? `, to review by ${input.reviewBy}` : ', with no review date'}`,
      })
      await this.repo.revision.bumpRevision(trx)
    })
    const saved = await this.repo.owners.findOwnership(this.db, subject.id)
    if (!saved) throw new NotFoundError('No such owner')
    return saved
  }

  /**
   * Says a page or section was checked and is still right: its own review date moves on by the
   * months chosen, its owner stays as it was (or as its section's). Against the version the form
   * was opened at, as `set` is. Gives the new review date.
   */
  async markReviewed(
    actor: Actor,
    subject: { kind: 'page' | 'section'; id: string; title: string },
    months: ReviewPeriod,
    baseVersion: number,
  ): Promise<string> {
    const at = this.clock().toISOString()
    const reviewBy = addMonths(this.today(), months)
    await this.db.transaction().execute(async trx => {
      const own = await this.repo.owners.findOwnership(trx, subject.id)
      const input: OwnershipInput = {
        ownerUserId: own?.ownerUserId ?? null,
        ownerTeam: own?.ownerTeam ?? null,
        reviewBy,
      }
      const saved =
        baseVersion === 0
          ? await this.repo.owners.insertOwnership(trx, subject, input, at, actor.name)
          : await this.repo.owners.updateOwnership(trx, subject.id, baseVersion, input, at, actor.name)
      if (!saved) throw staleOwnership(await this.repo.owners.findOwnership(trx, subject.id))
      await this.audit.record(trx, actor, {
        action: `handbook.${subject.kind}-reviewed`,
        subjectType: `handbook-${subject.kind}`,
        subjectId: subject.id,
        summary: `Marked "${subject.title}" as reviewed, to review again by ${reviewBy}`,
      })
      await this.repo.revision.bumpRevision(trx)
    })
    return reviewBy
  }

  /** Keeps a reader's answer, with nothing that says who gave it. */
  async give(page: { id: string; title: string }, answer: { useful: boolean; comment: string }): Promise<void> {
    const id = newId()
    await this.db.transaction().execute(async trx => {
      await this.repo.feedback.insertFeedback(trx, {
        id,
        pageId: page.id,
        useful: answer.useful,
        comment: answer.comment,
        createdAt: this.clock().toISOString(),
      })
      await this.audit.record(trx, READER, {
        action: 'handbook.feedback-given',
        subjectType: 'handbook-feedback',
        subjectId: id,
        summary: `Said "${page.title}" was ${answer.useful ? 'useful' : 'not useful'}`,
      })
    })
  }

  /** Answers about the pages a person or team owns (their own or through the section), or all. */
  async queue(filter: FeedbackQueueFilter): Promise<Feedback[]> {
    if ('all' in filter) return this.repo.feedback.listFeedback(this.db, {}, QUEUE_LIMIT)
    const pages = (await this.items()).filter(
      i =>
        i.kind === 'page' &&
        ('userId' in filter
          ? i.stewardship.ownerUserId === filter.userId
          : i.stewardship.ownerTeam?.toLowerCase() === filter.team.toLowerCase()),
    )
    return this.repo.feedback.listFeedback(this.db, { pageIds: pages.map(p => p.id) }, QUEUE_LIMIT)
  }

  /**
   * What a person's ownership asks of them now, for their home page: the pages and sections they
   * own that are past their review-by date (a page that takes both its owner and its date from
   * its section is left to the section), and the readers' answers about their pages not dealt with.
   */
  async ownedWork(userId: string): Promise<OwnedWork> {
    const owned = (await this.items()).filter(i => i.stewardship.ownerUserId === userId)
    const overdue = owned
      .filter(i => i.overdue && !(i.stewardship.ownerFrom === 'section' && i.stewardship.reviewFrom === 'section'))
      .sort(
        (a, b) =>
          (a.stewardship.reviewBy ?? '').localeCompare(b.stewardship.reviewBy ?? '') || a.title.localeCompare(b.title),
      )
    const feedback = await this.repo.feedback.feedbackWaiting(
      this.db,
      owned.filter(i => i.kind === 'page').map(i => i.id),
    )
    return { overdue, feedback }
  }

  /** The latest answers about one page, newest first. */
  answersFor(pageId: string): Promise<Feedback[]> {
    return this.repo.feedback.listFeedback(this.db, { pageIds: [pageId] }, QUEUE_LIMIT)
  }

  /** The teams named as owners, for choosing a team's queue. */
  async teams(): Promise<string[]> {
    const names = new Map<string, string>()
    for (const o of await this.repo.owners.listOwnerships(this.db))
      if (o.ownerTeam && !o.ownerUserId) names.set(o.ownerTeam.toLowerCase(), o.ownerTeam)
    return [...names.values()].sort((a, b) => a.localeCompare(b))
  }

  async feedback(id: string): Promise<Feedback> {
    const f = await this.repo.feedback.findFeedback(this.db, id)
    if (!f) throw new NotFoundError('No such answer')
    return f
  }

  /** Marks an answer dealt with, once. Audited. */
  async markDone(actor: Actor, feedback: Feedback): Promise<void> {
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.feedback.markFeedbackDone(trx, feedback.id, this.clock().toISOString(), actor.name)))
        throw new ConflictError('This answer has already been dealt with')
      await this.audit.record(trx, actor, {
        action: 'handbook.feedback-done',
        subjectType: 'handbook-feedback',
        subjectId: feedback.id,
        summary: `Dealt with feedback on "${feedback.pageTitle}"`,
      })
    })
  }

  /** How useful readers have found a page, month by month (months with no answers left out). */
  async usefulness(pageId: string): Promise<{ months: UsefulnessMonth[]; yes: number; no: number }> {
    const answers = await this.repo.feedback.usefulnessOf(this.db, pageId)
    const months = new Map<string, UsefulnessMonth>()
    for (const a of answers) {
      const month = a.createdAt.slice(0, 7)
      const m = months.get(month) ?? { month, yes: 0, no: 0 }
      if (a.useful) m.yes++
      else m.no++
      months.set(month, m)
    }
    const list = [...months.values()]
    return { months: list, yes: list.reduce((n, m) => n + m.yes, 0), no: list.reduce((n, m) => n + m.no, 0) }
  }
}
