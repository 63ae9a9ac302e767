// The registry of strategy document kinds, in the order the strategy page shows them. Adding a
// kind is a folder under src/products/kinds/ and one line here: the routes, history, diff,
// restore, Markdown, print and the authorization matrix all read this list.
import type { DocumentKind } from './kind.ts'
import { businessModelCanvas } from './business-model-canvas/business-model-canvas.kind.ts'
import { problemStatement } from './problem-statement/problem-statement.kind.ts'
import { teamOnion } from './team-onion/team-onion.kind.ts'
import { valuePropositionCanvas } from './value-proposition-canvas/value-proposition-canvas.kind.ts'
import { visionBoard } from './vision-board/vision-board.kind.ts'
import { wardleyMap } from './wardley-map/wardley-map.kind.ts'

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  problemStatement,
  valuePropositionCanvas,
  businessModelCanvas,
  visionBoard,
  teamOnion,
  wardleyMap,
]

const BY_SLUG = new Map(DOCUMENT_KINDS.map(k => [k.slug, k]))

export const KIND_SLUGS = DOCUMENT_KINDS.map(k => k.slug)

/** The kind with this address, or undefined. */
export const documentKind = (slug: string): DocumentKind | undefined => BY_SLUG.get(slug)
