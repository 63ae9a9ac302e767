// The strategy page's parts: every document kind of the registry and every relational part
// (roadmap, metrics and the rest) gives the page the same shape of summary, so the page, its print
// version and its health flags treat them alike.
import { nextAssessment } from './assessments/assessments.service.ts'
import { assessmentsMarkdown, assessmentsPart } from './assessments/assessments.views.ts'
import { decisionsMarkdown, decisionsPart } from './decisions/decisions.views.ts'
import type { StrategyDocument } from './documents.service.ts'
import { healthPart } from './health/health.views.ts'
import { hypothesesFlags, hypothesesMarkdown, hypothesesPart } from './hypotheses/hypotheses.views.ts'
import { metricsMarkdown, metricsPart } from './metrics/metrics.views.ts'
import { nameGuidance } from './naming/naming.ts'
import {
  prioritisationFlags,
  prioritisationMarkdown,
  prioritisationPart,
} from './prioritisation/prioritisation.views.ts'
import type { Product } from './products.types.ts'
import { documentCard } from './products.views.ts'
import { reviewFlags, reviewsMarkdown, reviewsPart } from './reviews/reviews.views.ts'
import { itemsWithoutMetricFlags, roadmapFlags, roadmapMarkdown, roadmapPart } from './roadmap/roadmap.views.ts'
import type { FlagFacts } from './strategy.repository.ts'
import { markdownText, type MarkdownSection } from './strategy.markdown.ts'
import type { FullStrategy, StrategyOverview } from './strategy.service.ts'

/** Something the page should warn about, such as a missing problem statement. */
export interface StrategyFlag {
  text: string
  href: string
}

export interface StrategyPart {
  slug: string
  name: string
  purpose: string
  href: string
  /** Nothing is recorded yet. */
  empty: boolean
  lines: string[]
  notes: string[]
  updatedAt: string | null
  updatedByName: string | null
}

/** A document's part of the page. */
export function documentPart(doc: StrategyDocument, productId: string): StrategyPart {
  const card = documentCard(doc, productId)
  return {
    slug: card.slug,
    name: card.name,
    purpose: card.purpose,
    href: card.href,
    empty: !card.written,
    lines: card.lines,
    notes: card.notes,
    updatedAt: card.updatedAt,
    updatedByName: card.updatedByName,
  }
}

/** The flags the documents raise: today, only a missing problem statement. */
export function documentFlags(docs: readonly StrategyDocument[], productId: string): StrategyFlag[] {
  const problem = docs.find(d => d.kind.slug === 'problem-statement')
  return problemStatementFlags(productId, !(problem && problem.version === 0))
}

/** A missing problem statement's flag (a statement is written once its document exists). */
export function problemStatementFlags(productId: string, written: boolean): StrategyFlag[] {
  return written
    ? []
    : [{ text: 'There is no problem statement yet', href: `/products/${productId}/problem-statement/edit` }]
}

/**
 * Every part of the strategy page, in page order: the documents, then the relational parts. An
 * area's or the organisation's strategy shows the objectives set at its level, and has no service
 * assessments.
 */
export function strategyParts(product: Product, s: StrategyOverview): StrategyPart[] {
  const thing = product.scope === 'thing'
  const parts = [
    ...s.docs.map(d => documentPart(d, product.id)),
    roadmapPart(s.board, product.id),
    metricsPart(s.metrics, product.id),
    s.objectives,
    hypothesesPart(s.hypotheses, product.id, s.today),
    prioritisationPart(product.id, { ...s.options, criteria: s.options.criteria.criteria }),
    decisionsPart(product.id, s.decisions),
    reviewsPart(product.id, s.reviews),
  ]
  if (thing && product.kind === 'service')
    parts.push(assessmentsPart(product.id, s.assessments, nextAssessment(product, s.assessments, s.today)))
  parts.push(healthPart(product.id, s.health))
  return parts
}

/**
 * What is missing or stale, most basic first. Naming advice is for services in the catalogue; an
 * area or the organisation is not named like a service.
 */
export function strategyFlags(product: Product, s: StrategyOverview): StrategyFlag[] {
  return [
    ...(product.scope === 'thing' && nameGuidance(product)
      ? [{ text: 'The name starts with a noun', href: '#name-guidance' }]
      : []),
    ...documentFlags(s.docs, product.id),
    ...roadmapFlags(s.board, product.id),
    ...hypothesesFlags(s.hypotheses, product.id, s.today),
    ...reviewFlags(product.id, s.reviews[0]?.heldOn ?? null, s.today),
    ...prioritisationFlags(product.id, s.options.quarters),
  ]
}

/**
 * The same flags as strategyFlags, from the few facts they rest on, read for many things at once
 * (StrategyService.flagsOfMany): every flag, in the same order, with the same words and links.
 */
export function strategyFlagsFrom(product: Product, f: FlagFacts, today: string): StrategyFlag[] {
  return [
    ...(nameGuidance(product) ? [{ text: 'The name starts with a noun', href: '#name-guidance' }] : []),
    ...problemStatementFlags(product.id, f.problemStatement),
    ...itemsWithoutMetricFlags(f.itemsWithoutMetric, product.id),
    ...hypothesesFlags(f.openHypotheses, product.id, today),
    ...reviewFlags(product.id, f.lastReviewOn, today),
    ...prioritisationFlags(product.id, f.quarters),
  ]
}

/** The relational parts as sections of the Markdown export. */
export function strategySections(product: Product, s: FullStrategy): MarkdownSection[] {
  return [
    roadmapMarkdown(s.board),
    metricsMarkdown(s.measured),
    hypothesesMarkdown(s.hypotheses),
    {
      heading: 'Prioritisation',
      lines: prioritisationMarkdown({ ...s.options, criteria: s.options.criteria.criteria }, markdownText),
    },
    { heading: 'Decisions', lines: decisionsMarkdown(s.allDecisions, markdownText) },
    { heading: 'Strategy reviews', lines: reviewsMarkdown(s.fullReviews, markdownText) },
    ...(product.scope === 'thing' && (product.kind === 'service' || s.assessments.length > 0)
      ? [assessmentsMarkdown(s.assessments, s.evidence)]
      : []),
  ]
}
