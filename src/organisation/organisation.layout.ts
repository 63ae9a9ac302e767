// What the page header and footer show of the organisation: used by the live site's layout and
// by the static handbook export, so the two cannot drift apart.
import type { Organisation } from './organisation.types.ts'

export const DEFAULT_BRAND_COLOUR = '#1d70b8'
export const SERVICE_NAME = 'Product profession'

export function brandColourOf(org: Organisation | null): string {
  const colour = org?.brandColour ?? ''
  return /^#[0-9a-f]{6}$/.test(colour) ? colour : DEFAULT_BRAND_COLOUR
}

export function organisationLayout(org: Organisation | null) {
  const brandColour = brandColourOf(org)
  return {
    name: org?.name ?? 'Valuekit',
    logoText: org?.logoText ?? 'Valuekit',
    serviceName: SERVICE_NAME,
    brandColour,
    brandCssUrl: `/brand.css?v=${brandColour.slice(1)}`,
    phase: org?.phase ?? 'none',
    feedbackUrl: org?.feedbackUrl ?? null,
    licenceText: `The handbook belongs to ${org?.name ?? 'its organisation'}. Ask its editors before you reuse it.`,
  }
}
