// The people capability's domain types: what other capabilities import (with the people
// service), never the people repository.

export interface Person {
  id: string
  name: string
  email: string
  accountRole: string
  accountStatus: string
  hasProfile: boolean
  careerRole: string | null
  lineManagerId: string | null
  lineManagerName: string | null
  /** Set whenever the person is read from the database. */
  lineManagerEmail?: string | null
  associateOfId: string | null
  associateOfName: string | null
  associateOfEmail?: string | null
  businessArea: string
  group: string
  dateIntoRole: string | null
  headOfProfession: boolean
  oneToOneCadenceDays: number
  version: number
  updatedAt: string | null
}

export interface ProfileChanges {
  careerRole: string
  lineManagerId: string | null
  associateOfId: string | null
  businessArea: string
  group: string
  dateIntoRole: string | null
  headOfProfession: boolean
  oneToOneCadenceDays: number
}

export interface HistoryEntry {
  id: string
  personId: string
  careerRole: string
  businessArea: string
  group: string
  lineManagerId: string | null
  change: string
  fromDate: string
  recordedAt: string
  recordedByName: string
}

/** A history entry as shown: with the name of the line manager at the time. */
export interface HistoryView extends HistoryEntry {
  lineManagerName: string | null
}

export interface PeopleFilter {
  businessArea?: string
  group?: string
  careerRole?: string
  withProfileOnly?: boolean
  /** Accounts that are not (yet) in the profession. */
  withoutProfileOnly?: boolean
  /** Words each of which the name or the email address must contain, whatever their case. */
  q?: string
  /** People whose line manager is this account. */
  lineManagerId?: string
  /** Accounts with this role (member, editor, leader, administrator). */
  accountRole?: string
}

/** An account as offered in a list of choices (line manager, associated senior). */
export interface AccountChoice {
  id: string
  name: string
  email: string
}

/** A profile change from an import, saved only if the profile is still at expectedVersion. */
export interface ProfileUpdate {
  id: string
  changes: ProfileChanges
  expectedVersion: number
}
