// Who may see and do what with check-ins and pathways. The visibility of personal records is
// decided once, in people.policy.ts: the person, their line manager, the leaders of their area
// and heads of profession. These predicates add the stages of a check-in on top.
import { canReviewCheckin, canSeePersonalRecord } from '../people/people.policy.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Person } from '../people/people.types.ts'
import type { Checkin } from './pathway.repository.ts'

export { canReviewCheckin, canSeePersonalRecord, type Viewer }

type Subject = Pick<Person, 'id' | 'businessArea' | 'lineManagerId'>
type Stage = Pick<Checkin, 'personId' | 'status'>

const isSelf = (v: Viewer | null, p: Pick<Person, 'id'>): v is Viewer => v !== null && v.user.id === p.id

/** A person's pathway page and their check-ins. */
export const canSeePathway = (v: Viewer | null, p: Subject): boolean => canSeePersonalRecord(v, p)

/** Only the person starts a check-in about themselves. */
export const canStartCheckin = (v: Viewer | null, p: Pick<Person, 'id'>): boolean => isSelf(v, p)

/** The person fills in their own levels while the check-in is a draft, and never after. */
export const canAssessSelf = (v: Viewer | null, c: Stage): boolean =>
  v !== null && v.user.id === c.personId && c.status === 'draft'

/** A draft is the person's own until they submit it: others see that it exists, not what it says. */
export const canSeeSelfAssessment = (v: Viewer | null, c: Stage): boolean =>
  v !== null && (v.user.id === c.personId || c.status !== 'draft')

/** The line manager gives their view once the check-in is submitted, and may change it until it is agreed. */
export const canGiveManagerView = (v: Viewer | null, p: Pick<Person, 'lineManagerId'>, c: Stage): boolean =>
  canReviewCheckin(v, p) && (c.status === 'submitted' || c.status === 'reviewed')

/** The line manager records the agreed levels after giving their own view. */
export const canRecordAgreement = (v: Viewer | null, p: Pick<Person, 'lineManagerId'>, c: Stage): boolean =>
  canReviewCheckin(v, p) && c.status === 'reviewed'

/** "Add to my plan" links are for the person themself. */
export const canAddToOwnPlan = (v: Viewer | null, p: Pick<Person, 'id'>): boolean => isSelf(v, p)

/** The team page is for line managers: people with at least one line report. */
export const canSeeTeam = (v: Viewer | null, hasReports: boolean): boolean => v !== null && hasReports
