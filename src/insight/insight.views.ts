// Presenters for insight: the backlog with its filters and pages, a piece of insight with its
// tags, ideas and history, the forms' choices, the moderation queue, ideas, and the section
// "What do we know about this problem?" that a roadmap item's page shows.
import { formatDate, formatDateTime } from '../platform/dates.ts'
import { datePartsOf, readDateParts, type FormErrors, type FormValues } from '../platform/forms.ts'
import { pagination } from '../platform/pagination.ts'
import type { ItemSection } from '../products/roadmap/roadmap.types.ts'
import {
  INSIGHT_KIND_HINTS,
  INSIGHT_KIND_LABELS,
  INSIGHT_KINDS,
  PUBLIC_SOURCE,
  type BacklogFilter,
  type BacklogPage,
  type HeldInsight,
  type IdeaRecord,
  type Insight,
  type InsightEvent,
  type InsightRecord,
  type ProblemGroup,
  type ProblemKnowledge,
} from './insight.types.ts'

export const insightHref = (id: string, rest = '') => `/insight/${id}${rest}`
export const ideaHref = (id: string, rest = '') => `/insight/ideas/${id}${rest}`
export const itemPageHref = (productId: string, itemId: string) => `/products/${productId}/roadmap/${itemId}`

/** "Research finding · 3 November 2026 · Usability testing, round 3" */
export const insightMeta = (i: Pick<Insight, 'kind' | 'observedOn' | 'source'>) =>
  `${INSIGHT_KIND_LABELS[i.kind]} · ${formatDate(i.observedOn)} · ${i.source}`

/** The kind radios, with a hint for each. */
export function kindItems(chosen: unknown) {
  return INSIGHT_KINDS.map(k => ({
    value: k,
    text: INSIGHT_KIND_LABELS[k],
    hint: { text: INSIGHT_KIND_HINTS[k] },
    checked: chosen === k,
  }))
}

/** A piece of insight as the form's values. */
export function insightValues(i: Insight): FormValues {
  const date = datePartsOf(i.observedOn)
  return {
    title: i.title,
    kind: i.kind,
    source: i.source,
    'observedOn-day': date.day,
    'observedOn-month': date.month,
    'observedOn-year': date.year,
    evidence: i.evidence,
    version: String(i.version),
  }
}

export interface ProblemChoice {
  id: string
  problem: string
}

/** The insight form: what was typed (or today's date to start with), the kinds and any problems to tag. */
export function insightFormView(
  values: FormValues,
  o: { today: string; problems?: readonly ProblemChoice[]; errors?: FormErrors | undefined },
) {
  const typed = readDateParts(values, 'observedOn')
  const started = typed.day || typed.month || typed.year || 'observedOn-day' in values
  const chosenItem = typeof values.itemId === 'string' ? values.itemId : ''
  return {
    values,
    errors: o.errors,
    observedOn: started ? typed : datePartsOf(o.today),
    kindItems: kindItems(values.kind),
    itemItems: o.problems?.length
      ? [
          { value: '', text: 'None: the thing as a whole', selected: chosenItem === '' },
          ...o.problems.map(p => ({ value: p.id, text: p.problem, selected: p.id === chosenItem })),
        ]
      : [],
  }
}

/** The backlog: its rows, the filters as chosen, a sentence on what is shown, and its page links. */
export function backlogView(
  page: BacklogPage,
  filter: BacklogFilter,
  o: { matches?: readonly { id: string; name: string }[] | null; thingName?: string; problem?: string | null },
) {
  const query = (n: number, f: BacklogFilter = filter) => {
    const p = new URLSearchParams()
    if (f.q) p.set('q', f.q)
    if (f.kind) p.set('kind', f.kind)
    if (f.productId) p.set('product', f.productId)
    else if (f.thing) p.set('thing', f.thing)
    if (f.itemId) p.set('item', f.itemId)
    if (f.origin) p.set('origin', f.origin)
    if (n > 1) p.set('page', String(n))
    const s = p.toString()
    return s ? `/insight?${s}` : '/insight'
  }
  const matches = o.matches ?? null
  return {
    rows: page.items.map(i => ({
      href: insightHref(i.id),
      title: i.title,
      meta: insightMeta(i),
      things: i.things.map(t => t.productName).join(', '),
      fromPublic: i.origin === 'public',
    })),
    total: page.total,
    filtered: Boolean(filter.q || filter.kind || filter.productId || filter.thing || filter.itemId || filter.origin),
    q: filter.q ?? '',
    problem: filter.itemId ? (o.problem ?? 'a problem on a roadmap') : null,
    itemId: filter.itemId ?? '',
    kindItems: [
      { value: '', text: 'Any kind', selected: !filter.kind },
      ...INSIGHT_KINDS.map(k => ({ value: k, text: INSIGHT_KIND_LABELS[k], selected: filter.kind === k })),
    ],
    /** What the filter by thing shows: the words typed, or the name of the thing chosen. */
    thing: filter.thing ?? o.thingName ?? '',
    /** The things the words found, when they found none or several: each a link to its insight. */
    thingMatches:
      matches && matches.length !== 1
        ? {
            words: filter.thing ?? '',
            things: matches.map(t => ({
              name: t.name,
              href: query(1, { ...filter, thing: undefined, productId: t.id }),
            })),
          }
        : null,
    originItems: [
      { value: '', text: 'Anyone', selected: !filter.origin },
      { value: 'team', text: 'Added by a team', selected: filter.origin === 'team' },
      { value: 'public', text: 'Left by the public', selected: filter.origin === 'public' },
    ],
    pagination: pagination({ page: page.page, pages: page.pages, href: query, landmarkLabel: 'Pages of insight' }),
  }
}

