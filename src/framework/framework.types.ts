// The framework's domain types: what other capabilities may import (with the framework service),
// instead of reaching into the framework's repository.
import type { DbExecutor } from '../db/connect.ts'
import type { FrameworkRole, FrameworkSkill, Level } from './framework.bundled.ts'

/** A role in a stored version: retired roles stay in the document so old assessments still read. */
export interface VersionRole extends FrameworkRole {
  retired?: boolean
}

export interface VersionSkill extends FrameworkSkill {
  retired?: boolean
}

/** What a framework version holds: the bundled document shape, with retired roles and skills. */
export interface VersionDocument {
  key: string
  name: string
  source: string
  licence: string
  roles: VersionRole[]
  skills: VersionSkill[]
  expectations: Record<string, Record<string, Level | null>>
}

export type VersionStatus = 'current' | 'superseded'

export interface VersionSummary {
  id: string
  number: number
  name: string
  status: VersionStatus
  note: string
  createdAt: string
  createdBy: string | null
  createdByName: string
  approvedByName: string | null
}

export interface FrameworkVersion extends VersionSummary {
  document: VersionDocument
}

/** Old skill slug → the target skill it carries into, or null for none. */
export type SkillMapping = Record<string, string | null>

export interface MigrationRecord {
  id: string
  fromVersionId: string
  fromVersionNumber: number
  toVersionId: string
  toVersionNumber: number
  mapping: SkillMapping
  peopleCarried: number
  appliedAt: string
  appliedBy: string | null
  appliedByName: string
}

/** A person's latest agreed check-in, with what carrying it across needs. */
export interface AgreedCheckin {
  id: string
  personId: string
  roleSlug: string
  managerId: string | null
  profileRole: string | null
}

export interface AgreedRating {
  checkinId: string
  skillSlug: string
  agreedLevel: Level
}

export interface CarriedCheckin {
  id: string
  personId: string
  frameworkVersionId: string
  roleSlug: string
  managerId: string | null
  at: string
  note: string
  carriedFromId: string
}

export interface CarriedRating {
  checkinId: string
  skillSlug: string
  agreedLevel: Level
  agreedNote: string
}

/**
 * What a migration needs of the pathway, which owns check-ins: each person's latest agreed
 * check-in against a version, and a way to record carried-over ones, in the caller's transaction.
 * The pathway service implements it and the composition root hands it to the framework service.
 */
export interface CheckinLedger {
  countLatestAgreedAgainst(db: DbExecutor, versionId: string): Promise<number>
  latestAgreedCountsByVersion(db: DbExecutor): Promise<Map<string, number>>
  latestAgreedAgainst(
    db: DbExecutor,
    versionId: string,
  ): Promise<{ checkins: AgreedCheckin[]; ratings: AgreedRating[] }>
  recordCarriedOver(db: DbExecutor, checkins: CarriedCheckin[], ratings: CarriedRating[]): Promise<void>
}
