// Insight and ideas: the backlog of what the organisation has learned about its users, tagged to
// things and to problems on their roadmaps; ideas linked to the insight behind them; duplicates
// merged into the piece that is kept without losing a tag or a link; feedback from the public held
// for moderation; and "what do we know about this problem?" for a roadmap item's page.
//
// Every change is audited in its own transaction: against each thing the insight is tagged to (so
// the thing's strategy page, keyed by its latest audit event, shows it at once), or against the
// insight itself when it is tagged to nothing. Names of things and problems are read from
// products before a transaction opens: on SQLite the transaction holds the only connection.
import type { AuditService } from '../audit/audit.service.ts'
import type { DbExecutor } from '../db/connect.ts'
import type { Actor } from '../platform/auth/roles.ts'
import type { Clock } from '../platform/clock.ts'
import { ukToday } from '../platform/dates.ts'
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../platform/errors.ts'
import { newId } from '../platform/ids.ts'
import type { ProductsService } from '../products/products.service.ts'
import type { RoadmapService } from '../products/roadmap/roadmap.service.ts'
import { COLUMNS } from '../products/roadmap/roadmap.types.ts'
import type { InsightRepository } from './insight.repository.ts'
import {
  INSIGHT_KIND_LABELS,
  PUBLIC_ACTOR_NAME,
  PUBLIC_SOURCE,
  type BacklogFilter,
  type BacklogPage,
  type HeldInsight,
  type Idea,
  type IdeaInput,
  type IdeaRecord,
  type Insight,
  type InsightEvent,
  type InsightInput,
  type InsightRecord,
  type ProblemKnowledge,
  type ProblemTag,
  type ProblemGroup,
  type PublicFeedback,
  type TagInput,
  type ThingTag,
} from './insight.types.ts'

export const BACKLOG_PAGE_SIZE = 20
export const IDEAS_PAGE_SIZE = 20
/** How much public feedback may say, and how many held pieces the moderation queue shows at once. */
export const PUBLIC_TEXT_MAX = 2000
export const QUEUE_SIZE = 50

/** What is wrong with the text of feedback from the public (by field), so a form can list every problem at once. */
export function publicFeedbackProblems(text: string): Record<string, string> {
  const trimmed = text.trim()
  if (trimmed === '') return { text: 'Enter your feedback' }
  if (trimmed.length > PUBLIC_TEXT_MAX)
    return { text: `Your feedback must be ${PUBLIC_TEXT_MAX.toLocaleString('en-GB')} characters or fewer` }
  return {}
}

const PUBLIC_ACTOR: Actor = { id: null, name: PUBLIC_ACTOR_NAME }

