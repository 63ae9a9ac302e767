// Working in the open: a thing's strategy and roadmap published to a public, read-only page at
// /open/<slug>. Publishing takes a snapshot of what the team chose to show; every part held back
// is recorded with its reason (the redaction record). The public page shows the latest snapshot
// until someone publishes again or takes it down. Every change is audited against the thing.
import type { AuditService } from '../audit/audit.service.ts'
import { publicFeedbackProblems, type InsightService } from '../insight/insight.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import { isUniqueViolation } from '../db/dialect.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { slugify } from '../platform/slug.ts'
import type { DocumentsService } from '../products/documents.service.ts'
import { DOCUMENT_KINDS } from '../products/kinds/index.ts'
import { PHASE_LABELS, PRODUCT_KIND_LABELS, STAGE_LABELS, type Product } from '../products/products.types.ts'
import type { RoadmapService } from '../products/roadmap/roadmap.service.ts'
import { COLUMN_LABELS, COLUMNS } from '../products/roadmap/roadmap.types.ts'
import type { OpenRepository } from './open.repository.ts'
import {
  FEEDBACK_SOMETHING_ELSE,
  FEEDBACK_WHOLE_ROADMAP,
  MAX_REASON,
  type Publication,
  type PublicFeedbackForm,
  type PublishedProblem,
  type PublicPage,
  type PublishableField,
  type PublishedVersion,
  type Snapshot,
  type Withheld,
} from './open.types.ts'

/** The published page's part for roadmap items. The purpose line is always published. */
const ROADMAP_GROUP = 'Roadmap'

