// Moving between framework versions: where a move can go, the plan a reviewer checks, and what
// the move did.
import { type ProposalChange } from './framework.repository.ts'
import type { FrameworkVersion, VersionDocument, VersionSkill, VersionSummary } from './framework.types.ts'
import type { Base } from './framework.document.ts'

// ---- Moving between versions --------------------------------------------------------------------

/**
 * Where a migration goes: to a bundled framework (a new current version, carrying from the current
 * one), or into the current version from an older one (after proposals have changed the framework).
 */
export type MigrationTarget = { kind: 'bundled'; base: Base } | { kind: 'version'; from: number }

export const targetKey = (t: MigrationTarget): string =>
  t.kind === 'bundled' ? `bundled-${t.base}` : `version-${t.from}`

export function parseTargetKey(key: string): MigrationTarget | null {
  if (key === 'bundled-2025') return { kind: 'bundled', base: '2025' }
  if (key === 'bundled-2017') return { kind: 'bundled', base: '2017' }
  const match = /^version-(\d{1,6})$/.exec(key)
  return match ? { kind: 'version', from: Number(match[1]) } : null
}

export interface MigrationChoice {
  key: string
  title: string
  hint: string
}

export interface MigrationRow {
  skill: VersionSkill
  suggested: string | null
  selected: string | null
}

export interface MigrationPlan {
  key: string
  currentNumber: number
  from: VersionSummary & { document: VersionDocument }
  to: { number: number; name: string; isNew: boolean; document: VersionDocument }
  rows: MigrationRow[]
  targetSkills: VersionSkill[]
  /** People whose latest agreed check-in was made against the version carried from. */
  peopleToCarry: number
  /** Old skills that carry into nothing. */
  withoutSuccessor: VersionSkill[]
  /** Target skills that nothing carries into. */
  withoutSource: VersionSkill[]
}

/** An approved proposal's new version, and what happened to people's agreed levels. */
export interface ApprovedVersion extends FrameworkVersion {
  /** People whose agreed levels were carried into the new version as they were. */
  peopleCarried: number
  /**
   * When the change retires a skill people hold a level in: the version their levels are still
   * in, to carry from once someone has chosen where the retired skill's levels go. Otherwise null.
   */
  mappingFrom: number | null
}

/** Whether a change leaves every skill that stays meaning what it meant, so levels carry as they are. */
export const keepsSkillsMeaning = (change: ProposalChange): boolean => change.kind !== 'retire-skill'

export interface MigrationResult {
  versionNumber: number
  /** Carried from this version number. */
  fromNumber: number
  /** Whether the move made a new version (a bundled framework), or carried into the current one. */
  newVersion: boolean
  peopleCarried: number
}
