// The home page's navigation item, for people who are signed in.
import type { Nav } from '../platform/http/navigation.ts'

export const nav: Nav = viewer => (viewer ? [{ key: 'home', text: 'Home', href: '/' }] : [])