/** A piece of insight's page: its facts, tags, ideas and whether it came from the public. */
export function insightView(r: InsightRecord) {
  return {
    insight: r,
    kind: INSIGHT_KIND_LABELS[r.kind],
    observedOn: formatDate(r.observedOn),
    addedBy:
      r.origin === 'public' ? `Left by a member of the public (${PUBLIC_SOURCE})` : `Added by ${r.createdByName}`,
    addedOn: formatDate(r.createdAt),
    things: r.things.map(t => ({ ...t, href: `/products/${t.productId}` })),
    problems: r.problems.map(p => ({ ...p, href: itemPageHref(p.productId, p.itemId) })),
    ideas: r.ideas.map(i => ({ ...i, href: ideaHref(i.id) })),
    mergedInto: r.mergedIntoId
      ? { title: r.mergedIntoTitle ?? 'another piece of insight', href: insightHref(r.mergedIntoId) }
      : null,
  }
}

/** A piece of insight's history for appHistoryList, newest first. */
export function historyItems(events: readonly InsightEvent[]) {
  return events.map(e => ({
    title: e.title,
    byline: `By ${e.recordedByName}`,
    datetime: e.recordedAt,
    dateText: formatDateTime(e.recordedAt),
    text: e.note,
  }))
}

/** Search results to choose from (a duplicate to merge, insight behind an idea). */
export function candidateRows(found: readonly Insight[]) {
  return found.map(i => ({
    id: i.id,
    title: i.title,
    meta: insightMeta(i),
    version: i.version,
    href: insightHref(i.id),
  }))
}

/**
 * "What do we know about this problem?" for a roadmap item's page: the published insight tagged to
 * it, newest first, and the ideas that answer it or rest on that insight, with links to add more.
 */
export function knowledgeSection(
  known: ProblemKnowledge,
  o: { productId: string; itemId: string; canAdd: boolean },
): ItemSection {
  const count = known.insight.length
  return {
    key: 'what-we-know',
    heading: 'What do we know about this problem?',
    intro:
      count === 0
        ? 'No insight is tagged to this problem yet. Tag research findings, feedback, support contacts and analytics observations to it, so the team can see the evidence.'
        : `${count} ${count === 1 ? 'piece' : 'pieces'} of insight ${count === 1 ? 'is' : 'are'} tagged to this problem.`,
    groups: [
      {
        heading: 'Insight',
        empty: 'None yet.',
        rows: known.insight.map(i => ({ text: i.title, href: insightHref(i.id), meta: insightMeta(i) })),
      },
      {
        heading: 'Ideas',
        empty: 'No ideas yet.',
        rows: known.ideas.map(i => ({
          text: i.title,
          href: ideaHref(i.id),
          meta:
            i.insightCount === 0
              ? 'No insight behind it yet'
              : `${i.insightCount} ${i.insightCount === 1 ? 'piece' : 'pieces'} of insight behind it`,
        })),
      },
    ],
    actions: [
      ...(count > 0
        ? [{ text: 'See this insight in the backlog', href: `/insight?product=${o.productId}&item=${o.itemId}` }]
        : []),
      ...(o.canAdd
        ? [
            { text: 'Add insight about this problem', href: `/insight/new?product=${o.productId}&item=${o.itemId}` },
            { text: 'Add an idea for this problem', href: `/insight/ideas/new?item=${o.itemId}` },
          ]
        : []),
    ],
  }
}

/** The moderation queue: each held piece with its thing and problem and what the visitor wrote. */
export function queueView(held: readonly HeldInsight[]) {
  return held.map(h => ({
    id: h.id,
    version: h.version,
    title: h.title,
    text: h.evidence,
    leftOn: formatDateTime(h.createdAt),
    productName: h.productName,
    productHref: h.productId ? `/products/${h.productId}` : null,
    problem: h.problem,
    approveAction: insightHref(h.id, '/approve'),
    rejectHref: insightHref(h.id, '/reject'),
  }))
}

/** The ideas list. */
export function ideaRows(ideas: readonly IdeaRecord[]) {
  return ideas.map(i => ({
    href: ideaHref(i.id),
    title: i.title,
    problem: i.problem,
    productName: i.productName,
    insightCount: i.insight.length,
    addedOn: formatDate(i.createdAt),
  }))
}

/** An idea's page. */
export function ideaView(i: IdeaRecord) {
  return {
    idea: i,
    problemHref: i.productId && i.itemId ? itemPageHref(i.productId, i.itemId) : null,
    insight: i.insight.map(x => ({
      ...x,
      href: insightHref(x.id),
      kind: INSIGHT_KIND_LABELS[x.kind],
      merged: x.status === 'merged',
    })),
    addedOn: formatDate(i.createdAt),
  }
}

/** The idea form: what was typed, and the problems it could answer, grouped by thing. */
export function ideaFormView(values: FormValues, groups: readonly ProblemGroup[], errors?: FormErrors) {
  const chosen = typeof values.itemId === 'string' ? values.itemId : ''
  const items: { value: string; text: string; selected: boolean }[] = []
  if (groups.some(g => g.problems.length)) {
    items.push({ value: '', text: 'None yet', selected: chosen === '' })
    for (const g of groups)
      for (const p of g.problems)
        items.push({ value: p.id, text: `${g.productName}: ${p.problem}`, selected: p.id === chosen })
  }
  return { values, errors, itemItems: items }
}
