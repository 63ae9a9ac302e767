// The portfolio's navigation item: for leaders with at least one view (their group, their area or
// the organisation) and for those who see the leadership team's balance.
import type { Nav } from '../platform/http/navigation.ts'
import { canSeeBalance, canSeePortfolio } from './portfolio.policy.ts'

export const nav: Nav = viewer =>
  canSeePortfolio(viewer) || canSeeBalance(viewer) ? [{ key: 'portfolio', text: 'Portfolio', href: '/portfolio' }] : []
