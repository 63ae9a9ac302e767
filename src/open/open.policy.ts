// Who may do what with public pages. Anyone, signed in or not, reads what is published. The people
// who change a thing's strategy publish it and take it down; everyone signed in sees what was
// published before and what was held back, and why.
import type { Viewer } from '../platform/auth/viewer.ts'
import { canEditStrategy, canSeeProducts } from '../products/products.policy.ts'

export const canReadPublished = (): boolean => true

export const canSeePublishing = (viewer: Viewer | null): boolean => viewer !== null && canSeeProducts(viewer)

/** The same people who may change the thing's strategy. */
export const canPublish: typeof canEditStrategy = (viewer, product, members) =>
  canEditStrategy(viewer, product, members)