/** A title for public feedback: its first line, cut at a word near 80 characters. */
export function publicTitle(text: string): string {
  const line = text.trim().split(/\r?\n/)[0]?.trim() ?? ''
  if (line.length <= 80) return line
  const cut = line.slice(0, 79)
  const space = cut.lastIndexOf(' ')
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`
}

const kindName = (i: Pick<Insight, 'kind'>) => INSIGHT_KIND_LABELS[i.kind].toLowerCase()

export class InsightService {
  constructor(
    private readonly db: DbExecutor,
    private readonly repo: InsightRepository,
    private readonly products: ProductsService,
    private readonly roadmap: RoadmapService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return ukToday(this.clock)
  }

  // Reading

  /** Tags of the insight given, with the names of their things and problems. */
  private async tagsOf(
    ids: readonly string[],
  ): Promise<{ things: Map<string, ThingTag[]>; problems: Map<string, ProblemTag[]> }> {
    const [thingRows, problemRows] = await Promise.all([
      this.repo.things(this.db, ids),
      this.repo.problems(this.db, ids),
    ])
    const [names, items] = await Promise.all([
      this.products.names(thingRows.map(t => t.productId)),
      this.roadmap.byId(problemRows.map(p => p.itemId)),
    ])
    const things = new Map<string, ThingTag[]>()
    for (const t of thingRows) {
      const list = things.get(t.insightId) ?? []
      list.push({ productId: t.productId, productName: names.get(t.productId) ?? 'A thing' })
      things.set(t.insightId, list)
    }
    const problems = new Map<string, ProblemTag[]>()
    for (const p of problemRows) {
      const item = items.get(p.itemId)
      if (!item) continue
      const list = problems.get(p.insightId) ?? []
      list.push({
        productId: p.productId,
        productName: names.get(p.productId) ?? 'A thing',
        itemId: p.itemId,
        problem: item.problem,
      })
      problems.set(p.insightId, list)
    }
    const byName = (a: ThingTag, b: ThingTag) => a.productName.localeCompare(b.productName)
    for (const list of things.values()) list.sort(byName)
    for (const list of problems.values()) list.sort((a, b) => byName(a, b) || a.problem.localeCompare(b.problem))
    return { things, problems }
  }

  /** The published insight the filter finds, a page at a time, each with the things it is tagged to. */
  async backlog(filter: BacklogFilter, page: number): Promise<BacklogPage> {
    const total = await this.repo.count(this.db, filter)
    const pages = Math.max(1, Math.ceil(total / BACKLOG_PAGE_SIZE))
    const safePage = Math.min(Math.max(1, Math.floor(page) || 1), pages)
    const items = await this.repo.list(this.db, filter, {
      offset: (safePage - 1) * BACKLOG_PAGE_SIZE,
      limit: BACKLOG_PAGE_SIZE,
    })
    const { things } = await this.tagsOf(items.map(i => i.id))
    return { items: items.map(i => ({ ...i, things: things.get(i.id) ?? [] })), total, page: safePage, pages }
  }

  /**
   * The backlog with its filter by thing resolved: a thing chosen by its id, or the tagged things
   * whose names hold every word typed (insight tagged to any of them). `matches` lists what the
   * words found, so the page can offer each one; `thingName` names the thing chosen.
   */
  async findBacklog(
    filter: BacklogFilter,
    page: number,
  ): Promise<{ page: BacklogPage; matches: { id: string; name: string }[] | null; thingName: string }> {
    if (!filter.productId && !filter.thing)
      return { page: await this.backlog(filter, page), matches: null, thingName: '' }
    const things = await this.thingChoices()
    if (filter.productId) {
      const name = things.find(t => t.id === filter.productId)?.name ?? ''
      return { page: await this.backlog(filter, page), matches: null, thingName: name }
    }
    const words = (filter.thing ?? '').toLowerCase().split(' ')
    const matches = things.filter(t => words.every(w => t.name.toLowerCase().includes(w)))
    const resolved: BacklogFilter =
      matches.length === 1 && matches[0]
        ? { ...filter, productId: matches[0].id }
        : { ...filter, productIds: matches.map(t => t.id) }
    return {
      page: await this.backlog(resolved, page),
      matches,
      thingName: matches.length === 1 ? (matches[0]?.name ?? '') : '',
    }
  }

  /** The things published insight is tagged to, by name: the backlog's filter. */
  async thingChoices(): Promise<{ id: string; name: string }[]> {
    const names = await this.products.names(await this.repo.taggedThings(this.db))
    return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Any piece of insight, whatever its status, with its tags and ideas. */
  async get(id: string): Promise<InsightRecord> {
    const insight = await this.repo.find(this.db, id)
    if (!insight) throw new NotFoundError('No such insight')
    const [{ things, problems }, ideaIds, mergedInto] = await Promise.all([
      this.tagsOf([id]),
      this.repo.ideaIdsFor(this.db, id),
      insight.mergedIntoId ? this.repo.find(this.db, insight.mergedIntoId) : undefined,
    ])
    const ideas = await Promise.all(ideaIds.map(i => this.repo.findIdea(this.db, i)))
    return {
      ...insight,
      things: things.get(id) ?? [],
      problems: problems.get(id) ?? [],
      ideas: ideas
        .filter((i): i is Idea => i !== undefined)
        .map(i => ({ id: i.id, title: i.title }))
        .sort((a, b) => a.title.localeCompare(b.title)),
      mergedIntoTitle: mergedInto?.title ?? null,
    }
  }

  history(id: string): Promise<InsightEvent[]> {
    return this.repo.events(this.db, id)
  }

  /** Published insight whose words match, for choosing a duplicate or the insight behind an idea. */
  async search(q: string, o: { except?: readonly string[]; limit?: number } = {}): Promise<Insight[]> {
    if (q.trim() === '') return []
    const except = new Set(o.except ?? [])
    const found = await this.repo.list(this.db, { q }, { offset: 0, limit: (o.limit ?? 10) + except.size })
    return found.filter(i => !except.has(i.id)).slice(0, o.limit ?? 10)
  }

  /** "What do we know about this problem?": published insight tagged to it, and the ideas for it. */
  async aboutProblem(itemId: string): Promise<ProblemKnowledge> {
    const insight = await this.repo.forProblem(this.db, itemId)
    const ideas = await this.repo.ideasForProblem(
      this.db,
      itemId,
      insight.map(i => i.id),
    )
    const links = await this.repo.ideaLinks(
      this.db,
      ideas.map(i => i.id),
    )
    return {
      insight,
      ideas: ideas.map(i => ({ id: i.id, title: i.title, insightCount: links.filter(l => l.ideaId === i.id).length })),
    }
  }

  /** A problem on a roadmap with its thing, or null when there is no such problem. */
  async problem(itemId: string): Promise<{ productId: string; productName: string; problem: string } | null> {
    const item = (await this.roadmap.byId([itemId])).get(itemId)
    if (!item) return null
    const names = await this.products.names([item.productId])
    return { productId: item.productId, productName: names.get(item.productId) ?? 'A thing', problem: item.problem }
  }

  /** The open problems on each thing's roadmap, in roadmap order: what insight or an idea can be tagged to. */
  async problemGroups(productIds: readonly string[]): Promise<ProblemGroup[]> {
    const ids = [...new Set(productIds)]
    const names = await this.products.names(ids)
    const groups: ProblemGroup[] = []
    for (const id of ids) {
      const name = names.get(id)
      if (name === undefined) continue
      const board = await this.roadmap.board(id)
      groups.push({
        productId: id,
        productName: name,
        problems: COLUMNS.flatMap(c => board.columns[c]).map(i => ({ id: i.id, problem: i.problem })),
      })
    }
    return groups.sort((a, b) => a.productName.localeCompare(b.productName))
  }

  /** Things whose names match, each with the open problems on its roadmap: where to tag insight. */
  async thingsToTag(find: string): Promise<ProblemGroup[]> {
    if (find.trim() === '') return []
    const found = await this.products.list({ q: find }, 1)
    return this.problemGroups(found.items.slice(0, 10).map(p => p.id))
  }

  // Changing

  private async event(db: DbExecutor, actor: Actor, insightId: string, title: string, note = ''): Promise<void> {
    await this.repo.insertEvent(db, {
      id: newId(),
      insightId,
      title,
      note,
      at: this.clock().toISOString(),
      byId: actor.id,
      byName: actor.name,
    })
  }

  /** Records one audit event against each thing named (or against the subject when there is none). */
  private async audited(
    db: DbExecutor,
    actor: Actor,
    o: {
      action: string
      things: ReadonlyMap<string, string>
      subject: { type: 'insight' | 'idea'; id: string }
      summary: (thing: string | null) => string
    },
  ): Promise<void> {
    if (o.things.size === 0) {
      await this.audit.record(db, actor, {
        action: o.action,
        subjectType: o.subject.type,
        subjectId: o.subject.id,
        summary: o.summary(null),
      })
      return
    }
    for (const [id, name] of o.things)
      await this.audit.record(db, actor, {
        action: o.action,
        subjectType: 'product',
        subjectId: id,
        summary: o.summary(name),
      })
  }

  /** The things an insight is tagged to now, by id, with their names. */
  private async taggedThings(insightId: string): Promise<Map<string, string>> {
    const rows = await this.repo.things(this.db, [insightId])
    return this.products.names(rows.map(r => r.productId))
  }

  /** Checks tags name a thing and, where one is named, a problem on that thing's roadmap. */
  private async checkTags(
    tags: readonly TagInput[],
  ): Promise<{ names: Map<string, string>; problems: Map<string, string> }> {
    const [names, items] = await Promise.all([
      this.products.names(tags.map(t => t.productId)),
      this.roadmap.byId(tags.map(t => t.itemId).filter((i): i is string => i !== null)),
    ])
    for (const t of tags) {
      if (!names.has(t.productId)) throw new ValidationError({ productId: 'Choose a thing from the list' })
      if (t.itemId !== null && items.get(t.itemId)?.productId !== t.productId)
        throw new ValidationError({ itemId: 'Choose a problem from the thing’s roadmap' })
    }
    return { names, problems: new Map([...items].map(([id, i]) => [id, i.problem])) }
  }

  private async stale(db: DbExecutor, id: string): Promise<StaleVersionError<Insight>> {
    const latest = await this.repo.find(db, id)
    if (!latest) throw new NotFoundError('No such insight')
    return new StaleVersionError(latest, 'Someone else changed this insight')
  }

  /** Adds a piece of insight, tagged to the things and problems given; the worked example marks its own. */
  async add(
    actor: Actor,
    input: InsightInput,
    tags: readonly TagInput[] = [],
    options: { example?: boolean } = {},
  ): Promise<string> {
    const { names, problems } = await this.checkTags(tags)
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.insert(trx, {
        ...input,
        id,
        origin: 'team',
        status: 'published',
        at,
        byId: actor.id,
        byName: actor.name,
        example: options.example ?? false,
      })
      for (const t of tags) {
        await this.repo.addThing(trx, id, t.productId)
        if (t.itemId) await this.repo.addProblem(trx, id, t.productId, t.itemId)
      }
      const tagged = [...names.values(), ...problems.values()].map(n => `‘${n}’`)
      await this.event(trx, actor, id, 'Added', tagged.length ? `Tagged to ${tagged.join(', ')}` : '')
      await this.audited(trx, actor, {
        action: 'insight.added',
        things: names,
        subject: { type: 'insight', id },
        summary: thing =>
          `Added a ${INSIGHT_KIND_LABELS[input.kind].toLowerCase()} to the insight backlog${thing ? `, tagged to ${thing}` : ''}`,
      })
    })
    return id
  }

  /** Changes what a piece of insight says, if nobody saved it since expectedVersion. */
  async update(actor: Actor, insight: Insight, input: InsightInput, expectedVersion: number): Promise<void> {
    if (insight.status === 'merged') throw new ConflictError('This insight was merged into another')
    const things = await this.taggedThings(insight.id)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      const before = (await this.repo.find(trx, insight.id)) ?? insight
      if (!(await this.repo.update(trx, insight.id, expectedVersion, input, at, actor.name)))
        throw await this.stale(trx, insight.id)
      const changed = (
        [
          ['title', 'the summary'],
          ['kind', 'the kind'],
          ['source', 'the source'],
          ['observedOn', 'the date'],
          ['evidence', 'the evidence'],
        ] as const
      )
        .filter(([k]) => before[k] !== input[k])
        .map(([, name]) => name)
      const title = changed.length
        ? `Changed ${changed.join(', ').replace(/, ([^,]*)$/, ' and $1')}`
        : 'Saved with no changes'
      await this.event(trx, actor, insight.id, title)
      await this.audited(trx, actor, {
        action: 'insight.changed',
        things,
        subject: { type: 'insight', id: insight.id },
        summary: thing => `${title} of a ${kindName(input)}${thing ? ` tagged to ${thing}` : ''}`,
      })
    })
  }

  /** Tags insight to a thing, or to a problem on its roadmap (which tags the thing too). */
  async tag(actor: Actor, insight: Insight, tag: TagInput): Promise<void> {
    if (insight.status === 'merged') throw new ConflictError('This insight was merged into another')
    const { names, problems } = await this.checkTags([tag])
    const name = names.get(tag.productId) ?? ''
    await this.db.transaction().execute(async trx => {
      const newThing = await this.repo.addThing(trx, insight.id, tag.productId)
      const newProblem = tag.itemId ? await this.repo.addProblem(trx, insight.id, tag.productId, tag.itemId) : false
      if (!newThing && !newProblem)
        throw new ValidationError({
          [tag.itemId ? 'itemId' : 'productId']: tag.itemId
            ? 'It is tagged to that problem already'
            : 'It is tagged to that thing already',
        })
      const what = tag.itemId ? `the problem ‘${problems.get(tag.itemId) ?? ''}’ on the roadmap of ${name}` : name
      await this.event(trx, actor, insight.id, `Tagged to ${what}`)
      await this.audited(trx, actor, {
        action: 'insight.tagged',
        things: new Map([[tag.productId, name]]),
        subject: { type: 'insight', id: insight.id },
        summary: thing =>
          `Tagged a ${kindName(insight)} to ${tag.itemId ? `a problem on the roadmap of ${thing}` : thing}`,
      })
    })
  }

  /** Removes a tag: a problem's, or a thing's with those of its problems. */
  async untag(actor: Actor, insight: Insight, tag: TagInput): Promise<void> {
    if (insight.status === 'merged') throw new ConflictError('This insight was merged into another')
    const [names, items] = await Promise.all([
      this.products.names([tag.productId]),
      this.roadmap.byId(tag.itemId ? [tag.itemId] : []),
    ])
    const name = names.get(tag.productId) ?? 'a thing'
    await this.db.transaction().execute(async trx => {
      const removed = tag.itemId
        ? await this.repo.removeProblem(trx, insight.id, tag.itemId)
        : (await this.repo.removeThing(trx, insight.id, tag.productId)) > 0
      if (!removed) throw new NotFoundError('No such tag')
      const what = tag.itemId ? `the problem ‘${items.get(tag.itemId)?.problem ?? ''}’ on the roadmap of ${name}` : name
      await this.event(trx, actor, insight.id, `No longer tagged to ${what}`)
      await this.audited(trx, actor, {
        action: 'insight.untagged',
        things: new Map([[tag.productId, name]]),
        subject: { type: 'insight', id: insight.id },
        summary: thing =>
          `Removed a ${kindName(insight)}’s tag to ${tag.itemId ? `a problem on the roadmap of ${thing}` : thing}`,
      })
    })
  }

  /**
   * Merges a duplicate into the insight kept: every tag and idea link of the duplicate moves to
   * the kept one (those it had already stay as they are), the duplicate is marked as merged and
   * points to the kept one, and both histories record the merge. Both must still be at the
   * versions the person saw; otherwise StaleVersionError<Insight> and nothing changes.
   */
  async merge(
    actor: Actor,
    kept: Insight,
    duplicate: Insight,
    versions: { kept: number; duplicate: number },
  ): Promise<{ things: number; problems: number; ideas: number }> {
    if (kept.id === duplicate.id)
      throw new ValidationError({ duplicateId: 'Choose another piece of insight, not this one' })
    if (kept.status !== 'published' || duplicate.status !== 'published')
      throw new ValidationError({ duplicateId: 'Only published insight can be merged' })
    const [keptThings, duplicateThings] = await Promise.all([
      this.taggedThings(kept.id),
      this.taggedThings(duplicate.id),
    ])
    const things = new Map([...keptThings, ...duplicateThings])
    const at = this.clock().toISOString()
    return this.db.transaction().execute(async trx => {
      if (!(await this.repo.touch(trx, kept.id, versions.kept, at, actor.name))) throw await this.stale(trx, kept.id)
      if (
        !(await this.repo.setStatus(
          trx,
          duplicate.id,
          versions.duplicate,
          { status: 'merged', mergedIntoId: kept.id, from: ['published'] },
          at,
          actor.name,
        ))
      )
        throw await this.stale(trx, duplicate.id)
      const moved = await this.repo.moveLinks(trx, duplicate.id, kept.id)
      const counts = [
        `${moved.things} ${moved.things === 1 ? 'thing' : 'things'}`,
        `${moved.problems} ${moved.problems === 1 ? 'problem' : 'problems'}`,
        `${moved.ideas} ${moved.ideas === 1 ? 'idea' : 'ideas'}`,
      ].join(', ')
      await this.event(
        trx,
        actor,
        kept.id,
        `Merged in ‘${duplicate.title}’`,
        `New tags and links it brought: ${counts}.\nIts source: ${duplicate.source}, ${duplicate.observedOn}.\nIts evidence: ${duplicate.evidence}`,
      )
      await this.event(trx, actor, duplicate.id, `Merged into ‘${kept.title}’`, 'Its tags and idea links moved there.')
      await this.audited(trx, actor, {
        action: 'insight.merged',
        things,
        subject: { type: 'insight', id: kept.id },
        summary: thing => `Merged a duplicate ${kindName(duplicate)} into another${thing ? ` tagged to ${thing}` : ''}`,
      })
      return moved
    })
  }

  // Feedback from the public

  /**
   * Feedback a visitor left on a thing's published roadmap, without an account: kept as insight
   * of the kind feedback with the source "public feedback", tagged to the thing (and the problem
   * they were reading about, when it is one of the thing's), and held for moderation, so nothing
   * of it shows until someone responsible for the thing publishes it. Gives its id.
   */
  async addFromPublic(
    productId: string,
    feedback: PublicFeedback,
    options: { example?: boolean } = {},
  ): Promise<string> {
    const text = feedback.text.trim()
    const problems = publicFeedbackProblems(text)
    if (Object.keys(problems).length > 0) throw new ValidationError(problems)
    const product = await this.products.get(productId)
    const itemId = feedback.itemId ?? null
    const item = itemId ? (await this.roadmap.byId([itemId])).get(itemId) : undefined
    const problem = item && item.productId === product.id ? item : undefined
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.insert(trx, {
        id,
        title: publicTitle(text),
        kind: 'feedback',
        source: PUBLIC_SOURCE,
        observedOn: ukToday(this.clock),
        evidence: text,
        origin: 'public',
        status: 'held',
        at,
        byId: null,
        byName: PUBLIC_ACTOR_NAME,
        example: options.example ?? false,
      })
      await this.repo.addThing(trx, id, product.id)
      if (problem) await this.repo.addProblem(trx, id, product.id, problem.id)
      await this.event(trx, PUBLIC_ACTOR, id, 'Left on the published roadmap', 'Held for moderation.')
      await this.audit.record(trx, PUBLIC_ACTOR, {
        action: 'insight.public-feedback',
        subjectType: 'product',
        subjectId: product.id,
        summary: `Feedback from the public about ${product.name}, held for moderation`,
      })
    })
    return id
  }

  /** Held insight waiting for moderation, oldest first, with the thing and problem it was left on. */
  async moderationQueue(): Promise<HeldInsight[]> {
    const held = await this.repo.held(this.db, QUEUE_SIZE)
    const { things, problems } = await this.tagsOf(held.map(h => h.id))
    return held.map(h => {
      const thing = things.get(h.id)?.[0]
      return {
        ...h,
        productId: thing?.productId ?? null,
        productName: thing?.productName ?? null,
        problem: problems.get(h.id)?.[0]?.problem ?? null,
      }
    })
  }

  /** Publishes held feedback, so it shows in the backlog and on the problem it was left on. */
  async approve(actor: Actor, insight: Insight, expectedVersion: number): Promise<void> {
    if (insight.status !== 'held') throw new ConflictError('This feedback has been moderated already')
    const things = await this.taggedThings(insight.id)
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      if (
        !(await this.repo.setStatus(
          trx,
          insight.id,
          expectedVersion,
          { status: 'published', from: ['held'] },
          at,
          actor.name,
        ))
      )
        throw await this.stale(trx, insight.id)
      await this.event(trx, actor, insight.id, 'Published after moderation')
      await this.audited(trx, actor, {
        action: 'insight.approved',
        things,
        subject: { type: 'insight', id: insight.id },
        summary: thing => `Published feedback from the public${thing ? ` about ${thing}` : ''}`,
      })
    })
  }

  /** Rejects held feedback: it is deleted, so nothing it said is kept; the audit log says it happened. */
  async reject(actor: Actor, insight: Insight): Promise<void> {
    if (insight.status !== 'held') throw new ConflictError('This feedback has been moderated already')
    const things = await this.taggedThings(insight.id)
    await this.db.transaction().execute(async trx => {
      const current = await this.repo.find(trx, insight.id)
      if (!current || current.status !== 'held') throw new ConflictError('This feedback has been moderated already')
      await this.repo.delete(trx, insight.id)
      await this.audited(trx, actor, {
        action: 'insight.rejected',
        things,
        subject: { type: 'insight', id: insight.id },
        summary: thing => `Rejected feedback from the public${thing ? ` about ${thing}` : ''}; it was deleted`,
      })
    })
  }

  // The worked example

  /** How many pieces of insight (held feedback included) and ideas the worked example added. */
  countExample(): Promise<{ insight: number; ideas: number }> {
    return this.repo.countExamples(this.db)
  }

  /** Removes the worked example's insight and ideas, with one audit event; real ones stay. */
  async removeExample(actor: Actor): Promise<{ insight: number; ideas: number }> {
    const at = this.clock().toISOString()
    return this.db.transaction().execute(async trx => {
      const removed = await this.repo.deleteExamples(trx, at)
      if (removed.insight + removed.ideas > 0)
        await this.audit.record(trx, actor, {
          action: 'insight.example-removed',
          subjectType: 'insight',
          summary: `Removed the worked example’s ${removed.insight === 1 ? 'piece' : `${removed.insight} pieces`} of insight and ${removed.ideas === 1 ? 'idea' : `${removed.ideas} ideas`}`,
        })
      return removed
    })
  }

  // Ideas

  async ideas(page: number): Promise<{ items: IdeaRecord[]; total: number; page: number; pages: number }> {
    const total = await this.repo.countIdeas(this.db)
    const pages = Math.max(1, Math.ceil(total / IDEAS_PAGE_SIZE))
    const safePage = Math.min(Math.max(1, Math.floor(page) || 1), pages)
    const ideas = await this.repo.ideas(this.db, { offset: (safePage - 1) * IDEAS_PAGE_SIZE, limit: IDEAS_PAGE_SIZE })
    return { items: await this.describeIdeas(ideas), total, page: safePage, pages }
  }

  private async describeIdeas(ideas: readonly Idea[]): Promise<IdeaRecord[]> {
    const links = await this.repo.ideaLinks(
      this.db,
      ideas.map(i => i.id),
    )
    const [insight, names, items] = await Promise.all([
      this.repo.some(this.db, [...new Set(links.map(l => l.insightId))]),
      this.products.names(ideas.map(i => i.productId).filter((p): p is string => p !== null)),
      this.roadmap.byId(ideas.map(i => i.itemId).filter((p): p is string => p !== null)),
    ])
    const byId = new Map(insight.map(i => [i.id, i]))
    return ideas.map(idea => ({
      ...idea,
      productName: idea.productId ? (names.get(idea.productId) ?? null) : null,
      problem: idea.itemId ? (items.get(idea.itemId)?.problem ?? null) : null,
      insight: links
        .filter(l => l.ideaId === idea.id)
        .map(l => byId.get(l.insightId))
        .filter((i): i is Insight => i !== undefined)
        .map(i => ({ id: i.id, title: i.title, kind: i.kind, status: i.status }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    }))
  }

  async idea(id: string): Promise<IdeaRecord> {
    const idea = await this.repo.findIdea(this.db, id)
    if (!idea) throw new NotFoundError('No such idea')
    const [record] = await this.describeIdeas([idea])
    if (!record) throw new NotFoundError('No such idea')
    return record
  }

  /** The thing a problem belongs to, checking the problem exists. */
  private async problemOf(itemId: string | null): Promise<{ productId: string; name: string } | null> {
    if (!itemId) return null
    const item = (await this.roadmap.byId([itemId])).get(itemId)
    if (!item) throw new ValidationError({ itemId: 'Choose a problem from the list' })
    const names = await this.products.names([item.productId])
    return { productId: item.productId, name: names.get(item.productId) ?? 'a thing' }
  }

  /** Adds an idea, linked to the published insight behind it; the worked example marks its own. */
  async addIdea(
    actor: Actor,
    input: IdeaInput,
    insightIds: readonly string[] = [],
    options: { example?: boolean } = {},
  ): Promise<string> {
    const thing = await this.problemOf(input.itemId)
    const behind = (await this.repo.some(this.db, [...new Set(insightIds)])).filter(i => i.status === 'published')
    if (behind.length !== new Set(insightIds).size) throw new ValidationError({ insightId: 'Choose published insight' })
    const id = newId()
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      await this.repo.insertIdea(trx, {
        ...input,
        id,
        productId: thing?.productId ?? null,
        at,
        byId: actor.id,
        byName: actor.name,
        example: options.example ?? false,
      })
      for (const i of behind) {
        await this.repo.link(trx, id, i.id)
        await this.event(trx, actor, i.id, `Behind a new idea: ‘${input.title}’`)
      }
      await this.audited(trx, actor, {
        action: 'insight.idea-added',
        things: thing ? new Map([[thing.productId, thing.name]]) : new Map(),
        subject: { type: 'idea', id },
        summary: name => `Added an idea${name ? ` for a problem on the roadmap of ${name}` : ''}`,
      })
    })
    return id
  }

  /** Changes an idea if nobody saved it since expectedVersion, or throws StaleVersionError<Idea>. */
  async updateIdea(actor: Actor, idea: Idea, input: IdeaInput, expectedVersion: number): Promise<void> {
    const thing = await this.problemOf(input.itemId)
    const before = idea.productId ? await this.products.names([idea.productId]) : new Map<string, string>()
    const things = new Map([...before, ...(thing ? [[thing.productId, thing.name] as const] : [])])
    const at = this.clock().toISOString()
    await this.db.transaction().execute(async trx => {
      if (
        !(await this.repo.updateIdea(
          trx,
          idea.id,
          expectedVersion,
          { ...input, productId: thing?.productId ?? null },
          at,
          actor.name,
        ))
      ) {
        const latest = await this.repo.findIdea(trx, idea.id)
        if (!latest) throw new NotFoundError('No such idea')
        throw new StaleVersionError(latest, 'Someone else changed this idea')
      }
      await this.audited(trx, actor, {
        action: 'insight.idea-changed',
        things,
        subject: { type: 'idea', id: idea.id },
        summary: name => `Changed an idea${name ? ` for ${name}` : ''}`,
      })
    })
  }

  /** Links an idea to a published piece of insight behind it. */
  async linkIdea(actor: Actor, idea: Idea, insightId: string): Promise<void> {
    const insight = await this.repo.find(this.db, insightId)
    if (!insight || insight.status !== 'published') throw new ValidationError({ insightId: 'Choose published insight' })
    const things = await this.taggedThings(insight.id)
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.link(trx, idea.id, insight.id)))
        throw new ValidationError({ insightId: 'That insight is behind this idea already' })
      await this.event(trx, actor, insight.id, `Linked to the idea ‘${idea.title}’`)
      await this.audited(trx, actor, {
        action: 'insight.idea-linked',
        things,
        subject: { type: 'idea', id: idea.id },
        summary: name => `Linked an idea to a ${kindName(insight)}${name ? ` tagged to ${name}` : ''}`,
      })
    })
  }

  async unlinkIdea(actor: Actor, idea: Idea, insightId: string): Promise<void> {
    const insight = await this.repo.find(this.db, insightId)
    if (!insight) throw new NotFoundError('No such insight')
    const things = await this.taggedThings(insight.id)
    await this.db.transaction().execute(async trx => {
      if (!(await this.repo.unlink(trx, idea.id, insight.id))) throw new NotFoundError('No such link')
      await this.event(trx, actor, insight.id, `No longer linked to the idea ‘${idea.title}’`)
      await this.audited(trx, actor, {
        action: 'insight.idea-unlinked',
        things,
        subject: { type: 'idea', id: idea.id },
        summary: name => `Unlinked an idea from a ${kindName(insight)}${name ? ` tagged to ${name}` : ''}`,
      })
    })
  }
}
