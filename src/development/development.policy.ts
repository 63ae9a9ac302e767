// Who may see and change development plans, 1:1s and rotations. Built on the people policies:
//
// - A development plan is a personal record: the person, their line manager, the leaders of their
//   area and heads of profession see it; the person and their line manager change it. An
//   associate's associated senior product manager supports their development as their line
//   manager does, so, as with their 1:1s and rotations, sees and changes their plan too. They do
//   not see the associate's check-ins: those stay with canSeePersonalRecord.
// - 1:1s belong to the two people in them. The list of a person's 1:1s (dates and who with) is
//   for the person, their line manager and their associated senior product manager; agendas,
//   notes and actions only for the two people in each 1:1. Leaders and heads of profession do
//   not see them.
// - Rotations are seen by the person and by those who arrange them: their line manager, their
//   associated senior product manager, the leaders of their area and heads of profession.
import { canSeeOneToOne, canSeePersonalRecord } from '../people/people.policy.ts'
import type { Viewer } from '../platform/auth/viewer.ts'
import type { Person } from '../people/people.types.ts'
import { canSeePathway } from '../pathway/pathway.policy.ts'

type Subject = Pick<Person, 'id' | 'businessArea' | 'lineManagerId' | 'associateOfId'>

const isSelf = (v: Viewer, p: Subject) => v.user.id === p.id
const isLineManager = (v: Viewer, p: Subject) => p.lineManagerId !== null && v.user.id === p.lineManagerId
const isAssociatedSenior = (v: Viewer, p: Subject) => p.associateOfId !== null && v.user.id === p.associateOfId
const leadsArea = (v: Viewer, p: Subject) =>
  v.user.role === 'leader' && v.businessArea !== null && v.businessArea !== '' && v.businessArea === p.businessArea

export const ASSOCIATE_ROLE = 'associate-product-manager'

// ---- Development plan ----

export const canSeePlan = (v: Viewer | null, p: Subject): boolean =>
  canSeePersonalRecord(v, p) || (v !== null && isAssociatedSenior(v, p))

/** Adding and changing goals, and writing progress notes: the person, line manager and associated senior. */
export const canChangePlan = (v: Viewer | null, p: Subject): boolean =>
  v !== null && (isSelf(v, p) || isLineManager(v, p) || isAssociatedSenior(v, p))

/** The person's pathway and check-ins, for the tab beside the plan: not the associated senior. */
export { canSeePathway }

// ---- 1:1s ----

/** The people a person has 1:1s with: their line manager and associated senior product manager. */
export function oneToOnePartners(p: Pick<Person, 'lineManagerId' | 'associateOfId'>): string[] {
  return [...new Set([p.lineManagerId, p.associateOfId].filter((id): id is string => id !== null && id !== ''))]
}

/** The list of a person's 1:1s: when they were held and with whom. */
export const canSeeOneToOnes = (v: Viewer | null, p: Subject): boolean =>
  v !== null && (isSelf(v, p) || isLineManager(v, p) || isAssociatedSenior(v, p))

/** Recording a 1:1: the person or one of the people they have 1:1s with. */
export const canRecordOneToOne = (v: Viewer | null, p: Subject): boolean =>
  canSeeOneToOnes(v, p) && oneToOnePartners(p).length > 0

/** Whom the viewer may say a new 1:1 was with: they must be one of the two people in it. */
export function withChoicesFor(v: Viewer, p: Subject): string[] {
  const partners = oneToOnePartners(p)
  return isSelf(v, p) ? partners : partners.filter(id => id === v.user.id)
}

/** Agenda, notes and actions of one 1:1: the two people in it, nobody else. */
export const canSeeMeeting = (v: Viewer | null, meeting: { personId: string; withId: string }): boolean =>
  canSeeOneToOne(v, meeting)
export const canChangeMeeting = canSeeMeeting

// ---- Rotations ----

export const canSeeRotations = (v: Viewer | null, p: Subject): boolean =>
  v !== null && (isSelf(v, p) || canManageRotations(v, p))

/** Adding and changing placements: line manager, associated senior, leaders of the area, heads of profession. */
export const canManageRotations = (v: Viewer | null, p: Subject): boolean =>
  v !== null && (isLineManager(v, p) || isAssociatedSenior(v, p) || leadsArea(v, p) || v.headOfProfession)

/** Placements are for associate product managers. */
export const canAddRotation = (v: Viewer | null, p: Subject & Pick<Person, 'careerRole'>): boolean =>
  canManageRotations(v, p) && p.careerRole === ASSOCIATE_ROLE
