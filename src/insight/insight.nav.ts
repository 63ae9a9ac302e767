// Insight's navigation item: the backlog, for everyone signed in.
import type { Nav } from '../platform/http/navigation.ts'
import { canSeeInsight } from './insight.policy.ts'

export const nav: Nav = viewer => (canSeeInsight(viewer) ? [{ key: 'insight', text: 'Insight', href: '/insight' }] : [])