export class OpenService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: OpenRepository,
    private readonly parts: {
      documents: DocumentsService
      roadmap: RoadmapService
      /** Where public feedback goes: held as the thing's insight for moderation. */
      feedback: Pick<InsightService, 'addFromPublic'>
    },
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Every part of the thing's strategy that could be published now, in page order. */
  async fields(product: Product): Promise<PublishableField[]> {
    const [docs, board] = await Promise.all([
      this.parts.documents.all(product.id, DOCUMENT_KINDS),
      this.parts.roadmap.board(product.id),
    ])
    const fields: PublishableField[] = []
    for (const doc of docs) {
      if (doc.version === 0) continue
      doc.kind.sections(doc.content).forEach((section, i) => {
        if (section.text.trim() === '') return
        fields.push({
          key: `doc:${doc.kind.slug}:${i}`,
          label: `${doc.kind.name}: ${section.heading}`,
          group: doc.kind.name,
          heading: section.heading,
          text: section.text,
        })
      })
    }
    for (const column of COLUMNS)
      for (const item of board.columns[column])
        fields.push({
          key: `roadmap:${item.id}`,
          label: `Roadmap, ${COLUMN_LABELS[column].toLowerCase()}: ${item.problem}`,
          group: ROADMAP_GROUP,
          heading: `${COLUMN_LABELS[column]}: ${item.problem}`,
          text: item.outcome ? `Intended outcome: ${item.outcome}` : '',
          itemId: item.id,
        })
    return fields
  }

  publication(productId: string): Promise<Publication | undefined> {
    return this.repo.publication(this.db, productId)
  }

  history(productId: string): Promise<PublishedVersion[]> {
    return this.repo.snapshots(this.db, productId)
  }

  /**
   * Publishes what the team chose: every field but those held back, each held back with a reason.
   * `expectedVersion` is the publication's version when the form was opened (0 if none). `fields`
   * are the thing's publishable fields when the caller has just read them (`fields(product)`) to
   * read the form against, so they are read once a publish.
   */
  async publish(
    actor: Actor,
    product: Product,
    withhold: ReadonlyMap<string, string>,
    expectedVersion: number,
    fields?: readonly PublishableField[],
  ): Promise<PublishedVersion> {
    fields ??= await this.fields(product)
    const problems: Record<string, string> = {}
    for (const field of fields) {
      if (!withhold.has(field.key)) continue
      const reason = (withhold.get(field.key) ?? '').trim()
      if (reason === '') problems[`reason-${field.key}`] = `Say why ‘${field.label}’ is held back`
      else if (reason.length > MAX_REASON)
        problems[`reason-${field.key}`] =
          `The reason for holding back ‘${field.label}’ must be ${MAX_REASON} characters or fewer`
    }
    if (fields.length === 0) problems.fields = 'There is nothing to publish yet: write part of the strategy first'
    else if (fields.every(f => withhold.has(f.key))) problems.fields = 'Choose at least one part to publish'
    if (Object.keys(problems).length > 0) throw new ValidationError(problems)

    const shown = fields.filter(f => !withhold.has(f.key))
    const withheld: Withheld[] = fields
      .filter(f => withhold.has(f.key))
      .map(f => ({ key: f.key, label: f.label, reason: (withhold.get(f.key) ?? '').trim() }))
    const content: Snapshot = {
      name: product.name,
      purpose: product.purpose,
      kind: PRODUCT_KIND_LABELS[product.kind],
      phase: PHASE_LABELS[product.phase],
      stage: STAGE_LABELS[product.stage],
      groups: [...new Set(shown.map(f => f.group))].map(name => ({
        name,
        fields: shown
          .filter(f => f.group === name)
          .map(f =>
            f.itemId ? { heading: f.heading, text: f.text, itemId: f.itemId } : { heading: f.heading, text: f.text },
          ),
      })),
    }
    const at = this.clock().toISOString()
    const current = await this.repo.publication(this.db, product.id)
    if ((current?.version ?? 0) !== expectedVersion) throw new StaleVersionError(current)
    const slug = current?.slug ?? (await this.freeSlug(product))
    const number = (current?.latestVersion ?? 0) + 1
    try {
      await this.db.transaction().execute(async trx => {
        if (current) {
          if (!(await this.repo.advance(trx, product.id, expectedVersion, number, at)))
            throw new StaleVersionError(await this.repo.publication(trx, product.id))
        } else await this.repo.insertPublication(trx, product.id, slug, at)
        await this.repo.insertSnapshot(trx, {
          productId: product.id,
          number,
          content,
          withheld,
          at,
          byId: actor.id,
          byName: actor.name,
        })
        await this.audit.record(trx, actor, {
          action: 'product.published',
          subjectType: 'product',
          subjectId: product.id,
          summary: `Published ${product.name} at /open/${slug} (version ${number}, ${withheld.length === 1 ? '1 part' : `${withheld.length} parts`} held back)`,
        })
      })
    } catch (err) {
      // Two first publishes at once: the second finds the row the first made.
      if (isUniqueViolation(err)) throw new StaleVersionError(await this.repo.publication(this.db, product.id))
      throw err
    }
    return { productId: product.id, number, content, withheld, publishedAt: at, publishedByName: actor.name }
  }

  /** Takes the public page down; its snapshots and redaction records stay for the team. */
  async withdraw(actor: Actor, product: Product, expectedVersion: number): Promise<void> {
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.withdraw(trx, product.id, expectedVersion, at)))
        throw new StaleVersionError(await this.repo.publication(trx, product.id))
      await this.audit.record(trx, actor, {
        action: 'product.unpublished',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Took down the public page of ${product.name}`,
      })
    })
  }

  /** The public page at /open/<slug>; NotFoundError when there is none or it was taken down. */
  async page(slug: string): Promise<PublicPage> {
    const publication = await this.repo.bySlug(this.db, slug)
    if (!publication || publication.withdrawnAt !== null) throw new NotFoundError('Nothing is published here')
    const snapshot = await this.repo.snapshot(this.db, publication.productId, publication.latestVersion)
    if (!snapshot) throw new NotFoundError('Nothing is published here')
    return { slug, snapshot }
  }

  /** Where a public page is, and which snapshot: what keys its cached page. Null when there is none. */
  pageVersion(slug: string): Promise<string | null> {
    return this.repo.pageVersion(this.db, slug)
  }

  /** The same, without waiting, when it is remembered; undefined otherwise (the fast lane's read). */
  rememberedPageVersion(slug: string): string | null | undefined {
    return this.repo.rememberedPageVersion(this.db, slug)
  }

  published() {
    return this.repo.published(this.db)
  }

  /** Every public page as the public sees it now (the latest version of each; none taken down), by name. */
  publicPages(): Promise<PublicPage[]> {
    return this.repo.publicPages(this.db)
  }

  /**
   * Feedback a visitor left on a public page: what they said and, when the page has problems on its
   * roadmap, which one it is about (or the whole roadmap, or something else). The choice must be
   * a problem the page shows: one held back, or from another page, is refused. Held as the thing's
   * insight for moderation, tagged to the problem chosen. The worked example leaves one piece
   * the way a visitor would, marked as the example's (`example`).
   */
  async leaveFeedback(slug: string, form: PublicFeedbackForm, options: { example?: boolean } = {}): Promise<string> {
    const { snapshot } = await this.page(slug)
    const choices = publishedProblems(snapshot)
    const problems = publicFeedbackProblems(form.text)
    let itemId: string | null = null
    if (choices.length > 0) {
      if (form.about === '') problems.about = 'Choose what your feedback is about'
      else if (form.about !== FEEDBACK_WHOLE_ROADMAP && form.about !== FEEDBACK_SOMETHING_ELSE) {
        const chosen = choices.find(c => c.itemId === form.about)
        if (chosen) itemId = chosen.itemId
        else problems.about = 'Choose one of the problems listed, the whole roadmap or something else'
      }
    }
    if (Object.keys(problems).length > 0) throw new ValidationError(problems)
    return this.parts.feedback.addFromPublic(snapshot.productId, { text: form.text, itemId }, options)
  }

  private async freeSlug(product: Product): Promise<string> {
    const base = slugify(product.name, 70) || 'thing'
    for (let n = 1; n < 1000; n++) {
      const slug = n === 1 ? base : `${base}-${n}`
      if (!(await this.repo.slugTaken(this.db, slug, product.id))) return slug
    }
    return `${base}-${product.id.slice(0, 8)}`
  }
}

/** The problems on a published roadmap that feedback can be about, in page order. */
export function publishedProblems(version: PublishedVersion): PublishedProblem[] {
  return version.content.groups.flatMap(group =>
    group.fields.flatMap(field => (field.itemId ? [{ itemId: field.itemId, label: field.heading }] : [])),
  )
}
