// Who sees which leaders' view, and who records the leadership team's balance of work.
// - The organisation view: heads of product (the head of product role, or a head of profession)
//   and administrators.
// - An area's view: those, and the lead of that area (a lead product manager in it, or a leader
//   whose area it is).
// - A group's view (a group lives in an area): those, and the senior product manager of that
//   group (in that area and group).
// - The portfolio balance is the leadership team's own work: heads of product, area leads and
//   administrators read and record it.
// Every strategy stays open to everyone signed in (products.policy.ts): these views only gather
// what each leader steers.
import type { Viewer } from '../platform/auth/viewer.ts'
import { HEAD_OF_PRODUCT, LEAD_PRODUCT_MANAGER, SENIOR_PRODUCT_MANAGER } from '../products/products.policy.ts'

const isAdmin = (v: Viewer) => v.user.role === 'administrator'
const isHeadOfProduct = (v: Viewer) => v.headOfProfession || v.careerRole === HEAD_OF_PRODUCT
const isAreaLead = (v: Viewer) => v.careerRole === LEAD_PRODUCT_MANAGER || v.user.role === 'leader'
const leadsArea = (v: Viewer, area: string) => area !== '' && v.businessArea === area && isAreaLead(v)
const leadsGroup = (v: Viewer, area: string, group: string) =>
  area !== '' && group !== '' && v.businessArea === area && v.group === group && v.careerRole === SENIOR_PRODUCT_MANAGER

export const canSeeOrganisationView = (v: Viewer | null): boolean => v !== null && (isAdmin(v) || isHeadOfProduct(v))

export const canSeeAreaView = (v: Viewer | null, area: string): boolean =>
  v !== null && (canSeeOrganisationView(v) || leadsArea(v, area))

export const canSeeGroupView = (v: Viewer | null, area: string, group: string): boolean =>
  v !== null && (canSeeAreaView(v, area) || leadsGroup(v, area, group))

/** The portfolio's front page: anyone with at least one view (their own area or group, or more). */
export const canSeePortfolio = (v: Viewer | null): boolean =>
  v !== null &&
  (canSeeOrganisationView(v) ||
    (v.businessArea !== null && leadsArea(v, v.businessArea)) ||
    (v.businessArea !== null && v.group !== null && leadsGroup(v, v.businessArea, v.group)))

export const canSeeBalance = (v: Viewer | null): boolean =>
  v !== null && (isAdmin(v) || isHeadOfProduct(v) || (v.businessArea !== null && leadsArea(v, v.businessArea)))

export const canRecordBalance = canSeeBalance
