// The profession views' navigation item, for heads of profession and leaders.
import type { Nav } from '../platform/http/navigation.ts'
import { canSeeProfessionViews } from './profession.policy.ts'

export const nav: Nav = viewer =>
  canSeeProfessionViews(viewer) ? [{ key: 'profession', text: 'Profession', href: '/profession/capability' }] : []
