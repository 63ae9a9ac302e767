// The pathway's navigation items: your own pathway once you are in the profession, and your team
// once someone has you as their line manager.
import type { Nav, NavItem } from '../platform/http/navigation.ts'

export const nav: Nav = viewer => {
  const items: NavItem[] = []
  if (viewer?.hasProfile) items.push({ key: 'pathway', text: 'Your pathway', href: '/pathway' })
  if (viewer?.managesSomeone) items.push({ key: 'team', text: 'Your team', href: '/team' })
  return items
}
