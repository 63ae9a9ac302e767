// The bundled facts of the career pathway that other capabilities tag things with: the roles,
// in order, and the skills of the 2025 framework plus the leadership capabilities. The
// versioned, editable framework (roles, skills, levels and descriptors) builds on these slugs.

export interface CatalogueRole {
  readonly slug: string
  readonly name: string
  /** Which pathway shapes use this role. */
  readonly shapes: readonly ('small' | 'medium' | 'enterprise')[]
}

export const ROLES: readonly CatalogueRole[] = [
  { slug: 'associate-product-manager', name: 'Associate product manager', shapes: ['small', 'medium', 'enterprise'] },
  { slug: 'product-manager', name: 'Product manager', shapes: ['small', 'medium', 'enterprise'] },
  { slug: 'senior-product-manager', name: 'Senior product manager', shapes: ['medium', 'enterprise'] },
  { slug: 'lead-product-manager', name: 'Lead product manager', shapes: ['enterprise'] },
  { slug: 'head-of-product', name: 'Head of product', shapes: ['small', 'medium', 'enterprise'] },
]

export interface CatalogueSkill {
  readonly slug: string
  readonly name: string
  readonly group: 'core' | 'leadership'
}

export const SKILLS: readonly CatalogueSkill[] = [
  { slug: 'agile-and-lean-practices', name: 'Agile and Lean practices', group: 'core' },
  { slug: 'applying-user-centred-insights', name: 'Applying user-centred insights', group: 'core' },
  { slug: 'creating-value-for-money', name: 'Creating value for money', group: 'core' },
  { slug: 'life-cycle-management', name: 'Life cycle management', group: 'core' },
  { slug: 'managing-product-outcomes', name: 'Managing product outcomes', group: 'core' },
  { slug: 'product-leadership', name: 'Product leadership', group: 'core' },
  { slug: 'product-management', name: 'Product management', group: 'core' },
  { slug: 'stakeholder-relationship-management', name: 'Stakeholder relationship management', group: 'core' },
  { slug: 'strategic-ownership', name: 'Strategic ownership', group: 'core' },
  { slug: 'business-strategy', name: 'Business strategy', group: 'leadership' },
  { slug: 'digital-transformation', name: 'Digital transformation', group: 'leadership' },
  { slug: 'teaching', name: 'Teaching', group: 'leadership' },
  { slug: 'mentoring', name: 'Mentoring', group: 'leadership' },
  { slug: 'coaching', name: 'Coaching', group: 'leadership' },
  { slug: 'facilitating', name: 'Facilitating', group: 'leadership' },
]

export const ROLE_SLUGS: readonly string[] = ROLES.map(r => r.slug)
export const SKILL_SLUGS: readonly string[] = SKILLS.map(s => s.slug)

const roleNames = new Map(ROLES.map(r => [r.slug, r.name]))
const skillNames = new Map(SKILLS.map(s => [s.slug, s.name]))

export const roleName = (slug: string): string => roleNames.get(slug) ?? slug
export const skillName = (slug: string): string => skillNames.get(slug) ?? slug
