// The objectives' navigation item: for everyone signed in.
import type { Nav } from '../platform/http/navigation.ts'
import { canSeeObjectives } from './objectives.policy.ts'

export const nav: Nav = viewer =>
  canSeeObjectives(viewer) ? [{ key: 'objectives', text: 'Objectives', href: '/objectives' }] : []
