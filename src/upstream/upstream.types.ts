// Following an upstream handbook: what the upstream capability's service returns.

/**
 * current: nothing to decide (upstream has not changed since its text was last taken or kept);
 * changed: upstream changed the page since; new: a page upstream that this handbook has not got;
 * deleted: upstream no longer has the page (the local page stays).
 */
export type UpstreamState = 'current' | 'changed' | 'new' | 'deleted'

export interface UpstreamSource {
  source: string
  checkedAt: string
  checkedByName: string
}

export interface UpstreamPageRecord {
  upstreamSlug: string
  pageSlug: string | null
  title: string
  sectionSlug: string
  sectionTitle: string
  summary: string
  baseBody: string | null
  upstreamBody: string
  upstreamHash: string
  state: UpstreamState
  checkedAt: string
}
