// The people the journeys act as. The administrator sets Valuekit up; the editor and the member
// are added through the People pages by the `setup` project (e2e/setup/first-run.spec.ts).
import { join } from 'node:path'
import { readRun } from './run.ts'

export type Role = 'administrator' | 'editor' | 'member'

export interface Person {
  readonly name: string
  readonly email: string
  readonly password: string
  /** The label of the role's radio button on the Add a person page. */
  readonly roleLabel: string
}

export const ORGANISATION = 'Department for Rural Affairs'

export const PEOPLE: Record<Role, Person> = {
  administrator: {
    name: 'Ada Lovell',
    email: 'ada.lovell@example.gov.uk',
    password: 'copper kettle winter lighthouse',
    roleLabel: 'Administrator',
  },
  editor: {
    name: 'Eddie Marsh',
    email: 'eddie.marsh@example.gov.uk',
    password: 'violet tractor sandwich meadow',
    roleLabel: 'Editor',
  },
  member: {
    name: 'Mo Patel',
    email: 'mo.patel@example.gov.uk',
    password: 'harbour pencil giraffe autumn',
    roleLabel: 'Member',
  },
}

/** Where the signed-in browser state of each role is kept once the `setup` project has made it. */
export function storageStatePath(role: Role): string {
  return join(readRun().dataDir, `state-${role}.json`)
}
