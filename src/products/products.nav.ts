// The catalogue's navigation item: products and services, for everyone signed in.
import type { Nav } from '../platform/http/navigation.ts'
import { canSeeProducts } from './products.policy.ts'

export const nav: Nav = viewer =>
  canSeeProducts(viewer) ? [{ key: 'products', text: 'Products', href: '/products' }] : []
