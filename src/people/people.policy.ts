// Who may see and change what about the people of the profession. A viewer is the signed-in
// person with their own profession profile (area, head of profession).
//
// Personal records (check-ins, assessments, development plans) are seen by the person, their line
// manager, the leaders of their business area, and heads of profession: by nobody else. The one
// addition is an associate's development plan, which their associated senior product manager
// also sees (development.policy.ts); never their check-ins. 1:1 notes are private to the two
// people in the 1:1.
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Person } from './people.types.ts'

const isLeader = (v: Viewer) => v.user.role === 'leader'
const isAdmin = (v: Viewer) => v.user.role === 'administrator'
const sameArea = (v: Viewer, p: Pick<Person, 'businessArea'>) =>
  v.businessArea !== null && v.businessArea !== '' && v.businessArea === p.businessArea

/** The list of people and their profiles. */
export const canListPeople = (v: Viewer | null): boolean =>
  v !== null && (isAdmin(v) || isLeader(v) || v.headOfProfession)

/** Change someone's career role, manager, area and so on; import people. Leaders: their own area. */
export const canManagePerson = (v: Viewer | null, p: Pick<Person, 'businessArea' | 'id'>): boolean =>
  v !== null && (isAdmin(v) || v.headOfProfession || (isLeader(v) && sameArea(v, p)))

export const canImportPeople = (v: Viewer | null): boolean => v !== null && (isAdmin(v) || v.headOfProfession)

/**
 * A person's profile page (who they are, role history): whoever the list of people shows them to
 * (a leader sees only their own area's people), and the person, their line manager and their
 * associated senior.
 */
export const canSeeProfile = (
  v: Viewer | null,
  p: Pick<Person, 'id' | 'businessArea' | 'lineManagerId' | 'associateOfId'>,
): boolean =>
  v !== null &&
  (v.user.id === p.id ||
    v.user.id === p.lineManagerId ||
    v.user.id === p.associateOfId ||
    isAdmin(v) ||
    v.headOfProfession ||
    (isLeader(v) && sameArea(v, p)))

/** Check-ins, assessments and development plans (to which development.policy.ts adds the associated senior). */
export const canSeePersonalRecord = (
  v: Viewer | null,
  p: Pick<Person, 'id' | 'businessArea' | 'lineManagerId'>,
): boolean =>
  v !== null &&
  (v.user.id === p.id || v.user.id === p.lineManagerId || (isLeader(v) && sameArea(v, p)) || v.headOfProfession)

/** The manager's side of a check-in is given by the line manager only. */
export const canReviewCheckin = (v: Viewer | null, p: Pick<Person, 'lineManagerId'>): boolean =>
  v !== null && v.user.id === p.lineManagerId

/** 1:1 notes are private to the two people. */
export const canSeeOneToOne = (v: Viewer | null, meeting: { personId: string; withId: string }): boolean =>
  v !== null && (v.user.id === meeting.personId || v.user.id === meeting.withId)

/** The capability and pathway views: heads of profession see everyone, leaders their own area. */
export const canSeeProfessionViews = (v: Viewer | null): boolean => v !== null && (v.headOfProfession || isLeader(v))
export const professionScope = (v: Viewer): { businessArea: string | null } =>
  v.headOfProfession ? { businessArea: null } : { businessArea: v.businessArea ?? '__none__' }

/** Framework proposals are made and reviewed by heads of profession (or an administrator reviews). */
export const canProposeFrameworkChange = (v: Viewer | null): boolean => v !== null && v.headOfProfession
export const canReviewFrameworkProposal = (v: Viewer | null, proposal: { proposedBy: string }): boolean =>
  v !== null && (v.headOfProfession || isAdmin(v)) && v.user.id !== proposal.proposedBy
export const canMigrateFramework = (v: Viewer | null): boolean => v !== null && (v.headOfProfession || isAdmin(v))

/**
 * Making someone a head of profession, or no longer one: an administrator or a head of profession,
 * and never for themselves, so the flag is always granted by a second person.
 */
export const canSetHeadOfProfession = (v: Viewer | null, p: Pick<Person, 'id'>): boolean =>
  v !== null && (isAdmin(v) || v.headOfProfession) && v.user.id !== p.id

/** Whom the list of people shows: everyone to administrators and heads of profession, a leader their own area. */
export const peopleScope = (v: Viewer): { businessArea: string | null } =>
  isAdmin(v) || v.headOfProfession ? { businessArea: null } : { businessArea: v.businessArea || '__none__' }

/** An import may give new accounts the editor, leader or administrator role: administrators only. */
export const canSetAccountRoles = (v: Viewer | null): boolean => v !== null && isAdmin(v)

/** Whether someone may put people in any business area (a leader keeps people in their own). */
export const canPlaceInAnyArea = (v: Viewer | null): boolean => v !== null && (isAdmin(v) || v.headOfProfession)
