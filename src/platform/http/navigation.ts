// Service navigation: each capability exports `nav(viewer, site)` from its own <capability>.nav.ts
// and app.ts concatenates them in order. A capability decides its own items from its own policies.
import type { Viewer } from '../auth/viewer.ts'

export interface NavItem {
  readonly key: string
  readonly text: string
  readonly href: string
}

/** What navigation may depend on besides the viewer: the organisation's public settings. */
export interface NavSite {
  readonly publicHandbook: boolean
}

export type Nav = (viewer: Viewer | null, site: NavSite) => readonly NavItem[]
