// The strategy page's parts: every document kind of the registry and every relational part
// (roadmap, metrics and the rest) gives the page the same shape of summary, so the page, its print
// version and its health flags treat them alike.
import type { StrategyDocument } from './documents.service.ts'
import { documentCard } from './products.views.ts'

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
  return problem && problem.version === 0
    ? [{ text: 'There is no problem statement yet', href: `/products/${productId}/problem-statement/edit` }]
    : []
}
