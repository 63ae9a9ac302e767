// The people capability's navigation item: the list of people, for those who may see it.
import type { Nav } from '../platform/http/navigation.ts'
import { canListPeople } from './people.policy.ts'

export const nav: Nav = viewer => (canListPeople(viewer) ? [{ key: 'people', text: 'People', href: '/people' }] : [])
