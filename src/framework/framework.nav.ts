// The framework's navigation item: everyone signed in reads the capability framework.
import type { Nav } from '../platform/http/navigation.ts'
import { canReadFramework } from './framework.policy.ts'

export const nav: Nav = viewer =>
  canReadFramework(viewer?.user ?? null) ? [{ key: 'framework', text: 'Framework', href: '/framework' }] : []
