// Strategy reviews: a regular meeting about a thing's strategy, apart from sprint ceremonies. It
// records when it was held, who came, what it looked at and notes, and links the decisions taken
// at it (existing ones, or one recorded there and then) with what each changed. Routes decide who
// may (products.policy.ts); this service keeps the rules and records every change in the audit log.
import type { AuditService } from '../../audit/audit.service.ts'
import { isUniqueViolation } from '../../db/dialect.ts'
import type { DbExecutor } from '../../db/connect.ts'
import type { PeopleService } from '../../people/people.service.ts'
import type { Actor } from '../../platform/auth/roles.ts'
import type { Clock } from '../../platform/clock.ts'
import { daysBetween, formatDate, ukToday } from '../../platform/dates.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../../platform/errors.ts'
import { newId } from '../../platform/ids.ts'
import type { DecisionsService } from '../decisions/decisions.service.ts'
import type { DecisionInput } from '../decisions/decisions.types.ts'
import type { Product } from '../products.types.ts'
import type { ReviewsRepository } from './reviews.repository.ts'
import {
  REVIEW_DUE_DAYS,
  type Attendee,
  type Review,
  type ReviewInput,
  type ReviewWithDecisions,
  type TakenAt,
} from './reviews.types.ts'

type Subject = Pick<Product, 'id' | 'name'>

/** Whether a thing's strategy is due a review: never reviewed, or not for REVIEW_DUE_DAYS days. */
export function reviewDue(lastHeldOn: string | null, today: string): { due: boolean; days: number | null } {
  if (lastHeldOn === null) return { due: true, days: null }
  const days = daysBetween(lastHeldOn, today)
  return { due: days > REVIEW_DUE_DAYS, days }
}

export class ReviewsService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: ReviewsRepository,
    private readonly decisions: DecisionsService,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return ukToday(this.clock)
  }

  /** People in Valuekit who can be named as having come. */
  peopleChoices(): Promise<Attendee[]> {
    return this.people.managerChoices(5000).then(list => list.map(p => ({ id: p.id, name: p.name })))
  }

  async list(productId: string): Promise<(Review & { decisionCount: number })[]> {
    const [reviews, counts] = await Promise.all([
      this.repo.list(this.db, productId),
      this.repo.linkCounts(this.db, productId),
    ])
    return reviews.map(r => ({ ...r, decisionCount: counts.get(r.id) ?? 0 }))
  }

  async get(productId: string, id: string): Promise<ReviewWithDecisions> {
    const review = await this.repo.find(this.db, productId, id)
    if (!review) throw new NotFoundError('No such review')
    const links = await this.repo.links(this.db, id)
    const decisions = new Map(
      (
        await this.decisions.some(
          productId,
          links.map(l => l.decisionId),
        )
      ).map(d => [d.id, d]),
    )
    return {
      ...review,
      decisions: links.flatMap(l => {
        const decision = decisions.get(l.decisionId)
        return decision ? [{ decision, changed: l.changed }] : []
      }),
    }
  }

  forDecision(productId: string, decisionId: string): Promise<TakenAt[]> {
    return this.repo.forDecision(this.db, productId, decisionId)
  }

  lastHeldOn(productId: string): Promise<string | null> {
    return this.repo.lastHeldOn(this.db, productId)
  }

  /** Names the people chosen; throws ValidationError when one is not in Valuekit. */
  private async attendees(ids: readonly string[]): Promise<Attendee[]> {
    if (ids.length === 0) return []
    // Looked up by id, not among the choices offered: a list capped for the form must not refuse
    // someone further down it.
    const known = new Map((await this.people.accountsByIds(ids)).map(p => [p.id, { id: p.id, name: p.name }]))
    const chosen = ids.map(id => known.get(id))
    if (chosen.some(p => p === undefined)) throw new ValidationError({ attendees: 'Choose people from the list' })
    return chosen.filter((p): p is Attendee => p !== undefined)
  }

  async create(actor: Actor, product: Subject, input: ReviewInput): Promise<string> {
    const attendees = await this.attendees(input.attendeeIds)
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.insert(trx, { id, productId: product.id, ...input, attendees, at, byName: actor.name })
      await this.audit.record(trx, actor, {
        action: 'product.review-recorded',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Recorded the strategy review of ${formatDate(input.heldOn)} for ${product.name}`,
      })
    })
    return id
  }

  /** Saves a review if nobody saved it since expectedVersion, or throws StaleVersionError<Review>. */
  async update(actor: Actor, product: Subject, review: Review, input: ReviewInput, expectedVersion: number) {
    const attendees = await this.attendees(input.attendeeIds)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const saved = await this.repo.update(trx, review.id, expectedVersion, {
        ...input,
        attendees,
        at,
        byName: actor.name,
      })
      if (!saved) {
        const latest = await this.repo.find(trx, product.id, review.id)
        if (!latest) throw new NotFoundError('No such review')
        throw new StaleVersionError(latest, 'Someone else changed this review')
      }
      await this.audit.record(trx, actor, {
        action: 'product.review-changed',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Changed the strategy review of ${formatDate(input.heldOn)} for ${product.name}`,
      })
    })
  }

  /** Links a decision of the thing to a review, with what it changed. */
  async link(actor: Actor, product: Subject, review: Review, decisionId: string, changed: string): Promise<void> {
    const [decision] = await this.decisions.some(product.id, [decisionId])
    if (!decision) throw new ValidationError({ decisionId: 'Choose a decision from the list' })
    const at = this.clock().toISOString()
    try {
      await this.db.transaction().execute(async trx => {
        await this.repo.link(trx, review.id, decision.id, changed, at)
        await this.audit.record(trx, actor, {
          action: 'product.review-decision-linked',
          subjectType: 'product',
          subjectId: product.id,
          summary: `Linked a decision to the strategy review of ${formatDate(review.heldOn)} for ${product.name}`,
        })
      })
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ValidationError({ decisionId: 'That decision is linked to this review already' })
      throw err
    }
  }

  async unlink(actor: Actor, product: Subject, review: Review, decisionId: string): Promise<void> {
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.unlink(trx, review.id, decisionId))) throw new NotFoundError('No such link')
      await this.audit.record(trx, actor, {
        action: 'product.review-decision-unlinked',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Unlinked a decision from the strategy review of ${formatDate(review.heldOn)} for ${product.name}`,
      })
    })
  }

  /** Records a decision taken at a review and links it, in one transaction. */
  async recordDecision(
    actor: Actor,
    product: Subject,
    review: Review,
    decision: DecisionInput,
    changed: string,
  ): Promise<string> {
    await this.decisions.check(product.id, decision)
    const at = this.clock().toISOString()
    return this.db.transaction().execute(async trx => {
      const id = await this.decisions.createIn(trx, actor, product, decision)
      await this.repo.link(trx, review.id, id, changed, at)
      await this.audit.record(trx, actor, {
        action: 'product.review-decision-linked',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Linked a decision to the strategy review of ${formatDate(review.heldOn)} for ${product.name}`,
      })
      return id
    })
  }
}
