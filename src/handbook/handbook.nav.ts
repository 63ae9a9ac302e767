// The handbook's navigation items: the handbook (for everyone when it is public), and the queue
// of suggested changes for the people who review them.
import type { Nav, NavItem } from '../platform/http/navigation.ts'
import { canReviewSuggestions } from './handbook.policy.ts'

export const nav: Nav = (viewer, site) => {
  const items: NavItem[] = []
  if (viewer || site.publicHandbook) items.push({ key: 'handbook', text: 'Handbook', href: '/handbook' })
  if (canReviewSuggestions(viewer?.user ?? null))
    items.push({ key: 'suggestions', text: 'Suggestions', href: '/handbook/suggestions' })
  return items
}
